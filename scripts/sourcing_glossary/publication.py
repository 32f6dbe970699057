"""Where the site is published and under what name: the base of every canonical URL that
exports and structured data give out (mkdocs.yml's site_name and site_url)."""

from __future__ import annotations

from dataclasses import dataclass

from .urls import CATEGORIES_DIR, TERMS_DIR
from .site_data import term_url


@dataclass(frozen=True)
class Publication:
    name: str
    base_url: str  # '' when mkdocs.yml has no site_url: URLs are then relative to the site root

    def url(self, path: str = "") -> str:
        return f"{self.base_url.rstrip('/')}/{path}"

    def term_url(self, slug: str) -> str:
        return term_url(self.base_url, slug)

    @property
    def index_url(self) -> str:
        """The A-Z index: the glossary as a whole (the concept scheme, the defined-term set)."""
        return self.url(f"{TERMS_DIR}/")

    def category_url(self, key: str) -> str:
        return self.url(f"{CATEGORIES_DIR}/{key}/")
