"""`glossary_links`: a Python-Markdown extension that links glossary terms in training material.

Pointed at the glossary's terms.json (a URL or a file), it links the first mention of each term
on a page to the term's page at build time, by the rules of the embed script (name_matcher.py),
so the links work without JavaScript and `glossary check-links` can verify them. In mkdocs.yml:

    markdown_extensions:
      - glossary_links:
          terms: https://sourcing-glossary.example.org/terms.json
"""

from __future__ import annotations

import functools
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..text.name_matcher import NameMatcher
from .published_terms import PublishedGlossary, TermsUnavailable, read_terms

# What is never linked, here and in the embed script: headings, links, code, form fields, and
# anything marked data-glossary-skip (or editable).
SKIPPED_TAGS = frozenset(
    {
        "a",
        "button",
        "code",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "input",
        "kbd",
        "label",
        "noscript",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
    }
)
SKIP_ATTRIBUTES = ("data-glossary-skip", "contenteditable")
# After attr_list (8), which sets data-glossary-skip on a paragraph, and after the inline
# patterns have made code and links elements (20).
PRIORITY = 6


@functools.cache
def _published(source: str) -> tuple[PublishedGlossary, NameMatcher]:
    """Read once per run: MkDocs starts a new Markdown converter for every page."""
    glossary = read_terms(source)
    return glossary, NameMatcher(glossary.names())


class GlossaryLinksExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"terms": ["", "the glossary's terms.json: an http(s) URL or a file path"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        source = self.getConfig("terms")
        if not source:
            raise TermsUnavailable("glossary_links: set `terms` to the glossary's terms.json (a URL or a file path)")
        glossary, names = _published(source)
        md.treeprocessors.register(_TermLinks(md, glossary, names), "glossary_links", PRIORITY)


class _TermLinks(Treeprocessor):
    def __init__(self, md: Markdown, glossary: PublishedGlossary, names: NameMatcher) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.names = names

    def run(self, root: etree.Element) -> None:
        # One page: each term is linked once, and not at all when the page links to it already.
        targets = (self.glossary.target_of(a.get("href", "")) for a in root.iter("a"))
        self.found = {target for target in targets if target is not None}
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIPPED_TAGS or any(name in element.attrib for name in SKIP_ATTRIBUTES):
            return
        children = list(element)
        element.text, links = self._split(element.text)
        position = _insert(element, 0, links)  # where the next child is in `element`
        for child in children:
            self._walk(child)
            child.tail, links = self._split(child.tail)
            position = _insert(element, position + 1, links)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first mention, and a link for each mention with the text
        after it as its tail."""
        if not text:
            return text, []
        mentions = self.names.find(text, self.found)
        if not mentions:
            return text, []
        links = []
        for number, (start, end, slug) in enumerate(mentions):
            term = self.glossary.terms[slug]
            link = etree.Element("a", {"href": term.url, "title": f"{term.term}: {term.summary}"})
            link.text = text[start:end]
            link.tail = text[end : mentions[number + 1][0] if number + 1 < len(mentions) else len(text)]
            links.append(link)
        return text[: mentions[0][0]], links


def _insert(element: etree.Element, position: int, links: list[etree.Element]) -> int:
    """Put `links` into `element` from `position` on; returns the position after them."""
    for link in links:
        element.insert(position, link)
        position += 1
    return position


def makeExtension(**kwargs: object) -> GlossaryLinksExtension:
    return GlossaryLinksExtension(**kwargs)
