"""Rendered Markdown laid out for a terminal: paragraphs wrapped to the width and set apart by a
blank line, lists with bullets or numbers and a hanging indent, bold and italic as ANSI styles
(or as plain words, for output that is not a terminal), links as their words.

It reads the HTML that Markdown produces rather than the Markdown itself, so whatever the site
renders, the terminal shows as text, and no marker (`**`, `*`, `` ` ``) is ever printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

BOLD, ITALIC = "1", "3"  # ANSI SGR codes
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "ul", "ol", "li", "blockquote", "pre", "table", "hr", "div", *_HEADINGS}
_VOID = {"br", "hr", "img", "wbr"}
_LINE_BREAK = object()  # a <br>: the line ends here
Style = frozenset[str]
Run = tuple[object, Style]  # (text or _LINE_BREAK, style)


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("div", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(node)
        if tag not in _VOID:
            self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def terminal_lines(html: str, width: int, *, styled: bool) -> list[str]:
    """The lines a terminal `width` columns wide shows for `html`; ANSI styles only if `styled`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _joined(_blocks(builder.root, max(width, 20), styled))


def _joined(blocks: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines += [""] * bool(lines) + block
    return lines


def _blocks(node: _Node, width: int, styled: bool) -> list[list[str]]:
    """The node's content as blocks of lines (a paragraph, a list...): text between blocks, as
    in a list item holding a nested list, is a paragraph of its own."""
    blocks: list[list[str]] = []
    inline: list[_Node | str] = []
    for child in [*node.children, None]:
        if child is None or isinstance(child, _Node) and child.tag in _BLOCKS:
            lines = _wrap(list(_runs(inline, frozenset())), width, styled)
            blocks += [lines] if lines else []
            inline = []
            blocks += _block(child, width, styled) if child is not None else []
        else:
            inline.append(child)
    return blocks


def _block(node: _Node, width: int, styled: bool) -> list[list[str]]:
    if node.tag in ("ul", "ol"):
        return [_list(node, width, styled)]
    if node.tag == "blockquote":
        return [["│ " + line if line else "│" for line in _joined(_blocks(node, width - 2, styled))]]
    if node.tag == "pre":
        return [["    " + line for line in _text(node).rstrip("\n").split("\n")]]
    if node.tag == "table":
        rows = [row for row in _descendants(node) if row.tag == "tr"]
        return [[" | ".join(" ".join(_text(cell).split()) for cell in row.children if isinstance(cell, _Node)) for row in rows]]
    if node.tag == "hr":
        return [["─" * width]]
    style = frozenset({BOLD}) if node.tag in _HEADINGS else frozenset()
    if node.tag in _HEADINGS or node.tag == "p":
        lines = _wrap(list(_runs(node.children, style)), width, styled)
        return [lines] if lines else []
    return _blocks(node, width, styled)


def _list(node: _Node, width: int, styled: bool) -> list[str]:
    numbered = node.tag == "ol"
    first = int(node.attrs.get("start") or 1)
    lines: list[str] = []
    items = [child for child in node.children if isinstance(child, _Node) and child.tag == "li"]
    for index, item in enumerate(items):
        marker = f"{first + index}. " if numbered else "• "
        blocks = _blocks(item, width - len(marker), styled)
        loose = any(isinstance(child, _Node) and child.tag == "p" for child in item.children)
        body = (_joined(blocks) if loose else [line for block in blocks for line in block]) or [""]
        lines.append(marker + body[0])
        lines += [" " * len(marker) + line if line else "" for line in body[1:]]
    return lines


def _runs(nodes: list[_Node | str], style: Style) -> Iterator[Run]:
    """The words of inline content, each with its style."""
    for node in nodes:
        if isinstance(node, str):
            yield node, style
        elif node.tag == "br":
            yield _LINE_BREAK, style
        elif node.tag in ("strong", "b"):
            yield from _runs(node.children, style | {BOLD})
        elif node.tag in ("em", "i"):
            yield from _runs(node.children, style | {ITALIC})
        elif node.tag == "img":
            yield node.attrs.get("alt", ""), style
        elif node.tag == "a" and "headerlink" in node.attrs.get("class", "").split():
            continue  # the permalink sign Markdown's toc puts after a heading
        elif node.tag == "a":
            yield from _runs(node.children, style)
            href = node.attrs.get("href", "")
            if href.startswith(("http://", "https://")) and href != _text(node).strip():
                yield f" ({href})", style  # a terminal cannot follow the words: give the address
        else:
            yield from _runs(node.children, style)


def _wrap(runs: list[Run], width: int, styled: bool) -> list[str]:
    """Greedy wrapping on visible widths: style codes take no room."""
    lines: list[str] = []
    line: list[list[tuple[str, Style]]] = []
    used = 0
    for word in _words(runs):
        size = sum(len(text) for text, _ in word) if word is not None else 0
        if word is None or line and used + 1 + size > width:
            lines.append(" ".join(_shown(w, styled) for w in line))
            line, used = [], 0
        if word is not None:
            used += size + bool(line)
            line.append(word)
    if line:
        lines.append(" ".join(_shown(w, styled) for w in line))
    return lines if any(lines) else []


def _words(runs: list[Run]) -> Iterator[list[tuple[str, Style]] | None]:
    """Words as styled pieces ('**who**'s' is two pieces, one word); None where a line breaks."""
    word: list[tuple[str, Style]] = []
    for text, style in runs:
        if text is _LINE_BREAK:
            if word:
                yield word
            word = []
            yield None
            continue
        for piece in re.split(r"(\s+)", str(text)):
            if piece and not piece.isspace():
                word.append((piece, style))
            elif piece and word:
                yield word
                word = []
    if word:
        yield word


def _shown(word: list[tuple[str, Style]], styled: bool) -> str:
    return "".join(f"\x1b[{';'.join(sorted(style))}m{text}\x1b[0m" if styled and style else text for text, style in word)


def _text(node: _Node) -> str:
    return "".join(child if isinstance(child, str) else _text(child) for child in node.children)


def _descendants(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            yield from _descendants(child)
