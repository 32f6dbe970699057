"""`glossary new`: write a starting entry file that validates, never over an existing file."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import yaml

from ..model import RESERVED_SLUGS
from ..names import is_slug, slugify
from ..source.load import Layout

_TEMPLATE = """\
# yaml-language-server: $schema=../schema.json
term: {term}
aliases: []
category: {category}
summary: TODO one plain-text sentence that explains {term_text} on its own.
definition: |
  TODO the full explanation, in Markdown. Link other terms with `[[slug]]`.
related: []
sources: []
status: draft
updated: {today}
"""


class ScaffoldError(Exception):
    pass


def scaffold_entry(
    layout: Layout, slug: str, *, term: str | None = None, category: str | None = None, today: str | None = None
) -> Path:
    if not is_slug(slug) or slug in RESERVED_SLUGS:
        raise ScaffoldError(f"'{slug}' is not a valid slug; try '{slugify(slug) or 'term-name'}'")
    path = layout.term_path(slug)
    existing = layout.existing_entry(slug)
    if existing:
        raise ScaffoldError(f"{layout.shown(existing)} already exists; nothing was written")
    if category is None:
        data = yaml.safe_load(layout.categories.read_text(encoding="utf-8")) if layout.categories.is_file() else {}
        category = next(iter((data or {}).get("categories", {})), "")
    name = term or slug.replace("-", " ").capitalize()
    text = _TEMPLATE.format(
        term=json.dumps(name, ensure_ascii=False),
        term_text=name.lower(),
        category=category,
        today=today or datetime.date.today().isoformat(),
    )
    layout.terms.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{layout.shown(path)} already exists; nothing was written") from None
    return path
