"""Edit the last build's sorted N-Quads and Turtle instead of writing them again.

An incremental rebuild knows the few lines that left and came (the changed files' graphs, the
citation links and the shared graph); the rest of both files stands. ``splice_nquads`` streams the
old sorted N-Quads through, dropping and inserting lines at their places in the canonical order
(rdf:type marked as in ``hwgraph.store``); ``splice_turtle`` replaces the Turtle block of each
subject whose triples changed with the one Oxigraph's writer gives for its triples now (a block is
the subject's triples, from the line that names it to the next line that starts with no tab), so
both files are byte for byte what a full build writes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, Store

from hwgraph.namespace import PREFIXES
from hwgraph.store import _NT_TYPE, _TYPE_FIRST, _prefix_header, canonical_turtle

__all__ = ["mark", "splice_nquads", "splice_turtle", "subject_term", "union_line"]

_BLOCK = 16 << 20


def mark(line: bytes) -> bytes:
    """A line's sort key: rdf:type marked to sort first."""
    return line.replace(_NT_TYPE, _TYPE_FIRST)


def union_line(nquads_line: bytes) -> bytes:
    """The N-Triples line (the union default graph's) of a named-graph N-Quads line."""
    return nquads_line[: nquads_line.rindex(b" <")] + b" ."


def subject_term(line: bytes) -> bytes:
    """The subject of an N-Triples/N-Quads line as written (``<iri>`` or ``_:b``)."""
    return line[: line.index(b" ")]


def splice_nquads(old: Path, out: BinaryIO, removed: Iterable[bytes], added: Iterable[bytes]) -> tuple[int, int]:
    """Write the sorted lines of ``old`` without ``removed`` and with ``added`` (lines without their
    newline; an added line already there is kept once); how many were removed and added."""
    drops = sorted({mark(line) for line in removed})
    adds = sorted({mark(line) for line in added} - set(drops))
    n_removed = n_added = 0
    d = a = 0
    rest = b""
    with open(old, "rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            last = not block
            block = rest + block
            cut = len(block) if last else block.rfind(b"\n") + 1
            block, rest = block[:cut], block[cut:]
            if not block:
                if last:
                    break
                continue
            keys = mark(block).split(b"\n")
            if keys[-1] == b"":
                keys.pop()
            top = keys[-1]
            d_end = len(drops) if last else bisect_right(drops, top, d)
            a_end = len(adds) if last else bisect_right(adds, top, a)
            if d_end == d and a_end == a:
                out.write(block)
                continue
            gone = set(drops[d:d_end])
            if gone:
                before = len(keys)
                keys = [k for k in keys if k not in gone]
                n_removed += before - len(keys)
            for key in adds[a:a_end]:
                i = bisect_left(keys, key)
                if i == len(keys) or keys[i] != key:
                    keys.insert(i, key)
                    n_added += 1
            d, a = d_end, a_end
            if keys:
                out.write((b"\n".join(keys) + b"\n").replace(_TYPE_FIRST, _NT_TYPE))
            if last:
                break
    tail = adds[a:]  # past the old file's last line
    if tail:
        out.write((b"\n".join(tail) + b"\n").replace(_TYPE_FIRST, _NT_TYPE))
    return n_removed, n_added + len(tail)


_PREFIX_BYTES = {name.encode(): iri.encode() for name, iri in PREFIXES.items()}
_ESCAPE = re.compile(rb"\\(.)")
_BLOCK_START = re.compile(rb"\n(?=[^\t\n])")  # a line that does not go on the block before it


def _block_key(data: bytes, start: int) -> bytes:
    """The subject of the Turtle block at ``start`` as its N-Triples term (the canonical order's)."""
    token = data[start : data.index(b" ", start)]
    if token.startswith((b"<", b"_:")):
        return token
    prefix, local = token.split(b":", 1)
    return b"<" + _PREFIX_BYTES[prefix] + _ESCAPE.sub(rb"\1", local) + b">"


def _subject_block(store: Store, subject: bytes, header: int) -> bytes:
    """The Turtle block of ``subject``'s triples in ``store`` now (empty when it has none)."""
    node = NamedNode(subject[1:-1].decode("utf-8"))
    triples = {q.triple for q in store.quads_for_pattern(node, None, None, None)}
    if not triples:
        return b""
    return canonical_turtle(list(triples))[header:]


def splice_turtle(old: Path, out: BinaryIO, store: Store, subjects: Iterable[bytes]) -> None:
    """Write the Turtle ``old`` with the block of each of ``subjects`` (N-Triples terms) made anew
    from ``store`` (dropped when it has no triple left, inserted in order when it is new)."""
    data = old.read_bytes()
    header = len(_prefix_header()) + 1
    body = header if data.startswith(_prefix_header()) else data.index(b"\n\n") + 2
    starts = [body, *(m.end() for m in _BLOCK_START.finditer(data, body))]
    if starts[-1] >= len(data):
        starts.pop()
    pos = 0
    for subject in sorted(set(subjects)):
        if subject.startswith(b"_:"):
            raise ValueError("a blank node subject: its block cannot be found by name")
        i = bisect_left(starts, subject, key=lambda s: _block_key(data, s))
        at = starts[i] if i < len(starts) else len(data)
        old_block = i < len(starts) and _block_key(data, at) == subject
        out.write(data[pos:at])
        out.write(_subject_block(store, subject, header))
        pos = (starts[i + 1] if i + 1 < len(starts) else len(data)) if old_block else at
    out.write(data[pos:])
