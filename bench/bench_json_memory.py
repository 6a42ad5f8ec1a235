"""Peak memory of the JSON output of ``outline`` and ``programs`` at two corpus sizes (issue 14).

    python bench/bench_json_memory.py                       # 4 MB and 20 MB
    python bench/bench_json_memory.py --mb 4 --mb 100       # other sizes
    python bench/bench_json_memory.py --src /tmp/old-tree   # the same bench on another checkout

The corpora are perturbed copies of corpus/*.txt (see bench/bench_outline.py), generated into a
temporary folder. Each command runs in a fresh subprocess with stdout to /dev/null; its peak RSS
comes from ``os.wait4`` (that child's own ``ru_maxrss``). Memory is flat when the ratio of the
largest to the smallest size stays at or under 1.2×.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_outline import generate

ROOT = Path(__file__).resolve().parent.parent
RUNS = (("outline", "--json"), ("programs", "--json"), ("outline", "--jsonl"), ("programs", "--jsonl"))


def peak_rss(command: str, flag: str, folder: Path, src: Path) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of ``hwgraph COMMAND FOLDER FLAG -q`` run from the tree ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "from hwgraph.cli import main; main()"
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, command, str(folder), flag, "-q"],
            stdout=sink, cwd=folder.parent, env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command} {flag} exited {proc.returncode}")
    return usage.ru_maxrss / 1024, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, action="append", help="corpus size in MB (repeatable); default 4 and 20")
    ap.add_argument("--src", type=Path, default=ROOT, help="the checkout whose hwgraph runs [default: this one]")
    ap.add_argument("--run", action="append", metavar="COMMAND:FLAG", help="e.g. outline:--json (repeatable)")
    args = ap.parse_args()
    sizes = sorted(args.mb or [4, 20])
    runs = [tuple(r.split(":", 1)) for r in args.run] if args.run else list(RUNS)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {mb: generate(mb, Path(tmp) / f"{mb}mb") for mb in sizes}
        for command, flag in runs:
            peaks = []
            for mb in sizes:
                peak, seconds = peak_rss(command, flag, folders[mb], args.src.resolve())
                peaks.append(peak)
                print(f"{command} {flag:<7} {mb:>4} MB: peak RSS {peak:7.1f} MB  ({seconds:.1f} s)", flush=True)
            ratio = peaks[-1] / peaks[0]
            verdict = "flat" if ratio <= 1.2 else "grows"
            print(f"{command} {flag:<7} ratio {sizes[-1]}/{sizes[0]} MB: {ratio:.2f}x ({verdict})", flush=True)


if __name__ == "__main__":
    main()
