"""How far a change of the glossary reaches: which entries' own parts of the site (term page,
card, handout section, map, rows of the exports) may differ between two states of glossary/.

What an entry's parts show of other entries comes through links, in either direction: a term
page shows the names and summaries of the terms it links to (related terms, contrasts, [[links]],
its replacement) and of those that link to it ("Referenced by"), and its map shows whether its
neighbours link back. Beyond links, only the mention linker reads the rest of the glossary: a
term page links the first mention of any other term's name. So after a change, the entries to
make again are those that changed, those linked to or from them (before or after the change),
and those whose text holds a word a changed name starts with.

Everything an entry's parts read must be covered here; tests/test_serve_pages.py compares the
parts kept by `glossary serve` with parts made from scratch after edits of every kind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from ..model import Entry, Glossary
from ..text.name_matcher import NameMatcher, word_finder

_T = TypeVar("_T")


def reach(before: Glossary, after: Glossary) -> set[str] | None:
    """Slugs of the entries (live or gone) whose parts may differ between `before` and `after`;
    None when something every entry's parts may read changed: the categories and facets, the
    comparisons or the source registry. An entry kept from one glossary to the next is the same
    object (source.load.EntryFiles), so a changed entry is one that is not."""
    shared = ("categories", "facets", "comparisons", "sources", "unreadable_slugs")
    if any(getattr(before, part) != getattr(after, part) for part in shared):
        return None
    changed = {
        slug for slug in before.entries.keys() | after.entries.keys() if before.entries.get(slug) is not after.entries.get(slug)
    }
    if not changed:
        return set()
    found = set(changed)
    for glossary in (before, after):
        for slug, entry in glossary.entries.items():
            targets = _targets(entry)
            if slug in changed:
                found |= targets
            elif not targets.isdisjoint(changed):
                found.add(slug)
    if before.names != after.names:
        mentions = word_finder(matcher(before.names).differing_words(matcher(after.names)))
        found |= {slug for slug, entry in after.entries.items() if any(mentions(text) for _, text in entry.markdown_fields())}
    return found


@functools.lru_cache(maxsize=2)
def matcher(names: tuple[tuple[str, str], ...]) -> NameMatcher:
    """The mention matcher of a glossary's names (Glossary.names); the last two are kept, as a
    change of names asks for the matchers before and after it, and the pages for the one after."""
    return NameMatcher(list(names))


def _targets(entry: Entry) -> frozenset[str]:
    return entry.outgoing | ({entry.replaced_by} if entry.replaced_by else set())


class EntryParts:
    """What was made from each entry (its rows of the exports, its words...), kept from one
    state of glossary/ to the next (`glossary serve`): until a change reaches the entry, or, for
    a part made from the entry alone (and what all entries share), until the entry changes."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], tuple[Entry, bool, Any]] = {}
        self._wholes: dict[str, tuple[Any, Any]] = {}  # kind -> (what it was made from, what was made)

    def refresh(self, reached: set[str] | None) -> None:
        """Forget what was made of the entries in `reached` through their links (None: forget all)."""
        if reached is None:
            self._made.clear()
            self._wholes.clear()
        else:
            self._made = {key: value for key, value in self._made.items() if value[1] or key[1] not in reached}

    def get(self, kind: str, entry: Entry, make: Callable[[], _T], *, alone: bool = False) -> _T:
        key = (kind, entry.slug)
        known = self._made.get(key)
        if known is None or known[0] is not entry:
            known = self._made[key] = (entry, alone, make())
        return known[2]  # type: ignore[no-any-return]

    def whole(self, kind: str, made_from: Any, make: Callable[[], _T]) -> _T:
        known = self._wholes.get(kind)
        if known is None or known[0] != made_from:
            known = self._wholes[kind] = (made_from, make())
        return known[1]  # type: ignore[no-any-return]


def whole(parts: EntryParts | None, kind: str, made_from: Any, make: Callable[[], _T]) -> _T:
    """`make()`, or what `parts` kept of it while `made_from` (all it reads of the entries) is the same."""
    return make() if parts is None else parts.whole(kind, made_from, make)


def made(parts: EntryParts | None, kind: str, entry: Entry, make: Callable[[], _T], *, alone: bool = False) -> _T:
    """`make()`, or what `parts` kept of it for `entry`. `alone`: it reads nothing of other entries."""
    return make() if parts is None else parts.get(kind, entry, make, alone=alone)
