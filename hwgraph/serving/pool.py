"""Queries run in worker processes that can be paused, deprioritised and killed.

Oxigraph cannot interrupt a query from Python, and a thread stuck in one keeps its core and its
memory until it ends. So each query runs in a worker process:

    server process ──control socket──▶ zygote (holds the store, single-threaded)
          │                              │ fork (copy-on-write: the store is shared, not copied)
          └────────── one socket each ──▶ worker, worker, …  (one query at a time each)

The zygote is forked once, when the server is made, and loads the store itself; workers are forked
from it, never from the threaded server. A worker lives for many cheap queries; one that was
deprioritised or killed is replaced by a fresh fork (a few milliseconds).

An on-disk store (``per_worker``) is the exception: RocksDB starts threads when it opens a store,
and a process forked from one with threads may inherit a lock some thread held. So the zygote never
opens it (a short-lived child counts the dataset for the service description), and each worker
opens its own read-only handle after the fork; the pool uses a worker once it has said it is ready,
so neither the opening (tens of ms) nor its CPU time counts against the first query. (The
in-memory copy is read from the store by the zygote itself, whose RocksDB threads then idle there;
its workers run only the copy.)

Admission keeps cheap queries from queueing behind heavy ones:

- a query first takes one of ``fresh`` slots (it waits in line for one, at most ``queue_wait`` s);
- once it has used ``heavy_after`` s of CPU it is *heavy* (CPU, not wall time: a cheap query slowed
  down by a busy machine stays cheap): it gives its fresh slot back, its process is reniced to 19,
  and it takes one of ``heavy`` slots; when none is free the process is stopped (SIGSTOP) until one
  is, its clock stopped too; past ``paused`` stopped ones it is refused;
- ``timeout`` counts running time only (not the wait for a slot, not the time stopped); a query
  past it is killed (SIGKILL) and its memory goes back to the system at once;
- each worker's address space is capped at its size after the fork plus ``memory`` bytes, so a
  query that would need more dies alone; a CPU-time alarm kills a worker whose server went away.

Copy-on-write shares less than it seems with an in-memory store: Oxigraph writes into the pages of
its in-memory store as it reads them, so a worker's queries copy the pages they touch (the first
query of a fresh worker pays ~2 µs per 4 KB page: +100 ms CPU for one that reads 170 MB of a 410 MB
store, and the copy stays). The address-space cap does not see these copies; the pool does, by the
worker's minor page faults (one per page made its own): past ``recycle`` bytes the worker is
replaced by a fresh fork once it has answered, so idle workers hold at most ``fresh`` x ``recycle``
bytes of their own, not a copy of the store each.
"""

from __future__ import annotations

import gc
import os
import pickle
import resource
import select
import signal
import socket
import struct
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from pyoxigraph import Store

from hwgraph.dataset import has_implicit_union
from hwgraph.serving.evaluate import Reply, Request, evaluate

__all__ = ["DatasetInfo", "Limits", "QueryPool", "default_limits"]

_HEADER = struct.Struct("!Q")
_TICK = 0.01  # seconds between looks at a running query's CPU time
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = resource.getpagesize()


@dataclass(frozen=True)
class Limits:
    """How much one query may take, and how many run at once."""

    timeout: float = 30.0  # seconds of execution
    max_result: int = 64 << 20  # bytes of serialised result
    memory: int = 1 << 30  # bytes of address space beyond the store
    fresh: int = 4  # queries that run at once before they count as heavy
    heavy: int = 1  # heavy queries that run at once
    paused: int = 4  # heavy queries that wait, stopped, for a heavy slot
    heavy_after: float = 0.05  # seconds of CPU after which a query counts as heavy
    queue_wait: float = 10.0  # seconds a query may wait for a slot before it is refused
    recycle: int = 64 << 20  # bytes a worker may have made its own (page faults) before a fresh fork replaces it


def default_limits(timeout: float = 30.0, **overrides: object) -> Limits:
    """``Limits`` sized for this machine: 3 fresh slots per core, one heavy slot per core but one."""
    cores = os.cpu_count() or 1
    values: dict[str, object] = {"timeout": timeout, "fresh": max(4, 3 * cores), "heavy": max(1, cores - 1)}
    values["paused"] = 4 * int(values["heavy"])  # type: ignore[call-overload]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Limits(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DatasetInfo:
    """What the served dataset holds, for the service description."""

    triples: int
    default_triples: int
    graphs: tuple[tuple[str, int], ...]  # (graph IRI, triples)
    implicit_union: bool


# ---- framing ----------------------------------------------------------------------------------


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            raise EOFError
        got += k
    return bytes(buf)


def _recv(sock: socket.socket) -> object:
    (n,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    return pickle.loads(_recv_exact(sock, n))


# ---- the processes ----------------------------------------------------------------------------


def _fork() -> int:
    with warnings.catch_warnings():  # Python 3.12+ warns on fork in a threaded process
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def _close_fds_except(keep: set[int]) -> None:
    top = max([*keep, 2]) + 1
    start = 3
    for fd in sorted(keep | {top}):
        if fd >= start:
            os.closerange(start, fd)
            start = fd + 1
    os.closerange(top, resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def _address_space() -> int:
    with open("/proc/self/statm", "rb") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _worker_main(sock: socket.socket, store: Store | None, load: Callable[[], Store], limits: Limits) -> None:
    broken = None
    if store is None:  # an on-disk store: this worker's own handle (see the module docstring)
        try:
            store = load()
        except Exception as e:  # e.g. the store was removed since the server started
            broken = _message(HTTPStatus.SERVICE_UNAVAILABLE, f"cannot open the store: {e}; restart the server")
    try:
        if limits.memory > 0:  # the cap counts from here: beyond the store, whichever way it is held
            resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.memory, resource.RLIM_INFINITY))
    except (OSError, ValueError):
        pass  # no /proc (not Linux): no memory cap, the other limits still hold
    # A worker whose server vanished mid-query still dies: SIGPROF's default action ends it.
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    safety = limits.timeout + 5.0
    try:
        _send(sock, "ready")
    except OSError:
        os._exit(0)
    while True:
        try:
            request = _recv(sock)
        except (EOFError, OSError):
            os._exit(0)
        signal.setitimer(signal.ITIMER_PROF, safety)
        try:
            reply = broken or evaluate(store, request)  # type: ignore[arg-type]
        except MemoryError:
            reply = Reply(int(HTTPStatus.SERVICE_UNAVAILABLE), "text/plain; charset=utf-8", b"")
        signal.setitimer(signal.ITIMER_PROF, 0)
        try:
            _send(sock, reply)
        except OSError:
            os._exit(0)


def _dataset_info(store: Store) -> DatasetInfo:
    # Counted by Oxigraph itself: iterating a million quads in Python would take seconds.
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    graphs = tuple(sorted((row["g"].value, int(row["n"].value)) for row in store.query(per_graph)))
    default = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    return DatasetInfo(
        triples=default + sum(n for _, n in graphs),
        default_triples=default,
        graphs=graphs,
        implicit_union=has_implicit_union(store),
    )


def _info_in_child(load: Callable[[], Store]) -> DatasetInfo:
    """The dataset's counts, from a child process that opens the store and exits (so the caller,
    the zygote, never runs RocksDB's threads)."""
    mine, theirs = socket.socketpair()
    pid = _fork()
    if pid == 0:
        mine.close()
        try:
            _send(theirs, ("ok", _dataset_info(load())))
        except BaseException as e:
            _send(theirs, ("error", str(e)))
        os._exit(0)
    theirs.close()
    try:
        status, info = _recv(mine)  # type: ignore[misc]
    except EOFError:
        status, info = "error", "the process that opens the store died"
    finally:
        mine.close()
    if status != "ok":
        raise RuntimeError(info)
    return info  # type: ignore[return-value]


def _zygote_main(control: socket.socket, load: Callable[[], Store], limits: Limits, per_worker: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    _close_fds_except({0, 1, 2, control.fileno()})
    store: Store | None = None
    try:
        if per_worker:
            info = _info_in_child(load)
        else:
            store = load()
            info = _dataset_info(store)
        _send(control, ("ok", info))
    except BaseException as e:  # the server reports it and stops
        _send(control, ("error", str(e)))
        os._exit(0)
    gc.collect()
    gc.freeze()  # objects inherited from the server are never finalised here
    while True:
        try:
            wanted = control.recv(1)
        except OSError:
            os._exit(0)
        if not wanted:
            os._exit(0)
        mine, theirs = socket.socketpair()
        pid = _fork()
        if pid == 0:
            control.close()
            mine.close()
            _worker_main(theirs, store, load, limits)
            os._exit(0)
        theirs.close()
        socket.send_fds(control, [struct.pack("!i", pid)], [mine.fileno()])
        mine.close()


class _Worker:
    """The server's handle on one worker process."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid = pid
        self.sock = sock
        self.used = 0
        self.spoilt = False  # reniced or stopped: never reused
        self.cpu_base = 0.0
        self.owned_base = 0  # owned_bytes() once ready: its store opened, before any query
        self.pidfd: int | None = None
        try:
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None

    def signal(self, sig: int) -> None:
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, sig)
            else:
                os.kill(self.pid, sig)
        except (ProcessLookupError, OSError):
            pass

    def cpu_seconds(self) -> float | None:
        """CPU time the worker has used since ``cpu_base``; None without /proc."""
        fields = self._stat()
        if fields is None:
            return None
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS - self.cpu_base

    def owned_bytes(self) -> int:
        """Memory the worker has made its own since the fork, by its minor page faults (pages it
        wrote, copies of shared ones included; an upper bound: a freed page may fault again); 0
        without /proc. Reading smaps would say exactly, at ~30 ms a read for a 400 MB store."""
        fields = self._stat()
        return 0 if fields is None else int(fields[7]) * _PAGE

    def _stat(self) -> list[bytes] | None:
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            int(fields[12])
            return fields
        except (OSError, IndexError, ValueError):
            return None

    def renice(self, niceness: int) -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, niceness)
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None


@dataclass
class _Stats:
    queries: int = 0
    heavy: int = 0
    paused: int = 0
    killed: int = 0
    refused: int = 0
    spawned: int = 0
    recycled: int = 0
    waiting_paused: int = field(default=0)


def _message(status: HTTPStatus, text: str) -> Reply:
    return Reply(int(status), "text/plain; charset=utf-8", (text + "\n").encode("utf-8"))


class QueryPool:
    """Worker processes over one store, with admission by cost (see the module docstring).

    ``load`` gives the store: called once in the zygote, whose workers share what it returns
    (copy-on-write), or with ``per_worker`` once in each worker (an on-disk store).
    """

    def __init__(self, load: Callable[[], Store], limits: Limits, *, per_worker: bool = False) -> None:
        self.limits = limits
        self.stats = _Stats()
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._spawn_lock = threading.Lock()
        self._fresh = threading.BoundedSemaphore(limits.fresh)
        self._heavy = threading.BoundedSemaphore(limits.heavy)
        self._closed = False
        self._busy: set[_Worker] = set()
        control, theirs = socket.socketpair()
        pid = _fork()
        if pid == 0:
            control.close()
            try:
                _zygote_main(theirs, load, limits, per_worker)
            finally:
                os._exit(0)
        theirs.close()
        self._zygote_pid = pid
        self._control = control
        try:
            status, info = _recv(control)  # type: ignore[misc]
        except EOFError:
            status, info = "error", "the store loader died"
        if status != "ok":
            self.close()
            from hwgraph.errors import GraphError

            raise GraphError(str(info))
        self.info: DatasetInfo = info  # type: ignore[assignment]
        try:
            # Forked first and waited for after, so workers that open an on-disk store open it in parallel.
            for worker in [self._fork_worker() for _ in range(limits.fresh)]:
                self._idle.append(self._ready(worker))
        except OSError as e:
            self.close()
            from hwgraph.errors import GraphError

            raise GraphError(f"the query workers did not start: {e}") from e

    # -- workers --

    def _fork_worker(self) -> _Worker:
        with self._spawn_lock:
            if self._closed:
                raise OSError("the query pool is closed")
            self._control.sendall(b"w")
            msg, fds, _, _ = socket.recv_fds(self._control, 16, 1)
            if not fds:
                raise OSError("the zygote process is gone; restart the server")
            (pid,) = struct.unpack("!i", msg)
            self.stats.spawned += 1
            return _Worker(pid, socket.socket(fileno=fds[0]))

    def _ready(self, worker: _Worker) -> _Worker:
        """``worker`` once it has its store (outside the spawn lock: others fork meanwhile)."""
        worker.sock.settimeout(max(60.0, self.limits.timeout))
        try:
            if _recv(worker.sock) != "ready":
                raise OSError("a worker process sent no ready message")
        except (EOFError, OSError) as e:
            self._retire(worker, kill=True)
            raise OSError(f"a worker process did not start: {str(e) or type(e).__name__}") from e
        worker.sock.settimeout(None)
        worker.owned_base = worker.owned_bytes()
        return worker

    def _spawn(self) -> _Worker:
        return self._ready(self._fork_worker())

    def _replenish(self) -> None:
        with self._lock:
            if self._closed or len(self._idle) >= self.limits.fresh:
                return
        try:
            worker = self._spawn()
        except OSError:
            return
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        self._retire(worker, kill=True)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._spawn()

    def _give_back(self, worker: _Worker) -> None:
        worker.used += 1
        if worker.spoilt or worker.used >= 1000 or self._closed:
            self._retire(worker)
            return
        if worker.owned_bytes() - worker.owned_base > self.limits.recycle:  # see the module docstring
            self.stats.recycled += 1
            self._retire(worker)
            threading.Thread(target=self._replenish, daemon=True).start()
            return
        with self._lock:
            self._idle.append(worker)

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if kill:
            worker.signal(signal.SIGKILL)
        worker.close()

    # -- queries --

    def run(self, request: Request, client: socket.socket | None = None) -> Reply:
        """Run ``request`` in a worker; the reply, or a 503/413 saying which limit it met.

        ``client`` is the HTTP connection: a query whose client hung up is killed.
        """
        limits = self.limits
        if not self._fresh.acquire(timeout=limits.queue_wait):
            self.stats.refused += 1
            return _message(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"server busy: no query slot free within {limits.queue_wait:g} s; retry in a moment",
            )
        fresh_held = True
        heavy_held = False
        worker: _Worker | None = None
        try:
            worker = self._take()
            with self._lock:
                self._busy.add(worker)
            self.stats.queries += 1
            worker.cpu_base = 0.0
            worker.cpu_base = worker.cpu_seconds() or 0.0
            _send(worker.sock, request)
            executed = 0.0
            watched = [worker.sock] + ([client] if client is not None else [])
            while True:
                # Until it is heavy, look at the query's CPU time every few milliseconds.
                step = limits.timeout if heavy_held else min(limits.timeout, executed + _TICK)
                budget = step - executed
                started = time.monotonic()
                ready, _, _ = select.select(watched, [], [], max(budget, 0.0))
                executed += time.monotonic() - started
                if worker.sock in ready:
                    try:
                        reply: Reply = _recv(worker.sock)  # type: ignore[assignment]
                    except (EOFError, OSError):
                        worker.spoilt = True
                        mb = limits.memory / (1 << 20)
                        return _message(
                            HTTPStatus.SERVICE_UNAVAILABLE,
                            f"query needed more than {mb:g} MB of memory (--query-memory); narrow it or add a LIMIT",
                        )
                    if not reply.body and reply.status == HTTPStatus.SERVICE_UNAVAILABLE:
                        mb = limits.memory / (1 << 20)
                        worker.spoilt = True
                        return _message(
                            HTTPStatus.SERVICE_UNAVAILABLE,
                            f"query needed more than {mb:g} MB of memory (--query-memory); narrow it or add a LIMIT",
                        )
                    return reply
                if client is not None and client in ready:
                    if _hung_up(client):
                        worker.spoilt = True
                        worker.signal(signal.SIGKILL)
                        self.stats.killed += 1
                        return _message(HTTPStatus.SERVICE_UNAVAILABLE, "client went away")
                    watched = [worker.sock]
                    continue
                if executed >= limits.timeout:
                    worker.spoilt = True
                    worker.signal(signal.SIGKILL)
                    self.stats.killed += 1
                    return _message(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        f"query timed out after {limits.timeout:g} s of execution (--timeout); "
                        "narrow it or add a LIMIT",
                    )
                cpu = worker.cpu_seconds()
                if not heavy_held and (executed if cpu is None else cpu) >= limits.heavy_after:
                    # Heavy from now on: free the fresh slot for cheap queries, run at low priority.
                    self._fresh.release()
                    fresh_held = False
                    worker.spoilt = True
                    worker.renice(19)
                    self.stats.heavy += 1
                    heavy_held = self._wait_heavy(worker)
                    if not heavy_held:
                        self.stats.refused += 1
                        return _message(
                            HTTPStatus.SERVICE_UNAVAILABLE,
                            f"server busy: {limits.heavy + limits.paused} long queries already running or "
                            "waiting; retry later or narrow the query",
                        )
        finally:
            if fresh_held:
                self._fresh.release()
            if heavy_held:
                self._heavy.release()
            if worker is not None:
                with self._lock:
                    self._busy.discard(worker)
                if worker.spoilt:
                    self._retire(worker, kill=True)
                    # A fresh fork for the next query, made off the request path.
                    threading.Thread(target=self._replenish, daemon=True).start()
                else:
                    self._give_back(worker)

    def _wait_heavy(self, worker: _Worker) -> bool:
        """Take a heavy slot for ``worker``'s query, stopping the process while it waits."""
        if self._heavy.acquire(blocking=False):
            return True
        with self._lock:
            if self.stats.waiting_paused >= self.limits.paused:
                worker.signal(signal.SIGKILL)
                return False
            self.stats.waiting_paused += 1
        self.stats.paused += 1
        worker.signal(signal.SIGSTOP)
        try:
            got = self._heavy.acquire(timeout=max(self.limits.queue_wait, self.limits.timeout))
        finally:
            with self._lock:
                self.stats.waiting_paused -= 1
        if not got:
            worker.signal(signal.SIGKILL)
            return False
        worker.signal(signal.SIGCONT)
        return True

    def close(self) -> None:
        """Kill the workers and the zygote; the store's memory goes with them."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
        for worker in idle + busy:
            self._retire(worker, kill=True)
        try:
            self._control.close()
        except OSError:
            pass
        try:
            os.kill(self._zygote_pid, signal.SIGKILL)
            os.waitpid(self._zygote_pid, 0)
        except (ChildProcessError, ProcessLookupError, OSError):
            pass


def _hung_up(client: socket.socket) -> bool:
    """True when the client closed its side (readable with nothing to read)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
