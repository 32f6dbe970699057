"""The neighbourhood map on term pages: which neighbours it shows, and, in a browser, that a
keyboard reaches every one of its links and that its text alternative lists the same links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import valid_glossary, write_entry
from sourcing_glossary.model import Glossary
from sourcing_glossary.render import neighbourhood_map

ENTRY = """\
term: {term}
category: {category}
summary: A test term called {term}.
definition: The definition of {term}.
related: [{related}]
contrast: {{{contrast}}}
"""


def _entry(
    project: Path, slug: str, *, category: str = "sourcing-models", related: tuple[str, ...] = (), contrast: tuple[str, ...] = ()
) -> None:
    write_entry(
        project,
        slug,
        ENTRY.format(
            term=slug.replace("-", " ").capitalize(),
            category=category,
            related=", ".join(related),
            contrast=", ".join(f"{s}: Not the same." for s in contrast),
        ),
    )


@pytest.fixture
def crowded(project: Path) -> Glossary:
    """'hub' has one contrast term and eleven related terms: r1-r11 in that order. r9 and r10
    list hub back; r11 shares its category; the others are in another category."""
    others = [f"r{number}" for number in range(1, 12)]
    _entry(project, "hub", related=tuple(others), contrast=("rival",))
    _entry(project, "rival", related=("hub",))
    for slug in others:
        _entry(
            project,
            slug,
            category="sourcing-models" if slug in ("r10", "r11") else "economics",
            related=("hub",) if slug in ("r9", "r10") else (),
        )
    return valid_glossary(project)


def test_map_shows_every_contrast_term_and_the_closest_eight_related_terms(crowded: Glossary) -> None:
    hood = neighbourhood_map.neighbourhood(crowded.entries["hub"], crowded)

    assert [e.slug for e in hood.contrast] == ["rival"]
    # links back and same category, links back, same category, then the entry's own order
    assert [e.slug for e in hood.related] == ["r10", "r9", "r11", "r1", "r2", "r3", "r4", "r5"]
    assert hood.more == 3


def test_map_links_the_terms_it_leaves_out_to_the_related_terms_section(crowded: Glossary) -> None:
    figure = neighbourhood_map.picture(crowded.entries["hub"], crowded)

    svg, listing = figure.split("<figcaption>")
    for part in (svg, listing):
        assert re.search(r'<a href="#related-terms">(?:<text[^>]*>)?\+3 more related terms<', part), part
        assert 'href="../r6/"' not in part
    assert "8 of its 11 related terms" in figure


def test_a_term_without_neighbours_has_no_map(project: Path) -> None:
    _entry(project, "alone")
    glossary = valid_glossary(project)

    assert neighbourhood_map.picture(glossary.entries["alone"], glossary) is None


def _svg_links(page) -> list[str]:
    return page.locator(".gl-map svg a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.browser
def test_every_map_link_is_reached_by_keyboard_and_opens_its_term(page, site_url: str) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    expected = _svg_links(page)
    page.locator(".gl-map summary").focus()
    reached = []
    for _ in expected:  # backwards from the list's toggle, through the map
        page.keyboard.press("Shift+Tab")
        reached.append(
            page.evaluate("document.activeElement.closest('svg') ? document.activeElement.getAttribute('href') : null")
        )
    assert reached == expected[::-1]
    assert expected[-1] == "#related-terms"  # outsourcing has more related terms than the map shows
    page.keyboard.press("Enter")  # on the map's first term
    page.wait_for_url(re.compile(re.escape(site_url + "/terms/" + expected[0].strip("./")) + "/$"))
    assert page.console_errors == []


@pytest.mark.browser
def test_map_has_a_caption_a_name_and_lists_the_same_links_as_text(page, site_url: str) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    figure = page.locator("figure.gl-map")

    assert figure.locator("figcaption").inner_text().startswith("Outsourcing and its neighbours:")
    assert figure.locator("svg").get_attribute("aria-label") == "Map of the terms around Outsourcing"
    figure.locator("summary").click()
    listed = figure.locator(".gl-map__list a")
    assert listed.evaluate_all("links => links.map(a => a.getAttribute('href'))") == _svg_links(page)
    assert listed.first.is_visible()
