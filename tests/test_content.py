"""The real glossary's content meets the quality bar, so required terms and flagship sections
cannot silently regress."""

from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import REPO, run_glossary
from sourcing_glossary.model import Glossary
from sourcing_glossary.source.load import Layout, load_glossary

MIN_ENTRIES = 45
REQUIRED_SLUGS = (
    "outsourcing",
    "offshoring",
    "nearshoring",
    "onshoring",
    "insourcing",
    "business-process-outsourcing",
    "knowledge-process-outsourcing",
    "offshore-outsourcing",
    "captive-center",
    "reshoring",
    "backsourcing",
    "homeshoring",
    "outsourcing-service-provider",
    "call-center",
    "contact-center",
    "multichannel-contact-center",
    "omnichannel",
    "blended-contact-center",
    "inbound-call-center",
    "outbound-call-center",
    "automatic-call-distributor",
    "predictive-dialer",
    "interactive-voice-response",
    "self-service",
    "service-level-agreement",
    "key-performance-indicator",
    "customer-feedback-loop",
    "follow-the-sun",
    "economies-of-scale",
    "labor-arbitrage",
    "overflow-outsourcing",
    "customer-relationship-management",
    "customer-service-representative",
    "vendor-selection",
    "performance-based-contract",
    "data-protection",
    "multilingual-support",
    "agent-onboarding",
)
FLAGSHIPS = ("outsourcing", "offshoring", "nearshoring", "onshoring", "insourcing", "business-process-outsourcing")
# The pairs readers confuse: each side must explain how it differs from the other.
CONFUSED_PAIRS = (
    ("outsourcing", "offshoring"),
    ("outsourcing", "insourcing"),
    ("offshoring", "nearshoring"),
    ("offshoring", "onshoring"),
    ("nearshoring", "onshoring"),
    ("business-process-outsourcing", "knowledge-process-outsourcing"),
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    loaded, problems = load_glossary(Layout(REPO, REPO / "glossary"))
    assert not [p for p in problems if p.is_error], problems
    return loaded


def test_required_terms_exist(glossary: Glossary) -> None:
    assert sorted(set(REQUIRED_SLUGS) - set(glossary.entries)) == []


def test_glossary_has_enough_entries(glossary: Glossary) -> None:
    assert len(glossary.entries) >= MIN_ENTRIES


@pytest.mark.parametrize("slug", FLAGSHIPS)
def test_flagship_entry_is_complete(glossary: Glossary, slug: str) -> None:
    entry = glossary.entries[slug]
    missing = [
        name
        for name, ok in (
            ("summary", bool(entry.summary)),
            ("definition", bool(entry.definition)),
            ("an example", len(entry.examples) >= 1),
            ("three pros", len(entry.pros) >= 3),
            ("three cons", len(entry.cons) >= 3),
            ("four related terms", len(entry.related) >= 4),
            ("a contrast", bool(entry.contrast)),
            ("the ownership facet", "ownership" in entry.facets),
            ("the location facet", "location" in entry.facets),
            ("usage notes", bool(entry.usage_notes)),
            ("sources", bool(entry.sources)),
        )
        if not ok
    ]
    assert missing == [], f"{entry.path} lacks: {', '.join(missing)}"


@pytest.mark.parametrize(("first", "second"), CONFUSED_PAIRS)
def test_confused_terms_contrast_each_other(glossary: Glossary, first: str, second: str) -> None:
    assert second in glossary.entries[first].contrast, f"{first} does not contrast itself with {second}"
    assert first in glossary.entries[second].contrast, f"{second} does not contrast itself with {first}"


def test_every_entry_has_two_related_terms(glossary: Glossary) -> None:
    assert [e.slug for e in glossary.entries.values() if len(e.related) < 2] == []


def test_every_entry_is_linked_from_another_entry(glossary: Glossary) -> None:
    inbound: dict[str, set[str]] = defaultdict(set)
    for slug, entry in glossary.entries.items():
        for target in entry.outgoing:
            inbound[target].add(slug)
    assert [slug for slug in glossary.entries if not inbound[slug]] == []


def test_strict_validation_passes_on_the_real_glossary() -> None:
    result = run_glossary("validate", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
