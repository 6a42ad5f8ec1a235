"""Draw the hwgraph knowledge graph as one self-contained, interactive HTML page (issue 5).

    RDF (file, store folder or rdflib.Graph)
      -> _Model        SPARQL over an in-memory pyoxigraph store, union of all named graphs
      -> networkx      the nodes and edges of one view, with positions computed here:
                       each outline a left-to-right tidy tree, programs in a lane beside the
                       sections that mention them, members beside their program
      -> HTML          vis-network (the 9.1.2 build pyvis ships), our data as escaped JSON,
                       our small UI script; physics off, so the first draw is one frame

Why not pyvis's ``Network`` and template: the template links Bootstrap from a CDN (a network
request on every open), writes node data into ``<script>`` without escaping ``</script>``, and
``add_node`` is quadratic in the number of nodes. Only pyvis's copy of vis-network is used.

Above ``max_nodes`` the page starts aggregated: documents and programs only, sections appear when
their document is clicked, members when their program is.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib

from hwgraph._io import write_text_atomic
from hwgraph.errors import GraphError, HwgraphError, NotFoundError
from hwgraph.namespace import PREFIXES

__all__ = ["MAX_NODES", "VIEWS", "HtmlReport", "write_html"]

VIEWS = ("corpus", "document", "programs")
MAX_NODES = 6000
"""Above this many nodes the page opens aggregated (documents and programs, expand on click)."""

_CLASSES = {
    "doc": "文件 Document",
    "sec": "章节 Section",
    "prog": "提法 Program",
    "mem": "成员 Member",
}

# Layout grid, in vis-network canvas pixels.
_ROW = 46  # one outline leaf
_COL = 310  # one outline level
_MEM_ROW = 34
_LANE_GAP = 60  # between the deepest outline level and the program lane
_MEM_DX = 260  # program -> its members
_DOC_GAP = 320  # between two documents' columns
_BLOCK_GAP = 16
_LABEL_CHARS = 16
_SMOOTH_LIMIT = 1500  # curved edges cost a little per frame; straight above this many nodes


# ---- reading the graph ---------------------------------------------------------------------------


@dataclass
class _Doc:
    iri: str
    title: str
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    publisher: str | None = None
    number: str | None = None
    source: str | None = None
    subtitle: str | None = None
    date: str | None = None
    place: str | None = None
    issued_by: str | None = None


# the document kinds of the ontology, as a reader of Chinese policy documents names them
_KIND_ZH = {
    "summary": "总结", "plan": "计划·方案·要点", "report": "报告", "opinion": "意见", "notice": "通知",
    "list": "清单", "transcript": "实录", "interpretation": "解读", "other": "其他",
}


@dataclass
class _Span:
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    source: str | None = None


@dataclass
class _Sec:
    iri: str
    doc: str
    parent: str
    marker: str
    title: str
    depth: int
    order: tuple
    style: str | None = None
    span: _Span | None = None
    children: list[str] = field(default_factory=list)


@dataclass
class _Prog:
    iri: str
    label: str
    kind: str | None = None
    stated: int | None = None


@dataclass
class _Mem:
    iri: str
    use: str
    label: str
    position: int | None = None
    source: str | None = None
    program: str | None = None
    span: _Span | None = None


@dataclass
class _Use:
    iri: str
    program: str
    doc: str | None
    label: str | None = None
    stated: int | None = None
    ok: bool | None = None
    members_from: str | None = None
    members: list[_Mem] = field(default_factory=list)


@dataclass
class _Mention:
    iri: str
    program: str
    doc: str | None
    section: str | None
    span: _Span | None = None


@dataclass
class _Model:
    docs: dict[str, _Doc]
    secs: dict[str, _Sec]
    progs: dict[str, _Prog]
    uses: dict[str, _Use]
    mentions: list[_Mention]
    skipped: int = 0


_Q_DOCS = """
SELECT ?d ?title ?year ?kind ?level ?publisher ?number ?source ?subtitle ?date ?place ?code ?issuer WHERE {
  ?d a hw:Document .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d hw:year ?year }
  OPTIONAL { ?d hw:docKind ?kind }
  OPTIONAL { ?d hw:adminLevel ?level }
  OPTIONAL { ?d dcterms:publisher ?publisher }
  OPTIONAL { ?d hw:docNumber ?number }
  OPTIONAL { ?d hw:sourceFile/dcterms:identifier ?source }
  OPTIONAL { ?d hw:subtitle ?subtitle }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d hw:place ?p . ?p rdfs:label ?place . OPTIONAL { ?p hw:adminCode ?code } }
  OPTIONAL { ?by hw:issues ?d ; dcterms:title ?issuer }
}"""

_Q_SECS = """
SELECT ?s ?doc ?parent ?marker ?title ?style ?depth ?order WHERE {
  ?s a hw:Section .
  OPTIONAL { ?s hw:inDocument ?doc }
  OPTIONAL { ?s hw:parent ?parent }
  OPTIONAL { ?s hw:marker ?marker }
  OPTIONAL { ?s dcterms:title ?title }
  OPTIONAL { ?s hw:numberingStyle ?style }
  OPTIONAL { ?s hw:depth ?depth }
  OPTIONAL { ?s hw:order ?order }
}"""

_Q_SPANS = """
SELECT ?x ?start ?end ?exact ?source WHERE {
  ?x hw:span ?sp .
  OPTIONAL { ?sp oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end }
  OPTIONAL { ?sp oa:hasSelector ?qs . ?qs oa:exact ?exact }
  OPTIONAL { ?sp oa:hasSource/dcterms:identifier ?source }
}"""

_Q_PROGS = """
SELECT ?p ?label ?alt ?kind ?stated WHERE {
  { ?p a hw:Program } UNION { [] hw:program ?p } UNION { [] hw:mentionOf ?p }
  OPTIONAL { ?p skos:prefLabel ?label }
  OPTIONAL { ?p rdfs:label ?alt }
  OPTIONAL { ?p hw:programKind ?kind }
  OPTIONAL { ?p hw:statedCount ?stated }
}"""

_Q_USES = """
SELECT ?u ?p ?doc ?label ?stated ?ok ?from WHERE {
  ?u hw:program ?p .
  OPTIONAL { ?u hw:inDocument ?doc }
  OPTIONAL { ?u rdfs:label ?label }
  OPTIONAL { ?u hw:statedCount ?stated }
  OPTIONAL { ?u hw:countOk ?ok }
  OPTIONAL { ?u hw:membersFrom ?from }
}"""

_Q_MEMBERS = """
SELECT ?u ?m ?label ?position ?source ?mp WHERE {
  ?u hw:member ?m .
  OPTIONAL { ?m rdfs:label ?label }
  OPTIONAL { ?m hw:position ?position }
  OPTIONAL { ?m hw:memberSource ?source }
  OPTIONAL { ?m hw:memberProgram ?mp }
}"""

_Q_MENTIONS = """
SELECT ?x ?p ?doc ?sec WHERE {
  ?x hw:mentionOf ?p .
  OPTIONAL { ?x hw:inDocument ?doc }
  OPTIONAL { ?x hw:inSection ?sec }
}"""

_Q_COUNT_MEMBERS = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a hw:Member }"


def _value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        text = term.value
        if dt in {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}:
            try:
                return int(text)
            except ValueError:
                return text
        if dt == "boolean":
            return text in {"true", "1"}
        return text
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def _select(store: ox.Store, query: str) -> Iterator[dict[str, object]]:
    solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    for solution in solutions:  # type: ignore[union-attr]
        yield {name: _value(solution[name]) for name in names}


def _first_by(rows: Iterable[dict[str, object]], key: str) -> dict[str, dict[str, object]]:
    """One row per ``key``: for each column the smallest value seen, so repeats cannot reorder output."""
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        k = row[key]
        if k is None:
            continue
        seen = out.setdefault(str(k), {})
        for col, val in row.items():
            if val is None:
                continue
            old = seen.get(col)
            if old is None or (type(old) is type(val) and val < old):  # type: ignore[operator]
                seen[col] = val
    return out


def _open_store(graph: ox.Store | rdflib.Graph | str | Path) -> ox.Store:
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, rdflib.Graph):
        store = ox.Store()
        data = graph.serialize(format="nquads" if _is_dataset(graph) else "nt", encoding="utf-8")
        fmt = ox.RdfFormat.N_QUADS if _is_dataset(graph) else ox.RdfFormat.N_TRIPLES
        store.load(input=data, format=fmt)
        return store
    path = Path(graph)
    if not path.exists():
        raise NotFoundError(path, "no such graph file", "run `hwgraph build` first or pass the graph's path")
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as e:
            raise GraphError(f"{path}: not a graph store ({e}); pass a .ttl/.trig/.nq file instead") from e
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower() or "ttl")
    if fmt is None:
        raise GraphError(f"{path}: unknown RDF format {path.suffix!r}; use .ttl, .trig, .nt, .nq or .jsonld")
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"{path}: cannot read as {fmt}: {e}; check the file or rebuild it") from e
    return store


def _is_dataset(graph: rdflib.Graph) -> bool:
    return isinstance(graph, rdflib.Dataset | rdflib.ConjunctiveGraph)


def _span(row: Mapping[str, object] | None) -> _Span | None:
    if not row:
        return None
    start, end, exact = row.get("start"), row.get("end"), row.get("exact")
    return _Span(
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
        str(exact) if exact is not None else None,
        _str(row.get("source")),
    )


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def _int(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _read_model(store: ox.Store) -> _Model:
    spans = _first_by(_select(store, _Q_SPANS), "x")
    docs = {
        iri: _Doc(
            iri,
            _str(r.get("title")) or _tail(iri),
            _int(r.get("year")),
            _str(r.get("kind")),
            _str(r.get("level")),
            _str(r.get("publisher")),
            _str(r.get("number")),
            _str(r.get("source")),
            _str(r.get("subtitle")),
            _str(r.get("date")),
            " ".join(x for x in (_str(r.get("place")), _str(r.get("code"))) if x) or None,
            _str(r.get("issuer")),
        )
        for iri, r in _first_by(_select(store, _Q_DOCS), "d").items()
    }
    raw_secs = _first_by(_select(store, _Q_SECS), "s")
    secs: dict[str, _Sec] = {}
    skipped = 0
    for iri, r in raw_secs.items():
        doc = _section_doc(iri, raw_secs, docs)
        parent = _str(r.get("parent"))
        if doc is None:
            skipped += 1
            continue
        if parent not in raw_secs and parent != doc:
            parent = doc
        secs[iri] = _Sec(
            iri,
            doc,
            parent,  # type: ignore[arg-type]
            _str(r.get("marker")) or "",
            _str(r.get("title")) or "",
            _int(r.get("depth")) or 1,
            (_int(r.get("order")) or 0, iri),
            _str(r.get("style")),
            _span(spans.get(iri)),
        )
    for sec in sorted(secs.values(), key=lambda s: s.order):
        if sec.parent in secs:
            secs[sec.parent].children.append(sec.iri)
    progs = {
        iri: _Prog(
            iri,
            _str(r.get("label")) or _str(r.get("alt")) or _tail(iri),
            _str(r.get("kind")),
            _int(r.get("stated")),
        )
        for iri, r in _first_by(_select(store, _Q_PROGS), "p").items()
    }
    uses = {
        iri: _Use(
            iri,
            str(r["p"]),
            _str(r.get("doc")) if r.get("doc") in docs else None,
            _str(r.get("label")),
            _int(r.get("stated")),
            r.get("ok") if isinstance(r.get("ok"), bool) else None,  # type: ignore[arg-type]
            _str(r.get("from")),
        )
        for iri, r in _first_by(_select(store, _Q_USES), "u").items()
    }
    for iri, r in _first_by(_select(store, _Q_MEMBERS), "m").items():
        use = uses.get(str(r["u"]))
        if use is None:
            skipped += 1
            continue
        mp = _str(r.get("mp"))
        use.members.append(
            _Mem(
                iri,
                use.iri,
                _str(r.get("label")) or _tail(iri),
                _int(r.get("position")),
                _str(r.get("source")),
                mp if mp in progs else None,
                _span(spans.get(iri)),
            )
        )
    for use in uses.values():
        use.members.sort(key=lambda m: (m.position if m.position is not None else 1 << 30, m.iri))
    mentions = []
    for iri, r in sorted(_first_by(_select(store, _Q_MENTIONS), "x").items()):
        sec = _str(r.get("sec"))
        sec = sec if sec in secs else None
        doc = secs[sec].doc if sec else _str(r.get("doc"))
        mentions.append(_Mention(iri, str(r["p"]), doc if doc in docs else None, sec, _span(spans.get(iri))))
    attached = sum(len(u.members) for u in uses.values())
    for row in _select(store, _Q_COUNT_MEMBERS):
        skipped += max(0, (_int(row["n"]) or 0) - attached)
    return _Model(docs, secs, progs, uses, mentions, skipped)


def _section_doc(iri: str, raw: Mapping[str, Mapping[str, object]], docs: Mapping[str, _Doc]) -> str | None:
    """The section's document: its hw:inDocument, else the document its hw:parent chain ends at."""
    seen = set()
    cur: str | None = iri
    while cur is not None and cur not in seen:
        seen.add(cur)
        row = raw.get(cur)
        if row is None:
            return cur if cur in docs else None
        doc = row.get("doc")
        if doc in docs:
            return str(doc)
        cur = _str(row.get("parent"))
    return None


class _Sources:
    """The text around a quoted span, read from the source file the graph names, when that file
    is at hand and still holds the quoted text at the recorded offsets (else nothing is shown)."""

    def __init__(self, bases: Iterable[Path], width: int = 40) -> None:
        self.bases = list(bases)
        self.width = width
        self.texts: dict[str, str | None] = {}

    def _text(self, identifier: str) -> str | None:
        if identifier not in self.texts:
            from hwgraph.reading import read_source

            self.texts[identifier] = None
            for base in self.bases:
                path = base / identifier
                if path.is_file():
                    try:
                        self.texts[identifier] = read_source(path).text
                    except (HwgraphError, OSError):
                        continue
                    break
        return self.texts[identifier]

    def around(self, span: _Span | None) -> tuple[str, str] | None:
        """``(before, after)``: up to ``width`` characters either side, within the paragraph."""
        if span is None or span.source is None or span.start is None or span.end is None:
            return None
        text = self._text(span.source)
        if text is None or span.exact is None or text[span.start : span.end] != span.exact:
            return None
        before = text[max(0, span.start - self.width) : span.start].rsplit("\n", 1)[-1]
        after = text[span.end : span.end + self.width].split("\n", 1)[0]
        return before, after


# ---- one view as a networkx graph with positions -------------------------------------------------


def _short(text: str, n: int = _LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _sec_text(sec: _Sec) -> str:
    return f"{sec.marker}{sec.title}".strip() or "（无标题）"


class _ViewBuilder:
    """Turns the model into a networkx DiGraph whose nodes carry vis-network attributes."""

    def __init__(self, model: _Model, view: str, doc: str | None, sources: _Sources) -> None:
        self.m = model
        self.sources = sources
        self.view = view
        self.g = nx.DiGraph()
        self.ids: dict[str, str] = {}
        doc_order = sorted(model.docs.values(), key=lambda d: (d.title, d.iri))
        self.docs = [d for d in doc_order if doc is None or d.iri == doc]
        self.doc_set = {d.iri for d in self.docs}
        self.uses = sorted(
            (u for u in model.uses.values() if u.doc in self.doc_set or (doc is None and u.doc is None)),
            key=lambda u: (u.doc or "", u.program, u.iri),
        )
        self.mentions = [
            x for x in model.mentions if x.doc in self.doc_set or (doc is None and x.doc is None)
        ]
        prog_iris = {u.program for u in self.uses} | {x.program for x in self.mentions}
        if doc is None:
            prog_iris |= set(model.progs)
        for use in self.uses:
            prog_iris |= {mem.program for mem in use.members if mem.program}
        self.progs = sorted(
            (model.progs[p] for p in prog_iris if p in model.progs), key=lambda p: (p.label, p.iri)
        )
        self._assign_ids()

    def _assign_ids(self) -> None:
        for prefix, iris in (
            ("d", [d.iri for d in self.docs]),
            ("s", [s for d in self.docs for s in self._preorder(d.iri)]),
            ("p", [p.iri for p in self.progs]),
            ("m", [m.iri for u in self.uses for m in u.members]),
        ):
            for iri in iris:
                self.ids.setdefault(iri, f"{prefix}{len(self.ids)}")

    def _preorder(self, doc: str) -> list[str]:
        roots = sorted((s for s in self.m.secs.values() if s.parent == doc), key=lambda s: s.order)
        out: list[str] = []
        stack = [s.iri for s in reversed(roots)]
        while stack:
            iri = stack.pop()
            out.append(iri)
            stack.extend(reversed(self.m.secs[iri].children))
        return out

    # -- building

    def build(self) -> nx.DiGraph:
        self.home = self._program_homes()
        for doc in self.docs:
            self._add_doc(doc)
        if self.view != "programs":
            for doc in self.docs:
                for iri in self._preorder(doc.iri):
                    self._add_section(self.m.secs[iri])
        for prog in self.progs:
            self._add_program(prog)
        for use in self.uses:
            for mem in use.members:
                self._add_member(mem, use)
        self._add_program_edges()
        if self.view == "programs":
            self._layout_programs_view()
        else:
            self._layout_outlines()
        return self.g

    def _node(
        self, iri: str, cls: str, label: str, full: str, title: str, docs: Iterable[str], **extra
    ) -> None:
        nid = self.ids[iri]
        self.g.add_node(
            nid,
            iri=iri,
            cls=cls,
            label=label,
            full=full,
            title=title,
            d=sorted({self.ids[d] for d in docs if d in self.ids}, key=_id_key),
            **extra,
        )

    def _add_doc(self, doc: _Doc) -> None:
        meta = " · ".join(str(v) for v in (doc.year, doc.publisher, doc.kind) if v)
        n_secs = sum(1 for s in self.m.secs.values() if s.doc == doc.iri)
        self._node(
            doc.iri,
            "doc",
            _wrap(doc.title, 14, 3),
            doc.title,
            f"{_CLASSES['doc']}\n{doc.title}\n{meta}".strip(),
            [doc.iri],
            group="doc",
            details={
                "cls": "doc",
                "heading": doc.title,
                "rows": _rows(
                    ("副标题", doc.subtitle),
                    ("年份", doc.year),
                    ("日期", doc.date),
                    ("类型", f"{_KIND_ZH.get(doc.kind, doc.kind)} ({doc.kind})" if doc.kind else None),
                    ("层级", doc.level),
                    ("发文地", doc.place),
                    ("发文机关", doc.publisher),
                    ("文号", doc.number),
                    ("印发者", doc.issued_by),
                    ("来源文件", doc.source),
                    ("章节数", n_secs),
                ),
            },
        )

    def _add_section(self, sec: _Sec) -> None:
        doc = self.m.docs[sec.doc]
        text = _sec_text(sec)
        path = []
        cur = self.m.secs.get(sec.parent)
        while cur is not None:
            path.append(_sec_text(cur))
            cur = self.m.secs.get(cur.parent)
        quotes = []
        if sec.span and (sec.span.exact or sec.span.start is not None):
            quotes.append(self._quote(sec.span, doc.title, None))
        self._node(
            sec.iri,
            "sec",
            _short(text),
            text,
            f"{_CLASSES['sec']}\n{text}\n《{doc.title}》",
            [sec.doc],
            group=f"sec{min(sec.depth, 3)}",
            details={
                "cls": "sec",
                "heading": text,
                "rows": _rows(
                    ("文件", doc.title),
                    ("位置", " › ".join(reversed(path)) or None),
                    ("层级", sec.depth),
                    ("编号样式", sec.style),
                ),
                "quotes": quotes,
            },
        )
        parent = self.ids.get(sec.parent)
        if parent is not None:
            self.g.add_edge(parent, self.ids[sec.iri], kind="outline")

    def _add_program(self, prog: _Prog) -> None:
        uses = [u for u in self.uses if u.program == prog.iri]
        mentions = sorted(
            (x for x in self.mentions if x.program == prog.iri),
            key=lambda x: (
                self._doc_rank(x.doc),
                x.span.start if x.span and x.span.start is not None else 0,
                x.iri,
            ),
        )
        docs = {u.doc for u in uses if u.doc} | {x.doc for x in mentions if x.doc}
        bad = any(u.ok is False for u in uses)
        lists = []
        for use in uses:
            dtitle = self.m.docs[use.doc].title if use.doc else "（未知文件）"
            lists.append(
                {
                    "title": f"《{dtitle}》"
                    + (f" · {use.label}" if use.label and use.label != prog.label else ""),
                    "check": _count_check(use.stated, len(use.members), use.ok) + _SOURCE_NOTE.get(use.members_from, ""),
                    "items": [
                        [f"{m.position or i}. {m.label}", self.ids.get(m.iri)]
                        for i, m in enumerate(use.members, 1)
                    ],
                }
            )
        quotes = [
            self._quote(
                x.span or _Span(),
                self.m.docs[x.doc].title if x.doc else "",
                self._sec_label(x.section),
                self.ids.get(x.section or ""),
            )
            for x in mentions[:20]
        ]
        self._node(
            prog.iri,
            "prog",
            _short(prog.label, 14),
            prog.label,
            f"{_CLASSES['prog']}\n{prog.label}\n{len(mentions)} 处提及 · {len(docs)} 份文件",
            docs,
            group="progBad" if bad else "prog",
            h=self.ids.get(self.home.get(prog.iri, "")),
            details={
                "cls": "prog",
                "heading": prog.label,
                "rows": _rows(
                    ("类型", prog.kind),
                    ("所述数量", prog.stated),
                    ("提及", f"{len(mentions)} 处，{len(docs)} 份文件"),
                ),
                "quotes": quotes,
                "more": max(0, len(mentions) - len(quotes)),
                "lists": lists,
            },
        )

    def _add_member(self, mem: _Mem, use: _Use) -> None:
        prog = self.m.progs.get(use.program)
        plabel = prog.label if prog else _tail(use.program)
        dtitle = self.m.docs[use.doc].title if use.doc else ""
        quotes = [self._quote(mem.span, dtitle, None)] if mem.span else []
        self._node(
            mem.iri,
            "mem",
            _short(mem.label, 14),
            mem.label,
            f"{_CLASSES['mem']}\n{mem.label}\n{plabel} 第 {mem.position} 项",
            [use.doc] if use.doc else [],
            group="mem",
            pr=self.ids.get(use.program),
            details={
                "cls": "mem",
                "heading": mem.label,
                "rows": _rows(
                    ("所属提法", plabel),
                    ("序号", mem.position),
                    ("文件", dtitle or None),
                    ("来源", mem.source),
                    ("本身也是提法", self.m.progs[mem.program].label if mem.program else None),
                ),
                "quotes": quotes,
                "links": [[plabel, self.ids.get(use.program)]],
            },
        )
        if use.program in self.ids:
            self.g.add_edge(self.ids[use.program], self.ids[mem.iri], kind="member")
        if mem.program and mem.program in self.ids:
            far = self.home.get(mem.program) != use.doc
            self.g.add_edge(self.ids[mem.iri], self.ids[mem.program], kind="memberProgram", far=far)

    def _add_program_edges(self) -> None:
        mentioned: Counter[tuple[str, str]] = Counter()
        mentioned_docs = set()
        far = set()
        for x in self.mentions:
            if x.section and self.view != "programs" and x.section in self.ids and x.program in self.ids:
                pair = (self.ids[x.section], self.ids[x.program])
                mentioned[pair] += 1
                mentioned_docs.add((x.doc, x.program))
                if self.home.get(x.program) != x.doc:
                    far.add(pair)
        for (sec, prog), n in sorted(
            mentioned.items(), key=lambda kv: (_id_key(kv[0][0]), _id_key(kv[0][1]))
        ):
            title = f"提及 {n} 次" if n > 1 else "提及"
            self.g.add_edge(sec, prog, kind="mention", title=title, far=(sec, prog) in far)
        pairs = {(u.doc, u.program) for u in self.uses if u.doc} | {
            (x.doc, x.program) for x in self.mentions if x.doc
        }
        for doc, prog in sorted(pairs):
            if doc in self.ids and prog in self.ids and not self.g.has_edge(self.ids[doc], self.ids[prog]):
                # With the outline drawn, the mention edges already say where a program is used;
                # this edge is then only drawn while the document is collapsed.
                collapsed_only = (doc, prog) in mentioned_docs
                self.g.add_edge(self.ids[doc], self.ids[prog], kind="uses", agg=collapsed_only)

    def _quote(
        self, span: _Span, doc_title: str, section: str | None, section_id: str | None = None
    ) -> dict[str, object]:
        where = [f"《{doc_title}》"] if doc_title else []
        if section:
            where.append(f"§ {section}")
        if span.start is not None:
            where.append(f"字符 {span.start}–{span.end}")
        quote: dict[str, object] = {"text": span.exact or "", "where": " ".join(where), "node": section_id}
        around = self.sources.around(span)
        if around is not None:
            quote["before"], quote["after"] = around
        return quote

    def _doc_rank(self, doc: str | None) -> int:
        for i, d in enumerate(self.docs):
            if d.iri == doc:
                return i
        return len(self.docs)

    def _sec_label(self, sec: str | None) -> str | None:
        return _sec_text(self.m.secs[sec]) if sec else None

    # -- layout

    def _layout_outlines(self) -> None:
        home = self.home
        blocks = []
        for doc in self.docs:
            pos: dict[str, tuple[float, float]] = {}
            width = self._layout_tree(doc.iri, 0.0, pos)
            lane = [p for p in self.progs if home.get(p.iri) == doc.iri]
            if lane:
                self._place_lane(lane, width + _LANE_GAP, pos, desired_from=pos[self.ids[doc.iri]][1])
            blocks.append(pos)
        orphans = [p for p in self.progs if home.get(p.iri) is None]
        if orphans:
            pos = {}
            self._place_lane(orphans, 0.0, pos, desired_from=0.0)
            blocks.append(pos)
        self._apply(_pack(blocks))

    def _layout_tree(self, doc: str, x0: float, pos: dict[str, tuple[float, float]]) -> float:
        """Left-to-right tidy tree: each leaf its own row, a parent centred on its children."""
        roots = [
            s.iri for s in sorted((s for s in self.m.secs.values() if s.parent == doc), key=lambda s: s.order)
        ]
        next_row = 0
        max_depth = 0
        # Iterative post-order, so a deep or wide outline cannot hit the recursion limit.
        stack: list[tuple[str, int, bool]] = [(r, 1, False) for r in reversed(roots)]
        while stack:
            iri, depth, done = stack.pop()
            kids = self.m.secs[iri].children
            max_depth = max(max_depth, depth)
            if not kids:
                pos[self.ids[iri]] = (x0 + depth * _COL, next_row * _ROW)
                next_row += 1
            elif done:
                ys = [pos[self.ids[k]][1] for k in kids]
                pos[self.ids[iri]] = (x0 + depth * _COL, (ys[0] + ys[-1]) / 2)
            else:
                stack.append((iri, depth, True))
                stack.extend((k, depth + 1, False) for k in reversed(kids))
        ys = [pos[self.ids[r]][1] for r in roots]
        pos[self.ids[doc]] = (x0, (ys[0] + ys[-1]) / 2 if ys else 0.0)
        return (max_depth + 1) * _COL

    def _program_homes(self) -> dict[str, str]:
        """Each program's home document: the one that mentions it most, else the first that uses it."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for x in self.mentions:
            if x.doc:
                votes[x.program][x.doc] += 1
        for u in self.uses:
            if u.doc and u.program not in votes:
                votes[u.program][u.doc] += 0
        # A program known only as another program's member lives next to that member.
        for u in self.uses:
            for mem in u.members:
                if u.doc and mem.program and mem.program not in votes:
                    votes[mem.program][u.doc] += 0
        rank = {d.iri: i for i, d in enumerate(self.docs)}
        return {p: min(c, key=lambda d: (-c[d], rank.get(d, 1 << 30))) for p, c in votes.items() if c}

    def _place_lane(
        self, progs: list[_Prog], x: float, pos: dict[str, tuple[float, float]], desired_from: float
    ) -> None:
        """Stack program blocks (a program and its members) down a lane at ``x``, each as near as
        it can get to the mean height of the sections that mention it, without overlapping."""
        blocks = []
        for prog in progs:
            pid = self.ids[prog.iri]
            ys = [
                pos[src][1]
                for src, _ in self.g.in_edges(pid)
                if self.g.nodes[src]["cls"] == "sec" and src in pos
            ]
            members = [v for _, v in self.g.out_edges(pid) if self.g.edges[pid, v]["kind"] == "member"]
            members = [v for v in members if v not in pos]
            want = sum(ys) / len(ys) if ys else desired_from
            height = max(_ROW, len(members) * _MEM_ROW)
            blocks.append((want, pid, members, height))
        blocks.sort(key=lambda b: (b[0], _id_key(b[1])))
        tops = _spread(
            [want - height / 2 for want, _, _, height in blocks], [b[3] + _BLOCK_GAP for b in blocks]
        )
        for top, (_, pid, members, height) in zip(tops, blocks, strict=True):
            for i, mid in enumerate(members):
                pos[mid] = (x + _MEM_DX, top + i * _MEM_ROW)
            pos[pid] = (x, top + (len(members) - 1) * _MEM_ROW / 2 if members else top + height / 2)

    def _layout_programs_view(self) -> None:
        home = self.home
        blocks = []
        for doc in [*self.docs, None]:
            lane = [p for p in self.progs if home.get(p.iri) == (doc.iri if doc else None)]
            pos: dict[str, tuple[float, float]] = {}
            if lane:
                self._place_lane(lane, 1.5 * _COL if doc else 0.0, pos, desired_from=0.0)
            if doc is not None:
                ys = [y for _, y in pos.values()]
                pos[self.ids[doc.iri]] = (0.0, (min(ys) + max(ys)) / 2 if ys else 0.0)
            blocks.append(pos)
        self._apply(_pack(blocks))

    def add_overview_positions(self) -> None:
        """Second positions ``ax``/``ay`` for documents and programs, used while a large page shows
        only those: each document beside a compact grid of the programs it mentions most."""
        blocks = []
        for doc in [*self.docs, None]:
            lane = [self.ids[p.iri] for p in self.progs if self.home.get(p.iri) == (doc.iri if doc else None)]
            rows = max(8, math.ceil(math.sqrt(len(lane) * 3)))
            pos = {pid: (1.2 * _COL + (i // rows) * _COL, (i % rows) * _ROW) for i, pid in enumerate(lane)}
            if doc is not None:
                pos[self.ids[doc.iri]] = (0.0, (min(rows, len(lane)) - 1) * _ROW / 2 if lane else 0.0)
            blocks.append(pos)
        for nid, (x, y) in _pack(blocks).items():
            self.g.nodes[nid]["ax"], self.g.nodes[nid]["ay"] = round(x), round(y)

    def _apply(self, pos: Mapping[str, tuple[float, float]]) -> None:
        for nid, data in self.g.nodes(data=True):
            x, y = pos.get(nid, (0.0, 0.0))
            data["x"], data["y"] = round(x), round(y)


def _spread(wanted: list[float], sizes: list[float]) -> list[float]:
    """Starts for intervals of ``sizes``, in order and without overlap, as close as possible (least
    squares) to ``wanted``: pool-adjacent-violators on the starts minus the room taken before them.
    A crowded run is centred on where it wants to be instead of spilling only downwards."""
    if not wanted:
        return []
    offsets = [0.0]
    for size in sizes[:-1]:
        offsets.append(offsets[-1] + size)
    pools: list[list[float]] = []  # [sum of targets, count]
    for want, off in zip(wanted, offsets, strict=True):
        pools.append([want - off, 1])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    starts = []
    for total, count in pools:
        starts.extend([total / count] * int(count))
    return [start + off for start, off in zip(starts, offsets, strict=True)]


def _pack(
    blocks: list[dict[str, tuple[float, float]]], aspect: float = 1.6
) -> dict[str, tuple[float, float]]:
    """Shelf-pack each document's block left to right, wrapping rows so that the whole drawing
    has roughly the screen's aspect and fits at a zoom where the outline is still legible."""
    boxes = []
    for pos in blocks:
        if not pos:
            continue
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + _COL, max(ys) - min(ys) + _ROW))
    if not boxes:
        return {}
    area = sum((w + _DOC_GAP) * (h + _DOC_GAP) for *_, w, h in boxes)
    shelf_width = max(max(b[3] for b in boxes), math.sqrt(area * aspect))
    out: dict[str, tuple[float, float]] = {}
    x = y = shelf_height = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > shelf_width:
            x, y, shelf_height = 0.0, y + shelf_height + _DOC_GAP, 0.0
        for nid, (px, py) in pos.items():
            out[nid] = (px - x0 + x, py - y0 + y)
        x += w + _DOC_GAP
        shelf_height = max(shelf_height, h)
    return out


def _id_key(nid: str) -> int:
    return int(nid[1:])


def _wrap(text: str, width: int, lines: int) -> str:
    """At most ``lines`` lines of about equal length, none longer than ``width``; … if cut."""
    text = " ".join(text.split())
    step = max(1, min(width, math.ceil(len(text) / min(lines, math.ceil(len(text) / width) or 1))))
    parts = [text[i : i + step] for i in range(0, len(text), step)][:lines]
    if len(text) > width * lines:
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


def _rows(*pairs: tuple[str, object]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v is not None and v != ""]


# Lexicon members are never mixed with members read from the text: the panel says which it shows.
_SOURCE_NOTE = {"text": " · 成员见原文 (from the text)", "lexicon": " · 成员来自词表 (from the lexicon)"}


def _count_check(stated: int | None, listed: int, ok: bool | None) -> str:
    if stated is None and not listed:
        return "未列出成员"
    mark = {True: " ✓", False: " ✗ 数量不符"}.get(ok, "") if ok is not None else ""
    if ok is None and stated is not None and listed:
        mark = " ✓" if stated == listed else " ✗ 数量不符"
    said = f"文中称 {stated} 项" if stated is not None else "文中未称数量"
    return f"{said} · 列出 {listed} 项{mark}"


# ---- writing HTML --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlReport:
    """What ``write_html`` drew: where, which view, and how many of each kind of node."""

    path: Path
    view: str
    nodes: int
    edges: int
    by_class: Mapping[str, int]
    aggregated: bool
    initially_drawn: int
    bytes: int
    skipped: int = 0

    def summary(self) -> str:
        """One line for humans: ``wrote PATH: N nodes (…), M edges, view V``."""
        parts = ", ".join(
            f"{self.by_class.get(k, 0)} {name.split()[1].lower()}s" for k, name in _CLASSES.items()
        )
        agg = f"; opens aggregated ({self.initially_drawn} drawn, expand on click)" if self.aggregated else ""
        skip = f"; {self.skipped} unattached nodes left out" if self.skipped else ""
        return f"wrote {self.path}: {self.nodes} nodes ({parts}), {self.edges} edges, view {self.view}{agg}{skip}"


def _json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _csp(*scripts: str) -> str:
    """A Content-Security-Policy that lets only our own two scripts run and loads nothing from
    anywhere: even text that slipped past escaping could neither execute nor call out."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:"


def _asset(name: str) -> str:
    # Beside this file rather than importlib.resources, which fails on namespace-style editable installs.
    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    # The HTML parser turns CR and CRLF into LF; do it first so the CSP hash matches what runs.
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    # Open devtools would fetch the missing source map: a request, and an error in the console.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)


def _resolve_document(model: _Model, document: str | None) -> str:
    titles = sorted(model.docs.values(), key=lambda d: (d.title, d.iri))
    if document is None:
        if len(titles) == 1:
            return titles[0].iri
        raise GraphError(
            f"the document view needs --document: the graph has {len(titles)} documents"
            f" (e.g. {', '.join(repr(d.title) for d in titles[:3])})"
        )
    for match in (
        lambda d: d.iri == document or d.title == document,
        lambda d: document in d.title,
    ):
        found = [d for d in titles if match(d)]
        if len(found) == 1:
            return found[0].iri
        if len(found) > 1:
            raise GraphError(
                f"--document {document!r} matches {len(found)} documents"
                f" ({', '.join(repr(d.title) for d in found[:3])}); give more of the title"
            )
    raise GraphError(
        f"no document titled {document!r} in the graph; titles start with:"
        f" {', '.join(repr(d.title[:20]) for d in titles[:5])}"
    )


def _page_data(
    g: nx.DiGraph, view: str, title: str, docs: list[_Doc], ids: Mapping[str, str], agg: bool
) -> dict:
    nodes = []
    details = {}
    for nid in sorted(g.nodes, key=lambda n: _id_key(n)):
        a = g.nodes[nid]
        node = {
            "id": nid,
            "label": a["label"],
            "group": a["group"],
            "x": a["x"],
            "y": a["y"],
            "title": a["title"],
            "cls": a["cls"],
            "full": a["full"],
            "d": a["d"],
        }
        for key in ("pr", "h", "ax", "ay"):
            if a.get(key) is not None:
                node[key] = a[key]
        nodes.append(node)
        details[nid] = a["details"]
    edges = []
    for i, (u, v, a) in enumerate(sorted(g.edges(data=True), key=lambda e: (_id_key(e[0]), _id_key(e[1])))):
        edge = {"id": i, "from": u, "to": v, "kind": a["kind"]}
        if a.get("title"):
            edge["title"] = a["title"]
        if a.get("agg"):
            edge["agg"] = 1
        if a.get("far"):
            edge["far"] = 1
        edges.append(edge)
    return {
        "view": view,
        "title": title,
        "aggregated": agg,
        "smooth": g.number_of_nodes() <= _SMOOTH_LIMIT,
        "classes": [{"id": k, "name": v} for k, v in _CLASSES.items()],
        "docs": [{"id": ids[d.iri], "title": d.title} for d in docs],
        "nodes": nodes,
        "edges": edges,
        "details": details,
    }


def write_html(
    graph: ox.Store | rdflib.Graph | str | Path,
    out_path: str | Path,
    view: str = "corpus",
    document: str | None = None,
    max_nodes: int = MAX_NODES,
) -> HtmlReport:
    """Write one self-contained HTML page that draws ``graph`` and return what it drew.

    ``graph`` is a pyoxigraph store already in memory, an rdflib graph, an RDF file (.ttl, .trig, .nt, .nq, .jsonld) or a pyoxigraph
    store folder. ``view`` is ``corpus`` (every outline with its programs), ``document`` (one
    outline; ``document`` is its title, part of it, or its IRI) or ``programs`` (documents,
    programs and members, no outline). The page needs no network: vis-network, styles and data
    are inline. It is written atomically as UTF-8, and nothing else is written.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    model = _read_model(_open_store(graph))
    doc_iri = None
    if view == "document" or document is not None:
        doc_iri = _resolve_document(model, document)
    bases = [Path.cwd()]
    if isinstance(graph, (str, Path)):
        bases += [Path(graph).resolve().parent, Path(graph).resolve().parent.parent]
    builder = _ViewBuilder(model, view, doc_iri, _Sources(dict.fromkeys(bases)))
    g = builder.build()
    agg = g.number_of_nodes() > max_nodes
    if agg:
        builder.add_overview_positions()
    if view == "document" and doc_iri:
        title = f"hwgraph · {model.docs[doc_iri].title}"
    else:
        title = f"hwgraph · {len(builder.docs)} 份文件 · {view}"
    data = _page_data(g, view, title, builder.docs, builder.ids, agg)
    by_class = Counter(a["cls"] for _, a in g.nodes(data=True))
    drawn = by_class["doc"] + by_class["prog"] if agg else g.number_of_nodes()
    vis_js = _vis_js()
    app_js = _asset("html_app.js")
    parts = {
        "CSP": _csp(vis_js, app_js),
        "TITLE": _escape_html(title),
        "VIS_JS": vis_js,
        "APP_CSS": _asset("html_app.css"),
        "APP_JS": app_js,
        "DATA": _json_for_script(data),
    }
    # One pass: text substituted in is never scanned for placeholders again.
    page = re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], _asset("html_page.html"))
    out = Path(out_path)
    write_text_atomic(out, page)
    return HtmlReport(
        path=out,
        view=view,
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        by_class=dict(sorted(by_class.items())),
        aggregated=agg,
        initially_drawn=drawn,
        bytes=len(page.encode("utf-8")),
        skipped=model.skipped,
    )
