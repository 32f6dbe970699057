"""Every validation rule, each with a small bad-input fixture in tests/fixtures/rules/<case>/.

Each case copies its files into an empty project's glossary/terms/, runs `glossary validate
--format json` (in-process, for speed: test_cli.py runs the installed command) and checks the
code, the file, the line and the column of every error, so a message always sends the editor
to the right place.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sourcing_glossary.cli import main
from sourcing_glossary.codes import CODES
from sourcing_glossary.problems import Problem
from sourcing_glossary.source import load
from sourcing_glossary.source.yamltree import ReadResult, parse_yaml_text

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
TERMS = "glossary/terms"


@dataclass(frozen=True)
class Report:
    exit_code: int
    problems: list[dict[str, object]]
    stderr: str

    def found(self, *, severity: str = "error") -> set[tuple[str, str, int, int]]:
        """(code, file name, line, column) of every problem of that severity."""
        return {
            (p["code"], Path(str(p["path"])).name, p["line"], p["column"]) for p in self.problems if p["severity"] == severity
        }

    def text(self) -> str:
        return "\n".join(f"{p['message']} | {p['hint']}" for p in self.problems)


Validate = Callable[..., Report]


@pytest.fixture
def validate_json(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Validate:
    """`glossary validate --format json [options]` run in the project folder."""
    monkeypatch.chdir(project)

    def run(*options: str) -> Report:
        exit_code = main(["validate", "--format", "json", *options])
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return Report(exit_code, json.loads(out)["problems"], err)

    return run


def add_case(project: Path, case: str) -> None:
    """The case's entry files into glossary/terms/; a sources.yml replaces the registry."""
    for source in sorted((FIXTURES / case).iterdir()):
        folder = project / "glossary" if source.name == "sources.yml" else project / TERMS
        shutil.copyfile(source, folder / source.name)


@dataclass(frozen=True)
class Case:
    name: str  # the folder under tests/fixtures/rules/
    errors: set[tuple[str, str, int, int]]  # (code, file, line, column); 0 = the whole file / line
    says: tuple[str, ...] = ()  # words the messages and hints must contain

    def __str__(self) -> str:
        return self.name


CASES = [
    # reading the file
    Case(
        "yaml-syntax",
        {
            ("yaml-syntax", "colon-in-summary.yml", 3, 20),
            ("yaml-syntax", "text-after-quote.yml", 3, 31),
            ("yaml-syntax", "unclosed-list.yml", 6, 10),
        },
        ("colon and space", "closing quote", "not closed"),
    ),
    Case("tab-indent", {("tab-indent", "tabbed-aliases.yml", 7, 1)}, ("replace the tab with spaces",)),
    Case("duplicate-key", {("duplicate-key", "summary-twice.yml", 6, 1)}, ("first on line 3",)),
    Case(
        "not-a-mapping",
        {("not-a-mapping", "list.yml", 1, 1), ("not-a-mapping", "sentence.yml", 1, 1)},
        ("not a list", "not a single text"),
    ),
    Case("empty-file", {("empty-file", "empty.yml", 0, 0), ("empty-file", "only-comments.yml", 0, 0)}, ("glossary new",)),
    Case("not-utf8", {("not-utf8", "latin-1.yml", 5, 31)}, ("byte 0xe9", "UTF-8")),
    Case(
        "bad-character",
        {("bad-character", "control-character.yml", 3, 21), ("bad-character", "line-separator.yml", 5, 12)},
        ("U+0007", "U+2028"),
    ),
    Case(
        "yaml-tag",
        {("yaml-tag", "python-object.yml", 3, 10), ("yaml-tag", "whole-file.yml", 1, 1)},
        ("'!!python/object/apply:os.system' is not allowed",),
    ),
    Case(
        "yaml-anchor",
        {("yaml-anchor", "anchor-and-alias.yml", 1, 7), ("yaml-anchor", "anchor-and-alias.yml", 7, 5)},
        ("'&name'", "'*name'"),
    ),
    Case(
        "too-deep",
        {("too-deep", "nested-sources.yml", 8, 13), ("wrong-type", "nested-sources.yml", 8, 7)},
        ("more than 6 levels",),
    ),
    Case("multiple-documents", {("multiple-documents", "two-entries.yml", 6, 1)}, ("one entry per file",)),
    Case("bad-key", {("bad-key", "list-as-key.yml", 6, 1)}),
    # fields
    Case(
        "unknown-field",
        {("unknown-field", "misspelt.yml", 6, 1), ("unknown-field", "misspelt.yml", 8, 1)},
        ("unknown field 'alias'", "did you mean 'aliases'?", "allowed fields: term, aliases"),
    ),
    Case("missing-field", {("missing-field", "no-definition.yml", 1, 1)}, ("'definition' is missing",)),
    Case(
        "empty-field",
        {("empty-field", "blanks.yml", 3, 9), ("empty-field", "blanks.yml", 4, 13), ("empty-field", "blanks.yml", 6, 5)},
        ("'examples', item 1 is empty",),
    ),
    Case(
        "wrong-type",
        {("wrong-type", "types.yml", 1, 7), ("wrong-type", "types.yml", 6, 10), ("wrong-type", "types.yml", 8, 5)},
        ("'term' must be text, but it is a number", "'aliases' must be a list, but it is text"),
    ),
    Case("summary-too-long", {("summary-too-long", "long.yml", 3, 10)}, ("220 characters", "at most 200")),
    Case("too-long", {("too-long", "long-term.yml", 1, 7)}, ("at most 200",)),
    Case(
        "multiline-text",
        {("multiline-text", "two-line-term.yml", 1, 7), ("multiline-text", "two-line-term.yml", 5, 10)},
        ("single line",),
    ),
    Case(
        "bad-slug",
        {("bad-slug", "not-slugs.yml", 2, 11), ("bad-slug", "not-slugs.yml", 7, 5)},
        ("e.g. 'location-models'", "e.g. 'near-shoring'"),
    ),
    Case(
        "bad-url",
        {("bad-url", "sources.yml", 8, 10), ("bad-url", "sources.yml", 15, 10), ("bad-url", "sources.yml", 22, 10)},
        ("'javascript:alert(1)'", "'ftp://example.org"),
    ),
    Case(
        "bad-date",
        {("bad-date", "month-13.yml", 6, 10), ("bad-date", "day-first.yml", 6, 10), ("bad-date", "february-30.yml", 6, 10)},
        ("YYYY-MM-DD", "no day 30"),
    ),
    Case(
        "duplicate-item",
        {("duplicate-item", "repeats.yml", 8, 5), ("duplicate-item", "repeats.yml", 9, 5)},
        ("listed twice (letter case aside)", "first as item 1"),
    ),
    Case(
        "bad-file-name",
        {
            ("bad-file-name", "Bad_Name.yml", 0, 0),
            ("bad-file-name", "double--hyphen.yml", 0, 0),
            ("bad-file-name", "yaml-extension.yaml", 0, 0),
        },
        ("e.g. 'bad-name.yml'", "e.g. 'double-hyphen.yml'", "rename it to 'yaml-extension.yml'"),
    ),
    Case("reserved-slug", {("reserved-slug", "index.yml", 0, 0)}),
    # references and names
    Case(
        "unknown-ref",
        {
            ("unknown-ref", "offshoring.yml", 5, 31),
            ("unknown-ref", "offshoring.yml", 5, 49),
            ("unknown-ref", "offshoring.yml", 7, 5),
            ("unknown-ref", "offshoring.yml", 9, 3),
        },
        (
            "the link 'nearshore' does not exist",
            "related term 'nearshore'",
            "contrasted term 'nearshorng'",
            "did you mean 'nearshoring'?",
        ),
    ),
    Case("self-link", {("self-link", "offshoring.yml", 5, 29), ("self-link", "offshoring.yml", 7, 5)}),
    Case("unknown-category", {("unknown-category", "misfiled.yml", 2, 11)}, ("did you mean 'location-models'?",)),
    Case("unknown-facet", {("unknown-facet", "misfiled.yml", 7, 3)}, ("did you mean 'ownership'?",)),
    Case(
        "unknown-facet-value", {("unknown-facet-value", "misfiled.yml", 7, 13)}, ("allowed values: home-country, nearby-country",)
    ),
    Case(
        "alias-collision",
        {("alias-collision", "offshore-outsourcing.yml", 8, 5), ("alias-collision", "offshoring.yml", 7, 5)},
        ("the alias 'offshoring' is already the term of 'offshoring'",),
    ),
    Case(
        "search-phrases",
        {
            ("alias-collision", "backsourcing.yml", 8, 5),
            ("alias-collision", "insourcing.yml", 7, 5),
            ("duplicate-item", "insourcing.yml", 8, 5),
        },
        (
            "the search phrase 'Offshoring' is already the term of 'offshoring'",
            "is already a search phrase of 'backsourcing'",
            "is also listed as an alias of this entry",
        ),
    ),
    Case("duplicate-term", {("duplicate-term", "offshoring.yml", 1, 7)}, ("already the term of 'offshore-work'",)),
    Case(
        "url-clash",
        {
            ("url-clash", "offshoring.yml", 7, 5),
            ("url-clash", "offshoring.yml", 9, 5),
            ("url-clash", "offshoring.yml", 10, 5),
            ("url-clash", "offshoring.yml", 11, 5),
        },
        (
            "the page of the live term 'onshoring'",
            "already redirects to 'offshore-outsourcing'",
            "the page of the live term 'offshore-outsourcing'",
            "the previous slug 'offshoring' is this entry's own slug",
        ),
    ),
    # content
    Case(
        "raw-html",
        {
            ("raw-html", "offshoring.yml", 1, 18),
            ("raw-html", "offshoring.yml", 1, 28),
            ("raw-html", "offshoring.yml", 3, 27),
            ("raw-html", "offshoring.yml", 3, 37),
            ("raw-html", "offshoring.yml", 6, 3),
            ("raw-html", "offshoring.yml", 6, 23),
            ("raw-html", "offshoring.yml", 7, 3),
            ("raw-html", "offshoring.yml", 7, 37),
            ("raw-html", "offshoring.yml", 9, 5),
            ("raw-html", "offshoring.yml", 9, 16),
        },
        ("'<script>'", "'<a:b onmouseover=alert(1)>'", "(this field is plain text)", "backticks"),
    ),
    # sources, citations and claims
    Case(
        "unknown-source",
        {
            ("unknown-source", "offshoring.yml", 5, 32),
            ("unknown-source", "offshoring.yml", 6, 25),
            ("unknown-source", "offshoring.yml", 8, 10),
            # inside a '|' block's deeper line, after escapes and '', in folded lines
            ("unknown-source", "written-positions.yml", 6, 34),
            ("unknown-source", "written-positions.yml", 8, 36),
            ("unknown-source", "written-positions.yml", 9, 20),
            ("unknown-source", "written-positions.yml", 12, 20),
            ("unknown-source", "written-positions.yml", 14, 29),
        },
        (
            "the citation '@tset-source' names no record",
            "did you mean 'test-source'?",
            "'@nowhere'",
            "the source 'test-sourc' is not in glossary/sources.yml",
        ),
    ),
    Case(
        "bad-citation",
        {("bad-citation", "offshoring.yml", 5, 32), ("bad-citation", "offshoring.yml", 8, 17)},
        ("'[@Test Source]' is not a citation", "[@source-id, p. 12]"),
    ),
    Case(
        "uncited-figure",
        {
            ("uncited-figure", "uncited-figure.yml", 3, 35),
            ("uncited-figure", "uncited-figure.yml", 5, 56),
            ("uncited-figure", "uncited-figure.yml", 8, 22),
            ("uncited-figure", "uncited-figure.yml", 9, 5),
            ("uncited-figure", "uncited-figure.yml", 9, 44),
        },
        ("the figure '30 %' has no citation", "'$2'", "'Three out of 10'", "'one in five'", "a summary cannot carry a citation"),
    ),
    Case(
        "vague-attribution",
        {
            ("vague-attribution", "offshoring.yml", 5, 33),
            ("vague-attribution", "offshoring.yml", 8, 5),
            ("vague-attribution", "offshoring.yml", 10, 3),
        },
        ("'studies show' attributes a claim to nobody", "'According to some'", "'Experts say'"),
    ),
    Case(
        "source-registry",
        {
            ("date-and-undated", "sources.yml", 7, 3),
            ("missing-date", "sources.yml", 13, 3),
            ("unknown-value", "sources.yml", 16, 11),
            ("bad-date", "sources.yml", 20, 11),
            ("bad-date", "sources.yml", 22, 15),
            ("missing-accessed", "sources.yml", 24, 3),
            ("bad-url", "sources.yml", 28, 10),
        },
        (
            "has a date and says it is undated",
            "has no date",
            "did you mean 'vendor'?",
            "no day 30",
            "'30/11/2026' is not a date in the form YYYY-MM-DD",
            "has a url but no 'accessed' date",
        ),
    ),
    Case(
        "lifecycle",
        {
            ("missing-replacement", "offshoring.yml", 6, 9),
            ("bad-date", "offshoring.yml", 7, 11),
            ("replaced-but-live", "offshore-work.yml", 7, 14),
            ("bad-date", "far-shoring.yml", 8, 11),
            ("deprecated-replacement", "far-shoring.yml", 7, 14),
        },
        (
            "deprecated but names no replacement",
            "names a replacement but is not deprecated",
            "the replacement 'offshoring' is deprecated itself",
            "no day 30",
        ),
    ),
    Case(
        "unknown-value",
        {("unknown-value", "offshoring.yml", 6, 9)},
        (
            "'status' is 'reviewd', which is not one of its values",
            "did you mean 'reviewed'?",
            "allowed: draft, reviewed, deprecated",
        ),
    ),
    Case(
        "unsafe-url",
        {
            ("unsafe-url", "offshoring.yml", 5, 9),
            ("unsafe-url", "offshoring.yml", 5, 36),
            ("unsafe-url", "offshoring.yml", 6, 11),
            ("unsafe-url", "offshoring.yml", 6, 45),
            ("unsafe-url", "offshoring.yml", 7, 10),
            ("unsafe-url", "offshoring.yml", 9, 10),
        },
        (
            "'javascript:alert(1)'",
            "'JaVaScRiPt:alert(2)'",
            "'java&#115;cript:alert(3)'",
            "'data:image/svg+xml",
            "'vbscript:msgbox'",
            "'javascript:alert(6)'",
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_reports_code_file_line_and_column(project: Path, validate_json: Validate, case: Case) -> None:
    add_case(project, case.name)
    report = validate_json()
    assert report.exit_code == 1
    assert report.found() == case.errors
    for words in case.says:
        assert words in report.text()


def test_every_fixture_problem_has_a_plain_message_and_a_hint(project: Path, validate_json: Validate) -> None:
    """The messages of all cases, read together: editor's words, never Python's."""
    for case in CASES:
        for old in (project / TERMS).iterdir():
            old.unlink()
        add_case(project, case.name)
        for problem in validate_json().problems:
            assert problem["hint"], problem
            for python_words in ("NoneType", "Traceback", "<unicode string>", "Exception", "[None]", "{'"):
                assert python_words not in f"{problem['message']} {problem['hint']}", problem


def test_bom_and_crlf_files_validate_cleanly(project: Path, validate_json: Validate) -> None:
    add_case(project, "clean-encodings")
    assert (FIXTURES / "clean-encodings" / "crlf.yml").read_bytes().count(b"\r\n") == 9  # not normalised by git
    report = validate_json("--strict")
    assert (report.exit_code, report.problems) == (0, [])


def test_tab_inside_a_block_or_a_quoted_value_is_text_not_indentation(project: Path, validate_json: Validate) -> None:
    """Pasted code keeps its tabs in a '|' block, and a quoted value may continue after a tab:
    YAML allows both. Only a tab where YAML expects indentation is a tab-indent error."""
    add_case(project, "tab-in-block")
    report = validate_json("--strict")
    assert (report.exit_code, report.problems) == (0, [])


def test_html_inside_code_is_not_raw_html(project: Path, validate_json: Validate) -> None:
    add_case(project, "raw-html-in-code")
    report = validate_json("--strict")
    assert (report.exit_code, report.problems) == (0, [])


def test_billion_laughs_is_reported_once_per_anchor_and_alias_name(project: Path, validate_json: Validate) -> None:
    """Nine anchors, each used nine times by the next line: 10^9 values if expanded. The
    validator reports each anchor and each alias name once and expands nothing."""
    add_case(project, "billion-laughs")
    report = validate_json()
    anchors = {(line, 4) for line in range(1, 10)}
    aliases = {(line, 8) for line in range(2, 10)}
    assert report.found() == {("yaml-anchor", "billion-laughs.yml", line, column) for line, column in anchors | aliases}


def test_file_over_256_kib_is_not_read(project: Path, validate_json: Validate) -> None:
    entry = (FIXTURES / "slug-collision" / "entry.yml").read_text(encoding="utf-8")
    padding = "  " + "Offshoring moves work far away. " * 40 + "\n"
    text = entry + padding * (257 * 1024 // len(padding) + 1)
    assert len(text.encode()) > 256 * 1024
    (project / TERMS / "huge.yml").write_text(text, encoding="utf-8")
    report = validate_json()
    assert report.found() == {("file-too-large", "huge.yml", 0, 0)}
    assert "at most 256 KiB" in report.text()


def test_file_names_differing_only_in_case_collide(project: Path, validate_json: Validate) -> None:
    entry = (FIXTURES / "slug-collision" / "entry.yml").read_bytes()
    (project / TERMS / "offshoring.yml").write_bytes(entry)
    (project / TERMS / "Offshoring.yml").write_bytes(entry)
    if len(list((project / TERMS).iterdir())) == 1:
        pytest.skip("this file system folds letter case: the two names are one file")
    report = validate_json()
    assert {("slug-collision", "offshoring.yml", 0, 0), ("slug-collision", "Offshoring.yml", 0, 0)} <= report.found()
    assert "differ only in letter case" in report.text()


def test_file_names_differing_only_in_unicode_form_collide(project: Path, validate_json: Validate) -> None:
    entry = (FIXTURES / "slug-collision" / "entry.yml").read_bytes()
    composed, decomposed = (unicodedata.normalize(form, "café.yml") for form in ("NFC", "NFD"))
    assert composed != decomposed
    (project / TERMS / composed).write_bytes(entry)
    (project / TERMS / decomposed).write_bytes(entry)
    if len(list((project / TERMS).iterdir())) == 1:
        pytest.skip("this file system normalises Unicode file names: the two names are one file")
    report = validate_json()
    collisions = [p for p in report.problems if p["code"] == "slug-collision"]
    assert sorted(p["path"] for p in collisions) == sorted(f"{TERMS}/{name}" for name in (composed, decomposed))
    assert "written with different Unicode characters" in report.text()


def test_symbolic_link_is_not_read(project: Path, validate_json: Validate, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.yml"
    secret.write_text("term: TOP-SECRET-VALUE\n", encoding="utf-8")
    (project / TERMS / "linked.yml").symlink_to(secret)
    (project / TERMS / "looping.yml").symlink_to("looping.yml")
    report = validate_json()
    assert report.found() == {("unreadable-file", "linked.yml", 0, 0), ("unreadable-file", "looping.yml", 0, 0)}
    assert "TOP-SECRET-VALUE" not in report.text()


def test_missing_categories_file_is_reported(project: Path, validate_json: Validate) -> None:
    (project / "glossary" / "categories.yml").unlink()
    add_case(project, "unknown-facet")
    report = validate_json()
    assert report.found() == {("missing-file", "categories.yml", 0, 0)}  # and no facet noise on top


def test_missing_terms_folder_is_reported(project: Path, validate_json: Validate) -> None:
    (project / TERMS).rmdir()
    report = validate_json()
    assert report.found() == {("missing-file", "terms", 0, 0)}


def test_comparison_with_too_few_or_too_many_terms(project: Path, validate_json: Validate) -> None:
    add_case(project, "unknown-ref")
    (project / "glossary" / "comparisons.yml").write_text(
        "comparisons:\n"
        "  one-term:\n    title: One\n    terms: [offshoring]\n    intro: Why.\n"
        "  six-terms:\n    title: Six\n    terms: [a, b, c, d, e, f]\n    intro: Why.\n",
        encoding="utf-8",
    )
    report = validate_json()
    assert {("too-few-items", "comparisons.yml", 4, 12), ("too-many-items", "comparisons.yml", 8, 12)} <= report.found()
    assert "lists 1 item; at least 2 are needed" in report.text()


@pytest.mark.parametrize(
    "case, warnings",
    [
        (
            "warnings",
            {
                ("orphan-term", "offshoring.yml", 1, 7),
                ("placeholder-text", "offshoring.yml", 3, 10),
                ("one-sided-related", "offshoring.yml", 7, 5),
            },
        ),
        ("redundant-alias", {("redundant-alias", "offshoring.yml", 7, 5)}),
        ("source-warnings", {("no-source", "onshoring.yml", 1, 7), ("unused-source", "sources.yml", 7, 3)}),
    ],
    ids=["orphan-term, one-sided-related, placeholder-text", "redundant-alias", "no-source, unused-source"],
)
def test_warnings_fail_only_with_strict(
    project: Path, validate_json: Validate, case: str, warnings: set[tuple[str, str, int, int]]
) -> None:
    add_case(project, case)
    report = validate_json()
    assert report.exit_code == 0
    assert report.found() == set()
    assert report.found(severity="warning") == warnings
    assert validate_json("--strict").exit_code == 1


def test_entries_parse_their_file_again_only_to_place_a_problem(
    project: Path, validate_json: Validate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries keep their file's text, not its tree (about 100 MB for 5,000 entries): the tree
    is parsed again when a problem of the entry first needs a place, and only once."""
    add_case(project, "warnings")  # three warnings in offshoring.yml, none in onshoring.yml
    parsed: list[str] = []

    def counting_parse(text: str, shown: str) -> ReadResult:
        parsed.append(Path(shown).name)
        return parse_yaml_text(text, shown)

    monkeypatch.setattr(load, "parse_yaml_text", counting_parse)
    assert len(validate_json().found(severity="warning")) == 3
    assert parsed == ["offshoring.yml"]


# --- the rules page cannot drift from the code ----------------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "sourcing_glossary"
RULES_PAGE = PACKAGE.parent.parent / "docs" / "validation.md"
CODE_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def code_literals_in_problem_calls() -> set[str]:
    """Every code-shaped string among the arguments of a `Problem(...)` or `.problem(...)` call
    in the package, also inside a conditional ('a' if bad else 'b'), but not inside f-strings."""
    codes: set[str] = set()
    for module in PACKAGE.rglob("*.py"):
        for call in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call) and (
                (isinstance(call.func, ast.Name) and call.func.id == "Problem")
                or (isinstance(call.func, ast.Attribute) and call.func.attr == "problem")
            ):
                in_text = {
                    id(node)
                    for arg in call.args
                    for text in ast.walk(arg)
                    if isinstance(text, ast.JoinedStr)
                    for node in ast.walk(text)
                }  # f-string parts are words
                codes |= {
                    node.value
                    for arg in call.args[:4]
                    for node in ast.walk(arg)
                    if isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and CODE_SHAPE.fullmatch(node.value)
                    and id(node) not in in_text
                }
    return codes


def codes_in_rules_table() -> set[str]:
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", RULES_PAGE.read_text(encoding="utf-8"), re.MULTILINE))


def codes_asserted_by_tests() -> set[str]:
    """Registered codes that some test expects: a string in an assert statement, in a test's
    parameters, or in this module's CASES."""
    found: set[str] = set()
    for module in Path(__file__).parent.glob("test_*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        places: list[ast.AST] = [node for node in ast.walk(tree) if isinstance(node, ast.Assert)]
        places += [decorator for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) for decorator in node.decorator_list]
        places += [
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "CASES" for target in node.targets)
        ]
        found |= {
            node.value for place in places for node in ast.walk(place) if isinstance(node, ast.Constant) and node.value in CODES
        }
    return found


def test_every_code_a_check_can_report_is_registered() -> None:
    in_source = code_literals_in_problem_calls()
    assert {"yaml-syntax", "bad-csv", "url-removed", "broken-link"} <= in_source  # the scan reaches every stage
    assert in_source - set(CODES) == set()


def test_a_problem_with_an_unregistered_code_is_refused() -> None:
    with pytest.raises(ValueError, match="codes.py"):
        Problem("a.yml", 1, 1, "no-such-code", "message")


def test_every_registered_code_is_documented_on_the_rules_page() -> None:
    assert set(CODES) - codes_in_rules_table() == set()


def test_rules_page_documents_no_code_that_is_not_registered() -> None:
    assert codes_in_rules_table() - set(CODES) == set()


def test_every_registered_code_is_expected_by_a_test() -> None:
    assert set(CODES) - codes_asserted_by_tests() == set()


def test_a_schema_rule_without_plain_words_is_named_not_dumped(project: Path, validate_json: Validate) -> None:
    schema_file = project / "glossary" / "schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["facets"]["maxProperties"] = 1
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    add_case(project, "unknown-facet-value")
    (project / TERMS / "misfiled.yml").write_text(
        (FIXTURES / "unknown-facet-value" / "misfiled.yml").read_text(encoding="utf-8") + "  ownership: any\n", encoding="utf-8"
    )
    report = validate_json()
    assert ("invalid-value", "misfiled.yml", 7, 3) in report.found()
    assert "'facets' breaks the schema rule 'maxProperties: 1'" in report.text()
