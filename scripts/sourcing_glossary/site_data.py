"""terms.json: the machine-readable list of terms that training tools and the site's own scripts
read; terms.js: what the embed script (assets/embed/glossary-links.js) reads on other sites."""

from __future__ import annotations

import json

from .model import Entry, Glossary
from .pages import TERMS_DIR

EMBED_GLOBAL = "sourcingGlossaryTerms"  # what terms.js sets and the embed script reads


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{TERMS_DIR}/{slug}/"


def _names_and_summary(entry: Entry) -> dict:
    return {"slug": entry.slug, "term": entry.term, "aliases": list(entry.aliases), "summary": entry.summary,
            "status": entry.status, "replaced_by": entry.replaced_by}


def _document(terms: list[dict]) -> str:
    return json.dumps({"version": 1, "terms": terms}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def terms_json(glossary: Glossary, base_url: str) -> str:
    """Every term's slug, name, aliases, summary, canonical URL (relative to the site root
    when base_url is empty), category, related slugs, status and replacement, sorted by slug."""
    return _document([_names_and_summary(entry) | {
        "url": term_url(base_url, entry.slug),
        "category": entry.category,
        "related": [slug for slug in entry.related if slug in glossary.entries],
    } for entry in glossary.entries.values()]) + "\n"


def terms_script(glossary: Glossary) -> str:
    """terms.js: what the embed script needs of each term (names, summary, status, replacement),
    as a script, which a page on another site may load without the glossary's server sending
    CORS headers. The embed script makes links from the address it was loaded from, so that
    they work wherever the site is served; no URLs here."""
    return f"window.{EMBED_GLOBAL}={_document([_names_and_summary(e) for e in glossary.entries.values()])};\n"
