"""Throughput of the outline and programs stages on a folder of real documents.

    python bench/bench_programs.py                       # the 25 provincial 政府工作报告 of 2026
    python bench/bench_programs.py corpus/ --runs 9      # another folder, more repetitions
    python bench/bench_programs.py --against 041bfde     # side by side with a git revision

With ``--against REV`` the revision is checked out into a temporary git worktree and both trees are
measured in fresh processes, alternating (this tree, the reference, this tree, …) three rounds, so
that the machine's load falls on both alike; the medians of each side are printed.

Files are read and decoded once, outside the timing. Each run then times, on one core, the pipeline
from decoded text to outlined documents (clean, split, outline) and, separately, ``find_programs``
over those documents, in CPU time (``time.process_time``: on a shared machine, wall time measures the
other processes too). The fastest of ``--runs`` runs is reported after one warm-up run (jieba, regex
compilation and the lexicon load once per process, and are not what is measured).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"


def measure(folder: Path, runs: int) -> dict[str, float]:
    """Least CPU seconds of outline and of programs over ``folder``, with its size and counts."""
    import hwgraph
    from hwgraph.pipeline import analyse_source
    from hwgraph.programs import find_programs

    if (Path(hwgraph.__file__).parent / "reading").is_dir():
        from hwgraph.reading import read_source
    else:  # a revision from before the reading subpackage
        from hwgraph.read import read_source  # type: ignore[no-redef]

    sources = [read_source(p) for p in sorted(folder.glob("*.txt"))]
    nchars = sum(len(s.text) for s in sources)
    nbytes = sum(len(s.text.encode("utf-8")) for s in sources)
    t_outline, t_programs = [], []
    docs: list = []
    programs: list = []
    for i in range(runs + 1):
        t0 = time.process_time()
        docs = [d for s in sources for d in analyse_source(s)]
        t1 = time.process_time()
        programs = [p for d in docs for p in find_programs(d)]
        t2 = time.process_time()
        if i:  # run 0 warms up
            t_outline.append(t1 - t0)
            t_programs.append(t2 - t1)
    return {
        "files": len(sources),
        "chars": nchars,
        "mb": nbytes / 1e6,
        "documents": len(docs),
        "programs": len(programs),
        "outline_s": min(t_outline),
        "programs_s": min(t_programs),
    }


def _child(tree: Path, folder: Path, runs: int, module: str = "bench_programs",
           func: str = "measure") -> dict[str, float]:
    """``module.func(folder, runs)`` in a fresh process that imports hwgraph from ``tree`` (and the
    bench scripts from this checkout)."""
    code = (f"import json, sys; sys.path.insert(0, {str(tree)!r}); sys.path.insert(1, {str(ROOT / 'bench')!r}); "
            f"import {module} as b; print(json.dumps(b.{func}(__import__('pathlib').Path({str(folder)!r}), {runs})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """``rev`` checked out into a temporary git worktree, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(ref), rev],
                       check=True, capture_output=True)
        try:
            yield ref
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)], capture_output=True)


def alternating(rev: str, folder: Path, runs: int, rounds: int = 3, module: str = "bench_programs",
                func: str = "measure") -> dict[str, list[dict[str, float]]]:
    """``module.func`` of this tree and of ``rev``, alternating, ``rounds`` times each."""
    got: dict[str, list[dict[str, float]]] = {"this tree": [], rev: []}
    with worktree(rev) as ref:
        for _ in range(rounds):
            got["this tree"].append(_child(ROOT, folder, runs, module, func))
            got[rev].append(_child(ref, folder, runs, module, func))
    return got


def against(rev: str, folder: Path, runs: int, rounds: int = 3) -> None:
    """This tree and ``rev`` measured side by side, alternating, ``rounds`` times."""
    got = alternating(rev, folder, runs, rounds)
    print(f"{folder}: median over {rounds} alternating rounds of {runs} runs each")
    for name, rs in got.items():
        o = statistics.median(r["outline_s"] for r in rs)
        p = statistics.median(r["programs_s"] for r in rs)
        mb = rs[0]["mb"]
        print(f"  {name:12} outline {o * 1000:7.1f} ms  programs {p * 1000:7.1f} ms  "
              f"outline+programs {(o + p) * 1000:7.1f} ms = {mb / (o + p):5.2f} MB/s  "
              f"({rs[0]['documents']} documents, {rs[0]['programs']} program uses)")


def parse_args(doc: str | None) -> argparse.Namespace:
    """The options bench_programs.py and bench_entities.py share: folder, --runs, --against."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="folder of .txt files")
    ap.add_argument("--runs", type=int, default=7, help="timed runs (the fastest is reported)")
    ap.add_argument("--against", metavar="REV", help="also measure this git revision, side by side")
    return ap.parse_args()


def main() -> None:
    args = parse_args(__doc__)
    if args.against:
        against(args.against, args.folder.resolve(), args.runs)
        return
    r = measure(args.folder, args.runs)
    both = r["outline_s"] + r["programs_s"]
    print(f"{args.folder}: {r['files']} files, {r['mb']:.2f} MB ({r['chars']:,} chars), "
          f"{r['documents']} documents, {r['programs']} program uses; fastest of {args.runs} runs, CPU time")
    for label, secs in (("outline", r["outline_s"]), ("programs", r["programs_s"]), ("outline+programs", both)):
        print(f"  {label:17} {secs * 1000:8.1f} ms  {r['mb'] / secs:6.2f} MB/s  {r['chars'] / secs / 1e3:7.0f}k chars/s")


if __name__ == "__main__":
    main()
