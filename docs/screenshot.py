"""Take docs/screenshot.png of the HTML view, as the README shows it.

    .venv/bin/hwgraph build corpus -o outputs && .venv/bin/python docs/screenshot.py

Opens outputs/hwgraph.html (or the page given as the first argument) in Debian's headless
Chromium, narrows it to one document, selects one program and saves the screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from browser import launch  # noqa: E402


def main(page_path: Path, out: Path, document: str, program: str) -> None:
    """Save a 1600x1000 screenshot of ``page_path`` with ``document`` chosen and ``program`` selected."""
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.hwgraph && window.hwgraph.firstDraw")
        page.select_option("#doc-filter", label=document)
        page.fill("#search", program)
        page.press("#search", "Enter")
        page.wait_for_timeout(500)
        page.evaluate("() => window.hwgraph.fitDocument()")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "outputs" / "hwgraph.html"
    main(src, ROOT / "docs" / "screenshot.png", "全县2024年卫生健康工作要点", "三医联动")
