"""Cleaning that loses nothing: boilerplate is removed from a *copy* and every removal is recorded.

Entry point: :func:`clean`. It finds ranges of the source to leave out (site banners, meta lines,
bookmarks, toolbars, truncation notices, trailing ad blocks, preview lines, page markers), records
each as a :class:`Removal` (and truncation notices also as a :class:`Gap`), and builds the cleaned
text with a :class:`TextMap` back to source offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hwgraph._text import PAGE_LABELS
from hwgraph.types import CleanText, Gap, Removal, RemovalKind, Source, TextMap

# A sentence or clause has ended at the end of a line: a line not ending like this continues.
_LINE_END_OK = frozenset("。！？；：:;!?”’」』）)】>》…．.，,、 \t　")

_BREADCRUMB = re.compile(r"(您的位置|当前位置|您现在的位置|所在位置)\s*[:：]|>>\s*正文|>\s*正文\s*$")
_URL = re.compile(r"(https?://|www\.)[\w./-]+|\b[\w-]+\.(com|cn|net|org)(\.cn)?\b", re.I)
_SHARE = re.compile(r"由会员分享|可在线阅读|请在.{1,20}上搜索|免费下载|下载地址|扫一扫|微信扫描")
_META = re.compile(rf"^\s*[【\[]?({PAGE_LABELS})\s*[】\]]?\s*[:：]")
_META_ANY = re.compile(r"(来源|作者|发表时间|发布时间|更新时间|发布日期|浏览次数|阅读次数|访问量)\s*[:：]")
_TOOLBAR_WORD = re.compile(r"下载|打印|字号|关闭窗口|关闭|收藏|分享到|访问量|浏览量|阅读量|点击量|【大】|【中】|【小】")
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# ……(新文秘网http://…省略723字,正式会员可完整阅读)……
_ELIDED = re.compile(
    r"[…\.。·]{0,6}\s*[（(][^（）()\n]{0,80}?省略\s*(\d+)\s*字[^（）()\n]{0,60}[）)]\s*[…\.。·]{0,6}[ \t　]*"
)
# ……(未完,全文共5780字,当前仅显示2029字,请阅读下面提示信息。收藏《…》  — runs to the end of the line
_UNFINISHED = re.compile(
    r"[…\.。·]{0,6}\s*[（(](未完|内容已截断|全文未完|篇幅所限)[^\n]*"
    r"|[…\.。·]{0,6}\s*[（(][^（）()\n]{0,20}全文共\s*\d+\s*字[^\n]*"
    r"|(点击|登录|开通会员)[^\n]{0,12}(查看|阅读)(全文|完整)[^\n]*"
)
_UNFINISHED_KEYS = ("未完", "截断", "篇幅所限", "全文共", "查看全文", "阅读全文", "查看完整", "阅读完整")
_INLINE_KEYS = re.compile("|".join(re.escape(k) for k in ("[bookmark", "省略", *_UNFINISHED_KEYS)))
_TOTAL = re.compile(r"全文共\s*(\d+)\s*字")
_SHOWN = re.compile(r"(?:仅显示|显示了?|已显示)\s*(\d+)\s*字")
_AD_START = re.compile(r"^\s*[-•·*]?\s*(配套讲稿|特殊限制|关\s*键\s*词|本文(来源|链接)|相关(文章|推荐|阅读)|上一篇|下一篇|版权声明)\s*[:：]?")
_DOCX_PAGE = re.compile(r"(\d{1,3})、")
_PAGE_LINE = re.compile(r"^\s*([-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
_WS = re.compile(r"\s+")

_Range = tuple[int, int, RemovalKind, int | None]


def clean(source: Source) -> CleanText:
    """Clean ``source``: find boilerplate, record it, and return the text without it."""
    text = source.text
    lines = list(_lines(text))
    ranges: list[_Range] = []
    ranges += _line_rules(text, lines)
    ranges += _inline_rules(text)
    ranges += _ad_block(text, lines)
    ranges += _docx_page_markers(text, lines)
    ranges += _page_furniture(text, lines)
    ranges += _previews(text, lines)
    ranges = _merge(ranges)

    removals: list[Removal] = []
    gaps: list[Gap] = []
    segments: list[tuple[int, int, int]] = []
    pieces: list[str] = []
    gap_positions: list[int] = []
    pos = clean_len = 0
    for start, end, kind, missing in ranges:
        if start > pos:
            segments.append((clean_len, pos, start - pos))
            pieces.append(text[pos:start])
            clean_len += start - pos
        removals.append(Removal(kind, start, end, text[start:end]))
        if kind is RemovalKind.TRUNCATION:
            gaps.append(Gap(start, end, text[start:end].strip(), missing))
            gap_positions.append(clean_len)
        pos = max(pos, end)
    if pos < len(text):
        segments.append((clean_len, pos, len(text) - pos))
        pieces.append(text[pos:])
    return CleanText(
        source=source,
        text="".join(pieces),
        map=TextMap(tuple(segments)),
        removals=tuple(removals),
        gaps=tuple(gaps),
        gap_positions=tuple(gap_positions),
    )


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, ``end`` excluding the newline."""
    start = 0
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        if nl < 0:
            yield start, n
            return
        yield start, nl
        start = nl + 1


def _with_newline(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a whole-line range over its newline so no blank line is left behind."""
    if end < len(text) and text[end] == "\n":
        return start, end + 1
    return start, end


def _line_rules(text: str, lines: list[tuple[int, int]]) -> list[_Range]:
    out: list[_Range] = []
    for s, e in lines:
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            continue
        kind = _classify_line(stripped)
        if kind is not None:
            a, b = _with_newline(text, s, e)
            out.append((a, b, kind, None))
    return out


def _classify_line(line: str) -> RemovalKind | None:
    n = len(line)
    if _PAGE_LINE.match(line):
        return RemovalKind.PAGE_MARKER
    if n > 20 and "。" in line:
        return None  # a line with a full sentence in it is text (in a run-on copy, all of it), not chrome
    if n <= 160 and _BREADCRUMB.search(line):
        return RemovalKind.BANNER
    if n <= 160 and _SHARE.search(line):
        return RemovalKind.BANNER
    if n <= 120 and (_META.match(line) or len(_META_ANY.findall(line)) >= 2):
        return RemovalKind.META
    if n <= 80 and _URL.search(line):
        # a line that is mostly a site name and its address, not prose that cites one
        rest = _URL.sub("", line)
        if len(re.findall(r"[\u4e00-\u9fff]", rest)) <= 12 and not re.search(r"[。；，,]", rest):
            return RemovalKind.BANNER
    if n <= 60 and len(_TOOLBAR_WORD.findall(line)) >= 2 and not re.search(r"[。；]", line):
        return RemovalKind.TOOLBAR
    return None


def _inline_rules(text: str) -> list[_Range]:
    out: list[_Range] = []
    # the notice regexes are slow to try at every position: look for their words first, all in one
    # pass (ten substring searches over the text took twice as long). No key overlaps 省略 or
    # [bookmark, and one unfinished key hiding another still leaves one found, so ``present`` says
    # what ``key in text`` said for each rule.
    present = set(_INLINE_KEYS.findall(text))
    for m in _BOOKMARK.finditer(text) if "[bookmark" in present else ():
        out.append((m.start(), m.end(), RemovalKind.BOOKMARK, None))
    if "省略" in present:
        for m in _ELIDED.finditer(text):
            out.append((m.start(), m.end(), RemovalKind.TRUNCATION, int(m.group(1))))
    if present.isdisjoint(_UNFINISHED_KEYS):
        return out
    for m in _UNFINISHED.finditer(text):
        notice = m.group(0)
        total, shown = _TOTAL.search(notice), _SHOWN.search(notice)
        missing = int(total.group(1)) - int(shown.group(1)) if total and shown else None
        out.append((m.start(), m.end(), RemovalKind.TRUNCATION, missing))
    return out


def _ad_block(text: str, lines: list[tuple[int, int]]) -> list[_Range]:
    """A trailing block of site advertising (配套讲稿, 特殊限制, 关键词 lists) up to the end of file."""
    tail_from = max(0, len(text) - 2000)
    for s, e in lines:
        if s < tail_from:
            continue
        if _AD_START.match(text[s:e]):
            start = s - 1 if s > 0 and text[s - 1] == "\n" else s
            return [(start, len(text), RemovalKind.AD_BLOCK, None)]
    return []


def _ends_mid_sentence(line: str) -> bool:
    line = line.rstrip("\r")
    return bool(line) and line[-1] not in _LINE_END_OK


def _docx_page_markers(text: str, lines: list[tuple[int, int]]) -> list[_Range]:
    """Page numbers ("2、") that a .docx-to-text conversion put at the start of each page.

    They form a run 1, 2, 3… of markers where most of them interrupt a sentence (or even a word):
    at a line start after a line that stops mid-sentence, or, in a copy that lost its line breaks,
    glued between two characters of running text (…康养居2、酒店隔离点…). Page breaks, not list
    items: a list item follows a full stop.
    """
    # (start, number, marker end, interrupts a sentence, joins the line before)
    cands: list[tuple[int, int, int, bool, bool]] = []
    line_of = {s: i for i, (s, _) in enumerate(lines)}
    runon = len(text) > 500 * len(lines)  # markers glued into running text only where lines are gone
    for m in (_DOCX_PAGE_ANY.finditer(text) if runon else (_DOCX_PAGE.match(text, s, e) for s, e in lines)):
        if m is None:
            continue
        s = m.start()
        if s in line_of:
            i = line_of[s]
            ps, pe = lines[i - 1] if i > 0 else (0, 0)
            mid = i > 0 and _ends_mid_sentence(text[ps:pe])
            cands.append((s, int(m.group(1)), m.end(), pe - ps >= 60 and mid, mid))
        elif runon and s > 0 and (_MID_TEXT.match(text[s - 1]) or m.group(1) == "1") \
                and m.end() < len(text) and _MID_TEXT.match(text[m.end()]):  # page 1 may follow a full stop
            cands.append((s, int(m.group(1)), m.end(), True, False))
    if len(cands) < 3:
        return []
    best: list[tuple[int, int, int, bool, bool]] = []
    run: list[tuple[int, int, int, bool, bool]] = []
    for c in cands:
        if run and c[1] == run[-1][1] + 1:
            run.append(c)
        elif c[1] == 1 or not run:
            run = [c]
        if len(run) > len(best):
            best = list(run)
    later = best[1:]
    if len(best) < 3 or sum(c[3] for c in later) < 0.6 * len(later):
        return []
    out: list[_Range] = []
    for k, (s, _, marker_end, _, join) in enumerate(best):
        start = s - 1 if k > 0 and join else s  # join the page's text to the line it continues
        out.append((start, marker_end, RemovalKind.PAGE_MARKER, None))
    return out


_DOCX_PAGE_ANY = re.compile(r"(?<![\d.．])(\d{1,3})、")
_MID_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9*_（(）)]")


def _previews(text: str, lines: list[tuple[int, int]]) -> list[_Range]:
    """A teaser line ending in "..." that repeats the start of the text right after it."""
    out: list[_Range] = []
    for s, e in lines:
        line = text[s:e]
        if not 10 <= len(line) <= 400:
            continue
        # the line ends in a run of dots (three or more) or of …: a string test, because a regex
        # that starts with a repeat is tried at every position of every line
        tail = line.rstrip()
        if tail.endswith("..."):
            cut = len(tail.rstrip("."))
        elif tail.endswith("…"):
            cut = len(tail.rstrip("…"))
        else:
            continue
        body = _WS.sub("", line[:cut])
        if len(body) < 8:
            continue
        after = _WS.sub("", text[e : e + len(line) * 2 + 200])
        if after.startswith(body):
            a, b = _with_newline(text, s, e)
            out.append((a, b, RemovalKind.PREVIEW, None))
    return out


def _merge(ranges: list[_Range]) -> list[_Range]:
    """Sort removals and drop those inside an earlier, larger one."""
    ranges.sort(key=lambda r: (r[0], -r[1]))
    out: list[_Range] = []
    for r in ranges:
        if out and r[0] < out[-1][1]:
            prev = out[-1]
            if r[1] > prev[1]:
                out[-1] = (prev[0], r[1], prev[2], prev[3])
            continue
        out.append(r)
    return out


# ---- page furniture (PDF text): running headers/footers repeated on most pages, and the \f ------
_PF_DIGITS = re.compile(r"\d+")
_PF_MARKER = re.compile(r"\s*(第[一二三四五六七八九十百]+[章节篇部]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
_PF_SENTENCE = re.compile(r"[。；！？]")
_PF_END_OK = frozenset("。！？；：:;!?”’」』）)】>》…．.，,、")
_PF_EDGE = 3  # lines looked at on each edge of a page


def _page_furniture(text: str, lines: list[tuple[int, int]]) -> list[_Range]:
    """Running headers and footers of a paged text, and the form feeds between its pages.

    A line among the first or last three of a page whose text (digits aside: 1/3, 2/3, dates)
    recurs at that edge of most pages is furniture: a printed page title, date and time, a URL, a
    page counter. Everything between the last body line of a page and the first of the next goes
    as one removal, the form feed with it; when the page ended mid-sentence in a long line that is
    no bare numbered heading, the line break goes too, so the paragraph reads on.
    """
    if "\f" not in text:
        return []
    pages: list[list[tuple[int, int]]] = [[]]
    for s, e in lines:
        f = text.find("\f", s, e)
        while f >= 0:
            if text[s:f].strip():
                pages[-1].append((s, f))
            pages.append([])
            s = f + 1
            f = text.find("\f", s, e)
        if text[s:e].strip():
            pages[-1].append((s, e))

    def key(span: tuple[int, int]) -> str:
        return _PF_DIGITS.sub("#", "".join(text[span[0] : span[1]].split()))

    furniture: set[tuple[int, int]] = set()
    if len(pages) >= 2:
        need = max(2, 0.5 * len(pages))
        for edge in (slice(0, _PF_EDGE), slice(-_PF_EDGE, None)):
            seen: dict[str, int] = {}
            for page in pages:
                for k in {key(span) for span in page[edge]}:
                    seen[k] = seen.get(k, 0) + 1
            repeated = {k for k, n in seen.items() if n >= need}
            for page in pages:
                ordered = page[edge] if edge.start == 0 else page[edge][::-1]
                for span in ordered:
                    if key(span) not in repeated:
                        break
                    furniture.add(span)
    body = [span for page in pages for span in page if span not in furniture]
    out: list[_Range] = []
    for k in range(1, len(body)):
        a, b = body[k - 1], body[k]
        if "\f" not in text[a[1] : b[0]]:
            continue
        last = text[a[0] : a[1]].strip()
        heading = _PF_MARKER.match(last) and not _PF_SENTENCE.search(last)
        joins = len(last) >= 20 and last[-1] not in _PF_END_OK and not heading
        start = a[1] if joins or text[a[1]] != "\n" else a[1] + 1
        out.append((start, b[0], RemovalKind.PAGE_MARKER, None))
    first = body[0][0] if body else len(text)
    after = body[-1][1] if body else 0
    # furniture before the first body line or after the last one goes up to that line
    lead = [s for s, e in furniture if e <= first] + [m.start() for m in re.finditer("\f", text[:first])]
    if lead:
        out.append((min(lead), first, RemovalKind.PAGE_MARKER, None))
    trail = [e for s, e in furniture if s >= after] + [after + m.end() for m in re.finditer("\f", text[after:])]
    if trail:
        out.append((after, _with_newline(text, max(trail), max(trail))[1], RemovalKind.PAGE_MARKER, None))
    return out
