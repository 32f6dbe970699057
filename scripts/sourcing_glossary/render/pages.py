"""Write the site's generated pages as Markdown sources (the site generator renders them).

Entry Markdown is inserted as it is (the checks have refused raw HTML and unsafe links);
plain-text fields are escaped. Links between pages are relative links to .md sources, so the
site generator resolves and checks them. Section headings are fixed here, and their anchors
(#definition, #pros, #cons, ...) are part of the public URL contract.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Entry, Glossary
from ..text import markdown_scan
from ..urls import CARDS_DIR, CATEGORIES_DIR, TERMS_DIR, term_uri
from . import citations_html, neighbourhood_map
from .mentions import MentionLinker

# Section anchors promised to trainers: never rename these.
SECTIONS = {
    "definition": "Definition",
    "examples": "Examples",
    "pros": "Pros",
    "cons": "Cons",
    "not-to-be-confused-with": "Not to be confused with",
    "usage-notes": "Usage notes",
    "related-terms": "Related terms",
    "referenced-by": "Referenced by",
    "sources": "Sources",
}
# Sections that repeat other pages' text: kept out of the full-text search index.
UNINDEXED_SECTIONS = frozenset({"related-terms", "referenced-by", "sources"})
UNINDEXED = ' data-search-exclude="1"'  # the theme's search skips elements with this attribute
# A term page's parts that the search must not index (the bodies of UNINDEXED_SECTIONS, the footer):
# put in after the search has indexed the page, so that its HTML parser never reads them.
UNINDEXED_PARTS = UNINDEXED_SECTIONS | {"footer"}
TERM_BOOST = 4  # a term page outranks pages that only mention the term
DEPRECATED_BOOST = 0.5  # a deprecated term's page ranks below live terms

PART = "<!-- glossary part: {} -->"  # where an HTML part of a term page goes, kept by Markdown as it is
_PART_START = PART.split("{")[0]
_PART = re.compile(re.escape(_PART_START) + r"([a-z-]+) -->(\n?)")
# Parts written as Markdown renders them (a list of terms; the tags around the pros and the cons,
# as md_in_html renders `<div markdown>`): a line break after them, not a blank line.
MARKDOWN_PARTS = frozenset({"related-terms", "referenced-by", "procon-start", "procon-middle", "procon-end"})
_PROCON = {
    "procon-start": '<div class="gl-procon">\n<div class="gl-pros">',
    "procon-middle": '</div>\n<div class="gl-cons">',
    "procon-end": "</div>\n</div>",
}
_PROCON_MARKDOWN = {
    "procon-start": '<div class="gl-procon" markdown>\n\n<div class="gl-pros" markdown>',
    "procon-middle": '</div>\n\n<div class="gl-cons" markdown>',
    "procon-end": "</div>\n\n</div>",
}
_TAB_LENGTH = 4  # Python-Markdown's, which MkDocs keeps
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "terms/outsourcing.md"
    markdown: str
    in_nav: bool = False
    anchors: tuple[str, ...] = ()  # ids the page gets after rendering, besides its Markdown's headings
    # A term page's HTML parts by name (term_parts): its Markdown holds only their markers (PART)
    parts: dict[str, str] = field(default_factory=dict)


def md_text(text: str) -> str:
    """Plain text made safe to place in Markdown: shown exactly as written."""
    # a function, not the template r"\\\1": Python 3.11 expands templates in Python code per match
    return _MD_SPECIALS.sub(lambda special: "\\" + special[0], html.escape(text, quote=False))


def front_matter(**fields: object) -> str:
    """YAML front matter (as JSON, which YAML reads). Every text is HTML-escaped: Material's
    templates print page.meta.title and description raw into the page, and its search renders
    tags as HTML, so a term shown as text must reach them escaped."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in page_meta(**fields).items()]
    return "\n".join(["---", *lines, "---", ""])


def page_meta(**fields: object) -> dict[str, object]:
    """A page's metadata as templates see it once front_matter(**fields) is read back."""
    return {key: _escaped(value) for key, value in fields.items()}


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def link_terms(text: str, glossary: Glossary, from_dir: str, href: Callable[[str], str] | None = None) -> str:
    """Replace [[slug]] and [[slug|shown]] with Markdown links to the term's page: to its
    Markdown source, relative to `from_dir`, unless `href` gives the link for a slug."""
    prefix = "" if from_dir == TERMS_DIR else f"../{TERMS_DIR}/"

    def replace(slug: str, shown: str | None) -> str:
        return f"[{md_text(glossary.link_text(slug, shown))}]({href(slug) if href else f'{prefix}{slug}.md'})"

    return markdown_scan.replace_term_links(text, replace)


def _items(texts: tuple[str, ...], body: Callable[[str], str]) -> str:
    return "\n".join("- " + body(text).replace("\n", "\n  ") for text in texts)


def _heading(anchor: str) -> str:
    return f"## {SECTIONS[anchor]}"


def term_page(entry: Entry, glossary: Glossary, backlinks: list[Entry], mentions: MentionLinker) -> GeneratedPage:
    """A term's page. Its parts that are HTML already (banner, summary, lists of other terms,
    sources, footer, the boxes around the pros and the cons) are markers in its Markdown, which
    `fill_term_page` replaces once the page is rendered: Markdown would only pass them through,
    after parsing them as HTML (a third of a term page's conversion)."""
    # First mentions of other terms become links, except terms this page links anyway.
    linked = {entry.slug} | {link.text for _, link in entry.links}
    numbers = citations_html.numbering(glossary, glossary.entry_source_ids(entry))
    parts = term_parts(entry, glossary, backlinks, numbers)

    def body(text: str) -> str:
        return link_terms(mentions.link(numbers.replace(text), linked), glossary, TERMS_DIR)

    def part(name: str, heading: str | None = None) -> list[str]:
        if name not in parts:
            return []
        return ([_heading(heading), ""] if heading else []) + [PART.format(name), ""]

    boost = DEPRECATED_BOOST if entry.is_deprecated else TERM_BOOST
    out = [
        front_matter(title=entry.term, description=entry.summary, search={"boost": boost}, tags=list(entry.names)),
        f"# {md_text(entry.term)}",
        "",
    ]
    out += part("status") + part("summary") + part("meta")
    out += [_heading("definition"), "", body(entry.definition), ""]
    if entry.examples:
        out += [_heading("examples"), "", _items(entry.examples, body), ""]
    if entry.pros or entry.cons:  # in two boxes side by side
        for start, anchor, items in (("procon-start", "pros", entry.pros), ("procon-middle", "cons", entry.cons)):
            out += part(start) + [_heading(anchor), "", _items(items, body) if items else "_None recorded._", ""]
        out += part("procon-end")
    out += [neighbourhood_map.MARKER, ""]
    if entry.contrast:
        out += [_heading("not-to-be-confused-with"), ""]
        for slug, sentence in entry.contrast.items():
            other = glossary.entries.get(slug)
            name = md_text(other.term) if other else slug
            out.append(f"- **[{name}]({slug}.md)**: {body(sentence)}")
        out.append("")
    if entry.usage_notes:
        out += [_heading("usage-notes"), "", body(entry.usage_notes), ""]
    for anchor, entries in (("related-terms", _related(entry, glossary)), ("referenced-by", _referenced_by(entry, backlinks))):
        if anchor in parts:
            out += part(anchor, anchor)
        elif entries:  # with text that Markdown would change (a tab), left to Markdown
            out += [_heading(anchor), "", _entry_list(entries, ""), ""]
    out += part("sources", "sources") + part("footer")
    return GeneratedPage(term_uri(entry.slug), "\n".join(out), anchors=numbers.anchors, parts=parts)


def term_parts(
    entry: Entry, glossary: Glossary, backlinks: list[Entry], numbers: citations_html.Numbering | None = None
) -> dict[str, str]:
    """The parts of a term's page that are HTML already, by name: what the page has of the
    status banner, summary, aliases and category, related terms, referenced by, sources, footer.
    The lists of terms are written as Markdown renders `- [Term](slug.md): summary`, for names
    and summaries that Markdown passes through (no tab or carriage return)."""
    return indexed_parts(entry, glossary) | unindexed_parts(entry, glossary, backlinks, numbers)


def indexed_parts(entry: Entry, glossary: Glossary) -> dict[str, str]:
    """The parts the search reads: banner, summary, aliases and category, the pros and cons' boxes."""
    parts = {"status": _status_notice(entry, glossary), "summary": f'<p class="gl-summary">{html.escape(entry.summary)}</p>'}
    meta = []
    if entry.aliases:
        meta.append("Also called: " + ", ".join(f'<span class="gl-alias">{html.escape(a)}</span>' for a in entry.aliases))
    category = glossary.categories.get(entry.category)
    if category:
        meta.append(f'Category: <a href="../../{CATEGORIES_DIR}/{entry.category}/">{html.escape(category.title)}</a>')
    parts["meta"] = '<p class="gl-meta">' + " · ".join(meta) + "</p>" if meta else ""
    if entry.pros or entry.cons:
        parts |= _PROCON
    return {name: text for name, text in parts.items() if text}


def unindexed_parts(
    entry: Entry, glossary: Glossary, backlinks: list[Entry], numbers: citations_html.Numbering | None = None
) -> dict[str, str]:
    """The UNINDEXED_PARTS: related terms, referenced by, sources, footer."""
    if numbers is None:
        numbers = citations_html.numbering(glossary, glossary.entry_source_ids(entry))
    parts = {
        "related-terms": _entry_list_html(_related(entry, glossary)),
        "referenced-by": _entry_list_html(_referenced_by(entry, backlinks)),
        "sources": (
            citations_html.source_list(numbers, citations_html.entry_notes(entry), citations_html.sources_page_href(2))
            if numbers.order
            else ""
        ),
        "footer": _footer(entry),
    }
    return {name: text for name, text in parts.items() if text}


def page_slug(src_uri: str, folder: str) -> str | None:
    """The slug of a page at <folder>/<slug>.md; None for any other page."""
    slug = src_uri.removeprefix(f"{folder}/").removesuffix(".md")
    return slug if src_uri == f"{folder}/{slug}.md" and "/" not in slug else None


def has_parts(rendered: str) -> bool:
    return _PART_START in rendered


def put_parts(rendered: str, parts: dict[str, str]) -> str:
    """Markdown's HTML of a page with PART markers, with each of `parts` where its marker is, as
    Markdown renders it in the marker's place: a block of HTML with Markdown's line breaks and
    tabs and a blank line after it; a part that is Markdown's HTML already (MARKDOWN_PARTS) as
    it is. Markers of other parts stay."""

    def part(marker: re.Match[str]) -> str:
        name = marker[1]
        if name not in parts:
            return marker[0]
        if name in MARKDOWN_PARTS:
            return parts[name]
        return parts[name].replace("\r\n", "\n").replace("\r", "\n").expandtabs(_TAB_LENGTH) + marker[2]

    return _PART.sub(part, rendered)


def parts_in_markdown(page: GeneratedPage) -> str:
    """The page's Markdown with its parts in place of their markers, for a site generator
    without the plugin (`glossary render`): the boxes around the pros and the cons as
    `<div markdown>`, so that the Markdown inside them is still converted."""

    def part(marker: re.Match[str]) -> str:
        name = marker[1]
        return _PROCON_MARKDOWN.get(name, page.parts.get(name, "")) + marker[2]

    return _PART.sub(part, page.markdown)


def _related(entry: Entry, glossary: Glossary) -> list[Entry]:
    return [glossary.entries[s] for s in entry.related if s in glossary.entries]


def _referenced_by(entry: Entry, backlinks: list[Entry]) -> list[Entry]:
    return [e for e in backlinks if e.slug not in entry.related]  # related ones are listed just above


def _entry_list_html(entries: list[Entry]) -> str:
    """`- [Term](slug.md): summary` for each entry, as Markdown renders it on a term page; ''
    when there are none, or a name or summary holds what Markdown would change."""
    if not entries or any(char in e.term + e.summary for e in entries for char in "\t\r"):
        return ""
    items = "".join(
        f'<li><a href="../{e.slug}/">{html.escape(e.term, quote=False)}</a>: {html.escape(e.summary, quote=False)}</li>\n'
        for e in entries
    )
    return f"<ul>\n{items}</ul>"


def _status_notice(entry: Entry, glossary: Glossary) -> str:
    """The banner of a deprecated term (pointing to its replacement) or the badge of a draft."""
    if entry.is_deprecated:
        target = glossary.entries.get(entry.replaced_by or "")
        use = f' Use <a href="../{target.slug}/">{html.escape(target.term)}</a> instead.' if target else ""
        return (
            f'<div class="admonition warning gl-deprecated" role="note"><p class="admonition-title">'
            f"Deprecated term</p><p>This glossary no longer uses this term; the page stays so that "
            f"existing links keep working.{use}</p></div>"
        )
    if entry.status == "draft":
        return (
            '<p class="gl-status"><span class="gl-badge gl-badge-draft">Draft</span> Not yet checked '
            "against its sources by an editor.</p>"
        )
    return ""


def _footer(entry: Entry) -> str:
    footer = ['<p class="gl-footer">']  # an UNINDEXED_PART: the search never reads it
    if entry.reviewed:
        footer.append(f'Reviewed against its sources <time datetime="{entry.reviewed}">{entry.reviewed}</time> · ')
    if entry.updated:
        footer.append(f'Last changed <time datetime="{entry.updated}">{entry.updated}</time> · ')
    footer.append(f'Permalink: <a class="gl-permalink" href="./">/{TERMS_DIR}/{entry.slug}/</a> · ')
    footer.append(
        f'Card to embed: <a class="gl-card-link" href="../../{CARDS_DIR}/{entry.slug}/">/{CARDS_DIR}/{entry.slug}/</a></p>'
    )
    return "".join(footer)


def _entry_list(entries: list[Entry], prefix: str) -> str:
    return "\n".join(f"- [{md_text(e.term)}]({prefix}{e.slug}.md): {md_text(e.summary)}" for e in entries)


def backlinks(glossary: Glossary) -> dict[str, list[Entry]]:
    """slug -> entries that link to it, sorted by term."""
    found: dict[str, list[Entry]] = defaultdict(list)
    for entry in glossary.sorted_by_term():
        for target in sorted(entry.outgoing):
            if target in glossary.entries:
                found[target].append(entry)
    return found


def listed(glossary: Glossary) -> tuple[tuple[object, ...], ...]:
    """What the lists of terms show of each: the A-Z index (and its JSON-LD) and the categories."""
    return tuple((e.slug, e.term, e.aliases, e.summary, e.category) for e in glossary.entries.values())


def index_page(glossary: Glossary) -> GeneratedPage:
    """The A-Z index: every term with its summary, grouped by first letter."""
    out = [
        front_matter(title="A–Z index", description="Every term of the Sourcing Glossary with a one-line summary."),
        "# A–Z index",
        "",
        f"{len(glossary.entries)} terms. Type in the box to narrow the list by name or alias.",
        "",
        f'<div class="gl-az"{UNINDEXED} markdown>',
        "",
    ]
    letter = None
    for entry in glossary.sorted_by_term():
        first = entry.term[:1].upper()
        first = first if first.isalpha() else "#"
        if first != letter:
            letter = first
            out += ["", f"## {first}", ""]
        aliases = f' <span class="gl-aka">({html.escape(", ".join(entry.aliases))})</span>' if entry.aliases else ""
        out.append(f"- [{md_text(entry.term)}]({entry.slug}.md){aliases}: {md_text(entry.summary)}")
    out += ["", "</div>", ""]
    return GeneratedPage(f"{TERMS_DIR}/index.md", "\n".join(out), in_nav=True)


def category_pages(glossary: Glossary) -> list[GeneratedPage]:
    pages = []
    overview = [front_matter(title="Categories", description="The glossary's terms by subject."), "# Categories", ""]
    for key, category in glossary.categories.items():
        members = glossary.in_category(key)
        overview.append(f"- [{md_text(category.title)}]({key}.md) ({len(members)} terms): {md_text(category.description)}")
        body = [
            front_matter(title=category.title, description=category.description),
            f"# {md_text(category.title)}",
            "",
            md_text(category.description),
            "",
            f"<div{UNINDEXED} markdown>",
            "",
            _entry_list(members, f"../{TERMS_DIR}/") if members else "_No terms yet._",
            "",
            "</div>",
            "",
        ]
        pages.append(GeneratedPage(f"{CATEGORIES_DIR}/{key}.md", "\n".join(body), in_nav=True))
    pages.insert(0, GeneratedPage(f"{CATEGORIES_DIR}/index.md", "\n".join(overview) + "\n", in_nav=True))
    return pages
