"""The printable handouts (print/) and `glossary pdf`."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from conftest import REPO, copy_project, run_glossary_process, search_documents, write_entry
from sourcing_glossary.tools import printing

TERMS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "glossary" / "terms").glob("*.yml")}
PAPER_POINTS = {"a4": (595.92, 842.88), "letter": (612.0, 792.0)}
SHORT_ENTRY = """\
term: {term}
category: sourcing-models
summary: The summary of {term}.
definition: |
  The definition of {term}.
pros:
  - An advantage of {term}.
cons:
  - A drawback of {term}.
"""


def handout(built_site: Path, page: str = "print") -> str:
    return (built_site / page / "index.html").read_text(encoding="utf-8")


def heading(term: str) -> re.Pattern[str]:
    return re.compile(rf'<h2 id="[^"]*">{re.escape(html.escape(term, quote=False))}<')


def pdf_text(path: Path) -> tuple[list[str], tuple[float, float]]:
    """The text of each page, and the size of the first in points. (PDFium reads the whole
    glossary's 120-odd pages in about a second; pypdf took ten.)"""
    document = pdfium.PdfDocument(path)
    try:
        pages = [document[number].get_textpage().get_text_range() for number in range(len(document))]
        width, height = document[0].get_size()
    finally:
        document.close()
    return pages, (round(width, 2), round(height, 2))


def test_handout_has_every_term_with_summary_definition_pros_and_cons(built_site: Path) -> None:
    page = handout(built_site)
    assert page.count('class="gl-handout-term"') == len(TERMS)
    offshoring = TERMS["offshoring"]
    start = heading(offshoring["term"]).search(page).start()
    section = page[start : page.index("</article>", start)]
    assert offshoring["summary"] in section
    assert "Offshoring means having a business function carried out" in section
    assert "<strong>Pros</strong>" in section and "<strong>Cons</strong>" in section
    assert "https://sourcing-glossary.example.org/terms/offshoring/" in section


def test_each_category_has_a_handout_of_its_own_terms(built_site: Path) -> None:
    economics = sorted(t["term"] for t in TERMS.values() if t["category"] == "economics")
    page = handout(built_site, "print/economics")
    assert page.count('class="gl-handout-term"') == len(economics)
    assert all(heading(term).search(page) for term in economics)


def test_handouts_are_left_out_of_search_and_navigation(built_site: Path) -> None:
    assert not [doc["location"] for doc in search_documents(built_site) if doc["location"].startswith("print/")]
    assert "print/" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_print_stylesheet_is_loaded_by_the_handouts_only(built_site: Path) -> None:
    assert "assets/print.css" in handout(built_site)
    assert "assets/print.css" in handout(built_site, "print/economics")
    assert "assets/print.css" not in handout(built_site, "terms/offshoring")


@pytest.mark.browser
def test_handout_prints_without_the_site_chrome(page, site_url: str) -> None:
    page.goto(site_url + "/print/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".gl-handout-screen"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".gl-handout-term").first.is_visible()
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_prints_the_handout_on_the_chosen_paper(browser, project: Path, paper: str) -> None:
    for slug in ("alpha", "beta"):
        write_entry(project, slug, SHORT_ENTRY.format(term=slug.title()))
    # a process of its own: `glossary pdf` drives Playwright, which this session runs already
    run_glossary_process("pdf", "--paper", paper, "-o", "handout.pdf", cwd=project, check=True)
    pages, size = pdf_text(project / "handout.pdf")
    assert size == PAPER_POINTS[paper]
    assert len(pages) == 1  # two short terms: one page, no blank page after it
    text = pages[0]
    for expected in (
        "Alpha",
        "The summary of Beta.",
        "The definition of Alpha.",
        "Pros",
        "An advantage of Beta.",
        "Cons",
        "page 1 of 1",
    ):
        assert expected in text
    assert "For editors" not in text and "Search" not in text  # no navigation chrome


@pytest.mark.browser
def test_pdf_of_the_whole_glossary_has_every_term_and_no_blank_page(browser, tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    run_glossary_process("pdf", cwd=root, check=True)
    pages, size = pdf_text(root / "glossary.pdf")
    assert size == PAPER_POINTS["a4"]
    assert len(TERMS) / 4 <= len(pages) <= len(TERMS) * 1.5  # each term with its numbered sources
    assert all(f"page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))
    assert all(len(text.split()) > 100 for text in pages[:-1])  # full pages, nothing left blank
    everything = " ".join(" ".join(pages).split())
    assert all(term["term"] in everything for term in TERMS.values())


def test_pdf_says_what_to_do_when_chromium_is_missing(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(printing, "CHROMIUM_NAMES", ("no-such-chromium",))
    with pytest.raises(printing.PrintError, match="Chromium was not found.*print it to PDF"):
        printing.print_pdf(tmp_path / "index.html", tmp_path / "out.pdf")


@pytest.mark.parametrize("page", ["print", "print/economics"])
def test_term_links_in_a_handout_lead_to_the_term_pages(built_site: Path, page: str) -> None:
    """Term links lead to term pages, citations to the term's own source lines in the handout,
    and each source line to the Sources page."""
    text = handout(built_site, page)
    terms = text[text.index('<article class="gl-handout-term"') :]
    links = [href for href in re.findall(r'<a href="([^"]+)"', terms) if not href.startswith(("http:", "https:"))]
    ids = set(re.findall(r' id="([^"]+)"', text))
    assert any(href.startswith("#") for href in links), "the handout's citations link to its source lines"
    for href in links:
        path, _, anchor = href.partition("#")
        if not path:
            assert anchor in ids, href
            continue
        target = (built_site / page / path / "index.html").resolve()
        assert target.is_file(), href
        assert target.parent.parent.name == "terms" or target.parent == built_site / "sources", href


def test_each_term_in_a_handout_can_be_linked_by_its_slug(built_site: Path) -> None:
    page = handout(built_site)
    for slug, term in TERMS.items():
        assert f'<h2 id="{slug}">{html.escape(term["term"], quote=False)}</h2>' in page
