"""The entities of the graph as small records: cited policies, quantitative targets, organizations
and responsibilities (issue 11; the triples are made by hwgraph/graph/_entities.py).

    hw:Citation        one 《title》 a document names    -> hw:citedWork: a hw:PolicyWork (shared)
                                                           or a hw:Document of the corpus
    hw:Target          one value set or reached          -> hw:indicator: a hw:Indicator (shared)
    hw:OrgMention      one occurrence of a body's name   -> hw:organization: a hw:Organization (shared)
    hw:Responsibility  (organization, task) with a role  -> hw:taskSection: the task's section

Every occurrence has its document, its section when the graph knows it (hw:inSection, or
hw:taskSection for a responsibility), and its quoted span. An occurrence whose document is not in
the graph cannot be placed and is counted as skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from hwgraph.views._model import Doc, Sec, Span, _int, _span, _str, tail
from hwgraph.views._store import first_by, select


@dataclass
class Work:
    """A cited policy the corpus does not hold (hw:PolicyWork), shared by the documents citing it."""

    iri: str
    title: str
    number: str | None = None  # its 文号 (schema:legislationIdentifier)


@dataclass
class Citation:
    """One place a document names a policy; ``work`` is a Work's or a corpus Document's IRI."""

    iri: str
    title: str
    relation: str  # cites, announces, issues
    doc: str
    section: str | None
    work: str | None
    number: str | None = None
    span: Span | None = None


@dataclass
class Target:
    """A value a document sets (kind ``target``) or reports as reached (``achieved``)."""

    iri: str
    doc: str
    section: str | None
    indicator: str | None  # the shared hw:Indicator's IRI
    indicator_label: str
    text: str  # the indicator as written
    value: str | None
    value_text: str | None
    unit: str | None
    unit_text: str | None
    comparator: str | None
    kind: str | None
    year: int | None = None
    baseline: str | None = None
    span: Span | None = None


@dataclass
class Org:
    """A named body that acts, one node across documents; ``alts`` are the other names written."""

    iri: str
    label: str
    alts: list[str] = field(default_factory=list)


@dataclass
class OrgMention:
    """One occurrence of an organization's name, as written."""

    iri: str
    org: str
    doc: str
    section: str | None
    label: str
    span: Span | None = None


@dataclass
class Responsibility:
    """An organization's part (``lead`` or ``participate``) in the task of a section."""

    iri: str
    org: str
    role: str | None
    task: str
    doc: str
    section: str | None
    span: Span | None = None
    task_start: int | None = None
    task_end: int | None = None


@dataclass
class Entities:
    """Every entity of the graph, occurrences in IRI order."""

    works: dict[str, Work] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    orgs: dict[str, Org] = field(default_factory=dict)
    org_mentions: list[OrgMention] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.citations) + len(self.targets) + len(self.org_mentions) + len(self.responsibilities)


_Q_WORKS = """
SELECT ?w ?title ?number WHERE {
  ?w a hw:PolicyWork .
  OPTIONAL { ?w dcterms:title ?title }
  OPTIONAL { ?w schema:legislationIdentifier ?number }
}"""

_Q_CITATIONS = """
SELECT ?c ?label ?relation ?doc ?sec ?work ?number WHERE {
  ?c a hw:Citation .
  OPTIONAL { ?c rdfs:label ?label }
  OPTIONAL { ?c hw:relation ?relation }
  OPTIONAL { ?c hw:inDocument ?doc }
  OPTIONAL { ?c hw:inSection ?sec }
  OPTIONAL { ?c hw:citedWork ?work }
  OPTIONAL { ?c hw:docNumber ?number }
}"""

_Q_TARGETS = """
SELECT ?t ?doc ?sec ?ind ?ilabel ?text ?value ?vtext ?unit ?utext ?cmp ?kind ?year ?baseline WHERE {
  ?t a hw:Target .
  OPTIONAL { ?t hw:inDocument ?doc }
  OPTIONAL { ?t hw:inSection ?sec }
  OPTIONAL { ?t hw:indicator ?ind OPTIONAL { ?ind skos:prefLabel ?ilabel } }
  OPTIONAL { ?t hw:indicatorText ?text }
  OPTIONAL { ?t hw:value ?value }
  OPTIONAL { ?t hw:valueText ?vtext }
  OPTIONAL { ?t hw:unit ?unit }
  OPTIONAL { ?t hw:unitText ?utext }
  OPTIONAL { ?t hw:comparator ?cmp }
  OPTIONAL { ?t hw:targetKind ?kind }
  OPTIONAL { ?t hw:targetYear ?year }
  OPTIONAL { ?t hw:baseline ?baseline }
}"""

_Q_ORGS = """
SELECT ?o ?label ?alt WHERE {
  { SELECT DISTINCT ?o WHERE { { ?o a hw:Organization } UNION { [] hw:organization ?o } } }
  OPTIONAL { ?o skos:prefLabel ?label }
  OPTIONAL { ?o skos:altLabel ?alt }
}"""

_Q_ORG_MENTIONS = """
SELECT ?m ?label ?org ?doc ?sec WHERE {
  ?m a hw:OrgMention ; hw:organization ?org .
  OPTIONAL { ?m rdfs:label ?label }
  OPTIONAL { ?m hw:inDocument ?doc }
  OPTIONAL { ?m hw:inSection ?sec }
}"""

_Q_RESPONSIBILITIES = """
SELECT ?r ?org ?role ?task ?doc ?sec ?tstart ?tend WHERE {
  ?r a hw:Responsibility ; hw:organization ?org .
  OPTIONAL { ?r hw:role ?role }
  OPTIONAL { ?r hw:task ?task }
  OPTIONAL { ?r hw:inDocument ?doc }
  OPTIONAL { ?r hw:taskSection ?sec }
  OPTIONAL { ?r hw:taskSpan/oa:hasSelector ?ts . ?ts oa:start ?tstart ; oa:end ?tend }
}"""


def read_entities(
    store: ox.Store,
    docs: Mapping[str, Doc],
    secs: Mapping[str, Sec],
    spans: Mapping[str, Mapping[str, object]],
) -> tuple[Entities, int]:
    """The entities in ``store`` that belong to one of ``docs``, and how many did not."""
    found = Entities()
    skipped = 0

    def place(row: Mapping[str, object]) -> tuple[str | None, str | None]:
        """(document, section) of an occurrence: its section's document when it has a section."""
        sec = _str(row.get("sec"))
        sec = sec if sec in secs else None
        doc = secs[sec].doc if sec else _str(row.get("doc"))
        return (doc, sec) if doc in docs else (None, None)

    for iri, r in first_by(select(store, _Q_WORKS), "w").items():
        found.works[iri] = Work(iri, _str(r.get("title")) or tail(iri), _str(r.get("number")))
    for iri, r in sorted(first_by(select(store, _Q_CITATIONS), "c").items()):
        doc, sec = place(r)
        if doc is None:
            skipped += 1
            continue
        work = _str(r.get("work"))
        if work not in found.works and work not in docs:
            work = None
        title = _str(r.get("label")) or (found.works[work].title if work in found.works else tail(iri))
        found.citations.append(
            Citation(
                iri,
                title,
                _str(r.get("relation")) or "cites",
                doc,
                sec,
                work,
                _str(r.get("number")),
                _span(spans.get(iri)),
            )
        )
    for iri, r in sorted(first_by(select(store, _Q_TARGETS), "t").items()):
        doc, sec = place(r)
        if doc is None:
            skipped += 1
            continue
        text = _str(r.get("text")) or _str(r.get("ilabel")) or tail(iri)
        found.targets.append(
            Target(
                iri,
                doc,
                sec,
                _str(r.get("ind")),
                _str(r.get("ilabel")) or text,
                text,
                _str(r.get("value")),
                _str(r.get("vtext")),
                _str(r.get("unit")),
                _str(r.get("utext")),
                _str(r.get("cmp")),
                _str(r.get("kind")),
                _int(r.get("year")),
                _str(r.get("baseline")),
                _span(spans.get(iri)),
            )
        )
    alts: dict[str, set[str]] = defaultdict(set)
    rows = list(select(store, _Q_ORGS))
    for r in rows:
        if r.get("alt") is not None:
            alts[str(r["o"])].add(str(r["alt"]))
    for iri, r in first_by(rows, "o").items():
        label = _str(r.get("label")) or tail(iri)
        found.orgs[iri] = Org(iri, label, sorted(alts[iri] - {label}))
    for iri, r in sorted(first_by(select(store, _Q_ORG_MENTIONS), "m").items()):
        doc, sec = place(r)
        org = str(r["org"])
        if doc is None or org not in found.orgs:
            skipped += 1
            continue
        label = _str(r.get("label")) or found.orgs[org].label
        found.org_mentions.append(OrgMention(iri, org, doc, sec, label, _span(spans.get(iri))))
    for iri, r in sorted(first_by(select(store, _Q_RESPONSIBILITIES), "r").items()):
        doc, sec = place(r)
        org = str(r["org"])
        if doc is None or org not in found.orgs:
            skipped += 1
            continue
        found.responsibilities.append(
            Responsibility(
                iri,
                org,
                _str(r.get("role")),
                _str(r.get("task")) or "",
                doc,
                sec,
                _span(spans.get(iri)),
                _int(r.get("tstart")),
                _int(r.get("tend")),
            )
        )
    return found, skipped
