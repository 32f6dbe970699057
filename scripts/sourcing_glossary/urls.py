"""The site's URL layout, a public contract: trainers link to these folders for years. Every
rule that turns a slug or a page into a URL lives here, with the address the site is
published at (mkdocs.yml's site_name and site_url)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

TERMS_DIR = "terms"
CATEGORIES_DIR = "categories"
COMPARE_DIR = "compare"
SOURCES_DIR = "sources"
CARDS_DIR = "cards"  # one small page per term, to embed in other sites (render/cards.py)
SLUG_FOLDERS = (TERMS_DIR, CARDS_DIR)  # folders whose pages are named by a term's slug

PLACEHOLDER_URL = "https://sourcing-glossary.example.org/"  # mkdocs.yml's default until a team sets its own
ALLOW_PLACEHOLDER = "GLOSSARY_ALLOW_PLACEHOLDER_URL"  # set to build with the placeholder without a warning


def term_uri(slug: str) -> str:
    """The Markdown source of a term's page, relative to docs/."""
    return f"{TERMS_DIR}/{slug}.md"


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{TERMS_DIR}/{slug}/"


@functools.lru_cache(maxsize=1 << 16)  # the URL lock asks for every page at every `glossary serve` rebuild
def site_path(src_uri: str) -> str:
    """The URL path of a Markdown page (directory URLs): 'terms/bpo.md' -> '/terms/bpo/'."""
    page = PurePosixPath(src_uri).with_suffix("")
    folder = page.parent if page.name in ("index", "README") else page
    return "/" if str(folder) == "." else f"/{folder}/"


def slug_page(path: str) -> tuple[str, str] | None:
    """'/terms/bpo/' -> ('terms', 'bpo'), '/cards/bpo/' -> ('cards', 'bpo'); None for a path
    that is not a term's page or card."""
    parts = path.strip("/").split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and parts[0] in SLUG_FOLDERS else None


def slugs_in(folder: str, paths: Iterable[str]) -> list[str]:
    """The slugs of the paths in `folder` (one of SLUG_FOLDERS)."""
    return [found[1] for found in map(slug_page, paths) if found and found[0] == folder]


@dataclass(frozen=True)
class Publication:
    """Where the site is published and under what name: the base of every canonical URL that
    exports and structured data give out."""

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
