"""`glossary import`: turn a spreadsheet (the columns of the CSV export) into entry files.

Every row is checked before anything is written, with the same checks as `glossary validate`:
the new files are validated together with the existing glossary in a scratch copy, and each
problem is traced back to its row and column. Nothing is written unless every row is valid
(or, when asked, only the valid rows are), and an existing entry is never overwritten.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.validate import validate
from ..exports import csvformat
from ..model import RESERVED_SLUGS
from ..names import is_slug, slugify
from ..problems import Problem, Severity
from ..source.entry_yaml import entry_yaml
from ..source.load import Layout
from ..source.schema import SchemaChecker
from ..suggest import did_you_mean

HEADER_ROW = 1


@dataclass(frozen=True)
class Sheet:
    """The CSV as read: where it is (as shown in messages) and its columns."""

    shown: str
    columns: list[str]

    def problem(
        self, row: int, column: str | None, code: str, message: str, hint: str = "", severity: Severity = Severity.ERROR
    ) -> Problem:
        if column is None or column not in self.columns:
            return Problem(self.shown, row, 0, code, f"row {row}: {message}", hint, severity)
        index = self.columns.index(column)
        where = f"row {row}, column {csvformat.column_letter(index)} ({column})"
        return Problem(self.shown, row, index + 1, code, f"{where}: {message}", hint, severity)


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it: the header is row 1
    slug: str
    text: str  # the entry file to write
    field_lines: list[tuple[int, str]]  # (line, field) where each field starts in `text`

    def field_at(self, line: int) -> str:
        """The field a problem at `line` of the file is about ('slug' for the file as a whole)."""
        found = "slug"
        for start, name in self.field_lines:
            if start <= line:
                found = name
        return found


@dataclass
class ImportResult:
    rows: int = 0  # data rows read
    written: list[Path] = field(default_factory=list)
    invalid_rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    def describe(self, layout: Layout) -> str:
        rows = ", ".join(str(number) for number in self.invalid_rows)
        if self.written:
            done = f"Imported {len(self.written)} of {self.rows} rows: " + ", ".join(layout.shown(p) for p in self.written)
            return done + (
                f"\nSkipped rows {rows} (problems above)." if self.invalid_rows else "\nThe new entries pass 'glossary validate'."
            )
        if self.invalid_rows:
            return (
                f"Nothing was written: {len(self.invalid_rows)} of {self.rows} rows have problems (rows {rows}). "
                "Fix them, or import the valid rows alone with --skip-invalid."
            )
        return "Nothing was written." if self.failed else "The file has no rows to import."


def import_csv(path: Path, layout: Layout, *, skip_invalid: bool = False) -> ImportResult:
    result = ImportResult()
    schema = SchemaChecker(layout.data / "schema.json")
    sheet, records = _read(path, layout, ["slug", *schema.schema.get("required", [])], result.problems)
    if sheet is None or result.failed:
        return result  # the file or its header is unusable: no row can be trusted
    rows = []
    taken: dict[str, int] = {}
    for number, cells in records:
        result.rows += 1
        row = _prepare(sheet, number, cells, schema, layout, taken, result.problems)
        if row is not None:
            rows.append(row)
    invalid = {p.line for p in result.problems if p.is_error}
    valid, found = _check_together(sheet, layout, rows, skip_invalid=skip_invalid)
    result.problems += found
    invalid |= {p.line for p in found if p.is_error}
    result.invalid_rows = sorted(invalid)
    if invalid and not skip_invalid:
        return result
    result.written = _write(valid, layout, sheet, result.problems)
    return result


def _read(
    path: Path, layout: Layout, required: list[str], problems: list[Problem]
) -> tuple[Sheet | None, list[tuple[int, list[str]]]]:
    shown = layout.shown(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        problems.append(Problem(shown, 0, 0, "unreadable-file", f"the file cannot be read: {error.strerror or error}"))
        return None, []
    except UnicodeDecodeError as error:
        line = error.object.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                shown,
                line,
                0,
                "not-utf8",
                f"the file is not UTF-8 (byte {error.start + 1})",
                "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'",
            )
        )
        return None, []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # only \r and \n end a row
    try:
        table = list(reader)
    except csv.Error as error:
        problems.append(
            Problem(
                shown,
                reader.line_num,
                0,
                "bad-csv",
                f"the file is not valid CSV: {error}",
                "save it again from the spreadsheet as CSV",
            )
        )
        return None, []
    if not table:
        problems.append(
            Problem(
                shown, 0, 0, "empty-file", "the file is empty", "start from 'glossary export --format csv' to get the columns"
            )
        )
        return None, []
    sheet = Sheet(shown, [name.strip() for name in table[0]])
    problems += _header_problems(sheet, required)
    return sheet, [
        (number, cells) for number, cells in enumerate(table[1:], start=HEADER_ROW + 1) if any(cell.strip() for cell in cells)
    ]  # spreadsheets leave empty rows at the end


def _header_problems(sheet: Sheet, required: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    for index, name in enumerate(sheet.columns):
        where = f"column {csvformat.column_letter(index)}"
        if name in seen:
            problems.append(
                Problem(
                    sheet.shown,
                    HEADER_ROW,
                    index + 1,
                    "duplicate-column",
                    f"{where}: the column '{name}' appears twice",
                    "keep one of them",
                )
            )
        elif name not in csvformat.COLUMNS:
            problems.append(
                Problem(
                    sheet.shown,
                    HEADER_ROW,
                    index + 1,
                    "unknown-column",
                    f"{where}: '{name}' is not a column of the glossary",
                    did_you_mean(name, csvformat.COLUMNS) or "columns: " + ", ".join(csvformat.COLUMNS),
                )
            )
        seen.add(name)
    if len(sheet.columns) == 1 and (";" in sheet.columns[0] or "\t" in sheet.columns[0]):
        problems.append(
            Problem(
                sheet.shown,
                HEADER_ROW,
                0,
                "bad-csv",
                "the columns are not separated by commas",
                "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'",
            )
        )
    for name in required:
        if name not in sheet.columns and len(sheet.columns) > 1:
            problems.append(
                Problem(
                    sheet.shown,
                    HEADER_ROW,
                    0,
                    "missing-column",
                    f"the required column '{name}' is missing",
                    "add it to the first row",
                )
            )
    return problems


def _prepare(
    sheet: Sheet,
    number: int,
    cells: list[str],
    schema: SchemaChecker,
    layout: Layout,
    taken: dict[str, int],
    problems: list[Problem],
) -> Row | None:
    """The row as an entry file, or None after adding its problems (each cell checked)."""
    found: list[Problem] = []
    if len(cells) > len(sheet.columns):
        found.append(
            sheet.problem(
                number,
                None,
                "extra-cells",
                f"{len(cells)} cells, but the first row names {len(sheet.columns)} columns",
                "remove the cells to the right of the last column",
            )
        )
    data: dict[str, Any] = {}
    unreadable = set()
    for name, cell in zip(sheet.columns, cells):
        if name in csvformat.DERIVED:
            continue
        try:
            data[name] = csvformat.decode_cell(name, cell)
        except csvformat.CellError as error:
            unreadable.add(name)
            found.append(sheet.problem(number, name, "bad-cell", error.message, error.hint))
    for name in ["slug", *schema.schema.get("required", [])]:
        if not data.get(name) and name not in unreadable:
            found.append(sheet.problem(number, name, "empty-field", f"the {name} is empty", "fill it in"))
    slug = data.pop("slug", "")
    if data.get("status") != "deprecated":  # imported text has not been checked against its sources here
        data["status"] = "draft"
        data.pop("reviewed", None)
    if slug:
        found += _slug_problems(sheet, number, slug, layout, taken)
    problems += found
    if found:
        return None
    text, field_lines = entry_yaml(data, schema.field_names)
    return Row(number, slug, text, field_lines)


def _slug_problems(sheet: Sheet, number: int, slug: str, layout: Layout, taken: dict[str, int]) -> list[Problem]:
    if not is_slug(slug) or slug in RESERVED_SLUGS:
        suggestion = slugify(slug)
        return [
            sheet.problem(
                number,
                "slug",
                "bad-slug",
                f"'{slug}' is not a valid slug",
                f"slugs are lowercase words joined by hyphens, e.g. '{suggestion}'"
                if suggestion
                else "slugs are lowercase words joined by hyphens",
            )
        ]
    existing = layout.existing_entry(slug)
    if existing:
        return [
            sheet.problem(
                number,
                "slug",
                "entry-exists",
                f"{layout.shown(existing)} already exists; import never overwrites an entry",
                "edit the existing file instead, or give this row another slug",
            )
        ]
    if slug in taken:
        return [
            sheet.problem(
                number,
                "slug",
                "duplicate-slug",
                f"the slug '{slug}' is already used by row {taken[slug]}",
                "keep one row per term",
            )
        ]
    taken[slug] = number
    return []


# --- checking the new entries with the glossary --------------------------------------------


def _check_together(sheet: Sheet, layout: Layout, rows: list[Row], *, skip_invalid: bool) -> tuple[list[Row], list[Problem]]:
    """The rows that validate with the glossary, and the problems of all rows. Rows that fail
    are dropped and the rest checked again (a row may have linked to a dropped one)."""
    baseline = _validate_with(layout, [])[0]
    pending, problems = rows, []
    while pending:
        found = _row_problems(sheet, layout, pending, baseline)
        failing = {number for number, row_problems in found.items() if any(p.is_error for p in row_problems)}
        if not failing or not skip_invalid:
            problems += [p for row_problems in found.values() for p in row_problems]
            break
        problems += [p for number in failing for p in found[number]]
        pending = [row for row in pending if row.number not in failing]
    return pending, problems


def _validate_with(layout: Layout, rows: list[Row]) -> tuple[set[Problem], dict[str, Row]]:
    """Validate a scratch copy of the glossary with `rows` added: its problems, and which row
    wrote which file (as the problems name it)."""
    try:
        relative = layout.data.resolve().relative_to(layout.root.resolve())
    except ValueError:
        relative = Path(layout.data.name)
    with tempfile.TemporaryDirectory(prefix="glossary-import-") as scratch:
        copy = Layout(root=Path(scratch), data=Path(scratch) / relative)
        shutil.copytree(layout.data, copy.data)
        copy.terms.mkdir(exist_ok=True)
        files = {}
        for row in rows:
            path = copy.term_path(row.slug)
            path.write_text(row.text, encoding="utf-8")
            files[copy.shown(path)] = row
        return set(validate(copy).problems), files


def _row_problems(sheet: Sheet, layout: Layout, rows: list[Row], baseline: set[Problem]) -> dict[int, list[Problem]]:
    problems, files = _validate_with(layout, rows)
    found: dict[int, list[Problem]] = defaultdict(list)
    elsewhere = []
    for problem in sorted(problems - baseline, key=lambda p: (p.path, p.line, p.column, p.code)):
        row = files.get(problem.path)
        if row is None:
            elsewhere.append(problem)
            continue
        found[row.number].append(
            sheet.problem(row.number, row.field_at(problem.line), problem.code, problem.message, problem.hint, problem.severity)
        )
    if elsewhere:
        # A new entry can make an existing one fail (its alias now names two terms): find
        # which rows do, by adding them one at a time.
        alone = {row.number: _validate_with(layout, [row])[0] for row in rows} if len(rows) > 1 else {}
        for problem in elsewhere:
            # Caused by several rows together (or by the only one): all of them are named.
            culprits = [row for row in rows if problem in alone.get(row.number, set())] or rows
            for row in culprits:
                found[row.number].append(
                    sheet.problem(
                        row.number,
                        "slug",
                        problem.code,
                        f"with '{row.slug}' added, {problem.path}:{problem.line}: {problem.message}",
                        problem.hint,
                        problem.severity,
                    )
                )
    return found


def _write(rows: list[Row], layout: Layout, sheet: Sheet, problems: list[Problem]) -> list[Path]:
    """Write every row's file, or none: mode 'x' refuses to overwrite a file that appeared
    since the check, and then the files written so far are taken back."""
    layout.terms.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for row in rows:
        path = layout.term_path(row.slug)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(row.text)
        except FileExistsError:
            for done in written:
                done.unlink()
            problems.append(
                sheet.problem(
                    row.number, "slug", "entry-exists", f"{layout.shown(path)} appeared while importing; nothing was written"
                )
            )
            return []
        written.append(path)
    return written
