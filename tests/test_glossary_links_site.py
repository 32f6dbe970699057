"""A course site built with MkDocs and the `glossary_links` extension: its term mentions link to
the glossary, and `glossary check-links` verifies those links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from conftest import run_glossary
from sourcing_glossary.urls import PLACEHOLDER_URL  # the small glossary's site_url

COURSE = Path(__file__).parent / "fixtures" / "linking" / "course"
MKDOCS = Path(sys.executable).with_name("mkdocs")


@pytest.fixture(scope="module")
def course_page(linking_glossary: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/linking/course built with `mkdocs build`, its terms read from the small glossary's
    published terms.json; its built home page."""
    course = tmp_path_factory.mktemp("course") / "course"
    shutil.copytree(COURSE, course)
    environment = os.environ | {"GLOSSARY_TERMS": str(linking_glossary / "site" / "terms.json")}
    subprocess.run([str(MKDOCS), "build", "--strict", "-q"], cwd=course, env=environment, check=True, timeout=300)
    return course / "site" / "index.html"


def test_a_course_site_links_its_term_mentions_to_the_glossary(course_page: Path) -> None:
    page = html.parse(str(course_page)).getroot()
    glossary_links = [(a.text_content(), a.get("href")) for a in page.iter("a") if a.get("href", "").startswith(PLACEHOLDER_URL)]
    assert glossary_links == [
        ("call centres", f"{PLACEHOLDER_URL}terms/call-center/"),
        ("offshored", f"{PLACEHOLDER_URL}terms/offshoring/"),
        ("BPO", f"{PLACEHOLDER_URL}terms/business-process-outsourcing/"),
    ]


def test_check_links_verifies_the_links_a_course_site_gets(course_page: Path, linking_glossary: Path) -> None:
    result = run_glossary("-f", str(linking_glossary / "mkdocs.yml"), "check-links", str(course_page), cwd=course_page.parent)
    assert result.returncode == 0, result.stdout + result.stderr
