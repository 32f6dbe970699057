"""Term cards (cards/<slug>/): one small page per term to embed in a learning platform, and the
Embed button that hands out its iframe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from conftest import REPO, run_glossary, search_documents, serve_folder, valid_glossary, write_entry
from sourcing_glossary.model import Glossary
from sourcing_glossary.render.cards import card_page
from sourcing_glossary.render.comparisons import plain_text
from sourcing_glossary.render.pages import parts_in_markdown
from sourcing_glossary.urls import Publication

PUBLICATION = Publication("Sourcing Glossary", "https://sourcing-glossary.example.org/")

ALPHA = """\
term: Alpha
category: sourcing-models
summary: A test term called Alpha.
definition: |
  Alpha is the first of the test terms, next to [[beta]]. It was measured once
  [@test-source]; the figure is old.

  A second paragraph that the card leaves out.
sources:
  - ref: test-source
"""
DEPRECATED = """\
term: Old alpha
category: sourcing-models
summary: What Alpha used to be called.
definition: An older name for Alpha.
status: deprecated
replaced_by: alpha
"""


@pytest.fixture
def alpha_project(project: Path) -> Path:
    write_entry(project, "alpha", ALPHA)
    write_entry(project, "beta")
    return project


def _words(markdown: str, glossary: Glossary, count: int = 6) -> str:
    return " ".join(plain_text(markdown, glossary).split()[:count])


def test_card_shows_the_term_summary_first_paragraph_and_a_link_to_the_entry(built_site: Path) -> None:
    glossary = valid_glossary(REPO)
    entry = glossary.entries["offshoring"]
    card = html.parse(str(built_site / "cards" / "offshoring" / "index.html")).getroot()
    text = " ".join(card.find("body").text_content().split())

    assert [h.text_content() for h in card.iter("h1")] == ["Offshoring"]
    assert entry.summary in text
    paragraphs = re.split(r"\n\s*\n", entry.definition.strip())
    assert _words(paragraphs[0], glossary) in text and _words(paragraphs[1], glossary) not in text
    assert card.xpath("//a[@href='../../terms/offshoring/']/text()") == ["Full entry: Offshoring"]


def test_card_carries_no_site_header_navigation_or_scripts(built_site: Path) -> None:
    card = (built_site / "cards" / "offshoring" / "index.html").read_text(encoding="utf-8")

    for chrome in ("md-header", "md-nav", "md-search", "md-footer", "<script", "assets/stylesheets/"):
        assert chrome not in card, chrome


def test_cards_stay_out_of_search_and_navigation(built_site: Path) -> None:
    assert not [doc["location"] for doc in search_documents(built_site) if doc["location"].startswith("cards/")]
    assert "cards/" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_every_term_has_a_card_and_the_sitemap_lists_its_term_page_not_the_card(built_site: Path) -> None:
    """The plugin writes the cards itself (not as MkDocs pages): each is there, its term links
    lead to term pages, and the sitemap lists only canonical addresses (a card's is its term's)."""
    glossary = valid_glossary(REPO)
    assert [slug for slug in glossary.entries if not (built_site / "cards" / slug / "index.html").is_file()] == []
    card = (built_site / "cards" / "offshoring" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<a href="\.\./\.\./terms/([a-z0-9-]+)/">', card)
    assert linked and all(slug in glossary.entries for slug in linked)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/terms/offshoring/</loc>" in sitemap and "/cards/" not in sitemap


def test_card_text_leaves_no_space_where_a_citation_was(alpha_project: Path) -> None:
    glossary = valid_glossary(alpha_project)

    card = parts_in_markdown(card_page(glossary.entries["alpha"], glossary, PUBLICATION))

    assert "It was measured once; the figure is old." in " ".join(card.split())
    assert "[@" not in card and "second paragraph" not in card


def test_a_deprecated_terms_card_points_to_its_replacements_card(alpha_project: Path) -> None:
    write_entry(alpha_project, "old-alpha", DEPRECATED)
    glossary = valid_glossary(alpha_project)

    card = parts_in_markdown(card_page(glossary.entries["old-alpha"], glossary, PUBLICATION))

    assert 'Use <a href="../alpha/" target="_self">Alpha</a> instead.' in card
    assert "no longer uses this term" not in parts_in_markdown(card_page(glossary.entries["alpha"], glossary, PUBLICATION))


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_card_follows_the_readers_colour_scheme(browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "/cards/offshoring/")

    background = _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    text = _luminance(page.evaluate("getComputedStyle(document.querySelector('h1')).color"))
    context.close()
    assert (background > text) == (scheme == "light")


@pytest.mark.browser
def test_embedded_card_shows_on_another_site_and_opens_the_full_entry(browser, alpha_project: Path, tmp_path: Path) -> None:
    """The site is built for the address it is served at, as a team publishes it; the snippet the
    Embed button copies goes into a page of another origin, as in a learning platform."""
    glossary_url, glossary_server = serve_folder(alpha_project / "site")  # its port is the address
    run_glossary("build", cwd=alpha_project, check=True, env={"GLOSSARY_SITE_URL": glossary_url + "/"})
    platform = tmp_path / "platform"
    platform.mkdir()
    platform_url, platform_server = serve_folder(platform)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=glossary_url)
    try:
        page = context.new_page()
        page.goto(glossary_url + "/terms/alpha/")
        page.get_by_role("button", name="Copy the embed code of this term's card").click()
        page.wait_for_function("document.querySelector('.gl-copy-status').textContent.includes('Embed code copied')")
        snippet = page.evaluate("navigator.clipboard.readText()")
        assert snippet == (
            f'<iframe src="{glossary_url}/cards/alpha/" title="Alpha - Sourcing Glossary" '
            'width="480" height="400" loading="lazy"></iframe>'
        )
        (platform / "course.html").write_text(f"<!doctype html><title>Course</title><h1>Week 1</h1>{snippet}", encoding="utf-8")

        page.goto(platform_url + "/course.html")
        card = page.frame_locator("iframe")
        assert card.locator("h1").inner_text() == "Alpha"
        with context.expect_page() as opened:
            card.get_by_role("link", name="Full entry: Alpha").click()
        entry = opened.value
        entry.wait_for_load_state()
        assert entry.url == glossary_url + "/terms/alpha/"
        assert entry.locator("h1").first.inner_text().startswith("Alpha")
    finally:
        context.close()
        glossary_server.shutdown()
        platform_server.shutdown()
