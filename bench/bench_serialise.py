"""Canonical Turtle and N-Quads of ~1M quads next to Oxigraph's own writers, and the export's memory.

    python bench/bench_serialise.py --against HEAD~1     # a git revision's hwgraph.store as "old"
    python bench/bench_serialise.py --mb 10 --rounds 3 --export

The quads are those of the query bench's store (bench/data/<N>mb-store, built once from the
outline bench's scaled corpus), dumped once to bench/data/<N>mb.nq and parsed into one Python list
(garbage collection frozen, so no contender pays for the list). Every round runs each contender
once, in turn, in this process; the table gives the median CPU seconds of the rounds:

- ``hwgraph``: ``canonical_turtle`` / ``canonical_nquads_with_union`` of the list;
- ``old``: the same functions of ``--against REV``'s ``hwgraph/store.py``;
- ``oxigraph (list)``: ``serialize`` of the same list, unsorted (Turtle: of each quad's triple);
- ``oxigraph (store)``: the same writer fed by iterating an in-memory ``Store`` of the quads, as
  ``bench/bench_graph.py`` measured it (the 0.46 s of issue 14);
- the build's two files: ``write_graphs([.ttl, .nq])`` (one shared sort) against two
  ``write_graph`` calls, this revision's and the old one's.

``--export`` also runs ``hwgraph export --format turtle`` of the on-disk store in child processes
(CPU seconds and peak RSS): ``export_to`` (streamed), ``export`` (returns the bytes), the old
revision's ``export``, and a bare ``Store.read_only(...).dump`` of the N-Quads for scale.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from types import ModuleType

from pyoxigraph import RdfFormat, Store, parse, serialize

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _quads_file(mb: int) -> tuple[Path, Path]:
    """(the on-disk store, its N-Quads dump) of the ``mb`` MB scaled corpus, made once."""
    store = _module("bench_query_cli", ROOT / "bench" / "bench_query_cli.py").build_store(mb)
    nq = ROOT / "bench" / "data" / f"{mb}mb.nq"
    if not nq.exists():
        Store.read_only(str(store)).dump(str(nq), format=RdfFormat.N_QUADS)
    return store, nq


def _old_store(rev: str, tmp: Path) -> ModuleType:
    """``hwgraph/store.py`` of ``rev``, importable beside the current package."""
    source = subprocess.run(["git", "show", f"{rev}:hwgraph/store.py"], cwd=ROOT, check=True, capture_output=True).stdout
    path = tmp / "store_old.py"
    path.write_bytes(source)
    return _module("hwgraph_store_old", path)


def _rounds(contenders: dict[str, Callable[[], bytes]], rounds: int) -> dict[str, tuple[float, bytes]]:
    """Median CPU seconds of each contender over ``rounds`` alternating rounds, and its output."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    outputs: dict[str, bytes] = {}
    for _ in range(rounds):
        for name, fn in contenders.items():
            t0 = time.process_time()
            outputs[name] = fn()
            times[name].append(time.process_time() - t0)
            outputs[name] = outputs[name] if name.startswith(("hwgraph", "old")) else b""
    return {name: (statistics.median(ts), outputs[name]) for name, ts in times.items()}


def _child(code: str, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, peak RSS MB) of ``python -c code`` run in ``cwd`` (``-c`` imports from there first)."""
    proc = subprocess.Popen([PY, "-c", code], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {code}\n{proc.stderr.read().decode(errors='replace')}")  # type: ignore[union-attr]
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _export(store: Path, rev: str | None, tmp: Path, rounds: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    contenders: dict[str, tuple[str, dict[str, str], Path]] = {
        "hwgraph export_to (streamed)": (
            f"import sys; from hwgraph.export import export_to; export_to('turtle', {str(store)!r}, sys.stdout.buffer)",
            env,
            ROOT,
        ),
        "hwgraph export (bytes)": (f"from hwgraph.export import export; export('turtle', {str(store)!r})", env, ROOT),
        "oxigraph dump N-Quads": (
            "import sys; from pyoxigraph import Store, RdfFormat; "
            f"Store.read_only({str(store)!r}).dump(sys.stdout.buffer, format=RdfFormat.N_QUADS)",
            env,
            ROOT,
        ),
    }
    if rev:
        worktree = tmp / "against"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), rev], cwd=ROOT, check=True, capture_output=True)
        contenders[f"{rev} export (bytes)"] = (
            f"from hwgraph.export import export; export('turtle', {str(store)!r})",
            dict(os.environ, PYTHONPATH=str(worktree)),
            worktree,
        )
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    try:
        for _ in range(rounds):
            for name, (code, child_env, cwd) in contenders.items():
                runs[name].append(_child(code, child_env, cwd))
    finally:
        if rev:
            subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "against")], cwd=ROOT, capture_output=True)
    print(f"export --format turtle of {store.name} (child processes, medians of {rounds}):")
    print(f"{'':34} {'CPU s':>7} {'peak MB':>8}")
    for name, rs in runs.items():
        print(f"{name:34} {statistics.median(r[0] for r in rs):7.2f} {statistics.median(r[1] for r in rs):8.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=10, help="scaled corpus size in MB (default 10: ~1M quads)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds (median reported)")
    ap.add_argument("--against", metavar="REV", help="also time this git revision's hwgraph/store.py")
    ap.add_argument("--export", action="store_true", help="also time `export --format turtle` in child processes")
    ap.add_argument("--only-export", action="store_true", help="with --export: nothing else")
    args = ap.parse_args()

    from hwgraph import store as ours
    from hwgraph.namespace import PREFIXES

    store_path, nq = _quads_file(args.mb)
    tmp = Path(tempfile.mkdtemp(prefix="hwgraph-bench-ser-"))
    if args.export:  # first: a child's peak RSS counts the parent it was forked from
        _export(store_path, args.against, tmp, args.rounds)
    if args.only_export:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    gc.disable()  # building the list with the collector on costs seconds and is no contender's
    quads = list(parse(path=str(nq), format=RdfFormat.N_QUADS))
    gc.freeze()
    gc.enable()
    memory = Store()
    memory.bulk_extend(quads)
    triple = attrgetter("triple")
    try:
        old = _old_store(args.against, tmp) if args.against else None
        print(f"\n{len(quads):,} quads ({nq.name}, {nq.stat().st_size / 1e6:.0f} MB), CPU seconds, medians of {args.rounds}")
        for what, fn_name, writer in (
            ("Turtle", "canonical_turtle", RdfFormat.TURTLE),
            ("N-Quads + union", "canonical_nquads_with_union", RdfFormat.N_QUADS),
        ):
            contenders: dict[str, Callable[[], bytes]] = {"hwgraph": lambda f=fn_name: getattr(ours, f)(quads)}
            if old is not None:
                contenders[f"old ({args.against})"] = lambda f=fn_name: getattr(old, f)(quads)
            if writer == RdfFormat.TURTLE:
                contenders["oxigraph (list)"] = lambda: serialize(
                    map(triple, quads), format=RdfFormat.TURTLE, prefixes=PREFIXES
                )
                contenders["oxigraph (store)"] = lambda: serialize((q.triple for q in memory), format=RdfFormat.TURTLE)
            else:
                contenders["oxigraph (list)"] = lambda: serialize(quads, format=RdfFormat.N_QUADS)
                contenders["oxigraph (store)"] = lambda: memory.dump(format=RdfFormat.N_QUADS)
            result = _rounds(contenders, args.rounds)
            ours_s, ours_bytes = result["hwgraph"]
            print(f"\n{what}: {len(ours_bytes) / 1e6:.0f} MB")
            for name, (seconds, out) in result.items():
                same = "" if not out or name == "hwgraph" else ("  same bytes" if out == ours_bytes else "  BYTES DIFFER")
                print(f"  {name:22} {seconds:6.2f} s  hwgraph/this {ours_s / seconds:5.2f}x{same}")
        files = {"hwgraph write_graphs": lambda: ours.write_graphs([tmp / "a.ttl", tmp / "a.nq"], quads)}
        files["hwgraph write_graph x2"] = lambda: [ours.write_graph(tmp / f"b.{x}", quads) for x in ("ttl", "nq")]
        if old is not None:
            files[f"old ({args.against}) write_graph x2"] = lambda: [
                old.write_graph(tmp / f"c.{x}", quads) for x in ("ttl", "nq")
            ]
        print("\nthe build's files (.ttl and .nq):")
        for name, (seconds, _) in _rounds(files, args.rounds).items():  # type: ignore[arg-type]
            print(f"  {name:34} {seconds:6.2f} s")
        memory.clear()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
