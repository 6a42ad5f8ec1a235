"""The words of the page: node labels, panel rows, count checks, class names."""

from __future__ import annotations

import math

from hwgraph.views._model import Sec

CLASSES = {
    "doc": "文件 Document",
    "sec": "章节 Section",
    "prog": "提法 Program",
    "mem": "成员 Member",
}
"""Node classes in legend order: id -> Chinese and English name."""

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


def count_check(stated: int | None, listed: int, ok: bool | None) -> str:
    """文中称 3 项 · 列出 3 项 ✓: the stated count against the members listed."""
    if stated is None and not listed:
        return "未列出成员"
    mark = {True: " ✓", False: " ✗ 数量不符"}.get(ok, "") if ok is not None else ""
    if ok is None and stated is not None and listed:
        mark = " ✓" if stated == listed else " ✗ 数量不符"
    said = f"文中称 {stated} 项" if stated is not None else "文中未称数量"
    return f"{said} · 列出 {listed} 项{mark}"
