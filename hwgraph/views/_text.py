"""The words of the page: node labels, panel rows, count checks, class names."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from hwgraph.views._model import Sec

if TYPE_CHECKING:
    from hwgraph.views._model_entities import Target

CLASSES = {
    "doc": "文件 Document",
    "sec": "章节 Section",
    "prog": "提法 Program",
    "mem": "成员 Member",
}
"""Node classes in legend order: id -> Chinese and English name."""

ENTITY_CLASSES = {
    "work": "引用政策 Cited policy",
    "target": "量化指标 Target",
    "org": "机构 Organization",
}
"""Entity node classes (issue 11), listed in the legend when the page has any."""

PLURALS = {
    "doc": "documents", "sec": "sections", "prog": "programs", "mem": "members",
    "work": "cited policies", "target": "targets", "org": "organizations",
}

RELATION_ZH = {"cites": "引用", "announces": "将制定", "issues": "印发"}
ROLE_ZH = {"lead": "牵头", "participate": "配合"}
TARGET_KIND_ZH = {"target": "目标", "achieved": "已完成"}
COMPARATOR_ZH = {">=": "≥ 不低于", "<=": "≤ 不高于", "=": "= 达到", "increase": "提高", "decrease": "下降"}
_COMPARATOR_SIGN = {">=": "≥", "<=": "≤", "=": "=", "increase": "提高", "decrease": "下降"}

# the document kinds of the ontology, as a reader of Chinese policy documents names them
KIND_ZH = {
    "summary": "总结", "plan": "计划·方案·要点", "report": "报告", "opinion": "意见", "notice": "通知",
    "list": "清单", "transcript": "实录", "interpretation": "解读", "other": "其他",
}

# Lexicon members are never mixed with members read from the text: the panel says which it shows.
SOURCE_NOTE = {"text": " · 成员见原文 (from the text)", "lexicon": " · 成员来自词表 (from the lexicon)"}

_LABEL_CHARS = 16


def short(text: str, n: int = _LABEL_CHARS) -> str:
    """``text`` on one line, cut to ``n`` characters with … when longer."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def sec_text(sec: Sec) -> str:
    """A section as the page names it: marker and title (一、着力精准施策)."""
    return f"{sec.marker}{sec.title}".strip() or "（无标题）"


def wrap(text: str, width: int, lines: int) -> str:
    """At most ``lines`` lines of about equal length, none longer than ``width``; … if cut."""
    text = " ".join(text.split())
    step = max(1, min(width, math.ceil(len(text) / min(lines, math.ceil(len(text) / width) or 1))))
    parts = [text[i : i + step] for i in range(0, len(text), step)][:lines]
    if len(text) > width * lines:
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


def rows(*pairs: tuple[str, object]) -> list[list[str]]:
    """The details panel's ``[name, value]`` rows, leaving out empty values."""
    return [[k, str(v)] for k, v in pairs if v is not None and v != ""]


def target_text(t: Target, indicator: bool = True) -> str:
    """A target in a few words, its value and unit as written: 孕产妇死亡率 ≤ 10/10万."""
    value = f"{t.value_text or t.value or ''}{t.unit_text or ''}"
    parts = [t.text if indicator else "", _COMPARATOR_SIGN.get(t.comparator or "", ""), value]
    return " ".join(p for p in parts if p)


def count_check(stated: int | None, listed: int, ok: bool | None) -> str:
    """文中称 3 项 · 列出 3 项 ✓: the stated count against the members listed."""
    if stated is None and not listed:
        return "未列出成员"
    mark = {True: " ✓", False: " ✗ 数量不符"}.get(ok, "") if ok is not None else ""
    if ok is None and stated is not None and listed:
        mark = " ✓" if stated == listed else " ✗ 数量不符"
    said = f"文中称 {stated} 项" if stated is not None else "文中未称数量"
    return f"{said} · 列出 {listed} 项{mark}"
