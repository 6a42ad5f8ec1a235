"""A synthetic hwgraph graph of any size, in the vocabulary of ontology/hwgraph.ttl.

Used by bench/bench_html.py and by the browser tests to check that the HTML view still draws fast
at thousands of nodes. Deterministic for a given size and seed.
"""

from __future__ import annotations

import random

_PREFIXES = """@prefix hw: <https://w3id.org/hwgraph/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix x: <https://w3id.org/hwgraph/id/synth/> .
"""
_MARKERS = ("{}、", "（{}）", "{}.", "（{}）")
_CN = "一二三四五六七八九十"
_TOPICS = (
    "疫情防控",
    "公共卫生",
    "医疗服务",
    "基层卫生",
    "中医药",
    "健康促进",
    "妇幼健康",
    "医养结合",
    "智慧医疗",
)
_VERBS = ("强化", "推进", "完善", "深化", "提升", "加快", "健全", "落实")


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else f"十{_CN[n - 11]}" if n < 20 else str(n)


def synthetic_turtle(n_nodes: int, seed: int = 5) -> str:
    """Turtle for a graph of exactly ``n_nodes`` drawable nodes (documents, sections, programs and
    members), with the program 三大体系 and its three members always present."""
    rnd = random.Random(seed)
    n_docs = max(1, n_nodes // 600)
    n_members = max(3, n_nodes * 12 // 100)
    n_progs = max(1, n_nodes * 6 // 100)
    n_secs = max(n_docs, n_nodes - n_docs - n_members - n_progs)
    lines = [_PREFIXES]
    add = lines.append
    sections: list[tuple[str, int]] = []
    per_doc = [n_secs // n_docs + (1 if i < n_secs % n_docs else 0) for i in range(n_docs)]
    for d, count in enumerate(per_doc):
        doc = f"x:d{d}"
        add(f'x:f{d} a hw:SourceFile ; dcterms:identifier "synth/{d}.txt" .')
        add(
            f'{doc} a hw:Document ; dcterms:title "{2018 + d % 7}年第{d + 1}号卫生健康工作要点" ; '
            f'hw:year {2018 + d % 7} ; hw:docKind "plan" ; hw:adminLevel "county" ; hw:sourceFile x:f{d} .'
        )
        made = 0
        top = max(1, min(10, count // 40 + 3))
        levels: list[list[str]] = [[doc]]
        while made < count:
            depth = 1 if made < top else rnd.choice((2, 2, 3, 3, 3)) if made < count // 3 else 3
            depth = min(depth, len(levels))
            parent = rnd.choice(levels[depth - 1])
            sid = f"x:s{len(sections)}"
            order = sum(1 for _, p in sections if p == parent) + 1
            marker = _MARKERS[depth - 1].format(_cn(order) if depth != 3 else order)
            title = f"{rnd.choice(_VERBS)}{rnd.choice(_TOPICS)}工作第{made + 1}项"
            start = 100 + made * 80
            add(
                f'{sid} a hw:Section ; hw:marker "{marker}" ; dcterms:title "{title}" ; hw:depth {depth} ; '
                f"hw:order {order} ; hw:parent {parent} ; hw:inDocument {doc} ;\n"
                f"  hw:span [ oa:hasSource x:f{d} ; oa:hasSelector [ a oa:TextPositionSelector ; "
                f"oa:start {start} ; oa:end {start + len(marker + title)} ] , [ a oa:TextQuoteSelector ; "
                f'oa:exact "{marker}{title}" ] ] .'
            )
            sections.append((sid, parent))
            while len(levels) <= depth:
                levels.append([])
            levels[depth].append(sid)
            made += 1
    doc_of: dict[str, str] = {}
    for sid, parent in sections:
        doc_of[sid] = parent if parent.startswith("x:d") else doc_of[parent]
    members_left = n_members
    for p in range(n_progs):
        label = "三大体系" if p == 0 else f"{_cn(rnd.randint(2, 9))}个{rnd.choice(_TOPICS)}{p}"
        k = 3 if p == 0 else min(members_left - 3 * (p == 0), rnd.randint(2, 5))
        if p == n_progs - 1:
            k = members_left
        k = max(0, min(k, members_left))
        members_left -= k
        # Like real documents: a program is mentioned in a few sections of one document.
        doc = f"x:d{rnd.randrange(n_docs)}"
        own = [sid for sid, _ in sections if doc_of[sid] == doc]
        secs = rnd.sample(own, min(len(own), rnd.randint(1, 3)))
        add(f'x:p{p} a hw:Program ; skos:prefLabel "{label}" ; hw:statedCount {k or 3} .')
        members = " , ".join(f"x:m{p}_{i}" for i in range(k))
        add(
            f"x:u{p} a hw:ProgramUse ; hw:program x:p{p} ; hw:inDocument {doc} ; hw:statedCount {k or 3} ; "
            f"hw:countOk {'true' if k else 'false'}" + (f" ; hw:member {members} ." if k else " .")
        )
        for i in range(k):
            add(f'x:m{p}_{i} a hw:Member ; rdfs:label "成员{p}之{i + 1}" ; hw:position {i + 1} .')
        for j, sid in enumerate(secs):
            add(
                f"x:x{p}_{j} a hw:Mention ; hw:mentionOf x:p{p} ; hw:inSection {sid} ; "
                f"hw:inDocument {doc_of[sid]} ;\n  hw:span [ oa:hasSelector [ a oa:TextPositionSelector ; "
                f'oa:start {10 * j} ; oa:end {10 * j + len(label)} ] , [ a oa:TextQuoteSelector ; oa:exact "{label}" ] ] .'
            )
    return "\n".join(lines) + "\n"
