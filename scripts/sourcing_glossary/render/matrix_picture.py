"""The sourcing-model matrix as a picture (compare/sourcing-model-matrix.svg), for trainers'
slides: who does the work against where it is done, each term in its cell, as on the matrix
page. A file of its own that is shown outside the site (slides, documents), so its colours are
fixed, dark on white; the matrix page turns it into a PNG in the reader's browser
(docs/assets/javascripts/picture-download.js)."""

from __future__ import annotations

import html
from functools import partial

from ..model import MATRIX_SLUG, Glossary
from ..urls import COMPARE_DIR, Publication
from .comparisons import LOCATION, OWNERSHIP, has_matrix, matrix_cells, value_label
from .reach import EntryParts, whole
from .svg_text import wrap

PICTURE = f"{COMPARE_DIR}/{MATRIX_SLUG}.svg"

_MARGIN = 24
_HEAD_WIDTH, _CELL_WIDTH = 170, 210
_BULLET_INDENT = 12  # the width of "• "
_CELL_CHARS = 24  # what a cell holds after the bullet, at the names' size in a wide font (DejaVu Sans)
_HEADER_HEIGHT, _MIN_ROW, _LINE = 44, 52, 18
_GRID_TOP = 92
_FONT = "Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
_INK, _MUTED, _LINES, _HEAD_FILL, _ROW_FILL, _TITLE = "#1f2328", "#555b66", "#9fa8da", "#e8eaf6", "#f5f6fb", "#1a237e"


def picture_files(glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> list[tuple[str, str]]:
    """(site-relative path, SVG text): the matrix picture, when the glossary has the matrix.
    `parts` keeps the picture until a term's name or place in the matrix changes (`glossary serve`)."""
    if not has_matrix(glossary):
        return []
    shown = tuple(
        (entry.slug, entry.term, *(entry.facets.get(key) for key in (OWNERSHIP, LOCATION))) for entry in glossary.entries.values()
    )
    return [(PICTURE, whole(parts, "matrix-picture", shown, partial(matrix_svg, glossary, site)))]


def _text(x: int, y: int, text: str, *, size: int = 13, weight: str = "normal", fill: str = _INK, anchor: str = "start") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
        f'text-anchor="{anchor}">{html.escape(text)}</text>'
    )


def _rect(x: int, y: int, width: int, height: int, fill: str) -> str:
    return f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}" stroke="{_LINES}"/>'


def matrix_svg(glossary: Glossary, site: Publication) -> str:
    ownership, location = glossary.facets[OWNERSHIP], glossary.facets[LOCATION]
    cells = {key: [line for entry in members for line in _bullet(entry.term)] for key, members in matrix_cells(glossary).items()}
    heights = {
        owner: max(_MIN_ROW, max(len(cells[(owner, place)]) for place in location.values) * _LINE + 20)
        for owner in ownership.values
    }
    width = 2 * _MARGIN + _HEAD_WIDTH + len(location.values) * _CELL_WIDTH
    bottom = _GRID_TOP + _HEADER_HEIGHT + sum(heights.values())
    height = bottom + 44
    title = "Sourcing-model matrix"
    about = f"Rows: {ownership.title.lower()}. Columns: {location.title.lower()}."
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="title desc" '
        f'font-family="{html.escape(_FONT)}">',
        f'<title id="title">{title}</title>',
        f'<desc id="desc">{html.escape(about)} Each term sits in the cell of how the glossary classifies it.</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        _text(_MARGIN, 44, title, size=24, weight="bold", fill=_TITLE),
        _text(_MARGIN, 70, about, size=14, fill=_MUTED),
        _rect(_MARGIN, _GRID_TOP, _HEAD_WIDTH, _HEADER_HEIGHT, _HEAD_FILL),
        _text(_MARGIN + 10, _GRID_TOP + 27, "Who \\ Where", size=13, fill=_MUTED),
    ]
    left = _MARGIN + _HEAD_WIDTH
    for column, place in enumerate(location.values):
        x = left + column * _CELL_WIDTH
        out += [
            _rect(x, _GRID_TOP, _CELL_WIDTH, _HEADER_HEIGHT, _HEAD_FILL),
            _text(x + _CELL_WIDTH // 2, _GRID_TOP + 27, value_label(place), size=15, weight="bold", anchor="middle"),
        ]
    top = _GRID_TOP + _HEADER_HEIGHT
    for owner in ownership.values:
        out += [
            _rect(_MARGIN, top, _HEAD_WIDTH, heights[owner], _ROW_FILL),
            _text(_MARGIN + 10, top + 24, value_label(owner), size=15, weight="bold"),
        ]
        for column, place in enumerate(location.values):
            x = left + column * _CELL_WIDTH
            lines = cells[(owner, place)] or [(0, "–")]
            out += [
                f'<g data-ownership="{html.escape(owner)}" data-location="{html.escape(place)}">',
                _rect(x, top, _CELL_WIDTH, heights[owner], "#ffffff"),
            ]
            out += [
                _text(x + 10 + indent, top + 22 + number * _LINE, line, fill=_INK if cells[(owner, place)] else _MUTED)
                for number, (indent, line) in enumerate(lines)
            ]
            out.append("</g>")
        top += heights[owner]
    out += [
        _text(_MARGIN, bottom + 28, f"{site.name} · {site.url(f'{COMPARE_DIR}/{MATRIX_SLUG}/')}", size=12, fill=_MUTED),
        "</svg>",
        "",
    ]
    return "\n".join(out)


def _bullet(term: str) -> list[tuple[int, str]]:
    """A term as the lines of its cell, each with its indent: a bullet first, continued lines
    level with the words after it."""
    lines = wrap(term, _CELL_CHARS)
    return [(0, f"• {lines[0]}"), *((_BULLET_INDENT, line) for line in lines[1:])]
