"""Whatever an editor (or an attacker) saves, the validator answers with problems or a clean
pass, never an exception; a position inside a value points at the text as written, whatever the
style of the value; and the validator's work grows with the size of the input, not faster.

Costs are counted (parser events, problems), never timed.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from sourcing_glossary.checks.validate import validate
from sourcing_glossary.problems import Problem
from sourcing_glossary.source import yamltree
from sourcing_glossary.source.load import Layout
from sourcing_glossary.source.yamltree import parse_yaml_bytes

FEW_SECONDS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHOLE_RUNS = settings(FEW_SECONDS, max_examples=50)  # a validation of the small project takes ~16 ms of CPU

# Characters that mean something to YAML or Markdown, plus some that mean trouble.
YAMLISH = st.text(
    alphabet=st.sampled_from(list(": -\n\t#&*!|>'\"[]{},?%@`<>/\\=~.") + list("ab1 ") + ["\r", "\u2028", "\x00", "é"]),
    max_size=200,
)
FIELDS = [
    "term",
    "aliases",
    "category",
    "summary",
    "definition",
    "examples",
    "pros",
    "cons",
    "related",
    "contrast",
    "usage_notes",
    "facets",
    "sources",
    "previous_slugs",
    "updated",
    "unknown",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["offshoring", "[[offshoring]]", "<b>x</b>", "[x](javascript:alert(1))", "TODO", "2026-02-30"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(string.ascii_lowercase + "-_", max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
ENTRIES = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=10)


def assert_plain_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 0 and problem.column >= 0
        assert problem.code and problem.message and problem.hint, problem
        assert "Traceback" not in problem.message and "NoneType" not in problem.message


@FEW_SECONDS
@given(YAMLISH)
def test_parser_answers_any_yamlish_text(text: str) -> None:
    result = parse_yaml_bytes(text.encode("utf-8"), "entry.yml")
    assert_plain_problems(result.problems)
    assert result.root is None or result.root.kind == "map"


@FEW_SECONDS
@given(st.binary(max_size=300))
def test_parser_answers_any_bytes(data: bytes) -> None:
    result = parse_yaml_bytes(data, "entry.yml")
    assert_plain_problems(result.problems)
    assert result.root is not None or result.problems


@pytest.fixture(scope="module")
def scratch_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project for all examples (each example rewrites the terms folder): two real entries,
    and of the source registry only the records they cite (reading all ~260 took two thirds of
    each validation)."""
    root = copy_project(tmp_path_factory.mktemp("properties"), terms=["offshoring", "nearshoring"])
    entries = "".join(path.read_text(encoding="utf-8") for path in (root / "glossary" / "terms").glob("*.yml"))
    registry = root / "glossary" / "sources.yml"
    records = yaml.safe_load(registry.read_text(encoding="utf-8"))["sources"]
    cited = {key: record for key, record in records.items() if key in entries}
    registry.write_text(yaml.safe_dump({"sources": cited}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    yield root


def validate_with(project: Path, files: dict[str, bytes]) -> list[Problem]:
    terms = project / "glossary" / "terms"
    kept = {"offshoring.yml", "nearshoring.yml"}
    for path in terms.iterdir():
        if path.name not in kept:
            path.unlink()
    for name, data in files.items():
        (terms / name).write_bytes(data)
    result = validate(Layout(project, project / "glossary"))
    assert_plain_problems(result.problems)
    return result.problems


@WHOLE_RUNS
@given(st.one_of(YAMLISH.map(str.encode), st.binary(max_size=300)))
def test_validate_answers_any_file_content(scratch_project: Path, data: bytes) -> None:
    problems = validate_with(scratch_project, {"random.yml": data})
    assert any(p.path.endswith("random.yml") for p in problems)  # nothing random is a valid entry


@WHOLE_RUNS
@given(ENTRIES)
def test_validate_answers_any_entry_shaped_data(scratch_project: Path, entry: dict[str, object]) -> None:
    """Real YAML of the right general shape reaches the schema and the cross-entry checks."""
    validate_with(scratch_project, {"random.yml": yaml.safe_dump(entry, allow_unicode=True).encode()})


@WHOLE_RUNS
@given(
    st.lists(
        st.text(alphabet=string.ascii_letters + string.digits + "-_. é", min_size=1, max_size=12),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_validate_answers_any_file_names(scratch_project: Path, stems: list[str]) -> None:
    entry = b"term: Random\ncategory: economics\nsummary: A test.\ndefinition: Text.\n"
    names = {f"{stem}.yml" for stem in stems if stem.strip(".")} - {"offshoring.yml", "nearshoring.yml"}
    validate_with(scratch_project, {name: entry for name in names})


# --- positions inside values ----------------------------------------------------------------

PROSE = st.text(alphabet=list("ab \u00e9\U0001f600-:#'\"\\\t\n"), max_size=60)
STR = "tag:yaml.org,2002:str"


@FEW_SECONDS
@given(PROSE, PROSE, st.sampled_from([None, "'", '"', "|", ">"]), st.integers(min_value=20, max_value=60), st.booleans())
def test_a_citation_inside_any_value_is_placed_where_it_is_written(
    before: str, after: str, style: str | None, width: int, nested: bool
) -> None:
    """PyYAML writes the value in the style asked for (or another where that one cannot hold
    it), folds long lines, escapes what it must and adds indentation and chomping indicators;
    the position given for the citation inside the value is where the citation stands."""
    value = f"{before}[@x]{after}"
    note = yaml.MappingNode("tag:yaml.org,2002:map", [(yaml.ScalarNode(STR, "note"), yaml.ScalarNode(STR, value, style=style))])
    document = (
        yaml.MappingNode(
            "tag:yaml.org,2002:map", [(yaml.ScalarNode(STR, "sources"), yaml.SequenceNode("tag:yaml.org,2002:seq", [note]))]
        )
        if nested
        else note
    )
    text = yaml.serialize(document, width=width, allow_unicode=True)
    root = parse_yaml_bytes(text.encode("utf-8"), "entry.yml").root
    assert root is not None, text
    node = root.value["sources"].value[0].value["note"] if nested else root.value["note"]
    # PyYAML's emitter folds some values so that they read back otherwise (a '>' block whose
    # last line starts with ':'); where its text is not the value, there is no place to check.
    assume(node.value == value)
    lines = text.splitlines()
    mark = node.mark_at(len(before), lines)
    assert lines[mark.line - 1][mark.column - 1 :].startswith("[@x]"), (text, mark)


# --- work grows with the input, counted -----------------------------------------------------


def laughs(levels: int) -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


def parser_events(data: bytes, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many parser events the tree builder handles for `data`."""
    count = 0
    feed = yamltree._TreeBuilder.feed

    def counting(self: yamltree._TreeBuilder, event: object) -> None:
        nonlocal count
        count += 1
        feed(self, event)

    monkeypatch.setattr(yamltree._TreeBuilder, "feed", counting)
    parse_yaml_bytes(data, "laughs.yml")
    monkeypatch.undo()
    return count


def test_alias_bombs_cost_events_in_proportion_to_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each level of 'billion laughs' multiplies the expanded size by 9, but adds a fixed
    number of events: aliases are never followed."""
    small, large = (parser_events(laughs(levels), monkeypatch) for levels in (5, 10))
    assert large - small == 5 * (parser_events(laughs(6), monkeypatch) - small)


def test_problems_of_an_alias_bomb_grow_with_the_names_not_the_uses() -> None:
    problems = parse_yaml_bytes(laughs(30), "laughs.yml").problems
    assert len(problems) == 30 + 29


def test_200_kib_of_aliases_is_rejected_with_one_problem_per_name() -> None:
    text = "term: &x Offshoring\nrelated: [" + ", ".join(["*x"] * 60_000) + "]\n"
    assert len(text) > 200 * 1024
    problems = parse_yaml_bytes(text.encode(), "aliases.yml").problems
    assert [(p.code, p.line) for p in problems] == [("yaml-anchor", 1), ("yaml-anchor", 2)]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_200_kib_of_nesting_is_rejected(opening: str, closing: str) -> None:
    depth = 200 * 1024 // len(opening + closing)
    problems = parse_yaml_bytes((opening * depth + closing * depth).encode(), "deep.yml").problems
    assert [p.code for p in problems] == ["too-deep"]


def test_200_kib_of_block_nesting_is_rejected() -> None:
    lines, depth = [], 0
    while sum(map(len, lines)) < 200 * 1024:
        depth += 1
        lines.append("  " * depth + "- \n")
    problems = parse_yaml_bytes(("sources:\n" + "".join(lines)).encode(), "deep.yml").problems
    assert [p.code for p in problems] == ["too-deep"]
