"""Inline citations in entry Markdown, and the claims that need one.

Citations use Pandoc's syntax: `[@id]`, `[@id, p. 12]`, `[@a; @b]`, where each id is a record
of glossary/sources.yml. A claim needs a citation in its own sentence (or right after its full
stop) when it states a figure (a percentage, an amount of money, "N out of M", "N in M") or
leans on an unnamed authority ("one source", "studies show"). Code is left alone, as
everywhere in entry text. Positions are character offsets into the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import markdown_scan

CITATION = re.compile(r"\[(@[^\[\]\n]*)\]")
_CITE = re.compile(r"@([a-z0-9]+(?:-[a-z0-9]+)*)(?:\s*,\s*(\S[^;]*?))?\s*")

_COUNT = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
_OF = r"(?:\d{1,3}(?![\d,.])|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|a thousand)"
_AMOUNT = r"\d(?:[\d,.]*\d)?"
_SCALE = r"(?:\s?(?:k|m|bn|million|billion|thousand|trillion)\b)?"
FIGURE = re.compile(
    rf"{_AMOUNT}\s?(?:%|per ?cent\b)"
    rf"|[$€£¥₹]\s?{_AMOUNT}"
    rf"|\b(?:US\$|USD|EUR|GBP|INR|PHP|AUD|CAD|MXN)\s?{_AMOUNT}"
    rf"|\b{_AMOUNT}{_SCALE}\s?(?:USD|EUR|GBP|INR|PHP|AUD|CAD|MXN|dollars|euros|pounds|rupees|pesos)\b"
    rf"|\b{_COUNT}\s+(?:out\s+of|in)\s+{_OF}\b",
    re.IGNORECASE,
)
VAGUE = re.compile(
    r"\b(?:(?:one|some|several|many|other|various|certain) (?:sources?|studies|reports|surveys|analysts|experts|observers)"
    r"|(?:studies|surveys|research|data|evidence) (?:shows?|suggests?|finds?|found|has shown|have shown|indicates?)"
    r"|(?:experts|analysts|observers|commentators) (?:say|agree|believe|estimate|claim|argue)"
    r"|according to (?:some|many|several|experts|analysts|studies|research|reports|surveys|industry)"
    r"|it is (?:widely |often |generally )?(?:said|believed|claimed|reported|thought|estimated) that"
    r"|(?:is|are) widely (?:believed|reported|thought|estimated)"
    r"|reportedly)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! or ? followed by white space (closing quotes and brackets may come
# between), at a blank line, or where a list item starts.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")
_ABBREVIATIONS = frozenset(
    {
        "e.g.",
        "i.e.",
        "etc.",
        "vs.",
        "cf.",
        "p.",
        "pp.",
        "no.",
        "approx.",
        "u.s.",
        "u.k.",
        "e.u.",
        "inc.",
        "ltd.",
        "co.",
        "st.",
        "dr.",
        "mr.",
        "ms.",
        "fig.",
        "art.",
    }
)


@dataclass(frozen=True)
class Cite:
    id: str
    locator: str = ""  # "p. 12", "clause 4", ...


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    cites: tuple[Cite, ...]  # empty when the brackets hold no valid citation


@dataclass(frozen=True)
class Claim:
    offset: int
    text: str
    kind: str  # "figure" or "vague"


def citations(text: str) -> list[Citation]:
    """Every [@...] outside code. One that does not parse has no cites (the checks say why)."""
    if "[@" not in text:
        return []
    found = []
    for match in markdown_scan.outside_code(text, CITATION):
        cites: list[Cite] = []
        for part in match.group(1).split(";"):
            parsed = _CITE.fullmatch(part.strip())
            if parsed is None:
                cites = []
                break
            cites.append(Cite(parsed.group(1), (parsed.group(2) or "").strip()))
        found.append(Citation(match.start(), match.end(), tuple(cites)))
    return found


def cited_ids(texts: Iterable[str]) -> list[str]:
    """The source ids cited in `texts`, each once, in the order they first appear."""
    seen: dict[str, None] = {}
    for text in texts:
        for citation in citations(text):
            for cite in citation.cites:
                seen.setdefault(cite.id)
    return list(seen)


def numbered(text: str, numbers: dict[str, int]) -> str:
    """The text with each citation as bracketed numbers, '[1]' or '[1, p. 3; 2]', for plain text."""
    for citation in reversed(citations(text)):
        marks = "; ".join(f"{numbers[c.id]}" + (f", {c.locator}" if c.locator else "") for c in citation.cites if c.id in numbers)
        text = text[: citation.start] + (f"[{marks}]" if marks else "") + text[citation.end :]
    return text


def without_citations(text: str) -> str:
    """The text as words only, for plain-text uses (tables, exports, the terminal, cards). The
    space before a citation goes with it, a line break too (editors often put a citation at the
    start of a line), so no space is left before the punctuation that follows; a paragraph break stays."""
    for citation in reversed(citations(text)):
        before = text[: citation.start].rstrip(" \t")
        if before.endswith("\n") and not before.endswith("\n\n"):
            before = before[:-1].rstrip(" \t")
        text = before + text[citation.end :]
    return text


_DIGIT_OR_MONEY = re.compile(r"[\d$€£¥₹]")
# Words at least one of which every FIGURE without a digit and every VAGUE phrase contains.
_CLAIM_WORDS = (
    "out of",
    "one in",
    "two in",
    "three in",
    "four in",
    "five in",
    "six in",
    "seven in",
    "eight in",
    "nine in",
    "ten in",
    "source",
    "stud",
    "survey",
    "research",
    "data",
    "evidence",
    "expert",
    "analyst",
    "observer",
    "commentator",
    "according",
    "said",
    "believed",
    "claimed",
    "reported",
    "thought",
    "estimated",
)


def might_claim(text: str) -> bool:
    """A quick test that lets most texts skip the two patterns below, which took a second for
    every field of 5,000 entries; this takes about a seventh of it."""
    if _DIGIT_OR_MONEY.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _CLAIM_WORDS)


def uncited_claims(text: str) -> list[Claim]:
    """Figures and vague attributions in sentences that carry no citation."""
    if not might_claim(text) or not (FIGURE.search(text) or VAGUE.search(text)):
        return []
    found = citations(text)
    starts = _sentence_starts(_masked(text, found))
    cited = {_sentence(starts, c.start) for c in found}
    # A citation right after a full stop belongs to the sentence it follows.
    cited |= {_sentence(starts, c.start) - 1 for c in found if c.start in starts}
    code = markdown_scan.code_ranges(text)
    claims = []
    for kind, pattern in (("figure", FIGURE), ("vague", VAGUE)):
        for match in pattern.finditer(text):
            if match.start() in code or any(c.start <= match.start() < c.end for c in found):
                continue
            if _sentence(starts, match.start()) not in cited:
                claims.append(Claim(match.start(), match.group(0), kind))
    return sorted(claims, key=lambda claim: claim.offset)


def _masked(text: str, found: list[Citation]) -> str:
    """The text with each citation's inside blanked, so 'p. 12' in one ends no sentence."""
    for citation in found:
        text = text[: citation.start + 1] + " " * (citation.end - citation.start - 2) + text[citation.end - 1 :]
    return text


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(None, 1)
        if before and before[-1].lower().lstrip('(*_"“') in _ABBREVIATIONS:
            continue
        starts.append(match.end())
    return starts


def _sentence(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1
