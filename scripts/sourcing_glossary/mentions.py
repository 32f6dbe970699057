"""Link the first mention of other terms in an entry's Markdown text.

"Offshoring moves work abroad" becomes "[Offshoring](offshoring.md) moves work abroad" on
the pages where offshoring is not the subject. Only the first mention of each term on a
page is linked, and never inside code, headings, existing links or URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown_scan import code_ranges
from .model import Glossary

_WORD = re.compile(r"[A-Za-z0-9]+")
_PROTECTED = re.compile(
    r"\[\[[^\]]*\]\]"            # [[term links]]
    r"|!?\[[^\]]*\]\([^)]*\)"    # [links](...) and images
    r"|^[ ]{0,3}#.*$"            # headings
    r"|<[^>\n]*>"                # autolinks
    r"|https?://\S+",            # bare addresses
    re.MULTILINE)
_JOINERS = frozenset({" ", "-"})


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    slug: str
    exact_case: bool  # acronyms (BPO) match only in capitals


class MentionLinker:
    def __init__(self, glossary: Glossary) -> None:
        self.by_first: dict[str, list[_Name]] = {}
        for entry in glossary.entries.values():
            for name in entry.names:
                words = tuple(_WORD.findall(name))
                if not words or len(name) < 3:
                    continue
                exact = name.isupper()
                key = words[0] if exact else words[0].lower()
                folded = words if exact else tuple(w.lower() for w in words)
                self.by_first.setdefault(key, []).append(_Name(folded, entry.slug, exact))
        for names in self.by_first.values():
            names.sort(key=lambda n: -len(n.words))  # longest name first

    def link(self, text: str, linked: set[str], prefix: str = "") -> str:
        """`text` with the first mention of each term not in `linked` made a link to
        `{prefix}{slug}.md`. Adds the slugs it links to `linked`."""
        code = code_ranges(text)
        protected = [m.span() for m in _PROTECTED.finditer(text)]
        tokens = [m for m in _WORD.finditer(text) if m.start() not in code
                  and not any(start <= m.start() < end for start, end in protected)]
        out, cursor, index = [], 0, 0
        while index < len(tokens):
            match = self._match(text, tokens, index, linked)
            if match is None:
                index += 1
                continue
            name, end_index, end = match
            start = tokens[index].start()
            out.append(text[cursor:start])
            out.append(f"[{text[start:end]}]({prefix}{name.slug}.md)")
            linked.add(name.slug)
            cursor, index = end, end_index
        out.append(text[cursor:])
        return "".join(out)

    def _match(self, text: str, tokens: list[re.Match[str]], index: int,
               linked: set[str]) -> tuple[_Name, int, int] | None:
        first = tokens[index].group()
        for candidate in self.by_first.get(first, []) + self.by_first.get(first.lower(), []):
            if candidate.slug in linked:
                continue
            end_index = index + len(candidate.words)
            if end_index > len(tokens):
                continue
            span = tokens[index:end_index]
            if not all(text[a.end():b.start()] and set(text[a.end():b.start()]) <= _JOINERS
                       for a, b in zip(span, span[1:])):
                continue
            found = [t.group() if candidate.exact_case else t.group().lower() for t in span]
            end = span[-1].end()
            if found[:-1] != list(candidate.words[:-1]):
                continue
            last, wanted = found[-1], candidate.words[-1]
            if last == wanted:
                return candidate, end_index, end
            if last == wanted + "s" or (candidate.exact_case and last == wanted + "s".upper()):
                return candidate, end_index, end
        return None
