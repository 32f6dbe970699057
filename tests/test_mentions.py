"""First mentions of other terms in an entry's text become links."""

from __future__ import annotations

from sourcing_glossary.model import Entry, Glossary
from sourcing_glossary.render.mentions import MentionLinker


def _glossary() -> Glossary:
    def entry(slug: str, term: str, *aliases: str) -> Entry:
        return Entry(slug=slug, path=f"{slug}.yml", term=term, category="c", summary="s", definition="d", aliases=aliases)

    entries = [
        entry("offshoring", "Offshoring", "offshore"),
        entry("call-center", "Call center", "call centre"),
        entry("business-process-outsourcing", "Business process outsourcing", "BPO"),
        entry("self-service", "Self-service"),
    ]
    return Glossary({e.slug: e for e in entries}, {}, {})


def link(text: str, linked: set[str] | None = None) -> str:
    return MentionLinker(_glossary()).link(text, linked if linked is not None else set())


def test_first_mention_of_a_term_becomes_a_link() -> None:
    assert link("Offshoring moves work. Offshoring again.") == "[Offshoring](offshoring.md) moves work. Offshoring again."


def test_aliases_plurals_and_hyphen_variants_are_mentions() -> None:
    assert link("Two call centres") == "Two [call centres](call-center.md)"
    assert link("a self service kiosk") == "a [self service](self-service.md) kiosk"


def test_acronyms_match_only_in_capitals() -> None:
    assert link("BPO deals") == "[BPO](business-process-outsourcing.md) deals"
    assert link("bpo deals") == "bpo deals"


def test_code_links_headings_and_urls_are_left_alone() -> None:
    text = "`offshoring` and [offshoring](x.md) and https://example.org/offshoring\n# Offshoring\n"
    assert link(text) == text


def test_terms_already_linked_on_the_page_are_skipped() -> None:
    assert link("Offshoring here", {"offshoring"}) == "Offshoring here"


def test_longest_name_wins() -> None:
    assert link("business process outsourcing") == "[business process outsourcing](business-process-outsourcing.md)"
