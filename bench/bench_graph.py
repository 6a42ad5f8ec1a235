"""Graph-stage throughput and SPARQL latency of the named queries on a >= 1M-triple graph.

    python bench/bench_graph.py            # a 10 MB scaled corpus (about 1.2M triples)
    python bench/bench_graph.py --mb 20

The corpus is the outline bench's: perturbed copies of corpus/*.txt in bench/data/<N>mb/
(generated once, gitignored). Each hwgraph step is timed next to the bare pyoxigraph call it
wraps: canonical (sorted) Turtle/N-Quads against pyoxigraph's unsorted serializer, the build's
store against a bare ``bulk_extend``, and every named query through ``hwgraph.query`` (run,
materialise, format as SPARQL JSON) against iterating ``Store.query`` directly.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import RdfFormat, Store, parse, serialize

ROOT = Path(__file__).resolve().parent.parent


def _generate(mb: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_outline", ROOT / "bench" / "bench_outline.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.generate(mb, ROOT / "bench" / "data" / f"{mb}mb")


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _median(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: caches and the first page-in of the store
    return statistics.median(_timed(fn)[0] for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=10, help="scaled corpus size in MB (default 10)")
    ap.add_argument("--runs", type=int, default=5, help="runs per query (median reported)")
    args = ap.parse_args()

    from hwgraph.graph import build_graph
    from hwgraph.pipeline import analyse
    from hwgraph.programs import find_programs
    from hwgraph.query import format_result, list_queries, run_query
    from hwgraph.store import canonical_nquads, canonical_turtle, create_store

    folder = _generate(args.mb)
    files = sorted(folder.glob("*.txt"))
    nbytes = sum(p.stat().st_size for p in files)
    list(analyse(sorted((ROOT / "corpus").glob("*.txt"))[:1]))  # jieba warm-up, not timed

    rows: list[tuple[str, float, float | None, str]] = []
    t_pipe, docs = _timed(lambda: [d for r in analyse(files) for d in r.documents])
    t_prog, progs = _timed(lambda: [p for d in docs for p in find_programs(d)])  # type: ignore[union-attr]
    t_graph, quads = _timed(lambda: build_graph(docs, progs))  # type: ignore[arg-type]
    n = len(quads)  # type: ignore[arg-type]
    print(
        f"corpus: {len(files)} files, {nbytes / 1e6:.1f} MB, {len(docs)} documents, "  # type: ignore[arg-type]
        f"{len(progs)} program uses -> {n:,} quads"
    )  # type: ignore[arg-type]
    rows.append(("pipeline (read/clean/split/outline)", t_pipe, None, f"{nbytes / 1e6 / t_pipe:.2f} MB/s"))
    rows.append(("programs", t_prog, None, f"{nbytes / 1e6 / t_prog:.2f} MB/s"))
    rows.append(("graph: build_graph", t_graph, None, f"{n / t_graph / 1e3:.0f}k quads/s"))

    native_store = Store()
    native_store.bulk_extend(quads)  # type: ignore[arg-type]
    t_ttl, ttl = _timed(lambda: canonical_turtle(quads))  # type: ignore[arg-type]
    t_ttl_native, _ = _timed(lambda: serialize((q.triple for q in native_store), format=RdfFormat.TURTLE))
    rows.append(("write Turtle (canonical vs unsorted)", t_ttl, t_ttl_native, f"{len(ttl) / 1e6:.0f} MB"))  # type: ignore[arg-type]
    t_nq, _ = _timed(lambda: canonical_nquads(quads))  # type: ignore[arg-type]
    t_nq_native, _ = _timed(lambda: serialize(native_store, format=RdfFormat.N_QUADS))
    rows.append(("write N-Quads (canonical vs unsorted)", t_nq, t_nq_native, ""))
    t_parse, _ = _timed(lambda: list(parse(ttl, format=RdfFormat.TURTLE)))  # type: ignore[arg-type]
    rows.append(("parse the Turtle back (pyoxigraph)", t_parse, None, ""))

    tmp = Path(tempfile.mkdtemp(prefix="hwgraph-bench-"))
    try:
        t_store, _ = _timed(lambda: create_store(quads, tmp / "store"))  # type: ignore[arg-type]

        def bare() -> None:
            s = Store(str(tmp / "bare"))
            s.bulk_extend(quads)  # type: ignore[arg-type]
            s.flush()

        t_bare, _ = _timed(bare)
        rows.append(("on-disk store (build's vs bare bulk_extend)", t_store, t_bare, "incl. optimize + swap"))

        print(f"\n{'step':46} {'hwgraph s':>10} {'native s':>9} {'ratio':>6}  note")
        for name, ours, native, note in rows:
            ratio = f"{ours / native:.2f}" if native else ""
            nat = f"{native:.2f}" if native is not None else ""
            print(f"{name:46} {ours:10.2f} {nat:>9} {ratio:>6}  {note}")

        store = Store.read_only(str(tmp / "store"))
        print(f"\nnamed queries on the on-disk store ({n:,} quads), median of {args.runs} runs:")
        print(f"{'query':24} {'rows':>7} {'hwgraph ms':>11} {'native ms':>10} {'ratio':>6}")
        ratios = []
        for q in list_queries():

            def native(text: str = q.text) -> int:
                return sum(1 for _ in store.query(text, use_default_graph_as_union=True))

            def ours(text: str = q.text) -> int:
                result = run_query(text, store)
                format_result(result, "json")
                return len(result.rows)

            count = ours()
            t_native = _median(native, args.runs)
            t_ours = _median(ours, args.runs)
            ratios.append(t_ours / t_native)
            print(
                f"{q.name:24} {count:7d} {t_ours * 1e3:11.1f} {t_native * 1e3:10.1f} {t_ours / t_native:6.2f}"
            )
        print(f"{'geometric mean ratio':24} {'':7} {'':11} {'':10} {statistics.geometric_mean(ratios):6.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
