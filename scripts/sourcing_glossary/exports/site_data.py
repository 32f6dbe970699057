"""terms.json: the machine-readable list of terms that training tools and the site's own scripts
read; terms.js: what the embed script (assets/embed/glossary-links.js) reads on other sites;
terms-text.json: the words of each entry's text, for the term finder's search by meaning."""

from __future__ import annotations

import json
import re
from functools import partial

from ..model import Entry, Glossary
from ..render.reach import EntryParts, made
from ..text import citations
from ..urls import COMPARE_DIR, term_url

EMBED_GLOBAL = "sourcingGlossaryTerms"  # what terms.js sets and the embed script reads


def _names_and_summary(entry: Entry) -> dict:
    return {
        "slug": entry.slug,
        "term": entry.term,
        "aliases": list(entry.aliases),
        "summary": entry.summary,
        "status": entry.status,
        "replaced_by": entry.replaced_by,
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_TERMS = "\x00terms\x00"  # stands for the list of terms: no text of the glossary holds a control character


def _document(data: dict, terms: list[str]) -> str:
    """The document, with `terms` (each term's JSON) as its list of terms: json.dumps writes
    a list item by item, so this is what it would write for the whole."""
    return _json({"version": 1, **data, "terms": _TERMS}).replace(_json(_TERMS), "[" + ",".join(terms) + "]", 1)


def terms_json(glossary: Glossary, base_url: str, parts: EntryParts | None = None) -> str:
    """Every term's slug, name, aliases, search phrases, summary, canonical URL (relative to
    the site root when base_url is empty), category, related slugs, status and replacement,
    sorted by slug; and the comparison pages, which the term finder offers as results too.
    `parts` keeps each term's JSON from one call to the next (`glossary serve`)."""
    terms = [
        made(parts, "terms.json", entry, partial(_term_json, entry, glossary, base_url)) for entry in glossary.entries.values()
    ]
    comparisons = [
        {
            "slug": comparison.slug,
            "title": comparison.title,
            "terms": [slug for slug in comparison.terms if slug in glossary.entries],
            "path": f"{COMPARE_DIR}/{comparison.slug}/",
            "summary": "Side by side: "
            + ", ".join(glossary.entries[slug].term for slug in comparison.terms if slug in glossary.entries)
            + ".",
        }
        for comparison in glossary.comparisons
    ]
    return _document({"comparisons": comparisons}, terms) + "\n"


def _term_json(entry: Entry, glossary: Glossary, base_url: str) -> str:
    return _json(
        _names_and_summary(entry)
        | {
            "search_phrases": list(entry.search_phrases),
            "url": term_url(base_url, entry.slug),
            "category": entry.category,
            "related": [slug for slug in entry.related if slug in glossary.entries],
        }
    )


def terms_script(glossary: Glossary, parts: EntryParts | None = None) -> str:
    """terms.js: what the embed script needs of each term (names, summary, status, replacement),
    as a script, which a page on another site may load without the glossary's server sending
    CORS headers. The embed script makes links from the address it was loaded from, so that
    they work wherever the site is served; no URLs here."""
    terms = [made(parts, "terms.js", entry, partial(_script_term, entry), alone=True) for entry in glossary.entries.values()]
    return f"window.{EMBED_GLOBAL}={_document({}, terms)};\n"


def _script_term(entry: Entry) -> str:
    return _json(_names_and_summary(entry))


TEXT_FILE = "terms-text.json"
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_LABEL = re.compile(r"\[\[[^\]|]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]")
# Words too common to tell one entry from another.
_COMMON = frozenset(
    """a an and are as at be been but by can could do does for from had has have how if in into is it
its may more most much not of on one or other our such than that the their them then there these they this those to
was we were what when where which while who will with would you your also often usually each some many any""".split()
)


def _words(text: str) -> list[str]:
    plain = _LABEL.sub(lambda m: m.group(1) or m.group(2).replace("-", " "), citations.without_citations(text))
    return [word for word in _WORD.findall(plain.lower().replace("’", "'")) if word not in _COMMON]


def _text_words(entry: Entry) -> dict[str, str]:
    """The entry's distinct words: 'lead' from the definition's first paragraph, 'rest' from
    its other text (each word once, in first-seen order), so the finder can weigh them apart."""
    first, _, later = entry.definition.partition("\n\n")
    lead = list(dict.fromkeys(_words(first)))
    others = [later, *entry.examples, *entry.pros, *entry.cons, *entry.contrast.values(), entry.usage_notes]
    seen = set(lead)
    rest = [word for word in dict.fromkeys(w for text in others for w in _words(text)) if word not in seen]
    return {"lead": " ".join(lead), "rest": " ".join(rest)}


def terms_text_json(glossary: Glossary, parts: EntryParts | None = None) -> str:
    """slug -> the words of the entry's text, for matching readers' own words against it. Kept
    apart from terms.json, which pages and embedding sites load for names and summaries only.
    `parts` keeps each entry's words from one call to the next (`glossary serve`)."""
    return (
        _json(
            {
                "version": 1,
                "terms": {
                    slug: made(parts, "words", entry, partial(_text_words, entry), alone=True)
                    for slug, entry in glossary.entries.items()
                },
            }
        )
        + "\n"
    )
