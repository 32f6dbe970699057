"""Comparison pages: terms side by side (compare/<slug>.md), their index, and the sourcing-model
matrix, which places every classified term on a grid of ownership against location.

The side-by-side tables are HTML, because Markdown tables cannot hold lists. Cells that carry
links are parsed as Markdown (md_in_html's markdown="span") so the site generator resolves and
checks the links like any other; every other cell is escaped text. Entry Markdown is reduced
to plain text in the cells: a table cell is no place for paragraphs.
"""

from __future__ import annotations

import html
import re

from ..model import MATRIX_SLUG, Comparison, Entry, Facet, Glossary
from ..text import citations, markdown_scan
from ..urls import COMPARE_DIR, TERMS_DIR
from . import citations_html
from .pages import GeneratedPage, front_matter, link_terms, md_text

OWNERSHIP = "ownership"  # facets of categories.yml that span the matrix
LOCATION = "location"
TYPICAL_ITEMS = 3  # pros and cons shown per term: the full lists are one click away
NOT_CLASSIFIED = "<em>Not classified</em>"

_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_INLINE_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")


def plain_text(markdown: str, glossary: Glossary) -> str:
    """An entry's Markdown as the words a reader sees: [[links]] become their shown text."""
    text = markdown_scan.replace_term_links(citations.without_citations(markdown), glossary.link_text)
    text = _INLINE_LINK.sub(r"\1", text)
    return " ".join(_EMPHASIS.sub("", text).split())


def value_label(value: str) -> str:
    """A facet value as a heading: 'third-party' -> 'Third-party'."""
    return value[:1].upper() + value[1:]


def _term_link(entry: Entry, anchor: str = "", label: str = "") -> str:
    return f"[{md_text(label or entry.term)}](../{TERMS_DIR}/{entry.slug}.md{anchor})"


def _facet_cell(entry: Entry, facet: Facet) -> str:
    value = entry.facets.get(facet.key)
    if value not in facet.values:
        return f"<td>{NOT_CLASSIFIED}</td>"
    return f"<td><strong>{html.escape(value_label(value))}</strong><br>{html.escape(facet.values[value])}</td>"


def _list_cell(items: tuple[str, ...], glossary: Glossary) -> str:
    if not items:
        return "<td><em>None recorded</em></td>"
    shown = "".join(f"<li>{html.escape(plain_text(item, glossary))}</li>" for item in items[:TYPICAL_ITEMS])
    return f"<td><ul>{shown}</ul></td>"


def _row(header: str, cells: list[str], *, markdown: bool = False) -> str:
    attribute = " markdown" if markdown else ""
    return f'<tr{attribute}><th scope="row">{html.escape(header)}</th>{"".join(cells)}</tr>'


def side_by_side(entries: list[Entry], glossary: Glossary) -> str:
    """The comparison table: one column per term, one row per aspect."""
    head = "".join(f'<th scope="col" markdown="span">{_term_link(e)}</th>' for e in entries)
    rows = [_row("Summary", [f"<td>{html.escape(e.summary)}</td>" for e in entries])]
    rows += [_row(facet.title, [_facet_cell(e, facet) for e in entries]) for facet in glossary.facets.values()]
    rows += [
        _row("Typical pros", [_list_cell(e.pros, glossary) for e in entries]),
        _row("Typical cons", [_list_cell(e.cons, glossary) for e in entries]),
        _row(
            "Definition",
            [f'<td markdown="span">{_term_link(e, "#definition", f"Definition of {e.term}")}</td>' for e in entries],
            markdown=True,
        ),
    ]
    return "\n".join(
        [
            "<table markdown>",
            f"<thead markdown><tr markdown><td></td>{head}</tr></thead>",
            "<tbody markdown>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def _footer(with_matrix: bool) -> list[str]:
    links = ["[All comparisons](index.md)"]
    if with_matrix:
        links.append(f"[Sourcing-model matrix]({MATRIX_SLUG}.md)")
    return ['<p class="gl-footer" markdown="span">' + " · ".join(links) + "</p>", ""]


def comparison_page(comparison: Comparison, glossary: Glossary) -> GeneratedPage:
    entries = [glossary.entries[slug] for slug in comparison.terms if slug in glossary.entries]
    names = ", ".join(e.term for e in entries)
    numbers = citations_html.numbering(glossary, glossary.known_source_ids([comparison.intro]))
    out = [
        front_matter(title=comparison.title, description=f"{names} side by side."),
        f"# {md_text(comparison.title)}",
        "",
        link_terms(numbers.replace(comparison.intro), glossary, COMPARE_DIR),
        "",
        "## Side by side",
        "",
        side_by_side(entries, glossary),
        "",
    ]
    if numbers.order:
        out += ["## Sources", "", citations_html.source_list(numbers, {}, citations_html.sources_page_href(2)), ""]
    out += _footer(has_matrix(glossary))
    return GeneratedPage(f"{COMPARE_DIR}/{comparison.slug}.md", "\n".join(out), in_nav=True, anchors=numbers.anchors)


def has_matrix(glossary: Glossary) -> bool:
    return OWNERSHIP in glossary.facets and LOCATION in glossary.facets


def matrix_cells(glossary: Glossary) -> dict[tuple[str, str], list[Entry]]:
    """(ownership value, location value) -> the terms classified so, sorted by term."""
    ownership, location = glossary.facets[OWNERSHIP], glossary.facets[LOCATION]
    cells: dict[tuple[str, str], list[Entry]] = {(o, p): [] for o in ownership.values for p in location.values}
    for entry in glossary.sorted_by_term():
        key = (entry.facets.get(OWNERSHIP, ""), entry.facets.get(LOCATION, ""))
        if key in cells:
            cells[key].append(entry)
    return cells


def matrix_page(glossary: Glossary) -> GeneratedPage:
    ownership, location = glossary.facets[OWNERSHIP], glossary.facets[LOCATION]
    cells = matrix_cells(glossary)
    head = "".join(f'<th scope="col">{html.escape(value_label(value))}</th>' for value in location.values)
    rows = []
    for owner in ownership.values:
        cell_html = []
        for place in location.values:
            members = cells[(owner, place)]
            links = "<br>".join(f"•&nbsp;{_term_link(e)}" for e in members)  # a list's indent is too wide here
            cell_html.append(f'<td markdown="span">{links}</td>' if members else "<td>–</td>")
        rows.append(_row(value_label(owner), cell_html, markdown=True))
    caption = f"Rows: {ownership.title.lower()}. Columns: {location.title.lower()}."
    out = [
        front_matter(
            title="Sourcing-model matrix",
            description="Every sourcing and location term on one grid: who does the work against where it is done.",
        ),
        "# Sourcing-model matrix",
        "",
        "Each sourcing term answers one or both of two questions: **who** does the work, and **where** it is "
        "done. The rows answer the first question and the columns the second, and each term sits in the cell "
        "that matches how this glossary classifies it. A term that answers only one of the questions sits in "
        "the row or column of the value that leaves the other open; every value is explained below the grid.",
        "",
        "<table markdown>",
        f"<caption>{html.escape(caption)}</caption>",
        f"<thead><tr><td></td>{head}</tr></thead>",
        "<tbody markdown>",
        *rows,
        "</tbody>",
        "</table>",
        "",
        *_picture_downloads(),
        "",
        f"## {md_text(ownership.title)}",
        "",
        *[f"- **{md_text(value_label(v))}**: {md_text(text)}" for v, text in ownership.values.items()],
        "",
        f"## {md_text(location.title)}",
        "",
        *[f"- **{md_text(value_label(v))}**: {md_text(text)}" for v, text in location.values.items()],
        "",
        *_footer(False),
    ]
    return GeneratedPage(f"{COMPARE_DIR}/{MATRIX_SLUG}.md", "\n".join(out), in_nav=True)


def _picture_downloads() -> list[str]:
    """Links to the grid as a picture for slides (matrix_picture.py writes the SVG); the script
    adds a button that turns it into a PNG in the reader's browser."""
    return [
        f'<p class="gl-downloads">For slides, the grid as a picture: '
        f'<a href="../{MATRIX_SLUG}.svg" download>Download SVG</a></p>',
        '<script src="../../assets/javascripts/picture-download.js" defer></script>',
    ]


def index_page(glossary: Glossary) -> GeneratedPage:
    out = [
        front_matter(title="Comparisons", description="Terms that are easily confused, side by side."),
        "# Comparisons",
        "",
        "These pages put terms that are often confused side by side: what each means, who does the work, "
        "where, and the typical pros and cons.",
        "",
    ]
    for comparison in glossary.comparisons:
        names = [glossary.entries[s].term for s in comparison.terms if s in glossary.entries]
        out.append(f"- [{md_text(comparison.title)}]({comparison.slug}.md): {md_text(', '.join(names))}")
    if not glossary.comparisons:
        out.append("_No comparisons yet._")
    out.append("")
    if has_matrix(glossary):
        out += [
            f"The [sourcing-model matrix]({MATRIX_SLUG}.md) shows the whole family of sourcing terms on one "
            "grid, by who does the work and where.",
            "",
        ]
    return GeneratedPage(f"{COMPARE_DIR}/index.md", "\n".join(out), in_nav=True)


def comparison_pages(glossary: Glossary) -> list[GeneratedPage]:
    pages = [index_page(glossary)]
    if has_matrix(glossary):
        pages.append(matrix_page(glossary))
    pages += [comparison_page(comparison, glossary) for comparison in glossary.comparisons]
    return pages
