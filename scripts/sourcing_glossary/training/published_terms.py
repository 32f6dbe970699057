"""Read a published glossary's terms.json, from a file or an http(s) address: what training
material built elsewhere links its term mentions to."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from functools import cached_property
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
    names: tuple[str, ...]  # the term and its aliases
    target: str  # the slug its names link to: a deprecated term's replacement, when there is one


@dataclass(frozen=True)
class PublishedGlossary:
    terms: dict[str, PublishedTerm]  # by slug, in the file's order

    def names(self) -> list[tuple[str, str]]:
        """(name, slug it links to) of every term's names."""
        return [(name, term.target) for term in self.terms.values() for name in term.names]

    def target_of(self, href: str) -> str | None:
        """The slug that mentions of the term at `href` (its page, any section) link to."""
        return self._targets_by_url.get(href.split("#")[0])

    @cached_property
    def _targets_by_url(self) -> dict[str, str]:
        return {term.url: term.target for term in self.terms.values()}


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
        return PublishedGlossary({record["slug"]: _term(record, slugs) for record in records})
    except (ValueError, KeyError, TypeError) as error:
        raise TermsUnavailable(
            f"{source} is not a glossary's terms.json (the file the glossary publishes at its root): {error!r}"
        ) from error


def _term(record: dict, slugs: set[str]) -> PublishedTerm:
    replacement = record["replaced_by"]
    target = replacement if record["status"] == "deprecated" and replacement in slugs else record["slug"]
    return PublishedTerm(
        record["slug"], record["term"], record["summary"], record["url"], (record["term"], *record["aliases"]), target
    )
