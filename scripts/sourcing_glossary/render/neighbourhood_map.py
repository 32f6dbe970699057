"""The neighbourhood map of a term page: the term, the terms not to be confused with it and its
related terms, drawn as inline SVG at build time, with the same links listed as text for
readers who do not see the picture.

Some terms have 20 to 30 related terms: the map shows every contrast term and at most
MAX_RELATED related ones, the closest first (those that list the term back, then those of its
category, each group in the entry's own order), and links "+N more" to the Related terms
section. Colours come from the theme's CSS variables by class (docs/assets/glossary.css),
with currentColor underneath, so the map reads in light and dark.

The term page's Markdown holds only a marker; the map takes its place once the page is rendered
and indexed (`fill`). So Markdown and the search's HTML parser never read it (they took about
0.8 ms a page for it), and the neighbours' names stay out of the full-text index.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model import Entry, Glossary
from .svg_text import shorten, wrap

MAX_RELATED = 8
MARKER = "<!-- glossary neighbourhood map -->"  # where a term page's map goes, kept by Markdown as it is
RELATED_LABEL = "related"
CONTRAST_LABEL = "not to be confused with"

# Geometry, in the picture's own units (shown 1:1 on a desktop): the term in a box on the left,
# one row per neighbour on the right, an edge from the box to each row with its label on it.
_WIDTH = 720
_ROW = 34
_PAD = 16
_BOX_X, _BOX_WIDTH, _BOX_LINE, _BOX_CHARS = 8, 180, 20, 16
_BRANCH_X, _DOT_X = 300, 470  # where an edge turns level, and its neighbour's dot
_NAME_CHARS = 30  # what fits right of the dot at the names' size


@dataclass(frozen=True)
class Neighbourhood:
    contrast: tuple[Entry, ...]
    related: tuple[Entry, ...]  # the related terms shown
    more: int  # related terms left out of the map


def neighbourhood(entry: Entry, glossary: Glossary) -> Neighbourhood:
    contrast = tuple(glossary.entries[slug] for slug in entry.contrast if slug in glossary.entries)
    shown = {entry.slug, *(other.slug for other in contrast)}
    related = [glossary.entries[slug] for slug in dict.fromkeys(entry.related) if slug in glossary.entries and slug not in shown]
    related.sort(key=lambda other: _distance(entry, other))  # stable: the entry's order within each rank
    return Neighbourhood(contrast, tuple(related[:MAX_RELATED]), max(0, len(related) - MAX_RELATED))


def _distance(entry: Entry, other: Entry) -> int:
    links_back = entry.slug in other.related or entry.slug in other.contrast
    return (0 if links_back else 2) + (0 if other.category == entry.category else 1)


def fill(src_uri: str, rendered: str, glossary: Glossary) -> str:
    """The rendered page with its term's map where the marker is (nothing, for a term with no
    neighbours); any other page as it is."""
    if MARKER not in rendered:
        return rendered
    entry = glossary.entries.get(PurePosixPath(src_uri).stem)
    return rendered.replace(MARKER, (picture(entry, glossary) if entry else None) or "", 1)


def picture(entry: Entry, glossary: Glossary) -> str | None:
    """The figure: the map, its caption and the list of its links; None for a term with no neighbours."""
    hood = neighbourhood(entry, glossary)
    if not hood.contrast and not hood.related:
        return None
    return "\n".join(
        [
            '<figure class="gl-map">',
            _svg(entry, hood),
            f"<figcaption>{html.escape(_caption(entry, hood))}</figcaption>",
            _listing(hood),
            "</figure>",
        ]
    )


def _caption(entry: Entry, hood: Neighbourhood) -> str:
    parts = []
    if hood.contrast:
        parts.append(f"{_count(len(hood.contrast), 'term')} not to be confused with it")
    if hood.related:
        total = len(hood.related) + hood.more
        parts.append(f"{len(hood.related)} of its {total} related terms" if hood.more else _count(total, "related term"))
    return f"{entry.term} and its neighbours: {' and '.join(parts)}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _more_text(hood: Neighbourhood) -> str:
    return f"+{hood.more} more related term{'s' * (hood.more != 1)}"


def _svg(entry: Entry, hood: Neighbourhood) -> str:
    """The map: the term's box, one path for each kind of edge, then the edges' labels and the
    neighbours' links in groups that carry their style (a few elements per neighbour)."""
    rows = [(CONTRAST_LABEL, other) for other in hood.contrast] + [(RELATED_LABEL, other) for other in hood.related]
    lines = wrap(entry.term, _BOX_CHARS)
    box_height = len(lines) * _BOX_LINE + _PAD
    height = max((len(rows) + (hood.more > 0)) * _ROW, box_height) + 2 * _PAD
    middle = height // 2
    ys = [_PAD + _ROW // 2 + number * _ROW for number in range(len(rows) + 1)]  # the last: "+N more"
    start, first_line = _BOX_X + _BOX_WIDTH, middle - (len(lines) - 1) * _BOX_LINE // 2 + 5
    bend = (start + _BRANCH_X) // 2

    def edges(label: str) -> str:
        return " ".join(
            f"M{start} {middle}C{bend} {middle} {bend} {y} {_BRANCH_X} {y}H{_DOT_X}"
            for y, (kind, _) in zip(ys, rows)
            if kind == label
        )

    out = [
        f'<svg class="gl-map__picture" role="group" '
        f'aria-label="{html.escape(f"Map of the terms around {entry.term}")}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" fill="currentColor">',
        f'<rect class="gl-map__term" x="{_BOX_X}" y="{middle - box_height // 2}" width="{_BOX_WIDTH}" '
        f'height="{box_height}" rx="10" fill="none" stroke="currentColor"/>',
        '<g class="gl-map__term-name" text-anchor="middle">'
        + "".join(
            f'<text x="{_BOX_X + _BOX_WIDTH // 2}" y="{first_line + number * _BOX_LINE}">{html.escape(line)}</text>'
            for number, line in enumerate(lines)
        )
        + "</g>",
    ]
    for kind, label in (("contrast", CONTRAST_LABEL), ("related", RELATED_LABEL)):
        if any(row_label == label for row_label, _ in rows):
            out.append(f'<path class="gl-map__edge gl-map__edge--{kind}" fill="none" stroke="currentColor" d="{edges(label)}"/>')
    out.append(
        '<g class="gl-map__label">'
        + "".join(f'<text x="{_BRANCH_X + 6}" y="{y - 6}">{label}</text>' for y, (label, _) in zip(ys, rows))
        + "</g>"
    )
    links = []
    for y, (_, other) in zip(ys, rows):
        name = shorten(other.term, _NAME_CHARS)
        title = f"<title>{html.escape(other.term)}</title>" if name != other.term else ""
        links.append(
            f'<a href="../{other.slug}/">{title}<circle cx="{_DOT_X}" cy="{y}" r="5"/>'
            f'<text x="{_DOT_X + 12}" y="{y + 5}">{html.escape(name)}</text></a>'
        )
    if hood.more:
        links.append(f'<a href="#related-terms"><text x="{_DOT_X + 12}" y="{ys[-1] + 5}">{_more_text(hood)}</text></a>')
    out += ['<g class="gl-map__name">', *links, "</g>", "</svg>"]
    return "\n".join(out)


def _listing(hood: Neighbourhood) -> str:
    """The map's links as a list: what a screen reader or a reader on a narrow screen uses."""

    def links(entries: tuple[Entry, ...]) -> str:
        return ", ".join(f'<a href="../{other.slug}/">{html.escape(other.term)}</a>' for other in entries)

    items = []
    if hood.contrast:
        items.append(f"<li>Not to be confused with: {links(hood.contrast)}</li>")
    if hood.related:
        more = f', <a href="#related-terms">{_more_text(hood)}</a>' if hood.more else ""
        items.append(f"<li>Related: {links(hood.related)}{more}</li>")
    return '<details class="gl-map__list"><summary>The map as a list</summary><ul>' + "".join(items) + "</ul></details>"
