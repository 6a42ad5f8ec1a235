"""One view of the model as a networkx DiGraph whose nodes carry what vis-network and the page need.

Node ids are short and numbered in drawing order: ``d`` documents, ``s`` sections (each outline in
preorder), ``p`` programs, ``m`` members, then the entities of _entities.py: ``w`` cited policies,
``t`` targets, ``o`` organizations. Every node has its class, label, full text, tooltip, the
documents it belongs to (``d``) and the details panel's content; edges have a kind (outline,
mention, member, uses, memberProgram, and the entities' cites, announces, issues, target,
orgMention, lead, participate).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from hwgraph.views._entities import EntityNodes
from hwgraph.views._layout import Layout, id_key
from hwgraph.views._model import Doc, Mem, Mention, Model, Prog, Sec, Span, Use, tail
from hwgraph.views._model_entities import Entities
from hwgraph.views._sources import Sources
from hwgraph.views._text import CLASSES, KIND_ZH, SOURCE_NOTE, count_check, rows, sec_text, short, wrap


class ViewBuilder:
    """Turns the model into a networkx DiGraph whose nodes carry vis-network attributes."""

    def __init__(self, model: Model, view: str, doc: str | None, sources: Sources) -> None:
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
        self._index()
        self.entities = EntityNodes(self, model.entities or Entities())
        self._assign_ids()

    def _index(self) -> None:
        """Everything later steps look up, grouped once: nothing is rescanned per document or
        program, so a view takes time linear in documents, sections, programs and mentions."""
        m = self.m
        by_parent: dict[str, list[Sec]] = defaultdict(list)
        for sec in m.secs.values():
            by_parent[sec.parent].append(sec)
        self.roots = {
            d.iri: [s.iri for s in sorted(by_parent.get(d.iri, ()), key=lambda s: s.order)] for d in self.docs
        }
        self.n_secs = Counter(s.doc for s in m.secs.values())
        self.preorder = {d.iri: self._preorder(d.iri) for d in self.docs}
        self.doc_rank = {d.iri: i for i, d in enumerate(self.docs)}
        self.uses_of: dict[str, list[Use]] = defaultdict(list)
        for use in self.uses:
            self.uses_of[use.program].append(use)
        self.mentions_of: dict[str, list[Mention]] = defaultdict(list)
        for x in self.mentions:
            self.mentions_of[x.program].append(x)

    def _assign_ids(self) -> None:
        for prefix, iris in (
            ("d", [d.iri for d in self.docs]),
            ("s", [s for d in self.docs for s in self.preorder[d.iri]]),
            ("p", [p.iri for p in self.progs]),
            ("m", [m.iri for u in self.uses for m in u.members]),
            *self.entities.iris(),
        ):
            for iri in iris:
                self.ids.setdefault(iri, f"{prefix}{len(self.ids)}")

    def _preorder(self, doc: str) -> list[str]:
        out: list[str] = []
        stack = list(reversed(self.roots[doc]))
        while stack:
            iri = stack.pop()
            out.append(iri)
            stack.extend(reversed(self.m.secs[iri].children))
        return out

    # -- building

    def build(self) -> nx.DiGraph:
        """The view's graph, with every node placed."""
        self.home = self._program_homes()
        self.home.update(self.entities.homes())
        self.lanes = self._lanes()
        for doc in self.docs:
            self._add_doc(doc)
        if self.view != "programs":
            for doc in self.docs:
                for iri in self.preorder[doc.iri]:
                    self._add_section(self.m.secs[iri])
        for prog in self.progs:
            self._add_program(prog)
        for use in self.uses:
            for mem in use.members:
                self._add_member(mem, use)
        self._add_program_edges()
        self.entities.add()
        if self.view == "programs":
            Layout(self).programs_view()
        else:
            Layout(self).outlines()
        return self.g

    def node(
        self, iri: str, cls: str, label: str, full: str, title: str, docs: Iterable[str], **extra
    ) -> None:
        """Add the node of ``iri``: its class, label, full text, tooltip, documents and ``extra``."""
        nid = self.ids[iri]
        self.g.add_node(
            nid,
            iri=iri,
            cls=cls,
            label=label,
            full=full,
            title=title,
            d=sorted({self.ids[d] for d in docs if d in self.ids}, key=id_key),
            **extra,
        )

    def _add_doc(self, doc: Doc) -> None:
        meta = " · ".join(str(v) for v in (doc.year, doc.publisher, doc.kind) if v)
        n_secs = self.n_secs[doc.iri]
        self.node(
            doc.iri,
            "doc",
            wrap(doc.title, 14, 3),
            doc.title,
            f"{CLASSES['doc']}\n{doc.title}\n{meta}".strip(),
            [doc.iri],
            group="doc",
            details={
                "cls": "doc",
                "heading": doc.title,
                "rows": rows(
                    ("副标题", doc.subtitle),
                    ("年份", doc.year),
                    ("日期", doc.date),
                    ("类型", f"{KIND_ZH.get(doc.kind, doc.kind)} ({doc.kind})" if doc.kind else None),
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

    def _add_section(self, sec: Sec) -> None:
        doc = self.m.docs[sec.doc]
        text = sec_text(sec)
        path = []
        cur = self.m.secs.get(sec.parent)
        while cur is not None:
            path.append(sec_text(cur))
            cur = self.m.secs.get(cur.parent)
        quotes = []
        if sec.span and (sec.span.exact or sec.span.start is not None):
            quotes.append(self.quote(sec.span, doc.title, None))
        self.node(
            sec.iri,
            "sec",
            short(text),
            text,
            f"{CLASSES['sec']}\n{text}\n《{doc.title}》",
            [sec.doc],
            group=f"sec{min(sec.depth, 3)}",
            details={
                "cls": "sec",
                "heading": text,
                "rows": rows(
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

    def _add_program(self, prog: Prog) -> None:
        uses = self.uses_of.get(prog.iri, [])
        last = len(self.docs)
        mentions = sorted(
            self.mentions_of.get(prog.iri, []),
            key=lambda x: (
                self.doc_rank.get(x.doc, last),  # type: ignore[arg-type]
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
                    "check": count_check(use.stated, len(use.members), use.ok) + SOURCE_NOTE.get(use.members_from, ""),
                    "items": [
                        [f"{m.position or i}. {m.label}", self.ids.get(m.iri)]
                        for i, m in enumerate(use.members, 1)
                    ],
                }
            )
        quotes = [
            self.quote(
                x.span or Span(),
                self.m.docs[x.doc].title if x.doc else "",
                self.sec_label(x.section),
                self.ids.get(x.section or ""),
            )
            for x in mentions[:20]
        ]
        self.node(
            prog.iri,
            "prog",
            short(prog.label, 14),
            prog.label,
            f"{CLASSES['prog']}\n{prog.label}\n{len(mentions)} 处提及 · {len(docs)} 份文件",
            docs,
            group="progBad" if bad else "prog",
            h=self.ids.get(self.home.get(prog.iri, "")),
            details={
                "cls": "prog",
                "heading": prog.label,
                "rows": rows(
                    ("类型", prog.kind),
                    ("所述数量", prog.stated),
                    ("提及", f"{len(mentions)} 处，{len(docs)} 份文件"),
                ),
                "quotes": quotes,
                "more": max(0, len(mentions) - len(quotes)),
                "lists": lists,
            },
        )

    def _add_member(self, mem: Mem, use: Use) -> None:
        prog = self.m.progs.get(use.program)
        plabel = prog.label if prog else tail(use.program)
        dtitle = self.m.docs[use.doc].title if use.doc else ""
        quotes = [self.quote(mem.span, dtitle, None)] if mem.span else []
        self.node(
            mem.iri,
            "mem",
            short(mem.label, 14),
            mem.label,
            f"{CLASSES['mem']}\n{mem.label}\n{plabel} 第 {mem.position} 项",
            [use.doc] if use.doc else [],
            group="mem",
            pr=self.ids.get(use.program),
            details={
                "cls": "mem",
                "heading": mem.label,
                "rows": rows(
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
            mentioned.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))
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

    def quote(
        self, span: Span, doc_title: str, section: str | None, section_id: str | None = None
    ) -> dict[str, object]:
        """A quote for the details panel: the exact text, where it is, and the text around it."""
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

    def sec_label(self, sec: str | None) -> str | None:
        """The section's marker and title, or None."""
        return sec_text(self.m.secs[sec]) if sec else None

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
        rank = self.doc_rank
        return {p: min(c, key=lambda d: (-c[d], rank.get(d, 1 << 30))) for p, c in votes.items() if c}

    def _lanes(self) -> dict[str | None, list[str]]:
        """The programs and entities beside each home document (None: of no document), in drawing order."""
        lanes: dict[str | None, list[str]] = defaultdict(list)
        for iri in [*(p.iri for p in self.progs), *(i for _, iris in self.entities.iris() for i in iris)]:
            lanes[self.home.get(iri)].append(iri)
        return lanes
