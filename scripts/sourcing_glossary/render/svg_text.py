"""Text in the SVG pictures drawn at build time, where no font metrics are known: names are
wrapped or shortened by a count of characters that the pictures' sizes leave room for."""

from __future__ import annotations

ELLIPSIS = "…"


def wrap(text: str, width: int) -> list[str]:
    """The words of `text` in lines of at most `width` characters (a longer word has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def shorten(text: str, width: int) -> str:
    """`text` as it is when it fits in `width` characters; otherwise its first words and '…'."""
    if len(text) <= width:
        return text
    kept = wrap(text, width - 1)[0]
    return (kept if len(kept) < width else kept[: width - 1]) + ELLIPSIS
