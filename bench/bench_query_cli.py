"""Named queries end to end: `hwgraph query NAME --format json` against bare pyoxigraph, one process each.

    python bench/bench_query_cli.py --mb 10                 # 10 MB scaled corpus, about 1M quads
    python bench/bench_query_cli.py --mb 10 --against HEAD  # also a git revision, side by side

The store is built once from the outline bench's scaled corpus (bench/data/<N>mb-store/, gitignored).
For every named query each contender runs as its own Python process writing to /dev/null, in
alternating order within each round:

- ``bare``: ``import pyoxigraph``, ``Store.read_only``, ``query(..., use_default_graph_as_union=True)``
  with hwgraph's prefixes, ``serialize(stdout, JSON)``: the least any CLI can do;
- ``hwgraph``: ``python -m hwgraph query NAME --graph STORE --format json`` from this tree;
- ``REV`` (with ``--against``): the same command from a temporary git worktree of REV.

Times are CPU seconds (user + system) of the child process, medians over the rounds: the machine
has 2 cores shared with other jobs, so wall time measures their load as much as ours. Wall-time
medians are printed beside them.

Every child reads its modules' bytecode from a cache the uncounted round 0 fills
(``PYTHONPYCACHEPREFIX`` in the run's temporary folder, with ``PYTHONDONTWRITEBYTECODE`` unset), as
an installed package does (pip compiles it): where bytecode is never written, each hwgraph run would
compile its own sources (~10 ms) while the bare script imports only a compiled extension, and the
ratio would measure that compiler rather than the command.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

_BARE = """
import sys
from pyoxigraph import QueryResultsFormat, Store
store = Store.read_only(sys.argv[1])
answer = store.query(open(sys.argv[2], encoding="utf-8").read(), prefixes={prefixes},
                     use_default_graph_as_union=True)
answer.serialize(sys.stdout.buffer, QueryResultsFormat.JSON)
"""


def build_store(mb: int) -> Path:
    """The on-disk store of the ``mb`` MB scaled corpus, built once."""
    store = ROOT / "bench" / "data" / f"{mb}mb-store"
    if (store / "CURRENT").exists():
        return store
    spec = importlib.util.spec_from_file_location("bench_outline", ROOT / "bench" / "bench_outline.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    folder = module.generate(mb, ROOT / "bench" / "data" / f"{mb}mb")

    from hwgraph.graph import build_graph
    from hwgraph.pipeline import analyse
    from hwgraph.programs import find_programs
    from hwgraph.store import create_store

    docs = [d for r in analyse(sorted(folder.glob("*.txt"))) for d in r.documents]
    progs = [p for d in docs for p in find_programs(d)]
    quads = build_graph(docs, progs)
    print(f"built {len(quads):,} quads into {store}", file=sys.stderr)
    create_store(quads, store)
    return store


def _run(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process writing to /dev/null."""
    with open(os.devnull, "wb") as sink:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else b""  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])}… failed: {err.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=10, help="scaled corpus size in MB (default 10)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds (median reported)")
    ap.add_argument("--against", metavar="REV", help="also run this git revision's CLI, side by side")
    ap.add_argument("--only", nargs="*", help="only these named queries")
    args = ap.parse_args()

    from hwgraph.namespace import PREFIXES
    from hwgraph.query import list_queries

    store = build_store(args.mb)
    tmp = Path(tempfile.mkdtemp(prefix="hwgraph-qbench-"))
    bare = tmp / "bare.py"
    bare.write_text(_BARE.replace("{prefixes}", repr(dict(PREFIXES))), encoding="utf-8")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base_env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")  # see the module docstring
    contenders: dict[str, tuple[list[str], dict[str, str] | None, Path | None]] = {
        "bare": ([PY, str(bare), str(store)], base_env, None),
        "hwgraph": ([PY, "-m", "hwgraph", "query"], base_env, ROOT),
    }
    worktree = None
    if args.against:
        worktree = tmp / "against"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.against], cwd=ROOT,
                       check=True, capture_output=True)
        env = dict(base_env, PYTHONPATH=str(worktree))
        contenders[args.against] = ([PY, "-m", "hwgraph", "query"], env, worktree)
    queries = [q for q in list_queries() if not args.only or q.name in args.only]
    results: dict[str, dict[str, list[tuple[float, float]]]] = {q.name: {c: [] for c in contenders} for q in queries}
    try:
        for q in queries:
            text = tmp / f"{q.name}.rq"
            text.write_text(q.text, encoding="utf-8")
            for r in range(args.rounds + 1):  # round 0 warms the page cache, not counted
                order = list(contenders) if r % 2 == 0 else list(reversed(contenders))
                for name in order:
                    argv, env, cwd = contenders[name]
                    argv = [*argv, str(text)] if name == "bare" else [
                        *argv, q.name, "--graph", str(store), "--format", "json"]
                    got = _run(argv, env, cwd)
                    if r:
                        results[q.name][name].append(got)
    finally:
        if worktree is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)

    names = list(contenders)
    print(f"named queries end to end on {store.name}, CPU s (user+sys) median of {args.rounds} alternating rounds")
    print(f"{'query':24}" + "".join(f" {n + ' cpu':>13}" for n in names) + "".join(
        f" {n + '/bare':>13}" for n in names[1:]) + "   wall bare/" + "/".join(names[1:]))
    ratios: dict[str, list[float]] = {n: [] for n in names[1:]}
    summary: dict[str, dict[str, float]] = {}
    for q in queries:
        cpu = {n: statistics.median(c for c, _ in results[q.name][n]) for n in names}
        wall = {n: statistics.median(w for _, w in results[q.name][n]) for n in names}
        for n in names[1:]:
            ratios[n].append(cpu[n] / cpu["bare"])
        summary[q.name] = cpu
        print(f"{q.name:24}" + "".join(f" {cpu[n]:13.3f}" for n in names) + "".join(
            f" {cpu[n] / cpu['bare']:13.2f}" for n in names[1:]) + "   " + "/".join(f"{wall[n]:.2f}" for n in names))
    print(f"{'geometric mean':24}" + " " * 14 * len(names) + "".join(
        f" {statistics.geometric_mean(ratios[n]):13.2f}" for n in names[1:]))
    print(f"{'worst':24}" + " " * 14 * len(names) + "".join(f" {max(ratios[n]):13.2f}" for n in names[1:]))
    (tmp / "summary.json").write_text(json.dumps(summary), encoding="utf-8")


if __name__ == "__main__":
    main()
