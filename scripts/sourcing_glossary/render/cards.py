"""Term cards (cards/<slug>/): one small page per term, made to be embedded in an iframe of a
learning platform: the term, its summary, the first paragraph of its definition and a link to
the full entry, without the site's header, navigation or scripts.

The pages use the theme template docs/overrides/card.html (a page of its own, not the site's
frame) and its stylesheet docs/assets/card.css; they stay out of the navigation and the search.
Links open outside the frame, except a deprecated term's link to its replacement's card.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ..model import Entry, Glossary
from ..text import citations
from ..urls import CARDS_DIR, TERMS_DIR, Publication
from .handout import Render
from .pages import PART, GeneratedPage, front_matter, link_terms, page_meta, page_slug, put_parts

TEMPLATE = "card.html"
CARD_PARTS = frozenset({"card-term", "card-deprecated", "card-summary", "card-more"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def card_uri(slug: str) -> str:
    return f"{CARDS_DIR}/{slug}.md"


def is_card(src_uri: str) -> bool:
    return page_slug(src_uri, CARDS_DIR) is not None


def _first_paragraph(markdown: str) -> str:
    return _PARAGRAPH_BREAK.split(markdown.strip(), maxsplit=1)[0]


def card_page(entry: Entry, glossary: Glossary, site: Publication) -> GeneratedPage:
    """A term's card as a Markdown page with its template (`glossary render`, check-links and the
    URL lock list it; the MkDocs plugin writes the card itself: card_meta, card_content). Its
    parts that are HTML already (all but the definition) are markers in its Markdown, put in
    once the page is rendered (render/pages.py, put_parts)."""
    parts = card_parts(entry, glossary, site)
    markdown = front_matter(**_meta_fields(entry, site)) + "\n" + _body(entry, glossary, parts, None)
    return GeneratedPage(card_uri(entry.slug), markdown, parts=parts)


def card_meta(entry: Entry, site: Publication) -> dict[str, object]:
    """The card page's metadata as its template reads it (page.meta)."""
    return page_meta(**_meta_fields(entry, site))


def card_content(entry: Entry, glossary: Glossary, site: Publication, render: Render) -> str:
    """The card's HTML as the site renders its page (page.content), with `render` as the
    site's Markdown: links to terms are written as their published addresses, which is all the
    site generator would change in the links (entry text links only to http(s) addresses)."""
    parts = card_parts(entry, glossary, site)
    return put_parts(render(_body(entry, glossary, parts, lambda slug: f"../../{TERMS_DIR}/{slug}/")), parts)


def _meta_fields(entry: Entry, site: Publication) -> dict[str, object]:
    meta = {"canonical": site.term_url(entry.slug)} if site.base_url else {}
    return {"title": entry.term, "description": entry.summary, "template": TEMPLATE, "search": {"exclude": True}, **meta}


def _body(entry: Entry, glossary: Glossary, parts: dict[str, str], href: Callable[[str], str] | None) -> str:
    definition = link_terms(citations.without_citations(_first_paragraph(entry.definition)), glossary, CARDS_DIR, href)
    out = [PART.format(name) + "\n" for name in ("card-term", "card-deprecated", "card-summary") if name in parts]
    out += [definition, "", PART.format("card-more"), ""]
    return "\n".join(out)


def card_parts(entry: Entry, glossary: Glossary, site: Publication) -> dict[str, str]:
    """The parts of a term's card that are HTML already, by name (CARD_PARTS)."""
    entry_href = f"../../{TERMS_DIR}/{entry.slug}/"
    parts = {
        "card-term": f'<h1 class="gl-card__term">{html.escape(entry.term)}</h1>',
        "card-deprecated": _deprecation(entry, glossary),
        "card-summary": f'<p class="gl-card__summary">{html.escape(entry.summary)}</p>',
        "card-more": f'<p class="gl-card__more"><a href="{entry_href}">Full entry: {html.escape(entry.term)}</a> · '
        f"{html.escape(site.name)}</p>",
    }
    return {name: text for name, text in parts.items() if text}


def _deprecation(entry: Entry, glossary: Glossary) -> str:
    """A deprecated term's notice, leading to its replacement's card in the same frame."""
    if not entry.is_deprecated:
        return ""
    target = glossary.entries.get(entry.replaced_by or "")
    use = f' Use <a href="../{target.slug}/" target="_self">{html.escape(target.term)}</a> instead.' if target else ""
    return f'<p class="gl-card__deprecated"><strong>Deprecated:</strong> this glossary no longer uses this term.{use}</p>'


def card_pages(glossary: Glossary, site: Publication) -> list[GeneratedPage]:
    return [card_page(entry, glossary, site) for entry in glossary.entries.values()]
