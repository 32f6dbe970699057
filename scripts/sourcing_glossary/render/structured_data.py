"""schema.org structured data (JSON-LD) for the pages: a DefinedTerm on each term page and the
DefinedTermSet on the A-Z index, so search engines and link previews know what a page defines."""

from __future__ import annotations

import json
from typing import Any

from ..model import Entry, Glossary
from ..urls import TERMS_DIR, Publication, term_uri
from .pages import listed
from .reach import EntryParts, whole

INDEX_URI = f"{TERMS_DIR}/index.md"
# Inside <script>, "</script>" or "<!--" in a term would end or confuse the element: JSON lets
# these characters be written as escapes, which no HTML parser reads as markup.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _term(entry: Entry, site: Publication) -> dict[str, Any]:
    url = site.term_url(entry.slug)
    data: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": url,
        "name": entry.term,
        "description": entry.summary,
        "url": url,
        "termCode": entry.slug,
    }
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    return data


def _term_set(site: Publication) -> dict[str, Any]:
    return {"@type": "DefinedTermSet", "@id": site.index_url, "name": site.name, "url": site.index_url}


def defined_term(entry: Entry, site: Publication) -> dict[str, Any]:
    return {"@context": "https://schema.org", **_term(entry, site), "inDefinedTermSet": _term_set(site)}


def defined_term_set(glossary: Glossary, site: Publication) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        **_term_set(site),
        "hasDefinedTerm": [_term(entry, site) for entry in glossary.sorted_by_term()],
    }


def script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_HTML_SAFE)
    return f'<script type="application/ld+json">{text}</script>'


def page_script(src_uri: str, glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> str:
    """The JSON-LD element for the page built from `src_uri`, or '' for pages that define nothing.
    `parts` keeps the A-Z index's while the lists show the same (`glossary serve`)."""
    if src_uri == INDEX_URI:
        return whole(parts, "index-script", listed(glossary) if parts else None, lambda: script(defined_term_set(glossary, site)))
    slug = src_uri.removeprefix(f"{TERMS_DIR}/").removesuffix(".md")
    entry = glossary.entries.get(slug)
    return script(defined_term(entry, site)) if entry and term_uri(slug) == src_uri else ""
