"""`glossary validate` as an editor and CI run it: exit codes, output formats, and all the
problems of several bad files in one run, never a Python traceback.

The exit codes are checked on the installed command, in a process of its own; the rest runs
the command in-process (conftest.run_glossary)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import run_glossary, run_glossary_process

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
TERMS = "glossary/terms"


def add_files(project: Path, *names: str) -> None:
    """Copy fixture files ('case/file.yml') into the project's terms folder."""
    for name in names:
        shutil.copyfile(FIXTURES / name, project / TERMS / Path(name).name)


def test_clean_glossary_exits_0(project: Path) -> None:
    add_files(project, "clean-encodings/bom.yml", "clean-encodings/crlf.yml", "clean-encodings/bom-crlf.yml")
    result = run_glossary_process("validate", "--strict", cwd=project)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("files checked: no problems")


def test_errors_exit_1(project: Path) -> None:
    add_files(project, "missing-field/no-definition.yml")
    result = run_glossary_process("validate", cwd=project)
    assert result.returncode == 1
    assert "error[missing-field]" in result.stdout


def test_unknown_option_is_a_usage_error(project: Path) -> None:
    result = run_glossary_process("validate", "--no-such-option", cwd=project)
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_mkdocs_yml_is_a_usage_error(tmp_path: Path) -> None:
    result = run_glossary("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: mkdocs.yml: no such file")


def test_broken_mkdocs_yml_is_a_usage_error(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run_glossary("validate", cwd=project)
    assert result.returncode == 2
    assert "error: mkdocs.yml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_yml_without_the_plugin_is_a_usage_error(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: Elsewhere\n", encoding="utf-8")
    result = run_glossary("validate", cwd=project)
    assert result.returncode == 2
    assert "the 'glossary' plugin is not enabled" in result.stderr


def test_text_format_gives_path_line_column_code_message_and_hint(project: Path) -> None:
    add_files(project, "unknown-field/misspelt.yml")
    lines = run_glossary("validate", cwd=project).stdout.splitlines()
    first = lines.index("glossary/terms/misspelt.yml:6:1: error[unknown-field]: unknown field 'alias'")
    assert lines[first + 1] == "    hint: did you mean 'aliases'?"
    assert lines[0] == "glossary/sources.yml:2:3: warning[unused-source]: no entry cites the source 'test-source'"
    assert lines[-1] == "3 files checked: 2 errors, 2 warnings in 2 files"  # the entry, categories.yml, sources.yml


def test_github_format_gives_one_annotation_per_problem(project: Path) -> None:
    add_files(project, "unknown-field/misspelt.yml", "empty-file/empty.yml", "warnings/offshoring.yml")
    result = run_glossary("validate", "--format", "github", cwd=project)
    annotations = result.stdout.splitlines()[:-1]
    assert (
        annotations[0] == "::error file=glossary/terms/empty.yml,title=empty-file::the file is empty "
        "(hint: run 'glossary new SLUG' for a starting point)"
    )
    assert (
        "::error file=glossary/terms/misspelt.yml,line=6,col=1,title=unknown-field::unknown field 'alias' "
        "(hint: did you mean 'aliases'?)" in annotations
    )
    assert (
        "::warning file=glossary/terms/offshoring.yml,line=3,col=10,title=placeholder-text::"
        "the summary still contains the placeholder 'TODO' (hint: replace it with the real text)" in annotations
    )
    shape = re.compile(r"::(error|warning) file=[^,:]+(,line=\d+,col=\d+)?,title=[a-z0-9-]+::\S.*")
    assert all(shape.fullmatch(line) for line in annotations), annotations
    assert result.returncode == 1


def test_json_format_counts_errors_and_warnings(project: Path) -> None:
    add_files(project, "reserved-slug/index.yml", "warnings/offshoring.yml", "warnings/onshoring.yml")
    report = json.loads(run_glossary("validate", "--format", "json", cwd=project).stdout)
    assert (report["files_checked"], report["errors"], report["warnings"]) == (5, 1, 5)
    assert set(report["problems"][0]) == {"path", "line", "column", "severity", "code", "message", "hint"}


def test_all_problems_of_several_bad_files_come_in_one_run(project: Path) -> None:
    add_files(
        project,
        "yaml-syntax/colon-in-summary.yml",
        "tab-indent/tabbed-aliases.yml",
        "raw-html/offshoring.yml",
        "bad-date/february-30.yml",
        "not-utf8/latin-1.yml",
    )
    result = run_glossary("validate", "--format", "json", cwd=project)
    report = json.loads(result.stdout)
    by_file: dict[str, set[str]] = {}
    for problem in report["problems"]:
        if problem["severity"] == "error":
            by_file.setdefault(Path(problem["path"]).name, set()).add(problem["code"])
    assert by_file == {
        "colon-in-summary.yml": {"yaml-syntax"},
        "tabbed-aliases.yml": {"tab-indent"},
        "offshoring.yml": {"raw-html"},
        "february-30.yml": {"bad-date"},
        "latin-1.yml": {"not-utf8"},
    }
    assert report["errors"] == 14
    assert result.returncode == 1


def test_hostile_files_give_messages_not_tracebacks(project: Path) -> None:
    add_files(
        project,
        "billion-laughs/billion-laughs.yml",
        "yaml-tag/whole-file.yml",
        "bad-character/control-character.yml",
        "not-utf8/latin-1.yml",
        "too-deep/nested-sources.yml",
        "bad-key/list-as-key.yml",
        "multiple-documents/two-entries.yml",
    )
    (project / TERMS / "looping.yml").symlink_to("looping.yml")
    (project / TERMS / "huge-number.yml").write_text("term: " + "9" * 5000 + "\n", encoding="utf-8")
    result = run_glossary("validate", cwd=project)
    assert result.returncode == 1
    assert result.stderr == ""
    assert "11 files checked" not in result.stdout  # the looping link is not a file, yet is reported
    assert "glossary/terms/looping.yml: error[unreadable-file]" in result.stdout
    assert "glossary/terms/huge-number.yml:1:7: error[wrong-type]: 'term' must be text, but it is a number" in result.stdout
