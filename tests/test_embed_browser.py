"""The embed script on a page of another site: one <script> tag links the first mention of each
glossary term to its page, with the glossary's card on hover, focus and tap; passages can opt out
or in; a glossary that cannot be reached leaves the page as it was."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown
import pytest
from axe_playwright_python.sync_playwright import Axe
from lxml import html

from conftest import serve_folder
from sourcing_glossary.urls import PLACEHOLDER_URL

pytestmark = pytest.mark.browser

EMBED = "assets/embed/glossary-links.js"
MENTIONS = Path(__file__).parent / "fixtures" / "linking" / "mentions.md"
HOST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A course page</title><script src="{script}" defer></script></head>
<body><main>{body}</main></body>
</html>
"""
# Three terms: Call center by its British alias, Offshoring inflected, Business process
# outsourcing as written; the second mention of offshoring stays text.
PARAGRAPH = "<p>Our call centre was offshored in a business process outsourcing deal; offshoring paid.</p>"
CARD = "#sourcing-glossary-card"


@pytest.fixture(scope="module")
def glossary_url(linking_glossary: Path) -> Iterator[str]:
    """The small glossary served from a sub-path, /site/."""
    address, server = serve_folder(linking_glossary)
    yield f"{address}/site/"
    server.shutdown()


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory, glossary_url: str) -> Iterator[Callable[[str], str]]:
    """Makes a page of another site (another port: another origin) with the embed script's tag
    and `body`; returns its address."""
    folder = tmp_path_factory.mktemp("host")
    address, server = serve_folder(folder)

    def page_with(body: str) -> str:
        name = hashlib.sha256(body.encode()).hexdigest()[:16] + ".html"
        (folder / name).write_text(HOST_PAGE.format(script=glossary_url + EMBED, body=body), encoding="utf-8")
        return f"{address}/{name}"

    yield page_with
    server.shutdown()


@pytest.fixture(scope="module")
def terms(linking_glossary: Path) -> dict[str, dict]:
    """The small glossary's published terms, by slug."""
    data = json.loads((linking_glossary / "site" / "terms.json").read_text(encoding="utf-8"))
    return {term["slug"]: term for term in data["terms"]}


def glossary_links(page) -> list[tuple[str, str]]:
    """(shown text, address) of every link the embed script made, once it has made them."""
    page.locator("a[data-glossary-link]").first.wait_for(state="attached")
    return page.eval_on_selector_all("a[data-glossary-link]", "links => links.map(a => [a.textContent, a.href])")


def card_text(term: dict) -> str:
    return f"{term['term']} {term['summary']}"


def test_mentions_of_terms_by_name_alias_and_inflection_link_to_the_terms_pages(page, host, glossary_url: str) -> None:
    page.goto(host(PARAGRAPH))
    assert glossary_links(page) == [
        ["call centre", glossary_url + "terms/call-center/"],
        ["offshored", glossary_url + "terms/offshoring/"],
        ["business process outsourcing", glossary_url + "terms/business-process-outsourcing/"],
    ]
    assert page.console_errors == [] and page.failed_requests == []


def test_a_deprecated_terms_name_links_to_its_replacement(page, host, glossary_url: str) -> None:
    page.goto(host("<p>Far-shoring, as it was called.</p>"))
    assert glossary_links(page) == [["Far-shoring", glossary_url + "terms/offshoring/"]]


def test_hovering_a_link_shows_the_terms_card(page, host, terms) -> None:
    page.goto(host(PARAGRAPH))
    glossary_links(page)
    link = page.locator("a[data-glossary-link]").first
    link.hover()
    page.locator(CARD).wait_for(state="visible")
    assert page.locator(CARD).inner_text() == card_text(terms["call-center"])
    assert link.get_attribute("aria-describedby") == CARD[1:]
    page.mouse.move(0, 0)
    page.locator(CARD).wait_for(state="hidden")


def test_keyboard_focus_on_a_link_shows_the_terms_card(page, host, terms) -> None:
    page.goto(host(PARAGRAPH))
    glossary_links(page)
    page.keyboard.press("Tab")
    page.locator(CARD).wait_for(state="visible")
    assert page.locator(CARD).inner_text() == card_text(terms["call-center"])
    page.keyboard.press("Escape")
    page.locator(CARD).wait_for(state="hidden")


def test_a_tap_shows_the_card_and_its_open_link_leads_to_the_term(browser, host, glossary_url: str, terms) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    address = host(PARAGRAPH)
    page.goto(address)
    glossary_links(page)
    page.locator("a[data-glossary-link]").first.tap()
    page.locator(CARD).wait_for(state="visible")
    assert page.url == address
    open_link = page.locator(f"{CARD} a")
    assert open_link.inner_text() == "Open “Call center” →"
    open_link.tap()
    page.wait_for_url(glossary_url + "terms/call-center/")
    context.close()


def test_headings_links_code_and_form_fields_are_left_alone(page, host, glossary_url: str) -> None:
    page.goto(
        host(
            "<h2>Offshoring</h2><p><a href='#x'>offshoring</a> <code>offshoring</code> "
            "<label>Offshoring <input value='offshoring'></label> <textarea>offshoring</textarea> "
            "<button>Offshoring</button></p><p id='last'>Offshoring at last.</p>"
        )
    )
    assert glossary_links(page) == [["Offshoring", glossary_url + "terms/offshoring/"]]
    assert page.locator("#last a[data-glossary-link]").count() == 1


def test_a_passage_marked_data_glossary_skip_is_left_alone(page, host, glossary_url: str) -> None:
    page.goto(
        host(
            "<p data-glossary-skip>Offshoring, said the <em>call centre</em> manager.</p>"
            "<p>Then offshoring reached the call centre.</p>"
        )
    )
    assert glossary_links(page) == [
        ["offshoring", glossary_url + "terms/offshoring/"],
        ["call centre", glossary_url + "terms/call-center/"],
    ]
    assert page.locator("[data-glossary-skip] a").count() == 0


def test_data_glossary_scope_limits_linking_to_its_elements(page, host) -> None:
    page.goto(
        host(
            "<p>Offshoring outside.</p><section data-glossary-scope><p>Offshoring inside, and a call "
            "centre.</p></section><p>A BPO outside.</p>"
        )
    )
    assert [text for text, _ in glossary_links(page)] == ["Offshoring", "call centre"]
    assert page.locator("[data-glossary-scope] a[data-glossary-link]").count() == 2


def test_an_unreachable_glossary_leaves_the_page_unchanged_with_a_console_warning(browser, host) -> None:
    context = browser.new_context()
    page = context.new_page()
    address = host(PARAGRAPH)
    page.route(f"**/{EMBED}", lambda route: route.abort())
    page.goto(address)
    untouched = page.evaluate("document.documentElement.outerHTML")
    page.unroute(f"**/{EMBED}")
    page.route("**/terms.js", lambda route: route.abort())
    with page.expect_console_message(lambda message: message.type == "warning") as warning:
        page.goto(address)
    assert "could not load" in warning.value.text
    assert page.evaluate("document.documentElement.outerHTML") == untouched
    context.close()


def test_a_host_page_with_links_and_a_card_has_no_serious_accessibility_violations(page, host) -> None:
    page.goto(host(PARAGRAPH))
    glossary_links(page)
    page.locator("a[data-glossary-link]").first.hover()
    page.locator(CARD).wait_for(state="visible")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["help"]) for v in violations if v["impact"] in ("serious", "critical")] == []


def test_the_embed_script_links_the_same_words_as_the_markdown_extension(page, host, linking_glossary: Path) -> None:
    text = MENTIONS.read_text(encoding="utf-8")
    extensions = ["attr_list", "md_in_html"]
    built = markdown.markdown(
        text,
        extensions=[*extensions, "glossary_links"],
        extension_configs={"glossary_links": {"terms": str(linking_glossary / "site" / "terms.json")}},
    )
    expected = [
        [a.text_content(), a.get("href")[len(PLACEHOLDER_URL + "terms/") : -1]]
        for a in html.fragment_fromstring(built, create_parent=True).iter("a")
        if a.get("href").startswith(PLACEHOLDER_URL)
    ]
    page.goto(host(markdown.markdown(text, extensions=extensions)))
    glossary_links(page)
    linked = page.eval_on_selector_all(
        "a[data-glossary-link]", "links => links.map(a => [a.textContent, a.dataset.glossaryLink])"
    )
    assert linked == expected and len(expected) >= 4


def test_a_term_the_page_links_to_already_is_not_linked_again(page, host, glossary_url: str) -> None:
    page.goto(host(f"<p>See <a href='{glossary_url}terms/offshoring/#cons'>the cons</a>. Offshoring, then a call centre.</p>"))
    assert glossary_links(page) == [["call centre", glossary_url + "terms/call-center/"]]
