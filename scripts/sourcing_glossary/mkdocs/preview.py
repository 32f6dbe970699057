"""`glossary serve`: MkDocs' development server, rebuilding only what a change reaches.

After a change in glossary/, the pages whose Markdown or post-render additions differ are
rendered again (render/page_cache.py says which, with render/reach.py) and every other page
keeps its HTML; the search index keeps the documents of the pages not rendered again; the
output of pages that are gone is deleted, and so are redirects no entry asks for any more; the
sitemap is written again when pages come or go; and the plugin writes terms.json, the exports
and the redirects from per-term parts it keeps. When pages come or go, the hand-written pages
are rendered again too (their links may lead to them). A change to mkdocs.yml, docs/ (pages,
templates, assets), a schema or categories.yml builds everything, into a fresh folder that
replaces the served one only when the build succeeds; so does a change of the navigation.

A rebuild that fails (the glossary has errors, a published URL would disappear, MkDocs fails)
leaves the last good site served: the terminal shows the report `glossary validate` prints,
and every page served shows it in a banner. Live reload keeps working, so saving the fixed file
reloads the pages without the banner.

What this relies on in MkDocs 1.6.1 (pinned in requirements.txt), besides plugin events:
- mkdocs.commands.build's _populate_page, _build_page and _build_theme_template render one page
  or template as build() does, running the plugins' page events;
- LiveReloadServer calls its builder with no arguments, and a builder that raises leaves
  browsers waiting for good; _inject_js_into_html puts the reload script into every HTML page
  served; watch() schedules its handler on `observer`;
- Page.title is a weak_property: once assigned (plugin.py assigns it after rendering), it stays;
- Material's search plugin ('material/search') adds each page's sections to
  search_index.entries in on_page_context, as {"location": "<page url>#<anchor>", ...}, and
  writes them all in on_post_build, as search_index.generate_search_index(prev) makes them:
  json.dumps({"config": ..., "docs": entries}, separators=(",", ":"), default=str).
tests/test_serve.py compares the served site with a clean build after each kind of change.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..checks.validate import Revalidation, Validation
from ..render.cards import is_card
from ..render.handout import Handouts
from ..render.page_cache import PageCache, PageUpdate
from ..render.reach import EntryParts
from ..report import render_text
from ..source.load import Layout
from ..urls import Publication
from .plugin import GlossaryPlugin, glossary_layout, markdown_renderer, page_additions

log = logging.getLogger("mkdocs.plugins." + __name__)
SEARCH_PLUGIN = "material/search"
HOOKS = "glossary-serve"  # the name this module's own plugin (_Hooks) is registered under


class Refused(Exception):
    """A rebuild that did not happen; the message says why, as the editor should read it."""


def serve(config_file: Path, dev_addr: str | None = None, *, poll: bool = False) -> None:
    """Serve the site on dev_addr (mkdocs.yml's dev_addr when None) until interrupted.
    `poll`: notice changes by looking at the files twice a second (MkDocs' way, which works on
    network drives and in containers, where change events may not arrive)."""
    preview = Preview(config_file, dev_addr)
    try:
        _serve(preview, poll)
    finally:
        shutil.rmtree(preview.root, ignore_errors=True)


def _serve(preview: Preview, poll: bool) -> None:
    config = preview.load_config()
    host, port = config.dev_addr
    server: LiveReloadServer = _Server(
        builder=preview.rebuild, host=host, port=port, root=str(preview.served), mount_path=preview.mount_path, poll=poll
    )
    server.error_handler = preview.error_page
    preview.server = server
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager or a test: clean up as on Ctrl+C
    config.plugins.on_startup(command="serve", dirty=False)
    log.info(f"glossary serve: the site is built in {preview.served}")
    try:
        preview.rebuild()
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=preview.rebuild)  # the plugin watches glossary/
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@dataclass
class _Site:
    """MkDocs' objects for the site being served, as its last full build left them."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    titles: dict[str, Any]  # src_uri -> the title a page has before it is read (the nav's, for some)
    search: dict[str, str]  # src_uri -> the page's search documents, as JSON items
    generated: set[str]  # the plugin's pages
    handwritten: list[File]  # the pages of docs/
    doc_files: list[File]  # every page, as MkDocs lists them


class _Hooks(BasePlugin):  # type: ignore[type-arg]
    """Registered for full builds: keeps what MkDocs makes on the way (files, nav, environment)
    and the error a failed build raised."""

    def __init__(self) -> None:
        super().__init__()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.titles: dict[str, Any] = {}
        self.error: Exception | None = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        self.titles = {page.file.src_uri: vars(page).get("title") for page in nav.pages}
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env, self.files = env, files
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self.error = error


class Preview:
    """The site `glossary serve` shows, and what it keeps to rebuild it after a change."""

    server: LiveReloadServer | None = None

    def __init__(self, config_file: Path, dev_addr: str | None) -> None:
        self.config_file, self.dev_addr = config_file, dev_addr
        self.root = Path(tempfile.mkdtemp(prefix="glossary-serve-"))
        self.served = self.root / "site"  # a link to the folder of the last good build
        self._builds = 0
        self._point_at(self._placeholder())
        self.site: _Site | None = None  # None until a build succeeds, and after one fails half-way
        self.problems = ""  # why the last rebuild failed ('' when it did not), shown on every page
        self.watched: dict[str, tuple[int, ...]] = {}  # files whose change rebuilds all, as built
        self.revalidation: Revalidation | None = None
        # What the plugin takes while a build runs (see GlossaryPlugin.preview):
        self.validation: Validation
        self.handouts: Handouts
        self.pages: PageUpdate
        self._cache: PageCache

    @property
    def parts(self) -> EntryParts:
        return self._cache.parts

    # --- MkDocs' configuration ------------------------------------------------------------

    def load_config(self, site_dir: Path | None = None) -> MkDocsConfig:
        """mkdocs.yml, with site_url pointing at this server, as `mkdocs serve` does."""
        try:
            config = load_config(
                str(self.config_file),
                site_dir=str(site_dir or self.served),
                **({"dev_addr": self.dev_addr} if self.dev_addr else {}),
            )
        except MkDocsException as error:  # MkDocs has logged what is wrong with mkdocs.yml
            raise Refused(f"{self.config_file}: {error}") from None
        host, port = config.dev_addr
        self.mount_path = _mount_path(config.site_url)
        self.serve_url = _serve_url(host, port, self.mount_path)
        config.site_url = self.serve_url
        return config

    @staticmethod
    def _plugin(config: MkDocsConfig) -> GlossaryPlugin:
        plugin = config.plugins.get("glossary")
        if not isinstance(plugin, GlossaryPlugin):
            raise Refused(f"{config.config_file_path}: the 'glossary' plugin is not enabled under 'plugins:'")
        return plugin

    # --- the builder ----------------------------------------------------------------------

    def rebuild(self) -> None:
        """Bring the served site up to date with the files. Never raises: a failed rebuild
        leaves the last good site served, with the reason in the terminal and on every page."""
        started = time.monotonic()
        cpu = time.process_time()
        try:
            what = self._rebuild()
        except Refused as refused:
            self._failed(str(refused))
            return
        except Exception as error:  # MkDocs failed: its log has the details
            log.exception("glossary serve: the rebuild failed")
            self.site = None  # the served site may be half updated: build all of it next time
            self._failed(f"The rebuild failed: {error}")
            return
        self.problems = ""
        self._show(self.problems)
        log.info(f"glossary serve: {what} in {time.monotonic() - started:.2f} s (cpu {time.process_time() - cpu:.2f})")

    def _rebuild(self) -> str:
        watched = _stamps(self._watched_paths())
        if self.site is None or watched != self.watched:
            return self._build_all(watched)
        return self._build_changes()

    def _failed(self, report: str) -> None:
        log.error("glossary serve: nothing was rebuilt; the site shown is the last good one.\n" + report.rstrip("\n"))
        self.problems = report
        self._show(report)

    def _show(self, problems: str) -> None:
        if isinstance(self.server, _Server):
            self.server.problems = problems

    def error_page(self, code: int) -> bytes | None:
        """What the server answers for a missing file (404) or its own error (500)."""
        page = self.served / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    # --- validation ------------------------------------------------------------------------

    def _validated(self, layout: Layout) -> Validation:
        if self.revalidation is None or self.revalidation.layout != layout:
            self.revalidation = Revalidation(layout)
        validation = self.revalidation.validate()
        if validation.errors:
            raise Refused(render_text(validation.problems, validation.files_checked))
        return validation

    # --- a full build ----------------------------------------------------------------------

    def _build_all(self, watched: dict[str, tuple[int, ...]]) -> str:
        gc.unfreeze()  # what the last full build left may be garbage now
        fresh = self._new_folder()
        try:
            config = self.load_config(fresh)
            plugin = self._plugin(config)
            self.validation = self._validated(glossary_layout(config, plugin))
            site = Publication(config.site_name, config.site_url or "")
            self.handouts = Handouts(self.validation.glossary, site, markdown_renderer(config), remember=True)
            self._cache = PageCache(site, self.handouts, partial(page_additions, site=site, handouts=self.handouts))
            self.pages = self._cache.update(self.validation.glossary)
            hooks = _Hooks()
            config.plugins[HOOKS] = hooks
            plugin.preview = self
            try:
                mkdocs_build.build(config, serve_url=self.serve_url)
            except MkDocsException as error:
                raise Refused(str(hooks.error or error)) from None
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            self.site = None  # the caches were made afresh for this build: the next one builds all too
            raise
        assert hooks.files is not None and hooks.nav is not None and hooks.env is not None
        old = self.served.resolve()
        self._point_at(fresh)
        shutil.rmtree(old, ignore_errors=True)
        generated = {page.src_uri for page in self.pages.pages}
        handwritten = [f for f in hooks.files.documentation_pages() if f.src_uri not in generated]
        self.site = _Site(
            config,
            hooks.files,
            hooks.nav,
            hooks.env,
            hooks.titles,
            self._search_documents(config, hooks.files),
            generated,
            handwritten,
            _pages(hooks.files),
        )
        self._cache.published(self.pages)
        self.watched = watched
        # The site's millions of objects stay until the next full build: kept out of the garbage
        # collector's full passes, which would otherwise stop rebuilds for half a second each.
        gc.collect()
        gc.freeze()
        return f"built all {len(generated)} glossary pages"

    def _watched_paths(self) -> list[Path]:
        """The files whose change rebuilds everything: mkdocs.yml, docs/ (pages, templates and
        assets), the schemas and categories.yml."""
        config = self.site.config if self.site else self.load_config()
        data = glossary_layout(config, self._plugin(config)).data
        return [self.config_file, Path(config.docs_dir), data / "categories.yml", *sorted(data.glob("*.json"))]

    def _new_folder(self) -> Path:
        self._builds += 1
        return self.root / f"build-{self._builds}"

    def _placeholder(self) -> Path:
        """The folder served until a build succeeds: one page, which the banner explains."""
        folder = self._new_folder()
        folder.mkdir()
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>'
            "<body><p>The glossary has not been built yet.</p></body></html>"
        )
        for name in ("index.html", "404.html"):
            (folder / name).write_text(page, encoding="utf-8")
        return folder

    def _point_at(self, folder: Path) -> None:
        """Serve `folder` from now on, in one step (the served path is a symbolic link)."""
        link = self.root / "site.new"
        link.unlink(missing_ok=True)
        link.symlink_to(folder.name)
        os.replace(link, self.served)

    # --- a rebuild of what changed ---------------------------------------------------------

    def _build_changes(self) -> str:
        site = self.site
        assert site is not None
        config, plugin = site.config, self._plugin(site.config)
        validation = self._validated(plugin.layout)
        update = self._cache.update(validation.glossary)
        pages = {page.src_uri: page for page in update.pages}
        added = pages.keys() - site.generated
        nav_pages = {page.file.src_uri for page in site.nav.pages}
        if any(pages[uri].in_nav for uri in added) or update.removed & nav_pages:
            return self._build_all(self.watched) + " (the navigation changed)"
        self.validation, self.pages = validation, update
        try:
            plugin.use(validation)
        except MkDocsException as error:
            raise Refused(str(error)) from None
        try:
            plugin.check_url_lock(list(pages) + [f.src_uri for f in site.handwritten])
        except MkDocsException as error:
            raise Refused(str(error)) from None
        self.site = None  # from here on the served site changes; if this fails, the next rebuild builds all
        plugin.generated = set(pages)
        rendered = self._update_files(site, update, added)
        if added or update.removed:
            rendered += site.handwritten
        if added or update.removed:
            site.doc_files = _pages(site.files)
        doc_files = site.doc_files
        if self._render(site, rendered, doc_files):
            return self._build_all(self.watched) + " (a title in the navigation changed)"
        if added or update.removed:
            for template in config.theme.static_templates:  # the sitemap lists every page
                mkdocs_build._build_theme_template(template, site.env, site.files, config, site.nav)
        self._post_build(site, plugin, doc_files)
        site.generated = set(pages)
        self._cache.published(update)
        self.site = site
        return f"rendered {len(rendered)} of {len(doc_files)} pages again"

    def _update_files(self, site: _Site, update: PageUpdate, added: set[str]) -> list[File]:
        """Put the new pages into MkDocs' files (in the order a full build has them), take the
        removed ones out and delete their output; the files of the pages to render again."""
        config, files = site.config, site.files
        for uri in update.removed:
            gone = files.get_file_from_path(uri)
            if gone is not None:
                files.remove(gone)
                _delete(Path(gone.abs_dest_path), Path(config.site_dir))
        rendered = []
        for page in update.pages:
            if page.src_uri not in update.changed or is_card(page.src_uri):  # the plugin writes cards itself
                continue
            file = files.get_file_from_path(page.src_uri)
            if file is None:
                inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
                file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
                file.generated_by = "glossary"
                files.append(file)
                Page(None, file, config)
            else:
                file.content_string = page.markdown
            rendered.append(file)
        if added or update.removed:
            generated = {page.src_uri for page in update.pages}
            others = [f for f in files if f.src_uri not in generated]
            pages = [files.src_uris[page.src_uri] for page in update.pages if not is_card(page.src_uri)]
            site.files = files = Files(others + pages)
        return rendered

    def _render(self, site: _Site, rendered: list[File], doc_files: list[File]) -> bool:
        """Render these pages as build() does: read all, then write all. True when a page of
        the navigation changed its title (every page shows it: the caller builds all)."""
        config, files = site.config, site.files
        search = config.plugins.get(SEARCH_PLUGIN)
        if search is not None:
            search.search_index.entries = []
        titles = {}
        for file in rendered:
            page = file.page
            assert page is not None
            titles[file.src_uri] = page.title
            vars(page).pop("title", None)
            if site.titles.get(file.src_uri) is not None:
                page.title = site.titles[file.src_uri]
            mkdocs_build._populate_page(page, config, files)
        for file in rendered:
            assert file.page is not None
            mkdocs_build._build_page(file.page, config, doc_files, site.nav, site.env, excluded=file.inclusion.is_excluded())
        for file in rendered:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if search is not None:
            fresh = self._search_documents(config, files, rendered)
            again = {f.src_uri for f in rendered}
            site.search = {
                f.src_uri: fresh.get(f.src_uri, "") if f.src_uri in again else site.search.get(f.src_uri, "") for f in doc_files
            }
            _write_kept_documents(search.search_index, [documents for documents in site.search.values() if documents])
        nav_pages = {page.file.src_uri: page for page in site.nav.pages}
        return any(nav_pages[uri].title != titles[uri] for uri in titles if uri in nav_pages)

    def _post_build(self, site: _Site, plugin: GlossaryPlugin, doc_files: list[File]) -> None:
        """What build() does once the pages are written: the plugins' on_post_build (the search
        index, and the plugin's redirects, terms.json and exports); then the files the plugin
        no longer writes, such as redirects no entry asks for any more, go (unless a page took
        their place)."""
        before = set(plugin.written)
        site.config.plugins.on_post_build(config=site.config)
        pages = {f.dest_uri for f in doc_files}
        for relative in before - plugin.written.keys() - pages:
            _delete(Path(site.config.site_dir) / relative, Path(site.config.site_dir))

    @staticmethod
    def _search_documents(config: MkDocsConfig, files: Files, among: list[File] | None = None) -> dict[str, str]:
        """src_uri -> the search documents of the page, as the search plugin holds them now,
        written as the plugin writes them into the index."""
        search = config.plugins.get(SEARCH_PLUGIN)
        if search is None:
            return {}
        by_url = {
            f.page.url: f.src_uri for f in (among if among is not None else files.documentation_pages()) if f.page is not None
        }
        found: dict[str, list[str]] = {}
        for entry in search.search_index.entries:
            uri = by_url.get(entry["location"].split("#", 1)[0])
            if uri is not None:
                found.setdefault(uri, []).append(_search_json(entry))
        return {uri: ",".join(documents) for uri, documents in found.items()}


_NO_DOCUMENTS = '"docs":[]}'


def _search_json(data: object) -> str:
    return json.dumps(data, separators=(",", ":"), default=str)  # as the search plugin writes its index


def _write_kept_documents(index: Any, documents: list[str]) -> None:
    """Have the search plugin write these documents (each page's, as JSON) as its index: it
    would write its entries with json.dumps, which writes a list item by item, so the index is
    the same, without encoding ten megabytes again at every rebuild (5,000 terms)."""

    def generate_search_index(prev: Any) -> str:
        index.entries = []
        empty = type(index).generate_search_index(index, None)  # its settings, and no documents
        if not empty.endswith(_NO_DOCUMENTS):
            raise RuntimeError(f"the search plugin's index is not in the expected format: {empty[-200:]}")
        return empty.removesuffix("[]}") + "[" + ",".join(documents) + "]}"

    index.generate_search_index = generate_search_index


def _pages(files: Files) -> list[File]:
    """The pages MkDocs renders, in its order (build() lists them so when serving)."""
    return list(files.documentation_pages(inclusion=InclusionLevel.is_in_serve))


def _delete(path: Path, site_dir: Path) -> None:
    """Delete a file of the site, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site_dir and folder.is_relative_to(site_dir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _stamps(paths: list[Path]) -> dict[str, tuple[int, ...]]:
    """path -> (modification and change times, size) of every file at or under `paths`."""
    found: dict[str, tuple[int, ...]] = {}
    for path in paths:
        for file in _files_at(path):
            try:
                stat = file.stat()
            except OSError:
                continue
            found[str(file)] = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
    return found


def _files_at(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from (p for p in sorted(path.rglob("*")) if p.is_file())
    elif path.exists():
        yield path


def _mount_path(site_url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(site_url or "/").path


# --- the server -----------------------------------------------------------------------------

_CHANGES: list[type[watchdog.events.FileSystemEvent]] = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,
]


class _ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """watchdog's native observer (inotify on Linux), told of changes only: a rebuild reads
    every watched file, and reading a file is an event of its own."""

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **options: Any) -> Any:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=_CHANGES)


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, told of changes by the native observer (not by polling
    every file twice a second, unless `poll`), showing `problems` on every page while set."""

    problems = ""

    def __init__(self, *args: Any, poll: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not poll and _can_observe(self.root):
            self.observer = _ChangeObserver()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        return _with_banner(content, self.problems) if self.problems else content


def _can_observe(folder: str) -> bool:
    """Whether the native observer starts here (it may not: inotify's limits, say); if not,
    MkDocs' polling observer does the work."""
    probe = _ChangeObserver()
    try:
        probe.schedule(watchdog.events.FileSystemEventHandler(), folder)
        probe.start()
    except OSError as error:
        log.info(f"glossary serve: file change events are not available ({error}); looking at the files instead")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


BANNER_ID = "glossary-serve-problems"


def _with_banner(content: bytes, problems: str) -> bytes:
    """The page with the problems in a banner at its top (styled inline: it must show over any page)."""
    banner = (
        f'<div id="{BANNER_ID}" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:10000;'
        "max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff4f4;color:#5c0000;"
        'border-bottom:3px solid #b00020;font:14px/1.45 system-ui,sans-serif;box-shadow:0 2px 8px #0004">'
        "<strong>The glossary was not rebuilt: fix these problems and save. The page below is the last "
        'good version.</strong><pre style="white-space:pre-wrap;margin:.6em 0 0;font:13px/1.4 monospace">'
        f"{html.escape(problems)}</pre></div>"
    ).encode()
    start = content.find(b"<body")
    end = content.find(b">", start) + 1 if start >= 0 else 0
    return content[:end] + banner + content[end:]
