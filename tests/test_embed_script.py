"""What the embed script for other sites is made of: the script itself, small, and terms.js, the
glossary's terms as a script that any page may load."""

from __future__ import annotations

import json

from conftest import REPO, entry_value
from sourcing_glossary.exports.site_data import EMBED_GLOBAL, terms_script
from sourcing_glossary.model import Glossary

MAX_BYTES = 15_000  # unminified, as published


def test_the_embed_script_weighs_at_most_15_kb() -> None:
    assert (REPO / "docs" / "assets" / "embed" / "glossary-links.js").stat().st_size <= MAX_BYTES


def test_terms_script_sets_each_terms_names_summary_and_replacement() -> None:
    glossary = Glossary(
        {
            "far-shoring": entry_value("far-shoring", "Far-shoring", "farshoring", status="deprecated", replaced_by="offshoring"),
            "offshoring": entry_value("offshoring", "Offshoring"),
        },
        {},
        {},
    )
    script = terms_script(glossary)
    prefix = f"window.{EMBED_GLOBAL}="
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix) : -2])["terms"][0] == {
        "slug": "far-shoring",
        "term": "Far-shoring",
        "aliases": ["farshoring"],
        "summary": "What Far-shoring is.",
        "status": "deprecated",
        "replaced_by": "offshoring",
    }
