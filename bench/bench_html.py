"""How fast the HTML view draws in headless Chromium: the sample corpus and generated graphs.

    .venv/bin/python bench/bench_html.py            # sample corpus, dev corpus, 2k, 5k, 10k nodes
    .venv/bin/python bench/bench_html.py 20000      # other sizes

For each graph: seconds to write the page, its size, the first draw (ms since navigation, which
includes parsing vis-network and the data), and the mean time of a full redraw once loaded. The
25 dev reports (../shared/devcorpus, when beside the checkout) are drawn in the corpus and the
programs view. Generated graphs above hwgraph.views.OVERVIEW_NODES are drawn twice: as shipped
(opening on the overview) and forced whole (``!``). Pages go to bench/data/ (git-ignored).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from browser import launch  # noqa: E402
from synth import synthetic_turtle  # noqa: E402

from hwgraph.html import write_html  # noqa: E402
from hwgraph.views import OVERVIEW_NODES  # noqa: E402

DATA = HERE / "data"
_REDRAW = """async () => {
    const times = [];
    for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await new Promise(r => { window.network.once('afterDrawing', r); window.network.redraw(); });
        times.push(performance.now() - t);
    }
    return times.reduce((a, b) => a + b) / times.length;
}"""


def _corpus_graph() -> Path:
    from hwgraph.build import build

    out = DATA / "corpus"
    build(HERE.parent / "corpus", out, html=False)
    return out / "hwgraph.ttl"


def _dev_graph() -> Path | None:
    from hwgraph.build import build

    dev = HERE.parent.parent / "shared" / "devcorpus" / "gov-reports-2026"
    if not dev.is_dir():
        return None
    out = DATA / "devcorpus"
    build(dev, out, html=False)
    return out / "hwgraph.nq"


def _measure(browser, graph: Path, name: str, **options) -> None:
    out = DATA / f"{name}.html"
    t = time.perf_counter()
    report = write_html(graph, out, **options)
    write_s = time.perf_counter() - t
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(out.as_uri())
    page.wait_for_function("window.hwgraph && window.hwgraph.firstDraw", timeout=120_000)
    first = page.evaluate("window.hwgraph.firstDraw")
    drawn = page.evaluate("window.network.body.nodeIndices.length")
    frame = page.evaluate(_REDRAW)
    page.close()
    print(
        f"{name:<14} {report.nodes:>6} {drawn:>6} {write_s:>7.2f} {report.bytes / 1e6:>6.2f} {first:>9.0f} {frame:>8.0f}",
        flush=True,
    )


def main(sizes: list[int]) -> None:
    """Print one row per graph: nodes, nodes drawn, write s, MB, first draw ms, redraw ms."""
    DATA.mkdir(exist_ok=True)
    print(f"{'graph':<14} {'nodes':>6} {'drawn':>6} {'write s':>7} {'MB':>6} {'first ms':>9} {'frame ms':>8}")
    with sync_playwright() as pw:
        browser = launch(pw)
        _measure(browser, _corpus_graph(), "corpus")
        dev = _dev_graph()
        if dev is not None:
            _measure(browser, dev, "dev-corpus")
            _measure(browser, dev, "dev-programs", view="programs")
        for n in sizes:
            graph = DATA / f"synthetic-{n}.ttl"
            graph.write_text(synthetic_turtle(n), encoding="utf-8")
            _measure(browser, graph, f"synthetic-{n}")
            if n > OVERVIEW_NODES:
                _measure(browser, graph, f"synthetic-{n}!", overview=False)
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 5000, 10_000])
