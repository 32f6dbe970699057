"""Publishing at a real address: GLOSSARY_SITE_URL sets it for every output, the placeholder
address is warned about, and the site works from a sub-path (as on an intranet server)."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_glossary, small_site
from sourcing_glossary.urls import ALLOW_PLACEHOLDER, PLACEHOLDER_URL
from test_search import search

ADDRESS = "https://intranet.example.com/glossary/"
PREFIX = "/glossary/"
PLACEHOLDER_HOST = "sourcing-glossary.example.org"


def _glossary(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command with the test session's placeholder allowance replaced by `env`."""
    return run_glossary(*args, cwd=root, env={ALLOW_PLACEHOLDER: None, **env})


def _build(root: Path, *, strict: bool = False, **env: str) -> tuple[int, str]:
    result = _glossary(root, "build", *(["--strict"] if strict else []), env=env)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real glossary built for https://intranet.example.com/glossary/."""
    root = copy_project(tmp_path_factory.mktemp("published"))
    code, output = _build(root, GLOSSARY_SITE_URL=ADDRESS)
    assert code == 0, output
    assert "placeholder" not in output
    return root / "site"


def _generated_files(site: Path) -> list[Path]:
    """Everything the glossary generates: its pages (not the hand-written docs, which may show
    example addresses), exports, terms.json, terms.js and the sitemap."""
    hand_written = {
        "" if p.stem == "index" else p.with_suffix("").as_posix()
        for p in (REPO / "docs").rglob("*.md")
        for p in [p.relative_to(REPO / "docs")]
    }
    found = [site / "terms.json", site / "terms.js", site / "sitemap.xml", *sorted((site / "exports").iterdir())]
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        if (folder if folder != "." else "") not in hand_written:
            found.append(page)
    return found


def test_no_generated_output_keeps_the_placeholder_address(published: Path) -> None:
    files = _generated_files(published)
    assert len(files) > 100 and published / "exports" / "export.schema.json" in files
    leaking = [f.relative_to(published).as_posix() for f in files if PLACEHOLDER_HOST in f.read_text(encoding="utf-8")]
    assert leaking == []


def test_every_absolute_address_uses_the_published_one(published: Path) -> None:
    term = (published / "terms" / "outsourcing" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}terms/outsourcing/">' in term
    assert f'"url":"{ADDRESS}terms/outsourcing/"' in term  # JSON-LD
    locations = re.findall(r"<loc>([^<]+)</loc>", (published / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(location.startswith(ADDRESS) for location in locations)
    terms = (published / "terms.json").read_text(encoding="utf-8")
    assert f'"url":"{ADDRESS}terms/' in terms
    schema = (published / "exports" / "export.schema.json").read_text(encoding="utf-8")
    assert f'"$id": "{ADDRESS}exports/export.schema.json"' in schema


def test_show_and_check_links_follow_the_address(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    shown = _glossary(root, "show", "BPO", env={"GLOSSARY_SITE_URL": ADDRESS})
    assert f"{ADDRESS}terms/business-process-outsourcing/" in shown.stdout
    (root / "course.md").write_text(
        f"See [BPO]({ADDRESS}terms/business-process-outsorcing/) and [old]({PLACEHOLDER_URL}terms/outsourcing/).\n",
        encoding="utf-8",
    )
    checked = _glossary(root, "check-links", "course.md", env={"GLOSSARY_SITE_URL": ADDRESS})
    assert checked.returncode == 1
    assert "business-process-outsorcing" in checked.stdout and PLACEHOLDER_URL not in checked.stdout


def test_the_placeholder_address_warns_and_fails_a_strict_build(tmp_path: Path) -> None:
    root = small_site(tmp_path)
    code, output = _build(root)
    assert code == 0 and f"site_url is still the placeholder {PLACEHOLDER_URL}" in output
    code, output = _build(root, strict=True)
    assert code == 1 and "placeholder" in output
    code, output = _build(root, strict=True, **{ALLOW_PLACEHOLDER: "1"})
    assert code == 0, output


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /glossary/ and answers missing pages with 404.html, as a
    configured intranet server or GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        if not self.path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PREFIX) :]
        target = Path(self.translate_path(self.path))
        if not (target.is_file() or (target / "index.html").is_file()):
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def sub_path_url(published: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPathHandler, directory=str(published)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.mark.browser
def test_search_tooltips_and_redirects_work_under_a_sub_path(page, sub_path_url: str) -> None:
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and failed.append(request.url))
    page.goto(sub_path_url)
    page.locator(".md-search__input").click()
    assert search(page, "BPO")[0] == "business-process-outsourcing"
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url(f"{sub_path_url}terms/business-process-outsourcing/")
    link = page.locator("#definition ~ p a.gl-termlink").first
    link.hover()
    page.locator("#gl-tooltip").wait_for(state="visible")
    page.goto(f"{sub_path_url}terms/bpo/#pros")
    page.wait_for_url(f"{sub_path_url}terms/business-process-outsourcing/#pros")
    assert failed == [] and page.console_errors == [] and page.external_requests == []
