"""Citations and sources as a reader meets them in headless Chromium: a citation leads the
keyboard focus to its source, the Sources page lists who cites what, and a deprecated term
ranks below live ones in the search box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_glossary, serve_folder, write_entry
from test_search import search
from test_sources import FAR_SHORING, NEW_TERM, OFFSHORING, REGISTRY

pytestmark = pytest.mark.browser

_CITATION = re.compile(r"\[@([^\[\]\n]*)\]")


def _cited_ids(data: dict) -> set[str]:
    """What an entry file cites, read from the YAML itself: inline citations and listed refs."""
    texts = [
        data.get("definition", ""),
        data.get("usage_notes", ""),
        *data.get("examples", []),
        *data.get("pros", []),
        *data.get("cons", []),
        *data.get("contrast", {}).values(),
    ]
    ids = {
        part.strip().lstrip("@").split(",")[0].strip()
        for text in texts
        for match in _CITATION.finditer(text)
        for part in match.group(1).split(";")
    }
    return ids | {source["ref"] for source in data.get("sources", [])}


def _a_cited_term(built_site: Path) -> str:
    return next(
        path.parent.name
        for path in sorted((built_site / "terms").glob("*/index.html"))
        if 'class="gl-cite"' in path.read_text(encoding="utf-8")
    )


def test_activating_a_citation_moves_the_focus_to_its_source(page, site_url: str, built_site: Path) -> None:
    page.goto(f"{site_url}/terms/{_a_cited_term(built_site)}/")
    link = page.locator(".gl-cite a").first
    label, target = link.get_attribute("aria-label"), link.get_attribute("href")
    assert re.fullmatch(r"Source \d+: .+", label)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("target => document.activeElement && '#' + document.activeElement.id === target", arg=target)
    source = page.locator(target)
    assert source.evaluate("el => el.closest('ol.gl-sources') !== null")
    title = label.split(": ", 1)[1].rsplit(", p.", 1)[0]
    assert title in source.inner_text()
    assert source.is_visible() and page.console_errors == []


def test_sources_page_lists_each_source_with_the_terms_citing_it(page, site_url: str) -> None:
    registry = yaml.safe_load((REPO / "glossary" / "sources.yml").read_text(encoding="utf-8"))["sources"]
    citing: dict[str, set[str]] = {key: set() for key in registry}
    for path in (REPO / "glossary" / "terms").glob("*.yml"):
        for source_id in _cited_ids(yaml.safe_load(path.read_text(encoding="utf-8"))):
            citing[source_id].add(path.stem)
    page.goto(site_url + "/sources/")
    listed = page.eval_on_selector_all(
        ".gl-source-list > li",
        """items => items.map(li => [li.id,
        [...li.querySelectorAll('.gl-cited-by a')].map(a => a.pathname.split('/').filter(Boolean).pop())])""",
    )
    assert {source_id: set(terms) for source_id, terms in listed} == citing
    first_term = next(terms for _, terms in listed if terms)[0]
    page.locator(".gl-cited-by a").first.click()
    page.wait_for_url(re.compile(rf"/terms/{first_term}/$"))
    assert page.console_errors == [] and page.external_requests == []


@pytest.fixture(scope="module")
def lifecycle_site(tmp_path_factory: pytest.TempPathFactory):
    """A small glossary with a live, a draft and a deprecated term, built and served."""
    from conftest import TEST_SOURCES, copy_project

    root = copy_project(tmp_path_factory.mktemp("lifecycle"), terms=[])
    (root / "glossary" / "sources.yml").write_text(TEST_SOURCES + REGISTRY.removeprefix("sources:\n"), encoding="utf-8")
    for slug, text in (("offshoring", OFFSHORING), ("far-shoring", FAR_SHORING), ("near-term-sourcing", NEW_TERM)):
        write_entry(root, slug, text)
    run_glossary("build", cwd=root, check=True)
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


def test_a_deprecated_term_ranks_below_live_terms_and_its_page_points_on(page, lifecycle_site: str) -> None:
    page.goto(lifecycle_site + "/")
    page.locator(".md-search__input").click()
    # The deprecated term's own name matches best, yet the live term that replaces it comes first.
    assert search(page, "far-shoring")[:2] == ["offshoring", "far-shoring"]
    page.goto(lifecycle_site + "/terms/far-shoring/")
    banner = page.locator(".gl-deprecated")
    assert "Deprecated term" in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_url(re.compile(r"/terms/offshoring/$"))
    page.goto(lifecycle_site + "/terms/near-term-sourcing/")
    assert page.locator(".gl-badge-draft").inner_text() == "Draft"
