"""The URL lock: every site path the glossary has ever published, recorded in glossary/urls.lock.

A published URL is a promise to everyone who linked to it (training decks, handouts, emails).
The lock turns that promise into a check: a URL recorded here that the site would no longer
serve (a term renamed or deleted without a redirect) is a problem, never a silent 404.
New URLs are added by `glossary urls --update`; removing one is a deliberate edit by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Glossary
from ..problems import Problem
from ..render.redirects import redirects
from ..report import format_problems
from ..suggest import suggest
from ..urls import site_path, slug_page, slugs_in

LOCK_NAME = "urls.lock"

_HEADER = """\
# Published URLs of the Sourcing Glossary: one site path per line, sorted.
# Links in training material point at these, so the build fails if one of them would disappear.
# `glossary urls --update` adds new URLs; it never removes any.
# A term was renamed? Add its old slug to `previous_slugs` of the new term: the old URL then redirects.
# Delete a line here by hand only when a URL is meant to disappear.
"""


def redirect_targets(glossary: Glossary) -> dict[str, str]:
    """Redirect path -> the canonical path it sends readers to, for every redirect page written."""
    return {path: f"{path.rsplit('/', 2)[0]}/{owner.slug}/" for path, owner in redirects(glossary).items()}


def published_urls(glossary: Glossary, page_uris: Iterable[str]) -> list[str]:
    """Every site path the site serves: its pages (Markdown sources relative to docs/,
    generated and hand-written) and the redirects."""
    return sorted({site_path(uri) for uri in page_uris} | set(redirect_targets(glossary)))


def lock_path(data: Path) -> Path:
    return data / LOCK_NAME


@dataclass(frozen=True)
class LockStatus:
    shown: str  # the lock file as editors see it
    exists: bool
    recorded: tuple[str, ...]
    removed: list[Problem]  # recorded URLs the site would no longer serve
    new: list[str]  # served URLs not recorded yet

    def updated_text(self) -> str:
        """The lock with the new URLs added and every recorded one kept."""
        return _HEADER + "".join(f"{path}\n" for path in sorted({*self.recorded, *self.new}))

    def describe(self) -> str:
        if not self.exists:
            return f"{self.shown} does not exist yet: run 'glossary urls --update' to create it"
        lines = []
        if self.removed:
            count = len(self.removed)
            lines += format_problems(self.removed)
            lines.append(f"{count} published URL{'s' * (count != 1)} would disappear")
        if self.new:
            lines.append(
                f"{len(self.new)} new URL{'s' * (len(self.new) != 1)} not recorded in {self.shown} yet "
                "(run 'glossary urls --update' to record them):"
            )
            lines += [f"  {path}" for path in self.new]
        if not lines:
            lines.append(f"{self.shown}: all {len(self.recorded)} recorded URLs are still published")
        return "\n".join(lines)


def lock_status(lock_file: Path, shown: str, current: Iterable[str]) -> LockStatus:
    served = set(current)
    if not lock_file.is_file():
        return LockStatus(shown, False, (), [], sorted(served))
    recorded: dict[str, int] = {}  # path -> line number
    for number, line in enumerate(lock_file.read_text(encoding="utf-8").splitlines(), start=1):
        path = line.strip()
        if path and not path.startswith("#"):
            recorded.setdefault(path, number)
    new = sorted(served - set(recorded))
    removed = [_removed(path, number, shown, new) for path, number in recorded.items() if path not in served]
    return LockStatus(shown, True, tuple(recorded), removed, new)


def _removed(path: str, line: int, shown: str, new: list[str]) -> Problem:
    message = f"{path} was published, but the site would no longer have it: links to it would break"
    found = slug_page(path)
    if found is None:
        hint = f"restore the page; if removing it is deliberate, delete line {line} of {shown}"
    else:
        # a renamed term's new URL is not recorded yet: the likeliest replacement is among the new ones
        folder, slug = found
        close = suggest(slug, slugs_in(folder, new))
        perhaps = f" (perhaps '{close}')" if close else ""
        hint = (
            f"if the term was renamed, add '{slug}' to `previous_slugs` of the term that replaces it{perhaps}; "
            f"if removing the URL is deliberate, delete line {line} of {shown}"
        )
    return Problem(shown, line, 0, "url-removed", message, hint)
