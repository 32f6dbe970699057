"""Printable handouts: every term on one page (print/), and one page per category
(print/<category>/), with summaries, definitions, pros and cons and nothing else.

The pages use the theme template docs/overrides/handout.html, which adds
docs/assets/print.css to these pages only; they stay out of the navigation and the search.
"""

from __future__ import annotations

import html

from .model import Entry, Glossary
from .pages import GeneratedPage, front_matter, link_terms, md_text
from .publication import Publication

PRINT_DIR = "print"
TEMPLATE = "handout.html"


def _term(entry: Entry, glossary: Glossary, site: Publication, *, show_category: bool) -> list[str]:
    category = glossary.categories.get(entry.category)
    meta = [html.escape(", ".join(entry.aliases))] if entry.aliases else []
    if show_category and category:
        meta.append(html.escape(category.title))
    out = ["<article class=\"gl-handout-term\" markdown>", "", f"## {md_text(entry.term)}", ""]
    if meta:
        out += [f"<p class=\"gl-handout-meta\">{' · '.join(meta)}</p>", ""]
    out += [f"<p class=\"gl-summary\">{html.escape(entry.summary)}</p>", "",
            link_terms(entry.definition, glossary, PRINT_DIR), ""]
    if entry.pros or entry.cons:
        out += ["<div class=\"gl-procon\" markdown>", ""]
        for title, items in (("Pros", entry.pros), ("Cons", entry.cons)):
            listed = "\n".join("- " + link_terms(item, glossary, PRINT_DIR).replace("\n", "\n  ") for item in items)
            out += ["<div markdown>", "", f"**{title}**", "", listed or "_None recorded._", "", "</div>", ""]
        out += ["</div>", ""]
    out += [f"<p class=\"gl-handout-url\">{html.escape(site.term_url(entry.slug))}</p>", "", "</article>", ""]
    return out


def _page(src_uri: str, title: str, intro: str, entries: list[Entry], glossary: Glossary,
          site: Publication, *, show_category: bool) -> GeneratedPage:
    up = "../" * src_uri.count("/")
    others = " · ".join(f"[{md_text(c.title)}]({up}{PRINT_DIR}/{key}.md)" for key, c in glossary.categories.items())
    out = [front_matter(title=title, description=intro, template=TEMPLATE, search={"exclude": True}),
           "<nav class=\"gl-handout-screen\" aria-label=\"Handouts\" markdown>", "",
           f"Print this page from the browser (Ctrl+P or ⌘P); it is laid out for A4 and Letter paper. "
           f"[All terms]({up}{PRINT_DIR}/index.md) · {others} · [Back to the A–Z index]({up}terms/index.md)", "",
           "</nav>", "", f"# {md_text(title)}", "",
           f"<p class=\"gl-handout-intro\">{html.escape(intro)} {len(entries)} terms, from "
           f"{html.escape(site.index_url)}</p>", ""]
    for entry in entries:
        out += _term(entry, glossary, site, show_category=show_category)
    return GeneratedPage(src_uri, "\n".join(out))


def handout_pages(glossary: Glossary, site: Publication) -> list[GeneratedPage]:
    pages = [_page(f"{PRINT_DIR}/index.md", f"{site.name}: all terms",
                   "Every term with its summary, definition, pros and cons.",
                   glossary.sorted_by_term(), glossary, site, show_category=True)]
    for key, category in glossary.categories.items():
        pages.append(_page(f"{PRINT_DIR}/{key}.md", f"{site.name}: {category.title}", category.description,
                           glossary.in_category(key), glossary, site, show_category=False))
    return pages

