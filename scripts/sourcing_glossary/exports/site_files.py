"""Every file the site publishes besides its pages: the alias redirects, the data that the site's
scripts and other tools read (terms.json, terms.js, terms-text.json), the exports and the matrix
picture. The MkDocs plugin writes them into the built site, `glossary render` beside the pages'
Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Glossary
from ..render import matrix_picture
from ..render.reach import EntryParts
from ..render.redirects import redirect_pages
from ..urls import Publication
from . import formats
from .site_data import TEXT_FILE, terms_json, terms_script, terms_text_json


def site_files(glossary: Glossary, site: Publication, schema: Path, parts: EntryParts | None = None) -> Iterator[tuple[str, str]]:
    """(site-relative path, text), one at a time: for thousands of terms several are megabytes.
    `schema` is the glossary's export.schema.json, published with the exports; `parts` keeps
    each term's share of them between the rebuilds of `glossary serve`."""
    yield from redirect_pages(glossary, parts).items()
    yield "terms.json", terms_json(glossary, site.base_url, parts)
    yield "terms.js", terms_script(glossary, parts)
    yield TEXT_FILE, terms_text_json(glossary, parts)
    yield from formats.site_exports(glossary, site, schema, parts)
    yield from matrix_picture.picture_files(glossary, site, parts)
