"""The whole built site holds together, page by page, read from its HTML without a browser: for
the real glossary, and for 200 synthetic terms added to it (the benchmark's generator),
because what breaks can depend on how many pages are built and in what order. (200 terms
triple the pages and show the 'None' navigation regression on 323 links; 1,000 took six times
the real glossary's build time.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import bench
from conftest import REPO, copy_project, shared_build
from site_integrity import (
    Site,
    heading_problems,
    json_ld_problems,
    link_problems,
    navigation_problems,
    read_site,
    sitemap_problems,
)
from sourcing_glossary.mkdocs.build import load_site_config

SYNTHETIC_TERMS = 200
SHOWN = 20  # problems listed in a failure; the count says how many there are


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with 200 synthetic terms beside its own terms (its hand-written pages
    and navigation link to those), built once."""

    def make(root: Path) -> None:
        copy_project(root)
        bench.add_synthetic_terms(root / "glossary", SYNTHETIC_TERMS)

    return shared_build(tmp_path_factory, "synthetic-site", make) / "site"


@pytest.fixture(scope="module", params=["real glossary", f"{SYNTHETIC_TERMS} synthetic terms"])
def site(request: pytest.FixtureRequest) -> Site:
    folder = request.getfixturevalue("built_site" if request.param == "real glossary" else "synthetic_site")
    return read_site(folder, load_site_config(REPO / "mkdocs.yml").site_url)


def assert_none(problems: Iterator[str]) -> None:
    found = list(problems)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:SHOWN])


def test_navigation_names_every_page_by_its_title(site: Site) -> None:
    assert_none(navigation_problems(site))


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    assert_none(link_problems(site))


def test_every_page_has_one_h1_and_a_title(site: Site) -> None:
    assert_none(heading_problems(site))


def test_every_json_ld_block_parses(site: Site) -> None:
    assert_none(json_ld_problems(site))


def test_every_page_in_the_sitemap_exists(site: Site) -> None:
    assert_none(sitemap_problems(site))
