"""The frozen records that pipeline stages pass to each other.

Every ``start``/``end`` pair is a half-open character range into ``Source.text``, the file's
decoded text exactly as read (never into a cleaned or normalised copy). Stages:

    read     -> Source
    clean    -> CleanText      (removals and gaps recorded, a map back to Source offsets)
    split    -> Document*      (metadata, sections filled by the outline stage)
    outline  -> Section tree
    programs -> Program*
    graph    -> RDF triples (the only stage that makes triples)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum


class SourceFormat(str, Enum):
    """How the text of a source was obtained."""

    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    DOC = "doc"  # legacy Word 97-2003 binary


@dataclass(frozen=True)
class Source:
    """One input file, decoded. ``text`` is what every offset refers to."""

    path: str
    text: str
    encoding: str
    format: SourceFormat


class RemovalKind(str, Enum):
    """Why a range of the source was left out of the cleaned text."""

    BANNER = "banner"  # site names, URLs, breadcrumbs (您的位置…>>正文), share notices
    META = "meta"  # 来源/作者/发表时间/更新时间 lines
    BOOKMARK = "bookmark"  # [bookmark: _Toc1]
    TOOLBAR = "toolbar"  # 下载/打印/字号/访问量 lines
    TRUNCATION = "truncation"  # paywall notices; always also a Gap
    AD_BLOCK = "ad_block"  # trailing 配套讲稿/特殊限制/关键词 blocks
    PREVIEW = "preview"  # a teaser line repeating the start of the article
    PAGE_MARKER = "page_marker"  # "\n2、" page numbers of .docx conversions, "- 3 -" footers


@dataclass(frozen=True)
class Removal:
    """A source range removed by cleaning, kept so nothing is lost silently."""

    kind: RemovalKind
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Gap:
    """A place where text is known to be missing (a truncation notice stood there)."""

    start: int
    end: int
    notice: str
    missing_chars: int | None = None


@dataclass(frozen=True)
class TextMap:
    """Maps offsets of a cleaned text back to the source text.

    ``segments`` holds ``(clean_start, source_start, length)`` runs of text kept verbatim, sorted by
    ``clean_start``; between runs, source characters were removed.
    """

    segments: tuple[tuple[int, int, int], ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s[0] for s in self.segments))

    def to_source(self, i: int) -> int:
        """Source offset of clean offset ``i`` (an end offset maps to just after its last character)."""
        if not self.segments:
            return i
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            return self.segments[0][1]
        cs, ss, n = self.segments[k]
        if i - cs <= n:
            return ss + (i - cs)
        return ss + n

    def to_source_end(self, i: int) -> int:
        """Source offset for a clean *end* offset: just after the source character of ``i - 1``."""
        if i <= 0:
            return self.to_source(0)
        return self.to_source(i - 1) + 1


@dataclass(frozen=True)
class CleanText:
    """The text with boilerplate removed, plus everything needed to map back to the source."""

    source: Source
    text: str
    map: TextMap
    removals: tuple[Removal, ...]
    gaps: tuple[Gap, ...]
    gap_positions: tuple[int, ...] = ()  # clean offsets where a gap stood, sorted

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source range of the clean range ``[start, end)``."""
        if end <= start:
            s = self.map.to_source(start)
            return s, s
        return self.map.to_source(start), self.map.to_source_end(end)


class SectionKind(str, Enum):
    """Numbering styles of the outline, outermost first."""

    PART = "part"  # 第一篇 / 第一部分 / 第一章
    CHAPTER = "chapter"  # 一、
    SECTION = "section"  # （一） (一)
    ITEM = "item"  # 1. 1、 1）
    SUBITEM = "subitem"  # （1） (1)
    POINT = "point"  # ① ②
    ENUM = "enum"  # 一是 二是 / 一要 二要: ordered items under the current section


@dataclass(frozen=True)
class Section:
    """One numbered heading and everything under it, until the next heading of its rank or above."""

    label: str  # the marker as written: 一、 （一） (一) 1. 1、 一是
    # heading text without the marker (up to where the body starts). It is the source text at
    # [title_start, title_end), less anything cleaning removed inside that range (a .docx page
    # number or a bookmark between two parts of one heading), which the Removals record.
    title: str
    kind: SectionKind
    ordinal: int | None  # 3 for 三、 / (三) / 3. / 三是
    start: int  # source offset of the marker
    end: int  # source offset where the section (with its children) ends
    title_start: int
    title_end: int
    children: tuple[Section, ...] = ()
    recovered: bool = False  # known only from a table of contents; its body was lost in a gap


class DocKind(str, Enum):
    """What kind of document this is, from its title (the genre word that ends it)."""

    SUMMARY = "summary"  # 工作总结, 述职
    PLAN = "plan"  # 方案, 计划, 行动, 要点, 规划
    REPORT = "report"  # 报告 (政府工作报告), 公报, 通报
    OPINION = "opinion"  # 意见, 决定, 办法, 细则
    NOTICE = "notice"  # 通知, 通告, 公告, 函
    LIST = "list"  # 职责清单, 任务清单, 责任分工
    TRANSCRIPT = "transcript"  # 实录, 新闻发布会
    INTERPRETATION = "interpretation"  # 解读
    OTHER = "other"


class AdminLevel(str, Enum):
    """The administrative level of the issuing body."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    COUNTY = "county"
    TOWNSHIP = "township"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Place:
    """An administrative division of China, from the GB/T 2260 code list (or only a level when the
    text names none: 全县, 区卫生健康局)."""

    name: str  # the official full name: 广西壮族自治区, 恩施土家族苗族自治州; or the unit word: 县
    code: str | None  # 6-digit GB/T 2260 code: 450000; None when only the level is known
    level: AdminLevel
    province: str | None = None  # the province-level division it lies in (itself for a province)


@dataclass(frozen=True)
class PlaceMention:
    """Where a place is named in a text (offsets into the string that was searched)."""

    place: Place
    start: int
    end: int
    text: str  # as written: 广西, 恩施州, 义乌市


@dataclass(frozen=True)
class Document:
    """One document of a file (a file may hold several) with its metadata and outline."""

    clean: CleanText  # the whole file's cleaned text; the document is a range of it
    index: int  # position in the file, from 0
    title: str
    year: int | None
    kind: DocKind
    level: AdminLevel
    issuer: str | None
    doc_number: str | None
    start: int  # source offsets
    end: int
    clean_start: int  # the same range in clean-text offsets
    clean_end: int
    sections: tuple[Section, ...] = ()
    has_toc: bool = False
    truncated: bool = False
    subtitle: str | None = None  # ——2026年1月25日在…人民代表大会第四次会议上 (without the dashes)
    date: str | None = None  # ISO date the document states (meeting, signing or publishing)
    speaker: str | None = None  # 省长 王予波, for reports delivered at a meeting
    place: Place | None = None  # the issuing place
    parent: int | None = None  # index (in the same file) of the document that issues this one
    title_start: int | None = None  # source offsets of the title as written (None if not in the text)
    title_end: int | None = None

    @property
    def source(self) -> Source:
        """The file this document came from."""
        return self.clean.source

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Known gaps (truncations) inside this document."""
        return tuple(g for g in self.clean.gaps if self.start <= g.start < self.end)


class ProgramKind(str, Enum):
    """Shapes of named programs."""

    NUMERIC = "numeric"  # 三大体系, 五个没有, 一单四制, 两提高、两稳定、两降低
    FORMULA = "formula"  # 1+5+1, 3+X, 1＋N, 公卫20条
    PERIOD = "period"  # 十四五, 八五
    NAMED = "named"  # quoted initiative without a numeral: 放管服, 最多跑一次


class MemberSource(str, Enum):
    """Where a program's member list comes from."""

    TEXT = "text"
    LEXICON = "lexicon"


@dataclass(frozen=True)
class Mention:
    """One occurrence of a program name in a document."""

    start: int  # source offsets of the name as written
    end: int
    text: str  # the source text at [start, end)
    section: Section | None  # the innermost section containing it


@dataclass(frozen=True)
class Member:
    """One member of a program, in text order."""

    text: str
    start: int | None  # source offsets; None for lexicon members
    end: int | None
    source: MemberSource = MemberSource.TEXT
    program_key: str | None = None  # set when the member is itself a named program (三个三 → 三大体系)


@dataclass(frozen=True)
class Program:
    """A named program as used by one document."""

    document: Document
    name: str  # canonical surface: 三大体系, 1+N (half-width)
    key: str  # stable concept key shared across documents
    kind: ProgramKind
    count: int | None  # the count the name states (三会一课 → 4); None if it states none
    members: tuple[Member, ...]
    members_from: MemberSource | None
    count_ok: bool | None  # members agree with count; None when either is unknown
    mentions: tuple[Mention, ...]
    sense: str | None = None  # lexicon sense chosen for ambiguous names (四早 infectious vs chronic)


# ---- entities: cited policies, quantitative targets, organizations, responsibilities -----------


class CitationRelation(str, Enum):
    """What a document does with a 《…》 title it names."""

    CITES = "cites"  # an existing policy it implements or refers to (根据《…》, 贯彻落实《…》)
    ANNOUNCES = "announces"  # a policy to be written (制定《…指南》, 出台《…》)
    ISSUES = "issues"  # a notice issuing its own attachment (现将《…方案》印发给你们)


@dataclass(frozen=True)
class DocNumber:
    """A 文号 as written (国发〔2019〕13号, X卫发[2021]5号) and its parts."""

    text: str  # the source text at [start, end)
    issuer_code: str  # 国发, 国办发, 黔卫发
    year: int
    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """A 《…》 title a document names. ``start``/``end`` cover the title with its book-title marks."""

    document: Document
    title: str  # inside the marks, as written: “健康中国2030”规划纲要
    key: str  # normalised title (quotes, spaces and marks ignored): 健康中国2030规划纲要
    relation: CitationRelation
    start: int
    end: int
    doc_number: DocNumber | None = None  # the 文号 the text gives beside the title
    section: Section | None = None  # innermost section containing it


class TargetKind(str, Enum):
    """A goal the document sets, or a figure it reports as done."""

    TARGET = "target"
    ACHIEVED = "achieved"


class Comparator(str, Enum):
    """How the value bounds the indicator."""

    GE = ">="  # 达到…以上, 不低于, 超过
    LE = "<="  # 控制在…以下, 不超过, 低于
    EQ = "="  # 达到, 为
    INCREASE = "increase"  # 提高5个百分点, 增长10%
    DECREASE = "decrease"  # 下降10%, 降低2个百分点


@dataclass(frozen=True)
class Target:
    """A quantitative target or achievement: 到2025年，人均预期寿命达到79岁."""

    document: Document
    indicator: str  # as written, trimmed of scope words (全省, 全市): 人均预期寿命
    indicator_key: str  # normalised, shared across documents
    value: float
    value_text: str  # the number as written: 79, 九十五 (source text at value_start:value_end)
    unit: str  # as written: 岁, %, /10万, 个百分点
    unit_norm: str  # normalised: %, ‰, pp, per100k, else the unit word (岁, 人, 家, 张 …)
    comparator: Comparator
    year: int | None  # the target year (到2025年) or the year reported
    kind: TargetKind
    start: int  # the statement: indicator … value unit (source offsets, verbatim)
    end: int
    baseline: float | None = None  # 从…提高到…: the value it starts from
    baseline_text: str | None = None
    value_start: int | None = None  # the number as written
    value_end: int | None = None
    section: Section | None = None


@dataclass(frozen=True)
class Organization:
    """A named body that acts, as one document writes it (省卫健委), with its canonical name."""

    document: Document
    name: str  # the source text at [start, end)
    canonical: str  # 省卫生健康委员会 for 省卫健委 / 省卫生健康委
    start: int
    end: int
    section: Section | None = None


class Role(str, Enum):
    """An organization's part in a task."""

    LEAD = "lead"  # 牵头, 负责
    PARTICIPATE = "participate"  # 配合, 参与, 按职责分工负责


@dataclass(frozen=True)
class Responsibility:
    """One (organization, task) assignment: （省卫生健康委牵头，省教育厅按职责分工负责）."""

    document: Document
    org: Organization  # the mention inside the assignment
    role: Role
    task: str  # the section or item title the assignment closes, or the duty text of a table row
    task_start: int  # source offsets of the task text
    task_end: int
    start: int  # the assignment itself (the parenthetical, or the table row)
    end: int
    section: Section | None = None  # the section or item whose task this is
