"""Find links into the glossary in training material and report those that lead nowhere.

Training material is Markdown, HTML and plain text (reported by line and column) and Word and
PowerPoint files (reported by paragraph and by slide; read with zipfile and ElementTree, as
both are zipped XML). A link counts when it starts with the site's address (site_url); it is
resolved against the pages the site would publish, computed from the glossary itself, so no
built site is needed. A fragment must name a heading on the target page: on a term page the
section anchors of pages.SECTIONS that the term has (#pros only where the page has Pros). A
term's page or card that does not exist gets the closest slug as a hint.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from markdown.extensions import toc

from ..model import Glossary
from ..problems import Problem, display_path
from ..render.site_pages import generated_pages
from ..suggest import suggest
from ..urls import TERMS_DIR, Publication, site_path, slug_page, slugs_in
from .urllock import redirect_targets

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})
OFFICE_SUFFIXES = frozenset({".docx", ".pptx"})
SUFFIXES = TEXT_SUFFIXES | OFFICE_SUFFIXES

_URL = re.compile(r"https?://[^\s<>\"'`|()\[\]{}]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_"  # sentence punctuation and Markdown emphasis after a bare URL
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class UnsupportedTarget(Exception):
    """A path given to check that does not exist or is not a kind of file we read."""


@dataclass(frozen=True)
class SiteMap:
    site_url: str  # ending in '/': 'https://glossary.example.org/'
    pages: dict[str, tuple[str, ...]]  # site path -> anchors on that page, in page order
    redirects: dict[str, str]  # redirect path -> canonical path

    def relative(self, url: str) -> str | None:
        """The part of `url` after the site's address, or None for a link elsewhere
        (http and https both count: trainers paste either)."""
        base = self.site_url.split("://", 1)[-1].lower()
        address = url.split("://", 1)[1]
        if (address + "/").lower() == base:
            return ""
        return address[len(base) :] if address.lower().startswith(base) else None

    def broken(self, url: str, relative: str) -> tuple[str, str] | None:
        """(message, hint) when the link leads nowhere; None when it resolves."""
        path, _, fragment = relative.partition("#")
        path = "/" + unquote(path.partition("?")[0])
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        elif not path.endswith("/") and "." not in path.rsplit("/", 1)[1]:
            path += "/"  # static hosts redirect /terms/bpo to /terms/bpo/
        target = self.redirects.get(path, path)
        anchors = self.pages.get(target)
        if anchors is None:
            return f"{url} is not a page of the glossary", self._page_hint(path)
        anchor = unquote(fragment)
        if anchor and anchor not in anchors:
            close = suggest(anchor, anchors)
            perhaps = f"did you mean #{close}? " if close else ""
            return (
                f"{url}: the page {target} has no section #{anchor}",
                perhaps + "the anchors on that page are " + ", ".join(f"#{a}" for a in anchors),
            )
        return None

    def _page_hint(self, path: str) -> str:
        found = slug_page(path)
        if found is not None:
            folder, slug = found
            close = suggest(slug, slugs_in(folder, [*self.pages, *self.redirects]))
            if close:
                return f"did you mean {self.site_url}{folder}/{close}/? (the A-Z index lists every term)"
            return f"no term has the slug '{slug}': find the term in the A-Z index at {self.site_url}{TERMS_DIR}/"
        close = suggest(path, self.pages)
        return f"did you mean {self.site_url}{close.lstrip('/')}?" if close else "check the address in a browser"


def site_map(glossary: Glossary, docs_pages: Mapping[str, str], site: Publication) -> SiteMap:
    """What the site would publish: the generated pages, the hand-written pages (src_uri ->
    Markdown) and the redirects, each page with the anchors of its headings."""
    anchors = {page.src_uri: heading_ids(page.markdown) + page.anchors for page in generated_pages(glossary, site)}
    anchors |= {uri: heading_ids(text) for uri, text in docs_pages.items()}
    return SiteMap(
        site.base_url.rstrip("/") + "/", {site_path(uri): ids for uri, ids in anchors.items()}, redirect_targets(glossary)
    )


def heading_ids(markdown: str) -> tuple[str, ...]:
    """The ids MkDocs' toc extension gives the page's headings, plus explicit HTML ids."""
    ids: list[str] = []
    taken: set[str] = set()  # toc.unique adds the ids it gives
    fenced = False
    for line in _body_lines(markdown):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            match = _HEADING.match(line)
            if match:
                ids.append(toc.unique(toc.slugify(_heading_text(match.group(2)), "-"), taken))
            for explicit in _HTML_ID.findall(line):
                ids.append(explicit)
                taken.add(explicit)
    return tuple(ids)


def _body_lines(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    if lines and lines[0] == "---" and "---" in lines[1:]:
        return lines[lines.index("---", 1) + 1 :]  # front matter is not part of the page
    return lines


def _heading_text(source: str) -> str:
    text = _INLINE_LINK.sub(r"\1", source)
    text = _TAG.sub("", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text.replace("`", "").replace("*", ""))


@dataclass(frozen=True)
class FoundLink:
    url: str
    where: str  # the file as shown, with ':paragraph N' or ':slide N' for Office files
    line: int = 0
    column: int = 0


def urls_in(text: str) -> Iterator[tuple[int, str]]:
    """(offset, url) for every web address in the text."""
    for match in _URL.finditer(text):
        yield match.start(), match.group(0).rstrip(_TRAILING)


def text_links(text: str, shown: str) -> list[FoundLink]:
    return [
        FoundLink(url, shown, number, offset + 1)
        for number, line in enumerate(text.splitlines(), start=1)
        for offset, url in urls_in(line)
    ]


_DOCX_SIDE_PARTS = ("header", "footer", "footnotes", "endnotes")  # relationship types, as the parts are named


def docx_links(archive: zipfile.ZipFile, shown: str) -> list[FoundLink]:
    """Links in the body by paragraph, then in the headers, footers, footnotes and endnotes."""
    found = _word_part_links(archive, "word/document.xml", f"{shown}:paragraph")
    relationships = _relationships(archive, "word/_rels/document.xml.rels").values()
    side = [(target, kind.rsplit("/", 1)[-1]) for target, kind in relationships]
    for kind in _DOCX_SIDE_PARTS:
        parts = sorted(_part_name("word", target) for target, found_kind in side if found_kind == kind)
        for number, part in enumerate(parts, start=1):
            label = f"{kind} {number}" if kind in ("header", "footer") else kind
            found += _word_part_links(archive, part, f"{shown}:{label}, paragraph")
    return found


def _word_part_links(archive: zipfile.ZipFile, part: str, where: str) -> list[FoundLink]:
    folder, name = posixpath.split(part)
    targets = _hyperlinks(archive, f"{folder}/_rels/{name}.rels")
    root = ElementTree.fromstring(archive.read(part))
    found = []
    for number, (text, link_ids) in enumerate(
        _paragraphs(root, _W + "p", {_W + "t", _W + "instrText"}, {_W + "hyperlink", _A + "hlinkClick"}), start=1
    ):
        found += [FoundLink(targets[i], f"{where} {number}") for i in link_ids if i in targets]
        found += [FoundLink(url, f"{where} {number}") for _, url in urls_in(text)]
    return found


def pptx_links(archive: zipfile.ZipFile, shown: str) -> list[FoundLink]:
    """Links on each slide and in its speaker notes (trainers put reading links there)."""
    found = []
    for number, slide in enumerate(_slides_in_order(archive), start=1):
        found += _slide_part_links(archive, slide, f"{shown}:slide {number}")
        folder, name = posixpath.split(slide)
        for target, kind in _relationships(archive, f"{folder}/_rels/{name}.rels").values():
            if kind.endswith("/notesSlide"):
                found += _slide_part_links(archive, _part_name(folder, target), f"{shown}:slide {number} notes")
    return found


def _slide_part_links(archive: zipfile.ZipFile, part: str, where: str) -> list[FoundLink]:
    folder, name = posixpath.split(part)
    found = [FoundLink(url, where) for url in _hyperlinks(archive, f"{folder}/_rels/{name}.rels").values()]
    root = ElementTree.fromstring(archive.read(part))
    return found + [
        FoundLink(url, where) for text, _ in _paragraphs(root, _A + "p", {_A + "t"}, set()) for _, url in urls_in(text)
    ]


def _slides_in_order(archive: zipfile.ZipFile) -> list[str]:
    """Slide parts in the order the deck shows them (file names need not follow it)."""
    targets = _relationships(archive, "ppt/_rels/presentation.xml.rels")
    root = ElementTree.fromstring(archive.read("ppt/presentation.xml"))
    return [
        _part_name("ppt", targets[slide.get(_R + "id", "")][0])
        for slide in root.iter(_P + "sldId")
        if slide.get(_R + "id", "") in targets
    ]


def _part_name(folder: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _relationships(archive: zipfile.ZipFile, rels: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target, type) from a .rels part (none when the part is absent)."""
    if rels not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read(rels))
    return {rel.get("Id", ""): (rel.get("Target", ""), rel.get("Type", "")) for rel in root.iter(_RELS + "Relationship")}


def _hyperlinks(archive: zipfile.ZipFile, rels: str) -> dict[str, str]:
    return {rel_id: target for rel_id, (target, kind) in _relationships(archive, rels).items() if kind.endswith("/hyperlink")}


def _paragraphs(root: ElementTree.Element, paragraph: str, texts: set[str], links: set[str]) -> list[tuple[str, list[str]]]:
    """(text, hyperlink relationship ids) of every paragraph, in document order. Text is joined
    across runs, because Office splits a typed URL into several runs."""
    found: list[tuple[list[str], list[str]]] = []

    def walk(element: ElementTree.Element, current: tuple[list[str], list[str]] | None) -> None:
        if element.tag == paragraph:
            current = ([], [])
            found.append(current)
        if current is not None:
            if element.tag in texts:
                current[0].append(element.text or "")
            if element.tag in links and element.get(_R + "id"):
                current[1].append(element.get(_R + "id", ""))
        for child in element:
            walk(child, current)

    walk(root, None)
    return [("".join(text), link_ids) for text, link_ids in found]


def links_in_file(path: Path, shown: str) -> list[FoundLink]:
    """Every web address in the file. Raises OSError, zipfile.BadZipFile, KeyError or
    ElementTree.ParseError when the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return text_links(path.read_text(encoding="utf-8", errors="replace"), shown)
    with zipfile.ZipFile(path) as archive:
        return docx_links(archive, shown) if suffix == ".docx" else pptx_links(archive, shown)


def files_to_check(targets: list[Path]) -> list[Path]:
    """The files named, and the readable files under the folders named, recursively."""
    files = []
    for target in targets:
        if target.is_dir():
            files += sorted(p for p in target.rglob("*") if p.is_file() and _wanted(p.relative_to(target)))
        elif not target.is_file():
            raise UnsupportedTarget(f"{target}: no such file or folder")
        elif target.suffix.lower() not in SUFFIXES:
            raise UnsupportedTarget(
                f"{target}: cannot read {target.suffix or 'files without a suffix'}; "
                f"check-links reads {', '.join(sorted(SUFFIXES))}"
            )
        else:
            files.append(target)
    return files


def _wanted(relative: Path) -> bool:
    # hidden folders (.git) hold no training material; '~$deck.pptx' is an Office lock file, not a deck
    hidden = any(part.startswith(".") for part in relative.parts)
    return relative.suffix.lower() in SUFFIXES and not hidden and not relative.name.startswith("~$")


@dataclass(frozen=True)
class LinkCheck:
    problems: list[Problem]
    files_checked: int


def check_links(targets: list[Path], site: SiteMap, root: Path) -> LinkCheck:
    """Check every link into the site found under `targets`; paths are shown relative to `root`."""
    problems = []
    files = files_to_check(targets)
    for path in files:
        shown = display_path(path, root)
        try:
            found = links_in_file(path, shown)
        except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "unreadable-file",
                    f"the file could not be read ({error})",
                    "check that the file is not damaged, or open it and save it again",
                )
            )
            continue
        for link in found:
            relative = site.relative(link.url)
            broken = site.broken(link.url, relative) if relative is not None else None
            if broken:
                problems.append(Problem(link.where, link.line, link.column, "broken-link", *broken))
    return LinkCheck(problems, len(files))
