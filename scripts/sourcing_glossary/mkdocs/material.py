"""The Python side's adapter to Material for MkDocs: everything here depends on the theme's
internals, and nothing else in the package does (docs/assets/javascripts/material-adapter.js
is its browser-side twin).

Contract: what this module relies on in Material 9.8.1 (pinned in requirements.txt)
- The search plugin writes `search/search_index.json` as one JSON object that starts with
  `{"config":` and holds `docs`, a list of {location, title, text} with `location` as
  `<page url>#<heading id>` (INDEX_FILE, _CONFIG_PREFIX). Anything else is left untouched.
- The search plugin honours `data-search-exclude` on an element (render/pages.py writes it,
  as UNINDEXED) and front matter `search: {exclude: true}` and `search: {boost: N}`:
  documented features, used by the render stage.
- docs/overrides/main.html replaces the theme's search worker by our wrapper (WORKER); the
  wrapper speaks the theme worker's message protocol (see the JavaScript adapter).
- The theme's navigation is the template NAV_TEMPLATE, included (Jinja's include calls a
  loaded template's `root_render_func`, Jinja 3.1) into every page that shows the site's frame,
  and what it renders depends only on the navigation and where the page is: which nav items are
  active or the page itself (none, for a page not in the navigation) and URLs made relative to
  the page (the same for every page of one folder, unless a nav page lies inside the page's
  own folder). `reuse_navigation` relies on that; the site built with and without it is the same,
  byte for byte.
If an upgrade breaks one of these, the browser tests (tests/test_search*.py) fail, and
`split_index` returns False so the site keeps Material's own index.

Three jobs, all for glossaries of thousands of terms:

- Sections that only repeat other pages (a term's related terms with their summaries, its
  sources and footer, the A-Z index's lists) are kept out of the index: they made up half of
  it, and they made every term turn up in the results for its neighbours.
- The theme's page fetches search/search_index.json and parses it on its main thread before
  handing it to its search worker; for 5,000 terms that is over ten megabytes, and keys typed
  meanwhile wait. `split_index` moves the documents to DOCS_FILE and leaves the settings in
  search_index.json, with DOCS_FILE's name; the worker wrapper
  (docs/assets/javascripts/workers/glossary-search.js) fetches the documents itself.
- The theme renders the whole navigation into every page (1.4 ms a page, for a navigation of
  40 items); `reuse_navigation` renders it once per folder for the pages that are not in it
  (terms, handouts) and reuses it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context

from ..model import Glossary
from ..render.pages import UNINDEXED, UNINDEXED_SECTIONS
from ..urls import COMPARE_DIR, TERMS_DIR

INDEX_FILE = "search/search_index.json"  # where the theme's page looks
DOCS_FILE = "search/search_docs.json"  # the whole index, as the theme wrote it
WORKER = "assets/javascripts/workers/glossary-search.js"  # the wrapper that fetches DOCS_FILE

NAV_TEMPLATE = "partials/nav.html"

_HEADING = re.compile(r'<h2 id="([^"]+)"')
_CONFIG_PREFIX = '{"config":'


def page_content(src_uri: str, html: str, glossary: Glossary) -> str:
    """A generated page's HTML with the sections that repeat other pages marked for the
    theme's search to skip: the UNINDEXED_SECTIONS of a term or comparison page, and the A-Z
    index's letters (its lists are marked in the Markdown already; a heading must carry the
    mark itself)."""
    if src_uri == f"{TERMS_DIR}/index.md":
        return _HEADING.sub(lambda match: match[0] + UNINDEXED, html)
    slug = src_uri.removeprefix(f"{TERMS_DIR}/").removesuffix(".md")
    if (src_uri.startswith(f"{TERMS_DIR}/") and slug in glossary.entries) or src_uri.startswith(f"{COMPARE_DIR}/"):
        return _HEADING.sub(lambda match: match[0] + UNINDEXED if match[1] in UNINDEXED_SECTIONS else match[0], html)
    return html


def split_index(site: Path) -> bool:
    """Move the index the theme wrote to DOCS_FILE and write its settings alone in its place.
    False (and nothing changed) when there is no index, or it is not in the theme's format."""
    index = site / INDEX_FILE
    if not index.is_file():
        return False
    with index.open(encoding="utf-8") as stream:
        head = stream.read(1 << 16)
    if not head.startswith(_CONFIG_PREFIX):
        return False
    try:
        config, _ = json.JSONDecoder().raw_decode(head, len(_CONFIG_PREFIX))
    except json.JSONDecodeError:
        return False
    if not isinstance(config, dict):
        return False
    index.replace(site / DOCS_FILE)
    stub = {"config": {**config, "glossary_docs": DOCS_FILE}, "docs": []}
    index.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")
    return True


def reuse_navigation(env: Environment) -> None:
    """Render the theme's navigation once per folder for pages that are not in it, and reuse it."""
    template = env.get_template(NAV_TEMPLATE)
    render = template.root_render_func
    state = _NavigationState(None)

    def render_once_per_folder(context: Context) -> Iterator[str]:
        nonlocal state
        nav, page = context.get("nav"), context.get("page")
        if nav is not state.nav:
            state = _NavigationState(nav)
        folder = state.folder_outside(page)
        if folder is None:
            yield from render(context)
            return
        if folder not in state.rendered:
            state.rendered[folder] = "".join(render(context))
        yield state.rendered[folder]

    template.root_render_func = render_once_per_folder


class _NavigationState:
    """One build's navigation, and what it rendered into for each folder."""

    def __init__(self, nav: Any) -> None:
        self.nav = nav
        self.rendered: dict[str, str] = {}
        items = list(getattr(nav, "items", None) or [])
        self.pages, self.urls = set(), []
        while items:
            item = items.pop()
            items += getattr(item, "children", None) or []
            if getattr(item, "url", None) is not None:
                self.pages.add(id(item))
                self.urls.append(item.url)

    def folder_outside(self, page: Any) -> str | None:
        """The folder of a page that the navigation neither lists nor links below; None for any
        other page, whose navigation is its own."""
        url = getattr(page, "url", None)
        if self.nav is None or not url or id(page) in self.pages or any(u.startswith(url) for u in self.urls):
            return None
        return posixpath.dirname(url.rstrip("/"))
