"""Properties that need no gold: offsets verbatim, outlines that do not depend on line breaks.

Two kinds of input: generated documents (hypothesis draws a title, site chrome, a three-level
outline and body sentences, with or without line breaks) and the real files of the dev corpus and
the sample corpus, each compared with a copy of itself that lost every line break.

The run-on comparison uses an identity F1 over the outline in document order (label path and title
of every section, matched as sequences), not ``hwscore.score_outline``: that scorer matches a label
path to its first occurrence only, so a file with two 一是 lists under one heading scores below 1
against itself.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from hwgraph.outline import iter_sections
from hwgraph.pipeline import analyse_text
from hwgraph.types import Document, Section

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
REAL = sorted([*DEV.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")])


def _runon(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def _outline(docs: list[Document]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def walk(sections: tuple[Section, ...], path: str) -> None:
        for s in sections:
            here = f"{path}/{s.label}"
            out.append((here, s.title))
            walk(s.children, here)

    for d in docs:
        walk(d.sections, f"#{d.index}")
    return out


def identity_f1(a: list, b: list) -> float:
    """F1 of two outlines matched as sequences (1.0 when equal)."""
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * same / (len(a) + len(b))


def _as_read(doc: Document, start: int, end: int) -> str:
    """The source at ``[start, end)`` less what cleaning took out inside it (a .docx page number
    between two lines of one heading, a bookmark): the text a reader sees there."""
    text = doc.source.text
    out, pos = [], start
    for r in doc.clean.removals:
        if r.end <= start or r.start >= end:
            continue
        out.append(text[pos : max(pos, r.start)])
        pos = max(pos, r.end)
    out.append(text[pos:end])
    return "".join(out)


def _check_offsets(docs: list[Document]) -> None:
    for d in docs:
        text = d.source.text
        if d.title and d.title_start is not None:
            assert re.sub(r"\s*\n\s*", "", _as_read(d, d.title_start, d.title_end)) == d.title
        assert 0 <= d.start <= d.end <= len(text)
        for s in iter_sections(d.sections):
            head = _as_read(d, s.start, max(s.title_start, s.start + len(s.label))).replace("\n", "")
            assert head.startswith(s.label.replace("\n", "")), (head, s.label)
            assert _as_read(d, s.title_start, s.title_end) == s.title, s.label
            assert s.title.strip(), s.label  # no section without words
            assert s.start <= s.title_start <= s.title_end <= s.end or s.recovered
            for c in s.children:
                if not (c.recovered or s.recovered):  # known from a table of contents: its own range
                    assert s.start <= c.start and c.end <= s.end


# ---- generated documents ------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_VERBS = ["加强", "推进", "健全", "完善", "提升", "深化", "统筹", "强化", "落实", "优化"]
_NOUNS = ["公共卫生体系", "基层医疗服务", "中医药传承", "疾病预防控制", "医疗保障制度", "健康教育",
          "妇幼健康服务", "卫生应急能力", "医共体建设", "家庭医生签约"]
_BODY = ["全年完成接种12万剂次", "建成示范中心3个", "覆盖率达到95%以上", "群众满意度持续提升",
         "按照上级部署扎实推进各项工作", "在县委县政府领导下圆满完成任务", "投入资金2000万元"]
_CHROME = ["下载", "打印", "【字号：", "大", "中", "小", "】", "首页", ">", "通知公告", "来源：县卫生健康局"]
_PLACES = ["某县", "某市", "某区", "广西壮族自治区", "义乌市", "北京市朝阳区"]
_GENRES = ["工作总结", "工作要点", "实施方案", "工作计划"]

heading = st.builds(lambda v, n: v + n, st.sampled_from(_VERBS), st.sampled_from(_NOUNS))
sentence = st.sampled_from(_BODY).map(lambda s: s + "。")


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A policy document: chrome, title, preamble, 一、 > （一） > 1. headings with body sentences."""
    lines: list[str] = draw(st.lists(st.sampled_from(_CHROME), max_size=4))
    year = draw(st.integers(2015, 2030))
    lines.append(f"{draw(st.sampled_from(_PLACES))}{year}年卫生健康{draw(st.sampled_from(_GENRES))}")
    lines.append("".join(draw(st.lists(sentence, min_size=1, max_size=3))))
    for i in range(draw(st.integers(1, 4))):
        lines.append(f"{_CN[i]}、{draw(heading)}")
        for j in range(draw(st.integers(0, 3))):
            run_in = draw(st.booleans())  # （一）标题。正文 on one line, or the heading on its own line
            body = "".join(draw(st.lists(sentence, min_size=1, max_size=2)))
            title = f"（{_CN[j]}）{draw(heading)}"
            lines += [title + "。" + body] if run_in else [title, body]
            for k in range(draw(st.integers(0, 2))):
                lines.append(f"{k + 1}.{draw(heading)}。{draw(sentence)}")
    return "\n".join(lines) + "\n"


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(documents(), st.booleans())
def test_properties_offsets_verbatim_on_generated_documents(text: str, runon: bool) -> None:
    _check_offsets(analyse_text(_runon(text) if runon else text))


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(documents())
def test_properties_outline_shape_survives_losing_line_breaks(text: str) -> None:
    """Labels and nesting do not depend on line breaks (titles may, where a heading runs into its
    body with nothing between: the real files below measure how often)."""
    lined = [path for path, _ in _outline(analyse_text(text))]
    runon = [path for path, _ in _outline(analyse_text(_runon(text)))]
    assert runon == lined


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.text(alphabet=st.sampled_from(list("一二三、（）1.。，\n是要其第篇章附件：…年月日报告方案工作总结")),
                          max_size=200))
def test_properties_no_exception_and_offsets_verbatim_on_noise(text: str) -> None:
    _check_offsets(analyse_text(text))


# ---- real documents ------------------------------------------------------------------------------


@pytest.mark.skipif(not DEV.exists(), reason="../shared/devcorpus is not beside this checkout")
def test_properties_real_outlines_survive_losing_line_breaks() -> None:
    """On the 25 dev reports and the sample corpus: the same documents, and an outline that matches
    the original's (labels, nesting, titles) with identity F1 >= 0.98 over all sections."""
    matched = total = 0.0
    worst = []
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        lined, runon = analyse_text(text, str(path)), analyse_text(_runon(text), str(path))
        assert [d.title for d in runon] == [d.title for d in lined], path.name
        a, b = _outline(lined), _outline(runon)
        f1 = identity_f1(a, b)
        matched += f1 * len(a)
        total += len(a)
        worst.append((round(f1, 3), path.name))
        _check_offsets(runon)
    assert matched / total >= 0.98, sorted(worst)[:5]
    assert min(worst)[0] >= 0.8, sorted(worst)[:5]
