"""Read a published glossary's terms.json, from a file or an http(s) address: what training
material built elsewhere links its term mentions to."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from pathlib import Path

FETCH_TIMEOUT = 30  # seconds


class TermsUnavailable(Exception):
    """terms.json could not be read, or is not a glossary's list of terms."""


@dataclass(frozen=True)
class PublishedTerm:
    slug: str
    term: str
    summary: str
    url: str


@dataclass(frozen=True)
class PublishedGlossary:
    terms: dict[str, PublishedTerm]  # by slug
    names: list[tuple[str, str]]  # (name, slug of the term it links to), in the file's order


def _link_target(record: dict, slugs: set[str]) -> str:
    """The slug a term's names link to: a deprecated term's replacement, when there is one."""
    replacement = record.get("replaced_by")
    return replacement if record.get("status") == "deprecated" and replacement in slugs else record["slug"]


def read_terms(source: str) -> PublishedGlossary:
    """The terms of terms.json at `source`, a file path or an http(s) URL."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
    except (OSError, ValueError) as error:  # URLError is an OSError; UnicodeDecodeError a ValueError
        raise TermsUnavailable(f"cannot read the glossary's terms from {source}: {error}") from error
    try:
        records = json.loads(text)["terms"]
        slugs = {record["slug"] for record in records}
        return PublishedGlossary(
            terms={r["slug"]: PublishedTerm(r["slug"], r["term"], r["summary"], r["url"]) for r in records},
            names=[(name, _link_target(r, slugs)) for r in records for name in (r["term"], *r["aliases"])])
    except (ValueError, KeyError, TypeError) as error:
        raise TermsUnavailable(f"{source} is not a glossary's terms.json (the file the glossary publishes "
                               f"at its root): {error!r}") from error
