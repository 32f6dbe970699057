"""The YAML reader against hostile and surprising input: nothing runs, nothing expands, nothing
crashes, and every position is the one the editor sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcing_glossary.source.yamltree import MAX_BRACKET_DEPTH, parse_yaml_bytes, read_yaml

MARKER = "yaml-ran-code"


def problems_of(text: str | bytes) -> list[tuple[str, int, int]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [(p.code, p.line, p.column) for p in parse_yaml_bytes(data, "entry.yml").problems]


@pytest.mark.parametrize(
    "document",
    [
        f'term: !!python/object/apply:os.system ["touch {MARKER}"]\n',
        f'term: !!python/object/new:os.system ["touch {MARKER}"]\n',
        f"term: !!python/object/apply:subprocess.check_call [[touch, {MARKER}]]\n",
        "term: !!python/name:os.system\n",
        "term: !!python/module:os\n",
        f'term: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {MARKER}"]\n',
        f'%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nterm: !p!os.system ["touch {MARKER}"]\n',
    ],
)
def test_python_tags_are_refused_and_never_run(document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = parse_yaml_bytes(document.encode(), "entry.yml")
    assert [p.code for p in result.problems] == ["yaml-tag"]
    assert result.root is None
    assert not (tmp_path / MARKER).exists()


def test_local_tags_are_refused_too() -> None:
    assert problems_of("term: !include secrets.yml\n") == [("yaml-tag", 1, 7)]


def test_billion_laughs_expands_nothing() -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    result = parse_yaml_bytes(("\n".join(levels) + "\n").encode(), "laughs.yml")
    assert result.root is None
    assert len(result.problems) == 9 + 8  # each anchor, and each alias name once: not 9**9 of anything


def test_deep_bracket_nesting_is_refused_before_parsing() -> None:
    """libyaml needs time quadratic in bracket depth; 200 KiB of '[' must not reach it."""
    text = "[" * (100 * 1024) + "]" * (100 * 1024)
    assert problems_of(text) == [("too-deep", 1, MAX_BRACKET_DEPTH + 1)]


def test_deep_block_nesting_is_refused() -> None:
    text = "sources:\n" + "".join("  " * depth + "- \n" for depth in range(1, 10))
    assert problems_of(text)[0] == ("too-deep", 7, 13)  # the seventh level: root, sources and five lists


def test_duplicate_keys_in_nested_mappings_are_reported() -> None:
    text = "sources:\n  - title: One\n    url: https://example.org/\n    title: Two\n"
    assert problems_of(text) == [("duplicate-key", 4, 5)]


def test_merge_key_does_not_merge() -> None:
    root = parse_yaml_bytes(b"<<: {term: Merged}\n", "entry.yml").root
    assert root is not None and list(root.value) == ["<<"]  # left for the schema to call an unknown field


def test_yaml_1_1_words_are_read_as_true_false_not_text() -> None:
    """'NO' (Norway) and 'yes' are booleans in YAML 1.1; the schema then says 'must be text'."""
    root = parse_yaml_bytes(b"aliases: [NO, yes, 'NO']\nupdated: 2026-11-23\n", "entry.yml").root
    assert root is not None
    assert [item.kind for item in root.value["aliases"].value] == ["bool", "bool", "str"]
    assert (root.value["updated"].kind, root.value["updated"].value) == ("date", "2026-11-23")


def test_integer_beyond_python_limit_is_a_number_not_a_crash() -> None:
    root = parse_yaml_bytes(b"term: " + b"9" * 5000 + b"\n", "entry.yml").root
    assert root is not None and root.value["term"].kind == "int"


def test_bom_and_crlf_keep_the_editors_positions() -> None:
    text = "term: Offshoring\ncategory: location-models\nsummary: Text: more\n"
    expected = [("yaml-syntax", 3, 14)]
    assert problems_of(text) == expected
    assert problems_of(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()) == expected


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\x85", "\x00", "\x1b", "\x7f", "\ufffe"])
def test_invisible_breaks_and_control_characters_are_refused_where_they_are(character: str) -> None:
    """libyaml counts U+2028 as a new line: left in, every later line number would be off."""
    text = f"term: Offshoring\nsummary: Work{character}abroad\ndefinition: |\n  x\n  y: z\n"
    assert problems_of(text) == [("bad-character", 2, 14)]


def test_invalid_utf8_is_reported_at_its_byte() -> None:
    assert problems_of(b"term: Offshoring\nsummary: caf\xe9\n") == [("not-utf8", 2, 13)]


def test_utf16_file_is_not_utf8() -> None:
    assert problems_of("term: Offshoring\n".encode("utf-16")) == [("not-utf8", 1, 1)]


def test_second_document_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = f'term: Offshoring\n---\nterm: !!python/object/apply:os.system ["touch {MARKER}"]\n'
    result = parse_yaml_bytes(text.encode(), "entry.yml")
    assert [(p.code, p.line) for p in result.problems] == [("multiple-documents", 2)]
    assert result.root is not None and result.root.plain() == {"term": "Offshoring"}
    assert not (tmp_path / MARKER).exists()


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yml"
    path.write_bytes(b"term: x\n" + b"#" * (256 * 1024))
    result = read_yaml(path, "huge.yml")
    assert [p.code for p in result.problems] == ["file-too-large"] and result.text == ""


def test_symbolic_link_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "target.yml").write_text("term: Secret\n", encoding="utf-8")
    (tmp_path / "link.yml").symlink_to(tmp_path / "target.yml")
    result = read_yaml(tmp_path / "link.yml", "link.yml")
    assert [p.code for p in result.problems] == ["unreadable-file"] and result.text == ""


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202a"])
def test_text_direction_controls_are_refused_where_they_are(control: str) -> None:
    result = parse_yaml_bytes(f"term: Offshoring\nsummary: Safe {control}text.\n".encode(), "t.yml")
    problem = next(p for p in result.problems if p.code == "bad-character")
    assert (problem.line, problem.column) == (2, 15)
    assert "text-direction" in problem.message


def test_ordinary_typography_is_not_a_bad_character() -> None:
    text = "term: Follow\u2011the\u2011sun\nsummary: “Quotes”, dashes – and ellipses… are fine.\n"
    assert parse_yaml_bytes(text.encode(), "t.yml").problems == []


def test_a_scalar_keeps_its_text_decoded_but_not_yet_read_as_a_number() -> None:
    """Field names are this text: escapes decoded (as PyYAML would), '0x10' still '0x10'."""
    root = parse_yaml_bytes(b'term: "te\\x72m"\nupdated: 2026-11-23\n0x10: sixteen\n', "entry.yml").root
    assert root is not None
    assert [(node.value, node.text) for node in root.value.values()] == [
        ("term", "term"),
        ("2026-11-23", "2026-11-23"),
        ("sixteen", "sixteen"),
    ]
    assert [(key.value, key.text) for key in root.keys.values()] == [("term", "term"), ("updated", "updated"), (16, "0x10")]
    assert list(root.value) == ["term", "updated", "0x10"]


@pytest.mark.parametrize(
    "text",
    [
        "term: Code\ndefinition: |\n  for team in teams:\n  \tprint(team)\n",
        "term: Code\ndefinition: >\n  Text\n  \tindented with a tab\n",
        'term: Code\nsummary: "Say onshoring,\n\tnot inshoring."\n',
        "term: Code\nsummary: Say onshoring,\n \tnot inshoring.\n",  # past the indentation: separation
        "term: Code\naliases: [one,\n\ttwo]\n",  # inside brackets nothing is indentation
    ],
    ids=["literal", "folded", "quoted", "plain", "flow"],
)
def test_tab_in_a_value_is_text_not_indentation(text: str) -> None:
    assert problems_of(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("term: Code\naliases:\n\t- one\n", [("tab-indent", 3, 1)]),
        ("term: Code\ndefinition: |\n  x\n\t  y\n", [("tab-indent", 4, 1)]),  # in the block's indentation
        ("term: Code\ndefinition: |\n  code:\n  \tx\n \t y\n", [("tab-indent", 5, 2)]),  # a text tab above it
        ("term: Code\ndefinition: |\n  \tcode\n", [("tab-indent", 3, 3)]),  # YAML takes it for indentation
        ("term: Code\nsummary: one\n\ttwo\n", [("tab-indent", 3, 1)]),
        ("term: Code\n\t# a comment\n", [("tab-indent", 2, 1)]),
    ],
    ids=["list", "block-indentation", "after-a-text-tab", "block-first-line", "plain", "comment"],
)
def test_tab_in_indentation_is_reported_where_it_is(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert problems_of(text) == expected


# --- positions inside values: where the text is written, whatever its style -----------------


def written_at(text: str, path: list[str | int], needle: str = "[@x]") -> tuple[int, int]:
    """The line and column given for `needle` inside the value at `path` (as a citation check asks)."""
    root = parse_yaml_bytes(text.encode("utf-8"), "entry.yml").root
    assert root is not None
    node = root
    for step in path:
        node = node.value[step]
    mark = node.mark_at(node.value.index(needle), text.splitlines())
    return mark.line, mark.column


@pytest.mark.parametrize(
    "text, path, expected",
    [
        ("definition: |\n  one\n    two [@x]\n", ["definition"], (3, 9)),
        ("definition: |2\n    indented first line\n  then [@x]\n", ["definition"], (3, 8)),  # indentation indicator
        ("definition: |-\n  one\n    two [@x]", ["definition"], (3, 9)),
        ("definition: |+\n  one\n\n    two [@x]\n\n", ["definition"], (4, 9)),
        ("sources:\n  - note: |\n      one\n        two [@x]\n", ["sources", 0, "note"], (4, 13)),
        ("definition: |\n  code:\n  \tx = [@x]\n", ["definition"], (3, 8)),  # a tab in the text is one column
        ("definition: ! |\n  one\n    two [@x]\n", ["definition"], (3, 9)),  # '!' (text, as YAML would read it anyway)
    ],
    ids=["deeper-line", "indicator", "strip", "keep", "nested", "tab", "tagged"],
)
def test_position_in_a_literal_block_counts_from_the_blocks_indentation(
    text: str, path: list[str | int], expected: tuple[int, int]
) -> None:
    assert written_at(text, path) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("definition: >\n  one\n  two [@x]\n", (3, 7)),
        ("definition: >-\n  one\n\n  two\n    more [@x]\n", (5, 10)),  # a blank line, a more-indented line
        ("definition: >2\n    indented\n  then [@x]\n", (3, 8)),
    ],
    ids=["folded", "blank-and-deeper", "indicator"],
)
def test_position_in_a_folded_block_is_on_its_own_line(text: str, expected: tuple[int, int]) -> None:
    assert written_at(text, ["definition"]) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('summary: "te\\x72m [@x]"\n', (1, 19)),
        ('summary: "say \\"hi\\" [@x]"\n', (1, 22)),
        ('summary: "a\\\\b [@x]"\n', (1, 16)),
        ('summary: "caf\\u00e9 [@x]"\n', (1, 21)),
        ('summary: "smile \\U0001F600 [@x]"\n', (1, 28)),
        ('summary: "two\\nlines\\tand [@x]"\n', (1, 27)),
        ("summary: 'it''s [@x]'\n", (1, 17)),
        ('summary: ! "te\\x72m [@x]"\n', (1, 21)),
    ],
    ids=["hex", "quote", "backslash", "u", "U", "n-and-t", "single-quotes", "tagged"],
)
def test_position_after_escapes_is_in_the_text_as_written(text: str, expected: tuple[int, int]) -> None:
    assert written_at(text, ["summary"]) == expected


@pytest.mark.parametrize(
    "text, path, needle, expected",
    [
        ("summary: one\n  two [@x]\n", ["summary"], "[@x]", (2, 7)),
        ("summary: one\n\n  two [@x]\n", ["summary"], "[@x]", (3, 7)),
        ('summary: "one \\\n  two\\x21\n\n  three [@x]"\n', ["summary"], "[@x]", (4, 9)),  # an escaped line break
        ("summary: 'one\n  it''s [@x]'\n", ["summary"], "[@x]", (2, 9)),
        ("aliases: [one, two\n  more]\n", ["aliases", 1], "more", (2, 3)),
    ],
    ids=["plain", "plain-blank-line", "double-quoted", "single-quoted", "flow"],
)
def test_position_in_a_value_folded_over_lines_is_on_its_own_line(
    text: str, path: list[str | int], needle: str, expected: tuple[int, int]
) -> None:
    assert written_at(text, path, needle) == expected


def test_a_line_break_of_a_value_is_placed_at_the_end_of_its_line() -> None:
    """A break has no character to point at; the editor's cursor goes where the line ends."""
    assert written_at("definition: |\n  one\n  two\n", ["definition"], "\n") == (2, 6)
    assert written_at("summary: one\n  two\n", ["summary"], " ") == (1, 13)  # the space the break became
