"""terms.json: the machine-readable list of terms that training tools and the site's own scripts read."""

from __future__ import annotations

import json

from .model import Glossary
from .pages import TERMS_DIR


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{TERMS_DIR}/{slug}/"


def terms_json(glossary: Glossary, base_url: str) -> str:
    """Every term's slug, name, aliases, summary, canonical URL (relative to the site root
    when base_url is empty), category, related slugs, status and replacement, sorted by slug."""
    terms = [{
        "slug": entry.slug,
        "term": entry.term,
        "aliases": list(entry.aliases),
        "summary": entry.summary,
        "url": term_url(base_url, entry.slug),
        "category": entry.category,
        "related": [slug for slug in entry.related if slug in glossary.entries],
        "status": entry.status,
        "replaced_by": entry.replaced_by,
    } for entry in glossary.entries.values()]
    return json.dumps({"version": 1, "terms": terms}, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
