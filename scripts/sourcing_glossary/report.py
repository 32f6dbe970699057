"""Render problems for people (text), for GitHub Actions (annotations) and for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .problems import Problem, sort_problems

FORMATS = ("text", "github", "json")


def _where(problem: Problem) -> str:
    if problem.line <= 0:
        return problem.path
    if problem.column <= 0:
        return f"{problem.path}:{problem.line}"
    return f"{problem.path}:{problem.line}:{problem.column}"


def summary_line(problems: list[Problem], files_checked: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{files_checked} files checked: no problems"
    files = len({p.path for p in problems})
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    return f"{files_checked} files checked: {', '.join(parts)} in {files} file{'s' * (files != 1)}"


def format_problem(problem: Problem) -> str:
    """One problem for people: `path:line:column: severity[code]: message`, its hint below."""
    text = f"{_where(problem)}: {problem.severity.value}[{problem.code}]: {problem.message}"
    return text + (f"\n    hint: {problem.hint}" if problem.hint else "")


def format_problems(problems: list[Problem]) -> list[str]:
    """The problems in report order, one text each (without a summary line)."""
    return [format_problem(problem) for problem in sort_problems(problems)]


def render_text(problems: list[Problem], files_checked: int) -> str:
    return "\n".join([*format_problems(problems), summary_line(problems, files_checked)]) + "\n"


def _escape_github(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(problems: list[Problem], files_checked: int) -> str:
    lines = []
    for problem in sort_problems(problems):
        properties = [f"file={_escape_github(problem.path, property_value=True)}"]
        if problem.line > 0:
            properties.append(f"line={problem.line}")
        if problem.column > 0:
            properties.append(f"col={problem.column}")
        properties.append(f"title={_escape_github(problem.code, property_value=True)}")
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        lines.append(f"::{problem.severity.value} {','.join(properties)}::{_escape_github(message)}")
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n"


def render_json(problems: list[Problem], files_checked: int) -> str:
    return (
        json.dumps(
            {
                "files_checked": files_checked,
                "errors": sum(p.is_error for p in problems),
                "warnings": sum(not p.is_error for p in problems),
                "problems": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity.value,
                        "code": p.code,
                        "message": p.message,
                        "hint": p.hint,
                    }
                    for p in sort_problems(problems)
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


RENDERERS: dict[str, Callable[[list[Problem], int], str]] = {"text": render_text, "github": render_github, "json": render_json}
