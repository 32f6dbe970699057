"""Where the site is published and under what name: the base of every canonical URL that
exports and structured data give out (mkdocs.yml's site_name and site_url)."""

from __future__ import annotations

from dataclasses import dataclass

from .site_data import term_url
from .urls import CATEGORIES_DIR, TERMS_DIR

PLACEHOLDER_URL = "https://sourcing-glossary.example.org/"  # mkdocs.yml's default until a team sets its own
ALLOW_PLACEHOLDER = "GLOSSARY_ALLOW_PLACEHOLDER_URL"  # set to build with the placeholder without a warning


@dataclass(frozen=True)
class Publication:
    name: str
    base_url: str  # '' when mkdocs.yml has no site_url: URLs are then relative to the site root

    @property
    def uses_placeholder(self) -> bool:
        return self.base_url.rstrip("/") == PLACEHOLDER_URL.rstrip("/")

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
