"""The one exception tree of hwgraph.

    HwgraphError
    ├── InputError            a file or folder we were asked to read cannot be used
    │   ├── NotFoundError     the path does not exist
    │   ├── UnsupportedError  the file type is not one we read
    │   └── DecodeError       the bytes are not text we can decode (binary, broken encoding)
    ├── GraphError            a graph file cannot be loaded or queried
    ├── OutputError           an output folder cannot be written, or another build is writing it
    └── QueryError            a SPARQL query is malformed or unknown

Every message says what went wrong, where, and how to fix it, in one line. The CLI turns these
into ``click.ClickException`` (exit code 2) or into a per-file error line in a batch.
"""

from __future__ import annotations

from pathlib import Path


class HwgraphError(Exception):
    """Base class of every error hwgraph raises on purpose."""


class InputError(HwgraphError):
    """A file or folder we were asked to read cannot be used."""

    def __init__(self, path: str | Path, problem: str, fix: str) -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}; {fix}")


class NotFoundError(InputError):
    """The path does not exist."""


class UnsupportedError(InputError):
    """The file type is not one hwgraph reads."""


class DecodeError(InputError):
    """The bytes are not text hwgraph can decode (binary data, broken encoding, empty document)."""


class GraphError(HwgraphError):
    """A graph file or store cannot be loaded or written."""


class OutputError(HwgraphError):
    """An output folder cannot be written (a file, read-only, not creatable) or is being built."""

    def __init__(self, path: str | Path, problem: str, fix: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}; {fix}")


class QueryError(HwgraphError):
    """A SPARQL query is malformed, unknown, or failed."""
