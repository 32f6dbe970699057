"""The generated pages from one state of glossary/ to the next (`glossary serve`).

After a change, the term pages and cards the change reaches (reach.py) are made again and the
others kept; the pages that list terms (A-Z index, categories, comparisons, Sources, handouts)
are made again from what is kept. Each page is then compared with its last version, what the
site generator's adapter puts into it after rendering included (mkdocs/plugin.py: a handout's
terms, a term's map, the JSON-LD), so the caller renders only the pages that differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Entry, Glossary
from ..urls import Publication, term_uri
from .cards import card_page, card_uri
from .handout import Handouts
from .mentions import MentionLinker
from .pages import GeneratedPage, backlinks, term_page
from .reach import EntryParts, matcher, reach
from .site_pages import site_pages

Additions = Callable[[GeneratedPage, Glossary, EntryParts], str]


@dataclass(frozen=True)
class PageUpdate:
    pages: list[GeneratedPage]  # every generated page, as generated_pages() gives them
    changed: set[str]  # src_uris of the pages that are new or differ from the published ones
    removed: set[str]  # src_uris of published pages that are gone
    reach: set[str] | None  # the entries whose own parts were made again; None: all of them
    shown: dict[str, tuple[str, str]]  # src_uri -> what the page shows (PageCache.shown)


class PageCache:
    """Kept parts follow the glossary from one update to the next; what pages show is compared
    with the last update the caller published (a site whose rebuild failed still shows that)."""

    def __init__(self, site: Publication, handouts: Handouts, additions: Additions) -> None:
        """`additions`: what the site generator's adapter puts into a page after rendering it
        (mkdocs/plugin.py's page_additions), which makes a page differ as much as its Markdown."""
        self.site, self.handouts, self.additions = site, handouts, additions
        self.parts = EntryParts()  # also for what is made after rendering (exports, redirects...)
        self.glossary: Glossary | None = None
        self.names: tuple[tuple[str, str], ...] = ()
        self.mentions: MentionLinker | None = None
        self.terms: dict[str, GeneratedPage] = {}
        self.cards: dict[str, GeneratedPage] = {}
        self.made: dict[str, tuple[str, str]] = {}  # src_uri -> (Markdown, what goes in after rendering)
        self.shown: dict[str, tuple[str, str]] = {}  # the same, as published

    def update(self, glossary: Glossary) -> PageUpdate:
        reached = None if self.glossary is None else reach(self.glossary, glossary)
        self.glossary = glossary
        self.handouts.refresh(glossary, reached)
        self.parts.refresh(reached)
        for pages_by_slug in (self.terms, self.cards):
            for slug in list(pages_by_slug):
                if reached is None or slug in reached or slug not in glossary.entries:
                    del pages_by_slug[slug]
        kept = {term_uri(slug) for slug in self.terms} | {card_uri(slug) for slug in self.cards}
        self._make([entry for slug, entry in glossary.entries.items() if slug not in self.terms], glossary)
        pages = site_pages(
            glossary,
            self.site,
            [self.terms[slug] for slug in glossary.entries],
            [self.cards[slug] for slug in glossary.entries],
            self.parts,
        )
        shown = {page.src_uri: self.made[page.src_uri] if page.src_uri in kept else self._shown(page, glossary) for page in pages}
        self.made = shown
        changed = {uri for uri, now in shown.items() if self.shown.get(uri) != now}
        return PageUpdate(pages, changed, self.shown.keys() - shown.keys(), reached, shown)

    def published(self, update: PageUpdate) -> None:
        """The site shows `update` now: the next update is compared with it."""
        self.shown = update.shown

    def _make(self, entries: list[Entry], glossary: Glossary) -> None:
        if not entries:
            return
        if self.mentions is None or glossary.names != self.names:
            self.mentions = MentionLinker(glossary, matcher(glossary.names), remember=True)
            self.names = glossary.names
        links = backlinks(glossary)
        for entry in entries:
            self.terms[entry.slug] = term_page(entry, glossary, links.get(entry.slug, []), self.mentions)
            self.cards[entry.slug] = card_page(entry, glossary, self.site)

    def _shown(self, page: GeneratedPage, glossary: Glossary) -> tuple[str, str]:
        return page.markdown, self.additions(page, glossary, self.parts)
