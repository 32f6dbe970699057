"""`glossary status`: which entries are drafts, deprecated, or due for another check against
their sources, so an editor sees what to review next."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from ..model import STATUSES, Entry, Glossary

DEFAULT_DUE_DAYS = 365  # a reviewed entry is due again a year after its last review


@dataclass(frozen=True)
class EntryStatus:
    entry: Entry
    days_since_review: int | None  # None: never reviewed (or the date is unreadable)

    def is_due(self, due_days: int) -> bool:
        if self.entry.is_deprecated:
            return False
        return self.days_since_review is None or self.days_since_review > due_days


def entry_statuses(glossary: Glossary, today: datetime.date) -> list[EntryStatus]:
    """Every entry, the longest unreviewed first (never reviewed before all), then by slug."""
    found = [EntryStatus(entry, _days_since(entry.reviewed, today)) for entry in glossary.entries.values()]
    return sorted(found, key=lambda s: (s.days_since_review is not None, -(s.days_since_review or 0), s.entry.slug))


def _days_since(day: str | None, today: datetime.date) -> int | None:
    try:
        return (today - datetime.date.fromisoformat(day)).days if day else None
    except ValueError:
        return None


def _age(status: EntryStatus) -> str:
    days = status.days_since_review
    if days is None:
        return "never reviewed"
    return f"reviewed {status.entry.reviewed} ({days} day{'s' * (days != 1)} ago)"


def render_text(statuses: list[EntryStatus], due_days: int) -> str:
    counts = {name: sum(s.entry.status == name for s in statuses) for name in STATUSES}
    due = [s for s in statuses if s.is_due(due_days)]
    lines = [f"{len(statuses)} entries: " + ", ".join(f"{counts[name]} {name}" for name in STATUSES), ""]
    lines.append(f"Due for review ({len(due)}; never reviewed, or last reviewed more than {due_days} days ago):")
    lines += [f"  {s.entry.path}: {s.entry.status}, {_age(s)}" for s in due] or ["  none"]
    for name in ("draft", "deprecated"):
        members = [s for s in statuses if s.entry.status == name]
        lines += ["", f"{name.capitalize()} ({len(members)}):"]
        lines += [
            f"  {s.entry.path}: {s.entry.term}" + (f" -> replaced by '{s.entry.replaced_by}'" if s.entry.replaced_by else "")
            for s in members
        ] or ["  none"]
    return "\n".join(lines) + "\n"


def render_json(statuses: list[EntryStatus], due_days: int) -> str:
    rows = [
        {
            "slug": s.entry.slug,
            "path": s.entry.path,
            "status": s.entry.status,
            "reviewed": s.entry.reviewed,
            "days_since_review": s.days_since_review,
            "due": s.is_due(due_days),
            "replaced_by": s.entry.replaced_by,
        }
        for s in statuses
    ]
    return json.dumps({"due_after_days": due_days, "entries": rows}, indent=2, sort_keys=True) + "\n"
