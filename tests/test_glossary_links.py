"""The `glossary_links` Markdown extension links term mentions in training material to the
glossary's pages, from the glossary's terms.json read from a file or a URL."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from lxml import html

from conftest import entry_value, serve_folder
from sourcing_glossary.exports.site_data import terms_json
from sourcing_glossary.model import Glossary
from sourcing_glossary.training.published_terms import TermsUnavailable

SITE = "https://glossary.example.org/"


GLOSSARY = Glossary(
    {
        e.slug: e
        for e in [
            entry_value("offshoring", "Offshoring", "offshore sourcing"),
            entry_value("call-center", "Call center", "call centre"),
            entry_value("business-process-outsourcing", "Business process outsourcing", "BPO"),
            entry_value("far-shoring", "Far-shoring", status="deprecated", replaced_by="offshoring"),
        ]
    },
    {},
    {},
)


@pytest.fixture(scope="module")
def terms_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "terms.json"
    path.write_text(terms_json(GLOSSARY, SITE), encoding="utf-8")
    return path


def convert(text: str, terms: str | Path, extension: str = "glossary_links") -> str:
    return markdown.markdown(
        text, extensions=[extension, "attr_list", "md_in_html"], extension_configs={extension: {"terms": str(terms)}}
    )


def links(page: str) -> list[tuple[str, str]]:
    """(shown text, address) of every link."""
    return [(a.text_content(), a.get("href")) for a in html.fragment_fromstring(page, create_parent=True).iter("a")]


def url(slug: str) -> str:
    return f"{SITE}terms/{slug}/"


def test_first_mention_of_each_term_links_to_its_page(terms_file: Path) -> None:
    page = convert("Offshoring moved the call center. Offshoring again,\n\nand the *call center* too.", terms_file)
    assert links(page) == [("Offshoring", url("offshoring")), ("call center", url("call-center"))]


def test_aliases_and_inflections_are_mentions(terms_file: Path) -> None:
    page = convert("Two call centres were offshored by a BPO provider.", terms_file)
    assert links(page) == [
        ("call centres", url("call-center")),
        ("offshored", url("offshoring")),
        ("BPO", url("business-process-outsourcing")),
    ]


def test_names_in_capitals_match_only_in_capitals(terms_file: Path) -> None:
    assert links(convert("a bpo deal", terms_file)) == []


def test_a_link_shows_the_terms_name_and_summary_without_javascript(terms_file: Path) -> None:
    [link] = html.fragment_fromstring(convert("Offshoring", terms_file), create_parent=True).iter("a")
    assert link.get("title") == "Offshoring: What Offshoring is."


def test_headings_links_and_code_are_left_alone(terms_file: Path) -> None:
    text = "# Offshoring\n\n[see offshoring](https://example.org/) and `offshoring`\n\n    offshoring\n"
    assert links(convert(text, terms_file)) == [("see offshoring", "https://example.org/")]


def test_a_passage_marked_data_glossary_skip_is_left_alone(terms_file: Path) -> None:
    text = (
        "Offshoring here.\n{: data-glossary-skip }\n\n<div data-glossary-skip markdown>\n\nA *call center*.\n\n"
        "</div>\n\nThen offshoring and a call center.\n"
    )
    assert links(convert(text, terms_file)) == [("offshoring", url("offshoring")), ("call center", url("call-center"))]


def test_a_deprecated_terms_names_link_to_its_replacement(terms_file: Path) -> None:
    assert links(convert("Far-shoring, as it was called.", terms_file)) == [("Far-shoring", url("offshoring"))]


def test_terms_are_read_from_a_url(terms_file: Path) -> None:
    address, server = serve_folder(terms_file.parent)
    try:
        page = convert("Offshoring", f"{address}/terms.json")
    finally:
        server.shutdown()
    assert links(page) == [("Offshoring", url("offshoring"))]


def test_the_extension_is_found_by_its_module_path_too(terms_file: Path) -> None:
    assert links(convert("Offshoring", terms_file, "sourcing_glossary.training.glossary_links")) == [
        ("Offshoring", url("offshoring"))
    ]


@pytest.mark.parametrize(
    "contents, expected",
    [
        (None, "cannot read the glossary's terms from"),
        ("{not json", "is not a glossary's terms.json"),
        ('{"terms": [{"slug": "x"}]}', "is not a glossary's terms.json"),
    ],
)
def test_terms_that_cannot_be_read_stop_the_conversion_naming_the_source(
    tmp_path: Path, contents: str | None, expected: str
) -> None:
    source = tmp_path / "terms.json"
    if contents is not None:
        source.write_text(contents, encoding="utf-8")
    with pytest.raises(TermsUnavailable, match=expected) as raised:
        convert("Offshoring", source)
    assert str(source) in str(raised.value)


def test_the_extension_asks_for_terms_when_none_are_given() -> None:
    with pytest.raises(TermsUnavailable, match="set `terms`"):
        convert("Offshoring", "")


def test_a_term_the_page_links_to_already_is_not_linked_again(terms_file: Path) -> None:
    page = convert(f"See [the cons]({url('offshoring')}#cons). Offshoring, then a call center.", terms_file)
    assert links(page) == [("the cons", url("offshoring") + "#cons"), ("call center", url("call-center"))]
