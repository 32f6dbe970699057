"""What a reader sees in the built site, in headless Chromium."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser


def test_term_page_shows_the_entry_with_stable_section_anchors(page, site_url: str) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    assert page.locator("h1").first.inner_text().startswith("Outsourcing")
    assert "outside provider" in page.locator(".gl-summary").inner_text()
    for anchor in (
        "definition",
        "examples",
        "pros",
        "cons",
        "not-to-be-confused-with",
        "usage-notes",
        "related-terms",
        "sources",
    ):
        assert page.locator(f"h2#{anchor}").count() == 1, anchor
    pros, cons = page.locator("h2#pros").bounding_box(), page.locator("h2#cons").bounding_box()
    assert abs(pros["y"] - cons["y"]) < 5 and cons["x"] > pros["x"], "pros and cons side by side on a desktop"
    assert page.console_errors == [] and page.external_requests == []


def test_following_a_related_link_opens_that_term(page, site_url: str) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    page.locator("#related-terms + ul a", has_text="Offshoring").first.click()
    page.wait_for_url(re.compile(r"/terms/offshoring/$"))
    assert page.locator("h1").first.inner_text().startswith("Offshoring")
    assert page.console_errors == []


# One page of each kind; the 404 page where a broken link lands readers, at a missing nested path.
CRAWL = [
    ("/", 200),
    ("/terms/", 200),
    ("/terms/outsourcing/", 200),
    ("/compare/outsourcing-vs-offshoring/", 200),
    ("/categories/sourcing-models/", 200),
    ("/print/sourcing-models/", 200),
    ("/editors/", 200),
    ("/terms/bpo/", 200),
    ("/terms/no-such-term/", 404),
]


@pytest.mark.parametrize("path, status", CRAWL)
def test_every_page_kind_loads_without_console_errors_or_failed_requests(page, site_url: str, path: str, status: int) -> None:
    response = page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == status
    assert page.console_errors == []
    assert page.failed_requests == []
    assert page.external_requests == []


def _summary(built_site, slug: str) -> str:
    terms = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))["terms"]
    return next(t["summary"] for t in terms if t["slug"] == slug)


def test_tooltip_shows_the_summary_on_hover_and_on_keyboard_focus(page, site_url: str, built_site) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    link = page.locator("#definition ~ p a.gl-termlink[href$='/onshoring/']").first
    link.hover()
    tooltip = page.locator("#gl-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == "Onshoring " + _summary(built_site, "onshoring")
    assert link.get_attribute("aria-describedby") == "gl-tooltip"
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    link.focus()
    tooltip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")


def test_tooltip_on_touch_first_tap_previews_second_tap_opens(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/terms/outsourcing/")
    link = page.locator("#definition ~ p a.gl-termlink[href$='/onshoring/']").first
    link.tap()
    page.locator("#gl-tooltip").wait_for(state="visible")
    assert page.url.endswith("/terms/outsourcing/")
    page.locator("#gl-tooltip a.gl-tooltip__open").tap()
    page.wait_for_url(re.compile(r"/terms/onshoring/$"))
    context.close()


def test_mentions_of_other_terms_are_linked_once(page, site_url: str) -> None:
    page.goto(site_url + "/terms/outsourcing/")
    mentions = page.locator("article a[href$='/knowledge-process-outsourcing/']")
    assert mentions.count() >= 1
    assert page.locator("h1 a[href*='/terms/'], h2 a[href*='/terms/']").count() == 0


def test_az_filter_narrows_the_list_by_alias_and_typo(page, site_url: str) -> None:
    page.goto(site_url + "/terms/")
    total = page.locator(".gl-az li").count()
    box = page.get_by_label("Filter terms")
    shown = "text => document.querySelector('.gl-az').getAttribute('data-gl-query') === text"
    box.fill("BPO")
    visible = page.locator(".gl-az li:visible")
    page.wait_for_function(shown, arg="BPO")
    assert "Business process outsourcing" in visible.first.inner_text()
    box.fill("ofshorring")
    page.wait_for_function(shown, arg="ofshorring")
    assert any("Offshoring" == t.strip() for t in page.locator(".gl-az li:visible a").all_inner_texts())
    assert "match" in page.locator(".gl-az-filter__status").inner_text()
    box.fill("")
    page.wait_for_function(f"document.querySelectorAll('.gl-az li:not([hidden])').length === {total}")


def test_copy_link_buttons_copy_the_canonical_section_url(browser, site_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(site_url + "/terms/offshoring/")
    button = page.get_by_role("button", name="Copy link to the section “Pros”")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.gl-copy-status').textContent.includes('Link copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://sourcing-glossary.example.org/terms/offshoring/#pros"
    context.close()
