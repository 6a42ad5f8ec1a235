"""The policies a document names: every 《…》 title it cites, announces or issues, with the 文号
the text gives beside it, and the corpus document each cited title resolves to.

What is a citation
    A 《…》 pair closed within its sentence: the 》 that balances the 《 (nested marks count, so
    《关于印发〈X〉的通知》 and 《关于印发《X》的通知》 are one title, reported once), no 。！？； between
    them, at most one line break inside the title (one a PDF or web copy wrapped) and one more on
    either side of it (《\n“健康中国2030”规划纲要\n》), and at most 120 characters between the marks
    (more is a stray 《 that never closed). ``start``/``end`` cover the marks; ``title`` is the
    source text between the outer marks as written (quotes, nested marks, line breaks and
    traditional characters kept); ``key`` is :func:`citation_key` of it, which ignores all of those.

    A policy title names its genre: once a trailing qualifier is set aside (（草案）, （试行）,
    (2021—2025年), （2024年版）, 征求意见稿, closing quotes), it ends with a genre word of official
    documents and laws (通知, 意见, 方案, 规划, 纲要, 计划, 要点, 办法, 条例, 法, 规定, 标准, 指南, 制度,
    建议, 报告, 清单, 行动 …); or it is a 关于… title; or a 文号 goes with it; or a verb of citing or
    writing stands right before it (根据《…》, 贯彻落实《…》, 推动出台《…》: a title with a typo or cut
    short is still a policy there). Pinyin a page glued after rare characters (規(guī)劃) is read
    past. A title that does none of these names a work, not a policy — a film, a play, a song, a
    book, a newspaper, a journal, a programme (《人民日报》, 《新闻联播》, 《齐鲁文库》, 《您的声音》) —
    and is no citation. Neither is a title right after a genre word of the arts or the media
    (电影, 电视剧, 纪录片, 话剧, 歌曲, 晚会, 栏目 …) or right before one (《X》等精品鲁剧, 《X》杂志),
    whatever it ends with, nor the titles listed with such a title (纪录片《A》《B》). A document never
    cites its own title (a page's 收藏《…》 button, a chrome line repeating the title with the
    document's own 文号), and a file name (《….docx》) is no policy.

    A title without marks is a citation too when a 文号 in brackets follows it and it is a 关于…
    title or a verb of citing introduces it: 贯彻落实国务院办公厅关于推动公立医院高质量发展的意见
    （国办发〔2021〕18号）. Its ``start``/``end`` cover the title alone, so ``source.text[start]`` is
    no 《 and ``source.text[start:end]`` is the title.

The 文号
    A 文号 in brackets right after the 》 (《…》（国发〔2019〕13号）, 《…》(国办发〔2016〕77号)精神), at
    the end of the title inside the marks (《…的意见（国发〔2019〕13号）》), or just before the 《
    (国发〔2019〕13号《…》, 国办发〔2016〕77号文件《…》). Brackets 〔〕［］[]【】()（） around the year, a
    lost bracket (国发2019〕13号) and full-width digits are read; :func:`parse_doc_number` gives its
    parts. ``DocNumber.start``/``end`` cover the 文号 without the brackets around it.

The relation
    ``issues``: the document prints the title as its own attachment — 现将《X》印发给你们,
    《X》已经…同意，现印发给你们, 《A》和《B》…现予以下发, 现印发《X》, an attachment line 附件：《X》 (and
    the numbered lines 2.《Y》 under it), or
    the 《X》 of the document's own title 关于印发《X》的通知 (颁发, 发布, 下发 alike). 转发 forwards
    another body's document, and another notice's title (根据…关于印发《X》的通知) names X as done:
    ``cites``.

    ``announces``: a verb of writing a policy governs the title (制定, 研究制定, 出台, 编制, 起草, 修订,
    拟定 …) and the policy is still to come. It is done, so ``cites``, when a 文号 goes with it, when
    the verb takes 了 (制定了《X》), is told done (已, 已经, 先后, 相继, 陆续) or makes an attribute
    (市委制定的《X》). It is to come when a marker says so (将, 拟, 计划, 年内, 力争, 尽快, 抓紧, 适时,
    启动 …). Else the part of the document decides: a top section titled 回顾/总结/完成情况/成效/发展
    基础 looks back, one titled 计划/安排/打算/重点工作/目标任务 looks ahead; else a weaker marker (加快,
    推动, 推进, 研究) makes it future; else the kind of document: summaries, reports and transcripts
    tell what was done, plans, opinions and notices what will be. A verb of publishing alone (印发,
    颁布, 发布: 国务院印发《X》) tells a fact: ``announces`` only with a marker or a section that
    looks ahead.

    ``cites``: everything else — 根据/按照/依据/依照/参照/对照/贯彻落实《…》 or a plain mention.
    The governing verb is the last one in the clause before the title, the text of titles listed
    before it skipped (贯彻落实《A》、《B》和省政府《C》: 贯彻落实 governs all three; the 制定 inside
    《关于制定…的建议》 governs nothing).

Matching reads windows of the document's cleaned text (:class:`~hwgraph.entities._common.DocText`)
with traditional characters read as simplified (the table of :func:`hwgraph._text.matching_form`,
one character to one); everything reported is sliced from the source. Only the characters around a
《 or a 号） are read, so the cost is a few ``str.find`` over the text. :func:`resolve_citations`
maps the keys of a set of citations to the corpus documents whose titles they name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import partial

from hwgraph._text import _matching_table, matching_form
from hwgraph.entities._common import DocText
from hwgraph.outline import section_at
from hwgraph.types import Citation, CitationRelation, DocKind, DocNumber, Document, Section

__all__ = ["MAX_TITLE", "citation_key", "find_citations", "parse_doc_number", "resolve_citations"]

MAX_TITLE = 120  # characters between the marks; more is a 《 that never closed

# ---- 文号 ------------------------------------------------------------------------------------

_OPEN_B = "〔\\[［【(（"
_CLOSE_B = "〕\\]］】)）"
# issuer code (CJK, a few Latin letters), the year in brackets (either may be lost), the number
_DOC_NUMBER = (
    rf"(?P<dn>(?P<code>[\u4e00-\u9fffA-Za-z]{{1,14}}?)?\s*(?P<ob>[{_OPEN_B}])?\s*"
    rf"(?P<year>(?:19|20|１９|２０)\d{{2}})\s*(?P<cb>[{_CLOSE_B}])?\s*(?:第\s*)?(?P<num>\d{{1,5}})\s*[号號])"
)
_DOC_NUMBER_FULL = re.compile(rf"\s*{_DOC_NUMBER}\s*")
# after a 》: （国发〔2019〕13号 …
_NUMBER_AFTER = re.compile(rf"[ \t\u3000]*[（(]\s*{_DOC_NUMBER}")
# before a 《: 国发〔2019〕13号《 / 国发〔2019〕13号文件《 / （国发〔2019〕13号）《
_NUMBER_BEFORE = re.compile(rf"{_DOC_NUMBER}[）)]?\s*(?:文件)?\s*$")
# at the end of a title: 《…的意见（国发〔2019〕13号）》
_NUMBER_INSIDE = re.compile(rf"[（(]\s*{_DOC_NUMBER}\s*[）)]?\s*$")
# a bracketed 文号 ending at the 号: for titles without marks
_NUMBER_PAREN_END = re.compile(rf"[（(]\s*{_DOC_NUMBER}$")


def parse_doc_number(text: str) -> tuple[str, int, int] | None:
    """``(issuer code, year, number)`` of a 文号 written alone, or None if ``text`` is not one.

    >>> parse_doc_number("国发〔2019〕13号")
    ('国发', 2019, 13)
    >>> parse_doc_number("黔卫发[２０２１]５号")
    ('黔卫发', 2021, 5)
    >>> parse_doc_number("(2020)12号")
    ('', 2020, 12)

    Brackets 〔〕［］[]【】()（） around the year, one of them lost (国发2019〕13号), 第 before the number,
    spaces and full-width digits are read; the issuer code is returned as written (traditional
    stays traditional). A year and number with neither an issuer code nor a bracket (20202248号)
    are no 文号.
    """
    m = _DOC_NUMBER_FULL.fullmatch(text)
    return _parts(m) if m else None


def _parts(m: re.Match[str]) -> tuple[str, int, int] | None:
    code = m.group("code") or ""
    if not code and not (m.group("ob") or m.group("cb")):
        return None
    return code, int(m.group("year")), int(m.group("num"))


# ---- keys ------------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")
# pinyin a page glued after a rare character: 規(guī)劃
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"[(（][a-zü]*[{_TONES}][a-zü{_TONES}]*[)）]")


# characters a text in traditional script can hardly do without in its first lines
_TRADITIONAL_HINTS = "國發關為於們會這個來時說對經區衛業務實與條進現發華級"


def _m(s: str) -> str:
    """``s`` with traditional characters read as simplified (same length)."""
    return s.translate(_matching_table())


def citation_key(title: str) -> str:
    """The form of a title two documents share: “健康中国2030”规划纲要 → 健康中国2030规划纲要.

    Quotes (“”‘’"'「」), book-title marks (《》〈〉), brackets, spaces, line breaks and every other
    punctuation mark are dropped; full-width letters and digits become half-width (NFKC), Latin
    letters lower case, traditional characters simplified (one to one, the table of
    :func:`hwgraph._text.matching_form`): 《“健康長春2030”規劃綱要》 → 健康长春2030规划纲要.
    """
    if "(" in title or "（" in title:
        title = _PINYIN.sub("", title)
    return _NOT_WORD.sub("", _m(unicodedata.normalize("NFKC", title)).lower())


# ---- what a title is -------------------------------------------------------------------------

# the genre word a policy title ends with
_GENRE_END = re.compile(
    r"(?:通知|通告|公告|意见|方案|规划|纲要|纲领|大纲|计划|要点|思路|办法|条例|法|法典|修正案|决定|决议|规定|"
    r"细则|规则|通则|规程|流程|标准|指南|指引|规范|制度|措施|举措|政策|建议|议案|提案|报告|年报|简报|快报|月报|"
    r"清单|目录|名录|名单|总结|通报|公报|批复|复函|函|答复|章程|规章|准则|守则|原则|共识|路线图|行动|工程|战略|"
    r"协议|备忘录|意见书|决定书|建议书|协议书|通知书|告知书|承诺书|责任书|任务书|倡议书|计划书|说明书|手册|汇编|"
    r"白皮书|蓝皮书|纪要|说明|解读|指标|体系|机制|任务|分工|公约|宣言|倡议|须知|要求|范本|示范文本|表|路径|"
    r"服务包|(?:\d+|[一二三四五六七八九十百]+)条)$"
)
# qualifiers a title may end with: （草案） (2021—2025年) （2024年版） 征求意见稿 and closing quotes
_QUALIFIER_END = re.compile(
    r"(?:[（(〔\[［【][^（）()]{0,30}[）)〕\]］】]|[”’\"'」』\s]|征求意见稿|送审稿|代拟稿|讨论稿|修订稿|"
    r"草案|试行|暂行|修订|修正)+$"
)
# genre words of the arts and media: a title after one (电视剧《X》) or before one (《X》等精品鲁剧)
_MEDIA = (
    r"电影|微电影|纪录电影|电视剧|网络剧|纪录片|专题片|宣传片|动画片|影片|影视剧|影视作品|话剧|舞剧|歌剧|"
    r"音乐剧|京剧|曲剧|越剧|豫剧|黄梅戏|川剧|粤剧|鲁剧|杂技剧|舞台剧|广播剧|舞蹈|歌曲|歌舞|晚会|节目|栏目|"
    r"专栏|综艺|丛书|图书|书籍|小说|诗集|散文集|杂志|期刊|报纸|刊物|剧目|作品|文艺作品|演出"
)
_MEDIA_BEFORE = re.compile(rf"(?:{_MEDIA})\s*$")
_MEDIA_AFTER = re.compile(rf"\s*等?(?:一批|一系列|系列|多部|\d+部|精品|优秀|重点)*(?:{_MEDIA})")
# between two titles of one list: 《A》《B》 / 《A》、《B》 / 《A》和《B》
_LIST_GAP = re.compile(r"\s*(?:[、，,]|和|及|以及|与)?\s*")
# a verb of citing or writing right before a title makes it a policy whatever it ends with
_ACCEPT_BEFORE = re.compile(
    r"(?:根据|依据|按照|依照|遵照|参照|贯彻落实|贯彻|落实|执行|制定|制订|出台|编制|起草|修订|印发|颁布|转发)了?$"
)
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|xlsx?|txt|html?)\b", re.I)


def _is_policy_title(inner: str) -> bool:
    """A title (matching form) naming a policy: a 关于… title, or one ending with a genre word."""
    if "关于" in inner:
        return True
    if "(" in inner or "（" in inner:
        inner = _PINYIN.sub("", inner)
    core = _QUALIFIER_END.sub("", inner)
    return bool(core) and _GENRE_END.search(core) is not None


# ---- relations -------------------------------------------------------------------------------

# verbs that govern a title: writing it (ann), publishing it (pub) or acting on an existing one (cite)
_VERB = re.compile(
    r"(?P<ann>研究制定|制定出台|制定印发|制定实施|印发实施|出台实施|研究出台|修订完善|制定|制订|出台|编制|起草|"
    r"修订|修编|修改|拟定|拟订|编写)|(?P<pub>印发|颁布|颁发|发布|推出|下发)"
    r"|(?P<cite>根据|依据|按照|依照|遵照|参照|比照|对照|贯彻落实|贯彻|落实|执行|实施|遵循|对标|学习|宣传|宣贯|"
    r"解读|结合|围绕|转发|纳入|列入|对接|衔接|符合|适用|违反|审议|审查|提交|召开|征求|收到|收悉)"
)
_PAST_BEFORE = re.compile(r"(?:已经|已|先后|相继|陆续|曾)\s*$")
_FUTURE_STRONG = re.compile(
    r"将|拟|计划|年内|年底前|月底前|季度|力争|争取|尽快|抓紧|适时|启动|着手|预计|即将|下一步"
)
_FUTURE_WEAK = re.compile(r"加快|推动|推进|研究|积极|及时|进一步|探索|谋划|加紧|要|需|应")
_PAST_SECTION = re.compile(
    r"回顾|总结|成绩|成就|成效|完成情况|开展情况|工作情况|工作状况|进展|亮点|过去|上半年工作|发展基础|发展环境|"
    r"面临形势|现状|背景"
)
_FUTURE_SECTION = re.compile(
    r"计划|思路|打算|安排|重点工作|主要任务|目标任务|工作任务|重点任务|下半年|展望|主要目标|举措"
)
_LOOKS_BACK = frozenset({DocKind.SUMMARY, DocKind.REPORT, DocKind.TRANSCRIPT, DocKind.INTERPRETATION})
# the document prints it: 《X》印发给你们 / 现予以下发 / 现印发 / 印发如下
_ISSUE_AFTER = re.compile(
    r"(?:印发|下发|发|颁发|发布|公布)给?(?:你们|你单位|你局|你委|你院|各)|现(?:予以?)?(?:印发|发布|公布|下发)|"
    r"予以(?:印发|发布|公布|下发)|(?:印发|发布|公布)如下"
)
_ISSUE_BEFORE = re.compile(r"(?:现印发|现予印发|现予以印发|现发布|现予发布|现予公布)\s*$")
_ATTACHMENT_BEFORE = re.compile(
    r"附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?\s*(?:\d{1,2}\s*[.．、]\s*)?$"
)
_TITLE_ISSUES = re.compile(r"(?<!转)(?:印发|颁发|发布|下发|公布)\s*$")
_NOTICE_TITLE = re.compile(r"关于(?:印发|颁发|发布|下发|公布|转发)\s*$")
_ENUMERATOR = re.compile(r"[ \t\u3000]*\d{1,2}\s*[.．、]\s*")
_ENUMERATED_TITLE = re.compile(r"[ \t\u3000]*\d{1,2}\s*[.．、]\s*《")
_LINE_END = re.compile(r"[ \t\u3000]*(?:[。；;，,]|\n|$)")
# 《X》已经市政府同意，现印发给你们
_APPROVED = re.compile(r"(?:已经?|业经|经)[^，,。]{0,60}(?:同意|通过|批准)\s*$")
_CLAUSE_END = "，。；：！？,;:!?\n"
_LAST_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]*$")
_SENTENCE_END = "。；！？;!?"
_CLAUSE_BACK = 40  # characters of a clause read before a title (titles listed in it skipped)

# ---- titles without marks --------------------------------------------------------------------

_CONNECTOR = re.compile(r"(?:为了|为|并|和|及|以及|与|、|同时|另外|此外|特别是|深入|认真|全面)+")


# ---- the scan --------------------------------------------------------------------------------


def find_citations(document: Document) -> list[Citation]:
    """The policies ``document`` names, in text order (see the module docstring for the rules)."""
    dt, conv = _doc_text(document)
    t = dt.text
    own_key = (
        citation_key(_TRAILING_NUMBER.sub("", document.title) or document.title) if document.title else ""
    )
    out: list[Citation] = []
    spans: list[tuple[int, int]] = []  # every 《…》 seen, policy or not (masked when reading verbs)
    prev_end, prev_media = -1, False
    prev_title_end = -1  # the end of the last title reported
    pos = t.find("《")
    while pos >= 0:
        j = _closing(t, pos)
        if j < 0:
            pos = t.find("《", pos + 1)
            continue
        inner = _m(t[pos + 1 : j])  # always: a simplified text may quote a traditional title
        listed = prev_end >= 0 and _LIST_GAP.fullmatch(t, prev_end, pos) is not None
        media = (listed and prev_media) or _media(t, pos, j, inner, conv)
        prev_end, prev_media = j + 1, media
        key = citation_key(inner)
        if not (media or len(key) < 2 or key == own_key or _FILE_NAME.search(inner)):
            number = _number_near(t, pos, j)
            policy = (
                number is not None
                or _is_policy_title(inner)
                or _ACCEPT_BEFORE.search(conv(t[max(0, pos - 6) : pos]))
            )
            if policy and not _own_number(dt, number):
                relation = _relation(dt, conv, pos, j + 1, spans, own_key, number is not None)
                if (
                    listed
                    and out
                    and out[-1].relation is CitationRelation.ISSUES
                    and spans[-1][1] == prev_title_end
                ):
                    relation = CitationRelation.ISSUES  # 关于印发《A》和《B》的通知, 现印发《A》、《B》
                out.append(_citation(dt, pos, j + 1, key, relation, number))
                prev_title_end = j + 1
        spans.append((pos, j + 1))
        pos = t.find("《", j + 1)
    unmarked = _unmarked(dt, own_key)
    if unmarked:
        out.extend(unmarked)
        out.sort(key=lambda c: c.start)
    return out


def _doc_text(document: Document) -> tuple[DocText, Callable[[str], str]]:
    """The document's cleaned text as a :class:`DocText` whose ``text`` is left as written (not
    in matching form), and the conversion of its windows to matching form: :func:`_m` for a text
    :func:`hwgraph._text.matching_form` would convert, else none. Only the few windows read are
    converted and sections are looked up for the few citations found, so neither the whole text
    nor the outline is walked (``doc_text`` would do both: most of this extractor's time)."""
    raw = document.clean.text[document.clean_start : document.clean_end]
    dt = DocText(document, raw, document.clean_start, partial(section_at, document.sections))
    head = raw[:1000]
    traditional = any(ch in head for ch in _TRADITIONAL_HINTS) and matching_form(head) != head
    return dt, _m if traditional else _same_text


def _same_text(s: str) -> str:
    return s


def _own_number(dt: DocText, span: tuple[int, int] | None) -> bool:
    """The 文号 at ``dt.text[span]`` is the document's own and stands in its head: the title
    repeated in page chrome (中国…首页关于印发X的通知(景政办发〔2020〕49号)), not a citation."""
    d = dt.document
    if span is None or not d.doc_number:
        return False
    s = dt.span(span[0], span[0] + 1)[0]
    head_end = d.title_end if d.title_end is not None else d.start + 300
    if s > head_end + 40:
        return False
    mine, own = parse_doc_number(dt.text[span[0] : span[1]]), parse_doc_number(d.doc_number)
    if mine is None or own is None or mine[1:] != own[1:]:
        return False
    a, b = _m(mine[0]), _m(own[0])
    return a.endswith(b) or b.endswith(a)


def _closing(t: str, i: int) -> int:
    """Index of the 》 that closes the 《 at ``t[i]`` within its sentence, or -1."""
    limit = min(len(t), i + MAX_TITLE + 2)
    k = t.find("》", i + 1, limit)
    if k < 0:
        return -1
    if t.find("《", i + 1, k) >= 0:  # nested marks: balance them
        depth, p = 1, i + 1
        while depth:
            o = t.find("《", p, limit)
            c = t.find("》", p, limit)
            if c < 0:
                return -1
            if 0 <= o < c:
                depth, p = depth + 1, o + 1
            else:
                depth, p = depth - 1, c + 1
        k = p - 1
    seg = t[i + 1 : k]
    core = seg.strip()
    if not core or core.count("\n") > 1 or any(ch in seg for ch in _SENTENCE_END):
        return -1
    # a line break may also pad the title inside its marks (《\n“健康中国2030”规划纲要\n》), one a side
    if seg.count("\n") > 1 and (
        seg[: seg.find(core)].count("\n") > 1 or seg[seg.find(core) + len(core) :].count("\n") > 1
    ):
        return -1
    return k


def _media(t: str, i: int, j: int, inner: str, conv: Callable[[str], str]) -> bool:
    """The title at ``t[i:j+1]`` names a work of the arts or the media, not a policy."""
    if _MEDIA_BEFORE.search(conv(t[max(0, i - 6) : i])):
        return True
    return "关于" not in inner and _MEDIA_AFTER.match(conv(t[j + 1 : j + 14])) is not None


def _dn_span(m: re.Match[str], base: int = 0) -> tuple[int, int]:
    """The span of a 文号 match without spaces or a leading verb (按照国发〔2019〕13号 → 国发…)."""
    s, e = m.span("dn")
    text = m.string
    while text[s].isspace():
        s += 1
    code = m.group("code")
    if code:
        verbs = list(_VERB.finditer(_m(code)))
        if verbs and verbs[-1].end() < len(code):
            s = m.start("code") + verbs[-1].end()
    elif not m.group("ob") and m.group("cb") and s > 0 and text[s - 1] in "（(":
        s -= 1  # 《…》（(2020)12号）read as （ + 2020)12号: the year's bracket is the one before
    return base + s, base + e


def _number_near(t: str, i: int, j: int) -> tuple[int, int] | None:
    """The 文号 beside the title ``t[i:j+1]``: after it, at its end inside the marks, or before it."""
    m = _NUMBER_AFTER.match(t, j + 1, min(len(t), j + 40))
    if m and _parts(m):
        return _dn_span(m)
    if t[j - 1] in "）)":
        m = _NUMBER_INSIDE.search(t, max(i + 1, j - 30), j)
        if m and _parts(m):
            return _dn_span(m)
    if t.find("号", max(0, i - 8), i) >= 0 or t.find("號", max(0, i - 8), i) >= 0:
        m = _NUMBER_BEFORE.search(t, max(0, i - 30), i)
        if m and _parts(m):
            return _dn_span(m)
    return None


def _masked_clause(t: str, i: int, spans: list[tuple[int, int]], conv: Callable[[str], str]) -> str:
    """The clause before ``t[i]`` (back to its last comma or stop), earlier titles in it as 《》,
    in matching form."""
    lo = max(0, i - _CLAUSE_BACK)
    pieces: list[str] = []
    end = i
    for s, e in reversed(spans):
        if e <= lo:
            break
        pieces.append(t[e:end])
        pieces.append("《》")
        end = s
    if end > lo:
        pieces.append(t[lo:end])
    text = "".join(reversed(pieces))
    last = _LAST_CLAUSE.search(text)
    return conv(last.group(0) if last else text)


def _issued_after(t: str, j: int, conv: Callable[[str], str]) -> bool:
    """The sentence after a title prints it: 《X》印发给你们 / 《X》已经…同意，现印发给你们."""
    after = conv(t[j : j + 90])
    if "(" in after:
        after = _PINYIN.sub("", after)
    stop = min((k for k in (after.find(ch) for ch in "。；;") if k >= 0), default=len(after))
    clauses = re.split("[，,]", after[:stop], maxsplit=2)
    if "转发" in clauses[0]:
        return False
    if _ISSUE_AFTER.search(clauses[0]):
        return True
    return (
        len(clauses) > 1
        and _APPROVED.search(clauses[0]) is not None
        and _ISSUE_AFTER.search(clauses[1]) is not None
    )


def _relation(
    dt: DocText,
    conv: Callable[[str], str],
    i: int,
    j: int,
    spans: list[tuple[int, int]],
    own_key: str,
    numbered: bool,
) -> CitationRelation:
    """What the document does with the title at ``dt.text[i:j]``."""
    t = dt.text
    doc = dt.document
    before = conv(t[max(0, i - 8) : i])
    if _TITLE_ISSUES.search(before) and (_NOTICE_TITLE.search(before) or _in_title(dt, i, j)):
        # 关于印发《X》的通知: the document's own title issues X; another notice's title names X as done
        line_start = t.rfind("\n", 0, i) + 1
        line_end = t.find("\n", j)
        line = t[line_start : len(t) if line_end < 0 else line_end]
        own = _in_title(dt, i, j) or citation_key(line) == own_key
        return CitationRelation.ISSUES if own else CitationRelation.CITES
    if _NOTICE_TITLE.search(before):  # 关于转发《X》的通知
        return CitationRelation.CITES
    if _issued_after(t, j, conv):
        return CitationRelation.ISSUES
    clause = _masked_clause(t, i, spans, conv)
    if _ISSUE_BEFORE.search(clause) or (_LINE_END.match(t, j) and _attachment_line(t, i, conv)):
        return CitationRelation.ISSUES
    verbs = list(_VERB.finditer(clause))
    if numbered or not verbs or verbs[-1].group("cite"):  # a policy with a 文号 exists
        return CitationRelation.CITES
    v = verbs[-1]
    between = clause[v.end() :]
    head = clause[: v.start()]
    if between.startswith("了") or "的" in between or _PAST_BEFORE.search(head):
        return CitationRelation.CITES
    if _FUTURE_STRONG.search(head[-12:]):
        return CitationRelation.ANNOUNCES
    tense = _section_tense(doc, dt.span(i, i + 1)[0])
    if tense is not None or v.group("pub"):  # 印发《X》 alone tells a fact; only a future makes it a plan
        return CitationRelation.ANNOUNCES if tense else CitationRelation.CITES
    if _FUTURE_WEAK.search(head[-8:]):
        return CitationRelation.ANNOUNCES
    return CitationRelation.CITES if doc.kind in _LOOKS_BACK else CitationRelation.ANNOUNCES


def _attachment_line(t: str, i: int, conv: Callable[[str], str]) -> bool:
    """The title at ``t[i]`` is an item of the document's attachment list: 附件：《X》, or a numbered
    line 2.《Y》 under 附件：1.《X》."""
    if _ATTACHMENT_BEFORE.search(conv(t[max(0, i - 12) : i])):
        return True
    line_start = t.rfind("\n", 0, i) + 1
    if not _ENUMERATOR.fullmatch(t, line_start, i):
        return False
    k = conv(t[max(0, line_start - 300) : line_start]).rfind("附件")
    if k < 0:
        return False
    block = t[max(0, line_start - 300) + k : line_start].split("\n")[1:]
    return all(not line.strip() or _ENUMERATED_TITLE.match(line) for line in block)


def _in_title(dt: DocText, i: int, j: int) -> bool:
    """The title at ``dt.text[i:j]`` is inside the document's own title line."""
    d = dt.document
    if d.title_start is None or d.title_end is None:
        return False
    s, e = dt.span(i, j)
    return d.title_start <= s and e <= d.title_end


def _section_tense(doc: Document, offset: int) -> bool | None:
    """True when the top sections around ``offset`` look ahead (计划, 安排), False when they look
    back (回顾, 完成情况), None when their titles say neither (or both)."""
    level: tuple[Section, ...] = doc.sections
    for _ in range(2):
        sec = next((s for s in level if s.start <= offset < s.end), None)
        if sec is None:
            return None
        title = _m(sec.title)
        back = _PAST_SECTION.search(title) is not None
        ahead = _FUTURE_SECTION.search(title) is not None
        if back != ahead:
            return ahead
        level = sec.children
    return None


def _citation(
    dt: DocText,
    i: int,
    j: int,
    key: str,
    relation: CitationRelation,
    number_span: tuple[int, int] | None,
    marked: bool = True,
) -> Citation:
    """The record of the title at ``dt.text[i:j]`` (with its marks when ``marked``)."""
    s, e = dt.span(i, j)
    src = dt.document.source.text
    number = None
    if number_span is not None:
        ns, ne = dt.span(*number_span)
        parts = parse_doc_number(src[ns:ne]) or parse_doc_number(dt.text[number_span[0] : number_span[1]])
        if parts is not None:
            number = DocNumber(src[ns:ne], parts[0], parts[1], parts[2], ns, ne)
    return Citation(
        document=dt.document,
        title=src[s + 1 : e - 1] if marked else src[s:e],
        key=key,
        relation=relation,
        start=s,
        end=e,
        doc_number=number,
        section=dt.section(i),
    )


def _unmarked(dt: DocText, own_key: str) -> list[Citation]:
    """Titles without marks that a bracketed 文号 follows: …关于…的意见（国办发〔2021〕18号）."""
    t = dt.text
    out: list[Citation] = []
    for hao in ("号", "號"):  # one character: str.find runs at memchr speed, a pair does not
        k = t.find(hao)
        while k >= 0:
            if t[k + 1 : k + 2] in ("）", ")"):
                c = _unmarked_at(dt, k + 1, own_key)
                if c is not None:
                    out.append(c)
            k = t.find(hao, k + 1)
    return out


def _unmarked_at(dt: DocText, k: int, own_key: str) -> Citation | None:
    """The unmarked citation whose 文号 parenthetical ends with the 号 at ``dt.text[k-1]``."""
    t = dt.text
    m = _NUMBER_PAREN_END.search(t, max(0, k - 30), k)
    if not m or not _parts(m):
        return None
    p = m.start()  # the （
    lo = max(0, p - MAX_TITLE)
    cs = -1
    for q in range(p - 1, lo - 1, -1):  # back to a stop, a mark, or the end of another 文号
        ch = t[q]
        if ch in _CLAUSE_END or ch in "《》" or (ch in "）)" and t[q - 1 : q] in ("号", "號")):
            cs = q + 1
            break
    if cs < 0:
        if lo > 0:
            return None
        cs = 0
    clause = _m(t[cs:p])
    gi = clause.find("关于")
    verbs = [v for v in _VERB.finditer(clause) if gi < 0 or v.end() <= gi]
    if verbs:
        start = verbs[-1].end()
    elif gi >= 0:
        start = 0
    else:
        return None
    lead = _CONNECTOR.match(clause, start)
    if lead:
        start = lead.end()
    while start < len(clause) and clause[start].isspace():
        start += 1
    end = len(clause)
    while end > start and clause[end - 1].isspace():
        end -= 1
    title = clause[start:end]
    if (
        len(title) < 6
        or "《" in title
        or "》" in title
        or not _GENRE_END.search(_QUALIFIER_END.sub("", title))
    ):
        return None
    key = citation_key(title)
    number = _dn_span(m)
    if len(key) < 4 or key == own_key or _own_number(dt, number):
        return None
    return _citation(dt, cs + start, cs + end, key, CitationRelation.CITES, number, marked=False)


# ---- resolution ------------------------------------------------------------------------------

# on keys: 关于印发X的通知 → X
_ISSUED_KEY = re.compile(r"(?:印发|颁发|发布|下发|公布)(?P<x>.{2,}?)的?(?:通知|通告|公告|决定)$")
_TRAILING_NUMBER = re.compile(rf"[（(]\s*{_DOC_NUMBER}\s*[）)]?\s*$")


def _title_keys(title: str) -> tuple[str, list[str]]:
    """The key of a title, and the other keys it is known by: its part from 关于 on, and X of
    关于印发《X》的通知 (a trailing 文号 set aside)."""
    title = _TRAILING_NUMBER.sub("", title) or title
    key = citation_key(title)
    more = []
    gi = key.find("关于")
    if gi > 0:
        more.append(key[gi:])
    m = _ISSUED_KEY.search(key)
    if m:
        more.append(m.group("x"))
    return key, [k for k in more if len(k) >= 2 and k != key]


def resolve_citations(citations: Iterable[Citation], documents: Iterable[Document]) -> dict[str, Document]:
    """Map each citation key to the corpus document it names.

    A document is named by its title's key; failing that, by its title from 关于 on (国务院关于X的
    意见 is cited as 《关于X的意见》) and, for 关于印发《X》的通知, by X — so the plan a notice issues,
    when it is a document of its own titled X, wins over the notice. A cited 《关于印发〈X〉的通知》 or
    《国务院关于X的意见》 that matches no title falls back the same way. A citation never resolves to
    the document that contains it, and a generic title (政府工作报告, 2023年全市卫生健康工作要点: at most
    eight characters once a year and a scope word are set aside) only to a document of the same
    file or the same coded place; keys that match nothing are left out. The map is per key: when
    one key is cited both by the document it names and by others (a notice naming the plan it
    prints, with no separate plan document), it maps to that document, so a caller linking a
    citation still skips ``found[c.key] is c.document``.
    """
    exact: dict[str, list[Document]] = {}
    other: dict[str, list[Document]] = {}
    for d in documents:
        if not d.title:
            continue
        key, more = _title_keys(d.title)
        exact.setdefault(key, []).append(d)
        for k in more:
            other.setdefault(k, []).append(d)
    out: dict[str, Document] = {}
    for c in citations:
        if c.key in out:
            continue
        hit = _lookup([c.key, *_title_keys(c.title)[1]], (exact, other), c.document)
        if hit is not None:
            out[c.key] = hit
    return out


def _lookup(keys: list[str], tables: tuple[dict[str, list[Document]], ...], own: Document) -> Document | None:
    for k in keys:
        generic = _is_generic(k)
        for table in tables:
            for d in table.get(k, ()):
                if not _same(d, own) and (not generic or _same_place(d, own)):
                    return d
    return None


# a title that names no place or body: 政府工作报告, 2023年全市卫生健康工作要点, 纲要草案, 实施办法
_SCOPE_PREFIX = re.compile(r"^(?:\d{4}年度?|[全本我]?[省市县区州盟旗]|[一二三四五六七八九十]+五)*")


def _is_generic(key: str) -> bool:
    """A key too generic to name one document across the corpus: short once a year and a scope
    word (全市, 本县) are set aside. It resolves only within its own file or place."""
    return len(key) - _SCOPE_PREFIX.match(key).end() <= 8


def _same_place(a: Document, b: Document) -> bool:
    if a.source.path == b.source.path:
        return True
    return (
        a.place is not None
        and b.place is not None
        and a.place.code is not None
        and a.place.code == b.place.code
    )


def _same(a: Document, b: Document) -> bool:
    return a is b or (a.source.path == b.source.path and a.index == b.index and a.start == b.start)
