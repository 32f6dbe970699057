"""Shared fixtures: throwaway projects, the real site built once, and headless Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from sourcing_glossary.cli import main
from sourcing_glossary.mkdocs import material
from sourcing_glossary.model import Entry, Glossary
from sourcing_glossary.source.load import Layout, load_glossary
from sourcing_glossary.tools.printing import CHROMIUM_ARGS  # one launch setup for the tool and the tests

REPO = Path(__file__).resolve().parent.parent
GLOSSARY_BIN = Path(sys.executable).with_name("glossary")
CHROMIUM = Path("/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice, printed on every run
os.environ.setdefault("GLOSSARY_ALLOW_PLACEHOLDER_URL", "1")  # tests build with the placeholder address


Environment = Mapping[str, str | None]  # variables to set; None unsets one


def run_glossary(*args: str, cwd: Path, check: bool = False, env: Environment | None = None) -> subprocess.CompletedProcess[str]:
    """`glossary ARGS` in the folder `cwd`, with `env` added to the environment: its exit status,
    standard output and standard error, as an editor would see them.

    It runs the command's main() in this process: a fresh interpreter spends about half a second
    importing MkDocs before it does anything. What a new process would start with is set up for
    the call and put back afterwards: the working folder, the environment, standard output and
    error, and logging (main() configures it, so MkDocs' messages reach standard error). An
    exception main() lets out fails the test with its traceback; the tests that need the
    installed command itself (exit status, signals, a terminal) use run_glossary_process."""
    out, err = _output(), _output()
    with (
        contextlib.chdir(cwd),
        _environment(env or {}),
        _fresh_logging(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as leaving:  # argparse on a usage error or --help
            code = leaving.code if isinstance(leaving.code, int) else 0 if leaving.code is None else 1
    result = subprocess.CompletedProcess(["glossary", *args], code, _text(out), _text(err))
    return _checked(result) if check else result


def run_glossary_process(
    *args: str, cwd: Path, check: bool = False, env: Environment | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `glossary` command in a process of its own, as an editor would."""
    environment = {name: value for name, value in {**os.environ, **(env or {})}.items() if value is not None}
    result = subprocess.run([str(GLOSSARY_BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=environment)
    return _checked(result) if check else result


def _checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    if result.returncode != 0:
        command = " ".join(result.args[1:])
        raise AssertionError(f"glossary {command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def installed_tool(name: str) -> Path:
    """A command that requirements-dev.txt installs into the virtual environment (the ProperDocs
    and Zensical builds). Skipped where it is missing, except under CI, where that is a failure."""
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing under CI: install requirements-dev.txt")
        pytest.skip(f"{tool} is missing: run 'make test', which installs requirements-dev.txt")
    return tool


def _output() -> io.TextIOWrapper:
    """A standard output (or error) that keeps what is written, text and bytes alike."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")


def _text(stream: io.TextIOWrapper) -> str:
    """What was written, read as subprocess.run(text=True) reads a pipe (CR LF and CR become LF)."""
    stream.flush()
    written = stream.buffer.getvalue()  # type: ignore[attr-defined]  # the BytesIO of _output()
    return io.TextIOWrapper(io.BytesIO(written), encoding="utf-8").read()


@contextlib.contextmanager
def _environment(changes: Environment) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}

    def apply(values: Environment) -> None:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if "TMPDIR" in values:
            tempfile.tempdir = None  # read TMPDIR again, as a new process would

    apply(changes)
    try:
        yield
    finally:
        apply(saved)


@contextlib.contextmanager
def _fresh_logging() -> Iterator[None]:
    """The root logger as a new process has it (no handler, level WARNING) for main() to set up;
    pytest's own handlers are put back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers.clear()
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def copy_project(target: Path, *, terms: list[str] | None = None) -> Path:
    """A copy of this project's site sources in `target`: mkdocs.yml, docs/ and glossary/.
    With `terms`, only those entry files are kept (and comparisons are dropped)."""
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "glossary", target / "glossary")
    if terms is not None:
        for path in (target / "glossary" / "terms").glob("*.yml"):
            if path.stem not in terms:
                path.unlink()
        (target / "glossary" / "comparisons.yml").unlink(missing_ok=True)
        lock = target / "glossary" / "urls.lock"
        lock.unlink(missing_ok=True)
    return target


MINIMAL_ENTRY = """\
term: {term}
category: sourcing-models
summary: A test term called {term}.
definition: |
  The definition of {term}.
sources:
  - ref: test-source
"""
TEST_SOURCES = """\
sources:
  test-source:
    title: A test source
    publisher: Test Publisher
    date: "2020"
    kind: reference
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the real categories and schemas, no entries yet (tests add their own),
    and a source registry of one record, test-source, for the tests' entries to cite."""
    copy_project(tmp_path, terms=[])
    (tmp_path / "glossary" / "sources.yml").write_text(TEST_SOURCES, encoding="utf-8")
    return tmp_path


def valid_glossary(project: Path) -> Glossary:
    """The glossary of a test project, which must load without errors."""
    glossary, problems = load_glossary(Layout(project, project / "glossary"))
    assert not [p for p in problems if p.is_error], problems
    return glossary


def write_entry(project: Path, slug: str, text: str | None = None, **fields: str) -> Path:
    path = project / "glossary" / "terms" / f"{slug}.yml"
    path.write_text(text if text is not None else MINIMAL_ENTRY.format(term=fields.get("term", slug.title())), encoding="utf-8")
    return path


LINKED_ENTRY = """\
term: {term}
category: sourcing-models
summary: A test term called {term}.
definition: |
  The definition of {term}, which is not [[{other}]].
related:
  - {other}
sources:
  - ref: test-source
"""
SMALL_NAV = """\
nav:
  - Home: index.md
  - Reuse the glossary: reuse.md
"""


def small_site(target: Path) -> Path:
    """A project that builds in a fraction of the real glossary's time and with no warning, even
    with --strict: the real mkdocs.yml, theme, categories and schemas, two hand-written pages
    (Home, and Reuse the glossary) in the navigation and two entries, alpha and offshoring, that
    cite test-source and link to each other."""
    copy_project(target, terms=[])
    (target / "glossary" / "sources.yml").write_text(TEST_SOURCES, encoding="utf-8")
    for slug, other in (("alpha", "offshoring"), ("offshoring", "alpha")):
        write_entry(target, slug, LINKED_ENTRY.format(term=slug.title(), other=other))
    for page in (target / "docs").glob("*.md"):
        page.unlink()
    (target / "docs" / "index.md").write_text("# Home\n\nSee [Alpha](terms/alpha.md).\n", encoding="utf-8")
    (target / "docs" / "reuse.md").write_text("# Reuse the glossary\n\nThe exports.\n", encoding="utf-8")
    config = target / "mkdocs.yml"
    settings, _, nav = config.read_text(encoding="utf-8").partition("\nnav:\n")
    assert nav and all(line.startswith(" ") for line in nav.splitlines() if line), "nav is the last setting"
    config.write_text(settings + "\n" + SMALL_NAV, encoding="utf-8")
    return target


def entry_value(slug: str, term: str, *aliases: str, **fields: str) -> Entry:
    """An entry as loading would make it, for tests that need no files: summary 'What <term> is.'"""
    return Entry(
        slug=slug,
        path=f"{slug}.yml",
        term=term,
        category="c",
        summary=f"What {term} is.",
        definition="d",
        aliases=aliases,
        **fields,
    )


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The project `make(folder)` writes, built with `glossary build` once in a test run: the
    parallel workers of pytest-xdist share it (the first builds it, the others wait for it).
    The project's folder; the site is in its site/. Tests only read it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    root = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "site").is_dir():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            make(root)
            run_glossary("build", cwd=root, check=True)
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real glossary, built once with `glossary build` into a temporary copy."""
    return shared_build(tmp_path_factory, "site-project", copy_project) / "site"


LINKING_TERMS = Path(__file__).parent / "fixtures" / "linking" / "terms"


def small_project(target: Path) -> Path:
    """A project in `target` with the five terms of fixtures/linking/terms (an alias in capitals,
    a British alias, a deprecated term): quick to build."""
    root = copy_project(target, terms=[])
    (root / "glossary" / "sources.yml").write_text(TEST_SOURCES, encoding="utf-8")
    for path in LINKING_TERMS.glob("*.yml"):
        shutil.copy(path, root / "glossary" / "terms" / path.name)
    return root


@pytest.fixture(scope="session")
def linking_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project built once, for the tests of linking from other sites. The project's
    folder; the site is in its site/."""
    return shared_build(tmp_path_factory, "linking-glossary", small_project)


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages and nginx do: a missing path is answered with the
    site's 404.html (status 404), whatever folder it seems to be in. Logs nothing."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory, "404.html")
        if code != HTTPStatus.NOT_FOUND or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def search_documents(site: Path) -> list[dict]:
    """The documents of the site's full-text search index (the file the search worker fetches)."""
    return json.loads((site / material.DOCS_FILE).read_text(encoding="utf-8"))["docs"]


def serve_folder(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_StaticHost, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on localhost."""
    url, server = serve_folder(built_site)
    yield url
    server.shutdown()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives the browser is a browser test (`-m browser`, `-m "not browser"`), marked
    or not: its module may lack the mark."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright. Skipped where Chromium is missing,
    except under CI, where a missing browser is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: browser tests must run (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh browser page. Requests that leave localhost are blocked and recorded; console
    errors and failed requests are collected: tests assert they are empty where it matters.
    The status of the page itself is not among them (a 404 page is meant to answer 404): tests
    read it from what `goto` returns."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    new_page = context.new_page()
    new_page.console_errors = []  # type: ignore[attr-defined]
    new_page.external_requests = []  # type: ignore[attr-defined]
    new_page.failed_requests = []  # type: ignore[attr-defined]

    def console(message: Any) -> None:
        own_status = message.location.get("url") == new_page.url and message.text.startswith("Failed to load resource")
        if message.type == "error" and not own_status:
            new_page.console_errors.append(message.text)

    new_page.on("console", console)
    new_page.on("pageerror", lambda e: new_page.console_errors.append(str(e)))
    # A redirect page (an alias's address) moves on with location.replace while its own
    # stylesheets and scripts may still be loading: Chromium cancels those (net::ERR_ABORTED),
    # which is the redirect working, not a resource that failed.
    new_page.on(
        "requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and new_page.failed_requests.append(f"{r.url}: {r.failure}")
    )
    new_page.on(
        "response",
        lambda r: (
            r.status >= 400
            and not r.request.is_navigation_request()
            and new_page.failed_requests.append(f"{r.url}: HTTP {r.status}")
        ),
    )

    def route(route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        if request_url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            new_page.external_requests.append(request_url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    yield new_page
    context.close()


RANK_QUERIES = """([terms, text, queries, limit]) => {
  const index = glossaryMatch.prepare(terms);
  glossaryMatch.addText(index, text);
  return queries.map(query => glossaryMatch.search(index, query, limit, true, false)
    .map(r => r.comparison ? r.comparison.path.replace(/\\/$/, "") : r.term.slug));
}"""


@pytest.fixture
def rank(page: Any, built_site: Path) -> Callable[[list[str], int], list[list[str]]]:
    """The term finder's ranking alone: the built site's glossary-match.js in a blank page (no
    theme, no worker), with its terms.json and the entries' text (terms-text.json).
    rank(queries, limit) gives, for each query, its first `limit` results as the finder answers
    once it has read the text: term slugs, and compare/<slug> for a comparison page."""
    page.set_content("<!doctype html><title>glossary-match.js</title>")
    page.add_script_tag(path=str(built_site / "assets" / "javascripts" / "glossary-match.js"))
    terms, text = (json.loads((built_site / name).read_text(encoding="utf-8")) for name in ("terms.json", "terms-text.json"))
    return lambda queries, limit: page.evaluate(RANK_QUERIES, [terms, text, queries, limit])


class Served:
    """`glossary serve` running on a free port in a project folder, its output in a file."""

    def __init__(self, project: Path, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.log = log
        self.process = subprocess.Popen(
            [str(GLOSSARY_BIN), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            env=dict(os.environ),
        )
        self.wait_for(lambda: "Serving on" in self.output(), "the server to start")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"glossary serve stopped while waiting for {what}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.output()[-3000:]}")
            time.sleep(0.05)

    @property
    def folder(self) -> Path:
        """The folder the server serves (it says where it builds the site)."""
        found = re.search(r"the site is built in (\S+)", self.output())
        assert found, self.output()
        return Path(found[1]).resolve()

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=120) as response:
            return response.read().decode("utf-8")

    def epoch(self) -> int:
        """The version of the site the server shows, as its live-reload script knows it."""
        found = re.search(r"livereload\((\d+),", self.get())
        assert found, "no live-reload script in the served page"
        return int(found[1])

    def wait_for_rebuild(self, since: int) -> int:
        """Wait until a site newer than `since` is shown and no other rebuild follows within a
        second and a half (saving several files may take two rebuilds); the newest version."""
        epoch = self._next(since, timeout=300)
        assert epoch is not None, f"no rebuild after the change:\n{self.output()[-3000:]}"
        while (later := self._next(epoch, timeout=1.5)) is not None:
            epoch = later
        return epoch

    def _next(self, epoch: int, timeout: float) -> int | None:
        try:
            with urllib.request.urlopen(f"{self.url}livereload/{epoch}/1", timeout=timeout) as response:
                shown = int(response.read())
        except (TimeoutError, urllib.error.URLError):
            return None
        return shown if shown > epoch else None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Path], Served]]:
    """Start `glossary serve` in a project folder; stopped when the test ends."""
    started: list[Served] = []

    def start(project: Path) -> Served:
        served = Served(project, tmp_path / f"serve-{len(started)}.log")
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()
