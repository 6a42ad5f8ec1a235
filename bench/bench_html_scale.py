"""How the HTML page's write time grows with the corpus: 1×, 4× and 16× a generated corpus.

    .venv/bin/python bench/bench_html_scale.py                   # 1, 4 and 16 MB
    .venv/bin/python bench/bench_html_scale.py --base 1.25       # 1.25, 5 and 20 MB
    .venv/bin/python bench/bench_html_scale.py --against 9cfa793 # and a revision, alternating in one run

Each corpus is the outline bench's (perturbed copies of corpus/*.txt in bench/data/<N>mb/,
generated once); ``hwgraph.build.build(…, html=False)`` makes its graph once, kept in
bench/data/html-scale/<N>mb/ (git-ignored). Then, in a fresh process per tree, the graph is
loaded into an in-memory pyoxigraph store (its named graphs) and ``write_html(store, …)`` is
timed (the median over ``--rounds`` processes), so the figure is the page alone: reading the
model, building the view graph, the layout, the quotes in context and writing the file. Pages go
to bench/data/html-scale/.

The issue-14 criterion: seconds at 16× over seconds at 1× must not exceed 16.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SCALES = (1, 4, 16)


def _fmt_mb(mb: float) -> str:
    return f"{mb:g}mb"


def graph(mb: float) -> Path:
    """The N-Quads of the build of an ``mb`` MB generated corpus (made once)."""
    out = DATA / "html-scale" / _fmt_mb(mb)
    nq = out / "hwgraph.nq"
    if nq.exists():
        return nq
    spec = importlib.util.spec_from_file_location("bench_outline", ROOT / "bench" / "bench_outline.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    corpus = module.generate(mb, DATA / _fmt_mb(mb))
    from hwgraph.build import build

    t = time.perf_counter()
    report = build(corpus, out, html=False)
    took = time.perf_counter() - t
    print(
        f"built {corpus}: {report.documents} documents, {report.quads} quads in {took:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    return nq


def measure(nq: Path, runs: int = 1) -> dict[str, float]:
    """Median seconds of ``write_html`` on the graph ``nq`` loaded into memory, and what it drew."""
    import pyoxigraph as ox

    from hwgraph.html import write_html

    store = ox.Store()
    store.load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    # The named graphs alone: a build's N-Quads also carry their union as the default graph, which
    # revisions before 8b16cc6 (which query the union of all graphs) would see twice.
    store.clear_graph(ox.DefaultGraph())
    out = nq.parent / "page.html"
    times = []
    report = None
    for _ in range(runs):
        t = time.perf_counter()
        report = write_html(store, out)
        times.append(time.perf_counter() - t)
    assert report is not None
    return {
        "seconds": statistics.median(times),
        "nodes": report.nodes,
        "mb_out": report.bytes / 1e6,
        "input_mb": sum(p.stat().st_size for p in (DATA / nq.parent.name).glob("*.txt")) / 1e6,
    }


def _child(tree: Path, nq: Path, runs: int) -> dict[str, float]:
    """``measure`` in a fresh process that imports hwgraph from ``tree`` (run from this checkout,
    so both trees find the corpus files for the quotes in context)."""
    code = (
        f"import json, sys; sys.path[:0] = [{str(tree)!r}, {str(ROOT / 'bench')!r}]; "
        "import hwgraph, bench_html_scale as b; "
        f"assert hwgraph.__file__.startswith({str(tree)!r}), hwgraph.__file__; "
        f"print(json.dumps(b.measure(__import__('pathlib').Path({str(nq)!r}), {runs})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _table(name: str, rows: list[tuple[float, dict[str, float]]]) -> None:
    base = rows[0][1]
    print(f"{name}")
    head = ("scale", "input MB", "nodes", "page MB", "write s", "× 1×", "µs/node")
    print("  " + " ".join(f"{h:>{w}}" for h, w in zip(head, (5, 8, 7, 7, 8, 6, 8), strict=True)))
    for scale, r in rows:
        print(
            f"  {scale:>4g}× {r['input_mb']:>8.2f} {r['nodes']:>7} {r['mb_out']:>7.1f}"
            f" {r['seconds']:>8.2f} {r['seconds'] / base['seconds']:>6.1f}"
            f" {r['seconds'] / r['nodes'] * 1e6:>8.1f}"
        )
    top_scale, top = rows[-1]
    growth = top["seconds"] / base["seconds"]
    verdict = "at most linear" if growth <= top_scale else f"{growth / top_scale - 1:.0%} above linear"
    print(
        f"  {top_scale:g}× the corpus ({top['nodes'] / base['nodes']:.1f}× the nodes) takes"
        f" {growth:.1f}× the time: {verdict}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=float, default=1.0, help="MB of the 1× corpus (default 1)")
    ap.add_argument("--rounds", type=int, default=3, help="processes per size and tree (median)")
    ap.add_argument("--against", metavar="REV", help="also measure this git revision, alternating")
    args = ap.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    graphs = [(s, graph(args.base * s)) for s in SCALES]
    trees = {"this tree": ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            ref = Path(tmp) / "ref"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(ref), args.against],
                check=True,
                capture_output=True,
            )
            trees[args.against] = ref
        try:
            got: dict[str, list[tuple[float, dict[str, float]]]] = {name: [] for name in trees}
            for scale, nq in graphs:
                runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
                for _ in range(args.rounds):
                    for name, tree in trees.items():
                        runs[name].append(_child(tree, nq, 1))
                for name, rs in runs.items():
                    best = dict(rs[0], seconds=statistics.median(r["seconds"] for r in rs))
                    got[name].append((scale, best))
        finally:
            if args.against:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.against])],
                    capture_output=True,
                )
    alternating = ", alternating" if args.against else ""
    print(f"median of {args.rounds} fresh processes per size and tree{alternating}")
    for name, rows in got.items():
        _table(name, rows)


if __name__ == "__main__":
    main()
