"""The Sources page (sources/): every record of the registry, grouped by kind, with the terms
that cite it. Each source's line has its id as anchor (/sources/#<id>), which term pages link to."""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from ..model import SOURCE_KINDS, Entry, Glossary
from ..urls import SOURCES_DIR, TERMS_DIR
from .citations_html import WEAK_KINDS, source_line
from .pages import GeneratedPage, front_matter

SOURCES_URI = f"{SOURCES_DIR}/index.md"
HEADINGS = {
    "standard": "Standards",
    "regulation": "Laws and regulations",
    "academic": "Academic publications",
    "book": "Books",
    "government": "Government publications",
    "news": "News articles",
    "reference": "Reference works",
    "vendor": "Vendor pages",
    "blog": "Blogs and opinion pieces",
}


def citing_entries(glossary: Glossary) -> dict[str, list[Entry]]:
    """source id -> the entries that rely on it, sorted by term."""
    found: dict[str, list[Entry]] = defaultdict(list)
    for entry in glossary.sorted_by_term():
        for source_id in glossary.entry_source_ids(entry):
            found[source_id].append(entry)
    return found


def sources_page(glossary: Glossary) -> GeneratedPage:
    citing = citing_entries(glossary)
    counts = Counter(record.kind for record in glossary.sources.values())
    summary = ", ".join(f"{HEADINGS[kind].lower()}: {counts[kind]}" for kind in SOURCE_KINDS if counts[kind])
    out = [
        front_matter(title="Sources", description="Every publication the glossary cites, with the terms that cite it."),
        "# Sources",
        "",
        f"The glossary cites {len(glossary.sources)} sources ({html.escape(summary) or 'none yet'}). On a term "
        "page, a superscript number after a claim leads to the source it comes from. Vendor pages and blogs "
        "are labelled as such: they are weaker evidence than standards, laws, official and academic "
        "publications.",
        "",
    ]
    records = sorted(glossary.sources.values(), key=lambda r: (r.title.casefold(), r.id))
    for kind in SOURCE_KINDS:
        members = [record for record in records if record.kind == kind]
        if not members:
            continue
        out += [f"## {HEADINGS[kind]}", ""]
        if kind in WEAK_KINDS:
            out += [
                '<p class="gl-weak-note">Weaker evidence: undated or promotional pages, cited for what '
                "they say, not as proof.</p>",
                "",
            ]
        items = []
        for record in members:
            terms = ", ".join(
                f'<a href="../{TERMS_DIR}/{entry.slug}/">{html.escape(entry.term)}</a>' for entry in citing.get(record.id, [])
            )
            note = f'<br><span class="gl-source-note">{html.escape(record.note)}</span>' if record.note else ""
            items.append(
                f'<li id="{record.id}" tabindex="-1">{source_line(record)}{note}<br>'
                f'<span class="gl-cited-by">Cited by: {terms or "no term yet"}</span></li>'
            )
        out += ['<ul class="gl-source-list">', *items, "</ul>", ""]
    return GeneratedPage(SOURCES_URI, "\n".join(out), in_nav=True, anchors=tuple(glossary.sources))
