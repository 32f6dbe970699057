"""`glossary import FILE.csv`: spreadsheet rows become entry files, all checked first."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import TEST_SOURCES, copy_project, run_glossary, write_entry
from sourcing_glossary.source.load import Layout
from sourcing_glossary.tools.importer import import_csv

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def terms(project: Path) -> list[str]:
    return sorted(path.stem for path in (project / "glossary" / "terms").glob("*.yml"))


def only_rows(text: str, slugs: set[str]) -> str:
    """The CSV export cut down to the rows of `slugs`, as a spreadsheet would save it."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([rows[0]] + [r for r in rows[1:] if r[0] in slugs])
    return out.getvalue()


def test_export_then_import_round_trips_the_whole_glossary(tmp_path: Path, project: Path) -> None:
    """Every field comes back, except the review status: imported text starts as a draft."""
    (tmp_path / "source").mkdir()  # `project` is tmp_path itself
    source = copy_project(tmp_path / "source")
    registry = source / "glossary" / "sources.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + TEST_SOURCES.removeprefix("sources:\n"), encoding="utf-8")
    shutil.copy(registry, project / "glossary" / "sources.yml")
    shutil.copy(FIXTURES / "tricky.yml", source / "glossary" / "terms" / "tricky.yml")
    run_glossary("export", "--format", "csv", "-o", str(project / "all.csv"), cwd=source, check=True)
    result = run_glossary("import", "all.csv", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = (
        json.loads(run_glossary("export", "--format", "json", cwd=root, check=True).stdout) for root in (source, project)
    )
    for term in before["terms"]:
        if term["status"] != "deprecated":
            term["status"], term["reviewed"] = "draft", None
    assert after == before
    assert terms(project) == terms(source)


def test_imported_entries_pass_validate(project: Path) -> None:
    write_entry(project, "offshoring")
    write_entry(project, "onshoring")
    shutil.copy(FIXTURES / "tricky.yml", project / "glossary" / "terms" / "tricky.yml")
    text = run_glossary("export", "--format", "csv", cwd=project, check=True).stdout
    (project / "glossary" / "terms" / "tricky.yml").unlink()
    (project / "tricky.csv").write_text(only_rows(text, {"tricky"}), encoding="utf-8")
    run_glossary("import", "tricky.csv", cwd=project, check=True)
    result = run_glossary("validate", cwd=project)
    assert result.returncode == 0 and "0 errors" in result.stdout, result.stdout


def test_imported_files_are_written_in_the_house_style(project: Path) -> None:
    write_entry(project, "outsourcing")
    entry = project / "glossary" / "terms" / "shared-services-center.yml"
    shutil.copy(FIXTURES / "house_style.yml", entry)
    text = run_glossary("export", "--format", "csv", cwd=project, check=True).stdout
    entry.unlink()
    (project / "ssc.csv").write_text(only_rows(text, {"shared-services-center"}), encoding="utf-8")
    run_glossary("import", "ssc.csv", cwd=project, check=True)
    assert entry.read_text(encoding="utf-8") == (FIXTURES / "house_style.yml").read_text(encoding="utf-8")


def test_every_bad_row_is_reported_with_its_row_and_column_and_nothing_is_written(project: Path) -> None:
    result = run_glossary("import", str(FIXTURES / "bad_rows.csv"), cwd=project)
    assert result.returncode == 1
    out = result.stdout
    assert "row 3, column A (slug): 'Bad Slug' is not a valid slug" in out
    assert "row 4, column C (category): the category 'sourcing-modles' is not declared" in out
    assert "did you mean 'sourcing-models'?" in out
    assert "row 5, column F (pros): line 1 of the cell neither starts an item with '* '" in out
    assert "row 6, column G (related): related term 'no-such-term' does not exist" in out
    assert "row 7, column D (summary): the summary is empty" in out
    assert "error[" not in "".join(line for line in out.splitlines() if "row 2," in line)
    assert "Nothing was written: 5 of 6 rows have problems (rows 3, 4, 5, 6, 7)" in out
    assert terms(project) == []


def test_skip_invalid_writes_the_valid_rows_and_lists_the_rest(project: Path) -> None:
    result = run_glossary("import", "--skip-invalid", str(FIXTURES / "bad_rows.csv"), cwd=project)
    assert result.returncode == 1  # some rows were left out: scripts must notice
    assert "Imported 1 of 6 rows: glossary/terms/good-term.yml" in result.stdout
    assert "Skipped rows 3, 4, 5, 6, 7" in result.stdout
    assert terms(project) == ["good-term"]


def test_a_row_that_links_to_a_skipped_row_is_skipped_too(project: Path) -> None:
    (project / "linked.csv").write_text(
        "slug,term,category,summary,definition,related\n"
        "alpha,Alpha,no-such-category,A first term.,Its definition.,beta\n"
        "beta,Beta,sourcing-models,A second term.,Its definition.,alpha\n",
        encoding="utf-8",
    )
    result = run_glossary("import", "--skip-invalid", "linked.csv", cwd=project)
    assert "row 3, column F (related): related term 'alpha' does not exist" in result.stdout
    assert terms(project) == []


def test_import_never_overwrites_an_existing_entry(project: Path) -> None:
    existing = write_entry(project, "good-term")
    before = existing.read_bytes()
    result = run_glossary("import", "--skip-invalid", str(FIXTURES / "bad_rows.csv"), cwd=project)
    assert "row 2, column A (slug): glossary/terms/good-term.yml already exists; import never overwrites" in result.stdout
    assert existing.read_bytes() == before


def test_a_name_that_clashes_with_an_existing_entry_is_reported_on_the_row(project: Path) -> None:
    write_entry(
        project,
        "alpha",
        "term: Alpha\naliases:\n  - AL\ncategory: sourcing-models\nsummary: The first term.\ndefinition: |\n  Its definition.\n",
    )
    (project / "clash.csv").write_text(
        "slug,term,aliases,category,summary,definition\naardvark,Aardvark,AL,sourcing-models,A clashing term.,Its definition.\n",
        encoding="utf-8",
    )
    result = run_glossary("import", "clash.csv", cwd=project)
    assert result.returncode == 1
    assert "row 2, column A (slug): with 'aardvark' added, glossary/terms/alpha.yml:3:" in result.stdout
    assert "alias-collision" in result.stdout
    assert terms(project) == ["alpha"]


def test_a_file_that_is_not_utf8_is_refused_with_advice(project: Path) -> None:
    result = run_glossary("import", str(FIXTURES / "latin1.csv"), cwd=project)
    assert result.returncode == 1
    assert "not-utf8" in result.stdout and "CSV UTF-8" in result.stdout
    assert terms(project) == []


def test_an_unknown_column_is_reported_with_a_suggestion(project: Path) -> None:
    result = run_glossary("import", str(FIXTURES / "unknown_column.csv"), cwd=project)
    assert result.returncode == 1
    assert "column D: 'sumary' is not a column of the glossary" in result.stdout
    assert "did you mean 'summary'?" in result.stdout
    assert terms(project) == []


def test_a_file_that_is_not_csv_is_refused_at_the_line_where_it_breaks(project: Path) -> None:
    result = run_glossary("import", str(FIXTURES / "bad_quotes.csv"), cwd=project)
    assert result.returncode == 1
    assert "bad_quotes.csv:2: error[bad-csv]: the file is not valid CSV" in result.stdout
    assert terms(project) == []


HEADER = "slug,term,category,summary,definition\n"
ROW = "{slug},Alpha,sourcing-models,A first term.,Its definition.\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("slug;term;category\nalpha;Alpha;sourcing-models\n", ("bad-csv", 1, 0)),
        ("slug,term,term,category,summary,definition\n", ("duplicate-column", 1, 3)),
        ("slug,term,category,sumary,definition\n", ("unknown-column", 1, 4)),
        ("slug,term,category,definition\n", ("missing-column", 1, 0)),
        (HEADER + ROW.format(slug="alpha").rstrip("\n") + ",surplus\n", ("extra-cells", 2, 0)),
        (
            "slug,term,category,summary,definition,facets\n" + ROW.format(slug="alpha").rstrip("\n") + ",ownership outsourced\n",
            ("bad-cell", 2, 6),
        ),
        (HEADER + ROW.format(slug="alpha") + ROW.format(slug="alpha"), ("duplicate-slug", 3, 1)),
        (HEADER + ROW.format(slug="existing"), ("entry-exists", 2, 1)),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else "",
)
def test_each_import_rule_names_its_code_row_and_column(project: Path, text: str, expected: tuple[str, int, int]) -> None:
    write_entry(project, "existing")
    (project / "sheet.csv").write_text(text, encoding="utf-8")
    result = import_csv(project / "sheet.csv", Layout(project, project / "glossary"))
    assert expected in {(p.code, p.line, p.column) for p in result.problems}
    assert all(p.path == "sheet.csv" for p in result.problems)
    assert result.written == []
