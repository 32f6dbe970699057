"""What counts as a mention of a name: the rules shared by the site's term pages, the Markdown
extension and the embed script."""

from __future__ import annotations

from sourcing_glossary.text.name_matcher import NameMatcher

NAMES = [
    ("Offshoring", "offshoring"),
    ("Call center", "call-center"),
    ("call centre", "call-center"),
    ("Business process outsourcing", "bpo"),
    ("BPO", "bpo"),
    ("Outsourcing", "outsourcing"),
    ("Agency", "agency"),
    ("Process", "process"),
    ("outsourced", "outsourced-work"),
]


def mentions(text: str, found: set[str] | None = None) -> list[tuple[str, str]]:
    """(mentioned text, target) of each mention found."""
    return [
        (text[start:end], target) for start, end, target in NameMatcher(NAMES).find(text, found if found is not None else set())
    ]


def test_plurals_of_the_last_word_are_mentions() -> None:
    assert mentions("call centres, processes and agencies") == [
        ("call centres", "call-center"),
        ("processes", "process"),
        ("agencies", "agency"),
    ]


def test_ing_and_ed_forms_stand_for_each_other() -> None:
    assert mentions("The work was offshored.") == [("offshored", "offshoring")]


def test_a_name_as_written_beats_another_names_inflection() -> None:
    assert mentions("outsourced") == [("outsourced", "outsourced-work")]


def test_words_of_a_name_may_be_split_by_one_line_break_but_not_by_a_paragraph_or_list() -> None:
    assert mentions("a call\ncenter") == [("call\ncenter", "call-center")]
    assert mentions("a call\n\ncenter") == []
    assert mentions("- call\n- center") == []


def test_a_longer_name_hides_the_shorter_names_inside_it_even_when_found_already() -> None:
    assert mentions("Business process outsourcing, then outsourcing", {"bpo"}) == [("outsourcing", "outsourcing")]
    assert mentions("Business process outsourcing", {"bpo"}) == []
