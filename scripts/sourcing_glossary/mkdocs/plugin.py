"""The MkDocs adapter: validates glossary/ and hands the generated pages to MkDocs.

Enabled in mkdocs.yml as `glossary`. All real work happens in modules that know nothing of
MkDocs; this file only wires them into MkDocs' events.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from markdown import Markdown
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ..checks.validate import Validation, validate
from ..exports import formats
from ..exports.site_files import site_files
from ..model import Entry, Glossary
from ..render import cards, neighbourhood_map, structured_data
from ..render.cards import card_uri, is_card
from ..render.handout import Handouts, Render
from ..render.pages import GeneratedPage, backlinks, has_parts, put_parts
from ..render.reach import EntryParts, made
from ..render.site_pages import page_parts, site_pages, term_pages
from ..report import format_problem, render_text
from ..source.load import Layout, forget_sources
from ..tools import urllock
from ..urls import ALLOW_PLACEHOLDER, CARDS_DIR, PLACEHOLDER_URL, Publication
from . import material

if TYPE_CHECKING:
    from .preview import Preview

log = logging.getLogger("mkdocs.plugins." + __name__)


class GlossaryConfig(base.Config):
    glossary_dir = opt.Dir(exists=True, default="glossary")


def glossary_layout(config: MkDocsConfig, plugin: GlossaryPlugin) -> Layout:
    return Layout(root=Path(config.config_file_path).parent, data=Path(plugin.config.glossary_dir))


def markdown_renderer(config: MkDocsConfig) -> Render:
    """Markdown to HTML as the site renders it, for what the plugin renders itself (handouts)."""
    markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: markdown.reset().convert(text)


def page_additions(
    page: GeneratedPage, glossary: Glossary, parts: EntryParts | None, *, site: Publication, handouts: Handouts
) -> str:
    """What on_page_content and on_post_page put into a generated page besides what its
    Markdown renders to. `glossary serve` renders a page again when this or its Markdown
    changed (render/page_cache.py): whatever those hooks add must be here too."""
    uri = page.src_uri
    added = handouts.terms_html(uri) + structured_data.page_script(uri, glossary, site, parts)
    added += "".join(f"{name}:{text}" for name, text in page.parts.items())  # put in by _put_parts
    if neighbourhood_map.MARKER in page.markdown:
        added += neighbourhood_map.fill(uri, neighbourhood_map.MARKER, glossary)
    return added


@dataclass
class _CardPage:
    """What the card template reads of its page (docs/overrides/card.html)."""

    url: str
    meta: dict[str, object]
    content: str


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    validation: Validation
    # Set by `glossary serve` (preview.py), which keeps the glossary, its pages and parts from one
    # rebuild to the next: the plugin takes them from there instead of making them.
    preview: Preview | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to do; having this event makes MkDocs keep one instance of the plugin for every
        configuration it loads in a process (config_options.Plugins caches the plugins that have
        on_startup or on_shutdown): `glossary serve` loads mkdocs.yml again for each full build
        and relies on the same plugin, with what its earlier builds left in it."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("glossary: term URLs are /terms/<slug>/, so mkdocs.yml must keep use_directory_urls: true")
        self.layout = glossary_layout(config, self)
        self.written: dict[str, bytes] = {}  # site file -> digest of its text; a build writes into a new folder
        self.site = Publication(config.site_name, config.site_url or "")
        self._warn_about_placeholder_url()
        self.use(self.preview.validation if self.preview else validate(self.layout))
        if self.preview:
            self.handouts = self.preview.handouts
            return config
        forget_sources(self.validation.glossary)
        self.handouts = Handouts(self.validation.glossary, self.site, markdown_renderer(config))
        return config

    def use(self, validation: Validation) -> None:
        """Build the site of this glossary: report its warnings, refuse it if it has errors."""
        self.validation = validation
        self.backlinks = backlinks(validation.glossary)  # for the term pages' HTML parts (_put_parts)
        for problem in validation.warnings:
            log.warning(format_problem(problem))
        if validation.errors:
            report = render_text(validation.errors, validation.files_checked)
            raise PluginError("the glossary has problems; nothing was built:\n" + report)

    def _warn_about_placeholder_url(self) -> None:
        """A site published with the placeholder address hands out links that lead nowhere."""
        if not self.site.uses_placeholder:
            return
        say = log.info if os.environ.get(ALLOW_PLACEHOLDER) else log.warning
        say(
            f"glossary: site_url is still the placeholder {PLACEHOLDER_URL}: canonical links, the sitemap, "
            "JSON-LD, the exports, terms.json, 'glossary show' and 'glossary check-links' all point there. "
            "Set GLOSSARY_SITE_URL=https://your-host/path/ (or site_url in mkdocs.yml) to the published address; "
            f"{ALLOW_PLACEHOLDER}=1 allows the placeholder."
        )

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        glossary = self.validation.glossary
        self.generated: set[str] = set()
        cards = [card_uri(slug) for slug in glossary.entries]  # written by on_post_build (_card_files)
        for uri in cards:
            self._refuse_clash(files, uri)
        pages = self.preview.pages.pages if self.preview else site_pages(glossary, self.site, term_pages(glossary), [])
        for page in pages:
            if is_card(page.src_uri):  # glossary serve's pages include them
                continue
            self.generated.add(page.src_uri)
            self._refuse_clash(files, page.src_uri)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        self.check_url_lock([f.src_uri for f in files.documentation_pages()] + cards)
        return files

    @staticmethod
    def _refuse_clash(files: Files, src_uri: str) -> None:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"glossary: docs/{src_uri} clashes with a generated page; move or rename it")

    def check_url_lock(self, page_uris: list[str]) -> None:
        """Refuse to build a site that drops a URL recorded in the lock: every page is known
        here and nothing has been written yet."""
        current = urllock.published_urls(self.validation.glossary, page_uris)
        lock_file = urllock.lock_path(self.layout.data)
        status = urllock.lock_status(lock_file, self.layout.shown(lock_file), current)
        if status.removed:
            raise PluginError("glossary: published URLs would disappear; nothing was built:\n" + status.describe())
        if status.new or not status.exists:
            log.info("glossary: " + status.describe().splitlines()[0])

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's Markdown is read once (glossary serve sets it again when it changes):
        MkDocs would otherwise hold it in its file until the build ends, 25 MB for 5,000 terms,
        beside the copy the page holds until it is written. Handing MkDocs scratch files to read
        instead cost 0.5 s per 1,000 terms of writing them."""
        if not self.preview and page.file.src_uri in self.generated:
            page.file.content_string = ""
        return markdown

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """A page's JSON-LD; `page_additions` must name all that goes in here."""
        glossary = self.validation.glossary
        html = self._put_parts(page.file.src_uri, html, indexed=True)
        html = material.page_content(page.file.src_uri, html, glossary)
        return html + structured_data.page_script(page.file.src_uri, glossary, self.site)

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        """Once a generated page is rendered, let go of its Markdown and HTML, which MkDocs keeps
        until the build ends: for 5,000 terms that is over 60 MB when the search index and the
        exports are written. Its title is fixed first: MkDocs 1.6 derives it from the Markdown,
        and every page rendered later names this page in its navigation. A term page gets its
        neighbourhood map, the parts the search skips (after the search has indexed it), and a
        handout its terms (the search skips handouts, but its plugin would still read their
        megabytes of terms): `page_additions` must name all that goes in here."""
        if page.file.src_uri in self.generated:
            page.title = page.title  # stored while the Markdown it comes from is still here
            page.markdown = page.content = None
        glossary = self.validation.glossary
        output = self._put_parts(page.file.src_uri, output, indexed=False)
        output = neighbourhood_map.fill(page.file.src_uri, output, glossary)
        return self.handouts.fill(page.file.src_uri, output)

    def _put_parts(self, src_uri: str, html: str, *, indexed: bool) -> str:
        """A rendered term page or card with its HTML parts in place (render/site_pages.py, page_parts)."""
        if not has_parts(html):
            return html
        return put_parts(html, page_parts(src_uri, self.validation.glossary, self.backlinks, self.site, indexed=indexed))

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.layout.data))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        # The theme runs the wrapper (see docs/overrides/main.html), which fetches the documents.
        if (site / material.WORKER).is_file() and not material.split_index(site):
            log.info(f"glossary: {material.INDEX_FILE} is missing or not in the theme's format; left as it is")
        parts = self.preview.parts if self.preview else None
        schema = self.layout.data / formats.SCHEMA_FILE
        written: dict[str, bytes] = {}
        files = chain(site_files(self.validation.glossary, self.site, schema, parts), self._card_files(config, parts))
        for relative, text in files:
            if self.preview:  # a build writes into a new folder; serve's rebuilds into the same one
                written[relative] = hashlib.blake2b(text.encode(), digest_size=16).digest()
                if self.written.get(relative) == written[relative]:
                    continue  # `glossary serve` wrote the same into this folder before
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_text(text, encoding="utf-8", newline="")
        if self.preview:
            self.written = written

    def _card_files(self, config: MkDocsConfig, parts: EntryParts | None) -> Iterator[tuple[str, str]]:
        """Each term's card (render/cards.py), written as MkDocs would write its page with the
        card template, without MkDocs' work per page (its own Markdown parser, reading the front
        matter, the search plugin's hooks): 1,000 synthetic terms build in about 1 s less of
        CPU (of 14). Cards are not in the sitemap (their canonical address is the term page's)
        and not in MkDocs' list of pages."""
        for entry in self.validation.glossary.entries.values():
            yield f"{CARDS_DIR}/{entry.slug}/index.html", made(parts, "card", entry, partial(self._card, entry, config))

    def _card(self, entry: Entry, config: MkDocsConfig) -> str:
        page = _CardPage(f"{CARDS_DIR}/{entry.slug}/", cards.card_meta(entry, self.site), "")
        page.content = cards.card_content(entry, self.validation.glossary, self.site, self.handouts.render)
        template = self.env.get_template(cards.TEMPLATE)
        return template.render(config=config, page=page, base_url=get_relative_url(".", page.url))

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env  # for the cards (_card_files)
        material.reuse_navigation(env)
        return env
