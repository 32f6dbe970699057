"""Old and alternative URLs land on the term's page in a real browser, on a plain static host
(the test server is Python's SimpleHTTPRequestHandler: no rewrite rules), keeping the #section."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_glossary, serve_folder, write_entry

pytestmark = pytest.mark.browser

CANONICAL = "/terms/business-process-outsourcing/"

RENAMED = """\
term: Nearshore outsourcing
previous_slugs: [near-shore-sourcing]
category: sourcing-models
summary: A test term that was renamed.
definition: The definition.
"""


def test_alias_url_lands_on_the_canonical_page(page, site_url: str) -> None:
    page.goto(f"{site_url}/terms/bpo/")
    page.wait_for_url(f"{site_url}{CANONICAL}")

    assert page.title().startswith("Business process outsourcing")
    assert page.console_errors == []


def test_alias_url_keeps_the_section_anchor_and_scrolls_to_it(page, site_url: str) -> None:
    page.goto(f"{site_url}/terms/bpo/#pros")
    page.wait_for_url(f"{site_url}{CANONICAL}#pros")

    page.wait_for_function("Math.abs(document.getElementById('pros').getBoundingClientRect().top) < 200")
    assert page.evaluate("window.scrollY") > 0


def test_previous_slug_url_lands_on_the_renamed_term_with_its_anchor(page, project: Path) -> None:
    write_entry(project, "nearshore-outsourcing", RENAMED)
    run_glossary("build", cwd=project, check=True)
    url, server = serve_folder(project / "site")
    try:
        page.goto(f"{url}/terms/near-shore-sourcing/#definition")
        page.wait_for_url(f"{url}/terms/nearshore-outsourcing/#definition")
        assert page.title().startswith("Nearshore outsourcing")
    finally:
        server.shutdown()
