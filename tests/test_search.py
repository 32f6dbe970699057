"""Search as readers use it: the finder's ranking of a query set, and the real search box of the
built site (headless Chromium)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import run_glossary, serve_folder, small_project

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))
RESULT_LINKS = ".md-search-result__item:not([hidden]) > a.md-search-result__link"
MATERIAL_RESULTS = "document.querySelectorAll('.md-search-result__item:not([data-gl-quickfind])').length > 0"


def search(page, text: str) -> list[str]:
    """Type `text` into the search box and return the slugs of the results, in order."""
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially(text, delay=5)
    page.wait_for_function(
        "([list, text]) => list.getAttribute('data-gl-query') === text",
        arg=[page.locator(".md-search-result__list").element_handle(), text],
        timeout=15000,
    )
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    slugs = [m.group(1) for h in hrefs if (m := re.search(r"/terms/([a-z0-9-]+)/", h))]
    return list(dict.fromkeys(slugs))


@pytest.fixture
def search_page(page, site_url: str):
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    return page


def test_query_set_puts_the_expected_term_first(rank) -> None:
    answers = rank([case["query"] for case in QUERIES], 5)  # as many as the search box shows
    misses, top1, top3 = [], 0, 0
    for case, slugs in zip(QUERIES, answers):
        top1 += bool(slugs[:1] == [case["expect"]])
        top3 += case["expect"] in slugs[:3]
        if slugs[:1] != [case["expect"]]:
            misses.append(f"{case['kind']}: {case['query']!r} -> {slugs[:3]} (expected {case['expect']})")
    share1, share3 = top1 / len(QUERIES), top3 / len(QUERIES)
    print(f"\nsearch query set: {len(QUERIES)} queries, top-1 {share1:.0%}, top-3 {share3:.0%}")
    print("\n".join(misses))
    assert share1 >= 0.9, "top-1 below 90 %:\n" + "\n".join(misses)


def test_query_set_covers_every_kind_of_query() -> None:
    kinds = {case["kind"] for case in QUERIES}
    assert kinds == {"acronym", "british", "hyphen", "word-form", "prefix", "phrase", "typo"}
    assert len(QUERIES) >= 30


def test_enter_opens_the_first_term(search_page, site_url: str) -> None:
    search(search_page, "BPO")
    search_page.locator(".md-search__input").press("Enter")
    search_page.wait_for_url(re.compile(r"/terms/business-process-outsourcing/$"))


def test_arrow_keys_reach_the_term_results(search_page) -> None:
    search(search_page, "ivr")
    search_page.wait_for_function(MATERIAL_RESULTS, timeout=30000)  # its keyboard handling starts with its index
    search_page.locator(".md-search__input").press("ArrowDown")
    focused = search_page.evaluate("document.activeElement.href")
    assert focused.endswith("/terms/interactive-voice-response/")


def test_a_term_reached_with_the_arrow_keys_keeps_the_focus_when_full_text_results_arrive(page, site_url: str) -> None:
    """Material empties and refills the result list when its full-text results come; a reader
    who has already moved to a term result must not be thrown out of the list."""
    held: list = []  # the documents' request, answered once the reader has moved to a term
    page.route("**/search/search_docs.json", lambda route: held.append(route))
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    search(page, "ivr")
    page.locator(".md-search__input").press("ArrowDown")
    assert page.evaluate("document.activeElement.href").endswith("/terms/interactive-voice-response/")
    assert page.evaluate(f"!({MATERIAL_RESULTS})"), "full-text results came before the documents"
    while not held:  # the search worker asks for them once the finder is ready
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_function(MATERIAL_RESULTS, timeout=30000)
    assert page.evaluate("document.activeElement.href").endswith("/terms/interactive-voice-response/")


def test_term_results_stay_first_when_full_text_results_arrive(search_page) -> None:
    search_page.locator(".md-search__input").press_sequentially("outsourcing", delay=20)
    search_page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item:not([data-gl-quickfind])').length > 0", timeout=30000
    )
    first = search_page.locator(RESULT_LINKS).first.get_attribute("href")
    assert first.endswith("/terms/outsourcing/")
    items = search_page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    assert len(items) == len(set(items)), "a term page is listed once, not again by full-text search"


def test_full_text_search_still_finds_words_only_in_definitions(search_page) -> None:
    search_page.locator(".md-search__input").press_sequentially("janitors", delay=20)
    found = "[...document.querySelectorAll('.md-search-result__item:not([hidden]) a')].map(a => a.pathname)"
    try:
        search_page.wait_for_function(f"{found}.some(p => p.endsWith('/terms/outsourcing/'))", timeout=30000)
    except Exception:
        meta = search_page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"results: {search_page.evaluate(found)}; counter: {meta!r}") from None


def test_the_search_worker_fetches_the_documents_not_the_page(search_page) -> None:
    """The page's main thread must stay free while a reader types: it fetches the index's
    settings only, and the glossary's search worker fetches and indexes the documents."""
    search_page.locator(".md-search__input").press_sequentially("janitors", delay=20)
    search_page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item:not([data-gl-quickfind])').length > 0", timeout=30000
    )
    resources = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
    fetched_by_page = search_page.evaluate(resources)
    assert any(path.endswith("/search/search_index.json") for path in fetched_by_page)
    assert not any(path.endswith("/search/search_docs.json") for path in fetched_by_page)
    workers = [w for w in search_page.workers if "/assets/javascripts/workers/glossary-search.js" in w.url]
    assert len(workers) == 1, [w.url for w in search_page.workers]
    assert any(path.endswith("/search/search_docs.json") for path in workers[0].evaluate(resources))
    assert search_page.console_errors == []


def test_the_term_finder_reads_the_terms_in_its_worker_not_the_page(search_page) -> None:
    """The list of terms is megabytes for a large glossary: reading it and matching every key
    against it happens in the finder's worker, never on the page's main thread."""
    assert search(search_page, "nearshore")[:1] == ["nearshoring"]
    resources = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
    assert not any(path.endswith("/terms.json") for path in search_page.evaluate(resources))
    workers = [w for w in search_page.workers if "/assets/javascripts/workers/glossary-finder.js" in w.url]
    assert len(workers) == 1, [w.url for w in search_page.workers]
    assert any(path.endswith("/terms.json") for path in workers[0].evaluate(resources))
    assert search_page.console_errors == []


def test_the_full_text_index_is_fetched_once_the_term_finder_is_ready(page, site_url: str) -> None:
    """On two cores, indexing the full text while the finder reads the terms held the finder's
    first answers up: the search worker waits for the finder (1.5 s at the most; the terms are
    delayed less than that)."""

    def slow_terms(route) -> None:
        time.sleep(0.4)
        route.continue_()

    page.route("**/terms.json", slow_terms)
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    search(page, "ivr")
    page.wait_for_function(MATERIAL_RESULTS, timeout=30000)
    workers = {
        name: next(w for w in page.workers if f"/workers/{name}.js" in w.url) for name in ("glossary-finder", "glossary-search")
    }
    moment = (
        "([file, when]) => performance.timeOrigin + performance.getEntriesByType('resource')"
        ".find(e => new URL(e.name).pathname.endsWith(file))[when]"
    )
    terms_read = workers["glossary-finder"].evaluate(moment, ["/terms.json", "responseEnd"])
    documents_asked = workers["glossary-search"].evaluate(moment, ["/search/search_docs.json", "startTime"])
    assert documents_asked > terms_read


def test_without_the_term_finder_the_search_box_still_searches(page, site_url: str) -> None:
    """If the finder's worker cannot run (blocked, or a page opened from disk), the search box
    keeps Material's full-text search and the page raises no errors of its own."""
    page.route("**/workers/glossary-finder.js", lambda route: route.abort())
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    search(page, "offshoring")  # the box says the finder has answered: with nothing
    page.wait_for_function(MATERIAL_RESULTS, timeout=30000)
    assert page.locator("[data-gl-quickfind]").count() == 0
    links = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.pathname)")
    assert "/terms/offshoring/" in links
    assert [e for e in page.console_errors if "glossary-finder.js" not in e and "ERR_FAILED" not in e] == []


@pytest.fixture(scope="module")
def german_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small project built with theme.language: de, served on localhost."""
    root = small_project(tmp_path_factory.mktemp("german"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  language: en\n") == 1
    config.write_text(text.replace("\n  language: en\n", "\n  language: de\n"), encoding="utf-8")
    run_glossary("build", cwd=root, check=True)
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


def _count_line(page) -> str:
    return page.locator(".md-search-result__meta").inner_text().strip()


def _terms_counted(page) -> str:
    shown = page.locator("[data-gl-quickfind]").count()
    return "1 matching term" if shown == 1 else f"{shown} matching terms"


def test_while_full_text_search_starts_the_count_line_counts_the_terms_in_any_theme_language(page, german_site_url: str) -> None:
    page.route("**/search/search_docs.json", lambda route: None)  # held: the theme's search never gets ready
    page.goto(german_site_url + "/")
    page.locator(".md-search__input").click()
    assert _count_line(page) == "Suche wird initialisiert"
    search(page, "BPO")
    assert _count_line(page) == _terms_counted(page) == "1 matching term"
    search(page, "outsourcing")  # the count follows the terms shown, not the first count written
    assert _count_line(page) == _terms_counted(page) != "1 matching term"


def test_when_full_text_search_finds_nothing_the_count_line_counts_the_terms_in_any_theme_language(
    page, german_site_url: str
) -> None:
    page.goto(german_site_url + "/")
    page.locator(".md-search__input").click()
    search(page, "outsourcing")
    page.wait_for_function(MATERIAL_RESULTS, timeout=30000)
    assert re.fullmatch(r"\d+ Suchergebnisse?", _count_line(page)), "the theme's own count, when it has found pages"
    search(page, "outsorcing")  # the finder forgives the typo; full-text search finds nothing
    counted = _terms_counted(page)
    try:
        page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').textContent.trim() === text", arg=counted, timeout=30000
        )
    except Exception:
        raise AssertionError(f"count line {_count_line(page)!r}, expected {counted!r}") from None
