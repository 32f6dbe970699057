"""What the full-text search index holds, and how it reaches the reader's browser: the page
fetches the index's settings only; the search worker fetches the documents itself."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_glossary, search_documents, small_site
from sourcing_glossary.mkdocs import material


def locations(site: Path) -> set[str]:
    return {doc["location"] for doc in search_documents(site)}


def test_the_page_fetches_the_index_settings_and_the_name_of_the_documents_file(built_site: Path) -> None:
    stub = json.loads((built_site / material.INDEX_FILE).read_text(encoding="utf-8"))
    assert stub["docs"] == []
    assert stub["config"]["glossary_docs"] == material.DOCS_FILE
    whole = json.loads((built_site / material.DOCS_FILE).read_text(encoding="utf-8"))
    assert {key: value for key, value in stub["config"].items() if key != "glossary_docs"} == whole["config"]
    assert (built_site / material.INDEX_FILE).stat().st_size < 1000


def test_a_term_is_indexed_by_its_own_sections(built_site: Path) -> None:
    found = locations(built_site)
    for anchor in ("", "#definition", "#examples", "#usage-notes"):
        assert f"terms/offshoring/{anchor}" in found


def test_sections_that_repeat_other_pages_are_left_out_of_the_index(built_site: Path) -> None:
    found = locations(built_site)
    for anchor in ("related-terms", "referenced-by", "sources"):
        assert not [location for location in found if location.endswith("#" + anchor)], anchor
    texts = " ".join(doc["text"] for doc in search_documents(built_site))
    assert "Permalink:" not in texts and "Last reviewed" not in texts


def test_the_neighbourhood_map_is_left_out_of_the_index(built_site: Path) -> None:
    texts = " ".join(doc["text"] for doc in search_documents(built_site))
    for shown in ("and its neighbours:", "more related terms", "The map as a list"):
        assert shown not in texts, shown


def test_lists_of_terms_are_left_out_but_their_pages_stay_findable(built_site: Path) -> None:
    docs = {doc["location"]: doc for doc in search_documents(built_site)}
    assert "terms/" in docs, "the A-Z index page itself"
    assert not [location for location in docs if location.startswith("terms/#")], "its letter sections"
    economics = docs["categories/economics/"]
    assert economics["title"] == "Economics" and economics["text"], "the category with its description"
    assert "Labor arbitrage" not in economics["text"], "not its list of terms"


def test_the_index_marks_do_not_reach_the_pages(built_site: Path) -> None:
    for page in ("terms/offshoring/index.html", "terms/index.html", "categories/economics/index.html"):
        assert "data-search-exclude" not in (built_site / page).read_text(encoding="utf-8"), page


def test_without_the_worker_wrapper_the_index_is_left_whole(tmp_path: Path) -> None:
    """A site whose theme does not run the glossary's worker (e.g. overrides removed) must keep
    the index where the theme's own worker expects it."""
    root = small_site(tmp_path)
    (root / "docs" / material.WORKER).unlink()
    run_glossary("build", cwd=root, check=True)
    index = json.loads((root / "site" / material.INDEX_FILE).read_text(encoding="utf-8"))
    assert {"", "terms/alpha/", "terms/offshoring/#definition"} <= {doc["location"] for doc in index["docs"]}
    assert "glossary_docs" not in index["config"]
    assert not (root / "site" / material.DOCS_FILE).exists()


def test_an_index_in_another_format_is_left_as_it_is(tmp_path: Path) -> None:
    assert not material.split_index(tmp_path)  # no index at all
    index = tmp_path / material.INDEX_FILE
    index.parent.mkdir()
    for text in ('{"docs":[],"config":{}}', '{"config":', '{"config":[1,2],"docs":[]}'):
        index.write_text(text, encoding="utf-8")
        assert not material.split_index(tmp_path)
        assert index.read_text(encoding="utf-8") == text and not (tmp_path / material.DOCS_FILE).exists()
