"""Throughput of the outline and programs stages on a folder of real documents.

    python bench/bench_programs.py                       # the 25 provincial 政府工作报告 of 2026
    python bench/bench_programs.py corpus/ --runs 9      # another folder, more repetitions

Files are read and decoded once, outside the timing. Each run then times, on one core, the pipeline
from decoded text to outlined documents (clean, split, outline) and, separately, ``find_programs``
over those documents. The median of ``--runs`` runs is reported after one warm-up run (jieba, regex
compilation and the lexicon load once per process, and are not what is measured).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"


def measure(folder: Path, runs: int) -> dict[str, float]:
    """Median seconds of outline and of programs over ``folder``, with its size and counts."""
    from hwgraph.pipeline import analyse_source
    from hwgraph.programs import find_programs
    from hwgraph.reading import read_source

    sources = [read_source(p) for p in sorted(folder.glob("*.txt"))]
    nchars = sum(len(s.text) for s in sources)
    nbytes = sum(len(s.text.encode("utf-8")) for s in sources)
    t_outline, t_programs = [], []
    docs: list = []
    programs: list = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        docs = [d for s in sources for d in analyse_source(s)]
        t1 = time.perf_counter()
        programs = [p for d in docs for p in find_programs(d)]
        t2 = time.perf_counter()
        if i:  # run 0 warms up
            t_outline.append(t1 - t0)
            t_programs.append(t2 - t1)
    return {
        "files": len(sources),
        "chars": nchars,
        "mb": nbytes / 1e6,
        "documents": len(docs),
        "programs": len(programs),
        "outline_s": statistics.median(t_outline),
        "programs_s": statistics.median(t_programs),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="folder of .txt files")
    ap.add_argument("--runs", type=int, default=7, help="timed runs (the median is reported)")
    args = ap.parse_args()
    r = measure(args.folder, args.runs)
    both = r["outline_s"] + r["programs_s"]
    print(f"{args.folder}: {r['files']} files, {r['mb']:.2f} MB ({r['chars']:,} chars), "
          f"{r['documents']} documents, {r['programs']} program uses; median of {args.runs} runs")
    for label, secs in (("outline", r["outline_s"]), ("programs", r["programs_s"]), ("outline+programs", both)):
        print(f"  {label:17} {secs * 1000:8.1f} ms  {r['mb'] / secs:6.2f} MB/s  {r['chars'] / secs / 1e3:7.0f}k chars/s")


if __name__ == "__main__":
    main()
