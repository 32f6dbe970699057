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
from dataclasses import dataclass

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
TERM_BOOST = 4  # a term page outranks pages that only mention the term
DEPRECATED_BOOST = 0.5  # a deprecated term's page ranks below live terms

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "terms/outsourcing.md"
    markdown: str
    in_nav: bool = False
    anchors: tuple[str, ...] = ()  # ids the page gets after rendering, besides its Markdown's headings


def md_text(text: str) -> str:
    """Plain text made safe to place in Markdown: shown exactly as written."""
    # a function, not the template r"\\\1": Python 3.11 expands templates in Python code per match
    return _MD_SPECIALS.sub(lambda special: "\\" + special[0], html.escape(text, quote=False))


def front_matter(**fields: object) -> str:
    """YAML front matter (as JSON, which YAML reads). Every text is HTML-escaped: Material's
    templates print page.meta.title and description raw into the page, and its search renders
    tags as HTML, so a term shown as text must reach them escaped."""
    lines = [f"{key}: {json.dumps(_escaped(value), ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join(["---", *lines, "---", ""])


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
    # First mentions of other terms become links, except terms this page links anyway.
    linked = {entry.slug} | {link.text for _, link in entry.links}
    numbers = citations_html.numbering(glossary, glossary.entry_source_ids(entry))

    def body(text: str) -> str:
        return link_terms(mentions.link(numbers.replace(text), linked), glossary, TERMS_DIR)

    category = glossary.categories.get(entry.category)
    boost = DEPRECATED_BOOST if entry.is_deprecated else TERM_BOOST
    out = [
        front_matter(title=entry.term, description=entry.summary, search={"boost": boost}, tags=list(entry.names)),
        f"# {md_text(entry.term)}",
        "",
    ]
    out += _status_notice(entry, glossary)
    meta = []
    if entry.aliases:
        meta.append("Also called: " + ", ".join(f'<span class="gl-alias">{html.escape(a)}</span>' for a in entry.aliases))
    if category:
        meta.append(f'Category: <a href="../../{CATEGORIES_DIR}/{entry.category}/">{html.escape(category.title)}</a>')
    out += [f'<p class="gl-summary">{html.escape(entry.summary)}</p>', ""]
    if meta:
        out += ['<p class="gl-meta">' + " · ".join(meta) + "</p>", ""]
    out += [_heading("definition"), "", body(entry.definition), ""]
    if entry.examples:
        out += [_heading("examples"), "", _items(entry.examples, body), ""]
    if entry.pros or entry.cons:
        out += ['<div class="gl-procon" markdown>', ""]
        for anchor, items in (("pros", entry.pros), ("cons", entry.cons)):
            out += [
                f'<div class="gl-{anchor}" markdown>',
                "",
                _heading(anchor),
                "",
                _items(items, body) if items else "_None recorded._",
                "",
                "</div>",
                "",
            ]
        out += ["</div>", ""]
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
    related = [glossary.entries[s] for s in entry.related if s in glossary.entries]
    if related:
        out += [_heading("related-terms"), "", _entry_list(related, ""), ""]
    others = [e for e in backlinks if e.slug not in entry.related]  # related ones are listed just above
    if others:
        out += [_heading("referenced-by"), "", _entry_list(others, ""), ""]
    if numbers.order:
        out += [
            _heading("sources"),
            "",
            citations_html.source_list(numbers, citations_html.entry_notes(entry), citations_html.sources_page_href(2)),
            "",
        ]
    out += [_footer(entry), ""]
    return GeneratedPage(term_uri(entry.slug), "\n".join(out), anchors=numbers.anchors)


def _status_notice(entry: Entry, glossary: Glossary) -> list[str]:
    """The banner of a deprecated term (pointing to its replacement) or the badge of a draft."""
    if entry.is_deprecated:
        target = glossary.entries.get(entry.replaced_by or "")
        use = f' Use <a href="../{target.slug}/">{html.escape(target.term)}</a> instead.' if target else ""
        return [
            f'<div class="admonition warning gl-deprecated" role="note"><p class="admonition-title">'
            f"Deprecated term</p><p>This glossary no longer uses this term; the page stays so that "
            f"existing links keep working.{use}</p></div>",
            "",
        ]
    if entry.status == "draft":
        return [
            '<p class="gl-status"><span class="gl-badge gl-badge-draft">Draft</span> Not yet checked '
            "against its sources by an editor.</p>",
            "",
        ]
    return []


def _footer(entry: Entry) -> str:
    footer = [f'<p class="gl-footer"{UNINDEXED}>']
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
