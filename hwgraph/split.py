"""Splitting: find the documents in one cleaned file and describe each one.

Entry point: :func:`split_documents`. A file may be a compilation (第一篇…第五篇, where an article
may have lost its label and starts with a bare title line) or a cover letter (印发…的通知) followed
by the plan it issues. Each document gets a title, year, kind, administrative level, issuer and
文号 (document number) when stated. Outlines are filled in later by the outline stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hwgraph.outline import scan_markers
from hwgraph.types import AdminLevel, CleanText, DocKind, Document, SectionKind

_PART_LINE = re.compile(r"[ \t\u3000]*第[一二三四五六七八九十\d]{1,3}篇[ \t\u3000]*[:：、.．]?[ \t\u3000]*")
_DOC_WORD = re.compile(
    r"(工作)?(总结|要点|计划|规划|报告|方案|意见|通知|安排|思路|纲要|办法|细则|决定|通报|公报|报告)"
)
_SUFFIXES = re.compile(
    r"(\.(docx?|pdf|txt|wps|html?))$|[（(【\[]?(最终|精选|通用|优选|热门)?\s*\d*\s*篇[）)】\]]?$"
    r"|[（(【\[](精选|最新|完整版|word版|可编辑)[）)】\]]$|(精选)?(范文|范本|模板|样本|大全|汇总版|word版)$"
)
_TITLE_TAIL = re.compile(r"(精选)?(范文|范本|模板)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
# a year opening the body (2023年是…) or a dated subtitle (——2024年1月20日在…大会上)
_BODY_YEAR = re.compile(r"^\s*(?:[—－\-]{1,2}\s*)?((?:19|20)\d{2})\s*年")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,4}\s*号"
)
_ORG = r"(?:卫生健康委员会|卫生健康委|卫健委|卫生健康局|卫健局|卫生和计划生育委员会|人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组)"
_ISSUER_IN_TITLE = re.compile(rf"^([\u4e00-\u9fff（）()]{{0,24}}?{_ORG})关于")
_SIGNATURE = re.compile(rf"^[ \t\u3000]*([\u4e00-\u9fff（）()]{{2,30}}{_ORG})[ \t\u3000]*$")
_SIGNED = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_DATE_LINE = re.compile(r"^[ \t\u3000]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[ \t\u3000]*$")

_KINDS = (
    (DocKind.SUMMARY, re.compile(r"总结|述职|回顾")),
    (DocKind.PLAN, re.compile(r"要点|计划|规划|方案|安排|思路|纲要|任务清单")),
    (DocKind.REPORT, re.compile(r"报告|公报|通报")),
    (DocKind.OPINION, re.compile(r"意见|决定|办法|细则")),
    (DocKind.NOTICE, re.compile(r"通知|通告|公告|函")),
)
_TRAILING_KIND = re.compile(r"的(通知|通告|公告|函|报告|意见|决定|批复)$")

_UNITS = (
    (AdminLevel.TOWNSHIP, r"(?:乡|镇|街道)"),
    (AdminLevel.COUNTY, r"县"),
    (AdminLevel.DISTRICT, r"(?<!自治)区"),
    (AdminLevel.CITY, r"(?:市|州|盟)"),
    (AdminLevel.PROVINCE, r"(?:省|自治区)"),
)
_AFTER_UNIT = r"(?=委|党委|政府|人民|卫生|卫健|关于|疾控|医保|\d|$)"
_LEVEL_TITLE = [
    (level, re.compile(rf"(?:^|全|本|[\u4e00-\u9fff]){unit}{_AFTER_UNIT}|(?:全|本){unit}")) for level, unit in _UNITS
]
_LEVEL_BODY = [(level, re.compile(rf"(?:全|本|我){unit}|{unit}(?:委|政府|人民政府)")) for level, unit in _UNITS]
_NATIONAL = re.compile(r"^(国务院|国家|全国|中共中央|中央)|全国")


@dataclass(frozen=True)
class _Span:
    start: int  # clean offsets
    end: int
    title_start: int
    title_end: int
    body_start: int


def split_documents(clean: CleanText) -> list[Document]:
    """The documents of one cleaned file, in file order, with metadata and no outline yet."""
    spans = _find_spans(clean.text)
    return [_describe(clean, i, sp) for i, sp in enumerate(spans)]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        out.append((pos, le))
        pos = le + 1
    return out


def _find_spans(text: str) -> list[_Span]:
    lines = _lines(text, 0, len(text))
    parts = [(s, e) for s, e in lines if _PART_LINE.match(text, s, e)]
    regions: list[tuple[int, int, bool]] = []  # (start, end, starts with a part label)
    if parts:
        head_end = parts[0][0]
        if _has_chapters(text, 0, head_end):
            regions.append((0, head_end, False))
        bounds = [s for s, _ in parts] + [len(text)]
        regions += [(bounds[i], bounds[i + 1], True) for i in range(len(parts))]
    else:
        regions.append((0, len(text), False))
    spans: list[_Span] = []
    for start, end, labelled in regions:
        cuts = [start, *_bare_title_cuts(text, start, end), end]
        for i in range(len(cuts) - 1):
            spans.append(_titled(text, cuts[i], cuts[i + 1], labelled and i == 0))
    return [sp for sp in spans if text[sp.start : sp.end].strip()]


def _has_chapters(text: str, start: int, end: int) -> bool:
    return any(
        m.kind is SectionKind.CHAPTER and m.boundary in ("line", "sentence") for m in scan_markers(text, start, end)
    )


def _clean_title(line: str) -> str:
    t = line.strip(" \t\u3000\r")
    while True:
        t2 = _SUFFIXES.sub("", t).rstrip(" \t\u3000:：")
        if t2 == t or not t2:
            return t
        t = t2


def _title_like(line: str) -> bool:
    if len(line) > 90 or not _DOC_WORD.search(line):
        return False  # cheap test first: this runs on every line of every file
    t = _clean_title(line)
    if not 4 <= len(t) <= 60 or re.search(r"[。；！？;!?，,]", t):
        return False
    first = next(scan_markers(t[:8]), None)
    if first is not None and first.start == 0:
        return False  # a numbered heading (第二部分 2024年工作计划, 一、…计划) is no document title
    ends = [m.end() for m in _DOC_WORD.finditer(t)]
    return bool(ends) and ends[-1] >= len(t) - 1


def _bare_title_cuts(text: str, start: int, end: int) -> list[int]:
    """Starts of unlabelled documents inside a region: a title line followed by a fresh outline."""
    cuts = []
    doc_start = start
    seen_titles = set()
    for s, e in _lines(text, start, end):
        if not _title_like(text[s:e]):
            continue
        title = _clean_title(text[s:e])
        repeated = title in seen_titles  # the title again after a table of contents or a cover line
        seen_titles.add(title)
        if s == doc_start or repeated:
            continue
        before = text[doc_start:s]
        if len(re.findall(r"[\u4e00-\u9fff]", before)) < 60:
            continue
        nxt = next(
            (m for m in scan_markers(text, e, min(end, e + 3000))
             if m.kind is SectionKind.CHAPTER and m.boundary in ("line", "sentence")),
            None,
        )
        if nxt is not None and nxt.ordinal == 1 and (_has_chapters(text, doc_start, s) or "通知" in before):
            cuts.append(s)
            doc_start = s
    return cuts


def _titled(text: str, start: int, end: int, labelled: bool) -> _Span:
    """Find the title of the document in ``[start, end)``."""
    pos = start
    if labelled:
        m = _PART_LINE.match(text, start, end)
        pos = m.end() if m else start
    for s, e in _lines(text, pos, end):
        if not text[s:e].strip():
            continue
        s += len(text[s:e]) - len(text[s:e].lstrip(" \t\u3000"))
        line = text[s:e]
        if len(line.rstrip()) <= 60 and not re.search(r"[。；！？]", line):
            return _Span(start, end, s, s + len(_clean_title(line)), e)
        # a title running straight into the body: cut after the first document word
        m = _DOC_WORD.search(line, 0, 60)
        if m:
            te = s + m.end()
            suffix = _TITLE_TAIL.match(text, te)  # e.g. 范文 right after 工作总结
            return _Span(start, end, s, te, suffix.end() if suffix else te)
        return _Span(start, end, s, s, s)
    return _Span(start, end, start, start, start)


def _describe(clean: CleanText, index: int, sp: _Span) -> Document:
    text = clean.text
    title = text[sp.title_start : sp.title_end].strip()
    head = text[sp.body_start : min(sp.end, sp.body_start + 1500)]
    start, end = clean.span(sp.start, sp.end)
    return Document(
        clean=clean,
        index=index,
        title=title,
        year=_year(title, head, text[max(sp.start, sp.end - 300) : sp.end]),
        kind=_kind(title),
        level=_level(title, head),
        issuer=_issuer(title, text[sp.start : sp.end]),
        doc_number=_doc_number(text[sp.start : min(sp.end, sp.start + 800)]),
        start=start,
        end=end,
        clean_start=sp.start,
        clean_end=sp.end,
    )


def _year(title: str, head: str, tail: str) -> int | None:
    """The title's year; else a year opening the body (2023年是…); else the signing date's."""
    m = _YEAR.search(title) or _BODY_YEAR.search(head)
    if m is None:
        dates = _SIGNED.findall(tail[-120:])  # the signing date closes the document
        m = _YEAR.search(dates[-1]) if dates else None
    return int(m.group(1)) if m else None


def _kind(title: str) -> DocKind:
    m = _TRAILING_KIND.search(title)
    probe = m.group(1) if m else title
    hits = [(pat.search(probe), kind) for kind, pat in _KINDS]
    hits = [(h.start(), kind) for h, kind in hits if h]
    return min(hits, key=lambda x: x[0])[1] if hits else DocKind.OTHER


def _level(title: str, head: str) -> AdminLevel:
    if _NATIONAL.search(title):
        return AdminLevel.NATIONAL
    for level, pat in _LEVEL_TITLE:
        if pat.search(title):
            return level
    counts = [(len(pat.findall(head)), -i, level) for i, (level, pat) in enumerate(_LEVEL_BODY)]
    best = max(counts)
    if best[0] > 0:
        return best[2]
    if _NATIONAL.search(head[:200]):
        return AdminLevel.NATIONAL
    return AdminLevel.UNKNOWN


def _issuer(title: str, body: str) -> str | None:
    m = _ISSUER_IN_TITLE.match(title)
    if m:
        return m.group(1)
    tail = body[-400:].splitlines()
    for i, line in enumerate(tail[:-1]):
        sig = _SIGNATURE.match(line)
        if sig and _DATE_LINE.match(tail[i + 1]):
            return sig.group(1)
    return None


def _doc_number(head: str) -> str | None:
    m = _DOC_NUMBER.search(head)
    return re.sub(r"\s+", "", m.group(0)) if m else None
