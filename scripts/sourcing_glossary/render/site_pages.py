"""Every page the glossary generates for the site, in one list: what the plugin hands to the
site generator, what the URL lock records and what check-links resolves against."""

from __future__ import annotations

from ..model import Glossary
from ..urls import Publication
from .cards import card_pages
from .comparisons import comparison_pages
from .handout import handout_pages
from .mentions import MentionLinker
from .pages import GeneratedPage, backlinks, category_pages, index_page, listed, term_page
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
