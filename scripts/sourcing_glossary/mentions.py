"""Link the first mention of other terms in an entry's Markdown text.

"Offshoring moves work abroad" becomes "[Offshoring](offshoring.md) moves work abroad" on
the pages where offshoring is not the subject. Only the first mention of each term on a
page is linked, and never inside code, headings, existing links or URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown_scan import Ranges, code_ranges
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

    def matches(self, seen: list[str], index: int) -> bool:
        """Whether the words from `index` on are this name, its last word maybe plural."""
        last = index + len(self.words) - 1
        if last >= len(seen) or seen[index:last] != list(self.words[:-1]):
            return False
        word, wanted = seen[last], self.words[-1]
        return word == wanted or word == wanted + "s" or (self.exact_case and word == wanted + "S")


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
        skipped = Ranges(list(zip(code.starts, code.ends)) + [m.span() for m in _PROTECTED.finditer(text)])
        tokens = [m for m in _WORD.finditer(text) if m.start() not in skipped]
        words = [t.group() for t in tokens]
        folded = [word.lower() for word in words]
        out, cursor, index = [], 0, 0
        while index < len(tokens):
            name = self._match(text, tokens, words, folded, index, linked)
            if name is None:
                index += 1
                continue
            end_index = index + len(name.words)
            start, end = tokens[index].start(), tokens[end_index - 1].end()
            out.append(text[cursor:start])
            out.append(f"[{text[start:end]}]({prefix}{name.slug}.md)")
            linked.add(name.slug)
            cursor, index = end, end_index
        out.append(text[cursor:])
        return "".join(out)

    def _match(self, text: str, tokens: list[re.Match[str]], words: list[str], folded: list[str], index: int,
               linked: set[str]) -> _Name | None:
        """The longest name not yet linked whose words start at tokens[index], joined only
        by spaces and hyphens."""
        first, lower = words[index], folded[index]
        candidates = self.by_first.get(first, [])
        if lower != first:
            candidates = candidates + self.by_first.get(lower, [])
        for candidate in candidates:
            if candidate.slug in linked or not candidate.matches(words if candidate.exact_case else folded, index):
                continue
            span = tokens[index:index + len(candidate.words)]
            if all(text[a.end():b.start()] and set(text[a.end():b.start()]) <= _JOINERS for a, b in zip(span, span[1:])):
                return candidate
        return None
