"""The graph page of the 25 dev reports in a real browser: it opens on the overview, offline.

Debian's headless Chromium through Playwright, from file://, every request that is not a local
file aborted and recorded. Skipped when ../shared/devcorpus is not beside the checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT

from hwgraph.html import write_html
from hwgraph.views import OVERVIEW_BUDGET
from hwgraph.views._overview import crossings

pytestmark = pytest.mark.browser

DEVCORPUS = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
COUNT = "window.network.body.nodeIndices.length"


@pytest.fixture(scope="session")
def dev_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The N-Quads of a build of the dev corpus (built once, a few seconds)."""
    from hwgraph.build import build

    if not DEVCORPUS.is_dir():
        pytest.skip(f"{DEVCORPUS} is not here (it comes with the shared folder)")
    out = tmp_path_factory.mktemp("devbuild-html")
    build(DEVCORPUS, out, html=False)
    return out / "hwgraph.nq"


def _assert_clean(probe) -> None:
    assert probe.errors == []
    assert probe.requests == []
    assert probe.dialogs == []


def _point(page, node_id: str) -> tuple[float, float]:
    return page.evaluate(
        """(id) => {
            const p = window.network.canvasToDOM(window.network.getPosition(id));
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        node_id,
    )


def _drawn(page, cls: str) -> int:
    return page.evaluate(
        "(c) => window.network.body.nodeIndices.filter(id => window.hwgraph.data.nodes.find(n => n.id === id).cls === c).length",
        cls,
    )


def test_html_browser_dev_corpus_opens_on_the_overview(browser_page, dev_graph, tmp_path):
    out = tmp_path / "dev.html"
    report = write_html(dev_graph, out)
    assert report.aggregated and report.by_class["doc"] == 25
    first_draw = browser_page.open(out)
    page = browser_page.page
    assert page.evaluate(COUNT) == report.initially_drawn <= OVERVIEW_BUDGET
    assert page.evaluate("window.hwgraph.mode()") == "overview"
    assert first_draw < 2000, f"first draw took {first_draw:.0f} ms"
    assert _drawn(page, "doc") == 25 and _drawn(page, "sec") == 0
    data = page.evaluate("window.hwgraph.data.overview")
    shared = page.evaluate(
        "(m) => window.hwgraph.data.nodes.filter(n => n.cls === 'prog' && n.k >= m).length", data["min"]
    )
    assert _drawn(page, "prog") == shared
    note = page.inner_text("#note")
    assert "未显示" in note and "Hidden" in note and "章节" in note and "sections" in note
    # the ring: documents labelled by place, the edges crossing far less than in title order
    labels = page.evaluate("window.hwgraph.data.nodes.filter(n => n.cls === 'doc').map(n => n.sl)")
    assert all(len(label) <= 12 for label in labels) and len(set(labels)) == 25
    # a program shared by a few documents, clicked: its edges lit, its panel with quotes
    program = page.evaluate(
        """() => window.hwgraph.data.nodes.filter(n => n.cls === 'prog' && n.k >= 4 && n.k <= 8)
            .sort((a, b) => b.k - a.k || (a.id < b.id ? -1 : 1))[0]"""
    )
    page.mouse.click(*_point(page, program["id"]))
    assert page.inner_text("#details h2") == program["full"]
    assert sorted(page.evaluate("window.network.getSelectedEdges()"), key=str) and _drawn(page, "prog") == shared
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"))
    _assert_clean(browser_page)


def test_html_browser_dev_overview_click_and_search(browser_page, dev_graph, tmp_path):
    out = tmp_path / "dev.html"
    report = write_html(dev_graph, out)
    browser_page.open(out)
    page = browser_page.page
    # a click on a document opens its outline with all its programs
    doc = page.evaluate("window.hwgraph.data.nodes.find(n => n.cls === 'doc')")
    page.mouse.click(*_point(page, doc["id"]))
    assert page.evaluate("window.hwgraph.mode()") == "document"
    secs = page.evaluate("(d) => window.hwgraph.data.nodes.filter(n => n.cls === 'sec' && n.d[0] === d).length", doc["id"])
    assert secs > 0 and _drawn(page, "sec") == secs
    assert page.inner_text("#details h2") == doc["full"]
    page.click("#note button")  # back to the overview
    assert page.evaluate(COUNT) == report.initially_drawn
    # search finds a program of one document, hidden at open, and brings it in with its edge
    single = page.evaluate(
        """() => window.hwgraph.data.nodes.find(n => n.cls === 'prog' && n.k === 1
            && window.hwgraph.data.nodes.filter(m => m.full === n.full).length === 1)"""
    )
    assert single["id"] not in page.evaluate("window.network.body.nodeIndices")
    page.fill("#search", single["full"])
    page.press("#search", "Enter")
    assert page.inner_text("#details h2") == single["full"]
    assert page.evaluate("window.hwgraph.mode()") == "overview"
    assert single["id"] in page.evaluate("window.network.body.nodeIndices")
    assert page.evaluate(COUNT) == report.initially_drawn + 1
    assert page.evaluate("(id) => window.network.getConnectedNodes(id)", single["id"]) == single["d"]
    _assert_clean(browser_page)


def test_html_browser_dev_programs_view_overview_and_whole(browser_page, dev_graph, tmp_path):
    out = tmp_path / "programs.html"
    report = write_html(dev_graph, out, view="programs")
    assert report.aggregated and report.nodes > 1000
    browser_page.open(out)
    page = browser_page.page
    assert page.evaluate(COUNT) == report.initially_drawn <= OVERVIEW_BUDGET
    page.click("#note button")  # 显示全部 Show everything: the programs view as it was
    assert page.evaluate("window.hwgraph.mode()") == "whole"
    assert page.evaluate(COUNT) == report.nodes
    page.click("#note button")
    assert page.evaluate(COUNT) == report.initially_drawn
    _assert_clean(browser_page)


def test_html_dev_overview_edges_cross_less_than_in_title_order(dev_graph, tmp_path):
    """The ring's order (a chain by shared programs, then 2-opt) against the documents in title
    order with the same placement of programs: fewer crossings among the doc–program edges."""
    from hwgraph.views import _overview as ov

    write_html(dev_graph, tmp_path / "dev.html")
    import json
    import re

    text = (tmp_path / "dev.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="hwgraph-data">(.*?)</script>', text, re.S).group(1))
    by = {n["id"]: n for n in data["nodes"]}
    docs = [n["id"] for n in data["nodes"] if n["cls"] == "doc"]
    shared = {n["id"]: n["d"] for n in data["nodes"] if n["cls"] == "prog" and n["k"] >= data["overview"]["min"]}
    drawn = [((by[d]["ax"], by[d]["ay"]), (by[p]["ax"], by[p]["ay"])) for p, users in shared.items() for d in users]
    sizes = {d: ov.box_size(by[d]["sl"], 28) for d in docs} | {p: ov.box_size(by[p]["label"], by[p]["fs"]) for p in shared}
    most_used = dict(sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    pos = ov.ring_layout(docs, most_used, sizes)
    in_title_order = [(pos[d], pos[p]) for p, users in shared.items() for d in users]
    assert crossings(drawn) < 0.85 * crossings(in_title_order)
