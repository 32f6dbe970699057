"""What an editor sees in the browser while `glossary serve` runs: a save that breaks the
glossary shows its problems over the last good page, and the save that fixes it reloads the
page without them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench import add_synthetic_terms
from conftest import run_glossary

pytestmark = pytest.mark.browser
BANNER = "#glossary-serve-problems"


def _edit(path: Path, **fields: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_problems_show_over_the_last_good_page_and_the_fix_reloads_it(project: Path, serve, browser) -> None:
    slug = add_synthetic_terms(project / "glossary", 12)[0].slug
    entry = project / "glossary" / "terms" / f"{slug}.yml"
    summary = yaml.safe_load(entry.read_text(encoding="utf-8"))["summary"]
    served = serve(project)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served.url}terms/{slug}/")
        assert page.locator(".gl-summary").first.inner_text() == summary
        assert page.locator(BANNER).count() == 0

        _edit(entry, related=["no-such-term"], summary="A summary saved with a broken entry.")
        banner = page.wait_for_selector(BANNER, timeout=120_000)  # live reload brings the banner
        assert banner.is_visible()
        text = banner.inner_text()
        assert "no-such-term" in text and f"glossary/terms/{slug}.yml" in text and "error[unknown-ref]" in text
        assert page.locator(".gl-summary").first.inner_text() == summary, "the page is not the last good one"
        assert run_glossary("validate", cwd=project).stdout.strip() in served.output(), "no report in the terminal"

        _edit(entry, related=[], summary="A summary saved once the entry is fixed.")
        page.wait_for_selector(BANNER, state="detached", timeout=120_000)
        page.wait_for_function(
            "() => document.querySelector('.gl-summary')?.textContent.includes('once the entry')", timeout=120_000
        )
    finally:
        context.close()
