"""`glossary show TERM`: a term in the terminal, found by slug, name or alias, typos forgiven."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_glossary


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("show"))


@pytest.mark.parametrize("query", ["business-process-outsourcing", "Business process outsourcing",
                                   "BPO", "bpo", "business-process outsourcing"])
def test_show_finds_a_term_by_slug_name_or_alias(root: Path, query: str) -> None:
    result = run_glossary("show", query, cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == ["Business process outsourcing", "=" * len("Business process outsourcing")]
    assert result.stderr == ""


@pytest.mark.parametrize("typo, term", [("offshorring", "Offshoring"), ("call centr", "Call center"),
                                        ("nearshoreing", "Nearshoring")])
def test_show_forgives_typos_and_says_it_guessed(root: Path, typo: str, term: str) -> None:
    result = run_glossary("show", typo, cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == term
    assert f"closest match for '{typo}'" in result.stderr


def test_show_prints_summary_definition_pros_cons_and_link(root: Path) -> None:
    out = run_glossary("show", "offshoring", cwd=root, check=True).stdout
    assert "Also called: offshore, off-shoring, offshored" in out
    assert "https://sourcing-glossary.example.org/terms/offshoring/" in out
    for heading in ("DEFINITION", "PROS", "CONS", "NOT TO BE CONFUSED WITH"):
        assert f"\n{heading}\n" in out
    assert "[[" not in out  # term links read as words
    assert max(len(line) for line in out.splitlines()) <= 100


def test_show_lists_the_candidates_when_several_terms_fit(root: Path) -> None:
    result = run_glossary("show", "shoring", cwd=root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Did you mean:" in result.stderr
    assert "  Offshoring (offshoring)" in result.stderr and "  Nearshoring (nearshoring)" in result.stderr


def test_show_says_where_to_look_when_nothing_matches(root: Path) -> None:
    result = run_glossary("show", "xyzzy", cwd=root)
    assert result.returncode == 1
    assert "No term matches 'xyzzy'" in result.stderr
    assert "https://sourcing-glossary.example.org/terms/" in result.stderr
