"""``hwgraph build`` at corpus scale: per-stage seconds, MB/s and peak RSS, the ``--jobs`` speed-up,
the incremental rebuild, and the validation engines side by side.

    .venv/bin/python bench/bench_build.py                      # 1,000 generated documents
    .venv/bin/python bench/bench_build.py --docs 200 --jobs 1 2
    .venv/bin/python bench/bench_build.py --validation         # + SPARQL vs pyrudof (vs pySHACL with --pyshacl)
    .venv/bin/python bench/bench_build.py --docs 1024 --doc-kb 20.5 --jobs 2   # the issue's 21 MB corpus
    .venv/bin/python bench/bench_build.py --docs 256 1024 10000 --jobs 2       # the scaling curve

The corpus is bench_compare's generator (工作要点 of real places, paragraphs from the sample and dev
texts), written once to bench/data/compare-N/corpus (git-ignored); with --doc-kb its documents
are grown to that size on average (bench/data/build-N-Kkb/corpus). Each build runs in a fresh
process so its peak RSS is its own (workers included); the first build of each ``--jobs`` value
starts from an empty folder, then one document is changed and the folder rebuilt incrementally.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from bench_compare import DATA, generate  # noqa: E402

CHILD = """
import json, resource, sys, time
from hwgraph.build import build
stages = []
t = time.perf_counter()
report = build(sys.argv[1], sys.argv[2], html=False, jobs=int(sys.argv[3]), incremental=sys.argv[4] == "1",
               stage=lambda name, s: stages.append((name, round(s, 2))))
wall = time.perf_counter() - t
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "stages": stages, "rss_mb": rss / 1024, "documents": report.documents,
                  "triples": report.triples, "conforms": report.validation.conforms}))
"""


def run_build(corpus: Path, out: Path, jobs: int, incremental: bool) -> dict:
    """One build in a fresh process: wall seconds, stage seconds, peak RSS (MB) and counts."""
    res = subprocess.run(
        [sys.executable, "-c", CHILD, str(corpus), str(out), str(jobs), "1" if incremental else "0"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    if res.returncode != 0:
        sys.exit(f"build failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def corpus_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6


def show(label: str, r: dict, mb: float) -> None:
    stages = ", ".join(f"{name} {s:.1f} s ({mb / s:.1f} MB/s)" if s >= 0.05 else f"{name} {s:.1f} s"
                       for name, s in r["stages"])
    print(f"{label}: {r['wall']:.1f} s wall, {mb / r['wall']:.2f} MB/s, peak RSS {r['rss_mb']:.0f} MB; {stages}")


def bench_validation(graph: Path, pyshacl: bool) -> None:
    """The SPARQL engine, pyrudof (native) and, if asked, pySHACL on the same graph."""
    from pyoxigraph import RdfFormat, parse

    from hwgraph.dataset import without_materialised_union
    from hwgraph.validate import SHAPES_PATH, validate

    quads = without_materialised_union(parse(path=str(graph / "hwgraph.nq"), format=RdfFormat.N_QUADS))
    t = time.perf_counter()
    ours = validate(quads)
    print(f"validation, SHACL as SPARQL on Oxigraph: {time.perf_counter() - t:.1f} s ({ours.summary()})")
    try:
        import pyrudof
    except ImportError:
        print("validation, pyrudof: not installed (pip install pyrudof)")
    else:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        t = time.perf_counter()
        rudof.read_data(str(graph / "hwgraph.ttl"))
        rudof.read_shacl(str(SHAPES_PATH))
        loaded = time.perf_counter() - t
        report = rudof.validate_shacl()
        print(f"validation, pyrudof {getattr(pyrudof, '__version__', '')} native: {time.perf_counter() - t:.1f} s "
              f"({loaded:.1f} s reading), conforms {report.conforms}, {len(report)} results")
    if pyshacl:
        t = time.perf_counter()
        ref = validate(quads, engine="pyshacl")
        print(f"validation, pySHACL: {time.perf_counter() - t:.1f} s ({ref.summary()}); "
              f"same findings: {ref.findings == ours.findings}")


def generate_sized(n_docs: int, doc_kb: float, out: Path, seed: int = 12) -> Path:
    """bench_compare's documents, grown to ``doc_kb`` kB each on average (0.5-1.5x, seeded), so
    1,024 documents at 20.5 kB make the issue's 21 MB corpus."""
    if out.is_dir() and len(list(out.glob("*.txt"))) == n_docs:
        return out
    from bench_compare import _CN, _paragraphs, _places

    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    paragraphs, places = _paragraphs(), _places()
    topics = ("公共卫生", "医疗服务", "基层卫生", "中医药", "健康促进", "妇幼健康", "医养结合", "智慧医疗", "疫情防控")
    verbs = ("强化", "推进", "完善", "深化", "提升", "加快", "健全", "落实")
    for i in range(n_docs):
        place, _ = places[rnd.randrange(len(places))]
        year = rnd.randint(2018, 2026)
        goal = doc_kb * 1000 * rnd.uniform(0.5, 1.5)
        chapters = rnd.randint(3, 6)
        lines = [f"{place}{year}年卫生健康工作要点", ""]
        size = len(lines[0].encode())
        for c in range(chapters):
            lines.append(f"{_CN[c]}、{rnd.choice(verbs)}{rnd.choice(topics)}工作")
            while size < goal * (c + 1) / chapters:
                lines.append(paragraphs[rnd.randrange(len(paragraphs))])
                size += len(lines[-1].encode()) + 1
        (out / f"doc{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[1000],
                    help="documents in the generated corpus; several give the scaling curve (default 1000)")
    ap.add_argument("--doc-kb", type=float, default=None,
                    help="average kB per document (default: bench_compare's corpus, ~10.8 kB); "
                    "--docs 1024 --doc-kb 20.5 is a 21 MB corpus")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to compare (default 1 2)")
    ap.add_argument("--no-incremental", action="store_true", help="skip the rebuild after changing one document")
    ap.add_argument("--validation", action="store_true", help="compare the validation engines on the build")
    ap.add_argument("--pyshacl", action="store_true", help="with --validation: pySHACL too (minutes)")
    args = ap.parse_args()
    curve = []
    for n_docs in args.docs:
        if args.doc_kb is None:
            folder = DATA / f"compare-{n_docs}"
            corpus = generate(n_docs, folder / "corpus")
        else:
            folder = DATA / f"build-{n_docs}-{args.doc_kb:g}kb"
            corpus = generate_sized(n_docs, args.doc_kb, folder / "corpus")
        mb = corpus_mb(corpus)
        print(f"corpus: {n_docs} documents, {mb:.1f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        out = folder / "bench-build"
        walls = {}
        for jobs in args.jobs:
            shutil.rmtree(out, ignore_errors=True)
            r = run_build(corpus, out, jobs, incremental=False)
            walls[jobs] = r["wall"]
            show(f"full build, --jobs {jobs}", r, mb)
            curve.append((n_docs, mb, jobs, r))
        if len(walls) > 1:
            base = walls[min(walls)]
            print("speed-up: " + ", ".join(f"--jobs {j} {base / w:.2f}x" for j, w in walls.items()))
        if not args.no_incremental:
            changed = sorted(corpus.glob("*.txt"))[0]
            original = changed.read_bytes()
            try:
                changed.write_bytes(original + "四、加强卫生健康人才队伍建设工作\n".encode())
                r = run_build(corpus, out, max(args.jobs), incremental=True)
                show("rebuild after changing 1 document", r, mb)
            finally:
                changed.write_bytes(original)
        if args.validation:
            bench_validation(out, args.pyshacl)
    if len(args.docs) > 1:
        print("scaling: " + "; ".join(f"{n} docs ({mb:.0f} MB) --jobs {j}: {r['wall']:.1f} s, {r['rss_mb']:.0f} MB"
                                      for n, mb, j, r in curve))


if __name__ == "__main__":
    main()
