"""Find what matters in an entry's Markdown text: term links, raw HTML, unsafe link targets.

Code is left alone: a `<script>` inside backticks or a fenced block is text to show, so it is
neither an error nor a link. Positions are character offsets into the text.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
TERM_LINK = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
# A tag name as Python-Markdown passes it through raw: a letter, then anything but <, >, @ and
# spaces, so '<a:b onclick=...>' and '<javascript:...>' count as HTML too ('@' makes an email link).
_HTML = re.compile(r"<(?:/?[A-Za-z][^<>@\s/]*(?=[\s/>]|$)|!--|![A-Za-z\[]|\?)")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))*)")  # one level of (parentheses)
# Any indentation: inside a list item Python-Markdown still reads an indented definition, and
# the address may stand on the next line.
_REF_DEFINITION = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
SAFE_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Finding:
    offset: int
    text: str  # what was found: the slug, the tag, the URL
    label: str | None = None  # term links: the shown text, if given


class Ranges:
    """Sorted, merged character ranges, asked "is this offset inside one?" by bisection, so a
    long text full of code spans and tags is scanned in n log n, not n squared."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int):
            return False
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def code_ranges(text: str) -> Ranges:
    fences = Ranges([m.span() for m in _FENCE.finditer(text)])
    spans = [m.span() for m in _CODE_SPAN.finditer(text) if m.start() not in fences]
    return Ranges(list(zip(fences.starts, fences.ends)) + spans)


def outside_code(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    if "`" not in text and "~~~" not in text:
        return list(pattern.finditer(text))
    code = code_ranges(text)
    return [m for m in pattern.finditer(text) if m.start() not in code]


def term_links(text: str) -> list[Finding]:
    """Every [[slug]] and [[slug|shown text]] outside code."""
    if "[[" not in text:
        return []
    return [Finding(m.start(), m.group(1).strip(), m.group(2)) for m in outside_code(text, TERM_LINK)]


def replace_term_links(text: str, replace: Callable[[str, str | None], str]) -> str:
    """Every [[slug]] and [[slug|shown text]] outside code replaced by `replace(slug, shown)`
    (shown is None for [[slug]]); links inside code stay as written."""
    if "[[" not in text:
        return text
    out, end = [], 0
    for match in outside_code(text, TERM_LINK):
        out += [text[end : match.start()], replace(match.group(1).strip(), match.group(2))]
        end = match.end()
    return "".join(out) + text[end:] if out else text


def raw_html(text: str) -> list[Finding]:
    """HTML tags, comments and declarations outside code (http autolinks are Markdown, not HTML)."""
    if "<" not in text:
        return []
    found = []
    for match in outside_code(text, _HTML):
        if _AUTOLINK.match(text, match.start()):
            continue
        end = text.find(">", match.start(), match.start() + 40)  # bounded: many '<' without '>' stay linear
        snippet = text[match.start() : end + 1 if end >= 0 else match.start() + 20]
        found.append(Finding(match.start(), snippet))
    return found


def unsafe_urls(text: str) -> list[Finding]:
    """Link and image targets outside code that are not http(s) addresses."""
    if "](" not in text and "]:" not in text:
        return []
    found = []
    for pattern in (_INLINE_LINK, _REF_DEFINITION):
        for match in outside_code(text, pattern):
            if not is_safe_url(match.group(1)):
                found.append(Finding(match.start(1), match.group(1)))
    return found


def is_safe_url(url: str) -> bool:
    """True for http(s) addresses, as a browser would read them (entities decoded, control
    characters and spaces dropped, any case): 'java&#115;cript:' is not let through."""
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    return cleaned.startswith(SAFE_SCHEMES)
