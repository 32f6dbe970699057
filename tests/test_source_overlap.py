"""No sentence of the glossary shares 8 or more consecutive words with one of the articles it
grew from (../shared/sources, present where the project is developed, not on a user's machine)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import check_source_overlap  # noqa: E402  (a script, not part of the package)

ARTICLES = check_source_overlap.DEFAULT_SOURCES


def test_the_check_finds_a_copied_sentence(tmp_path: Path) -> None:
    articles = tmp_path / "sources"
    articles.mkdir()
    (articles / "a.txt").write_text("Many companies outsourced their support from the mid-1990s and on.", encoding="utf-8")
    entry = tmp_path / "copied.yml"
    entry.write_text(
        "definition: |\n  As [[outsourcing]] grew, many companies outsourced their support from the "
        "mid-1990s [@x].\nexamples:\n  - Own words only.\n",
        encoding="utf-8",
    )
    found = check_source_overlap.overlaps([entry], check_source_overlap.source_windows(articles))
    assert [(o.source, o.words) for o in found] == [("a.txt", "companies outsourced their support from the mid 1990s")]


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"{ARTICLES} is not on this machine")
def test_no_sentence_of_the_glossary_repeats_eight_words_of_a_source_article() -> None:
    paths = sorted((REPO / "glossary" / "terms").glob("*.yml")) + [REPO / "glossary" / "comparisons.yml"]
    found = check_source_overlap.overlaps(paths, check_source_overlap.source_windows(ARTICLES))
    assert found == [], "\n".join(f"{o.path.name}: '{o.words}' ({o.source})" for o in found)
