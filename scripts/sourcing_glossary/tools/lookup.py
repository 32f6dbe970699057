"""`glossary show TERM`: find a term by slug, name or alias, forgiving typos, and lay it out
for a terminal."""

from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass

from ..exports.formats import flatten_links
from ..model import Entry, Glossary
from ..names import name_key, slugify
from ..render.citations_html import citation_text
from ..render.handout import Render
from ..text import citations
from ..urls import Publication
from .terminal_text import terminal_lines

CLOSE_ENOUGH = 0.75  # difflib ratio: 'offshorring' -> 'offshoring' is 0.95, 'outsource' -> 'outsourcing' 0.9
CLEAR_LEAD = 0.05  # the best match wins only when no other term comes this close to it
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class Found:
    entry: Entry | None  # None: no single term matches
    exact: bool = True
    suggestions: tuple[Entry, ...] = ()  # when several terms could be meant


def find_term(glossary: Glossary, query: str) -> Found:
    key = name_key(query)
    names: dict[str, Entry] = {}
    for entry in glossary.entries.values():
        for name in (entry.slug, *entry.names, *(slugify(name) for name in entry.names)):
            names.setdefault(name_key(name), entry)
    for candidate in (key, slugify(query)):
        if candidate in names:
            return Found(names[candidate])
    scored = sorted(((difflib.SequenceMatcher(None, key, name).ratio(), name) for name in names), reverse=True)
    ranked = _distinct([names[name] for score, name in scored if score >= CLOSE_ENOUGH])
    if ranked:
        best = max(score for score, name in scored if names[name] is ranked[0])
        rivals = [score for score, name in scored if names[name] is not ranked[0]]
        if not rivals or rivals[0] < best - CLEAR_LEAD:
            return Found(ranked[0], exact=False)
        return Found(None, suggestions=tuple(ranked[:MAX_SUGGESTIONS]))
    containing = _distinct([names[name] for name in sorted(names) if key and key in name])
    if len(containing) == 1:
        return Found(containing[0], exact=False)
    if containing:
        return Found(None, suggestions=tuple(sorted(containing, key=lambda e: e.term.casefold())[:MAX_SUGGESTIONS]))
    return Found(None, suggestions=tuple(_closest(glossary, key)))


_WORD = re.compile(r"[a-z0-9]+")
NEAR_WORD = 0.8  # difflib ratio for a query word to count as a misspelling of a name's word


def _closest(glossary: Glossary, key: str) -> list[Entry]:
    """When no name comes close: the terms whose names share a word with the query, or nearly
    (a misspelling), then those whose summary or search phrases share one; so a reader always
    gets somewhere to go on from."""
    wanted = [word for word in _WORD.findall(key) if len(word) >= 3]

    def near(text: str) -> tuple[int, int]:
        """How many of the query's words are (nearly) words of `text`, and how many words it has."""
        words = set(_WORD.findall(text.casefold()))
        found = sum(any(difflib.SequenceMatcher(None, word, other).ratio() >= NEAR_WORD for other in words) for word in wanted)
        return found, len(words)

    def share(text: str) -> float:
        """The part of a name the query covers: 'outsorcing' covers all of Outsourcing, half of
        Offshore outsourcing."""
        found, size = near(text)
        return min(found, size) / size if size else 0.0

    scored = []
    for entry in glossary.entries.values():
        score = (
            3 * share(entry.term)
            + 2 * max((share(alias) for alias in entry.aliases), default=0.0)
            + 0.5 * near(" ".join((entry.summary, *entry.search_phrases)))[0]
        )
        if score:
            scored.append((-score, len(entry.term), entry.term.casefold(), entry))
    return [entry for *_, entry in sorted(scored)[:MAX_SUGGESTIONS]]


def describe_miss(query: str, found: Found, site: Publication) -> str:
    index = f"Every term is listed at {site.index_url}\n"
    if found.suggestions:
        return (
            f"No term is called '{query}'. Did you mean:\n"
            + "".join(f"  {entry.term} ({entry.slug})\n" for entry in found.suggestions)
            + index
        )
    return f"No term matches '{query}'. " + index


def _distinct(entries: list[Entry]) -> list[Entry]:
    return list(dict.fromkeys(entries))


def render_term(
    entry: Entry, glossary: Glossary, site: Publication, width: int = 80, *, render: Render, styled: bool = False
) -> str:
    """The entry for a terminal `width` columns wide. Its Markdown is rendered by `render`, as the
    site renders it, and shown as text: bold and italic as ANSI styles when `styled`."""

    sources = glossary.entry_source_ids(entry)
    numbers = {source_id: number for number, source_id in enumerate(sources, start=1)}

    def text(markdown: str, lead: str) -> list[str]:
        """`markdown` laid out after `lead`, its further lines indented as far; citations as [1]."""
        shown = flatten_links(citations.numbered(markdown, numbers), glossary)
        lines = terminal_lines(render(shown), width - len(lead), styled=styled)
        indents = [lead] + [" " * len(lead)] * (len(lines) - 1)
        return [indent + line if line else "" for indent, line in zip(indents, lines)]

    def section(title: str, texts: list[str], lead: str) -> list[str]:
        return ["", title.upper(), *(line for markdown in texts for line in text(markdown, lead))] if texts else []

    category = glossary.categories.get(entry.category)
    out = [entry.term, "=" * len(entry.term)]
    if entry.aliases:
        out.append("Also called: " + ", ".join(entry.aliases))
    if category:
        out.append(f"Category: {category.title}")
    out.append(site.term_url(entry.slug))
    out += ["", *text(entry.summary, "")]
    out += section("Definition", [entry.definition], "  ")
    for title, items in (("Examples", entry.examples), ("Pros", entry.pros), ("Cons", entry.cons)):
        out += section(title, list(items), "  • ")
    out += section(
        "Not to be confused with",
        [
            f"{glossary.entries[slug].term if slug in glossary.entries else slug}: {contrast}"
            for slug, contrast in entry.contrast.items()
        ],
        "  • ",
    )
    out += section("Usage notes", [entry.usage_notes] if entry.usage_notes else [], "  ")
    related = [glossary.entries[slug].term for slug in entry.related if slug in glossary.entries]
    if related:
        out += ["", *textwrap.wrap("Related: " + ", ".join(related), width)]
    if sources:
        out += ["", "SOURCES"]
        for number, source_id in enumerate(sources, start=1):
            record = glossary.sources[source_id]
            out += textwrap.wrap(citation_text(record), width, initial_indent=f"  [{number}] ", subsequent_indent="      ")
            if record.url:  # on a line of its own, whole, so a terminal can open it
                out.append(f"      {record.url}")
    return "\n".join(out) + "\n"
