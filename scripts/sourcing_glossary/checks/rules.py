"""Checks across entries: references, names, URLs, content safety, and link-graph warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from ..model import RESERVED_COMPARISON_SLUGS, Entry, Glossary
from ..names import is_slug, name_key, slugify
from ..problems import Mark, Problem, Severity
from ..source.records import date_problem
from ..suggest import did_you_mean
from ..text import markdown_scan
from .sources import check_sources, claim_problems


def check_glossary(glossary: Glossary, own_problems: Callable[[Entry], list[Problem]] | None = None) -> list[Problem]:
    """Every problem found across the entries. `own_problems` stands in for `entry_problems`
    (`glossary serve` remembers them for the entries that have not changed)."""
    problems: list[Problem] = []
    known = set(glossary.entries) | glossary.unreadable_slugs
    for entry in glossary.entries.values():
        problems += _category_problems(entry, glossary)
        problems += _reference_problems(entry, known)
        problems += (own_problems or entry_problems)(entry)
    problems += _name_problems(glossary)
    problems += _url_problems(glossary)
    problems += _comparison_problems(glossary, known)
    problems += check_sources(glossary)
    problems += _graph_warnings(glossary)
    return problems


def _category_problems(entry: Entry, glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    if not glossary.categories:
        return problems  # categories.yml is missing or broken, and that is reported already
    # Values that are not slugs at all got 'bad-slug' from the schema, with a suggestion.
    if is_slug(entry.category) and entry.category not in glossary.categories:
        problems.append(
            entry.mark(["category"]).problem(
                "unknown-category",
                f"the category '{entry.category}' is not declared in categories.yml",
                did_you_mean(entry.category, glossary.categories) or "known categories: " + ", ".join(glossary.categories),
            )
        )
    for facet, value in entry.facets.items():
        declared = glossary.facets.get(facet)
        if not (is_slug(facet) and is_slug(value)):
            continue
        if declared is None:
            problems.append(
                entry.mark(["facets", facet], key=True).problem(
                    "unknown-facet",
                    f"the facet '{facet}' is not declared in categories.yml",
                    did_you_mean(facet, glossary.facets) or "known facets: " + ", ".join(glossary.facets),
                )
            )
        elif value not in declared.values:
            problems.append(
                entry.mark(["facets", facet]).problem(
                    "unknown-facet-value",
                    f"'{value}' is not a value of the facet '{facet}'",
                    did_you_mean(value, declared.values) or "allowed values: " + ", ".join(declared.values),
                )
            )
    return problems


def _reference(entry: Entry, target: str, known: set[str], where: Callable[[], Mark], what: str) -> list[Problem]:
    """Problems of one reference; `where` finds its mark, which only a problem needs."""
    if target == entry.slug:
        return [where().problem("self-link", f"{what} points to the entry itself", "remove it")]
    if not is_slug(target):
        suggestion = slugify(target)
        hint = (
            f"write the slug, e.g. '{suggestion}'"
            if suggestion in known
            else did_you_mean(suggestion, known) or "write the slug of an existing term"
        )
        return [where().problem("unknown-ref", f"{what} '{target}' is not a slug", hint)]
    if target not in known:
        return [
            where().problem(
                "unknown-ref",
                f"{what} '{target}' does not exist",
                did_you_mean(target, known) or "check the slug in glossary/terms/",
            )
        ]
    return []


def _reference_problems(entry: Entry, known: set[str]) -> list[Problem]:
    problems = []
    # related and contrast keys that are not slugs got 'bad-slug' from the schema already
    for index, target in enumerate(entry.related):
        if is_slug(target):
            problems += _reference(entry, target, known, partial(entry.mark, ["related", index]), "related term")
    for target in entry.contrast:
        if is_slug(target):
            problems += _reference(entry, target, known, partial(entry.mark, ["contrast", target], key=True), "contrasted term")
    for path, link in entry.links:
        problems += _reference(entry, link.text, known, partial(entry.mark_in_text, path, link.offset), "the link")
    return problems


def entry_problems(entry: Entry) -> list[Problem]:
    """The problems an entry has whatever the rest of the glossary holds: the checks of its own
    text, which take most of the time checking takes."""
    return _content_problems(entry) + claim_problems(entry)


def _content_problems(entry: Entry) -> list[Problem]:
    problems = []
    fields: list[tuple[list[Any], str, bool]] = [(p, t, True) for p, t in entry.markdown_fields()]
    fields += [(p, t, False) for p, t in entry.plain_fields()]
    for path, text, is_markdown in fields:
        for found in markdown_scan.raw_html(text):
            problems.append(
                entry.mark_in_text(path, found.offset).problem(
                    "raw-html",
                    f"raw HTML '{found.text}' is not allowed" + ("" if is_markdown else " (this field is plain text)"),
                    "use Markdown instead; to show code, put it in backticks: `<tag>`" if is_markdown else "remove the markup",
                )
            )
        if is_markdown:
            for found in markdown_scan.unsafe_urls(text):
                problems.append(
                    entry.mark_in_text(path, found.offset).problem(
                        "unsafe-url",
                        f"the link target '{found.text}' is not an http:// or https:// address",
                        "link to other terms with [[slug]]; link elsewhere with a full https:// address",
                    )
                )
    for path in (["summary"], ["definition"]):
        text = entry.summary if path == ["summary"] else entry.definition
        if "TODO" in text:
            problems.append(
                entry.mark_in_text(path, text.index("TODO")).problem(
                    "placeholder-text",
                    f"the {path[0]} still contains the placeholder 'TODO'",
                    "replace it with the real text",
                    Severity.WARNING,
                )
            )
    return problems + date_problem(entry.updated, partial(entry.mark, ["updated"]), "date")


_NAME_KINDS = {"term": "term", "aliases": "alias", "search_phrases": "search phrase"}


def _name_problems(glossary: Glossary) -> list[Problem]:
    """Terms, aliases and search phrases must lead to one entry each, whatever their case or spacing."""
    problems = []
    owners: dict[str, tuple[Entry, list[Any]]] = {}
    own: dict[str, dict[str, list[Any]]] = defaultdict(dict)  # per entry: name key -> field
    for entry, path, name in _names(glossary):
        key = name_key(name)
        if not key:
            continue
        kind = _NAME_KINDS[path[0]]
        mine = own[entry.slug]
        if key in mine:
            if (entry.aliases + entry.search_phrases).count(name) > 1 and mine[key] != ["term"]:
                continue  # an exact repeat in the list: the schema reports it as duplicate-item
            if path != ["term"] and mine[key] == ["term"]:
                problems.append(
                    entry.mark(path).problem(
                        "redundant-alias",
                        f"the {kind} '{name}' only repeats the term",
                        "remove it: the term is searchable already",
                        Severity.WARNING,
                    )
                )
            else:
                where = "listed twice" if mine[key][0] == path[0] else f"also listed as {_a(mine[key])} of this entry"
                problems.append(
                    entry.mark(path).problem(
                        "duplicate-item", f"the {kind} '{name}' is {where} (letter case aside)", "remove one of them"
                    )
                )
            continue
        mine[key] = path
        if key in owners:
            other, other_path = owners[key]
            other_kind = "the term" if other_path == ["term"] else _a(other_path)
            code = "duplicate-term" if kind == "term" and other_path == ["term"] else "alias-collision"
            problems.append(
                entry.mark(path).problem(
                    code,
                    f"the {kind} '{name}' is already {other_kind} of '{other.slug}' ({other.path})",
                    "every name must lead to one entry: rename it or remove it from one entry",
                )
            )
        else:
            owners[key] = (entry, path)
    return problems


def _a(path: list[Any]) -> str:
    """'an alias', 'a search phrase': the kind of name at `path`, with its article."""
    kind = _NAME_KINDS[path[0]]
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _names(glossary: Glossary) -> list[tuple[Entry, list[Any], str]]:
    """Every term, then every alias, then every search phrase: when a term and another entry's
    alias or phrase clash, the problem is reported at the alias or phrase, the name to change."""
    entries = glossary.entries.values()
    return [(entry, ["term"], entry.term) for entry in entries] + [
        (entry, [field, index], name)
        for field in ("aliases", "search_phrases")
        for entry in entries
        for index, name in enumerate(getattr(entry, field))
    ]


def _url_problems(glossary: Glossary) -> list[Problem]:
    """Every /terms/<slug>/ URL must lead to exactly one entry."""
    problems = []
    claimed: dict[str, tuple[Entry, list[Any]]] = {}
    live = set(glossary.entries) | glossary.unreadable_slugs
    for entry in glossary.entries.values():
        for slug, path in entry.published_paths().items():
            is_previous = path[0] == "previous_slugs"
            what = f"the previous slug '{slug}'" if is_previous else f"the alias '{entry.aliases[path[1]]}'"
            if slug == entry.slug:  # published_paths leaves out aliases that give the entry's own slug
                problems.append(
                    entry.mark(path).problem(
                        "url-clash", f"{what} is this entry's own slug", "remove it: the entry is at this URL already"
                    )
                )
            elif slug in live:
                same_name = (
                    not is_previous
                    and slug in glossary.entries
                    and name_key(glossary.entries[slug].term) == name_key(entry.aliases[path[1]])
                )
                if same_name:
                    continue  # already reported as an alias/term collision
                problems.append(
                    entry.mark(path).problem(
                        "url-clash",
                        f"{what} would redirect /terms/{slug}/, which is the page of the live term '{slug}'",
                        "remove it: a live page cannot also redirect"
                        if is_previous
                        else "rephrase or remove the alias: its URL is taken by another term",
                    )
                )
            elif slug in claimed:
                other, other_path = claimed[slug]
                if (
                    not is_previous
                    and other_path[0] == "aliases"
                    and name_key(other.aliases[other_path[1]]) == name_key(entry.aliases[path[1]])
                ):
                    continue  # the same name twice: reported as alias-collision
                problems.append(
                    entry.mark(path).problem(
                        "url-clash",
                        f"{what} would redirect /terms/{slug}/, which already redirects to '{other.slug}'",
                        "keep the name in one entry only",
                    )
                )
            elif is_slug(slug):
                claimed[slug] = (entry, path)
    return problems


def _comparison_problems(glossary: Glossary, known: set[str]) -> list[Problem]:
    problems = []
    for comparison in glossary.comparisons:
        mark, name = comparison.mark, f"the comparison '{comparison.slug}'"
        if comparison.slug in RESERVED_COMPARISON_SLUGS:
            problems.append(
                mark.problem(
                    "reserved-slug", f"{name} would replace a generated page of the same name", "choose another name for it"
                )
            )
        for slug, term_mark in zip(comparison.terms, comparison.term_marks):
            if slug not in known:
                problems.append(
                    term_mark.problem(
                        "unknown-ref",
                        f"{name} names the term '{slug}', which does not exist",
                        did_you_mean(slug, known) or "check the slug in glossary/terms/",
                    )
                )
        for link in markdown_scan.term_links(comparison.intro):
            if link.text not in known:
                problems.append(
                    mark.problem(
                        "unknown-ref",
                        f"{name} links to '{link.text}', which does not exist",
                        did_you_mean(link.text, known) or "check the slug in glossary/terms/",
                    )
                )
        for found in markdown_scan.raw_html(comparison.intro):
            problems.append(mark.problem("raw-html", f"raw HTML '{found.text}' in {name} is not allowed", "use Markdown instead"))
        for found in markdown_scan.unsafe_urls(comparison.intro):
            problems.append(
                mark.problem(
                    "unsafe-url",
                    f"the link target '{found.text}' in {name} is not an http:// or https:// address",
                    "link to terms with [[slug]]; link elsewhere with a full https:// address",
                )
            )
    return problems


def _graph_warnings(glossary: Glossary) -> list[Problem]:
    links = {slug: entry.outgoing for slug, entry in glossary.entries.items()}
    inbound: dict[str, set[str]] = defaultdict(set)
    for source, targets in links.items():
        for target in targets:
            inbound[target].add(source)
    for comparison in glossary.comparisons:
        for slug in comparison.terms:
            inbound[slug].add(f"comparison {comparison.slug}")
    problems = []
    for slug, entry in glossary.entries.items():
        if not inbound[slug] and len(glossary.entries) > 1:
            problems.append(
                entry.mark(["term"]).problem(
                    "orphan-term",
                    f"no other entry links to '{slug}', so readers only find it by search",
                    f"add '{slug}' to the related list of a term that readers meet first",
                    Severity.WARNING,
                )
            )
        for index, target in enumerate(entry.related):
            if target != slug and target in links and slug not in links[target]:
                problems.append(
                    entry.mark(["related", index]).problem(
                        "one-sided-related",
                        f"'{target}' does not link back to '{slug}'",
                        f"add '{slug}' to the related list of '{target}'",
                        Severity.WARNING,
                    )
                )
    return problems
