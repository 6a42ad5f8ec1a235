"""Transactional output folders: a build never leaves OUT half-replaced.

A build of ``OUT`` runs as::

    check_output(out, corpus)        # one-line OutputError before anything runs or is touched
    with BuildLock(out):             # OUT/../.OUT.hwgraph.lock: a second build is refused
        clean_stale(out)             # what a killed build left: staging folders, *.tmp files
        with staged_output(out) as staging:
            ...write every output into staging...
        # here staging has replaced OUT in one rename (renameat2 RENAME_EXCHANGE where the
        # kernel has it, else two renames that the next build repairs if cut between them)

A reader sees the old build or the new one, never a mix. Files in OUT that a build does not write
(``hwgraph compare``'s compare.html, an export) are hard-linked into the new build, so nothing
that is not the build's own is lost. On any failure, the staging folder is removed and OUT stays.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import glob
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hwgraph.errors import OutputError

__all__ = ["BUILD_ENTRIES", "BuildLock", "check_output", "clean_stale", "staged_output"]

BUILD_ENTRIES = frozenset({"hwgraph.ttl", "hwgraph.nq", "store", "hwgraph.html", "report.json", ".hwgraph-cache"})
"""What a build writes into OUT: replaced as a whole by every build, never carried over."""

_STAGING = ".hwgraph-staging-"
_OLD = ".hwgraph-old-"
_STALE_IN_OUT = (".hwgraph*.tmp", ".report.json.*.tmp", ".store.*")  # atomic_write / create_store temps


def _sibling(out: Path, kind: str) -> Path:
    return out.parent / f".{out.name}{kind}{os.getpid()}"


def _siblings(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f".{glob.escape(out.name)}{kind}*"))


def check_output(out: Path, corpus: Path | None = None) -> None:
    """Raise ``OutputError`` when ``out`` cannot hold a build: a file is there, it or the nearest
    existing folder above it is read-only, or it would contain the corpus or the working folder
    (a build replaces the whole folder)."""
    out = Path(os.path.realpath(out))
    if out.exists() and not out.is_dir():
        raise OutputError(out, "is a file, not a folder", "remove it or pass another folder with -o")
    if out.parent == out:
        raise OutputError(out, "is the root of the file system", "pass a folder of its own with -o")
    for inner, what in ((corpus, "the corpus"), (Path.cwd(), "the working folder")):
        if inner is not None and Path(os.path.realpath(inner)).is_relative_to(out):
            raise OutputError(out, f"would contain {what} and a build replaces the whole folder",
                              "pass a folder of its own with -o")
    above = out.parent
    while not above.exists():
        above = above.parent
    if not above.is_dir():
        raise OutputError(out, f"cannot be created: {above} is a file", "remove it or pass another folder with -o")
    for folder in (above, out) if out.exists() else (above,):
        if not _writable(folder):
            raise OutputError(out, f"cannot be written: {folder} is read-only",
                              "make it writable or pass another folder with -o")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(out, f"cannot be created: {e.strerror}", "pass another folder with -o") from e


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


class BuildLock:
    """An exclusive lock on building ``out``, held in ``.OUT.hwgraph.lock`` beside it.

    ``flock`` is released by the kernel when its holder dies, so a lock file left by a killed
    build (a dead pid) is simply taken over. Worker processes must not be forked while it is held
    (they would inherit it): the build starts its pool with the forkserver.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(os.path.realpath(out))
        self.path = self.out.parent / f".{self.out.name}.hwgraph.lock"
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise OutputError(self.out, f"cannot create the lock file {self.path.name}: {e.strerror}",
                                  "make the folder above it writable") from e
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                if e.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                    raise OutputError(self.out, f"cannot lock it: {e.strerror}", "build on a local disk") from e
                raise OutputError(self.out, f"another build (pid {holder}) is writing it",
                                  "wait for it to finish or pass another folder with -o") from None
            try:  # the previous holder may have removed the file between our open and our lock
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            os.close(self._fd)
            self._fd = None


def clean_stale(out: Path) -> list[Path]:
    """Remove what killed builds of ``out`` left (call with the lock held); the paths removed.

    A swap cut between its two renames left OUT missing and the old build aside: it comes back.
    """
    out = Path(os.path.realpath(out))
    olds = _siblings(out, _OLD)
    if not out.exists() and olds:
        os.rename(olds.pop(), out)
    removed = []
    for path in [*_siblings(out, _STAGING), *olds]:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    if out.is_dir():
        for pattern in _STALE_IN_OUT:
            for path in out.glob(pattern):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _carry_over(out: Path, staging: Path) -> None:
    """Hard-link into ``staging`` what OUT holds besides a build's own outputs."""
    if not out.is_dir():
        return
    for entry in sorted(out.iterdir()):
        if entry.name in BUILD_ENTRIES or (staging / entry.name).exists():
            continue
        if any(entry.match(p) for p in _STALE_IN_OUT):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), staging / entry.name)
        elif entry.is_dir():
            shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(staging / entry.name))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        old = staging  # now holds the previous build
    else:
        old = _sibling(out, _OLD)
        os.rename(out, old)
        os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``out``; when the block succeeds it replaces ``out`` in one
    rename, else it is removed and ``out`` stays as it was."""
    out = Path(os.path.realpath(out))
    staging = _sibling(out, _STAGING)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
    except OSError as e:
        raise OutputError(out, f"cannot create {staging.name} beside it: {e.strerror}",
                          "make the folder writable or pass another folder with -o") from e
    try:
        yield staging
        _carry_over(out, staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
