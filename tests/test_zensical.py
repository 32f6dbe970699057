"""Zensical, Material for MkDocs' successor, builds the real glossary from `glossary render`'s
folder: every page the plugin generates is there, with its content, and every link resolves."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import html

from conftest import REPO, copy_project, installed_tool, run_glossary
from site_integrity import link_problems, read_site
from sourcing_glossary.mkdocs.build import load_site_config
from sourcing_glossary.render.site_pages import generated_pages
from sourcing_glossary.source.load import Layout, load_glossary
from sourcing_glossary.urls import Publication, site_path

pytestmark = pytest.mark.portability
CONFIG = load_site_config(REPO / "mkdocs.yml")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    zensical = installed_tool("zensical")
    root = copy_project(tmp_path_factory.mktemp("zensical-project"))
    out = root / "rendered"
    run_glossary("render", "--out", str(out), cwd=root, check=True)
    subprocess.run([str(zensical), "build", "-f", "mkdocs.yml"], cwd=out, check=True, capture_output=True, text=True, timeout=600)
    return out / "site"


def test_zensical_builds_every_generated_page(zensical_site: Path) -> None:
    glossary, _ = load_glossary(Layout(REPO, REPO / "glossary"))
    pages = generated_pages(glossary, Publication(CONFIG.site_name, CONFIG.site_url or ""))
    assert {"terms/index.md", "compare/sourcing-model-matrix.md", "compare/outsourcing-vs-offshoring.md"} <= {
        page.src_uri for page in pages
    }
    missing = [
        page.src_uri for page in pages if not (zensical_site / site_path(page.src_uri).strip("/") / "index.html").is_file()
    ]
    assert not missing


def test_zensical_publishes_the_files_of_the_plugins_site(zensical_site: Path, built_site: Path) -> None:
    """Pages, redirects, data files and exports alike; the themes' assets and search indexes differ."""

    def files(site: Path) -> set[str]:
        return {
            path.relative_to(site).as_posix()
            for path in site.rglob("*")
            if path.is_file() and path.relative_to(site).parts[0] not in ("assets", "search")
        }

    assert files(zensical_site) ^ files(built_site) == {"search.json", "sitemap.xml.gz"}


def test_a_zensical_term_page_shows_the_entry(zensical_site: Path) -> None:
    glossary, _ = load_glossary(Layout(REPO, REPO / "glossary"))
    entry = glossary.entries["outsourcing"]
    page = html.parse(str(zensical_site / "terms" / "outsourcing" / "index.html")).getroot()
    assert page.findtext(".//h1").strip() == entry.term
    assert page.xpath("string(//p[@class='gl-summary'])") == entry.summary
    definition = page.xpath("string(//h2[@id='definition']/following-sibling::p[1])")
    assert definition.startswith(" ".join(entry.definition.split()[:6]))  # "Outsourcing means a company contracts a"
    assert page.xpath("//figure[@class='gl-map']//svg") and page.xpath("//script[@type='application/ld+json']")


def test_every_link_of_the_zensical_site_resolves(zensical_site: Path) -> None:
    site = read_site(zensical_site, CONFIG.site_url)
    problems = list(link_problems(site))
    assert not problems, "\n".join(problems[:20])
    page = site.pages[site.url + "terms/outsourcing/"]
    assert site.url + "terms/outsourcing/" in page.links  # the permalink leads to the page itself
