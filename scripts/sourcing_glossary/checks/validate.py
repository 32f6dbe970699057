"""Load and check the whole glossary: the one entry point the CLI and the MkDocs plugin share."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Entry, Glossary
from ..problems import Problem, sort_problems
from ..source.load import FileCache, Layout, file_count, load_glossary
from .rules import check_glossary, entry_problems


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
    return Validation(glossary, sort_problems(problems), _files_checked(layout))


def _files_checked(layout: Layout) -> int:
    files = file_count(layout.terms) if layout.terms.is_dir() else 0
    return files + sum(1 for p in (layout.categories, layout.comparisons, layout.sources) if p.is_file())


class Revalidation:
    """validate() again and again on a folder where a few files change at a time (`glossary
    serve`): the same result, but an entry file whose bytes have not changed keeps its Entry
    object and is not parsed again, and its own problems (the checks of its text) are not
    looked for again. Checks across entries run every time."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.files = FileCache()
        self.own: dict[Entry, list[Problem]] = {}

    def validate(self) -> Validation:
        glossary, problems = load_glossary(self.layout, self.files)
        self.own = {entry: self.own[entry] for entry in glossary.entries.values() if entry in self.own}
        problems += check_glossary(glossary, self._own_problems)
        return Validation(glossary, sort_problems(problems), _files_checked(self.layout))

    def _own_problems(self, entry: Entry) -> list[Problem]:
        if entry not in self.own:
            self.own[entry] = entry_problems(entry)
        return self.own[entry]
