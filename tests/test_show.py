"""`glossary show TERM`: a term in the terminal, found by slug, name or alias, typos forgiven."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from conftest import GLOSSARY_BIN, copy_project, run_glossary, write_entry

SGR = re.compile(r"\x1b\[[0-9;]*m")
MARKDOWN_ENTRY = """\
term: Styled
category: sourcing-models
summary: A test term whose texts use Markdown.
definition: |
  The question is **who** does the work, not *where* it is done: see [[other|the other term]].
  This sentence makes the paragraph long enough to be wrapped in a narrow terminal window.

  1. A first step
  2. A second step
pros:
  - It is `quick` to set up.
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("show"))


@pytest.mark.parametrize(
    "query", ["business-process-outsourcing", "Business process outsourcing", "BPO", "bpo", "business-process outsourcing"]
)
def test_show_finds_a_term_by_slug_name_or_alias(root: Path, query: str) -> None:
    result = run_glossary("show", query, cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == ["Business process outsourcing", "=" * len("Business process outsourcing")]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "typo, term", [("offshorring", "Offshoring"), ("call centr", "Call center"), ("nearshoreing", "Nearshoring")]
)
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
    assert "[[" not in out and "[@" not in out  # term links read as words, citations as numbers
    assert "\nSOURCES\n  [1] " in out and re.search(r"\[\d+\]", out.split("\nSOURCES\n")[0])
    assert all(len(line) <= 100 for line in out.splitlines() if not line.lstrip().startswith("http"))


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


def test_show_offers_the_closest_terms_for_a_phrase_no_name_matches(root: Path) -> None:
    result = run_glossary("show", "cheapest outsorcing deal", cwd=root)
    assert result.returncode == 1
    assert "Did you mean:" in result.stderr and "  Outsourcing (outsourcing)" in result.stderr
    assert "https://sourcing-glossary.example.org/terms/" in result.stderr


@pytest.fixture
def markdown_project(project: Path) -> Path:
    write_entry(project, "styled", MARKDOWN_ENTRY)
    write_entry(project, "other")
    return project


def run_in_terminal(*args: str, cwd: Path, columns: int) -> str:
    """Run `glossary` with its output on a pseudo-terminal `columns` wide, as in a terminal window."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([str(GLOSSARY_BIN), *args], cwd=cwd, env=env, stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command has ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(leader)
    return output.decode("utf-8").replace("\r\n", "\n")


def test_show_prints_markdown_as_plain_words_when_not_a_terminal(markdown_project: Path) -> None:
    out = run_glossary("show", "styled", cwd=markdown_project, check=True).stdout
    assert "The question is who does the work, not where it is done: see the other term." in " ".join(out.split())
    assert not re.search(r"\*|`|\[\[|\x1b", out)
    assert "\n  1. A first step\n  2. A second step\n" in out
    assert "\n  • It is quick to set up.\n" in out


def test_show_styles_bold_and_italic_in_a_terminal(markdown_project: Path) -> None:
    out = run_in_terminal("show", "styled", cwd=markdown_project, columns=100)
    assert "\x1b[1mwho\x1b[0m" in out and "\x1b[3mwhere\x1b[0m" in out
    assert "**" not in out


def test_show_wraps_to_the_width_of_the_terminal(markdown_project: Path) -> None:
    lines = SGR.sub("", run_in_terminal("show", "styled", cwd=markdown_project, columns=60)).splitlines()
    assert max(len(line) for line in lines) <= 60
    assert max(len(line) for line in lines) > 50
