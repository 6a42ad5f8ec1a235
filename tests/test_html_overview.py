"""The overview a large corpus opens on (hwgraph/views/_overview.py): which nodes it draws, how
documents are labelled, where the ring puts them, and when the page opens on it."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from hwgraph.html import write_html
from hwgraph.views import MAX_NODES, OVERVIEW_BUDGET, OVERVIEW_NODES, opens_on_overview
from hwgraph.views._model import Doc
from hwgraph.views._overview import (
    _pair_weights,
    box_size,
    common_affixes,
    crossings,
    doc_labels,
    program_font,
    ring_cost,
    ring_layout,
    ring_order,
    shared_min,
)


def _page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="hwgraph-data">(.*?)</script>', text, re.S).group(1))


# ---- which programs open with the documents


@pytest.mark.parametrize(
    "counts,docs,budget,expected",
    [
        ([1, 1, 2, 3, 25], 25, 300, 2),  # every shared program fits
        ([1] * 500 + [2] * 200 + [3] * 50 + [9] * 10, 25, 300, 2),  # 25 + 260 <= 300
        ([2] * 400 + [3] * 50 + [9] * 10, 25, 300, 3),  # 25 + 60: the pairs go
        ([2] * 400 + [3] * 400 + [9] * 10, 25, 300, 4),
        ([5, 5, 6], 300, 300, 7),  # documents alone fill the budget: past the most used
        ([], 3, 300, 2),
    ],
)
def test_overview_shared_min_is_the_smallest_threshold_that_fits(counts, docs, budget, expected):
    k = shared_min(counts, docs, budget)
    assert k == expected
    assert k >= 2
    fits = docs + sum(c >= k for c in counts) <= budget
    assert fits or k > max(counts, default=0)
    if k > 2:  # one lower would not fit
        assert docs + sum(c >= k - 1 for c in counts) > budget


def test_overview_rule_is_about_readable_size():
    assert not opens_on_overview(OVERVIEW_NODES, 25, "corpus")
    assert opens_on_overview(OVERVIEW_NODES + 1, 25, "corpus")
    assert opens_on_overview(OVERVIEW_NODES + 1, 2, "programs")
    assert not opens_on_overview(OVERVIEW_NODES + 1, 1, "corpus")  # one document: its outline is the view
    assert not opens_on_overview(OVERVIEW_NODES + 1, 25, "document")
    assert opens_on_overview(MAX_NODES + 1, 1, "document")  # too many to draw whole at all
    assert opens_on_overview(20, 2, "corpus", max_nodes=10)


# ---- labels


@pytest.mark.parametrize(
    "titles,expected",
    [
        (["2026年上海市政府工作报告", "2026年内蒙古自治区政府工作报告", "2026年北京市政府工作报告"], ("2026年", "政府工作报告")),
        (["2021年甲县工作总结", "2022年乙县工作总结"], ("", "县工作总结")),  # never cut inside 2021/2022
        (["卫生健康工作要点", "卫生健康工作要点汇总"], ("卫生健康工作", "")),  # two characters stay
        (["同一标题"], ("", "")),
    ],
)
def test_overview_common_affixes(titles, expected):
    prefix, suffix = common_affixes(titles)
    assert (prefix, suffix) == expected
    for t in titles:
        assert t.startswith(prefix) and t.endswith(suffix)
        if len(titles) > 1:
            assert len(t) - len(prefix) - len(suffix) >= 2


def test_overview_documents_are_named_by_place_when_that_tells_them_apart():
    docs = [
        Doc("a", "2026年上海市政府工作报告", year=2026, kind="report", place="上海市 310000"),
        Doc("b", "政府工作报告", year=2026, kind="report", place="青海省 630000"),
    ]
    assert doc_labels(docs) == (["上海市", "青海省"], "", "")
    docs.append(Doc("c", "2025年上海市政府工作报告", year=2025, kind="report", place="上海市 310000"))
    assert doc_labels(docs)[0] == ["上海市 2026", "青海省 2026", "上海市 2025"]  # the year tells them apart
    docs.append(Doc("d", "2025年上海市卫生健康工作要点", year=2025, kind="report", place="上海市 310000"))
    labels, prefix, suffix = doc_labels(docs)  # two the same: titles, without what all share
    assert len(set(labels)) == 4 and (prefix, suffix) == ("", "")
    docs[1].place = None
    assert doc_labels(docs)[0][1] == "政府工作报告"


def test_overview_program_font_grows_with_use():
    fonts = [program_font(k) for k in range(1, 40)]
    assert fonts == sorted(fonts) and fonts[1] < fonts[10] < fonts[-1] <= 44


# ---- the ring


def _overlap(a, b, sa, sb) -> bool:
    return abs(a[0] - b[0]) < (sa[0] + sb[0]) / 2 and abs(a[1] - b[1]) < (sa[1] + sb[1]) / 2


def test_overview_ring_layout_places_every_box_apart():
    docs = [f"d{i}" for i in range(12)]
    docs_of = {"all": docs, **{f"p{i}": [docs[i], docs[(i + 1) % 12]] for i in range(12)}}
    docs_of.update({f"q{i}": docs[: 3 + i % 5] for i in range(30)})
    sizes = {n: box_size("上海市", 28) for n in docs} | {p: box_size("十四五规划纲要", program_font(len(u))) for p, u in docs_of.items()}
    pos = ring_layout(docs, docs_of, sizes)
    assert set(pos) == set(docs) | set(docs_of)
    radii = {round(math.hypot(*pos[d])) for d in docs}
    assert len(radii) == 1  # every document on one circle
    (radius,) = radii
    names = list(pos)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not _overlap(pos[a], pos[b], sizes[a], sizes[b]), (a, b)
    # the program of every document sits near the centre, one of two neighbours near the rim
    assert math.hypot(*pos["all"]) < 0.2 * radius
    assert all(0.5 * radius < math.hypot(*pos[f"p{i}"]) < radius for i in range(12))


def test_overview_ring_order_brings_sharing_documents_together():
    # a chain a-b-c-…: neighbours share a program; given scrambled, the ring restores the chain
    chain = [f"d{i:02}" for i in range(16)]
    scrambled = chain[::3] + chain[1::3] + chain[2::3]
    progs_of: dict[str, list[str]] = {d: [] for d in chain}
    for i in range(15):
        progs_of[chain[i]].append(f"p{i}")
        progs_of[chain[i + 1]].append(f"p{i}")
    order = ring_order(scrambled, progs_of, dict.fromkeys(chain, 0))
    assert sorted(order) == chain
    weight = _pair_weights(chain, progs_of)
    assert ring_cost(chain, weight) < ring_cost(scrambled, weight)
    assert ring_cost(order, weight) == pytest.approx(ring_cost(chain, weight))


def test_overview_ring_order_keeps_levels_together():
    docs = ["c1", "p1", "c2", "p2"]
    progs_of = {"c1": ["x"], "p1": ["x"], "c2": ["y"], "p2": ["y"]}
    order = ring_order(docs, progs_of, {"p1": 1, "p2": 1, "c1": 3, "c2": 3})
    assert [d[0] for d in order] == ["p", "p", "c", "c"]


def test_overview_crossings():
    assert crossings([((0, 0), (2, 2)), ((0, 2), (2, 0))]) == 1
    assert crossings([((0, 0), (2, 2)), ((0, 0), (2, 0))]) == 0  # a shared end is no crossing
    assert crossings([((0, 0), (1, 0)), ((0, 1), (1, 1))]) == 0


# ---- the page


def test_overview_of_a_generated_corpus(synthetic_graph, tmp_path: Path):
    graph = synthetic_graph(3000)
    report = write_html(graph, tmp_path / "big.html")
    assert report.aggregated and report.shared_min >= 2
    data = _page_data(tmp_path / "big.html")
    docs = [n for n in data["nodes"] if n["cls"] == "doc"]
    progs = [n for n in data["nodes"] if n["cls"] == "prog"]
    at_open = [n for n in progs if n["k"] >= data["overview"]["min"]]
    assert report.initially_drawn == len(docs) + len(at_open) == data["overview"]["shown"] <= OVERVIEW_BUDGET
    assert all(n["k"] == len(n["d"]) for n in progs)
    assert all("ax" in n for n in docs + progs) and all(n["sl"] for n in docs)
    # a program left out at open waits outside the ring, beside its home document
    radius = max(math.hypot(n["ax"], n["ay"]) for n in docs)
    hidden = [n for n in progs if n["k"] < data["overview"]["min"]]
    assert hidden and all(math.hypot(n["ax"], n["ay"]) > radius for n in hidden)
    assert data["overview"]["whole"] is True  # below MAX_NODES the whole view is a click away


def test_overview_can_be_chosen(synthetic_graph, mini_graph, tmp_path: Path):
    assert not write_html(synthetic_graph(3000), tmp_path / "a.html", overview=False).aggregated
    report = write_html(mini_graph, tmp_path / "b.html", overview=True)
    assert report.aggregated and report.initially_drawn == 2 + 1
    assert "overview" not in _page_data(tmp_path / "a.html")
