"""A bounded load test of `hwgraph serve` on loopback: throughput, latency, errors, peak memory.

    python bench/bench_serve.py                          # the last build (outputs/), default steps
    python bench/bench_serve.py --clients 20 --queries 100          # the reviewers' run
    python bench/bench_serve.py --against 903e3d7                   # side by side with a revision
    python bench/bench_serve.py --memory-probe                      # one huge result, peak memory
    python bench/bench_serve.py --stores --graph bench/data/10mb-store   # --store memory against disk

The server runs in its own process (``hwgraph serve --port 0``), started here and stopped at the end;
with ``--against REV`` the revision is checked out into a temporary git worktree and its server is
measured the same way after this tree's. Clients are threads sending one query per connection (as
SPARQLWrapper and curl do), only to 127.0.0.1.

Steps: cheap queries alone at each concurrency in ``--clients`` (``--queries`` each client), then
the same cheap clients with ``--heavy`` clients sending heavy queries (a cross product to count, or
to return whole) for as long as the cheap ones run. Heavy answers of 503/413 are the limits doing
their work; an *error* is a cheap query that failed or any connection error. Peak memory is the
summed RSS of the server and all its processes, sampled every 20 ms.

Verdict lines check the issue's bar: 20 clients x 100 queries with 0 errors and p99 < 200 ms, and
cheap p99 under the heavy mix at most 2x the unloaded p99 at the same concurrency.

``--stores`` measures instead the trade-off of ``serve --store memory`` against ``--store disk``:
in each of ``--rounds`` rounds (the two alternate which goes first) a fresh server of each kind is
timed from start to its "serving" line, its memory taken once started, then each of ``--named``
queries is sent ``--repeat`` times one after the other (median latency, and median CPU time of the
server's processes: a query past 50 ms of CPU runs at nice 19, so on a shared machine its latency
measures the other jobs as much as the store), and its memory taken again with the largest private
memory of one worker (what copy-on-write did not share). Medians over the rounds. Then the same
queries in this process, on the store opened read-only and on a copy in memory, alternating:
CPU time of Oxigraph answering and writing JSON, without the server (and its forks) around it.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHEAP = (
    "ASK { ?s a hw:Document }",
    "SELECT ?t WHERE { ?d a hw:Document ; dcterms:title ?t }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a hw:Section }",
)
HEAVY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
)
PREFIXES = (
    "PREFIX hw: <https://w3id.org/hwgraph/ns#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
)
DEADLINE = [120.0]  # seconds: no step runs longer, whatever the server does (--deadline)


# ---- the server process ---------------------------------------------------------------------------


class Server:
    """`hwgraph serve` in a child process (from this tree or a worktree of another revision)."""

    def __init__(
        self, graph: Path, tree: Path, timeout: float, guard: float = 4e9, extra: tuple[str, ...] = ()
    ) -> None:
        env = dict(os.environ, PYTHONPATH=str(tree), PYTHONUNBUFFERED="1")
        code = "from hwgraph.cli import main; main()"
        args = [sys.executable, "-c", code, "serve", "--graph", str(graph), "--port", "0", "--timeout", str(timeout),
                *extra]
        started = time.perf_counter()
        self.proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, env=env, cwd=tree)
        line = self.proc.stderr.readline()  # type: ignore[union-attr]
        self.startup = time.perf_counter() - started
        if not line.startswith("serving "):
            self.proc.kill()
            raise SystemExit(f"the server did not start: {line.strip()}")
        url = urllib.parse.urlsplit(line.split()[1])
        self.host, self.port, self.path = url.hostname, url.port, url.path
        self.peak_rss = 0
        self.guard = guard
        self.guarded = False
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    todo += [int(p) for p in task.read_text().split()]
                except OSError:
                    pass
        return pids

    def rss(self) -> int:
        """Memory of the server and its processes, in bytes: the sum of their proportional set
        sizes (a page the worker processes share with the store's process counts once)."""
        total = 0
        for pid in self._tree():
            try:
                text = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total += next(int(line.split()[1]) * 1024 for line in text.splitlines() if line.startswith("Pss:"))
            except (OSError, StopIteration):
                pass
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak_rss = max(self.peak_rss, self.rss())
            if self.peak_rss > self.guard:  # never let a server take the machine down
                self.guarded = True
                self.proc.kill()
                return

    def private_max(self) -> int:
        """The largest private memory (bytes no other process shares) of one of the server's
        processes but the server itself: how much of the store copy-on-write left unshared."""
        most = 0
        for pid in self._tree()[1:]:
            try:
                text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            private = sum(int(line.split()[1]) * 1024 for line in text.splitlines()
                          if line.startswith(("Private_Clean:", "Private_Dirty:")))
            most = max(most, private)
        return most

    def reset_peak(self) -> None:
        self.peak_rss = self.rss()

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# ---- clients --------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the clients of one step saw."""

    latencies: list[float] = field(default_factory=list)  # cheap queries, seconds
    errors: list[str] = field(default_factory=list)
    heavy: dict[int, int] = field(default_factory=dict)  # status -> count
    lock: threading.Lock = field(default_factory=threading.Lock)


def _ask(server: Server, query: str, timeout: float) -> tuple[int, float]:
    path = server.path + "?" + urllib.parse.urlencode({"query": PREFIXES + query})
    started = time.perf_counter()
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        conn.close()


def _cheap_client(server: Server, n: int, offset: int, tally: Tally, deadline: float) -> None:
    for i in range(n):
        if time.monotonic() > deadline:
            with tally.lock:
                tally.errors.append("deadline")
            return
        try:
            status, seconds = _ask(server, CHEAP[(i + offset) % len(CHEAP)], timeout=60)
        except OSError as e:
            with tally.lock:
                tally.errors.append(type(e).__name__)
            continue
        with tally.lock:
            if status == 200:
                tally.latencies.append(seconds)
            else:
                tally.errors.append(f"HTTP {status}")


def _heavy_client(server: Server, offset: int, tally: Tally, done: threading.Event, deadline: float) -> None:
    i = offset
    while not done.is_set() and time.monotonic() < deadline:
        try:
            status, _ = _ask(server, HEAVY[i % len(HEAVY)], timeout=120)
        except OSError as e:
            with tally.lock:
                tally.errors.append("heavy " + type(e).__name__)
            continue
        with tally.lock:
            tally.heavy[status] = tally.heavy.get(status, 0) + 1
        i += 1


def step(server: Server, clients: int, queries: int, heavy: int) -> dict[str, object]:
    """Run ``clients`` cheap clients (and ``heavy`` heavy ones alongside); the numbers."""
    tally = Tally()
    done = threading.Event()
    deadline = time.monotonic() + DEADLINE[0]
    server.reset_peak()
    heavies = [
        threading.Thread(target=_heavy_client, args=(server, i, tally, done, deadline)) for i in range(heavy)
    ]
    for t in heavies:
        t.start()
    if heavy:
        time.sleep(0.5)  # the heavy queries are running before the cheap ones start
    started = time.perf_counter()
    cheap = [
        threading.Thread(target=_cheap_client, args=(server, queries, i, tally, deadline)) for i in range(clients)
    ]
    for t in cheap:
        t.start()
    for t in cheap:
        t.join()
    elapsed = time.perf_counter() - started
    done.set()
    for t in heavies:
        t.join()
    lat = sorted(tally.latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {
        "clients": clients,
        "heavy": heavy,
        "requests": clients * queries,
        "errors": len(tally.errors),
        "error_kinds": sorted(set(tally.errors)),
        "qps": len(lat) / elapsed if elapsed else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": lat[-1] * 1000 if lat else float("nan"),
        "heavy_statuses": dict(sorted(tally.heavy.items())),
        "peak_rss_mb": server.peak_rss / 1e6,
        "guarded": server.guarded,
    }


def memory_probe(server: Server, seconds: float = 20.0) -> dict[str, object]:
    """One request for a whole cross product: its status and the server's peak memory (a server
    past the memory guard is killed there: the probe must not take the machine down)."""
    server.reset_peak()
    result: dict[str, object] = {"status": None}

    def run() -> None:
        try:
            result["status"], result["seconds"] = _ask(server, HEAVY[1], timeout=seconds)
        except OSError as e:
            result["status"] = type(e).__name__

    t = threading.Thread(target=run, daemon=True)
    t.start()
    end = time.monotonic() + seconds
    while t.is_alive() and time.monotonic() < end:
        if server.guarded:
            result["status"] = f"killed by the memory guard at {server.guard / 1e9:g} GB"
            break
        time.sleep(0.05)
    t.join(timeout=1)
    result["peak_rss_mb"] = server.peak_rss / 1e6
    return result


def timeout_probe(server: Server, timeout: float) -> dict[str, object]:
    """A query that runs past the timeout: its status, and whether any server process still burns CPU."""
    status, seconds = _ask(server, HEAVY[0], timeout=timeout * 10 + 30)
    time.sleep(1.0)
    busy = []
    ticks = {pid: _cpu(pid) for pid in server._tree()}
    time.sleep(1.0)
    for pid, before in ticks.items():
        after = _cpu(pid)
        if before is not None and after is not None and after - before > 50:  # > 0.5 s of CPU in 1 s
            busy.append(pid)
    return {"status": status, "seconds": round(seconds, 2), "processes_still_busy": len(busy)}


def _cpu(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


# ---- running --------------------------------------------------------------------------------------


def _row(r: dict[str, object]) -> str:
    return (
        f"{r['clients']:>7} {r['heavy']:>5} {r['requests']:>8} {r['errors']:>6} {r['qps']:>8.0f} "
        f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['peak_rss_mb']:>8.0f}  "
        f"{r['heavy_statuses'] or ''} {r['error_kinds'] or ''}{' KILLED by the memory guard' if r['guarded'] else ''}"
    )


HEADER = f"{'clients':>7} {'heavy':>5} {'requests':>8} {'errors':>6} {'q/s':>8} {'p50 ms':>8} {'p95 ms':>8} " \
    f"{'p99 ms':>8} {'max ms':>8} {'RSS MB':>8}  heavy answers"


def run_all(graph: Path, tree: Path, args: argparse.Namespace, label: str) -> list[dict[str, object]]:
    """Every step on a server from ``tree``; prints a table and the verdicts."""
    print(f"\n== {label} ==")
    server = Server(graph, tree, args.timeout, guard=args.rss_guard)
    results = []
    try:
        _ask(server, CHEAP[0], timeout=30)  # warm up
        print(HEADER)
        unloaded: dict[int, dict[str, object]] = {}
        for clients in args.clients:
            r = step(server, clients, args.queries, 0)
            unloaded[clients] = r
            results.append(r)
            print(_row(r), flush=True)
        for clients in args.heavy_with:
            r = step(server, clients, args.queries, args.heavy)
            results.append(r)
            print(_row(r), flush=True)
            base = unloaded.get(clients) or step(server, clients, args.queries, 0)
            ratio = float(r["p99"]) / float(base["p99"])  # type: ignore[arg-type]
            verdict = "ok" if ratio <= 2 and not r["errors"] else "FAIL"
            print(f"  heavy mix at {clients} clients: cheap p99 {r['p99']:.1f} ms = {ratio:.2f}x unloaded ({verdict})")
        reviewers = next((r for r in results if r["clients"] == 20 and r["heavy"] == 0), None)
        if reviewers is not None:
            ok = reviewers["errors"] == 0 and float(reviewers["p99"]) < 200  # type: ignore[arg-type]
            print(f"  20 x {args.queries}: {reviewers['errors']} errors, p99 {reviewers['p99']:.1f} ms "
                  f"({'ok' if ok else 'FAIL'})")
        if args.probes:
            for name, probe in (("timeout", lambda: timeout_probe(server, args.timeout)), ("memory", lambda: memory_probe(server))):
                try:
                    print(f"  {name} probe: {probe()}", flush=True)
                except OSError as e:
                    print(f"  {name} probe: the server is gone ({type(e).__name__})", flush=True)
    finally:
        server.stop()
    return results


def _named(name: str) -> str:
    return (ROOT / "hwgraph" / "queries" / f"{name}.rq").read_text(encoding="utf-8")


class TreeCpu:
    """CPU seconds the server's processes use while it is open, workers that end included: their
    clocks are read every 5 ms (a worker that ran a heavy query is killed once it has answered, and
    the kernel keeps no account of it). The last few ms of a killed worker are missed; a query that
    takes less than a clock tick (10 ms) may read 0."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.start = {pid: _cpu(pid) or 0 for pid in server._tree()}
        self.seen = dict(self.start)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.wait(0.005):
            for pid in self.server._tree():
                ticks = _cpu(pid)
                if ticks is not None:
                    self.seen[pid] = max(ticks, self.seen.get(pid, 0))

    def __enter__(self) -> TreeCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        ticks = sum(t - self.start.get(pid, 0) for pid, t in self.seen.items())
        return ticks / (os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100)


def stores_probe(graph: Path, args: argparse.Namespace) -> None:
    """``--store memory`` against ``--store disk`` on ``graph``: start-up, memory, latency of named
    queries; alternating rounds, medians (see the module docstring)."""
    import statistics

    modes = ("memory", "disk")
    got: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    for r in range(args.rounds):
        for mode in modes if r % 2 == 0 else modes[::-1]:
            server = Server(graph, ROOT, args.timeout, guard=args.rss_guard, extra=("--store", mode))
            try:
                row = {"start s": server.startup, "idle MB": server.rss() / 1e6}
                for name in args.named:
                    text = _named(name)
                    times, cpu = [], []
                    for _ in range(args.repeat):
                        with TreeCpu(server) as clock:
                            status, seconds = _ask(server, text, timeout=args.timeout * 10 + 30)
                        if status != 200:
                            raise SystemExit(f"{mode}: {name} answered HTTP {status}")
                        times.append(seconds * 1000)
                        cpu.append(clock.seconds * 1000)
                    row[f"{name} ms"] = statistics.median(times)
                    row[f"{name} cpu"] = statistics.median(cpu)
                row["after MB"] = server.rss() / 1e6
                row["worker MB"] = server.private_max() / 1e6
            finally:
                server.stop()
            got[mode].append(row)
            print(f"  round {r + 1} {mode}: " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    columns = list(got[modes[0]][0])
    median = {m: {c: statistics.median(row[c] for row in got[m]) for c in columns} for m in modes}
    print(f"\n--store memory against --store disk on {graph}, medians of {args.rounds} alternating rounds")
    print(f"{'':12}" + "".join(f"{c:>18}" for c in columns))
    for m in modes:
        print(f"{m:12}" + "".join(f"{median[m][c]:18.1f}" for c in columns))
    ratios = (median["disk"][c] / median["memory"][c] if median["memory"][c] else float("nan") for c in columns)
    print(f"{'disk/memory':12}" + "".join(f"{r:18.2f}" for r in ratios))
    in_process(graph, args)


def in_process(graph: Path, args: argparse.Namespace) -> None:
    """CPU ms of each ``--named`` query answered and written as JSON in this process, from the
    store on disk and from a copy in memory, alternating over ``--rounds``; medians."""
    import io
    import statistics

    from pyoxigraph import QueryResultsFormat, Store

    from hwgraph._paths import find_graph
    from hwgraph.dataset import query_dataset

    disk = Store.read_only(str(find_graph(graph)))
    memory = Store()
    memory.bulk_extend(disk)
    print(f"\nin this process, CPU ms, medians of {args.rounds} alternating rounds")
    print(f"{'query':20}{'disk':>10}{'memory':>10}{'disk/memory':>13}")
    for name in args.named:
        text = _named(name)
        got: dict[str, list[float]] = {"disk": [], "memory": []}
        for r in range(args.rounds):
            for kind, store in (("disk", disk), ("memory", memory))[:: 1 if r % 2 == 0 else -1]:
                started = time.process_time()
                query_dataset(store, text).serialize(io.BytesIO(), QueryResultsFormat.JSON)  # type: ignore[attr-defined]
                got[kind].append((time.process_time() - started) * 1000)
        d, m = statistics.median(got["disk"]), statistics.median(got["memory"])
        print(f"{name:20}{d:10.0f}{m:10.0f}{d / m if m else float('nan'):13.2f}")


def _worktree(rev: str) -> tuple[Path, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="hwgraph-bench-serve-"))
    ref = tmp / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(ref), rev],
                   check=True, capture_output=True)
    return tmp, ref


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", type=Path, default=ROOT / "outputs", help="graph file or build folder")
    ap.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 8, 16, 20, 32],
                    help="concurrencies of cheap clients, e.g. 1,4,8,16,20,32")
    ap.add_argument("--queries", type=int, default=100, help="queries each cheap client sends")
    ap.add_argument("--heavy", type=int, default=4, help="heavy clients in the heavy mix")
    ap.add_argument("--heavy-with", type=lambda s: [int(x) for x in s.split(",") if x], default=[1, 8, 20],
                    help="cheap concurrencies to repeat with the heavy clients (empty: none)")
    ap.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    ap.add_argument("--probes", action="store_true", help="also the timeout and memory probes")
    ap.add_argument("--memory-probe", action="store_true", help="only the memory and timeout probes")
    ap.add_argument("--against", metavar="REV", help="then the same on this git revision")
    ap.add_argument("--rss-guard", type=float, default=4e9, help="kill a server past this many bytes")
    ap.add_argument("--deadline", type=float, default=120.0, help="seconds a step may take at most")
    ap.add_argument("--stores", action="store_true", help="only --store memory against --store disk")
    ap.add_argument("--named", nargs="+", default=["org-leads", "program-kinds", "documents", "outline-shape"],
                    help="--stores: the named queries timed")
    ap.add_argument("--repeat", type=int, default=3, help="--stores: times each named query is sent per round")
    ap.add_argument("--rounds", type=int, default=3, help="--stores: alternating rounds (medians reported)")
    args = ap.parse_args()
    DEADLINE[0] = args.deadline
    graph = args.graph.resolve()
    if args.stores:
        stores_probe(graph, args)
        return
    if args.memory_probe:
        args.clients, args.heavy_with, args.probes = [], [], True
    run_all(graph, ROOT, args, "this tree")
    if args.against:
        tmp, ref = _worktree(args.against)
        try:
            run_all(graph, ref, args, f"revision {args.against}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)], capture_output=True)
            subprocess.run(["rm", "-rf", str(tmp)])


if __name__ == "__main__":
    main()
