"""The rules for slugs and names, in one place: what a slug may be, how a name becomes one,
and when two names count as the same."""

from __future__ import annotations

import functools
import re
import unicodedata

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # lowercase ASCII words and digits, single hyphens between


@functools.lru_cache(maxsize=1 << 16)  # asked for every reference of every entry, at every check
def is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None


def slugify(text: str) -> str:
    """'Business Process Outsourcing' -> 'business-process-outsourcing'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in ascii_text).split()
    return "-".join(words)


@functools.lru_cache(maxsize=1 << 16)  # every check and `glossary serve`'s every rebuild compare all names
def name_key(name: str) -> str:
    """How names are compared: case, Unicode form and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
