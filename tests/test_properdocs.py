"""The plugin runs under ProperDocs, the maintained fork of MkDocs 1.x: `properdocs build` finds it
through the `mkdocs.plugins` entry point, reads mkdocs.yml as it is, and builds the same site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_project, installed_tool
from site_integrity import link_problems, read_site
from sourcing_glossary.mkdocs.build import load_site_config

pytestmark = pytest.mark.portability


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    properdocs = installed_tool("properdocs")
    root = copy_project(tmp_path_factory.mktemp("properdocs-project"))
    site = root / "properdocs-site"
    subprocess.run(
        [str(properdocs), "build", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return site


def test_properdocs_builds_every_page_of_the_mkdocs_build(properdocs_site: Path, built_site: Path) -> None:
    files = sorted(path.relative_to(properdocs_site).as_posix() for path in properdocs_site.rglob("*"))
    assert files == sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*"))
    for page in (
        "terms/outsourcing/index.html",
        "terms/index.html",
        "compare/outsourcing-vs-offshoring/index.html",
        "compare/sourcing-model-matrix.svg",
        "terms.json",
    ):
        assert (properdocs_site / page).is_file(), page


def test_properdocs_pages_are_the_mkdocs_pages_but_for_the_generator(properdocs_site: Path, built_site: Path) -> None:
    page = "terms/outsourcing/index.html"
    properdocs_lines = (properdocs_site / page).read_text(encoding="utf-8").splitlines()
    mkdocs_lines = (built_site / page).read_text(encoding="utf-8").splitlines()
    differ = [(a, b) for a, b in zip(properdocs_lines, mkdocs_lines) if a != b]
    assert len(properdocs_lines) == len(mkdocs_lines)
    assert len(differ) == 1 and "ProperDocs" in differ[0][0], differ


def test_every_link_of_the_properdocs_site_resolves(properdocs_site: Path) -> None:
    site = read_site(properdocs_site, load_site_config(REPO / "mkdocs.yml").site_url)
    problems = list(link_problems(site))
    assert not problems, "\n".join(problems[:20])
