"""The compare report of the 25 dev reports in a real browser: Debian's headless Chromium through
Playwright, from file://, with every request that is not a local file aborted and recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT

from hwgraph.analytics.compare import write_compare

pytestmark = pytest.mark.browser

DEVCORPUS = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"


@pytest.fixture(scope="session")
def dev_report(tmp_path_factory: pytest.TempPathFactory):
    """``(report, path)`` of the compare page of a build of the dev corpus (built once, ~15 s)."""
    from hwgraph.build import build

    if not DEVCORPUS.is_dir():
        pytest.skip(f"{DEVCORPUS} is not here (it comes with the shared folder)")
    out = tmp_path_factory.mktemp("devbuild")
    build(DEVCORPUS, out, html=False)
    page = out / "compare.html"
    return write_compare(out, page), page


@pytest.fixture
def report_page(browser_page, dev_report):
    """The dev corpus report loaded in a fresh page; returns (probe, report)."""
    report, path = dev_report
    browser_page.page.goto(path.resolve().as_uri())
    browser_page.page.wait_for_function("window.hwcompare && window.hwcompare.firstDraw", timeout=20_000)
    return browser_page, report


def _assert_clean(probe) -> None:
    assert probe.errors == []
    assert probe.requests == []
    assert probe.dialogs == []


def test_compare_browser_draws_every_chart_offline(report_page):
    probe, report = report_page
    page = probe.page
    assert report.documents == 25
    charts = page.eval_on_selector_all("figure.chart", "fs => fs.map(f => [f.dataset.chart, f.querySelectorAll('svg').length])")
    assert [name for name, _ in charts] == list(report.charts)
    assert all(n >= 1 for _, n in charts), charts
    assert {"matrix", "diffusion", "network", "centrality"} <= set(report.charts)
    assert page.locator("#matrix-svg rect.k").count() == report.cells
    assert page.locator("#network-svg g.n").count() >= 20
    assert page.locator("table.sim tbody tr").count() == 100
    box = page.locator("#matrix-svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert page.evaluate("window.hwcompare.firstDraw") < 2000
    _assert_clean(probe)


def test_compare_browser_cell_click_shows_quotes(report_page):
    probe, _ = report_page
    page = probe.page
    assert page.locator("#quotes").is_hidden()
    cell = page.locator('#matrix-svg g.r[data-r="0"] rect.k').first
    cell.click()
    assert page.locator("#quotes").is_visible()
    program = page.evaluate("window.hwcompare.data.progs[0][0]")
    assert page.inner_text("#q-prog") == program
    marks = page.locator("#q-list mark").all_inner_texts()
    assert marks and all(program in m for m in marks)
    assert "…" in page.inner_text("#q-list"), "the words around the quote come from the source file"
    page.keyboard.press("Escape")
    assert page.locator("#quotes").is_hidden()
    _assert_clean(probe)


def test_compare_browser_sorts_rows_and_columns(report_page):
    probe, _ = report_page
    page = probe.page

    def first_row() -> str:
        return page.evaluate(
            """() => { const rows = [...document.querySelectorAll('#matrix-svg g.r')];
                       rows.sort((a, b) => a.transform.baseVal[0].matrix.f - b.transform.baseVal[0].matrix.f);
                       return rows[0].querySelector('.rl').textContent; }"""
        )

    page.select_option("#sort", "name")
    names = page.evaluate("window.hwcompare.data.progs.map(p => p[0])")
    assert first_row() == page.evaluate("[...window.hwcompare.data.progs.map(p => p[0])].sort(new Intl.Collator('zh-CN').compare)[0]")
    assert first_row() != names[0]
    page.select_option("#sort", "documents")
    assert first_row() == names[0]
    # a column label: rows used by that document come first
    page.locator('#matrix-svg g.cl[data-c="3"] text').click()
    used = page.evaluate("new Set(window.hwcompare.data.cells.filter(c => c[1] === 3).map(c => c[0])).size")
    assert used > 0
    assert page.evaluate(
        "(name) => window.hwcompare.data.cells.some(c => c[1] === 3 && window.hwcompare.data.progs[c[0]][0] === name)",
        first_row(),
    )
    # a row label: columns regroup by that program and the group bands hide
    page.locator('#matrix-svg g.r[data-r="5"] text.rl').click()
    assert "ungrouped" in (page.get_attribute("#matrix-svg", "class") or "")
    page.click("#unsort")
    assert "ungrouped" not in (page.get_attribute("#matrix-svg", "class") or "")
    _assert_clean(probe)


def test_compare_browser_network_click_highlights_neighbours(report_page):
    probe, _ = report_page
    page = probe.page
    page.locator("#network-svg g.n").first.scroll_into_view_if_needed()
    page.evaluate("window.hwcompare.focusNode(0)")
    assert "focus" in (page.get_attribute("#network-svg", "class") or "")
    assert page.locator("#network-svg g.n.on").count() >= 2
    assert page.evaluate("window.hwcompare.data.nodes[0][0]") in page.inner_text("#node-info")
    _assert_clean(probe)


def test_compare_browser_screenshot(report_page):
    """tests/artifacts/compare.png: the README's docs/compare.png is a copy of it."""
    probe, _ = report_page
    page = probe.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.locator('#matrix-svg g.r[data-r="8"] rect.k').nth(4).click()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "compare.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert Path(shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _assert_clean(probe)
