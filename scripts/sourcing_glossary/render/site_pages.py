"""Every page the glossary generates for the site, in one list: what the plugin hands to the
site generator, what the URL lock records and what check-links resolves against."""

from __future__ import annotations

from ..model import Entry, Glossary
from ..urls import CARDS_DIR, TERMS_DIR, Publication
from .cards import card_pages, card_parts
from .comparisons import comparison_pages
from .handout import handout_pages
from .mentions import MentionLinker
from .pages import (
    GeneratedPage,
    backlinks,
    category_pages,
    index_page,
    indexed_parts,
    listed,
    page_slug,
    term_page,
    unindexed_parts,
)
from .reach import EntryParts, whole
from .sources_page import sources_page


def term_pages(glossary: Glossary) -> list[GeneratedPage]:
    links = backlinks(glossary)
    mentions = MentionLinker(glossary)
    return [term_page(entry, glossary, links.get(slug, []), mentions) for slug, entry in glossary.entries.items()]


def listing_pages(glossary: Glossary, parts: EntryParts | None = None) -> list[GeneratedPage]:
    """The A-Z index, categories, comparisons and the Sources page. `parts` keeps the index and
    the categories while no term's name, summary or category changes (`glossary serve`)."""
    lists = whole(parts, "lists", listed(glossary) if parts else None, lambda: [index_page(glossary), *category_pages(glossary)])
    return [*lists, *comparison_pages(glossary), sources_page(glossary)]


def content_pages(glossary: Glossary) -> list[GeneratedPage]:
    """Term pages, the A-Z index, categories, comparisons and the Sources page."""
    return term_pages(glossary) + listing_pages(glossary)


def site_pages(
    glossary: Glossary, site: Publication, terms: list[GeneratedPage], cards: list[GeneratedPage], parts: EntryParts | None = None
) -> list[GeneratedPage]:
    """Every generated page in order, given the term pages and the cards (in the entries' order)."""
    return terms + listing_pages(glossary, parts) + handout_pages(glossary, site, parts) + cards


def generated_pages(glossary: Glossary, site: Publication) -> list[GeneratedPage]:
    return site_pages(glossary, site, term_pages(glossary), card_pages(glossary, site))


def page_parts(
    src_uri: str, glossary: Glossary, links: dict[str, list[Entry]], site: Publication, *, indexed: bool
) -> dict[str, str]:
    """The HTML parts of a generated page, by name, to put in where their markers are once
    Markdown has rendered it (pages.put_parts): those the search reads (`indexed`), or those it
    must not read, which go in after it has indexed the page (a card's, which the search skips
    anyway, among them). {} for a page without parts."""
    slug = page_slug(src_uri, TERMS_DIR)
    if slug is not None and slug in glossary.entries:
        entry = glossary.entries[slug]
        return indexed_parts(entry, glossary) if indexed else unindexed_parts(entry, glossary, links.get(slug, []))
    slug = page_slug(src_uri, CARDS_DIR)
    if slug is not None and slug in glossary.entries and not indexed:
        return card_parts(glossary.entries[slug], glossary, site)
    return {}
