"""Rules across the fields of one record of glossary/sources.yml, checked while it is read:
what the JSON Schema cannot say in plain words, and dates of the right shape that do not exist."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ..problems import Mark, Problem

_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def date_problem(value: str | None, mark: Callable[[], Mark], field: str) -> list[Problem]:
    """A date of the right shape whose day or month does not exist (2026-02-30)."""
    match = _DATE.fullmatch(value or "")
    if not match:
        return []  # other shapes are reported by the schema
    year, month, day = (int(part) if part else 1 for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []  # reported by the schema too
    try:
        datetime.date(year, month, day)
    except ValueError:
        reason = f"that month has no day {day}" if year else "there is no year 0"
        return [
            mark().problem(
                "bad-date", f"the {field} '{value}' is not a real date: {reason}", "check the day and the month, e.g. 2026-11-23"
            )
        ]
    return []


def record_field_problems(key: str, fields: dict[str, Any], mark: Mark, field_mark: Callable[[str], Mark]) -> list[Problem]:
    """Rules across a record's fields, which the JSON Schema cannot say in plain words, and
    dates of the right shape that do not exist."""
    problems = []
    for name, what in (("date", "date"), ("accessed", "access date")):
        if isinstance(fields.get(name), str):
            problems += date_problem(fields[name], partial(field_mark, name), what)
    has_date, undated = "date" in fields, fields.get("undated") is True
    if has_date and undated:
        problems.append(
            mark.problem(
                "date-and-undated",
                f"the source '{key}' has a date and says it is undated",
                "keep the date and remove 'undated: true', or the other way round",
            )
        )
    elif not has_date and not undated:
        problems.append(
            mark.problem(
                "missing-date",
                f"the source '{key}' has no date",
                "add 'date: YYYY' (or YYYY-MM, YYYY-MM-DD), or 'undated: true' when the publication gives none",
            )
        )
    if "url" in fields and "accessed" not in fields:
        problems.append(
            mark.problem(
                "missing-accessed",
                f"the source '{key}' has a url but no 'accessed' date",
                "add 'accessed: YYYY-MM-DD': the day you read the page",
            )
        )
    return problems
