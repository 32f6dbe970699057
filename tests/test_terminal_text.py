"""Rendered Markdown laid out for a terminal (what `glossary show` prints)."""

from __future__ import annotations

import re

import markdown
import pytest

from sourcing_glossary.tools.terminal_text import terminal_lines

SGR = re.compile(r"\x1b\[[0-9;]*m")


def shown(text: str, width: int = 40, *, styled: bool = False) -> list[str]:
    return terminal_lines(markdown.markdown(text, extensions=["tables", "sane_lists"]), width, styled=styled)


def test_paragraphs_are_wrapped_to_the_width_and_set_apart_by_a_blank_line() -> None:
    lines = shown("The first paragraph is long enough to need more than one line here.\n\nThe second.")
    assert lines == ["The first paragraph is long enough to", "need more than one line here.", "", "The second."]


def test_bold_and_italic_are_plain_words_unless_styled() -> None:
    assert shown("It is **who** does it, not *where*: `code`.") == ["It is who does it, not where: code."]


def test_bold_and_italic_are_ansi_styles_when_styled() -> None:
    assert shown("**who** and *where* and ***both***", styled=True) == [
        "\x1b[1mwho\x1b[0m and \x1b[3mwhere\x1b[0m and \x1b[1;3mboth\x1b[0m"
    ]


def test_style_codes_take_no_room_when_wrapping() -> None:
    text = " ".join(["**bold**"] * 20)
    plain, styled = shown(text), shown(text, styled=True)
    assert [SGR.sub("", line) for line in styled] == plain
    assert all(len(line) <= 40 for line in plain)


def test_lists_have_bullets_or_numbers_and_a_hanging_indent() -> None:
    text = "- a bullet whose words run on past the width of the terminal\n    - a nested bullet\n\nThen:\n\n3. third\n4. fourth"
    assert shown(text, width=30) == [
        "• a bullet whose words run on",
        "  past the width of the",
        "  terminal",
        "  • a nested bullet",
        "",
        "Then:",
        "",
        "3. third",
        "4. fourth",
    ]


def test_links_show_their_words_and_a_web_address() -> None:
    assert shown("See [the source](https://example.org/a) and [a page](../terms/x/).", width=80) == [
        "See the source (https://example.org/a) and a page."
    ]


@pytest.mark.parametrize(
    "text, lines",
    [
        ("## A heading\n\nText.", ["A heading", "", "Text."]),
        ("> quoted words\n>\n> more", ["│ quoted words", "│", "│ more"]),
        ("    code  keeps\n      its lines", ["    code  keeps", "      its lines"]),
        ("| a | b |\n|---|---|\n| 1 | 2 |", ["a | b", "1 | 2"]),
        ("one  \ntwo", ["one", "two"]),
        ("![a chart](chart.png) &amp; &lt;text&gt;", ["a chart & <text>"]),
        ("Above\n\n---\n\nBelow", ["Above", "", "─" * 40, "", "Below"]),
    ],
)
def test_other_markdown_reads_as_text(text: str, lines: list[str]) -> None:
    assert shown(text) == lines
