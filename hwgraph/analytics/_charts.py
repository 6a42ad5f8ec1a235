"""The compare report as HTML: every chart is SVG written here, with a small script for sorting,
quotes and highlighting.

Why SVG written in Python rather than a chart library: measured on the same heat map of 100
documents × 500 programs in headless Chromium (2 cores, median of 3 loads from file://):

* SVG written here: 0.27 MB, first draw 175 ms (0.81 MB and 290 ms with 10,500 filled cells);
* Vega-Lite 6.4.3 + Vega 6.4.0 + vega-embed 7.3.0 inlined: 1.10 MB (1.72 MB), and it does not run
  under the page's Content-Security-Policy: Vega compiles its expressions with ``Function()``, so
  it needs ``'unsafe-eval'`` (with it: 380 ms, 590 ms; vega-interpreter avoids eval but ships as an
  ES module that needs a bundler);
* plotly.js 4.1.2 (plotly.js-dist-min) inlined: 5.1 MB, first draw 1.4–1.8 s.

Text is drawn by the browser with the system's CJK fonts in every case; SVG also keeps the page
deterministic (same graph, same bytes) and needs no vendored JavaScript at all.

All document text goes through :func:`_esc` (HTML/XML escaping) or into the JSON data block
through :func:`hwgraph.views._page.json_for_script`; the script inserts text with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re
from pathlib import Path

from hwgraph.analytics._model import LEVEL_ZH
from hwgraph.analytics.compare import CompareData
from hwgraph.views._page import json_for_script

_BY_ZH = {"place": ("地区", "place"), "year": ("年份", "year"), "level": ("行政层级", "level")}
_BUCKETS = (1, 2, 3, 5, 10)  # mentions: 1, 2, 3, 4–5, 6–10, more


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _num(x: float) -> str:
    """A coordinate or value without float noise: 12, 12.5."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _bucket(count: int) -> int:
    for i, top in enumerate(_BUCKETS, 1):
        if count <= top:
            return i
    return len(_BUCKETS) + 1


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _asset(name: str) -> str:
    # The HTML parser turns CR and CRLF into LF; do it here so the CSP hashes match what runs.
    text = (Path(__file__).resolve().parent.parent / "data" / name).read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _short_title(title: str) -> str:
    return _clip(title, 16)


def _common(texts: list[str]) -> int:
    """Length of the prefix all ``texts`` share."""
    first, n = min(texts), 0
    last = max(texts)
    while n < len(first) and first[n] == last[n]:
        n += 1
    return n


def _column_labels(data: CompareData) -> list[str]:
    """Column labels: the issuing places when they tell every document apart (with the year when
    that is needed), else the titles without what they all share at the start and end (2026年 …
    政府工作报告), unless that leaves one empty or two alike, else the titles cut short."""
    docs = data.documents
    if docs and all(d.place and len(d.place) > 1 for d in docs):
        for label in (lambda d: d.place, lambda d: f"{d.place} {d.year or ''}".rstrip()):
            labels = [str(label(d)) for d in docs]
            if len(set(labels)) == len(labels):
                return [_clip(t, 16) for t in labels]
    titles = [d.title for d in docs]
    if len(titles) >= 2:
        head, tail = _common(titles), _common([t[::-1] for t in titles])
        cut = [t[head : len(t) - tail] if len(t) > head + tail else "" for t in titles]
        if all(cut) and len(set(cut)) == len(set(titles)):
            return [_clip(c, 16) for c in cut]
    return [_short_title(t) for t in titles]


# ---- the charts ---------------------------------------------------------------------------------


def matrix_svg(data: CompareData) -> str:
    """The program × document heat map: one ``<g class="r">`` per program row, one rect per
    (program, document) the document uses, columns grouped by ``data.by``."""
    n_docs, n_rows = len(data.documents), len(data.programs)
    cw = 14 if n_docs <= 150 else 10 if n_docs <= 400 else 6
    rh, lw, th = 16, 190, 150
    width, height = lw + cw * n_docs + 10, th + rh * n_rows + 4
    out = [
        f'<svg id="matrix-svg" class="matrix" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" data-cw="{cw}" data-rh="{rh}" data-lw="{lw}" data-th="{th}"'
        f' role="img" aria-label="提法 × 文件 programs × documents">'
    ]
    # group bands: shaded alternate groups and their names above the columns
    out.append('<g class="bands">')
    start = 0
    for k, group in enumerate(data.groups):
        end = start
        while end < n_docs and data.documents[end].group == group:
            end += 1
        name = LEVEL_ZH.get(group, group) if data.by == "level" else group
        out.append(
            f'<rect class="band b{k % 2}" x="{lw + cw * start}" y="{th - 134}" width="{cw * (end - start)}"'
            f' height="{rh * n_rows + 134}"><title>{_esc(name)}: {end - start}</title></rect>'
        )
        if cw * (end - start) >= 24:
            out.append(f'<text class="bl" x="{lw + cw * start + 2}" y="{th - 138}">{_esc(_clip(name, max(2, (cw * (end - start)) // 12)))}</text>')
        start = end
    out.append("</g>")
    out.append('<g class="cols">')
    labels = _column_labels(data)
    for j, (d, label) in enumerate(zip(data.documents, labels, strict=True)):
        out.append(
            f'<g class="cl" data-c="{j}" transform="translate({lw + cw * j + cw // 2 + 3},{th - 6})">'
            f'<text transform="rotate(-65)">{_esc(label)}</text><title>{_esc(d.title)}</title></g>'
        )
    out.append("</g>")
    out.append(
        f'<text class="hd" x="4" y="{th - 6}">提法 program</text>'
        f'<text class="hd" x="{lw - 8}" y="{th - 6}" text-anchor="end">文件数</text>'
    )
    out.append('<g class="rows">')
    by_row: dict[int, list[tuple[int, int]]] = {}
    for i, j, count in data.cells:
        by_row.setdefault(i, []).append((j, count))
    for i, p in enumerate(data.programs):
        cells = "".join(
            f'<rect class="k q{_bucket(count)}" data-c="{j}" x="{lw + cw * j}" y="1" width="{cw - 1}" height="{rh - 2}"/>'
            for j, count in by_row.get(i, ())
        )
        out.append(
            f'<g class="r" data-r="{i}" transform="translate(0,{th + rh * i})">'
            f'<text class="rl" x="4" y="12">{_esc(_clip(p.name, 12))}</text>'
            f'<text class="rn" x="{lw - 8}" y="12" text-anchor="end">{p.documents}</text>{cells}</g>'
        )
    out.append("</g></svg>")
    return "".join(out)


def _legend() -> str:
    labels = ("1", "2", "3", "4–5", "6–10", ">10")
    items = "".join(f'<span class="sw q{i}"></span>{t}' for i, t in enumerate(labels, 1))
    return f'<div class="legend">提及次数 mentions: {items}</div>'


def diffusion_svg(data: CompareData) -> str:
    """Programs (rows, by first year) × years and levels (columns): circles sized by documents."""
    rows = data.diffusion
    years, levels = data.years, data.levels
    lw, cw, rh, th = 180, 46, 22, 46
    gap = 30
    width = lw + cw * len(years) + gap + cw * len(levels) + 10
    height = th + rh * len(rows) + 6
    most = max([n for r in rows for _, n in (*r.by_year, *r.by_level)] or [1])
    out = [
        f'<svg class="diffusion" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="扩散 diffusion">'
    ]
    out.append(f'<text class="hd" x="{lw}" y="14">年份 year</text>')
    x_level0 = lw + cw * len(years) + gap
    out.append(f'<text class="hd" x="{x_level0}" y="14">层级 level</text>')
    for k, y in enumerate(years):
        out.append(f'<text class="ax" x="{lw + cw * k + cw // 2}" y="{th - 8}" text-anchor="middle">{y}</text>')
    for k, lv in enumerate(levels):
        out.append(
            f'<text class="ax" x="{x_level0 + cw * k + cw // 2}" y="{th - 8}" text-anchor="middle">{_esc(LEVEL_ZH.get(lv, lv))}</text>'
        )
    for i, r in enumerate(rows):
        y = th + rh * i + rh // 2
        out.append(f'<g class="dr"><line class="grid" x1="{lw}" x2="{width - 10}" y1="{y}" y2="{y}"/>')
        out.append(f'<text class="rl" x="{lw - 8}" y="{y + 4}" text-anchor="end">{_esc(_clip(r.program, 12))}</text>')
        year_n = dict(r.by_year)
        for k, yr in enumerate(years):
            n = year_n.get(yr)
            if n:
                cls = "dot first" if yr == r.first_year else "dot"
                out.append(
                    f'<circle class="{cls}" cx="{lw + cw * k + cw // 2}" cy="{y}" r="{_num(3 + 7 * math.sqrt(n / most))}">'
                    f"<title>{_esc(r.program)} · {yr}: {n} 份文件 documents</title></circle>"
                )
        level_n = dict(r.by_level)
        for k, lv in enumerate(levels):
            n = level_n.get(lv)
            if n:
                out.append(
                    f'<circle class="dot lv" cx="{x_level0 + cw * k + cw // 2}" cy="{y}" r="{_num(3 + 7 * math.sqrt(n / most))}">'
                    f"<title>{_esc(r.program)} · {_esc(LEVEL_ZH.get(lv, lv))}: {n} 份文件 documents</title></circle>"
                )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def targets_svg(data: CompareData) -> str:
    """One panel per (indicator, unit): a bar per value a document sets, longest first."""
    lw, bw, rh, ph = 220, 420, 18, 26
    height = sum(ph + rh * len(p.bars) + 12 for p in data.targets) + 4
    width = lw + bw + 150
    out = [
        f'<svg class="targets" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="指标对比 targets">'
    ]
    y = 0
    label_of = dict(zip((d.title for d in data.documents), _column_labels(data), strict=True))
    for p in data.targets:
        unit = f"（{p.unit}）" if p.unit else ""
        out.append(f'<text class="pt" x="4" y="{y + 18}">{_esc(p.indicator)}{_esc(unit)} · {p.documents} 份文件</text>')
        y += ph
        top = max(abs(b.value) for b in p.bars) or 1.0
        for b in p.bars:
            w = max(1.0, bw * abs(b.value) / top)
            kind = "ach" if b.kind == "achieved" else "tgt"
            year = f" · {b.year}" if b.year else ""
            out.append(
                f'<g class="tb"><text class="rl" x="{lw - 8}" y="{y + 13}" text-anchor="end">{_esc(label_of.get(b.document) or _short_title(b.document))}</text>'
                f'<rect class="bar {kind}" x="{lw}" y="{y + 2}" width="{_num(w)}" height="{rh - 4}"/>'
                f'<text class="bv" x="{_num(lw + w + 4)}" y="{y + 13}">{_esc(b.text)}{_esc(year)}</text>'
                f"<title>{_esc(b.document)}: {_esc(b.text)}{_esc(year)} ({_esc(b.kind or '')} {_esc(b.comparator or '')})</title></g>"
            )
            y += rh
        y += 12
    out.append("</svg>")
    return "".join(out)


def network_svg(data: CompareData) -> str:
    """The co-occurrence network: nodes coloured by community, edges as wide as their weight."""
    pad = 40
    xs = [n.x for n in data.nodes] or [0.0]
    ys = [n.y for n in data.nodes] or [0.0]
    x0, y0 = min(xs) - pad, min(ys) - pad
    width, height = max(xs) - x0 + pad, max(ys) - y0 + pad
    most_docs = max([n.documents for n in data.nodes] or [1])
    most_w = max([w for _, _, w in data.edges] or [1])
    out = [
        f'<svg id="network-svg" class="network" width="{_num(width)}" height="{_num(height)}"'
        f' viewBox="{_num(x0)} {_num(y0)} {_num(width)} {_num(height)}" role="img" aria-label="共现网络 co-occurrence network">'
    ]
    out.append('<g class="edges">')
    for a, b, w in data.edges:
        na, nb = data.nodes[a], data.nodes[b]
        out.append(
            f'<line class="e" data-a="{a}" data-b="{b}" x1="{_num(na.x)}" y1="{_num(na.y)}" x2="{_num(nb.x)}" y2="{_num(nb.y)}"'
            f' stroke-width="{_num(0.5 + 3.5 * w / most_w)}"/>'
        )
    out.append('</g><g class="nodes">')
    labelled = {n.name for n in sorted(data.nodes, key=lambda n: (-n.documents, n.name))[:40]}
    for i, n in enumerate(data.nodes):
        r = 4 + 10 * math.sqrt(n.documents / most_docs)
        out.append(
            f'<g class="n m{n.community % 10}" data-i="{i}"><circle cx="{_num(n.x)}" cy="{_num(n.y)}" r="{_num(r)}"/>'
            + (f'<text x="{_num(n.x + r + 2)}" y="{_num(n.y + 4)}">{_esc(_clip(n.name, 10))}</text>' if n.name in labelled else "")
            + f"<title>{_esc(n.name)} · {n.documents} 份文件 documents · 社区 community {n.community + 1}</title></g>"
        )
    out.append("</g></svg>")
    return "".join(out)


def _bars(title: str, items: list[tuple[str, float, str, str]], width: int = 520) -> str:
    lw, bw, rh = 200, width - 200 - 60, 20
    height = 26 + rh * len(items) + 4
    out = [
        f'<svg class="bars" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(title)}">'
        f'<text class="pt" x="4" y="16">{_esc(title)}</text>'
    ]
    top = max([v for _, v, _, _ in items] or [1.0]) or 1.0
    for k, (label, value, cls, tip) in enumerate(items):
        y = 26 + rh * k
        w = max(1.0, bw * value / top)
        out.append(
            f'<g><text class="rl" x="{lw - 8}" y="{y + 14}" text-anchor="end">{_esc(_clip(label, 14))}</text>'
            f'<rect class="bar {cls}" x="{lw}" y="{y + 3}" width="{_num(w)}" height="{rh - 6}"/>'
            f'<text class="bv" x="{_num(lw + w + 4)}" y="{y + 14}">{value:.3f}</text><title>{_esc(tip)}</title></g>'
        )
    out.append("</svg>")
    return "".join(out)


def centrality_svg(data: CompareData) -> str:
    """The most central programs (coloured by community) and documents, as two bar charts."""
    progs = [
        (n.name, n.centrality, f"m{n.community % 10}",
         f"{n.name}: eigenvector {n.centrality:.4f}, betweenness {n.betweenness:.4f}, {n.documents} documents")
        for n in data.central_programs
    ]
    docs = [(t, s, "doc", f"{t}: {s:.4f}") for t, s in data.central_documents]
    return (
        '<div class="pair">'
        + _bars("提法 programs · 特征向量中心性 eigenvector centrality", progs)
        + _bars("文件 documents · 特征向量中心性 eigenvector centrality", docs)
        + "</div>"
    )


def similarity_table(data: CompareData) -> str:
    """The most similar document pairs, with the programs they share (rarest first)."""
    rows = "".join(
        f"<tr><td>{_esc(p.a)}</td><td>{_esc(p.b)}</td>"
        f'<td class="num"><meter min="0" max="1" value="{p.jaccard}"></meter> {p.jaccard:.3f}</td>'
        f'<td class="num">{p.shared}</td><td>{_esc("、".join(p.programs))}</td></tr>'
        for p in data.pairs
    )
    return (
        '<table class="sim"><thead><tr><th>文件 A</th><th>文件 B</th><th>Jaccard</th>'
        "<th>共享 shared</th><th>共享提法（最少见的在前） shared programs, rarest first</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


# ---- the page -----------------------------------------------------------------------------------


def _section(anchor: str, title: str, zh: str, en: str, body: str, chart: bool = True) -> str:
    cls = ' class="chart"' if chart else ""
    return (
        f'<section id="{anchor}"><h2>{title}</h2><figure{cls} data-chart="{anchor}">'
        f'<figcaption><span lang="zh-CN">{zh}</span> <span lang="en">{en}</span></figcaption>'
        f'<div class="scroll">{body}</div></figure></section>'
    )


def _page_data(data: CompareData) -> dict:
    return {
        "by": data.by,
        "docs": [[d.title, d.group] for d in data.documents],
        "progs": [[p.name, p.documents, p.first_year, p.groups, p.community] for p in data.programs],
        "cells": [[i, j, n] for i, j, n in data.cells],
        "quotes": {
            f"{i}:{j}": [[q.exact, q.before, q.after, q.section or ""] for q in quotes]
            for (i, j), quotes in sorted(data.quotes.items())
        },
        "nodes": [[n.name, n.documents, n.community] for n in data.nodes],
        "edges": [[a, b, w] for a, b, w in data.edges],
    }


def render_page(data: CompareData) -> tuple[str, tuple[str, ...]]:
    """The whole report page and the names of the charts drawn in it."""
    by_zh, by_en = _BY_ZH[data.by]
    sections = []
    charts = []
    n_docs, n_progs = len(data.documents), len(data.programs)
    more = (
        f"（共 {data.total_programs} 个提法，显示文件最多的 {n_progs} 个）"
        if data.total_programs > n_progs
        else ""
    )
    matrix_body = (
        '<div class="tools"><label>排序 sort <select id="sort">'
        '<option value="documents">文件数 documents</option><option value="name">名称 name</option>'
        '<option value="first">首次年份 first year</option><option value="groups">覆盖 groups</option>'
        '<option value="community">社区 community</option></select></label>'
        '<button id="unsort" type="button">恢复列序 reset columns</button>'
        f'{_legend()}<span id="tip"></span></div>'
        + matrix_svg(data)
    )
    sections.append(_section(
        "matrix", f"提法 × 文件 Programs × documents{more}",
        f"每行是一个提法、每列是一份文件（按{by_zh}分组），颜色越深提及越多；点击行名或列名排序，点击单元格查看原文引文。",
        f"Each row is a program and each column a document (grouped by {by_en}), darker cells mention it more often; "
        "click a row or column label to sort and a cell to read the quotes.",
        matrix_body,
    ))
    charts.append("matrix")
    if data.diffusion:
        sections.append(_section(
            "diffusion", "扩散 Diffusion over years and levels",
            "多份文件共用的提法首次出现的年份，以及各年份、各行政层级使用它的文件数（圆越大文件越多，深色圆为首次出现）。",
            "When each shared program first appears and how many documents use it in each year and at each administrative "
            "level (larger circles for more documents, the dark one marks the first year).",
            diffusion_svg(data),
        ))
        charts.append("diffusion")
    if data.targets:
        sections.append(_section(
            "targets", "指标对比 Targets side by side",
            "同一指标（同一单位）在各文件中设定或报告的数值并排比较：蓝色为目标值，灰色为已完成值。",
            "The values documents set or report for the same indicator in the same unit, side by side: blue bars are "
            "targets, grey bars achievements.",
            targets_svg(data),
        ))
        charts.append("targets")
    else:
        sections.append(
            '<section id="targets"><h2>指标对比 Targets side by side</h2><p class="note">'
            "此图谱没有量化指标（它构建于实体抽取之前，或文件未设定指标）。"
            " This graph has no quantitative targets (it was built before the entities stage, or no document sets one).</p></section>"
        )
    if data.nodes:
        sections.append(_section(
            "network", f"共现网络 Co-occurrence network（{len(data.nodes)} 个提法，{len(data.communities)} 个社区）",
            "在同一文件中共同出现的提法相连，线越粗共用的文件越多，颜色是 Louvain 社区；点击节点突出它的邻居。",
            "Programs used in the same documents are linked, thicker lines for more shared documents and colours for "
            "Louvain communities; click a node to highlight its neighbours.",
            network_svg(data) + '<p id="node-info" class="note"></p>',
        ))
        charts.append("network")
        sections.append(_section(
            "centrality", "中心性 Centrality",
            "共现网络中特征向量中心性最高的提法，以及与其他文件共享提法最多的核心文件。",
            "The programs with the highest eigenvector centrality in the co-occurrence network, and the documents most "
            "connected to the rest of the corpus through shared programs.",
            centrality_svg(data),
        ))
        charts.append("centrality")
    if data.pairs:
        sections.append(_section(
            "similarity", "文件相似度 Document similarity",
            "按共享提法计算的文件相似度（Jaccard 指数：共享提法数除以两份文件提法的并集），最相似的文件对在前。",
            "Document similarity by shared programs (the Jaccard index: shared programs over the union of both "
            "documents' programs), most similar pairs first.",
            similarity_table(data),
            chart=False,
        ))
    nav = "".join(
        f'<a href="#{a}">{t}</a>'
        for a, t in (("matrix", "矩阵 matrix"), ("diffusion", "扩散 diffusion"), ("targets", "指标 targets"),
                     ("network", "网络 network"), ("centrality", "中心性 centrality"), ("similarity", "相似度 similarity"))
    )
    title = f"hwgraph 对比 compare · {n_docs} 份文件 documents"
    summary = (
        f"{n_docs} 份文件 documents · {data.total_programs} 个提法 programs · "
        f"{len(data.groups)} 个{by_zh}分组 groups by {by_en} · {len(data.targets)} 个指标组 target panels"
    )
    js = _asset("compare_app.js")
    css = _asset("compare_app.css")
    csp = (
        f"default-src 'none'; script-src {_hash(js)}; style-src {_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": csp,
        "TITLE": _esc(title),
        "CSS": css,
        "SUMMARY": _esc(summary),
        "NAV": nav,
        "SECTIONS": "".join(sections),
        "DATA": json_for_script(_page_data(data)),
        "JS": js,
    }
    # One pass: text substituted in is never scanned for placeholders again.
    page = re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], _asset("compare_page.html"))
    return page, tuple(charts)
