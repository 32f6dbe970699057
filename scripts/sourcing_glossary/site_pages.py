"""Every page the glossary generates for the site, in one list: what the plugin hands to the
site generator, what the URL lock records and what check-links resolves against."""

from __future__ import annotations

from . import handout, pages
from .model import Glossary
from .pages import GeneratedPage
from .publication import Publication


def generated_pages(glossary: Glossary, site: Publication) -> list[GeneratedPage]:
    return pages.all_pages(glossary) + handout.handout_pages(glossary, site)
