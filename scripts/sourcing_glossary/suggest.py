"""'Did you mean ...?': the closest known name to a wrong one, for every hint that offers one
(unknown slugs, categories, sources, fields, columns, anchors and addresses)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6  # difflib's ratio; 'outsorcing' -> 'outsourcing' is 0.95, unrelated words stay below


def suggest(wrong: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `wrong`, or None when none is close."""
    ordered = sorted(choices)
    close = difflib.get_close_matches(wrong, ordered, n=1, cutoff=CUTOFF)
    if not close and "-" not in wrong and "/" not in wrong:  # 'nearshore' -> 'nearshoring': compare word starts
        close = [c for c in ordered if c.startswith(wrong[: max(4, len(wrong) - 2)])][:1]
    return close[0] if close else None


def did_you_mean(wrong: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or '' when none is close."""
    close = suggest(wrong, choices)
    return f"did you mean '{close}'?" if close else ""
