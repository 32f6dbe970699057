"""'Did you mean ...?': the closest known name to a wrong one, for every hint that offers one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(wrong: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or '' when none is close."""
    ordered = sorted(choices)
    close = difflib.get_close_matches(wrong, ordered, n=1, cutoff=0.6)
    if not close and "-" not in wrong:  # 'nearshore' -> 'nearshoring': compare with word starts
        close = [c for c in ordered if c.startswith(wrong[: max(4, len(wrong) - 2)])][:1]
    return f"did you mean '{close[0]}'?" if close else ""
