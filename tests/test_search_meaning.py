"""Finding by meaning: questions, paraphrases, "A vs B" and everyday words reach the right term
or comparison page, and no query leaves the search box's list empty (headless Chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from test_search import search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "meaning_queries.yml").read_text(encoding="utf-8"))
ITEMS = ".md-search-result__item:not([hidden]) > a.md-search-result__link"


def test_meaning_query_set_finds_the_page_in_the_first_three(rank) -> None:
    answers = rank([case["query"] for case in QUERIES], 3)
    misses = [
        f"{case['kind']}: {case['query']!r} -> {found} (expected {case['expect']})"
        for case, found in zip(QUERIES, answers)
        if case["expect"] not in found
    ]
    share = 1 - len(misses) / len(QUERIES)
    print(f"\nmeaning query set: {len(QUERIES)} queries, top-3 {share:.0%}\n" + "\n".join(misses))
    assert share >= 0.95, "\n".join(misses)


def test_meaning_query_set_covers_questions_versus_paraphrases_countries_and_everyday_words() -> None:
    assert {case["kind"] for case in QUERIES} == {"question", "versus", "paraphrase", "country", "everyday"}
    assert len(QUERIES) >= 60


@pytest.fixture
def search_box(page, site_url: str):
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    return page


def _links(page) -> list[str]:
    return page.eval_on_selector_all(ITEMS, "links => links.map(a => new URL(a.href).pathname)")


def test_a_versus_question_typed_in_the_box_opens_with_the_comparison_page(search_box) -> None:
    search(search_box, "difference between onshoring and offshoring")
    assert _links(search_box)[0].endswith("/compare/onshoring-nearshoring-offshoring/")
    assert "Comparison page" in search_box.locator("[data-gl-quickfind]").first.inner_text()
    search_box.locator(".md-search__input").press("Enter")
    search_box.wait_for_url(re.compile(r"/compare/onshoring-nearshoring-offshoring/$"))


def test_a_question_typed_in_the_box_puts_the_term_first(search_box) -> None:
    assert search(search_box, "what does IVR mean?")[0] == "interactive-voice-response"


@pytest.mark.parametrize("nonsense", ["xqzvbnm", "flurb zzqx", "!!"])
def test_no_query_leaves_an_empty_list(search_box, nonsense: str) -> None:
    search(search_box, nonsense)
    links = _links(search_box)
    # At least the A-Z index to go on with (Material's full-text results, if any, come below it).
    assert any(link.endswith("/terms/") for link in links), links


def test_a_query_that_matches_nothing_offers_the_closest_terms(search_box) -> None:
    slugs = search(search_box, "outsrcng")  # too far from any name to count as a typo
    assert "outsourcing" in slugs[:4]
    assert search_box.locator(".md-search-result__meta").inner_text().startswith("No exact match")


def test_search_phrases_find_a_term_but_are_never_shown_as_its_names(search_box, built_site: Path) -> None:
    assert search(search_box, "work from home agents")[0] == "homeshoring"
    item = search_box.locator("[data-gl-quickfind]").first.inner_text()
    assert "work from home agents" not in item.lower()  # no "also called" for a phrase
    page = (built_site / "terms" / "homeshoring" / "index.html").read_text(encoding="utf-8")
    assert "work from home agents" not in page.lower()
