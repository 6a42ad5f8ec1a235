"""Extraction on a Dask cluster: ``hwgraph build --scheduler ADDRESS``.

The cluster runs the very function a local build runs, :func:`~hwgraph.building.workers.extract_file`,
one task per file. Its workers may be other machines that cannot open the user's paths, so this
process reads each file and sends its name and bytes; a worker sends back the file's
:class:`~hwgraph.building.workers.Extracted` (frozen dataclasses, pickled by Dask). The results are
taken in corpus order and go through the same cache, graph, files, store and validation as a local
build's, so the outputs are byte-identical to ``--jobs 1``. A file this process cannot read is
extracted here, which gives the very error line a local build gives.

Why Dask distributed and not Ray (measured on this machine, Python 3.11):

- ``Client.get_executor()`` is a ``concurrent.futures.Executor``: ``extract_files`` takes any
  executor, with no code written for one engine (Ray has no such executor in its core API);
- Dask with its dependencies is 39 MB installed, pure Python; Ray is a 79 MB wheel, 260 MB
  installed with its dependencies, with a native raylet per node;
- a local cluster of two worker processes starts in 1.5 s (Ray's ``ray.init``: 4.7 s), which
  keeps the CI test quick; a real cluster is two commands, ``dask scheduler`` and ``dask worker``.

Before any task runs, the workers' hwgraph must hash to this one's
(:func:`~hwgraph.building.manifest.code_fingerprint`, the key of the extraction cache): a worker
with other code would give other outputs, and its extractions would be cached as this code's.
"""

from __future__ import annotations

import asyncio
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, Executor, Future
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from hwgraph.building.manifest import code_fingerprint
from hwgraph.building.workers import extract_file
from hwgraph.errors import HwgraphError
from hwgraph.reading import SUFFIXES

if TYPE_CHECKING:  # Dask is optional: imported when --scheduler is given
    from distributed import Client

__all__ = ["INSTALL", "ClusterError", "cluster_executor", "extract_on"]

INSTALL = "pip install 'hwgraph[cluster]'"
"""How to get the optional dependency (Dask distributed) that ``--scheduler`` needs."""

T = TypeVar("T")

WINDOW = 256
"""Files sent ahead of the one whose result is awaited: enough to keep a few hundred workers busy
while the results are taken in order, without holding a whole corpus's bytes in flight."""

WINDOW_BYTES = 128 * 1024 * 1024
"""...and at most this many bytes of them (a corpus of large PDFs), though always one file."""


class ClusterError(HwgraphError):
    """The cluster cannot be used: Dask missing, no scheduler at the address, no workers, workers
    with other hwgraph code, or a worker lost mid-build (the CLI's exit 2; the last build stays)."""

    def __init__(self, where: str | Path, problem: str, fix: str) -> None:
        self.where = str(where)
        super().__init__(f"{self.where}: {_one_line(problem)}; {fix}")


def _one_line(text: str) -> str:
    """Dask's messages may span lines (a traceback's tail); the CLI prints one."""
    return " ".join(text.split())


@contextmanager
def cluster_executor(address: str | None) -> Iterator[Executor | None]:
    """An executor on the Dask cluster whose scheduler is at ``address`` (``tcp://host:8786``),
    closed on exit; None when ``address`` is None (a local build). Raises :class:`ClusterError`
    when Dask is not installed, nothing answers at ``address`` in Dask's connect timeout
    (``distributed.comm.timeouts.connect``, 30 s unless configured), no worker joins in that time,
    or the workers run other hwgraph code."""
    if address is None:
        yield None
        return
    try:
        import dask
        from dask.utils import parse_timedelta
        from distributed import Client
    except ImportError as e:
        raise ClusterError(address, f"--scheduler needs Dask distributed ({e})", INSTALL) from e

    class _Client(Client):
        """A client that closes itself when it cannot connect: left half-made, its ``__del__``
        waits a minute at exit for its stopped loop, after the error line is printed."""

        def start(self, **kwargs: object) -> None:
            try:
                super().start(**kwargs)
            except BaseException:
                self.close(timeout=5)
                raise

    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    try:
        client = _Client(address, set_as_default=False)
    except (OSError, ValueError, TypeError) as e:  # refused, timed out, or not an address
        raise ClusterError(
            address, f"no Dask scheduler answered ({e})", "start one with `dask scheduler`, or check the address"
        ) from e
    try:
        _check_workers(client, address, timeout)
        # Each task carries one file's bytes on purpose (the workers cannot read the user's disk):
        # a 10 MB PDF is no mistake to warn about.
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "1GiB"}):
            executor = client.get_executor()
            yield executor
            executor.shutdown(wait=False)  # cancels what is left when the build stopped early
    finally:
        client.close()


def _check_workers(client: Client, address: str, timeout: float) -> None:
    """At least one worker, and every worker's extraction code the same as this process's."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, asyncio.TimeoutError) as e:  # one class from Python 3.11, two before
        raise ClusterError(
            address, f"the scheduler has no worker after {timeout:g} s", f"start some with `dask worker {address}`"
        ) from e
    try:
        theirs: dict[str, str] = client.run(_fingerprint)
    except ImportError as e:
        raise ClusterError(address, f"its workers cannot import hwgraph ({e})", "install hwgraph on them") from e
    ours = code_fingerprint()
    other = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != ours)
    if other:
        raise ClusterError(
            address,
            f"{len(other)} of its {len(theirs)} workers run other hwgraph code or Python than this one (first: {other[0]})",
            "install the same hwgraph version, on the same Python version, on every worker",
        )


def _fingerprint() -> str:
    """:func:`code_fingerprint`, as a worker computes it (sent by reference: the worker runs its own
    hwgraph's code, not this process's)."""
    return code_fingerprint()


def _bytes_here(path: Path) -> bytes | None:
    """The bytes of a regular file with a suffix we read; None for anything the reader would refuse
    (stat first: reading a pipe would block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) or path.suffix.lower() not in SUFFIXES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _send(executor: Executor, task: Callable[..., T], path: Path) -> tuple[Future[T], int]:
    """The cluster's future ``task(name, data)`` for ``path`` and the bytes sent. A file that cannot
    be read here is done here as ``task(name)``, so its error line is the one a local build writes."""
    data = _bytes_here(path)
    if data is None:
        done: Future[T] = Future()
        done.set_result(task(str(path)))
        return done, 0
    return executor.submit(task, str(path), data), len(data)


def _result(pending: Future[T], path: Path) -> T:
    """The result for ``path``; a cluster that lost it is a :class:`ClusterError`."""
    try:
        return pending.result()
    except Exception as e:
        # KilledWorker (a worker died on it three times), a lost scheduler (cancelled futures,
        # closed comms): the build stops and the last one stays. Anything else is the
        # extraction's own exception, raised as a local build raises it.
        module = type(e).__module__.split(".")[0]
        if isinstance(e, (OSError, CancelledError)) or module == "distributed":
            raise ClusterError(
                path, f"the cluster lost its extraction ({type(e).__name__}: {e})",
                "check the workers (`dask worker` logs) and build again, or build without --scheduler",
            ) from e
        raise


def extract_on(
    executor: Executor,
    paths: Sequence[Path],
    task: Callable[..., T] = extract_file,
    window: int = WINDOW,
    window_bytes: int = WINDOW_BYTES,
) -> Iterator[T]:
    """``task(name, data)`` of each of ``paths`` on ``executor``'s workers (:func:`extract_file` by
    default; any pure, picklable function of a file's name and bytes that also takes a name alone,
    for a file that cannot be read here), in the order of ``paths``: sent with their bytes, at most
    ``window`` files and ``window_bytes`` bytes ahead."""
    todo = iter(Path(p) for p in paths)
    ahead: deque[tuple[Path, Future[T], int]] = deque()
    in_flight = 0

    def fill() -> None:
        nonlocal in_flight
        while len(ahead) < window and (not ahead or in_flight < window_bytes):
            path = next(todo, None)
            if path is None:
                return
            pending, size = _send(executor, task, path)
            ahead.append((path, pending, size))
            in_flight += size

    fill()
    while ahead:
        path, pending, size = ahead.popleft()
        result = _result(pending, path)
        in_flight -= size
        fill()  # before yielding: the workers keep busy while the caller uses the result
        yield result
