"""Load and check the whole glossary: the one entry point the CLI and the MkDocs plugin share."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Glossary
from ..problems import Problem, sort_problems
from ..source.load import Layout, load_glossary
from .rules import check_glossary


@dataclass(frozen=True)
class Validation:
    glossary: Glossary
    problems: list[Problem]
    files_checked: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.problems if strict else self.errors)


def validate(layout: Layout) -> Validation:
    glossary, problems = load_glossary(layout)
    problems += check_glossary(glossary)
    files = sum(1 for p in layout.terms.glob("*") if p.is_file()) if layout.terms.is_dir() else 0
    files += sum(1 for p in (layout.categories, layout.comparisons, layout.sources) if p.is_file())
    return Validation(glossary, sort_problems(problems), files)
