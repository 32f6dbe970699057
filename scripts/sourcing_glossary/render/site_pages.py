"""Every page the glossary generates for the site, in one list: what the plugin hands to the
site generator, what the URL lock records and what check-links resolves against."""

from __future__ import annotations

from ..model import Glossary
from ..urls import Publication
from .cards import card_pages
from .comparisons import comparison_pages
from .handout import handout_pages
from .mentions import MentionLinker
from .pages import GeneratedPage, backlinks, category_pages, index_page, term_page
from .sources_page import sources_page


def content_pages(glossary: Glossary) -> list[GeneratedPage]:
    """Term pages, the A-Z index, categories, comparisons and the Sources page."""
    links = backlinks(glossary)
    mentions = MentionLinker(glossary)
    pages = [term_page(entry, glossary, links.get(slug, []), mentions) for slug, entry in glossary.entries.items()]
    pages.append(index_page(glossary))
    pages += category_pages(glossary)
    pages += comparison_pages(glossary)
    pages.append(sources_page(glossary))
    return pages


def generated_pages(glossary: Glossary, site: Publication) -> list[GeneratedPage]:
    return content_pages(glossary) + handout_pages(glossary, site) + card_pages(glossary, site)
