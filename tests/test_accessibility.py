"""axe-core finds no serious or critical violations on the main kinds of page, in light and
dark mode, at desktop and phone widths."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def comparison_path(browser, site_url: str) -> str:
    """A comparison page, as /compare/ links to it (found once for the module)."""
    page = browser.new_page()
    page.goto(site_url + "/compare/")
    url = page.evaluate("""[...document.querySelectorAll('article a')].map(a => a.pathname)
        .find(p => p.startsWith('/compare/') && p !== '/compare/' && !p.includes('matrix'))""")
    page.close()
    assert url, "no comparison page is linked from /compare/"
    return url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_accessibility_violations(browser, site_url: str, comparison_path: str, scheme: str, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in ("/", "/terms/", "/terms/offshoring/", "/cards/offshoring/", "/compare/sourcing-model-matrix/", comparison_path):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        violations = Axe().run(page).response["violations"]
        for violation in violations:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path} [{scheme}, {viewport}] {violation['id']}: {violation['help']} {targets}")
    context.close()
    assert problems == []
