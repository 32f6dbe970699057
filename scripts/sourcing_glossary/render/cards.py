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

from ..model import Entry, Glossary
from ..text import citations
from ..urls import CARDS_DIR, TERMS_DIR, Publication
from .pages import PART, GeneratedPage, front_matter, link_terms

TEMPLATE = "card.html"
CARD_PARTS = frozenset({"card-term", "card-deprecated", "card-summary", "card-more"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def card_uri(slug: str) -> str:
    return f"{CARDS_DIR}/{slug}.md"


def _first_paragraph(markdown: str) -> str:
    return _PARAGRAPH_BREAK.split(markdown.strip(), maxsplit=1)[0]


def card_page(entry: Entry, glossary: Glossary, site: Publication) -> GeneratedPage:
    """A term's card. Its parts that are HTML already (all but the definition) are markers in
    its Markdown, put in once the page is rendered (render/pages.py, put_parts)."""
    definition = link_terms(citations.without_citations(_first_paragraph(entry.definition)), glossary, CARDS_DIR)
    meta = {"canonical": site.term_url(entry.slug)} if site.base_url else {}
    parts = card_parts(entry, glossary, site)
    out = [front_matter(title=entry.term, description=entry.summary, template=TEMPLATE, search={"exclude": True}, **meta)]
    out += [PART.format(name) + "\n" for name in ("card-term", "card-deprecated", "card-summary") if name in parts]
    out += [definition, "", PART.format("card-more"), ""]
    return GeneratedPage(card_uri(entry.slug), "\n".join(out), parts=parts)


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
