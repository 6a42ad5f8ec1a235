"""The part of the graph the page draws, read once with SPARQL into small records.

Documents, sections (with their children in order), programs, program uses with their members,
and mentions; the entities (_model_entities.py) in ``Model.entities``. Anything the page cannot
attach is counted in ``Model.skipped`` rather than drawn loose: a section whose document is
unknown, a member of no known use. Values that repeat for one node (two titles, two orders)
resolve to the smallest, so the output never depends on store order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from hwgraph.views._store import first_by, select

if TYPE_CHECKING:
    from hwgraph.views._model_entities import Entities


@dataclass
class Doc:
    """A document: its title and the metadata its details panel lists."""

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


@dataclass
class Span:
    """A quoted source span: offsets into the decoded file, the exact text, the file."""

    start: int | None = None
    end: int | None = None
    exact: str | None = None
    source: str | None = None


@dataclass
class Sec:
    """A section of an outline; ``order`` sorts siblings, ``children`` are in that order."""

    iri: str
    doc: str
    parent: str
    marker: str
    title: str
    depth: int
    order: tuple
    style: str | None = None
    span: Span | None = None
    children: list[str] = field(default_factory=list)


@dataclass
class Prog:
    """A program concept, shared by the documents that use it."""

    iri: str
    label: str
    kind: str | None = None
    stated: int | None = None


@dataclass
class Mem:
    """One member of a program use, in order."""

    iri: str
    use: str
    label: str
    position: int | None = None
    source: str | None = None
    program: str | None = None
    span: Span | None = None


@dataclass
class Use:
    """A program as one document uses it: the stated count, the check and the members."""

    iri: str
    program: str
    doc: str | None
    label: str | None = None
    stated: int | None = None
    ok: bool | None = None
    members_from: str | None = None
    members: list[Mem] = field(default_factory=list)


@dataclass
class Mention:
    """One occurrence of a program name, in a section when the graph says which."""

    iri: str
    program: str
    doc: str | None
    section: str | None
    span: Span | None = None


@dataclass
class Model:
    """Everything the page can draw, by IRI; ``skipped`` counts what it could not attach."""

    docs: dict[str, Doc]
    secs: dict[str, Sec]
    progs: dict[str, Prog]
    uses: dict[str, Use]
    mentions: list[Mention]
    skipped: int = 0
    entities: Entities | None = None  # cited policies, targets, organizations, responsibilities


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
  { SELECT DISTINCT ?p WHERE { { ?p a hw:Program } UNION { [] hw:program ?p } UNION { [] hw:mentionOf ?p } } }
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


def _span(row: Mapping[str, object] | None) -> Span | None:
    if not row:
        return None
    start, end, exact = row.get("start"), row.get("end"), row.get("exact")
    return Span(
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
        str(exact) if exact is not None else None,
        _str(row.get("source")),
    )


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def _int(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def read_model(store: ox.Store) -> Model:
    """The records of every document, section, program, use, member, mention and entity in ``store``."""
    from hwgraph.views._model_entities import read_entities

    spans = first_by(select(store, _Q_SPANS), "x")
    docs = {
        iri: Doc(
            iri,
            _str(r.get("title")) or tail(iri),
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
        for iri, r in first_by(select(store, _Q_DOCS), "d").items()
    }
    raw_secs = first_by(select(store, _Q_SECS), "s")
    secs: dict[str, Sec] = {}
    skipped = 0
    for iri, r in raw_secs.items():
        doc = _section_doc(iri, raw_secs, docs)
        parent = _str(r.get("parent"))
        if doc is None:
            skipped += 1
            continue
        if parent not in raw_secs and parent != doc:
            parent = doc
        secs[iri] = Sec(
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
        iri: Prog(
            iri,
            _str(r.get("label")) or _str(r.get("alt")) or tail(iri),
            _str(r.get("kind")),
            _int(r.get("stated")),
        )
        for iri, r in first_by(select(store, _Q_PROGS), "p").items()
    }
    uses = {
        iri: Use(
            iri,
            str(r["p"]),
            _str(r.get("doc")) if r.get("doc") in docs else None,
            _str(r.get("label")),
            _int(r.get("stated")),
            r.get("ok") if isinstance(r.get("ok"), bool) else None,  # type: ignore[arg-type]
            _str(r.get("from")),
        )
        for iri, r in first_by(select(store, _Q_USES), "u").items()
    }
    for iri, r in first_by(select(store, _Q_MEMBERS), "m").items():
        use = uses.get(str(r["u"]))
        if use is None:
            skipped += 1
            continue
        mp = _str(r.get("mp"))
        use.members.append(
            Mem(
                iri,
                use.iri,
                _str(r.get("label")) or tail(iri),
                _int(r.get("position")),
                _str(r.get("source")),
                mp if mp in progs else None,
                _span(spans.get(iri)),
            )
        )
    for use in uses.values():
        use.members.sort(key=lambda m: (m.position if m.position is not None else 1 << 30, m.iri))
    mentions = []
    for iri, r in sorted(first_by(select(store, _Q_MENTIONS), "x").items()):
        sec = _str(r.get("sec"))
        sec = sec if sec in secs else None
        doc = secs[sec].doc if sec else _str(r.get("doc"))
        mentions.append(Mention(iri, str(r["p"]), doc if doc in docs else None, sec, _span(spans.get(iri))))
    attached = sum(len(u.members) for u in uses.values())
    for row in select(store, _Q_COUNT_MEMBERS):
        skipped += max(0, (_int(row["n"]) or 0) - attached)
    entities, unplaced = read_entities(store, docs, secs, spans)
    return Model(docs, secs, progs, uses, mentions, skipped + unplaced, entities)


def _section_doc(iri: str, raw: Mapping[str, Mapping[str, object]], docs: Mapping[str, Doc]) -> str | None:
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

