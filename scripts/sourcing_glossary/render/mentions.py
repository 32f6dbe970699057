"""Link the first mention of other terms in an entry's Markdown text.

"Offshoring moves work abroad" becomes "[Offshoring](offshoring.md) moves work abroad" on
the pages where offshoring is not the subject. Only the first mention of each term on a
page is linked, and never inside code, headings, existing links or URLs. What counts as a
mention is name_matcher's to say.
"""

from __future__ import annotations

import re

from ..model import Glossary
from ..text.markdown_scan import Ranges, code_ranges
from ..text.name_matcher import NameMatcher

_PROTECTED = re.compile(
    r"\[\[[^\]]*\]\]"  # [[term links]]
    r"|!?\[[^\]]*\]\([^)]*\)"  # [links](...) and images
    r"|^[ ]{0,3}#.*$"  # headings
    r"|<[^>\n]*>"  # autolinks
    r"|https?://\S+",  # bare addresses
    re.MULTILINE,
)


class MentionLinker:
    def __init__(self, glossary: Glossary, names: NameMatcher | None = None, *, remember: bool = False) -> None:
        """`names`: the glossary's matcher, when the caller has it already. With `remember`,
        each text's links are kept for the next time the same text is linked from the same
        `linked` (`glossary serve` makes pages again whose texts have not changed)."""
        self.names = names or NameMatcher(list(glossary.names))
        self.remembered: dict[tuple[str, frozenset[str], str], tuple[str, frozenset[str]]] | None = {} if remember else None

    def link(self, text: str, linked: set[str], prefix: str = "") -> str:
        """`text` with the first mention of each term not in `linked` made a link to
        `{prefix}{slug}.md`. Adds the slugs it links to `linked`."""
        if self.remembered is None:
            return self._link(text, linked, prefix)
        key = (text, frozenset(linked), prefix)
        if key not in self.remembered:
            out = self._link(text, linked, prefix)
            self.remembered[key] = (out, frozenset(linked - key[1]))
        out, added = self.remembered[key]
        linked |= added
        return out

    def _link(self, text: str, linked: set[str], prefix: str) -> str:
        code = code_ranges(text)
        skipped = Ranges(list(zip(code.starts, code.ends)) + [m.span() for m in _PROTECTED.finditer(text)])
        out, cursor = [], 0
        for start, end, slug in self.names.find(text, linked, skipped):
            out += [text[cursor:start], f"[{text[start:end]}]({prefix}{slug}.md)"]
            cursor = end
        out.append(text[cursor:])
        return "".join(out)
