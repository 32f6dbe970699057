"""The glossary as a spreadsheet: one row per term, one column per field of the entry file,
shared by the CSV export and `glossary import` so the two always agree. docs/reuse.md
documents the cells for people:

- text (term, summary, definition, ...): the value as it is, line breaks included;
- lines (aliases, search_phrases, related, previous_slugs): one value per line;
- items (examples, pros, cons): each item starts with '* '; an item goes on over further
  lines indented by two spaces (the way Markdown continues a list item);
- pairs (contrast, facets): 'key: value', one per line, continued like items;
- sources: '* source-id' (a key of glossary/sources.yml), then an indented 'note: ...' line.

'* ' rather than '- ' starts an item because a spreadsheet reads a cell that starts with '-'
as a formula. Cells that still start with such a character get a ' in front (see protect()).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Column order = field order of the entry files, the slug first and the derived URL last.
COLUMNS = (
    "slug",
    "term",
    "aliases",
    "search_phrases",
    "category",
    "summary",
    "definition",
    "examples",
    "pros",
    "cons",
    "related",
    "contrast",
    "usage_notes",
    "facets",
    "sources",
    "previous_slugs",
    "updated",
    "status",
    "reviewed",
    "replaced_by",
    "url",
)
DERIVED = frozenset({"url"})  # written by the export, ignored by the import
_KINDS = {
    "aliases": "lines",
    "search_phrases": "lines",
    "related": "lines",
    "previous_slugs": "lines",
    "examples": "items",
    "pros": "items",
    "cons": "items",
    "contrast": "pairs",
    "facets": "pairs",
    "sources": "sources",
}
_ITEM, _MORE = "* ", "  "
_SOURCE_KEYS = ("note",)
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list, plus
# the full-width forms some locales accept), and the quote that neutralises them.
_FORMULA_STARTS = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_QUOTE = "'"


@dataclass(frozen=True)
class CellError(Exception):
    message: str
    hint: str = ""


def protect(cell: str) -> str:
    """Put a ' before a cell a spreadsheet could run as a formula. A cell that starts with '
    gets one too, so that unprotect() is exact: the import removes one leading '."""
    return _QUOTE + cell if cell.startswith(_FORMULA_STARTS + (_QUOTE,)) else cell


def unprotect(cell: str) -> str:
    return cell[1:] if cell.startswith(_QUOTE) else cell


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- writing ---------------------------------------------------------------------------


def encode_row(data: dict[str, Any]) -> list[str]:
    """The cells of one entry (data as in the entry file, plus 'slug' and 'url'), protected."""
    return [protect(_encode(column, data.get(column))) for column in COLUMNS]


def _encode(column: str, value: Any) -> str:
    if not value:
        return ""
    kind = _KINDS.get(column, "text")
    if kind == "text":
        return str(value)
    if kind == "lines":
        return "\n".join(value)
    if kind == "items":
        return "\n".join(_continued(_ITEM, item) for item in value)
    if kind == "pairs":
        return "\n".join(_continued(f"{key}: ", text) for key, text in value.items())
    return "\n".join(
        _ITEM + source["ref"] + "".join(f"\n{_MORE}{key}: {source[key]}" for key in _SOURCE_KEYS if source.get(key))
        for source in value
    )


def _continued(first: str, text: str) -> str:
    head, *rest = text.split("\n")
    return first + head + "".join(f"\n{_MORE}{line}" if line else "\n" for line in rest)


# --- reading ---------------------------------------------------------------------------


def decode_cell(column: str, cell: str) -> Any:
    """The field value a cell holds ('' or an empty list/mapping when the cell is empty).
    Raises CellError saying what is wrong."""
    text = unprotect(cell).replace("\r\n", "\n").replace("\r", "\n")
    kind = _KINDS.get(column, "text")
    if kind == "text":
        return text.strip()
    if kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    blocks = _blocks(text, column)
    if kind == "items":
        return [block.strip() for block in blocks]
    if kind == "pairs":
        return _pairs(blocks, column)
    return [_source(block) for block in blocks]


def _blocks(text: str, column: str) -> list[str]:
    """Split a cell into items: a line that starts with '* ' (for pairs: 'key:') opens one;
    lines indented by two spaces, and empty lines, go on with the item above."""
    pairs = _KINDS[column] == "pairs"
    opener = "key: value" if pairs else _ITEM
    blocks: list[list[str]] = []
    for number, line in enumerate(text.strip().split("\n") if text.strip() else [], start=1):
        if blocks and line.startswith(_MORE):
            blocks[-1].append(line[len(_MORE) :])
        elif blocks and not line.strip():
            blocks[-1].append("")
        elif pairs and not line[0].isspace():
            blocks.append([line])
        elif not pairs and (line == _ITEM.strip() or line.startswith(_ITEM)):
            blocks.append([line[len(_ITEM) :]])
        else:
            raise CellError(
                f"line {number} of the cell neither starts an item with '{opener}' "
                "nor goes on with the one above (two spaces in front)",
                f"write one item per line, each starting with '{opener}'",
            )
    return ["\n".join(block).strip() for block in blocks]


def _pairs(blocks: list[str], column: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for block in blocks:
        key, colon, value = block.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key or " " in key:
            raise CellError(
                f"'{block.splitlines()[0]}' is not 'key: value'",
                "write one pair per line, e.g. 'outsourcing: how the two differ'"
                if column == "contrast"
                else "write one pair per line, e.g. 'ownership: third-party'",
            )
        if key in pairs:
            raise CellError(f"'{key}' appears twice", "keep one line per key")
        pairs[key] = value
    return pairs


def _source(block: str) -> dict[str, str]:
    ref, *details = block.split("\n")
    source = {"ref": ref.strip()}
    for line in filter(str.strip, details):
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in _SOURCE_KEYS:
            raise CellError(
                f"the line '{line.strip()}' under the source '{ref.strip()}' is not 'note: ...'",
                "indent the note: line by two spaces under '* source-id'",
            )
        if key.strip() in source:
            raise CellError(f"the source '{ref.strip()}' has two '{key.strip()}:' lines", "keep one")
        source[key.strip()] = value.strip()
    return source
