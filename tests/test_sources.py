"""Sources and the entry lifecycle as readers and tools see them: term pages, the Sources page,
exports, and `glossary status` (the validator's rules are in test_validate_rules.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
import yaml
from rdflib.namespace import DCTERMS, OWL

from conftest import REPO, run_glossary, write_entry
from sourcing_glossary.model import Glossary
from sourcing_glossary.render.pages import parts_in_markdown
from sourcing_glossary.render.site_pages import content_pages
from sourcing_glossary.source.load import Layout, load_glossary

REGISTRY = """\
sources:
  iso-18295-1:
    title: "ISO 18295-1:2017 Customer contact centres"
    publisher: International Organization for Standardization
    date: "2017"
    kind: standard
  vendor-page:
    title: A vendor's glossary page
    publisher: Vendor Inc.
    undated: true
    url: https://vendor.example/glossary
    accessed: "2026-12-01"
    kind: vendor
"""
OFFSHORING = """\
term: Offshoring
aliases:
  - far shoring work
category: location-models
summary: Moving work to another country.
definition: |
  Offshoring moves work abroad [@vendor-page]. Labor costs fall by 20–30 % [@vendor-page, p. 2; @iso-18295-1].
related:
  - far-shoring
sources:
  - ref: iso-18295-1
    note: What a contact center must provide.
status: reviewed
reviewed: "2025-06-01"
"""
FAR_SHORING = """\
term: Far-shoring
category: location-models
summary: An old word for moving work to a distant country.
definition: |
  An older word for offshoring to a distant country [@iso-18295-1].
related:
  - offshoring
status: deprecated
replaced_by: offshoring
"""
NEW_TERM = """\
term: Near-term sourcing
category: sourcing-models
summary: A term nobody has checked yet.
definition: |
  Not yet checked [@iso-18295-1].
related:
  - offshoring
"""


@pytest.fixture
def sourced(project: Path) -> Path:
    (project / "glossary" / "sources.yml").write_text(REGISTRY, encoding="utf-8")
    write_entry(project, "offshoring", OFFSHORING)
    write_entry(project, "far-shoring", FAR_SHORING)
    write_entry(project, "near-term-sourcing", NEW_TERM)
    return project


def _glossary(project: Path) -> Glossary:
    glossary, problems = load_glossary(Layout(root=project, data=project / "glossary"))
    assert [p for p in problems if p.is_error] == []
    return glossary


def _page(project: Path, src_uri: str) -> str:
    """A generated page's Markdown with a term page's HTML parts put in, as the site renders them."""
    glossary = _glossary(project)
    return next(parts_in_markdown(page) for page in content_pages(glossary) if page.src_uri == src_uri)


def test_citations_are_numbered_in_reading_order_and_name_their_source(sourced: Path) -> None:
    page = _page(sourced, "terms/offshoring.md")
    links = re.findall(r'<a href="#source-([a-z0-9-]+)" aria-label="([^"]+)">(\d)</a>', page)
    assert links == [
        ("vendor-page", "Source 1: A vendor&#x27;s glossary page", "1"),
        ("vendor-page", "Source 1: A vendor&#x27;s glossary page, p. 2", "1"),
        ("iso-18295-1", "Source 2: ISO 18295-1:2017 Customer contact centres", "2"),
    ]
    assert "[@" not in page


def test_source_lines_give_title_publisher_date_kind_and_link(sourced: Path) -> None:
    page = _page(sourced, "terms/offshoring.md")
    sources = page.split('<ol class="gl-sources">')[1].split("</ol>")[0]
    vendor, standard = sources.strip().split("\n")
    assert vendor.startswith(
        '<li id="source-vendor-page" tabindex="-1"><cite>A vendor&#x27;s glossary page</cite>. Vendor Inc. Undated. '
    )
    assert '<span class="gl-kind gl-kind-vendor gl-kind-weak">Vendor page</span>' in vendor
    assert '<a class="gl-source-url" href="https://vendor.example/glossary">' in vendor and "(accessed 2026-12-01)" in vendor
    assert "International Organization for Standardization. 2017. " in standard and ">Standard</span>" in standard
    assert "Supports: What a contact center must provide." in standard  # the entry's note
    assert 'href="../../sources/#iso-18295-1"' in standard


def test_a_deprecated_term_points_to_its_replacement_and_ranks_lower(sourced: Path) -> None:
    page = _page(sourced, "terms/far-shoring.md")
    assert "Deprecated term" in page and 'Use <a href="../offshoring/">Offshoring</a> instead.' in page
    assert '"boost": 0.5' in page
    assert '"boost": 4' in _page(sourced, "terms/offshoring.md")


def test_a_draft_shows_its_badge_and_a_reviewed_entry_its_review_date(sourced: Path) -> None:
    assert "gl-badge-draft" in _page(sourced, "terms/near-term-sourcing.md")
    reviewed = _page(sourced, "terms/offshoring.md")
    assert "gl-badge-draft" not in reviewed
    assert 'Reviewed against its sources <time datetime="2025-06-01">2025-06-01</time>' in reviewed


def test_sources_page_lists_each_source_by_kind_with_the_terms_citing_it(sourced: Path) -> None:
    page = _page(sourced, "sources/index.md")
    assert page.index("## Standards") < page.index("## Vendor pages")
    iso = re.search(r'<li id="iso-18295-1".*?</li>', page).group(0)
    cited_by = re.findall(r'<a href="../terms/([a-z-]+)/">', iso.split("Cited by:")[1])
    assert cited_by == ["far-shoring", "near-term-sourcing", "offshoring"]  # by term
    vendor = re.search(r'<li id="vendor-page".*?</li>', page).group(0)
    assert re.findall(r'<a href="../terms/([a-z-]+)/">', vendor.split("Cited by:")[1]) == ["offshoring"]


def test_json_export_carries_the_registry_and_each_entrys_citations(sourced: Path) -> None:
    data = json.loads(run_glossary("export", "--format", "json", cwd=sourced, check=True).stdout)
    assert [s["id"] for s in data["sources"]] == ["iso-18295-1", "vendor-page"]
    assert data["sources"][1]["url"] == "https://vendor.example/glossary" and data["sources"][1]["date"] is None
    offshoring = next(t for t in data["terms"] if t["slug"] == "offshoring")
    assert offshoring["sources"] == [{"ref": "iso-18295-1", "note": "What a contact center must provide."}]
    assert offshoring["cited_sources"] == ["vendor-page", "iso-18295-1"]
    far = next(t for t in data["terms"] if t["slug"] == "far-shoring")
    assert (far["status"], far["replaced_by"]) == ("deprecated", "offshoring")


def test_skos_names_sources_and_marks_deprecated_terms(sourced: Path) -> None:
    turtle = run_glossary("export", "--format", "skos", cwd=sourced, check=True).stdout
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    base = "https://sourcing-glossary.example.org/"
    offshoring, far = rdflib.URIRef(base + "terms/offshoring/"), rdflib.URIRef(base + "terms/far-shoring/")
    vendor = rdflib.URIRef("https://vendor.example/glossary")
    iso = rdflib.URIRef(base + "sources/#iso-18295-1")  # no url: its line on the Sources page
    assert set(graph.objects(offshoring, DCTERMS.source)) == {vendor, iso}
    citation = str(next(graph.objects(vendor, DCTERMS.bibliographicCitation)))
    assert citation == "A vendor's glossary page. Vendor Inc. Undated. Vendor page."
    assert (far, OWL.deprecated, rdflib.Literal(True)) in graph
    assert (far, DCTERMS.isReplacedBy, offshoring) in graph
    assert (offshoring, OWL.deprecated, None) not in graph


def test_csv_export_and_import_keep_source_ids_and_imports_start_as_drafts(sourced: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "terms.csv"
    run_glossary("export", "--format", "csv", "-o", str(csv_file), cwd=sourced, check=True)
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "* iso-18295-1\n  note: What a contact center must provide." in text
    for slug in ("offshoring", "far-shoring", "near-term-sourcing"):
        (sourced / "glossary" / "terms" / f"{slug}.yml").unlink()
    result = run_glossary("import", str(csv_file), cwd=sourced)
    assert result.returncode == 0, result.stdout
    imported = (sourced / "glossary" / "terms" / "offshoring.yml").read_text(encoding="utf-8")
    assert "sources:\n  - ref: iso-18295-1\n    note: What a contact center must provide.\n" in imported
    assert "status: draft\n" in imported and "reviewed:" not in imported
    assert "status: deprecated\n" in (sourced / "glossary" / "terms" / "far-shoring.yml").read_text(encoding="utf-8")


def test_new_entries_start_as_drafts(project: Path) -> None:
    run_glossary("new", "near-term-sourcing", cwd=project, check=True)
    assert "status: draft\n" in (project / "glossary" / "terms" / "near-term-sourcing.yml").read_text(encoding="utf-8")


def test_status_lists_drafts_deprecated_terms_and_reviews_that_are_due(sourced: Path) -> None:
    out = run_glossary("status", "--today", "2026-12-02", cwd=sourced, check=True).stdout
    assert out.startswith("3 entries: 1 draft, 1 reviewed, 1 deprecated\n")
    due = out.split("Due for review")[1].split("\n\n")[0]
    assert "near-term-sourcing.yml: draft, never reviewed" in due
    assert "offshoring.yml: reviewed, reviewed 2025-06-01 (549 days ago)" in due
    assert "far-shoring" not in due  # a deprecated term is not reviewed again
    assert "far-shoring.yml: Far-shoring -> replaced by 'offshoring'" in out.split("Deprecated (1):")[1]
    later = json.loads(run_glossary("status", "--today", "2025-07-01", "--format", "json", cwd=sourced, check=True).stdout)
    assert {row["slug"]: row["due"] for row in later["entries"]} == {
        "far-shoring": False,
        "near-term-sourcing": True,
        "offshoring": False,
    }


def test_the_real_registry_labels_the_founding_articles_honestly() -> None:
    """The articles of ../shared/sources are undated vendor and blog pages: the registry says so."""
    registry = yaml.safe_load((REPO / "glossary" / "sources.yml").read_text(encoding="utf-8"))["sources"]
    for source_id in (
        "simplr-outsourcing-vs-insourcing",
        "support-glossary-outsourcing",
        "customerservicecrossing-outsourcing-opinion",
        "outsourcing-offshoring-insourcing-blog",
        "blended-call-centers-blog",
        "outsourcing-contact-functions-article",
    ):
        record = registry[source_id]
        assert record.get("undated") is True and "date" not in record, source_id
        assert record["kind"] in ("vendor", "blog"), source_id
