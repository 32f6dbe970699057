"""Nothing an editor writes runs as script: injection attempts that validate (as entities,
inline code or fenced code) reach readers as visible text, in every place text is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_glossary, serve_folder

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "injection"
TERM_AS_TYPED = "Evil &lt;img src=x onerror=window.__pwned=1&gt; term"

# Elements that carry script: executable <script> elements, or any on* attribute.
RUNNABLE = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script')) {
    if (s.type !== 'application/ld+json' && s.textContent.includes('__pwned')) found.push(s.outerHTML.slice(0, 120));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if ((a.name.startsWith('on') || a.value.trim().toLowerCase().startsWith('javascript:'))
          && a.value.includes('__pwned')) found.push(el.outerHTML.slice(0, 120));
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    root = copy_project(tmp_path_factory.mktemp("hostile"), terms=[])
    for path in FIXTURES.glob("*.yml"):
        shutil.copy(path, root / "glossary" / ("" if path.name == "sources.yml" else "terms") / path.name)
    validation = run_glossary("validate", cwd=root)
    assert validation.returncode == 0, validation.stdout  # the attempts are valid entries
    run_glossary("build", cwd=root, check=True)
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


def _assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(RUNNABLE) == []
    assert page.dialogs == []


@pytest.fixture
def hostile_page(browser, hostile_site: str):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def test_term_page_shows_every_attempt_as_text(hostile_page, hostile_site: str) -> None:
    hostile_page.goto(hostile_site + "/terms/evil-term/")
    text = hostile_page.locator("article").inner_text()
    # Plain-text fields (term, aliases, summary, source titles) show exactly what was typed;
    # Markdown fields show code as code and entities as the characters they stand for.
    for shown in (
        TERM_AS_TYPED,
        "`<svg onload=window.__pwned=1>`",
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="window.__pwned=1">',
        "<iframe src=javascript:window.__pwned=1>",
        "<body onload=window.__pwned=1>",
        "<a href=javascript:window.__pwned=1>x</a>",
        "<img src=x onerror=window.__pwned=1>",
    ):
        assert shown in text, shown
    _assert_nothing_ran(hostile_page)


def test_index_search_and_tooltip_show_the_attempts_as_text(hostile_page, hostile_site: str) -> None:
    hostile_page.goto(hostile_site + "/terms/")
    assert TERM_AS_TYPED in hostile_page.locator("article").inner_text()
    _assert_nothing_ran(hostile_page)

    hostile_page.goto(hostile_site + "/terms/plain-term/")
    hostile_page.locator("article a.gl-termlink[href$='/evil-term/']").first.hover()
    tooltip = hostile_page.locator("#gl-tooltip")
    tooltip.wait_for(state="visible")
    assert "<script>window.__pwned=1</script>" in tooltip.inner_text()
    _assert_nothing_ran(hostile_page)

    hostile_page.locator(".md-search__input").click()
    hostile_page.locator(".md-search__input").press_sequentially("evil", delay=20)
    hostile_page.wait_for_selector("[data-gl-quickfind] a")
    assert "<script>window.__pwned=1</script>" in hostile_page.locator("[data-gl-quickfind]").first.inner_text()
    _assert_nothing_ran(hostile_page)


def test_names_in_title_header_meta_and_search_results_stay_text(hostile_page, hostile_site: str) -> None:
    hostile_page.goto(hostile_site + "/terms/evil-title/")
    assert hostile_page.title().startswith("`</title><img src=x onerror=window.__pwned=1>`")
    description = hostile_page.locator("meta[name=description]").get_attribute("content")
    assert description.startswith('`"><img src=x onerror=window.__pwned=1>`')
    _assert_nothing_ran(hostile_page)
    hostile_page.locator(".md-search__input").click()
    hostile_page.locator(".md-search__input").press_sequentially("onerror", delay=20)
    hostile_page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item:not([data-gl-quickfind])').length > 0", timeout=30000
    )
    hostile_page.wait_for_timeout(500)
    _assert_nothing_ran(hostile_page)


def test_alias_redirect_and_handout_run_nothing(hostile_page, hostile_site: str) -> None:
    hostile_page.goto(hostile_site + "/terms/svg-onload-window-pwned-1/")
    hostile_page.wait_for_url("**/terms/evil-term/")
    _assert_nothing_ran(hostile_page)
    hostile_page.goto(hostile_site + "/print/")
    assert "<script>window.__pwned=1</script>" in hostile_page.locator("body").inner_text()
    _assert_nothing_ran(hostile_page)


def test_source_records_are_shown_as_text_wherever_they_are_listed(hostile_page, hostile_site: str) -> None:
    """A registry record's fields reach the term page's source list, its citations' accessible
    names, the Sources page and the handout as text, and its address stays one attribute."""
    for path in ("/terms/evil-term/", "/sources/", "/print/"):
        hostile_page.goto(hostile_site + path)
        text = hostile_page.locator("article.md-content__inner").inner_text()
        for shown in (
            "<script>window.__pwned=1</script> &lt;img src=x onerror=window.__pwned=1&gt;",
            "<img src=x onerror=window.__pwned=1>",
            '"><svg onload=window.__pwned=1>',
        ):
            assert shown in text, (path, shown)
        hrefs = hostile_page.eval_on_selector_all("a.gl-source-url", "links => links.map(a => a.getAttribute('href'))")
        assert hrefs and set(hrefs) == {'https://example.org/a?b="><script>window.__pwned=1</script>'}
        _assert_nothing_ran(hostile_page)
    hostile_page.goto(hostile_site + "/terms/evil-term/")
    label = hostile_page.locator(".gl-cite a").first.get_attribute("aria-label")
    assert label == "Source 1: <script>window.__pwned=1</script> &lt;img src=x onerror=window.__pwned=1&gt;"


def test_card_and_neighbourhood_map_show_names_as_text(hostile_page, hostile_site: str) -> None:
    hostile_page.goto(hostile_site + "/cards/evil-term/")
    assert hostile_page.locator("h1").inner_text() == TERM_AS_TYPED
    _assert_nothing_ran(hostile_page)
    hostile_page.goto(hostile_site + "/terms/plain-term/")
    links = hostile_page.locator(".gl-map svg a")
    assert TERM_AS_TYPED[:18] + "…" in links.locator("text").all_text_contents()  # shortened to fit the map
    assert TERM_AS_TYPED in links.locator("title").all_text_contents()  # its full name
    assert TERM_AS_TYPED in hostile_page.locator(".gl-map__list").text_content()
    _assert_nothing_ran(hostile_page)
