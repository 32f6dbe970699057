"""Comparison pages and the sourcing-model matrix: generated from entries, facets and comparisons.yml."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from PIL import Image

from conftest import REPO, run_glossary, write_entry
from sourcing_glossary.model import Glossary
from sourcing_glossary.render import site_pages
from sourcing_glossary.render.comparisons import comparison_pages, matrix_cells, plain_text
from sourcing_glossary.render.matrix_picture import matrix_svg
from sourcing_glossary.source.load import Layout, load_glossary
from sourcing_glossary.urls import Publication

FIXTURES = Path(__file__).parent / "fixtures" / "comparisons"
SVG = "{http://www.w3.org/2000/svg}"

ENTRY = """\
term: {term}
category: sourcing-models
summary: {summary}
definition: |
  The definition of {term}.
pros:
{pros}
cons:
  - A single drawback.
{facets}
"""

COMPARISONS = """\
comparisons:
  outsourcing-vs-offshoring:
    title: Outsourcing vs offshoring
    terms: [offshoring, outsourcing]
    intro: |
      People mix up [[outsourcing]] and [[offshoring|offshoring]].
  outsourcing-vs-unclassified:
    title: Outsourcing vs an unclassified term
    terms: [outsourcing, unclassified]
    intro: One of them has no facets.
"""


def _entry(
    project: Path,
    slug: str,
    term: str,
    *,
    ownership: str = "",
    location: str = "",
    pros: tuple[str, ...] = ("A single advantage.",),
    summary: str = "",
) -> None:
    facets = {"ownership": ownership, "location": location}
    facet_lines = "".join(f"  {key}: {value}\n" for key, value in facets.items() if value)
    write_entry(
        project,
        slug,
        ENTRY.format(
            term=term,
            summary=summary or f"A test term called {term}.",
            pros="\n".join(f"  - {json.dumps(p)}" for p in pros),
            facets=f"facets:\n{facet_lines}" if facet_lines else "",
        ),
    )


@pytest.fixture
def glossary(project: Path) -> Glossary:
    """Four entries, three of them classified, and two comparisons."""
    _entry(
        project,
        "outsourcing",
        "Outsourcing",
        ownership="third-party",
        location="any",
        pros=(
            "Cheaper **by far** thanks to [[economies-of-scale|scale]].",
            "Flexible & quick.",
            "Skills on tap.",
            "A fourth advantage that is not shown.",
        ),
        summary="Work done by a provider <under contract> & paid for results.",
    )
    _entry(project, "offshoring", "Offshoring", ownership="any", location="distant-country")
    _entry(project, "offshore-outsourcing", "Offshore outsourcing", ownership="third-party", location="distant-country")
    _entry(project, "economies-of-scale", "Economies of scale")
    _entry(project, "unclassified", "Unclassified term")
    (project / "glossary" / "comparisons.yml").write_text(COMPARISONS, encoding="utf-8")
    loaded, problems = load_glossary(Layout(project, project / "glossary"))
    assert not [p for p in problems if p.is_error], problems
    return loaded


def _pages(glossary: Glossary) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in comparison_pages(glossary)}


def _table_rows(markdown: str) -> dict[str, list[str]]:
    """Row header -> the row's <td> cells, from a generated HTML table."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", markdown, re.DOTALL):
        header = re.search(r'<th scope="row">(.*?)</th>', row)
        if header:
            rows[header.group(1)] = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
    return rows


def test_matrix_places_each_term_in_the_cell_of_its_ownership_and_location(glossary: Glossary) -> None:
    cells = matrix_cells(glossary)
    assert [e.slug for e in cells[("third-party", "any")]] == ["outsourcing"]
    assert [e.slug for e in cells[("third-party", "distant-country")]] == ["offshore-outsourcing"]
    assert [e.slug for e in cells[("any", "distant-country")]] == ["offshoring"]
    placed = {e.slug for members in cells.values() for e in members}
    assert "unclassified" not in placed and "economies-of-scale" not in placed


def test_matrix_page_links_terms_in_rows_and_columns_of_declared_facet_order(glossary: Glossary) -> None:
    matrix = _pages(glossary)["compare/sourcing-model-matrix.md"]
    columns = re.findall(r'<th scope="col">(.*?)</th>', matrix)
    assert columns == ["Home-country", "Nearby-country", "Distant-country", "Home-based", "Any"]
    rows = _table_rows(matrix)
    assert list(rows) == ["In-house", "Captive", "Third-party", "Any"]
    distant, anywhere = columns.index("Distant-country"), columns.index("Any")
    assert "[Offshore outsourcing](../terms/offshore-outsourcing.md)" in rows["Third-party"][distant]
    assert "[Outsourcing](../terms/outsourcing.md)" in rows["Third-party"][anywhere]
    assert "[Offshoring](../terms/offshoring.md)" in rows["Any"][distant]
    assert rows["In-house"] == ["–"] * len(columns)


def _svg_cells(svg: str) -> dict[tuple[str, str], list[str]]:
    """(ownership, location) -> the term names written in that cell (wrapped names joined again)."""
    cells = {}
    for group in ElementTree.fromstring(svg.encode("utf-8")).iter(f"{SVG}g"):
        lines = " ".join(text.text or "" for text in group.iter(f"{SVG}text"))
        names = [" ".join(name.split()) for name in lines.split("•")[1:]]
        cells[(group.get("data-ownership"), group.get("data-location"))] = names
    return cells


def test_matrix_picture_places_each_term_in_the_cell_of_its_ownership_and_location(glossary: Glossary) -> None:
    svg = matrix_svg(glossary, Publication("Sourcing Glossary", "https://glossary.example/"))

    assert _svg_cells(svg) == {key: [e.term for e in members] for key, members in matrix_cells(glossary).items()}


def test_comparison_page_puts_terms_side_by_side_in_the_declared_order(glossary: Glossary) -> None:
    page = _pages(glossary)["compare/outsourcing-vs-offshoring.md"]
    headers = re.findall(r'<th scope="col" markdown="span">(.*?)</th>', page)
    assert headers == ["[Offshoring](../terms/offshoring.md)", "[Outsourcing](../terms/outsourcing.md)"]
    assert list(_table_rows(page)) == [
        "Summary",
        "Who does the work",
        "Where the work is done",
        "Typical pros",
        "Typical cons",
        "Definition",
    ]
    assert "[Definition of Outsourcing](../terms/outsourcing.md#definition)" in _table_rows(page)["Definition"][1]


def test_comparison_intro_links_terms_relative_to_the_compare_folder(glossary: Glossary) -> None:
    page = _pages(glossary)["compare/outsourcing-vs-offshoring.md"]
    assert "People mix up [Outsourcing](../terms/outsourcing.md) and [offshoring](../terms/offshoring.md)." in page


def test_comparison_describes_facets_and_marks_unclassified_terms(glossary: Glossary) -> None:
    rows = _table_rows(_pages(glossary)["compare/outsourcing-vs-unclassified.md"])
    outsourcing, unclassified = rows["Who does the work"]
    assert "Third-party" in outsourcing and "An outside provider working under a contract." in outsourcing
    assert unclassified == "<em>Not classified</em>"
    assert rows["Where the work is done"][1] == "<em>Not classified</em>"


def test_comparison_shows_first_three_pros_as_escaped_plain_text(glossary: Glossary) -> None:
    pros = _table_rows(_pages(glossary)["compare/outsourcing-vs-offshoring.md"])["Typical pros"][1]
    assert re.findall(r"<li>(.*?)</li>", pros) == ["Cheaper by far thanks to scale.", "Flexible &amp; quick.", "Skills on tap."]


def test_comparison_escapes_entry_summaries(glossary: Glossary) -> None:
    summary = _table_rows(_pages(glossary)["compare/outsourcing-vs-offshoring.md"])["Summary"][1]
    assert summary == "Work done by a provider &lt;under contract&gt; &amp; paid for results."


def test_plain_text_keeps_the_words_readers_see(glossary: Glossary) -> None:
    text = "See [[economies-of-scale]], [[offshoring|moving abroad]], `code` and [a page](https://example.org)."
    assert plain_text(text, glossary) == "See Economies of scale, moving abroad, code and a page."


def test_comparison_index_lists_every_comparison_and_links_the_matrix(glossary: Glossary) -> None:
    index = _pages(glossary)["compare/index.md"]
    assert "- [Outsourcing vs offshoring](outsourcing-vs-offshoring.md): Offshoring, Outsourcing" in index
    assert "[Outsourcing vs an unclassified term](outsourcing-vs-unclassified.md)" in index
    assert "(sourcing-model-matrix.md)" in index


def test_site_pages_include_the_comparison_pages_in_the_navigation(glossary: Glossary) -> None:
    generated = {page.src_uri: page for page in site_pages.content_pages(glossary)}
    for uri in (
        "compare/index.md",
        "compare/sourcing-model-matrix.md",
        "compare/outsourcing-vs-offshoring.md",
        "compare/outsourcing-vs-unclassified.md",
    ):
        assert generated[uri].in_nav


def test_mkdocs_nav_lists_every_comparison_of_the_real_glossary() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    section = next(item["Comparisons"] for item in config["nav"] if isinstance(item, dict) and "Comparisons" in item)
    declared = yaml.safe_load((REPO / "glossary" / "comparisons.yml").read_text(encoding="utf-8"))["comparisons"]
    expected = ["compare/index.md", "compare/sourcing-model-matrix.md"] + [f"compare/{slug}.md" for slug in declared]
    assert section == expected


def test_comparison_naming_an_unknown_term_fails_validation_with_file_and_line(project: Path) -> None:
    for slug in ("outsourcing", "offshoring"):
        write_entry(project, slug)
    shutil.copy(FIXTURES / "unknown-term.yml", project / "glossary" / "comparisons.yml")
    result = run_glossary("validate", cwd=project)
    assert result.returncode == 1
    assert (
        "glossary/comparisons.yml:13:9: error[unknown-ref]: the comparison 'outsourcing-vs-outsorcing' "
        "names the term 'outsorcing', which does not exist"
    ) in result.stdout
    assert "did you mean 'outsourcing'?" in result.stdout


def test_comparison_may_not_take_the_name_of_a_generated_page(project: Path) -> None:
    for slug in ("outsourcing", "offshoring"):
        write_entry(project, slug)
    text = (FIXTURES / "unknown-term.yml").read_text(encoding="utf-8").replace("outsourcing-vs-offshoring:", "index:")
    (project / "glossary" / "comparisons.yml").write_text(text, encoding="utf-8")
    result = run_glossary("validate", "--format", "json", cwd=project)
    codes = {(p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]}
    assert ("reserved-slug", 3) in codes


def test_comparison_intro_with_an_unsafe_link_is_refused(project: Path) -> None:
    for slug in ("outsourcing", "offshoring"):
        write_entry(project, slug)
    text = (
        (FIXTURES / "unknown-term.yml")
        .read_text(encoding="utf-8")
        .replace("intro: Two different questions.", 'intro: "[click](javascript:alert(1))"')
    )
    (project / "glossary" / "comparisons.yml").write_text(text, encoding="utf-8")
    result = run_glossary("validate", "--format", "json", cwd=project)
    assert "unsafe-url" in {p["code"] for p in json.loads(result.stdout)["problems"]}


def test_built_site_has_the_matrix_with_working_term_links(built_site: Path) -> None:
    matrix = (built_site / "compare" / "sourcing-model-matrix" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../terms/offshoring/"' in matrix
    assert (built_site / "terms" / "offshoring" / "index.html").is_file()
    for slug in yaml.safe_load((REPO / "glossary" / "comparisons.yml").read_text(encoding="utf-8"))["comparisons"]:
        assert (built_site / "compare" / slug / "index.html").is_file()


@pytest.mark.browser
def test_matrix_page_downloads_the_picture_as_svg(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "/compare/sourcing-model-matrix/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download SVG").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert saved.name == "sourcing-model-matrix.svg"
    names = [name for names in _svg_cells(saved.read_text(encoding="utf-8")).values() for name in names]
    assert "Offshoring" in names and "Business process outsourcing" in names


@pytest.mark.browser
def test_matrix_page_downloads_the_picture_as_png(page, site_url: str, built_site: Path, tmp_path: Path) -> None:
    page.goto(site_url + "/compare/sourcing-model-matrix/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PNG").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    svg = ElementTree.parse(built_site / "compare" / "sourcing-model-matrix.svg").getroot()
    with Image.open(saved) as picture:
        assert (saved.name, picture.format) == ("sourcing-model-matrix.png", "PNG")
        assert picture.size == (2 * int(svg.get("width")), 2 * int(svg.get("height")))  # twice as sharp, for slides
        darkest, lightest = picture.convert("L").getextrema()
    assert darkest < 64 and lightest == 255  # dark words on white: the picture was drawn, not left blank
    assert page.console_errors == []
