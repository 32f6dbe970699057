"""Redirect pages for aliases and previous slugs: plain HTML that works on any static host."""

from __future__ import annotations

import html
import json

from .checks import published_paths
from .load import is_slug
from .model import Entry, Glossary
from .pages import TERMS_DIR

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - redirecting</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<script>location.replace({target_js} + location.search + location.hash);</script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<h1>This page has moved</h1>
<p>It is now <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_owners(glossary: Glossary) -> dict[str, Entry]:
    """Redirect slug -> the entry it leads to: every alias and previous slug that no live term
    takes. A slug two entries claim is an error of the checks; the first claim is kept here."""
    owners: dict[str, Entry] = {}
    for entry in glossary.entries.values():
        for slug in published_paths(entry):
            if is_slug(slug) and slug not in glossary.entries and slug not in owners:
                owners[slug] = entry
    return dict(sorted(owners.items()))


def redirect_pages(glossary: Glossary) -> dict[str, str]:
    """Site-relative file path (terms/bpo/index.html) -> HTML that sends readers to the term."""
    pages = {}
    for slug, entry in redirect_owners(glossary).items():
        target = f"../{entry.slug}/"
        pages[f"{TERMS_DIR}/{slug}/index.html"] = _TEMPLATE.format(
            title=html.escape(entry.term), target=target, target_js=json.dumps(target))
    return pages
