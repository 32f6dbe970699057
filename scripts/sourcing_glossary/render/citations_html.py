"""Citations and source lists as HTML, for term pages, comparison pages, handouts and the
Sources page.

A page numbers its sources in the order the reader meets them: first the sources cited inline,
in the order of their first citation, then the entry's other listed sources. A citation
becomes a superscript link to its numbered source line; its accessible name says "Source N:"
and the title, so a screen reader announces more than a bare number.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Entry, Glossary, SourceRecord
from ..text import citations
from ..urls import SOURCES_DIR

WEAK_KINDS = frozenset({"vendor", "blog"})  # labelled as weaker evidence wherever they are listed


@dataclass(frozen=True)
class Numbering:
    """The sources of one page (or one term of a handout) and where their lines are."""

    records: dict[str, SourceRecord]
    order: tuple[str, ...]
    anchor_prefix: str  # the id of source x's line is anchor_prefix + x

    @property
    def anchors(self) -> tuple[str, ...]:
        """The ids of the source lines, which links (and trainers) may point at."""
        return tuple(self.anchor_prefix + source_id for source_id in self.order)

    def number(self, source_id: str) -> int:
        return self.order.index(source_id) + 1

    def link(self, cite: citations.Cite) -> str:
        record = self.records[cite.id]
        number = self.number(cite.id)
        where = f", {cite.locator}" if cite.locator else ""
        label = html.escape(f"Source {number}: {record.title}{where}")
        locator = f'<span class="gl-cite-loc">: {html.escape(cite.locator)}</span>' if cite.locator else ""
        return f'<sup class="gl-cite"><a href="#{self.anchor_prefix}{cite.id}" aria-label="{label}">{number}</a>{locator}</sup>'

    def replace(self, text: str) -> str:
        """`text` with every citation replaced by its superscript links. A citation naming an
        unknown source cannot reach a page: validation stops the build first."""
        found = citations.citations(text)
        for citation in reversed(found):
            links = "".join(self.link(cite) for cite in citation.cites if cite.id in self.order)
            text = text[: citation.start] + links + text[citation.end :]
        return text


def numbering(glossary: Glossary, ids: Iterable[str], anchor_prefix: str = "source-") -> Numbering:
    return Numbering(glossary.sources, tuple(ids), anchor_prefix)


def handout_numbering(entry: Entry, glossary: Glossary) -> Numbering:
    """A handout holds many terms: each term's source lines have ids that start with its slug."""
    return numbering(glossary, glossary.entry_source_ids(entry), anchor_prefix=f"{entry.slug}-source-")


def source_anchors(entry: Entry, glossary: Glossary) -> tuple[str, ...]:
    return handout_numbering(entry, glossary).anchors


def citation_text(record: SourceRecord) -> str:
    """'Title. Publisher. Author. 2017. Standard.': a source as plain text (the terminal, SKOS)."""
    return join_parts(
        [record.title, record.publisher, *([record.author] if record.author else []), record.date or "Undated", record.kind_label]
    )


def source_line(record: SourceRecord) -> str:
    """Title, publisher, author, date or 'Undated', kind, and link, as HTML."""
    parts = [f"<cite>{html.escape(record.title)}</cite>", html.escape(record.publisher)]
    if record.author:
        parts.append(html.escape(record.author))
    parts.append(html.escape(record.date) if record.date else "Undated")
    weak = " gl-kind-weak" if record.kind in WEAK_KINDS else ""
    parts.append(f'<span class="gl-kind gl-kind-{record.kind}{weak}">{html.escape(record.kind_label)}</span>')
    line = join_parts(parts)
    if record.url:
        url = html.escape(record.url)
        line += f' <a class="gl-source-url" href="{url}">{url}</a>'
        if record.accessed:
            line += f" (accessed {html.escape(record.accessed)})"
        line += "."
    return line


def join_parts(parts: list[str]) -> str:
    """'Title. Publisher. 2017.': one full stop after each part, none doubled ('Vendor Inc.')."""
    return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)


def source_list(numbers: Numbering, notes: dict[str, str], sources_page: str) -> str:
    """The numbered list of a page's sources; each line names what the source supports there
    (`notes`) and links to the Sources page, which lists every term citing it."""
    items = []
    for source_id in numbers.order:
        record = numbers.records[source_id]
        note = f' <span class="gl-source-note">Supports: {html.escape(notes[source_id])}</span>' if notes.get(source_id) else ""
        items.append(
            f'<li id="{numbers.anchor_prefix}{source_id}" tabindex="-1">{source_line(record)}{note} '
            f'<a class="gl-source-all" href="{sources_page}#{source_id}">All terms citing it</a></li>'
        )
    return '<ol class="gl-sources">\n' + "\n".join(items) + "\n</ol>"


def entry_notes(entry: Entry) -> dict[str, str]:
    return {source.ref: source.note for source in entry.sources if source.note}


def sources_page_href(depth: int) -> str:
    """The Sources page's URL from a page `depth` folders below the site root."""
    return "../" * depth + f"{SOURCES_DIR}/"
