"""The glossary as typed values, built once by `load` and passed to checks, pages and exports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from .names import slugify
from .problems import Mark
from .text import citations, markdown_scan

RESERVED_SLUGS = frozenset({"index"})  # /terms/ itself is the A-Z index
MATRIX_SLUG = "sourcing-model-matrix"  # /compare/sourcing-model-matrix/ is generated from facets
RESERVED_COMPARISON_SLUGS = frozenset({"index", MATRIX_SLUG})


STATUSES = ("draft", "reviewed", "deprecated")  # an entry's lifecycle; a file without `status` is a draft
SOURCE_KINDS = {  # kind -> how a source line names it; vendor and blog pages say so, as weaker evidence
    "standard": "Standard",
    "regulation": "Law or regulation",
    "academic": "Academic publication",
    "book": "Book",
    "government": "Government publication",
    "news": "News article",
    "vendor": "Vendor page",
    "blog": "Blog or opinion piece",
    "reference": "Reference work",
}


@dataclass(frozen=True)
class SourceRecord:
    """One record of glossary/sources.yml: a publication the entries cite by its id."""

    id: str
    title: str
    publisher: str
    kind: str
    mark: Mark  # where its id is written
    author: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD; None when undated
    url: str | None = None
    accessed: str | None = None
    note: str | None = None

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SourceRef:
    """An entry's `sources` item: a registry id and what that source supports in the entry."""

    ref: str
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


class Located(Protocol):
    """A parsed YAML node that knows where it and its parts are written (source/yamltree.py's Node)."""

    kind: str
    value: Any

    def locate(self, path: list[Any], *, key: bool = False) -> Mark: ...

    def mark_at(self, offset: int, lines: list[str]) -> Mark: ...

    def at(self, path: list[Any]) -> Located | None: ...


@dataclass(eq=False)
class Entry:
    slug: str
    path: str
    term: str
    category: str
    summary: str
    definition: str
    aliases: tuple[str, ...] = ()
    search_phrases: tuple[str, ...] = ()  # how readers ask for it in their own words; searchable, never shown
    examples: tuple[str, ...] = ()
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    contrast: dict[str, str] = field(default_factory=dict)
    usage_notes: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    sources: tuple[SourceRef, ...] = ()
    previous_slugs: tuple[str, ...] = ()
    updated: str | None = None
    status: str = "draft"
    reviewed: str | None = None  # when an editor last checked the entry against its sources
    replaced_by: str | None = None  # the live term that replaces a deprecated one
    file_text: str = field(default="", repr=False)  # the file as read, to say where things are
    # how the reader parses file_text again when a problem needs a place (source/load.py sets it)
    reparse: Callable[[str, str], Located | None] | None = field(default=None, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    @property
    def is_deprecated(self) -> bool:
        return self.status == "deprecated"

    def mark(self, path: list[Any], *, key: bool = False) -> Mark:
        tree = self._tree
        return Mark(self.path, 0, 0) if tree is None else tree.locate(path, key=key)

    def mark_in_text(self, path: list[Any], offset: int) -> Mark:
        node = self._node(path)
        return node.mark_at(offset, self._lines) if node else self.mark(path)

    def forget_file(self) -> None:
        """Drop the file's text and its tree; marks are the file's (line 0) from then on."""
        self.file_text = ""
        for cached in ("_tree", "_lines"):
            vars(self).pop(cached, None)

    @cached_property
    def _tree(self) -> Located | None:
        """The file parsed again, the first time a problem of this entry needs a place: keeping
        every entry's tree from loading on took about 100 MB for 5,000 entries, and the entries
        of a clean glossary never need one. The text is unchanged, so the tree is the same."""
        return self.reparse(self.file_text, self.path) if self.file_text and self.reparse else None

    @cached_property
    def _lines(self) -> list[str]:
        return self.file_text.splitlines()

    def _node(self, path: list[Any]) -> Located | None:
        tree = self._tree
        return tree.at(path) if tree else None

    @cached_property
    def links(self) -> tuple[tuple[list[Any], markdown_scan.Finding], ...]:
        """Every [[link]] of the entry's Markdown with the field it is in, found once: the
        checks and the pages ask for them often, and `glossary serve` asks for every entry at
        every change."""
        return tuple((path, link) for path, text in self.markdown_fields() for link in markdown_scan.term_links(text))

    @cached_property
    def cited(self) -> tuple[tuple[list[Any], str, citations.Citation], ...]:
        """Every inline citation of the entry's Markdown with its field and the field's text."""
        return tuple((path, text, found) for path, text in self.markdown_fields() for found in citations.citations(text))

    @property
    def cited_ids(self) -> list[str]:
        """The source ids the entry's Markdown cites, each once, in reading order."""
        return list(self._cited_ids)

    @cached_property
    def _cited_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(cite.id for _, _, found in self.cited for cite in found.cites))

    @cached_property
    def outgoing(self) -> frozenset[str]:
        """Slugs this entry points to, by related, contrast or [[links]]."""
        return frozenset({*self.related, *self.contrast, *(link.text for _, link in self.links)} - {self.slug})

    def published_paths(self) -> dict[str, list[Any]]:
        """URL slugs that redirect to this entry (aliases and previous slugs) -> the field they come from."""
        return dict(self._published_paths)

    @cached_property
    def _published_paths(self) -> dict[str, list[Any]]:
        paths: dict[str, list[Any]] = {}
        for index, old in enumerate(self.previous_slugs):
            paths.setdefault(old, ["previous_slugs", index])
        for index, alias in enumerate(self.aliases):
            slug = slugify(alias)
            if slug and slug != self.slug:
                paths.setdefault(slug, ["aliases", index])
        return paths

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
        for index, phrase in enumerate(self.search_phrases):
            yield ["search_phrases", index], phrase
        yield ["summary"], self.summary
        for index, source in enumerate(self.sources):
            if source.note:
                yield ["sources", index, "note"], source.note


@dataclass
class Glossary:
    entries: dict[str, Entry]  # slug -> entry, sorted by slug
    categories: dict[str, Category]
    facets: dict[str, Facet]
    comparisons: list[Comparison] = field(default_factory=list)
    sources: dict[str, SourceRecord] = field(default_factory=dict)  # registry id -> record, in file order
    unreadable_slugs: set[str] = field(default_factory=set)  # files that exist but did not parse

    def known_source_ids(self, texts: Iterable[str], listed: Iterable[str] = ()) -> list[str]:
        """The registry ids that `texts` cite, in reading order, then the `listed` ones not cited."""
        return self._known(citations.cited_ids(texts), listed)

    def entry_source_ids(self, entry: Entry) -> list[str]:
        """The registry ids an entry relies on, in reading order: cited inline first, then listed."""
        return self._known(entry.cited_ids, (source.ref for source in entry.sources))

    def _known(self, cited: list[str], listed: Iterable[str]) -> list[str]:
        ids = list(cited)  # a copy: an entry keeps its cited_ids
        ids += [source_id for source_id in listed if source_id not in ids]
        return [source_id for source_id in ids if source_id in self.sources]

    def link_text(self, slug: str, shown: str | None) -> str:
        """What a [[slug]] or [[slug|shown]] link says: its own text, else the term's name."""
        if shown is not None:
            return shown.strip()
        entry = self.entries.get(slug)
        return entry.term if entry else slug

    def sorted_by_term(self) -> list[Entry]:
        return list(self._by_term)

    def in_category(self, key: str) -> list[Entry]:
        return list(self._by_category.get(key, ()))

    @cached_property
    def names(self) -> tuple[tuple[str, str], ...]:
        """(name, slug) of every term and alias, in the entries' order."""
        return tuple((name, entry.slug) for entry in self.entries.values() for name in entry.names)

    # Sorted once: pages, handouts and exports ask for these orders dozens of times. The
    # entries of a glossary do not change once it is loaded.
    @cached_property
    def _by_term(self) -> tuple[Entry, ...]:
        return tuple(sorted(self.entries.values(), key=lambda e: (e.term.casefold(), e.slug)))

    @cached_property
    def _by_category(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for entry in self._by_term:
            found.setdefault(entry.category, []).append(entry)
        return {key: tuple(entries) for key, entries in found.items()}
