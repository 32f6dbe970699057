"""The MkDocs adapter: validates glossary/ and hands the generated pages to MkDocs.

Enabled in mkdocs.yml as `glossary`. All real work happens in modules that know nothing of
MkDocs; this file only wires them into MkDocs' events.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from jinja2 import Environment
from markdown import Markdown
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..checks.validate import Validation, validate
from ..exports import formats
from ..exports.site_data import TEXT_FILE, terms_json, terms_script, terms_text_json
from ..render import matrix_picture, neighbourhood_map, structured_data
from ..render.handout import Handouts
from ..render.pages import backlinks, fill_term_page
from ..render.redirects import redirect_pages
from ..render.site_pages import generated_pages
from ..report import render_text
from ..source.load import Layout, forget_sources
from ..tools import urllock
from ..urls import ALLOW_PLACEHOLDER, PLACEHOLDER_URL, Publication
from . import material

log = logging.getLogger("mkdocs.plugins." + __name__)
SMALL_PAGE = 2048  # characters of Markdown: a generated page this small stays in memory


class GlossaryConfig(base.Config):
    glossary_dir = opt.Dir(exists=True, default="glossary")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    validation: Validation
    scratch: tempfile.TemporaryDirectory[str] | None = None  # the generated pages' Markdown, for one build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("glossary: term URLs are /terms/<slug>/, so mkdocs.yml must keep use_directory_urls: true")
        root = Path(config.config_file_path).parent
        self.layout = Layout(root=root, data=Path(self.config.glossary_dir))
        self.validation = validate(self.layout)
        self.site = Publication(config.site_name, config.site_url or "")
        self._warn_about_placeholder_url()
        for problem in self.validation.warnings:
            log.warning(render_text([problem], 0).splitlines()[0])
        if self.validation.errors:
            report = render_text(self.validation.errors, self.validation.files_checked)
            raise PluginError("the glossary has problems; nothing was built:\n" + report)
        forget_sources(self.validation.glossary)
        markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self.handouts = Handouts(self.validation.glossary, self.site, lambda text: markdown.reset().convert(text))
        return config

    def _warn_about_placeholder_url(self) -> None:
        """A site published with the placeholder address hands out links that lead nowhere."""
        if not self.site.uses_placeholder:
            return
        say = log.info if os.environ.get(ALLOW_PLACEHOLDER) else log.warning
        say(f"glossary: site_url is still the placeholder {PLACEHOLDER_URL}: canonical links, the sitemap, "
            "JSON-LD, the exports, terms.json, 'glossary show' and 'glossary check-links' all point there. "
            "Set GLOSSARY_SITE_URL=https://your-host/path/ (or site_url in mkdocs.yml) to the published address; "
            f"{ALLOW_PLACEHOLDER}=1 allows the placeholder.")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        glossary = self.validation.glossary
        self.generated: set[str] = set()
        self.backlinks = backlinks(glossary)  # for the term pages' HTML parts (fill_term_page)
        # Each page's Markdown goes to a scratch file that MkDocs reads when it renders the page
        # (removed once all pages are read): kept in memory, MkDocs would hold it until the build
        # ends (25 MB for 5,000 terms). A small page (a term card) is handed over as it is:
        # writing and removing 1,000 cards' files took 0.9 s of CPU and more of waiting.
        self._forget_scratch()
        self.scratch = tempfile.TemporaryDirectory(prefix="glossary-pages-")
        for page in generated_pages(glossary, self.site):
            self.generated.add(page.src_uri)
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"glossary: docs/{page.src_uri} clashes with a generated page; move or rename it")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            if len(page.markdown) <= SMALL_PAGE:
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
                continue
            source = Path(self.scratch.name, page.src_uri)
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(page.markdown, encoding="utf-8")
            files.append(File.generated(config, page.src_uri, abs_src_path=str(source), inclusion=inclusion))
        self._check_url_lock(files)
        return files

    def _check_url_lock(self, files: Files) -> None:
        """Refuse to build a site that drops a URL recorded in the lock: every page is known
        here and nothing has been written yet."""
        current = urllock.published_urls(self.validation.glossary, [f.src_uri for f in files.documentation_pages()])
        lock_file = urllock.lock_path(self.layout.data)
        status = urllock.lock_status(lock_file, self.layout.shown(lock_file), current)
        if status.removed:
            raise PluginError("glossary: published URLs would disappear; nothing was built:\n" + status.describe())
        if status.new or not status.exists:
            log.info("glossary: " + status.describe().splitlines()[0])

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        glossary = self.validation.glossary
        html = self.handouts.fill(page.file.src_uri, html)
        html = fill_term_page(page.file.src_uri, html, glossary, self.backlinks, indexed=True)
        html = material.page_content(page.file.src_uri, html, glossary)
        return html + structured_data.page_script(page.file.src_uri, glossary, self.site)

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        """Once a generated page is rendered, let go of its Markdown and HTML, which MkDocs keeps
        until the build ends: for 5,000 terms that is over 60 MB when the search index and the
        exports are written. Its title is fixed first: MkDocs 1.6 derives it from the Markdown,
        and every page rendered later names this page in its navigation. A term page gets its
        neighbourhood map and the parts the search skips here, after the search has indexed it."""
        if page.file.src_uri in self.generated:
            page.title = page.title  # stored while the Markdown it comes from is still here
            page.markdown = page.content = None
        glossary = self.validation.glossary
        output = fill_term_page(page.file.src_uri, output, glossary, self.backlinks, indexed=False)
        return neighbourhood_map.fill(page.file.src_uri, output, glossary)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.layout.data))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        # The theme runs the wrapper (see docs/overrides/main.html), which fetches the documents.
        if (site / material.WORKER).is_file() and not material.split_index(site):
            log.info(f"glossary: {material.INDEX_FILE} is missing or not in the theme's format; left as it is")
        glossary = self.validation.glossary
        for relative, text in redirect_pages(glossary).items():
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (site / "terms.json").write_text(terms_json(glossary, config.site_url or ""), encoding="utf-8")
        (site / "terms.js").write_text(terms_script(glossary), encoding="utf-8")
        (site / TEXT_FILE).write_text(terms_text_json(glossary), encoding="utf-8")
        schema = self.layout.data / formats.SCHEMA_FILE
        files = [*formats.site_exports(glossary, self.site, schema), *matrix_picture.picture_files(glossary, self.site)]
        for relative, text in files:
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_text(text, encoding="utf-8", newline="")

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self._forget_scratch()  # every page has read its Markdown by now
        material.reuse_navigation(env)
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._forget_scratch()

    def on_shutdown(self) -> None:
        self._forget_scratch()

    def _forget_scratch(self) -> None:
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None
