"""One query, evaluated and serialised inside a worker process, with its result size capped.

The result is written by Oxigraph's own serialisers into a buffer that refuses to grow past the
cap, so a query whose answer would be gigabytes stops after the first ``max_result`` bytes instead
of filling memory (Oxigraph hands the buffer 8 KB at a time and stops when a write fails).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from http import HTTPStatus

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store, serialize

from hwgraph.dataset import query_dataset
from hwgraph.namespace import PREFIXES

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "Reply", "Request", "accepted", "evaluate", "wanted_media"]

RESULT_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}
# The short names SPARQLWrapper and browsers put in a format/output parameter.
_FORMAT_PARAMS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "json-ld": "application/ld+json",
}


@dataclass(frozen=True)
class Request:
    """A query as the HTTP layer hands it to a worker."""

    query: str
    wanted: tuple[str, ...] = ()  # media types, best first
    default_graphs: tuple[str, ...] | None = None  # default-graph-uri, None when not given
    named_graphs: tuple[str, ...] | None = None  # named-graph-uri, None when not given
    max_result: int = 64 << 20


@dataclass(frozen=True)
class Reply:
    """What a worker answers: an HTTP status, a media type and the body (or a one-line message)."""

    status: int
    media: str
    body: bytes


def accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (by q, then order); q=0 ones left out."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def wanted_media(params: dict[str, list[str]], accept: str) -> tuple[str, ...]:
    """The media types a request asks for: its format/output parameters, then its Accept header."""
    wanted = [_FORMAT_PARAMS.get(v.lower(), v.lower()) for k in ("format", "output") for v in params.get(k, [])]
    return (*wanted, *accepted(accept))


def _pick(wanted: tuple[str, ...], table: dict, default: str) -> tuple[str, object]:
    for media in wanted:
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


class _TooLarge(Exception):
    pass


class _CappedBuffer(io.RawIOBase):
    """A write-only buffer that raises once more than ``cap`` bytes were written."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        if self.size > self.cap:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _text(status: HTTPStatus, message: str) -> Reply:
    return Reply(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def evaluate(store: Store, request: Request) -> Reply:
    """Run ``request`` on ``store`` and serialise its answer, at most ``request.max_result`` bytes."""
    try:
        answer = query_dataset(store, request.query, request.default_graphs, request.named_graphs)
    except SyntaxError as e:
        first = " ".join(str(e).split()) or "syntax error"
        return _text(HTTPStatus.BAD_REQUEST, f"malformed query: {first[:300]}; fix the SPARQL")
    except ValueError as e:
        return _text(HTTPStatus.BAD_REQUEST, f"bad dataset: {e}; give absolute IRIs")
    buffer = _CappedBuffer(request.max_result)
    try:
        if isinstance(answer, (QuerySolutions, QueryBoolean)):
            media, fmt = _pick(request.wanted, RESULT_TYPES, "application/sparql-results+json")
            answer.serialize(buffer, format=fmt)  # type: ignore[arg-type]
        else:
            media, fmt = _pick(request.wanted, GRAPH_TYPES, "text/turtle")
            serialize(answer, buffer, format=fmt, prefixes=PREFIXES)  # type: ignore[arg-type, call-overload]
    except _TooLarge:
        mb = request.max_result / (1 << 20)
        return _text(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"result too large: more than {mb:g} MB (--max-result); add a LIMIT or select fewer variables",
        )
    except (OSError, RuntimeError, ValueError) as e:
        return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {e}; check the query")
    textual = media.startswith("text/") or "json" in media or "xml" in media
    return Reply(int(HTTPStatus.OK), media + ("; charset=utf-8" if textual else ""), buffer.getvalue())
