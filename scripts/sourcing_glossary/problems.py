"""Problems are values: every check returns them, one reporter prints them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from .codes import CODES


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"the problem code '{self.code}' is not in codes.py (and so not in docs/validation.md)")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Mark:
    """Where a value starts in its file (1-based line and column)."""

    path: str
    line: int
    column: int

    def problem(self, code: str, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> Problem:
        return Problem(self.path, self.line, self.column, code, message, hint, severity)


def display_path(path: Path, root: Path) -> str:
    """The path as an editor sees it: relative to the project when possible."""
    try:  # resolve the folder only: the file itself may be a broken or looping link
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.message))
