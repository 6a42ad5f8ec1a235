"""Entity nodes of a view: cited policies, quantitative targets and organizations, and the
responsibilities that tie an organization to the sections whose tasks it leads or joins.

    section ──cites / announces / issues──▶ cited policy (shared) or a document of the corpus
    section ──target──▶ target (one node per hw:Target)
    section ──orgMention──▶ organization (shared)
    organization ──lead / participate──▶ section (the responsibility's task section)

An occurrence without a section hangs from its document. A (section, organization) pair drawn by
a responsibility is not drawn again as a mention. Shared nodes (a policy, an organization) are
drawn once, in the lane of the document that names them most, like programs; links from other
documents are drawn fainter. The programs view draws no entities.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from hwgraph.views._layout import id_key
from hwgraph.views._model import Span
from hwgraph.views._model_entities import Citation, Entities, Org, OrgMention, Responsibility, Target, Work
from hwgraph.views._text import (
    COMPARATOR_ZH,
    ENTITY_CLASSES,
    RELATION_ZH,
    ROLE_ZH,
    TARGET_KIND_ZH,
    rows,
    short,
    target_text,
)

if TYPE_CHECKING:
    from hwgraph.views._builder import ViewBuilder

_QUOTES = 20  # quotes per node in the details panel; the rest are counted
_ITEMS = 20  # items per list in the details panel: a node's panel never grows with the corpus
_RELATION_ORDER = ("issues", "cites", "announces")  # which relation names an edge that carries several


class EntityNodes:
    """The entity part of one view, indexed once; adds its nodes and edges to the builder's graph."""

    def __init__(self, builder: ViewBuilder, found: Entities) -> None:
        # A weak reference: the builder owns this object, and a cycle would keep the whole view
        # graph alive until the next full garbage collection.
        b = self.b = weakref.proxy(builder)
        docs = b.doc_set if b.view != "programs" else set()
        rank, last = b.doc_rank, len(b.docs)

        def order(x: Citation | Target | Responsibility) -> tuple:
            start = x.span.start if x.span and x.span.start is not None else 0
            return (rank.get(x.doc, last), start, x.iri)

        self.citations = sorted((c for c in found.citations if c.doc in docs and c.work), key=order)
        self.targets = sorted((t for t in found.targets if t.doc in docs), key=order)
        self.mentions = sorted((m for m in found.org_mentions if m.doc in docs), key=order)  # type: ignore[arg-type]
        self.resps = sorted((r for r in found.responsibilities if r.doc in docs), key=order)
        cited = {c.work for c in self.citations}
        self.works = sorted(
            (found.works[w] for w in cited if w in found.works), key=lambda w: (w.title, w.iri)
        )
        named = {m.org for m in self.mentions} | {r.org for r in self.resps}
        self.orgs = sorted((found.orgs[o] for o in named), key=lambda o: (o.label, o.iri))
        self.org_labels = {o.iri: o.label for o in self.orgs}
        self.cites_of: dict[str, list[Citation]] = defaultdict(list)
        for c in self.citations:
            self.cites_of[c.work].append(c)  # type: ignore[index]
        self.mentions_of: dict[str, list[OrgMention]] = defaultdict(list)
        for m in self.mentions:
            self.mentions_of[m.org].append(m)
        self.resps_of: dict[str, list[Responsibility]] = defaultdict(list)
        self.resps_in: dict[str, list[Responsibility]] = defaultdict(list)
        for r in self.resps:
            self.resps_of[r.org].append(r)
            if r.section:
                self.resps_in[r.section].append(r)
        # every target of an indicator, drawn or not, for the "same indicator" list
        self.by_indicator: dict[str, list[Target]] = defaultdict(list)
        for t in sorted(found.targets, key=lambda t: (t.year or 0, order(t))):
            if t.indicator:
                self.by_indicator[t.indicator].append(t)
        self.shared: dict[str, dict] = {}  # the page's lists that several panels show, by key
        self.indicator_list: dict[str, str] = {}  # indicator -> key of its list in ``shared``

    def iris(self) -> list[tuple[str, list[str]]]:
        """(id prefix, IRIs) in drawing order: cited policies, targets, organizations."""
        return [
            ("w", [w.iri for w in self.works]),
            ("t", [t.iri for t in self.targets]),
            ("o", [o.iri for o in self.orgs]),
        ]

    def homes(self) -> dict[str, str]:
        """The lane each node is drawn in: a target its document's, a shared node the document
        that names it most (ties to the first document)."""
        rank = self.b.doc_rank
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for c in self.citations:
            if c.work in self.b.m.docs:
                continue  # a cited corpus document is drawn as the document itself
            votes[c.work][c.doc] += 1  # type: ignore[index]
        for x in (*self.mentions, *self.resps):
            votes[x.org][x.doc] += 1
        homes = {t.iri: t.doc for t in self.targets}
        homes.update({n: min(c, key=lambda d: (-c[d], rank.get(d, 1 << 30))) for n, c in votes.items()})
        return homes

    # ---- nodes and edges

    def add(self) -> None:
        """Every entity node, its edges, and the entity lines of documents' and sections' panels."""
        for w in self.works:
            self._add_work(w)
        self._add_cited_documents()
        for t in self.targets:
            self._indicator_list(t.indicator)
            self._add_target(t)
        for o in self.orgs:
            self._add_org(o)
        self._add_citation_edges()
        self._add_org_edges()
        # A section's panel says who leads and who joins its task.
        for sec, resps in self.resps_in.items():
            sid = self.b.ids.get(sec)
            if sid is not None and sid in self.b.g:
                self.b.g.nodes[sid]["details"]["links"] = [
                    [f"{ROLE_ZH.get(r.role or '', r.role)} {self.org_labels[r.org]}", self.b.ids.get(r.org)]
                    for r in resps
                ]

    def _where(
        self, prefix: str, x: Citation | Target | Responsibility, span: Span | None
    ) -> dict[str, object]:
        b = self.b
        quote = b.quote(
            span or Span(), b.m.docs[x.doc].title, b.sec_label(x.section), b.ids.get(x.section or "")
        )
        if prefix:
            quote["where"] = f"{prefix} · {quote['where']}"
        return quote

    def _add_work(self, w: Work) -> None:
        cites = self.cites_of[w.iri]
        docs = {c.doc for c in cites}
        relations = Counter(c.relation for c in cites)
        numbers = sorted({c.number for c in cites if c.number})
        title = f"《{w.title}》"
        self.b.node(
            w.iri,
            "work",
            short(title, 16),
            w.title,
            f"{ENTITY_CLASSES['work']}\n{title}\n{len(cites)} 处引用 · {len(docs)} 份文件",
            docs,
            group="work",
            h=self.b.ids.get(self.b.home.get(w.iri, "")),
            details={
                "cls": "work",
                "heading": title,
                "rows": rows(
                    ("文号", w.number or "、".join(numbers) or None),
                    ("引用", f"{len(cites)} 处，{len(docs)} 份文件"),
                    (
                        "关系",
                        " · ".join(f"{RELATION_ZH.get(r, r)} {n}" for r, n in sorted(relations.items())),
                    ),
                ),
                "quotes": [
                    self._where(RELATION_ZH.get(c.relation, c.relation), c, c.span) for c in cites[:_QUOTES]
                ],
                "more": max(0, len(cites) - _QUOTES),
            },
        )

    def _add_cited_documents(self) -> None:
        """A cited document of the corpus lists where it is cited (the citation network)."""
        b = self.b
        for doc, cites in sorted(self.cites_of.items()):
            nid = b.ids.get(doc)
            if doc not in b.m.docs or nid is None or nid not in b.g:
                continue
            items = []
            for c in cites[:_ITEMS]:
                where = f"《{b.m.docs[c.doc].title}》" + (f" § {b.sec_label(c.section)}" if c.section else "")
                items.append(
                    [f"{RELATION_ZH.get(c.relation, c.relation)} · {where}", b.ids.get(c.section or c.doc)]
                )
            details = b.g.nodes[nid]["details"]
            details["lists"] = [{"head": "被引用 Cited by", "title": "", "items": _more(items, len(cites))}]

    def _add_target(self, t: Target) -> None:
        b = self.b
        text = target_text(t)
        full = text + (f"（{t.year}年）" if t.year else "")
        kind = TARGET_KIND_ZH.get(t.kind or "", t.kind)
        same = self.indicator_list.get(t.indicator or "")
        b.node(
            t.iri,
            "target",
            short(text, 16),
            full,
            f"{ENTITY_CLASSES['target']}\n{full}\n{kind or ''}《{b.m.docs[t.doc].title}》".rstrip(),
            [t.doc],
            group="targetAch" if t.kind == "achieved" else "target",
            h=b.ids.get(t.doc),
            details={
                "cls": "target",
                "heading": full,
                "rows": rows(
                    ("指标", t.indicator_label),
                    ("原文指标", t.text if t.text != t.indicator_label else None),
                    ("比较", COMPARATOR_ZH.get(t.comparator or "", t.comparator)),
                    ("数值", t.value_text if t.value_text == t.value else f"{t.value_text} ({t.value})"),
                    (
                        "单位",
                        f"{t.unit_text} ({t.unit})" if t.unit and t.unit != t.unit_text else t.unit_text,
                    ),
                    ("年份", t.year),
                    ("基线", t.baseline),
                    ("类别", f"{kind} ({t.kind})" if t.kind else None),
                    ("文件", b.m.docs[t.doc].title),
                ),
                "quotes": [self._where("", t, t.span)],
                **({"refs": [same]} if same else {}),
            },
        )
        src = b.ids.get(t.section or t.doc)
        if src is not None:
            b.g.add_edge(src, b.ids[t.iri], kind="target")

    def _indicator_list(self, indicator: str | None) -> None:
        """The list of an indicator's first targets, by year, once in the page for every target
        of it to show (its panel leaves itself out): a common indicator (人均预期寿命 in each of
        1,800 plans) would otherwise repeat it in every target's panel."""
        targets = self.by_indicator.get(indicator or "", [])
        if len(targets) < 2 or indicator in self.indicator_list:
            return
        b = self.b
        items = [
            [
                f"《{b.m.docs[o.doc].title}》 {f'{o.year}年 ' if o.year else ''}{target_text(o, False)}",
                b.ids.get(o.iri),
            ]
            for o in targets[:_ITEMS]
        ]
        key = f"i{len(self.shared)}"
        self.indicator_list[indicator] = key  # type: ignore[index]
        label = targets[0].indicator_label
        self.shared[key] = {
            "head": "同一指标 Same indicator",
            "title": label,
            "items": _more(items, len(targets)),
        }

    def _add_org(self, o: Org) -> None:
        b = self.b
        mentions, resps = self.mentions_of[o.iri], self.resps_of[o.iri]
        docs = {x.doc for x in (*mentions, *resps)}
        roles = Counter(r.role for r in resps)
        quotes = [self._where(ROLE_ZH.get(r.role or "", r.role or ""), r, r.span) for r in resps[:_QUOTES]]
        # A name inside an assignment already quoted is not quoted again as a mention.
        quoted: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for r in resps:
            if r.span and r.span.start is not None and r.span.end is not None:
                quoted[r.doc].append((r.span.start, r.span.end))
        for spans in quoted.values():
            spans.sort()
        alone = [m for m in mentions if not _inside(m.span, quoted.get(m.doc, []))]
        quotes += [self._where("", m, m.span) for m in alone[: _QUOTES - len(quotes)]]
        lists = []
        for role, head in (("lead", "牵头任务 Leads"), ("participate", "配合任务 Participates")):
            tasks = [r for r in resps if r.role == role]
            items = [
                [
                    f"《{b.m.docs[r.doc].title}》 {short(r.task, 30)}"
                    if r.task
                    else f"《{b.m.docs[r.doc].title}》",
                    b.ids.get(r.section or r.doc),
                ]
                for r in tasks[:_ITEMS]
            ]
            if items:
                lists.append({"head": head, "title": "", "items": _more(items, len(tasks))})
        b.node(
            o.iri,
            "org",
            short(o.label, 14),
            o.label,
            f"{ENTITY_CLASSES['org']}\n{o.label}\n{len(mentions)} 处提及 · 牵头 {roles['lead']} 项 · {len(docs)} 份文件",
            docs,
            group="org",
            h=b.ids.get(b.home.get(o.iri, "")),
            details={
                "cls": "org",
                "heading": o.label,
                "rows": rows(
                    ("又称", "、".join(o.alts) or None),
                    ("提及", f"{len(mentions)} 处，{len(docs)} 份文件"),
                    ("牵头", f"{roles['lead']} 项任务" if roles["lead"] else None),
                    ("配合", f"{roles['participate']} 项任务" if roles["participate"] else None),
                ),
                "quotes": quotes,
                "more": max(0, len(alone) + len(resps) - len(quotes)),
                "lists": lists,
            },
        )

    # ---- edges

    def _far(self, node: str, doc: str) -> bool:
        return self.b.home.get(node) != doc

    def _add_citation_edges(self) -> None:
        b = self.b
        pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        far: set[tuple[str, str]] = set()
        doc_pairs: dict[tuple[str, str], str] = {}
        for c in self.citations:
            src, dst = b.ids.get(c.section or c.doc), b.ids.get(c.work)  # type: ignore[arg-type]
            if src is None or dst is None:
                continue
            pairs[src, dst][c.relation] += 1
            if c.work in b.m.docs or self._far(c.work, c.doc):  # type: ignore[arg-type]
                far.add((src, dst))
            if c.work in b.m.docs and c.section:
                doc_pairs.setdefault((b.ids[c.doc], dst), c.relation)
        for (src, dst), relations in sorted(
            pairs.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))
        ):
            kind = next(r for r in (*_RELATION_ORDER, *sorted(relations)) if r in relations)
            title = " · ".join(
                f"{RELATION_ZH.get(r, r)}" + (f" {n} 次" if n > 1 else "")
                for r, n in sorted(relations.items())
            )
            b.g.add_edge(src, dst, kind=kind, title=title, far=(src, dst) in far)
        # Document to document, drawn while the citing document is collapsed (a large page's overview).
        for (src, dst), relation in sorted(
            doc_pairs.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))
        ):
            if not b.g.has_edge(src, dst):
                b.g.add_edge(src, dst, kind=relation, title=RELATION_ZH.get(relation, relation), agg=True)

    def _add_org_edges(self) -> None:
        b = self.b
        roles: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        far: set[tuple[str, str]] = set()
        for r in self.resps:
            oid, tid = b.ids.get(r.org), b.ids.get(r.section or r.doc)
            if oid is None or tid is None:
                continue
            roles[oid, tid][r.role or "participate"] += 1
            if self._far(r.org, r.doc):
                far.add((oid, tid))
        for (oid, tid), n in sorted(roles.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))):
            kind = "lead" if n["lead"] else "participate"
            b.g.add_edge(oid, tid, kind=kind, title=ROLE_ZH[kind], far=(oid, tid) in far)
        mentioned: Counter[tuple[str, str]] = Counter()
        for m in self.mentions:
            sid, oid = b.ids.get(m.section or m.doc), b.ids.get(m.org)
            if sid is None or oid is None or (oid, sid) in roles:
                continue
            mentioned[sid, oid] += 1
            if self._far(m.org, m.doc):
                far.add((sid, oid))
        for (sid, oid), n in sorted(mentioned.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))):
            b.g.add_edge(
                sid, oid, kind="orgMention", title=f"提及 {n} 次" if n > 1 else "提及", far=(sid, oid) in far
            )


def _more(items: list[list], total: int) -> list[list]:
    """``items``, and a last line counting the ones left out of ``total``."""
    if total > len(items):
        return [*items, [f"……另有 {total - len(items)} 项 ({total - len(items)} more)", None]]
    return items


def _inside(span: Span | None, spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within one of ``spans`` (sorted; assignments do not overlap)."""
    if span is None or span.start is None or span.end is None or not spans:
        return False
    i = bisect_right(spans, (span.start, 1 << 62))
    return i > 0 and spans[i - 1][1] >= span.end
