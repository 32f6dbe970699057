"""The glossary as typed values, built once by `load` and passed to checks, pages and exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .problems import Mark
from .yamltree import Node

RESERVED_SLUGS = frozenset({"index"})  # /terms/ itself is the A-Z index
MATRIX_SLUG = "sourcing-model-matrix"  # /compare/sourcing-model-matrix/ is generated from facets
RESERVED_COMPARISON_SLUGS = frozenset({"index", MATRIX_SLUG})


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Category:
    key: str
    title: str
    description: str


@dataclass(frozen=True)
class Facet:
    key: str
    title: str
    values: dict[str, str]  # value -> description, in declared order


@dataclass(frozen=True)
class Comparison:
    slug: str
    title: str
    terms: tuple[str, ...]
    intro: str
    mark: Mark  # where the comparison's name is
    term_marks: tuple[Mark, ...] = ()  # where each of `terms` is


@dataclass(eq=False)
class Entry:
    slug: str
    path: str
    term: str
    category: str
    summary: str
    definition: str
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    contrast: dict[str, str] = field(default_factory=dict)
    usage_notes: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    previous_slugs: tuple[str, ...] = ()
    updated: str | None = None
    node: Node | None = None  # the parsed file, to say where things are
    lines: list[str] = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def mark(self, path: list[Any], *, key: bool = False) -> Mark:
        if self.node is None:
            return Mark(self.path, 0, 0)
        return self.node.locate(path, key=key)

    def mark_in_text(self, path: list[Any], offset: int) -> Mark:
        node = self._node(path)
        return node.mark_at(offset, self.lines) if node else self.mark(path)

    def _node(self, path: list[Any]) -> Node | None:
        node = self.node
        for step in path:
            if node is None or node.kind not in ("map", "seq"):
                return None
            if node.kind == "map":
                node = node.value.get(step)
            else:
                node = node.value[step] if isinstance(step, int) and step < len(node.value) else None
        return node

    def markdown_fields(self) -> Iterator[tuple[list[Any], str]]:
        """(field path, Markdown text) for every Markdown field."""
        if self.definition:
            yield ["definition"], self.definition
        for name in ("examples", "pros", "cons"):
            for index, text in enumerate(getattr(self, name)):
                yield [name, index], text
        for other, text in self.contrast.items():
            yield ["contrast", other], text
        if self.usage_notes:
            yield ["usage_notes"], self.usage_notes

    def plain_fields(self) -> Iterator[tuple[list[Any], str]]:
        """(field path, text) for every plain-text field."""
        yield ["term"], self.term
        for index, alias in enumerate(self.aliases):
            yield ["aliases", index], alias
        yield ["summary"], self.summary
        for index, source in enumerate(self.sources):
            yield ["sources", index, "title"], source.title
            if source.note:
                yield ["sources", index, "note"], source.note


@dataclass
class Glossary:
    entries: dict[str, Entry]  # slug -> entry, sorted by slug
    categories: dict[str, Category]
    facets: dict[str, Facet]
    comparisons: list[Comparison] = field(default_factory=list)
    unreadable_slugs: set[str] = field(default_factory=set)  # files that exist but did not parse

    def sorted_by_term(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda e: (e.term.casefold(), e.slug))

    def in_category(self, key: str) -> list[Entry]:
        return [entry for entry in self.sorted_by_term() if entry.category == key]
