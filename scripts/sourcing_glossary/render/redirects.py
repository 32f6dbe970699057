"""Redirect pages for aliases and previous slugs: plain HTML that works on any static host.

A renamed term's card (cards/<old-slug>/) redirects to its new card as well: it may be embedded
in a learning platform. An alias never had a card of its own, so it gets no card redirect."""

from __future__ import annotations

import html
import json
from functools import partial

from ..model import Entry, Glossary
from ..names import is_slug
from ..urls import CARDS_DIR, TERMS_DIR
from .reach import EntryParts, made

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
        for slug in entry.published_paths():
            if is_slug(slug) and slug not in glossary.entries and slug not in owners:
                owners[slug] = entry
    return dict(sorted(owners.items()))


def redirects(glossary: Glossary) -> dict[str, Entry]:
    """Site path of every redirect ('/terms/bpo/', '/cards/old-slug/') -> the entry whose page
    in the same folder it leads to."""
    owners = redirect_owners(glossary)
    found = {f"/{TERMS_DIR}/{slug}/": entry for slug, entry in owners.items()}
    found |= {f"/{CARDS_DIR}/{slug}/": entry for slug, entry in owners.items() if slug in entry.previous_slugs}
    return found


def redirect_pages(glossary: Glossary, parts: EntryParts | None = None) -> dict[str, str]:
    """Site-relative file path (terms/bpo/index.html) -> HTML that sends readers to the term.
    `parts` keeps each entry's page from one call to the next (`glossary serve`)."""
    return {
        f"{path.strip('/')}/index.html": made(parts, "redirect", entry, partial(_page, entry), alone=True)
        for path, entry in redirects(glossary).items()
    }


def _page(entry: Entry) -> str:
    target = f"../{entry.slug}/"
    return _TEMPLATE.format(title=html.escape(entry.term), target=target, target_js=json.dumps(target))
