"""Checks that keep claims traceable: the source registry, citations, uncited figures and
vague attributions, and the entry lifecycle (draft, reviewed, deprecated)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from ..model import Entry, Glossary, SourceRecord
from ..problems import Mark, Problem, Severity
from ..source.records import date_problem
from ..suggest import did_you_mean
from ..text import citations


def check_sources(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for entry in glossary.entries.values():
        problems += _entry_citation_problems(entry, glossary)
        problems += _lifecycle_problems(entry, glossary)
    for comparison in glossary.comparisons:
        problems += _comparison_problems(comparison.intro, comparison.mark, comparison.slug, glossary)
    problems += _unused_sources(glossary)
    return problems


def _entry_citation_problems(entry: Entry, glossary: Glossary) -> list[Problem]:
    problems = []
    known = glossary.sources
    for index, source in enumerate(entry.sources):
        if source.ref not in known:
            problems.append(
                entry.mark(["sources", index, "ref"]).problem(
                    "unknown-source",
                    f"the source '{source.ref}' is not in glossary/sources.yml",
                    did_you_mean(source.ref, known) or "add a record for it to glossary/sources.yml",
                )
            )
    for path, text, citation in entry.cited:
        problems += _citation_problems(text, [citation], known, partial(entry.mark_in_text, path))
    if not entry.sources and not entry.cited_ids:
        problems.append(
            entry.mark(["term"]).problem(
                "no-source",
                f"'{entry.slug}' cites no source, so readers cannot check it",
                "list at least one record of glossary/sources.yml under 'sources:', or cite one inline with [@id]",
                Severity.WARNING,
            )
        )
    return problems


def _citation_problems(
    text: str, found: list[citations.Citation], known: dict[str, SourceRecord], mark: Callable[[int], Mark]
) -> list[Problem]:
    problems = []
    for citation in found:
        if not citation.cites:
            shown = text[citation.start : citation.end]
            problems.append(
                mark(citation.start).problem(
                    "bad-citation",
                    f"'{shown}' is not a citation",
                    "write [@source-id], [@source-id, p. 12] or [@a; @b], with ids from glossary/sources.yml",
                )
            )
        for cite in citation.cites:
            if cite.id not in known:
                problems.append(
                    mark(citation.start).problem(
                        "unknown-source",
                        f"the citation '@{cite.id}' names no record of glossary/sources.yml",
                        did_you_mean(cite.id, known) or "add a record for it to glossary/sources.yml",
                    )
                )
    return problems


def claim_problems(entry: Entry) -> list[Problem]:
    """Figures and vague attributions without a citation, in the entry's text and its summary."""
    return _claim_problems(entry.markdown_fields(), partial(entry.mark_in_text)) + _summary_problems(entry)


def _claim_problems(fields: Iterator[tuple[list[Any], str]], mark: Callable[[list[Any], int], Mark]) -> list[Problem]:
    problems = []
    for path, text in fields:
        for claim in citations.uncited_claims(text):
            problems.append(_claim_problem(claim, mark(path, claim.offset)))
    return problems


def _claim_problem(claim: citations.Claim, mark: Mark) -> Problem:
    if claim.kind == "figure":
        return mark.problem(
            "uncited-figure",
            f"the figure '{claim.text}' has no citation in its sentence",
            "cite where it comes from, e.g. '... 20 % [@source-id].', or leave the figure out",
        )
    return mark.problem(
        "vague-attribution",
        f"'{claim.text}' attributes a claim to nobody in particular",
        "name the source with a citation [@source-id], or state the claim without naming one",
    )


def _summary_problems(entry: Entry) -> list[Problem]:
    """A summary is plain text and cannot carry a citation, so a figure there can never be checked."""
    problems = []
    for claim in citations.uncited_claims(entry.summary):
        code = "uncited-figure" if claim.kind == "figure" else "vague-attribution"
        problems.append(
            entry.mark_in_text(["summary"], claim.offset).problem(
                code,
                f"the summary states '{claim.text}', and a summary cannot carry a citation",
                "move the claim into the definition, with its citation",
            )
        )
    return problems


def _comparison_problems(intro: str, mark: Mark, slug: str, glossary: Glossary) -> list[Problem]:
    problems = _citation_problems(intro, citations.citations(intro), glossary.sources, lambda _offset: mark)
    for claim in citations.uncited_claims(intro):
        problems.append(_claim_problem(claim, mark))
    return [
        Problem(p.path, p.line, p.column, p.code, f"the comparison '{slug}': {p.message}", p.hint, p.severity) for p in problems
    ]


def _lifecycle_problems(entry: Entry, glossary: Glossary) -> list[Problem]:
    problems = date_problem(entry.reviewed, lambda: entry.mark(["reviewed"]), "review date")
    if entry.is_deprecated and not entry.replaced_by:
        problems.append(
            entry.mark(["status"]).problem(
                "missing-replacement",
                f"'{entry.slug}' is deprecated but names no replacement",
                "add 'replaced_by: <slug>' with the live term readers should use instead",
            )
        )
    if entry.replaced_by is None:
        return problems
    target = glossary.entries.get(entry.replaced_by)
    if not entry.is_deprecated:
        problems.append(
            entry.mark(["replaced_by"]).problem(
                "replaced-but-live",
                f"'{entry.slug}' names a replacement but is not deprecated",
                "set 'status: deprecated', or remove 'replaced_by'",
            )
        )
    elif entry.replaced_by == entry.slug:
        problems.append(
            entry.mark(["replaced_by"]).problem(
                "self-link", "replaced_by points to the entry itself", "name the live term that replaces it"
            )
        )
    elif target is None and entry.replaced_by not in glossary.unreadable_slugs:
        problems.append(
            entry.mark(["replaced_by"]).problem(
                "unknown-ref",
                f"the replacement '{entry.replaced_by}' does not exist",
                did_you_mean(entry.replaced_by, glossary.entries) or "check the slug in glossary/terms/",
            )
        )
    elif target is not None and target.is_deprecated:
        problems.append(
            entry.mark(["replaced_by"]).problem(
                "deprecated-replacement",
                f"the replacement '{target.slug}' is deprecated itself",
                f"point to the live term that replaces both: '{target.replaced_by}'"
                if target.replaced_by
                else "point to a live term",
            )
        )
    return problems


def _unused_sources(glossary: Glossary) -> list[Problem]:
    used = {source_id for entry in glossary.entries.values() for source_id in glossary.entry_source_ids(entry)}
    used.update(glossary.known_source_ids(comparison.intro for comparison in glossary.comparisons))
    return [
        record.mark.problem(
            "unused-source",
            f"no entry cites the source '{key}'",
            "cite it where it supports a claim, or remove the record",
            Severity.WARNING,
        )
        for key, record in glossary.sources.items()
        if key not in used
    ]
