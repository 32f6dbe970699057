"""Redirect pages for aliases and previous slugs: plain HTML that works on any static host."""

from __future__ import annotations

import html
import json

from .checks import published_paths
from .load import is_slug
from .model import Glossary
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
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_pages(glossary: Glossary) -> dict[str, str]:
    """Site-relative file path (terms/bpo/index.html) -> HTML that sends readers to the term."""
    pages = {}
    for entry in glossary.entries.values():
        target = f"../{entry.slug}/"
        for slug in published_paths(entry):
            if is_slug(slug) and slug not in glossary.entries and slug not in pages:
                pages[f"{TERMS_DIR}/{slug}/index.html"] = _TEMPLATE.format(
                    title=html.escape(entry.term), target=target, target_js=json.dumps(target))
    return dict(sorted(pages.items()))
