"""`glossary pdf`: print a built handout page to PDF with headless Chromium (Debian's
chromium, driven by Playwright), exactly as the browser's own "Save as PDF" lays it out."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM_NAMES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# No sandbox (containers and CI have no user namespaces) and nothing fetched from outside.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAPER_FORMATS = {"a4": "A4", "letter": "Letter"}
_FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:sans-serif">'
    '<span class="title"></span> · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)


class PrintError(Exception):
    """Printing is not possible here; the message says what to install or do instead."""


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, output: Path, *, paper: str = "a4") -> None:
    """Print the HTML file `page` of a built site to `output`, on A4 or Letter paper."""
    chromium = find_chromium()
    if chromium is None:
        raise PrintError(
            "Chromium was not found (install Debian's 'chromium' package); meanwhile, open the "
            "handout page in a browser and print it to PDF"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PrintError(
            "printing needs the Python package playwright: run '.venv/bin/pip install -e .[pdf]' "
            "(or 'make test' once, which installs it with the test tools)"
        ) from None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page()
                tab.goto(page.resolve().as_uri(), wait_until="load")
                tab.pdf(
                    path=str(output),
                    format=PAPER_FORMATS[paper],
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_FOOTER,
                )
            finally:
                browser.close()
    except Error as error:
        raise PrintError(f"Chromium could not print {page}: {error.message.splitlines()[0]}") from None
