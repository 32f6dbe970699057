"""The glossary for other tools: JSON (every field, with canonical URLs, described by
glossary/export.schema.json), CSV for spreadsheets, and SKOS in Turtle for vocabulary tools.

Every export is deterministic: the same glossary gives the same bytes (sorted keys, entries
by slug, lists in the editors' order), so published files diff and cache cleanly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..model import Entry, Glossary, SourceRecord
from ..render.citations_html import citation_text
from ..render.reach import EntryParts, made, whole
from ..text import citations, markdown_scan
from ..urls import SOURCES_DIR, Publication
from . import csvformat

EXPORTS_DIR = "exports"
SCHEMA_FILE = "export.schema.json"
FILE_NAMES = {"json": "glossary.json", "csv": "glossary.csv", "skos": "glossary.ttl"}
FORMAT_VERSION = 2  # 2: sources became a registry cited by id


def entry_data(entry: Entry) -> dict[str, Any]:
    """Every field of an entry, as the entry file has it (empty fields empty, never missing)."""
    return {
        "term": entry.term,
        "aliases": list(entry.aliases),
        "search_phrases": list(entry.search_phrases),
        "category": entry.category,
        "summary": entry.summary,
        "definition": entry.definition,
        "examples": list(entry.examples),
        "pros": list(entry.pros),
        "cons": list(entry.cons),
        "related": list(entry.related),
        "contrast": dict(entry.contrast),
        "usage_notes": entry.usage_notes,
        "facets": dict(entry.facets),
        "sources": [{"ref": s.ref, "note": s.note} for s in entry.sources],
        "previous_slugs": list(entry.previous_slugs),
        "updated": entry.updated,
        "status": entry.status,
        "reviewed": entry.reviewed,
        "replaced_by": entry.replaced_by,
    }


def source_data(record: SourceRecord, site: Publication) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        "publisher": record.publisher,
        "author": record.author,
        "date": record.date,
        "url": record.url,
        "accessed": record.accessed,
        "kind": record.kind,
        "note": record.note,
        "page": site.url(f"{SOURCES_DIR}/#{record.id}"),
    }


def flatten_links(text: str, glossary: Glossary) -> str:
    """Markdown with [[slug]] and [[slug|shown]] replaced by the words a reader sees, and
    citations left out (the export lists an entry's sources on their own)."""
    return markdown_scan.replace_term_links(citations.without_citations(text), glossary.link_text)


# --- JSON --------------------------------------------------------------------------------


def json_export(glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> str:
    """`parts` keeps each term's JSON from one call to the next (`glossary serve`): written
    with an indent, JSON takes Python's slow encoder, and the terms are nearly all of it."""
    terms = [
        made(parts, "json", entry, partial(_json_term, entry, glossary, site), alone=True) for entry in glossary.entries.values()
    ]
    text = whole(parts, "json", (), partial(_json_without_terms, glossary, site))
    # The terms go where json.dumps would have put them: each item on lines indented two levels.
    listed = "[\n" + ",\n".join(terms) + "\n  ]" if terms else "[]"
    return text.replace(_NO_TERMS, f'"terms": {listed}', 1) + "\n"


def _json_without_terms(glossary: Glossary, site: Publication) -> str:
    """The JSON export with an empty list of terms: what all entries share (the categories,
    the facets, the source registry)."""
    data = {
        "$schema": site.url(f"{EXPORTS_DIR}/{SCHEMA_FILE}"),
        "version": FORMAT_VERSION,
        "name": site.name,
        "url": site.index_url,
        "categories": [
            {"key": c.key, "title": c.title, "description": c.description, "url": site.category_url(c.key)}
            for c in glossary.categories.values()
        ],
        "facets": [
            {
                "key": f.key,
                "title": f.title,
                "values": [{"value": value, "description": text} for value, text in f.values.items()],
            }
            for f in glossary.facets.values()
        ],
        "sources": [source_data(glossary.sources[key], site) for key in sorted(glossary.sources)],
        "terms": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


_NO_TERMS = '"terms": []'  # the only empty list called "terms" in the document: sources have no such key


def _json_term(entry: Entry, glossary: Glossary, site: Publication) -> str:
    data = {
        "slug": entry.slug,
        "url": site.term_url(entry.slug),
        **entry_data(entry),
        "cited_sources": glossary.entry_source_ids(entry),
    }
    return "\n".join("    " + line for line in json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).split("\n"))


# --- CSV ---------------------------------------------------------------------------------


def csv_export(glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> str:
    """UTF-8 with a byte-order mark (so Excel reads the accents right), CRLF rows (RFC 4180),
    every cell that a spreadsheet could run as a formula neutralised."""
    rows = [made(parts, "csv", entry, partial(_csv_row, entry, site), alone=True) for entry in glossary.entries.values()]
    return "\ufeff" + _csv_line(csvformat.COLUMNS) + "".join(rows)


def _csv_row(entry: Entry, site: Publication) -> str:
    return _csv_line(csvformat.encode_row({"slug": entry.slug, "url": site.term_url(entry.slug), **entry_data(entry)}))


def _csv_line(cells: Any) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


# --- SKOS (Turtle) -----------------------------------------------------------------------

_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


def _iri(url: str) -> str:
    return f"<{url}>"


def _literal(text: str) -> str:
    # A JSON string is a valid Turtle string: the same escapes (\" \\ \n \t \uXXXX).
    return json.dumps(text, ensure_ascii=False) + "@en"


def _statements(subject: str, pairs: list[tuple[str, str]]) -> str:
    body = " ;\n".join(f"    {predicate} {value}" for predicate, value in pairs)
    return f"{subject}\n{body} .\n"


def skos_export(glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> str:
    """A skos:ConceptScheme (the glossary, at the A-Z index's URL), a skos:Concept per term at
    its page's URL, and a skos:Collection per category at the category page's URL. Definitions
    are Markdown, with term links turned into their words."""
    scheme = _iri(site.index_url)
    out = ["".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(_PREFIXES.items()))]
    out.append(
        _statements(
            scheme,
            [("a", "skos:ConceptScheme"), ("skos:prefLabel", _literal(site.name))]
            + [("skos:hasTopConcept", _iri(site.term_url(slug))) for slug in glossary.entries],
        )
    )
    out += [made(parts, "skos", entry, partial(_concept, entry, glossary, site, scheme)) for entry in glossary.entries.values()]
    out += whole(parts, "skos-sources", (), partial(_source_statements, glossary, site))
    for key, category in glossary.categories.items():
        pairs = [
            ("a", "skos:Collection"),
            ("skos:prefLabel", _literal(category.title)),
            ("skos:definition", _literal(category.description)),
        ]
        pairs += [("skos:member", _iri(site.term_url(entry.slug))) for entry in glossary.in_category(key)]
        out.append(_statements(_iri(site.category_url(key)), pairs))
    return "\n".join(out)


def _source_statements(glossary: Glossary, site: Publication) -> list[str]:
    return [
        _statements(
            _iri(_source_iri(record, site)),
            [("dcterms:title", _literal(record.title)), ("dcterms:bibliographicCitation", _literal(citation_text(record)))],
        )
        for record in (glossary.sources[key] for key in sorted(glossary.sources))
    ]


def _concept(entry: Entry, glossary: Glossary, site: Publication, scheme: str) -> str:
    pairs = [
        ("a", "skos:Concept"),
        ("skos:inScheme", scheme),
        ("skos:topConceptOf", scheme),
        ("skos:prefLabel", _literal(entry.term)),
    ]
    pairs += [("skos:altLabel", _literal(alias)) for alias in entry.aliases]
    pairs += [("skos:hiddenLabel", _literal(phrase)) for phrase in entry.search_phrases]
    pairs += [
        ("skos:definition", _literal(flatten_links(entry.definition, glossary))),
        ("dcterms:abstract", _literal(entry.summary)),
    ]
    pairs += [("skos:related", _iri(site.term_url(slug))) for slug in entry.related if slug in glossary.entries]
    pairs += [("dcterms:source", _iri(_source_iri(glossary.sources[key], site))) for key in glossary.entry_source_ids(entry)]
    if entry.is_deprecated:
        pairs.append(("owl:deprecated", "true"))
        if entry.replaced_by in glossary.entries:
            pairs.append(("dcterms:isReplacedBy", _iri(site.term_url(entry.replaced_by))))
    return _statements(_iri(site.term_url(entry.slug)), pairs)


def _source_iri(record: SourceRecord, site: Publication) -> str:
    """The source's own address where it has one, else its line on the Sources page."""
    return record.url or site.url(f"{SOURCES_DIR}/#{record.id}")


EXPORTERS: dict[str, Callable[[Glossary, Publication, EntryParts | None], str]] = {
    "json": json_export,
    "csv": csv_export,
    "skos": skos_export,
}


def site_exports(
    glossary: Glossary, site: Publication, schema: Path, parts: EntryParts | None = None
) -> Iterator[tuple[str, str]]:
    """(site-relative path, text) of every export, and of the JSON Schema they are checked
    against: one at a time, as for thousands of terms each export is megabytes. `parts` keeps
    each term's share of them from one call to the next (`glossary serve`)."""
    for name, export in EXPORTERS.items():
        yield f"{EXPORTS_DIR}/{FILE_NAMES[name]}", export(glossary, site, parts)
    yield f"{EXPORTS_DIR}/{SCHEMA_FILE}", whole(parts, "schema", schema.read_bytes(), partial(published_schema, schema, site))


def published_schema(schema: Path, site: Publication) -> str:
    """The JSON Schema of the export, identified by its address on this site."""
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["$id"] = site.url(f"{EXPORTS_DIR}/{SCHEMA_FILE}")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
