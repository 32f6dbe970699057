"""Printable handouts: every term on one page (print/), and one page per category
(print/<category>/), with summaries, definitions, pros and cons and nothing else.

The pages use the theme template docs/overrides/handout.html, which adds
docs/assets/print.css to these pages only; they stay out of the navigation and the search.

Each term is rendered once, as an HTML fragment, and the fragments are put together into the
handouts after the site generator has rendered their frame: for 5,000 terms, the seven handouts
rendered as Markdown documents took 15 s and over 100 MB, and every term appears in two of them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from ..model import Entry, Glossary
from ..urls import SOURCES_DIR, Publication
from . import citations_html
from .pages import TERMS_DIR, GeneratedPage, front_matter, link_terms, md_text
from .reach import EntryParts, made

PRINT_DIR = "print"
TEMPLATE = "handout.html"
TERMS_MARKER = "<!-- glossary handout terms -->"  # where a handout's terms go, kept by Markdown as it is
_ROOT = "glossary-root:/"  # a fragment's links start here; each handout puts its way to the site root instead

Render = Callable[[str], str]  # Markdown -> HTML, as the site renders it


def _remembering(render: Render) -> Render:
    rendered: dict[str, str] = {}

    def remembered(text: str) -> str:
        if text not in rendered:
            rendered[text] = render(text)
        return rendered[text]

    return remembered


def _handout_uri(key: str | None) -> str:
    return f"{PRINT_DIR}/{key or 'index'}.md"


def members(glossary: Glossary, key: str | None) -> list[Entry]:
    """The terms of the handout of category `key`, or of all terms (None), in their order."""
    return glossary.sorted_by_term() if key is None else glossary.in_category(key)


def _page(
    key: str | None, title: str, intro: str, glossary: Glossary, site: Publication, parts: EntryParts | None
) -> GeneratedPage:
    src_uri = _handout_uri(key)
    terms = members(glossary, key)
    up = "../" * src_uri.count("/")
    others = " · ".join(f"[{md_text(c.title)}]({up}{_handout_uri(k)})" for k, c in glossary.categories.items())
    out = [
        front_matter(title=title, description=intro, template=TEMPLATE, search={"exclude": True}),
        '<nav class="gl-handout-screen" aria-label="Handouts" markdown>',
        "",
        f"Print this page from the browser (Ctrl+P or ⌘P); it is laid out for A4 and Letter paper. "
        f"[All terms]({up}{_handout_uri(None)}) · {others} · [Back to the A–Z index]({up}{TERMS_DIR}/index.md)",
        "",
        "</nav>",
        "",
        f"# {md_text(title)}",
        "",
        f'<p class="gl-handout-intro">{html.escape(intro)} {len(terms)} terms, from {html.escape(site.index_url)}</p>',
        "",
        TERMS_MARKER,
        "",
    ]
    anchors = [
        (entry.slug, *made(parts, "anchors", entry, partial(citations_html.source_anchors, entry, glossary), alone=True))
        for entry in terms
    ]
    return GeneratedPage(src_uri, "\n".join(out), anchors=tuple(anchor for group in anchors for anchor in group))


def handout_pages(glossary: Glossary, site: Publication, parts: EntryParts | None = None) -> list[GeneratedPage]:
    """The handouts' frames: title, intro and links to the other handouts. Their terms are
    put in by `Handouts.fill` once the frame is rendered; each term's heading has its slug as id.
    `parts` keeps each term's anchors from one call to the next (`glossary serve`)."""
    pages = [
        _page(None, f"{site.name}: all terms", "Every term with its summary, definition, pros and cons.", glossary, site, parts)
    ]
    for key, category in glossary.categories.items():
        pages.append(_page(key, f"{site.name}: {category.title}", category.description, glossary, site, parts))
    return pages


class Handouts:
    """Puts the terms into the rendered handouts, rendering each term's fragment once."""

    def __init__(self, glossary: Glossary, site: Publication, render: Render, *, remember: bool = False) -> None:
        """With `remember` (`glossary serve` fills the same handouts again after every change),
        each term's article is kept for the next fill too, and each text's HTML: a term a change
        reaches is made again, but rendered again only if its Markdown differs."""
        self.site = site
        self.fragments: dict[str, str] = {}  # slug -> the term's definition, pros, cons and sources
        self.articles: dict[tuple[str, bool], str] | None = {} if remember else None
        self.render = _remembering(render) if remember else render
        self.refresh(glossary, None)

    def refresh(self, glossary: Glossary, reach: set[str] | None) -> None:
        """Use `glossary` from now on, keeping what was rendered of the terms outside `reach`
        (render/reach.py; None keeps nothing): `glossary serve` renders only what a change reaches."""
        self.glossary = glossary
        self.uris = {_handout_uri(None): None} | {_handout_uri(key): key for key in glossary.categories}
        if reach is None:
            self.fragments.clear()
        else:
            for slug in reach & self.fragments.keys():
                del self.fragments[slug]
        if self.articles:
            self.articles = {key: text for key, text in self.articles.items() if reach is not None and key[0] not in reach}

    def fill(self, src_uri: str, rendered: str) -> str:
        """The rendered page with its terms put in; any other page as it is."""
        if src_uri not in self.uris or TERMS_MARKER not in rendered:
            return rendered
        return rendered.replace(TERMS_MARKER, self.terms_html(src_uri), 1)

    def terms_html(self, src_uri: str) -> str:
        """The terms of the handout at `src_uri`, as its page shows them; '' for any other page."""
        if src_uri not in self.uris:
            return ""
        key = self.uris[src_uri]
        terms = "".join(self._term(entry, show_category=key is None) for entry in members(self.glossary, key))
        served = src_uri.removesuffix(".md").removesuffix("/index")  # print/index.md is print/, print/x.md print/x/
        root = "../" * (served.count("/") + 1)
        return terms.replace(f'href="{_ROOT}', f'href="{root}')

    def _term(self, entry: Entry, *, show_category: bool) -> str:
        if self.articles is None:
            return self._article(entry, show_category=show_category)
        key = (entry.slug, show_category)
        if key not in self.articles:
            self.articles[key] = self._article(entry, show_category=show_category)
        return self.articles[key]

    def _article(self, entry: Entry, *, show_category: bool) -> str:
        category = self.glossary.categories.get(entry.category)
        meta = [", ".join(entry.aliases)] if entry.aliases else []
        if show_category and category:
            meta.append(category.title)
        out = ['<article class="gl-handout-term">', f'<h2 id="{entry.slug}">{html.escape(entry.term)}</h2>']
        if meta:
            out.append(f'<p class="gl-handout-meta">{html.escape(" · ".join(meta))}</p>')
        out += [
            f'<p class="gl-summary">{html.escape(entry.summary)}</p>',
            self._body(entry),
            f'<p class="gl-handout-url">{html.escape(self.site.term_url(entry.slug))}</p>',
            "</article>",
            "",
        ]
        return "\n".join(out)

    def _body(self, entry: Entry) -> str:
        """The definition, pros and cons: rendered from Markdown once per term."""
        if entry.slug not in self.fragments:
            self.fragments[entry.slug] = self._render_body(entry)
        return self.fragments[entry.slug]

    def _render_body(self, entry: Entry) -> str:
        """Citations link to the term's own numbered sources, below its pros and cons: a
        handout holds many terms, so each source line's id starts with the term's slug."""
        numbers = citations_html.handout_numbering(entry, self.glossary)

        def markdown(text: str) -> str:
            linked = link_terms(numbers.replace(text), self.glossary, PRINT_DIR, href=lambda slug: f"{_ROOT}{TERMS_DIR}/{slug}/")
            return self.render(linked)

        out = [markdown(entry.definition)]
        if entry.pros or entry.cons:
            out.append('<div class="gl-procon">')
            for title, items in (("Pros", entry.pros), ("Cons", entry.cons)):
                listed = "\n".join("- " + item.replace("\n", "\n  ") for item in items)
                out += [
                    "<div>",
                    f"<p><strong>{title}</strong></p>",
                    markdown(listed) if items else "<p><em>None recorded.</em></p>",
                    "</div>",
                ]
            out.append("</div>")
        if numbers.order:
            out += [
                '<p class="gl-handout-sources"><strong>Sources</strong></p>',
                citations_html.source_list(numbers, citations_html.entry_notes(entry), f"{_ROOT}{SOURCES_DIR}/"),
            ]
        return "\n".join(out)
