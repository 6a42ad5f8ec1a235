"""Outline throughput and peak memory on a generated corpus of repeated, perturbed samples.

    python bench/bench_outline.py --mb 50            # generate (once) and measure
    python bench/bench_outline.py --mb 10 --mb 50    # several sizes: memory must stay flat

The corpus is written to bench/data/<N>mb/ (gitignored): copies of corpus/*.txt with their years,
numbers and district names perturbed so that no two files are identical. The whole pipeline (read,
clean, split, outline and JSON formatting) runs on one core; peak memory is the process's max RSS
growth measured in a fresh subprocess per size.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))


def generate(target_mb: int, out: Path) -> Path:
    """Write about ``target_mb`` MB of perturbed sample copies into ``out`` (kept between runs)."""
    if out.exists() and sum(p.stat().st_size for p in out.glob("*.txt")) >= target_mb * 1_000_000 * 0.98:
        return out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(target_mb)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    size, i = 0, 0
    while size < target_mb * 1_000_000:
        base = texts[i % len(texts)]
        year = str(rng.randint(2015, 2030))
        text = re.sub(r"20\d\d", year, base)
        text = re.sub(r"\d{2,}", lambda m: str(rng.randint(10, 9999)), text)
        text = text.replace("区", rng.choice("区县市"))
        data = text.encode("utf-8")
        (out / f"doc{i:06d}.txt").write_bytes(data)
        size += len(data)
        i += 1
    return out


def measure(folder: Path) -> dict:
    """Run the pipeline over ``folder`` in this process; return MB/s and peak RSS growth."""
    from hwgraph.pipeline import analyse
    from hwgraph.report import outline_json

    files = sorted(folder.glob("*.txt"))
    nbytes = sum(p.stat().st_size for p in files)
    analyse_warm = list(analyse(SAMPLES[:1]))  # jieba and regex warm-up, not timed
    del analyse_warm
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    docs = sections = 0
    for result in analyse(files):
        for d in result.documents:
            docs += 1
            sections += len(json.dumps(outline_json(d), ensure_ascii=False)) > 0
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "files": len(files),
        "mb": round(nbytes / 1e6, 1),
        "documents": docs,
        "seconds": round(dt, 2),
        "mb_per_s": round(nbytes / 1e6 / dt, 2),
        "peak_rss_growth_mb": round((rss1 - rss0) / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, action="append", help="corpus size in MB (repeatable); default 50")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child-process mode
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    for mb in args.mb or [50]:
        folder = generate(mb, ROOT / "bench" / "data" / f"{mb}mb")
        proc = subprocess.run(
            ["taskset", "-c", "0", sys.executable, __file__, "--measure", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(proc.stdout.strip())


if __name__ == "__main__":
    main()
