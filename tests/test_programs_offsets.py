"""Properties of the programs stage: every name, mention and member is the source text at its offsets.

Texts are windows of the 2026 government reports (../shared/devcorpus, skipped when absent) and
generated strings built from the characters and words programs are made of.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from hwgraph.lexicon import program_key
from hwgraph.pipeline import analyse_text
from hwgraph.programs import find_programs
from hwgraph.types import MemberSource

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra; without it the properties are skipped, not lost
    given = None

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "devcorpus" / "gov-reports-2026"
REPORTS = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
_TEXTS: dict[Path, str] = {}

_PIECES = [
    "三大体系", "五个没有", "一单四制", "一老一小", "两个确立", "四个聚焦", "1+N", "1＋5＋1", "十四五", "放管服",
    "“", "”", "、", "，", "。", "：", "即", "包括", "是指", "（", "）", "等", "和", "\n", " ", "实现", "双提升",
    "聚焦", "推进", "统一", "大市场", "二级", "以上", "的", "2025年", "全省", "32亿元", "一举两得", "形象工程",
    "疾控", "医疗", "康复", "第二个", "“4”", "为", "指", "三", "两", "个", "项", "大", "工程", "行动",
]


def _report(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = path.read_text(encoding="utf-8")
    return _TEXTS[path]


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", name) if c not in " 、，,")


def _check_verbatim(text: str) -> None:
    for doc in analyse_text(text):
        src = doc.source.text
        removals = doc.clean.removals
        for p in find_programs(doc):
            for m in p.mentions:
                assert src[m.start: m.end] == m.text
                if not any(m.start < r.end and r.start < m.end for r in removals):
                    assert _folded(m.text) == _folded(p.name)  # “双随机、一公开” names 双随机一公开
            for mb in p.members:
                if mb.start is None:
                    assert mb.source is MemberSource.LEXICON
                    continue
                assert 0 <= mb.start <= mb.end <= len(src)
                if any(mb.start < r.end and r.start < mb.end for r in removals):
                    continue
                if mb.program_key:
                    assert program_key(src[mb.start: mb.end]) == mb.program_key
                else:
                    assert src[mb.start: mb.end] == mb.text


if given is not None:

    @pytest.mark.skipif(not REPORTS, reason="the dev corpus (../shared/devcorpus) is not here")
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_programs_offsets_verbatim_in_report_windows(data) -> None:
        text = _report(data.draw(st.sampled_from(REPORTS)))
        start = data.draw(st.integers(0, max(len(text) - 1, 0)))
        size = data.draw(st.integers(1, 4000))
        _check_verbatim(text[start: start + size])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
    def test_programs_offsets_verbatim_in_generated_texts(text: str) -> None:
        _check_verbatim(text)

else:

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_programs_offsets_verbatim_in_report_windows() -> None: ...

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_programs_offsets_verbatim_in_generated_texts() -> None: ...


@pytest.mark.skipif(not REPORTS, reason="the dev corpus (../shared/devcorpus) is not here")
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem.split("_")[1] if "_" in p.stem else p.stem)
def test_programs_offsets_verbatim_in_whole_reports(path: Path) -> None:
    _check_verbatim(_report(path))


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt")), ids=lambda p: p.stem[:3])
def test_programs_offsets_sections_as_section_at(path: Path) -> None:
    """The programs stage finds each mention's section by bisection; it is the one section_at finds."""
    from hwgraph.outline import section_at
    from hwgraph.pipeline import analyse_source
    from hwgraph.reading import read_source

    for doc in analyse_source(read_source(path)):
        for p in find_programs(doc):
            for m in p.mentions:
                assert m.section is section_at(doc.sections, m.start)
