"""What holds a built site together, read from its files without a browser: every HTML page is
parsed once into the few facts the checks need, and each check lists what it finds broken
across the whole site (as "page: problem" lines), so one failing test names every bad page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from lxml import etree, html

# Material's sidebar; the table of contents of the current page sits inside it as a secondary nav.
_NAV_LINKS = (
    "//nav[contains(concat(' ', @class, ' '), ' md-nav--primary ')]//a[contains(@class, 'md-nav__link')]"
    "[not(ancestor::nav[contains(concat(' ', @class, ' '), ' md-nav--secondary ')])]"
)
_REFERENCES = "//a/@href | //link/@href | //script/@src | //img/@src"
_REFRESH_URL = re.compile(r"url\s*=\s*(\S+)", re.IGNORECASE)  # <meta http-equiv="refresh" content="0; url=...">
_SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@dataclass(frozen=True)
class Page:
    url: str  # where it is published: site_url + its path
    title: str  # the <title>
    h1s: int
    ids: frozenset[str]
    links: frozenset[str]  # every address it refers to (links, styles, scripts, images, refresh), absolute
    nav: tuple[tuple[str, str], ...]  # the navigation's links: (shown text, absolute address)
    json_ld: tuple[str, ...]

    def nav_title(self) -> str | None:
        """What the page calls itself in its own navigation: MkDocs' title of the page."""
        return next((text for text, target in self.nav if urldefrag(target).url == self.url), None)


@dataclass(frozen=True)
class Site:
    folder: Path
    url: str  # site_url, ending in /
    pages: dict[str, Page]  # by address

    def file(self, address: str) -> Path | None:
        """The file served at `address` (a page's folder serves its index.html); None if missing
        or outside the site."""
        if not address.startswith(self.url):
            return None
        path = self.folder / unquote(urldefrag(address).url[len(self.url) :].split("?")[0])
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def page_ids(self, file: Path) -> frozenset[str]:
        """The ids in an HTML page of the site (none in other files)."""
        page = self.pages.get(_address(self.url, file.relative_to(self.folder).as_posix()))
        return page.ids if page else frozenset()


def read_site(folder: Path, site_url: str) -> Site:
    url = site_url.rstrip("/") + "/"
    pages = {}
    for path in sorted(folder.rglob("*.html")):
        address = _address(url, path.relative_to(folder).as_posix())
        pages[address] = _read_page(path, address)
    return Site(folder, url, pages)


def _address(site_url: str, relative: str) -> str:
    """Where a file is published: a folder's index.html at the folder's address."""
    return site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _read_page(path: Path, address: str) -> Page:
    root = html.parse(str(path)).getroot()
    references = [str(value) for value in root.xpath(_REFERENCES)]
    for refresh in root.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh') = 'refresh']/@content"):
        references += _REFRESH_URL.findall(refresh)
    return Page(
        url=address,
        title=(root.findtext(".//title") or "").strip(),
        h1s=len(root.xpath("//h1")),
        ids=frozenset(root.xpath("//@id") + root.xpath("//a/@name")),
        links=frozenset(urljoin(address, reference.strip()) for reference in references),
        nav=tuple((" ".join(a.text_content().split()), urljoin(address, a.get("href", ""))) for a in root.xpath(_NAV_LINKS)),
        json_ld=tuple(script.text or "" for script in root.xpath("//script[@type='application/ld+json']")),
    )


def _where(site: Site, page: Page) -> str:
    return "/" + page.url[len(site.url) :]


def navigation_problems(site: Site) -> Iterator[str]:
    titles = {page.url: page.nav_title() for page in site.pages.values()}
    for page in site.pages.values():
        for text, target in page.nav:
            expected = titles.get(urldefrag(target).url)
            if text in ("", "None"):
                yield f"{_where(site, page)}: the navigation names {target} {text!r}"
            elif expected is None:
                yield f"{_where(site, page)}: the navigation links {target}, which is missing or not in the navigation"
            elif text != expected:
                yield f"{_where(site, page)}: the navigation names {target} {text!r}; that page's title is {expected!r}"


def link_problems(site: Site) -> Iterator[str]:
    for page in site.pages.values():
        for link in sorted(page.links):
            if not link.startswith(site.url):
                continue  # outside the site; data: and javascript: URLs too
            target = site.file(link)
            fragment = unquote(urldefrag(link).fragment)
            if target is None:
                yield f"{_where(site, page)}: {link} leads nowhere"
            elif fragment and fragment not in site.page_ids(target):
                yield f"{_where(site, page)}: {link} has no element with id {fragment!r}"


def heading_problems(site: Site) -> Iterator[str]:
    for page in site.pages.values():
        if page.h1s != 1:
            yield f"{_where(site, page)}: {page.h1s} <h1> elements"
        if not page.title:
            yield f"{_where(site, page)}: empty <title>"


def json_ld_problems(site: Site) -> Iterator[str]:
    for page in site.pages.values():
        for block in page.json_ld:
            try:
                json.loads(block)
            except json.JSONDecodeError as error:
                yield f"{_where(site, page)}: JSON-LD does not parse: {error}"


def sitemap_problems(site: Site) -> Iterator[str]:
    sitemap = site.folder / "sitemap.xml"
    if not sitemap.is_file():
        yield "sitemap.xml is missing"
        return
    for loc in etree.parse(str(sitemap)).getroot().iter(_SITEMAP_LOC):
        if site.file((loc.text or "").strip()) is None:
            yield f"sitemap.xml lists {loc.text}, which does not exist"
