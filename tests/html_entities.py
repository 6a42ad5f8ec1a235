"""A small graph with every entity kind the HTML page draws, for tests/test_html*.py.

Two documents written to files (so the page can quote them in context): a provincial plan that
sets targets, cites two policies (one of them the other document) and announces a third (its
title an XSS probe), with duty parentheticals; and the plan it cites, which sets a target for the
same indicator and names the same lead. The entity records are made by hand, not by the
extractors, so these tests do not move when the extractors do; the triples are made by the graph
stage (``build_graph``), so they follow the ontology.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from hwgraph.entities import Entities
from hwgraph.graph import build_graph
from hwgraph.pipeline import analyse
from hwgraph.types import (
    Citation,
    CitationRelation,
    Comparator,
    DocNumber,
    Document,
    Organization,
    Responsibility,
    Role,
    Section,
    Target,
    TargetKind,
)

PROBE = "</script><img/src=x/onerror=alert`1`>指南"  # no spaces: a cited title loses them
PLAN = (
    "2024年全省卫生健康工作要点\n"
    "一、提升健康水平\n"
    "到2025年，全省人均预期寿命达到79岁，孕产妇死亡率控制在10/10万以下。"
    "根据《“健康中国2030”规划纲要》（中发〔2016〕23号），落实《全省基层卫生服务能力提升方案》，"
    f"制定《{PROBE}》。（省卫生健康委牵头，省教育厅按职责分工负责）\n"
    "二、加强基层\n"
    "2023年基层医疗卫生机构达标率已提高5个百分点。（省卫健委负责）\n"
)
BASE = (
    "全省基层卫生服务能力提升方案\n"
    "一、工作目标\n"
    "到2025年，人均预期寿命达到78.5岁。贯彻《“健康中国2030”规划纲要》。\n"
    "二、保障措施\n"
    "加强组织领导。（省卫生健康委牵头）\n"
)


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _cite(
    doc: Document, title: str, relation: CitationRelation, section: Section, number: str | None = None
) -> Citation:
    text = doc.source.text
    start, end = _at(text, f"《{title}》")
    dn = None
    if number:  # 中发〔2016〕23号
        ns, ne = _at(text, number)
        dn = DocNumber(number, number[: number.index("〔")], int(number[3:7]), int(number[8:-1]), ns, ne)
    return Citation(doc, title, title.replace("“", "").replace("”", ""), relation, start, end, dn, section)


def _target(
    doc: Document,
    indicator: str,
    value: float,
    value_text: str,
    unit: str,
    norm: str,
    comparator: Comparator,
    year: int,
    kind: TargetKind,
    section: Section,
) -> Target:
    text = doc.source.text
    start, _ = _at(text, indicator)
    _, end = _at(text, value_text + unit, start)
    return Target(
        doc,
        indicator,
        indicator,
        value,
        value_text,
        unit,
        norm,
        comparator,
        year,
        kind,
        start,
        end,
        section=section,
    )


def _org(doc: Document, name: str, canonical: str, section: Section) -> Organization:
    return Organization(doc, name, canonical, *_at(doc.source.text, name), section)


def _duty(doc: Document, org: Organization, role: Role, section: Section, paren: str) -> Responsibility:
    start, end = _at(doc.source.text, paren)
    return Responsibility(
        doc, org, role, section.title, section.title_start, section.title_end, start, end, section
    )


def entity_graph(folder: Path) -> Path:
    """Write the two documents and their graph (N-Quads) into ``folder``; return the graph's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "base.txt").write_text(BASE, encoding="utf-8")
    plan, base = (
        next(d for r in analyse([folder / n]) for d in r.documents) for n in ("plan.txt", "base.txt")
    )
    p1, p2 = plan.sections
    b1, b2 = base.sections
    lead, join, lead2 = (
        _org(plan, "省卫生健康委", "省卫生健康委员会", p1),
        _org(plan, "省教育厅", "省教育厅", p1),
        _org(plan, "省卫健委", "省卫生健康委员会", p2),
    )
    paren = "（省卫生健康委牵头，省教育厅按职责分工负责）"
    in_plan = Entities(
        plan,
        (
            _cite(plan, "“健康中国2030”规划纲要", CitationRelation.CITES, p1, "中发〔2016〕23号"),
            _cite(plan, "全省基层卫生服务能力提升方案", CitationRelation.CITES, p1),
            _cite(plan, PROBE, CitationRelation.ANNOUNCES, p1),
        ),
        (
            _target(plan, "人均预期寿命", 79.0, "79", "岁", "a", Comparator.EQ, 2025, TargetKind.TARGET, p1),
            _target(
                plan,
                "孕产妇死亡率",
                10.0,
                "10",
                "/10万",
                "per100k",
                Comparator.LE,
                2025,
                TargetKind.TARGET,
                p1,
            ),
            _target(
                plan,
                "基层医疗卫生机构达标率",
                5.0,
                "5",
                "个百分点",
                "pp",
                Comparator.INCREASE,
                2023,
                TargetKind.ACHIEVED,
                p2,
            ),
        ),
        (lead, join, lead2),
        (
            _duty(plan, lead, Role.LEAD, p1, paren),
            _duty(plan, join, Role.PARTICIPATE, p1, paren),
            _duty(plan, lead2, Role.LEAD, p2, "（省卫健委负责）"),
        ),
    )
    base_lead = _org(base, "省卫生健康委", "省卫生健康委员会", b2)
    in_base = Entities(
        base,
        (_cite(base, "“健康中国2030”规划纲要", CitationRelation.CITES, b1),),
        (_target(base, "人均预期寿命", 78.5, "78.5", "岁", "a", Comparator.EQ, 2025, TargetKind.TARGET, b1),),
        (base_lead,),
        (_duty(base, base_lead, Role.LEAD, b2, "（省卫生健康委牵头）"),),
    )
    store = ox.Store()
    store.extend(build_graph([plan, base], [], [in_plan, in_base]))
    out = folder / "entities.nq"
    store.dump(output=str(out), format=ox.RdfFormat.N_QUADS)
    return out
