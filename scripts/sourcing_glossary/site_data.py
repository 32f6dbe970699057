"""terms.json: the machine-readable list of terms that training tools and the site's own scripts
read; terms-text.json: the words of each entry's text, for the term finder's search by meaning."""

from __future__ import annotations

import json
import re

from . import citations
from .model import Entry, Glossary
from .urls import COMPARE_DIR, TERMS_DIR


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{TERMS_DIR}/{slug}/"


def terms_json(glossary: Glossary, base_url: str) -> str:
    """Every term's slug, name, aliases, search phrases, summary, canonical URL (relative to
    the site root when base_url is empty), category, related slugs, status and replacement,
    sorted by slug; and the comparison pages, which the term finder offers as results too."""
    terms = [{
        "slug": entry.slug,
        "term": entry.term,
        "aliases": list(entry.aliases),
        "search_phrases": list(entry.search_phrases),
        "summary": entry.summary,
        "url": term_url(base_url, entry.slug),
        "category": entry.category,
        "related": [slug for slug in entry.related if slug in glossary.entries],
        "status": entry.status,
        "replaced_by": entry.replaced_by,
    } for entry in glossary.entries.values()]
    comparisons = [{
        "slug": comparison.slug,
        "title": comparison.title,
        "terms": [slug for slug in comparison.terms if slug in glossary.entries],
        "path": f"{COMPARE_DIR}/{comparison.slug}/",
        "summary": "Side by side: " + ", ".join(glossary.entries[slug].term for slug in comparison.terms
                                                if slug in glossary.entries) + ".",
    } for comparison in glossary.comparisons]
    data = {"version": 1, "terms": terms, "comparisons": comparisons}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


TEXT_FILE = "terms-text.json"
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_LABEL = re.compile(r"\[\[[^\]|]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]")
# Words too common to tell one entry from another.
_COMMON = frozenset("""a an and are as at be been but by can could do does for from had has have how if in into is it
its may more most much not of on one or other our such than that the their them then there these they this those to
was we were what when where which while who will with would you your also often usually each some many any""".split())


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


def terms_text_json(glossary: Glossary) -> str:
    """slug -> the words of the entry's text, for matching readers' own words against it. Kept
    apart from terms.json, which pages and embedding sites load for names and summaries only."""
    data = {"version": 1, "terms": {slug: _text_words(entry) for slug, entry in glossary.entries.items()}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
