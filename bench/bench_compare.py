"""``hwgraph compare`` at corpus scale: a generated corpus of 1,000 documents, built once, then the
report written and drawn in headless Chromium.

    .venv/bin/python bench/bench_compare.py                 # 1,000 documents
    .venv/bin/python bench/bench_compare.py --docs 200      # another size

Each generated document is a 工作要点 of a real place (GB/T 2260, every level) and a year from
2018 to 2026, with three to six numbered chapters whose paragraphs are drawn from the sample corpus
and the 25 dev reports, so program slogans are shared the way real documents share them: a few by
almost everyone, most by a handful. The corpus and its build go to bench/data/compare-N/
(git-ignored) and are reused; the build is not timed.

Targets: ``compare`` (reading the graph, the statistics, communities, centrality, similarity and
writing the page) under 30 s, and the page's first draw in Chromium under 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from browser import launch  # noqa: E402

DATA = HERE / "data"
SOURCES = [*sorted((ROOT / "corpus").glob("*.txt")), *sorted((ROOT.parent / "shared" / "devcorpus").glob("*/*.txt"))]
_CN = "一二三四五六七八九十"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")


def _paragraphs() -> list[str]:
    """Body paragraphs of the sample and dev texts (no headings, no site chrome, not too short)."""
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 40 and not _HEADING.match(line) and "。" in line:
                found.append(line[:400])
    return sorted(set(found))


def _places() -> list[tuple[str, str]]:
    """(name, level word) of every division in the gazetteer, with its parent's name prefixed."""
    rows = [
        line.split("\t")
        for line in (ROOT / "hwgraph" / "data" / "places.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    names = {r[0]: r[1] for r in rows}
    out = []
    for code, name, *rest in rows:
        parent = rest[0] if rest and rest[0] else ""
        out.append((names.get(parent, "") + name if parent and not name.startswith(names.get(parent, "")[:2]) else name, code))
    return out


def generate(n_docs: int, out: Path, seed: int = 12) -> Path:
    """Write ``n_docs`` generated documents into ``out`` (kept when already there)."""
    if out.is_dir() and len(list(out.glob("*.txt"))) == n_docs:
        return out
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    paragraphs = _paragraphs()
    places = _places()
    topics = ("公共卫生", "医疗服务", "基层卫生", "中医药", "健康促进", "妇幼健康", "医养结合", "智慧医疗", "疫情防控")
    verbs = ("强化", "推进", "完善", "深化", "提升", "加快", "健全", "落实")
    for i in range(n_docs):
        place, _ = places[rnd.randrange(len(places))]
        year = rnd.randint(2018, 2026)
        lines = [f"{place}{year}年卫生健康工作要点", ""]
        for c in range(rnd.randint(3, 6)):
            lines.append(f"{_CN[c]}、{rnd.choice(verbs)}{rnd.choice(topics)}工作")
            lines += rnd.sample(paragraphs, rnd.randint(2, 5))
        (out / f"doc{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def build(corpus: Path, out: Path) -> Path:
    """``hwgraph build corpus -o out``, once (reused while its store is there)."""
    if not (out / "store").is_dir():
        t = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "hwgraph"), "build", str(corpus), "-o", str(out), "--quiet"],
            cwd=ROOT, check=False,
        )
        print(f"built {out} in {time.perf_counter() - t:.0f} s (not part of the measurement)")
    return out


def first_draw(page_path: Path, runs: int = 3) -> tuple[list[float], int, list[str]]:
    """First draw (ms since navigation) of each of ``runs`` fresh loads, the SVG count, and errors."""
    from playwright.sync_api import sync_playwright

    times, errors = [], []
    with sync_playwright() as pw:
        browser = launch(pw)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                       else (errors.append("request " + r.request.url), r.abort()))
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.hwcompare && window.hwcompare.firstDraw", timeout=60_000)
            times.append(float(page.evaluate("window.hwcompare.firstDraw")))
            svgs = int(page.evaluate("document.querySelectorAll('figure.chart svg').length"))
            context.close()
        browser.close()
    return times, svgs, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents in the generated corpus (default 1000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of compare and of the first draw")
    args = ap.parse_args()
    folder = DATA / f"compare-{args.docs}"
    corpus = generate(args.docs, folder / "corpus")
    built = build(corpus, folder / "build")

    from hwgraph.analytics.compare import write_compare
    from hwgraph.analytics.stats import stats

    page = folder / "compare.html"
    seconds, cpu = [], []
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        report = write_compare(built, page)
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t = time.perf_counter()
    s = stats(built)
    stats_s = time.perf_counter() - t
    draws, svgs, errors = first_draw(page, args.runs)
    print(report.summary())
    print(f"stats: {s.documents} documents, {len(s.programs)} programs in {stats_s:.1f} s")
    print(f"compare: {min(seconds):.1f} s best, {sorted(seconds)[len(seconds) // 2]:.1f} s median of {args.runs}"
          f" (target < 30 s); {min(cpu):.1f} s of CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"first draw: {', '.join(f'{d:.0f}' for d in draws)} ms (target < 2000 ms); {svgs} charts drawn;"
          f" {report.bytes / 1e6:.2f} MB; errors: {errors or 'none'}")


if __name__ == "__main__":
    main()
