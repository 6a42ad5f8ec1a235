"""Metadata a person would write down for a document: title, subtitle, date, speaker, kind, year,
issuing place and level, issuer and 文号.

Entry point: :func:`read_head`, given the cleaned text and the range of one document. Web copies
open with site chrome (下载 / 打印 / 【字号：加大 还原 减小】 / 首页 > 要闻 / 分享:), a 来源 or 时间
line, sometimes an attachment label (附件2) or the 文号 alone on a line. The title is the first line
of the head that reads as a title (it ends with a genre word: 报告, 方案, 意见, 通知, 清单…, or it is
a 关于… line), joined with the next line when the title wraps (关于印发《… / …实施方案》的通知);
failing that, the first line that is not chrome; never a masthead (某市卫生健康委员会文件), a menu
bullet, a breadcrumb, a sentence someone says or a title cited in a sentence. A page's metadata
block (名称: / 发布机构: / 文  号: / 成文日期:) gives the title, issuer, 文号 and date. A report's
subtitle (——2026年1月25日在…会议上) and its speaker (省长 王予波) are kept apart from the title.
The issuing place comes from the gazetteer (:mod:`hwgraph.places`), never from keyword lists alone.
The functions here read a matching copy of the text (simplified characters, see
``hwgraph._text.matching_form``); the caller cuts the reported title from the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hwgraph._text import PAGE_LABELS, line_ranges
from hwgraph.places import find_places, level_word, resolve_place
from hwgraph.types import AdminLevel, DocKind, Place

# A title ends with the word of its genre, maybe with a qualifier: （试行） （草案） （2024—2026年）.
GENRE = (
    r"(?:总结|要点|计划|规划|报告|方案|意见|通知|安排|思路|纲要|办法|细则|决定|决议|通报|公报|清单|实录|解读|"
    r"规定|指南|行动|函|批复|答复|讲话|说明|通告|公告|问答|分工|纪要|条例|制度|标准|规范|目录|名单|分解|发布会|(?<![代发])表)"
)
_GENRE_END = re.compile(rf"{GENRE}(?:汇总|汇编|合集|全文)?(?:[（(][^（）()]{{1,16}}[）)])?$")
_GENRE_ANY = re.compile(GENRE)
_SUFFIXES = re.compile(
    r"(\.(docx?|pdf|txt|wps|html?))$|[（(【\[]?(最终|精选|通用|优选|热门)?\s*\d*\s*篇[）)】\]]?$"
    r"|[（(【\[](精选|最新|完整版|word版|可编辑)[）)】\]]$|(精选)?(范文|范本|模板|样本|大全|汇总版|word版)$"
    # the date a page appends to a title: (2024年1月20日), (20230224) — the document's date, kept apart
    r"|[（(]\s*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{6})\s*[）)]$"
)
_TITLE_TAIL = re.compile(r"(精选)?(范文|范本|模板)")
_SENTENCE = re.compile(r"[。；！？;!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")

_DASHES = "—―－-─━–"
_MEETING = re.compile(r"在[^。；\n]{2,60}?(?:会议|大会|全会|座谈会|论坛|典礼)上")
_SPEAKER = re.compile(
    r"(?:^|[\s\u3000])((?:[\u4e00-\u9fff]{0,16}?)(?:省长|市长|主席|县长|区长|州长|盟长|旗长|主任|局长|书记|厅长|部长|委员)"
    r"[\s\u3000]*[\u4e00-\u9fff·][\s\u3000]?[\u4e00-\u9fff·]{1,3})[\s\u3000]*$"
)
_DATE_CN = re.compile(
    r"((?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_DATE_NUM = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_BODY_YEAR = re.compile(r"^\s*(?:[—－\-]{1,2}\s*)?((?:19|20)\d{2})\s*年")
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,4}\s*号"
)
_ATTACHMENT_LABEL = re.compile(r"^[ \t\u3000]*附\s*件\s*[\d一二三四五六七八九十]{0,3}\s*[:：]?\s*$")
# a metadata line of the page, or a toolbar button on its own (打印, 分享)
_META_LINE = re.compile(rf"^[【\[]?({PAGE_LABELS}|发布|浏览|阅读|点击|分享|打印)[】\]]?\s*[:：]?")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
# A page's metadata block: 名称: … / 发布机构: … / 文  号: … / • 中文名: … (labels of a few characters,
# spaces inside allowed). The title field names the title; the others are chrome.
_FIELD = re.compile(r"(?:^|(?<=[\s\u3000|]))[•·●▪◆\-\s]*([\u4e00-\u9fff](?:[ \u3000]{0,3}[\u4e00-\u9fff]){0,5})[ \u3000]*[:：]")
_TITLE_FIELDS = frozenset("名称 标题 题名 文件名称 中文名 文件标题 公文标题 文章标题".split())
_ISSUER_FIELDS = frozenset("发布机构 发布单位 发文机关 发文单位 发文机构 制发机关 文章来源 信息来源 来源 主办单位".split())
_NUMBER_FIELDS = frozenset("文号 发文字号 发文号 文件编号 发文文号".split())
_DATE_FIELDS = ("成文日期", "发文日期", "颁布时间", "印发日期", "发布日期", "发布时间", "日期", "时间", "更新日期")
_BULLET = re.compile(r"^[•·●▪◆■□]")
_MASTHEAD = re.compile(r"[\u4e00-\u9fff（）()、\s]{2,40}文件")
_SPEAKS = re.compile(r"^(?:我们|我|你们|你|他们|她们|咱们|大家)")
# Whom a document addresses: 各位代表： / 同志们： / 各区县卫生健康局，委机关各处室：
_SALUTATION = re.compile(
    r"^(?:各[\u4e00-\u9fff、，,（）()]{1,60}|[\u4e00-\u9fff、，,（）()]{0,60}(?:代表|同志|朋友|们|局|委|厅|处室|单位|政府))[:：]$"
)
_CHROME_PUNCT = re.compile(r"[\s【】\[\]（）()：:|/\\>»›<«‹·•|,，、\-—_=+*#]+")

_KINDS = (
    (DocKind.TRANSCRIPT, re.compile(r"实录|新闻发布会|发布会|访谈|答记者问")),
    (DocKind.OTHER, re.compile(r"讲话|答复|复函")),
    (DocKind.INTERPRETATION, re.compile(r"解读|图解|问答")),
    (DocKind.LIST, re.compile(r"清单|名单|(?<![代发])表$|(?:责任|任务)(?:分工|分解)")),
    (DocKind.SUMMARY, re.compile(r"总结|述职|回顾")),
    (DocKind.PLAN, re.compile(r"要点|计划|规划|方案|安排|思路|纲要|行动|任务")),
    (DocKind.REPORT, re.compile(r"报告|公报|通报")),
    (DocKind.OPINION, re.compile(r"意见|决定|决议|办法|细则|规定|指南|条例")),
    (DocKind.NOTICE, re.compile(r"通知|通告|公告|函|批复")),
)
# The genre a notice ends with decides its kind: 关于印发…方案的通知 is a notice.
_TRAILING_KIND = re.compile(r"的(通知|通告|公告|函|报告|意见|决定|批复|说明)$")

_ORG = (
    r"(?:卫生健康委员会|卫生健康委|卫健委|卫生健康局|卫健局|卫生和计划生育委员会|人民政府办公厅|人民政府办公室|人民政府|"
    r"办公厅|办公室|委员会|领导小组|医疗保障局|疾病预防控制局|中医药管理局)"
)
_ORG_ANY = re.compile(_ORG)
_ISSUER_IN_TITLE = re.compile(rf"^([\u4e00-\u9fff（）()]{{0,24}}?{_ORG})关于")
_SIGNATURE = re.compile(rf"^[ \t\u3000]*([\u4e00-\u9fff（）()]{{2,30}}{_ORG})[ \t\u3000]*$")
_DATE_LINE = re.compile(r"^[ \t\u3000]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[ \t\u3000]*$")
_NATIONAL_START = re.compile(r"国家|国务院|中共中央")
_NATIONAL = re.compile(r"^(国务院|国家|全国|中共中央|中央|教育部|财政部|民政部|人力资源社会保障部)|全国")

# Unit words of places the text does not name (区卫生健康局, 某省人民政府): the level only.
_UNITS = (
    (AdminLevel.TOWNSHIP, r"(?:乡|镇|街道)"),
    (AdminLevel.COUNTY, r"(?:县|旗)"),
    (AdminLevel.DISTRICT, r"(?<!自治)区"),
    (AdminLevel.CITY, r"(?:市|州|盟)"),
    (AdminLevel.PROVINCE, r"(?:省|自治区)"),
)
_AFTER_UNIT = r"(?=委|党委|政府|人民|卫生|卫健|关于|疾控|医保|\d|$)"
_LEVEL_TITLE = [
    (level, re.compile(rf"(?:^|全|本|[\u4e00-\u9fff]){unit}{_AFTER_UNIT}|(?:全|本){unit}")) for level, unit in _UNITS
]
_LEVEL_BODY = [(level, re.compile(rf"(?:全|本|我){unit}|{unit}(?:委|政府|人民政府)")) for level, unit in _UNITS]

HEAD_LINES = 30  # the head of a document: at most this many lines, before its body starts
HEAD_CHARS = 2000


@dataclass(frozen=True)
class Head:
    """What the first lines of a document say about it (clean offsets)."""

    title: str  # line breaks of a wrapped title removed
    title_start: int
    title_end: int
    body_start: int  # where the body begins (after title, subtitle, speaker, meta lines)
    subtitle: str | None = None
    speaker: str | None = None
    date: str | None = None  # the date the subtitle states (2026年1月25日在…会议上)
    published: str | None = None  # a date on a chrome line of the head: when the page was published
    fields: tuple[tuple[str, str], ...] = ()  # the page's metadata block: (发布机构, 宣城市卫生健康委员会)…


@dataclass(frozen=True)
class Meta:
    """A document's metadata."""

    title: str
    kind: DocKind
    year: int | None
    level: AdminLevel
    place: Place | None
    issuer: str | None
    doc_number: str | None
    subtitle: str | None
    speaker: str | None
    date: str | None


def clean_title(line: str) -> str:
    """A title line without the copy's decorations (范文, .docx, （精选3篇）…)."""
    t = line.strip(" \t\u3000\r")
    while True:
        t2 = _SUFFIXES.sub("", t).rstrip(" \t\u3000:：")
        if t2 == t or not t2:
            return t
        t = t2


def title_like(line: str) -> bool:
    """Does ``line`` read as a document title (short, no sentence, ends with its genre or is 关于…)?

    A numbered line (一、… / 1.…), an 附件 label line and a category name of four characters or
    fewer (通知公告, 政策解读: a site's menu) are no titles.
    """
    if len(line) > 100 or not (_GENRE_ANY.search(line) or "关于" in line):
        return False  # cheap test first: this runs on many lines
    t = clean_title(line)
    if not 3 <= len(t) <= 80 or _SENTENCE.search(t) or "，" in t or "," in t:
        return False
    if _NUMBERED.match(t) or t.startswith("附件") or len(_CJK.findall(t)) <= 4 or _BULLET.match(t) or fields(t):
        return False
    if _SPEAKS.match(t) or t.count("《") != t.count("》"):
        return False  # 我们将…规划纲要: a sentence someone says; 现将《…标准: a cut-off citation
    return bool(_GENRE_END.search(t)) or (t.startswith("关于") and len(t) >= 8)


_NUMBERED = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.)）]|第[一二三四五六七八九十\d]{1,3}[章节条篇])")


def fields(line: str) -> list[tuple[str, str, int, int]]:
    """The ``label: value`` fields of a metadata line: (label without spaces, value, start, end)."""
    if ":" not in line and "：" not in line:
        return []
    found = list(_FIELD.finditer(line))
    if not found or found[0].start() > 2:
        return []
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        vs, ve = m.end(), end
        while vs < ve and line[vs] in " \t\u3000":
            vs += 1
        while ve > vs and line[ve - 1] in " \t\u3000|":
            ve -= 1
        out.append((re.sub(r"[ \u3000]", "", m.group(1)), line[vs:ve], vs, ve))
    return out


def title_field(line: str) -> tuple[int, int] | None:
    """Where the value of a 名称:/标题:/中文名: field is in ``line``, when it reads as a title."""
    for label, value, vs, ve in fields(line):
        if label in _TITLE_FIELDS and title_like(value):
            return vs, ve
    return None


def is_chrome(line: str) -> bool:
    """Site chrome: a toolbar word, a breadcrumb step, a menu bullet, a metadata field, a date line…

    A person skips these at a glance because they say nothing about the document: at most a few
    characters of Chinese once brackets, arrows and separators are gone, a 来源/时间 line, a
    ``label: value`` field of the page's metadata block, a bulleted menu item.
    """
    s = line.strip()
    if not s:
        return True
    if _BULLET.match(s) or (fields(s) and title_field(s) is None) or s.count(">") >= 2:
        return True
    if _MASTHEAD.fullmatch(s):
        return True  # the red letterhead of an official document: 某市卫生健康委员会文件
    meta = _META_LINE.match(s)
    if (meta and (len(s) <= 12 or s[meta.end() - 1 : meta.end()] in ":：")) or _ATTACHMENT_LABEL.match(s) \
            or DOC_NUMBER.fullmatch(s.strip("　 ")):
        return True  # a 来源：/时间： line, a lone 打印 button (打印海南省…实录 is a glued title)
    if (_DATE_NUM.search(s) or _DATE_CN.search(s) or _CLOCK.search(s)) and len(_CJK.findall(s)) <= 6:
        return True
    core = _CHROME_PUNCT.sub("", s)
    return len(_CJK.findall(core)) <= 4


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\u3000\r":
        s += 1
    while e > s and text[e - 1] in " \t\u3000\r":
        e -= 1
    return s, e


def _body_starts(line: str) -> bool:
    """Does the body begin on this line (an outline heading, a salutation, a paragraph of prose)?"""
    from hwgraph.outline import scan_markers

    first = next(scan_markers(line[:12]), None)
    if first is not None and first.start == 0 and first.ordinal in (1, None):
        return True
    if _SALUTATION.match(line) and not title_like(line):
        return True
    return len(line) >= 60 and bool(_SENTENCE.search(line) or "，" in line)


def _opens_wrapped_title(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Does line ``i`` begin a title that wraps onto the next line (关于印发《某市2024年 / 基层…》的通知)?"""
    if i + 1 >= len(lines):
        return False
    first, second = text[slice(*lines[i])], text[slice(*lines[i + 1])]
    return ("关于" in first or first.count("《") > first.count("》")) and not is_chrome(first) \
        and title_like(first + second)


def read_head(text: str, start: int, end: int, skip: int = 0) -> Head:
    """Title, subtitle, speaker and date from the head of the document at clean ``[start, end)``.

    ``skip`` is a position before which nothing is title (a 第N篇 label of the document itself).
    """
    pos = max(start, skip)
    lines = [_strip(text, s, e) for s, e in line_ranges(text, pos, min(end, pos + HEAD_CHARS))][:HEAD_LINES]
    lines = [(s, e) for s, e in lines if e > s]
    body_at = next((i for i, (s, e) in enumerate(lines) if _body_starts(text[s:e])), len(lines))
    title_i = next((i for i, (s, e) in enumerate(lines[: max(body_at, 1)])
                    if title_like(text[s:e]) or title_field(text[s:e]) or _opens_wrapped_title(text, lines, i)), None)
    field = title_field(text[slice(*lines[title_i])]) if title_i is not None else None
    if field is not None and not title_like(text[slice(*lines[title_i])]):
        s0, _ = lines[title_i]
        lines[title_i] = (s0 + field[0], s0 + field[1])  # 名称: X 文号: … → X
    if title_i is None:
        # no line reads as a title: the first that is not chrome and could be one (or a run-on title)
        title_i = next((i for i, (s, e) in enumerate(lines[:body_at])
                        if not is_chrome(text[s:e]) and not _SPEAKS.match(text, s)), None)
    if title_i is None:
        if lines and _body_starts(text[lines[0][0] : lines[0][1]]):
            return _runon_head(text, lines[0][0], end)
        return Head("", pos, pos, pos)
    ts, te = lines[title_i]
    lead = DOC_NUMBER.match(text, ts, te)  # 云府办发〔2021〕6号 云岩区人民政府办公室关于…
    if lead and te - lead.end() > 6 and title_like(text[lead.end() : te].strip()):
        ts = lead.end()
        while ts < te and text[ts] in " \t\u3000":
            ts += 1
    nxt = title_i + 1
    if title_i > 0:  # the title began on the line before: 关于印发《…医疗 / 卫生…方案》的通知
        ps, pe = lines[title_i - 1]
        prev = text[ps:pe]
        if (prev.count("《") > prev.count("》") or "关于" in prev) and not is_chrome(prev) and not title_like(prev) \
                and title_like(prev + text[ts:te]):
            ts = ps
    # a title wrapped over two lines: 关于印发《… / …》的通知, or a first line that is no title alone
    if nxt < len(lines) and nxt < max(body_at, 1) + 1:
        ns, ne = lines[nxt]
        first, second = text[ts:te], text[ns:ne]
        joined = first + second
        unbalanced = first.count("《") > first.count("》")
        # …综合监管制度 / 实施方案: a second line that is only a genre phrase continues the title
        tail = len(second) <= 6 and _GENRE_END.search(second) is not None
        if (unbalanced or tail or (not title_like(first) and title_like(joined))) and title_like(joined) \
                and (tail or not is_chrome(second)):
            te, nxt = ne, nxt + 1
    joined = re.sub(r"[ \t\u3000\r]*\n[ \t\u3000]*", "", text[ts:te])
    title_text = clean_title(joined)
    te -= len(joined) - len(title_text)  # the copy's decorations (范文.docx) are not the title
    if not title_like(title_text) and (len(title_text) > 60 or _SENTENCE.search(title_text) or "，" in title_text
                                       or "," in title_text):
        return _runon_head(text, ts, end)  # no title line: the title runs into the body
    subtitle = speaker = None
    body = te
    for s, e in lines[nxt : max(nxt, body_at) + 2]:
        line = text[s:e]
        if s < body:
            continue
        if subtitle is None and (line[0] in _DASHES or _MEETING.search(line)) and len(line) <= 120:
            subtitle = line.lstrip(_DASHES + " \t\u3000").strip("（）()")
            sp = _SPEAKER.search(subtitle)
            if sp:  # 陕西: the meeting and the speaker share the line
                speaker = speaker or sp.group(1).strip()
                subtitle = subtitle[: sp.start(1)].rstrip(" \t\u3000")
            body = e
        elif speaker is None and _SPEAKER.fullmatch(" " + line) and len(line) <= 30:
            speaker = line.strip()
            body = e
        elif is_chrome(line) or clean_title(line) == title_text or title_like(line):
            body = e
        else:
            break
    m = _DATE_CN.search(subtitle or "")
    date = _iso(m) if m else _date_of(joined[len(title_text) :])  # a date the title line ends with
    published = None  # a date on a chrome line of the head (发布时间 2024-03-05 …): the page's
    found: list[tuple[str, str]] = []
    for s, e in lines[: max(body_at, title_i + 1)]:
        found += [(label, value) for label, value, _, _ in fields(text[s:e])]
        m = _DATE_NUM.search(text, s, e) or _DATE_CN.search(text, s, e)
        if published is None and m and is_chrome(text[s:e]):
            published = _iso(m)
    if subtitle and clean_title(subtitle) == title_text:
        subtitle = None  # the title said again, not a subtitle
    return Head(title_text, ts, te, max(body, lines[nxt - 1][1]), subtitle, speaker, date, published,
                tuple(found))


_TITLE_DELIM = re.compile(
    r"[】\]>»›：:|/\\。！？；，,\s]|[—―]{2}|\.(?:docx?|pdf|txt|wps|html?)\b|(?:精选)?(?:范文|范本|模板)"
)
_ORG_END = re.compile(r"(局|委|厅|办|政府|办公室|中心|院|所|站|会|部|组)$")
_AND_MORE = re.compile(rf"(?:和|及|暨|与)[\u4e00-\u9fff\d]{{1,14}}?{GENRE}")
_RUNON_SUBTITLE = re.compile(
    r"[—―－\-（(]{0,2}\s*((?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3})\s*年[^。；]{2,16}?日"
    r"在[^。；]{2,60}?(?:会议|大会|全会)上[）)]?"
)
_RUNON_HEAD = 300  # a run-on title is looked for in this many characters


def _runon_head(text: str, pos: int, end: int) -> Head:
    """The title of a head that runs straight into its body, found among the phrases that end with
    a genre word in its first characters (下载打印【字号：加大还原减小】2026年上海市政府工作报告——…):
    the likeliest title is the one that names a year, a place or an issuer, after the chrome."""
    limit = min(end, pos + _RUNON_HEAD)
    best: tuple[int, int, int] | None = None  # (score, start, end)
    chunk_starts = [pos] + [d.end() for d in _TITLE_DELIM.finditer(text, pos, limit)]
    for cs, ce in zip(chunk_starts, [*chunk_starts[1:], limit], strict=True):
        # the furthest genre word a title of up to 60 characters can end with, outside a citation
        # (根据…《关于…的通知》要求 cites a title, it is none)
        genres = [g for g in _GENRE_ANY.finditer(text, cs, ce) if g.end() - cs <= 60
                  and text.rfind("《", cs, g.start()) <= text.rfind("》", cs, g.start())]
        if not genres:
            continue
        last = genres[-1]
        te = last.end()
        qual = re.match(r"(?:汇总|汇编|合集|全文)?(?:[（(][^（）()]{1,16}[）)])?", text[te : te + 20])
        te += qual.end()
        if cs > pos and text[cs - 1] in ">»›" and text.startswith("正文", cs):
            cs += 2  # a breadcrumb's last step (您的位置：首页>>…>>正文) names the page body, not the title
        lead = DOC_NUMBER.match(text, cs, last.start())  # 浙卫发〔2023〕10号浙江省卫生健康委关于…
        ts = _past_chrome(text, lead.end() if lead else cs, last.start())
        half = (te - ts) // 2
        if half >= 4 and text[ts : ts + half] == text[ts + half : te]:
            te = ts + half  # the title twice, as the page heading and the article's (…要点…要点)
        period = next((n for n in range(8, (te - ts) // 2 + 1) if text[te - n : te] == text[te - 2 * n : te - n]), None)
        if period:
            ts = te - period  # the title three times over (page title, heading, article)
        cand = text[ts:te]
        if len(cand) < 3 or len(_CJK.findall(cand)) <= 4:
            continue
        before = text[cs - 1] if cs > pos else "\n"
        if before in "，。；,;" or _SPEAKS.match(text, ts):
            continue  # a clause of a sentence, not a title
        label = re.search(r"([\u4e00-\u9fff]{2,6})[ \u3000]*$", text[max(pos, cs - 9) : cs - 1]) if before in ":：" else None
        if label and not any(label.group(1).endswith(t) for t in _TITLE_FIELDS) \
                and len(_CJK.findall(text, cs, last.end())) < 8:
            continue  # the short value of a metadata field (发布内容：介绍和解读…), not the title
        score = (2 * bool(re.search(r"(?:19|20)\d{2}年", cand)) + bool(_ORG_END.search(text[ts : last.start()]))
                 + bool("关于" in cand) + (6 <= len(cand) <= 60) - (before == "/"))
        if best is None or score > best[0]:
            best = (score, ts, te)
    if best is None:
        return Head("", pos, pos, pos)
    _, ts, te = best
    suffix = _TITLE_TAIL.match(text, te)
    body = suffix.end() if suffix else te
    subtitle = date = None
    sub = _RUNON_SUBTITLE.search(text, body, min(end, body + _RUNON_HEAD))
    if sub:
        subtitle, body = text[sub.start(1) : sub.end()].rstrip("）)"), sub.end()
        date = _iso(_DATE_CN.search(subtitle)) if _DATE_CN.search(subtitle) else None
    title = clean_title(text[ts:te])
    date = date or _date_of(text[ts + len(title) : te])
    return Head(title, ts, ts + len(title), body, subtitle, None, date)


def _past_chrome(text: str, ts: int, genre_at: int) -> int:
    """Skip menu and breadcrumb words glued before a title (云南要闻云南要闻2026年政府工作报告,
    通知公告关于印发…的通知): a title opens with a year, a named place, a scope (全县), 关于, or its
    issuer; four or more characters before a year or a 关于 that are none of these are chrome."""

    for anchor in (re.compile(r"关于"), re.compile(r"(?:19|20)\d{2}年")):
        m = anchor.search(text, ts, genre_at)
        if m is None or m.start() - ts < 4:
            continue
        prefix = text[ts : m.start()]
        if _ORG_END.search(prefix) or find_places(prefix) or ("关于" in prefix and anchor.pattern != "关于"):
            break
        return m.start()
    # a toolbar or menu word right before the issuer (关闭国家卫生健康委…, 打印海南省…, 工作动态广东省…)
    national = _NATIONAL_START.search(text, ts + 1, min(genre_at, ts + 5))
    if national:
        return national.start()
    named = next((p for p in find_places(text, ts, genre_at) if p.place.code), None)
    if named is not None and 1 <= named.start - ts <= 6 and not find_places(text, ts, named.start) \
            and not _YEAR.search(text, ts, named.start) and not text.endswith(("健康", "(", "（"), ts, named.start):
        # (not the place of a campaign, 健康云岩行动, nor one in brackets, 导航菜单(湖北省))
        return named.start  # 市政府函件佛山市人民政府关于…: a menu word before the issuer
    return ts


_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def _number(s: str) -> int:
    """An Arabic or Chinese date number: 27, 二十七, 二〇二六 (digit by digit)."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(_DIGITS[c] for c in s))
    tens, _, units = s.partition("十")
    return int(_DIGITS[tens] if tens else 1) * 10 + (int(_DIGITS[units]) if units else 0)


def _iso(m: re.Match[str]) -> str | None:
    y, mo, d = (_number(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def describe(text: str, start: int, end: int, head: Head, removed: list[str] | tuple[str, ...] = ()) -> Meta:
    """Kind, year, place and level, issuer and 文号 of the document at clean ``[start, end)``.

    ``removed`` are the 来源/时间 lines cleaning took out of its head: the date of publication they
    state is the document's date when it states none of its own (meeting, signature).
    """
    title = head.title
    body = text[head.body_start : min(end, head.body_start + 1500)]
    whole = text[start:end]
    removed_fields = [(label, value) for line in removed for label, value, _, _ in fields(line.strip())]
    block = dict(reversed([*head.fields, *removed_fields]))  # the first of each label wins
    issuer = _issuer(title, whole) or next(
        (v for k, v in block.items() if k in _ISSUER_FIELDS and _ORG_ANY.search(v)), None)
    place, level = _place(title, head, issuer, body, [v for k, v in block.items() if k in _ISSUER_FIELDS])
    stated = next((_date_of(block[k]) for k in _DATE_FIELDS if k in block and _date_of(block[k])), None)
    date = head.date or _date_of(title) or _signed(whole[-300:]) or stated or head.published or _published(removed) \
        or _date_of(text[head.body_start : head.body_start + 120])  # 2023年1月9日10:00，省政府新闻办召开…
    return Meta(
        title=title,
        kind=kind_of(title),
        year=_year(title, head, body, date),
        level=level,
        place=place,
        issuer=issuer,
        doc_number=next((_doc_number(v) for k, v in block.items() if k in _NUMBER_FIELDS and _doc_number(v)), None)
        or _doc_number(text[start : min(end, start + 800)]),
        subtitle=head.subtitle,
        speaker=head.speaker,
        date=date,
    )


def kind_of(title: str) -> DocKind:
    """The genre of a title: its final genre word, the head of a Chinese compound (…工作任务清单 is
    a list); a notice's 的通知 wins; of coordinated genres (工作总结和下半年工作计划) the first."""
    title = re.sub(r"[（(][^（）()]*[）)]$", "", title)
    m = _TRAILING_KIND.search(title)
    if m:
        title = m.group(1)
    hits = sorted((h.end(), h.start(), kind) for kind, pat in _KINDS for h in pat.finditer(title))
    if not hits:
        return DocKind.OTHER
    for end, _, kind in hits:
        if title[end : end + 1] in ("和", "及", "暨", "与") and _GENRE_ANY.search(title, end + 1):
            return kind  # the first of coordinated genres
    return hits[-1][2]


def _year(title: str, head: Head, body: str, date: str | None) -> int | None:
    """The title's year; else the subtitle's or the stated date's; else a year opening the body."""
    m = _YEAR.search(title) or (_YEAR.search(head.subtitle) if head.subtitle else None)
    if m:
        return int(m.group(1))
    if date:
        return int(date[:4])
    m = _BODY_YEAR.search(body)
    return int(m.group(1)) if m else None


def _signed(tail: str) -> str | None:
    """The signing date that closes a document (2024年1月10日 on its own line near the end)."""
    found = list(_DATE_CN.finditer(tail[-160:]))
    return _iso(found[-1]) if found else None


def _published(lines: list[str] | tuple[str, ...]) -> str | None:
    for line in lines:
        m = _DATE_NUM.search(line) or _DATE_CN.search(line)
        if m:
            return _iso(m)
    return None


def _date_of(text: str) -> str | None:
    m = _DATE_CN.search(text) or _DATE_NUM.search(text) or _DATE_COMPACT.search(text)
    return _iso(m) if m else None


_DATE_COMPACT = re.compile(r"[（(]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[）)]")  # (20230224)


def _place(title: str, head: Head, issuer: str | None, body: str, issuers: list[str]) -> tuple[Place | None, AdminLevel]:
    """The issuing place and its level: national bodies, then the gazetteer, then unit words."""
    if _NATIONAL.search(title) or (issuer and _NATIONAL.search(issuer)):
        return None, AdminLevel.NATIONAL
    named = "\n".join(x for x in (title, head.subtitle, issuer, head.speaker, *issuers) if x)
    place = resolve_place(named, fallback=False)
    if place is not None and place.code is not None:
        return place, place.level
    for level, pat in _LEVEL_TITLE:
        if pat.search(title):
            # the unnamed 市 of a title that names its own place elsewhere (市人民政府关于印发
            # 健康六盘水行动…) is that place when the levels agree
            named_in_title = next((m.place for m in find_places(title) if m.place.code and m.place.level is level), None)
            if named_in_title is not None:
                return named_in_title, level
            return Place(pat.search(title).group(0)[-1:], None, level), level
    word = level_word(named)
    if word is not None:
        return word, word.level
    counts = [(len(pat.findall(body)), -i, level) for i, (level, pat) in enumerate(_LEVEL_BODY)]
    best = max(counts)
    if best[0] > 0:
        return None, best[2]
    if _NATIONAL.search(body[:200]):
        return None, AdminLevel.NATIONAL
    return (place, place.level) if place is not None else (None, AdminLevel.UNKNOWN)


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
    """The first 文号 that is the document's own: not one in a citation 《…》(国发〔2019〕13号)."""
    for m in DOC_NUMBER.finditer(head):
        before = head[max(0, m.start() - 2) : m.start()]
        if before.endswith(("》(", "》（", "》 (")) or before[-1:] == "》":
            continue
        return re.sub(r"\s+", "", m.group(0))
    return None
