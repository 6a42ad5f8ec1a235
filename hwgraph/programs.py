"""Named programs: numeric policy slogans (三大体系, 一单四制, 1+5+1, 十四五), their members and counts.

Entry point :func:`find_programs` reads one :class:`~hwgraph.types.Document` and returns one
:class:`~hwgraph.types.Program` per program key. It works on the document's cleaned text and maps
every offset back to the source, so ``source.text[start:end]`` is the name or member as written.

Detection, in order of trust:

* quoted names: “三大体系”, “一单四制”, “1+5+1”, “十四五”, “三转变、三提高”, and quoted named
  initiatives without a numeral when an initiative word follows (“放管服”改革, “最多跑一次”改革);
* unquoted names the lexicon knows (三医联动, 四害), plan periods before 规划/时期 (十四五规划),
  formulas (1+N), numeral + 大/项/条/件 + a head noun (七大防治工程, 十项重点工作);
* unquoted names defined in place (A、B和C三件大事; A、B、C三融合), glossary lines (三医联动：是指…),
  and numeral idioms (一刀切) only when the text gives them members that agree with their count.

Members come from the text, in order: a definition that follows the name (“五个没有”：没有…，没有…),
a 以A、B为“…” frame, a preceding enumeration (A、B、C“三大体系”), the parts of a self-composite
(两提高、两稳定、两降低), or programs nearby whose counts add up (“八小” = “三小” + “五小”). Only when
the text spells none are members taken from ontology/lexicon.ttl, marked as such.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from hwgraph.lexicon import lexicon_labels, load_lexicon, program_key, resolve
from hwgraph.outline import section_at
from hwgraph.types import Document, Member, MemberSource, Mention, Program, ProgramKind

# ---- character classes and word lists -------------------------------------------------------------

_CN_DIGITS = "一二两三四五六七八九十百千万双"
_HAN = r"\u4e00-\u9fff"
_BOUNDARY = "，,。；;：:！!？?\n"
_UNITS = (
    "年", "月", "日", "天", "岁", "周", "次", "人", "元", "名", "例", "倍", "成", "号", "小时", "分钟", "秒",
    "米", "公里", "亩", "平方", "届", "期", "轮", "批", "时", "家", "所", "张", "份", "床", "台", "%",
)
# 一是/一要 are enumeration markers; 一流/一致 … are ordinary words that start with a numeral.
_NOT_AFTER_ONE = ("是", "要", "则", "些", "直", "定", "般", "起", "样", "致", "切", "律", "共", "再", "旦",
                  "度", "番", "流", "线", "同", "道", "方面", "体化", "站式", "揽子", "条龙", "把手")
_IDIOMS = (
    "一刀切", "一盘棋", "一本账", "一家人", "一把手", "一站式", "一揽子", "一条龙", "一体化", "一张网", "一张图",
    "一张蓝图", "一竿子", "一米线", "万众一心", "一心一意", "千方百计", "千家万户", "万无一失", "举一反三",
    "一视同仁", "一鼓作气", "三令五申", "四面八方", "五湖四海", "七上八下", "一以贯之", "一抓到底", "两张皮",
    "一手抓", "两手抓", "两手硬", "一锤定音", "一马当先", "一目了然", "九牛一毛", "十全十美", "一举两得",
    "一石二鸟", "独一无二", "一针见血", "一成不变", "一蹴而就", "一劳永逸", "三番五次", "五花八门", "七嘴八舌",
    "十拿九稳", "百花齐放", "百家争鸣", "万紫千红", "一往无前", "一帆风顺", "接二连三", "一丝不苟", "一如既往",
    "千头万绪", "一头热", "一阵风", "一言堂", "一肩挑", "一票否决", "两会", "一线", "一流", "三心二意",
    "一清二楚", "一穷二白", "七零八落", "乱七八糟", "一分为二", "合二为一", "一而再", "一次性",
)
# Place names that begin with a numeral (三明医改 is Sanming's reform, not three of anything).
_PLACES = ("三明", "三亚", "三门峡", "三沙", "六盘水", "六安", "七台河", "九江", "九龙坡", "十堰", "四平", "五指山",
           "万宁", "万州", "百色", "双鸭山", "双流", "二连浩特", "五家渠", "四会", "三河", "万载", "千岛湖")
# Words after a quoted name that make it an initiative (“放管服”改革) rather than a metaphor (“哨点”作用).
_INITIATIVE_AFTER = ("改革", "行动", "活动", "工程", "战略", "计划", "模式", "机制", "制度", "试点", "示范",
                     "建设", "创建", "品牌", "工作法", "攻坚")
_INITIATIVE_VERBS = ("推行", "推进", "深化", "实施", "实现", "推广", "落实", "启动", "开展", "深入推进", "全面推行")
_CLAUSE_END = frozenset("。，,；;、！")
_INITIATIVE_END = ("行动", "工程", "活动", "计划", "改革", "战略", "项目")
# Head nouns that end an unquoted numeral + 大/项/条/件 name (七大防治工程, 十项重点工作).
_HEADS = (
    "体系", "工程", "行动", "战略", "任务", "中心", "基地", "平台", "机制", "制度", "攻坚战", "战役", "举措",
    "措施", "目标", "改革", "主线", "辅线", "抓手", "支撑", "理念", "原则", "准则", "规定", "要求", "工作",
    "大事", "实事", "计划", "保障", "服务", "活动", "清单", "板块", "产业", "片区", "品牌", "示范", "项目",
    "指标", "政策", "网络", "模式", "底线", "红线", "标准", "经验",
)
# 区二医院, 市一中, 第三小学: a numeral before these names an institution, not a count.
_ORDINAL_NOUNS = ("医院", "院", "医", "中", "小", "附", "高", "所", "厂", "队", "处", "科", "室", "病区")
_GENERIC = {"工作", "任务", "措施", "举措", "要求", "目标", "政策", "服务", "活动", "项目", "指标", "标准"}
_ENUM_HEADS = ("网络", "体系", "工程", "行动", "战略", "机制", "制度", "大事", "实事", "工作法", "中心", "基地",
               "平台", "模式", "改革", "慢性病", "慢病", "疾病", "传染病", "病种", "人群", "项目", "任务", "举措")
_TAILS = ("工作", "建设", "作用", "活动", "患者", "人员", "人群", "的", "为", "作为", "和", "及", "与", "等",
          "在", "是", "中", "上", "下", "要求", "情况", "问题", "紧密", "全面", "深入", "不断", "持续", "提供",
          "开展", "进行", "实现", "得到", "取得", "结合", "有机")
# Leading words of a list's first item that govern the whole list (推进A、B、C“三项制度”).
_LEAD_WORDS = (
    "进一步", "切实", "全面", "深入", "持续", "不断", "加快", "积极", "大力", "认真", "扎实", "着力", "努力", "稳步",
    "有序", "继续", "突出", "坚决", "务实", "主动", "全力", "广泛", "逐步", "同步", "精心", "依法", "严格", "抓紧",
    "率先", "充分", "及时", "有效", "重点", "统筹", "协同", "着重", "要", "并", "还", "同时", "也", "都", "均",
    "将", "把", "对", "通过", "按照", "围绕", "聚焦", "紧扣", "紧盯", "依托", "立足", "在", "从", "由", "向",
    "推进", "推动", "落实", "实施", "开展", "加强", "建立", "完善", "健全", "贯穿", "推行", "深化", "坚持", "实现",
    "做好", "做到", "做实", "做优", "做强", "做细", "发挥", "构建", "打造", "提升", "提高", "抓好", "抓实", "抓住",
    "抓牢", "强化", "巩固", "启动", "推广", "优化", "形成", "确保", "增强", "坚定", "贯彻", "学习", "践行", "促进",
    "完成", "建成", "创建", "争创", "搞好", "用好", "运用", "实行", "执行", "守住", "建好", "管好", "引导", "支持",
    "鼓励", "规范", "改善", "加大", "扩大", "防范", "化解", "整治", "治理", "打赢", "打好", "夯实", "筑牢", "织密",
    "织牢", "补齐", "拓展", "培育", "出台", "制定", "印发", "召开", "举办", "组建", "成立", "设立", "聚力", "落细",
    "贯彻落实", "加速", "构筑", "已经", "已", "初步", "保持", "服务于", "助力", "聚焦于", "着眼", "突出抓好",
)
_LEAD_SET = frozenset(_LEAD_WORDS)
_LEAD_MAX = max(len(w) for w in _LEAD_WORDS)
# Verbs that, inside a first item, end a subject before the list proper (省卫健委印发A、B、C…).
_GOVERNING = re.compile(
    "(?:印发|制定|出台|提出|围绕|紧扣|通过|抓好|聚焦|落实|推进|推动|实施|开展|建成|形成|建立|构建|建设)了?"
)
_KEEP_AFTER_LEAD = "化性型的度者员力"

# ---- regular expressions --------------------------------------------------------------------------

_QUOTED = re.compile(r"“([^“”\n]{1,40}?)”|\"([^\"\n]{1,40}?)\"|「([^「」\n]{1,40}?)」|『([^『』\n]{1,40}?)』")
_NUMERAL = rf"(?:[{_CN_DIGITS}]+|(?<!\d)\d{{1,3}}(?!\d)|[xX]{{1,2}}(?=[+类大个项条件种]))"
_NUMERIC_NAME = re.compile(rf"(?P<pre>[{_HAN}]{{0,2}}?)(?P<num>{_NUMERAL})(?P<rest>.*)")
_FORMULA = re.compile(r"(?:\d{1,3}|[xXnN]{1,2})(?:\+(?:\d{1,3}|[xXnN]{1,2}))+")
_PERIOD = re.compile(r"(?:十[一二三四五六七八九]|[六七八九])五")
_FIVE = re.compile("五")
_PERIOD_BEFORE = re.compile("(?:十[一二三四六七八九]|[六七八九])$")
_PERIOD_AFTER = re.compile("规划|时期|期间|普法|计划|末|初期|以来|开局|发展规划|期末|中期|目标|项目|重点|专项|行动")
# Full-width digits, Latin letters and ＋ fold to half-width one for one, so offsets survive
# (NFKC would not); full-width punctuation stays as it is.
_SPACES = re.compile(r"\s+")
_FULLWIDTH = re.compile(r"[\uff0b\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_PLUS = re.compile(r"\+")
_FORMULA_AT = re.compile(r"(?:\d{1,2}|[xXnN]{1,2})(?:\+(?:\d{1,2}|[xXnN]{1,2}))+")
_NOT_AROUND_FORMULA = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+.-%")
_HEAD_FREE = re.compile(
    rf"([一二两三四五六七八九十]{{1,2}})([大项条件])([{_HAN}]{{0,4}}?(?:{'|'.join(_HEADS)}))"
)
_NOT_BEFORE_HEAD = frozenset(f"第0123456789{_CN_DIGITS}几每这那该各其前后近约共达计逾超")
_NOT_BEFORE_NUM = frozenset(f"第0123456789{_CN_DIGITS}")
_ENUM_LAST = re.compile(rf"、([^{_BOUNDARY}、]*[一二两三四五六七八九十xX][^{_BOUNDARY}、]*)")
_BOUNDARY_RE = re.compile(f"[{_BOUNDARY}]")
_ENUM_NUM = re.compile(
    rf"(等)?([一二两三四五六七八九十]{{1,2}}|[xX]{{1,2}})(个|项|类|种|大|条|件|级)?([{_HAN}]{{1,6}})"
)
_GLOSS = re.compile(
    r"(?m)^[ \t\u3000]*(?:[［\[]\d{1,3}[］\]]|\d{1,2}[.、．]|[（(]\d{1,2}[）)])?[ \t\u3000]*"
    r"[“\"]?([^\s：:，,。“”\"、]{2,12})[”\"]?[ \t\u3000]*(?=[:：]|是指|[，,]?即)"
)
_FOOTNOTE = re.compile(r"\s*[［\[]\d{1,3}[］\]]")
_DEF_WORDS = "即|也就是|是指|指的是|主要包括|包括|分别是|分别为|具体为|具体是|就是"
_DEF_AFTER = re.compile(
    rf"\s*(?:[:：]\s*(?:{_DEF_WORDS})?|(?:[,，]\s*)?(?:{_DEF_WORDS})\s*[:：]?)"
)
_HEAD_COLON = re.compile(rf"[{_HAN}]{{1,4}}(?:[:：]|[，,]\s*(?:即|包括))")  # “三个一”工程：… / 建设，即…
_ORDINAL_FIRST = re.compile(r"\s*(?:一是|一要|（一）|\(一\)|1[.、．]|①)")
_CONJ = re.compile(r"以及|和|及|与")
_CONJ_BAD = re.compile(r"及时|普及|涉及|危及|波及|触及|顾及|企及|和谐|平和|温和|缓和|参与|给与|赋与|与会")
_DENG_END = re.compile(rf"(?<![平对同均相高优初中次])等[{_HAN}]{{0,6}}$")
_FRAME_YI = re.compile(r"^(?:坚持|要|并|还|都|均|应|继续|始终|着力)?以(.+)为$")
_FRAME_BA = re.compile(r"^(?:把|将)(.+)作为$")
_ALIAS = re.compile(r"[（(](?:以下)?简称$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_IDIOM_RE = re.compile("|".join(_IDIOMS))
_HAS_CN_NUM = re.compile(f"[{_CN_DIGITS}]")
_CN_RUN = re.compile(f"[{_CN_DIGITS}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_ALL_CN_NUM = re.compile(f"[{_CN_DIGITS}]{{3,}}")
_REST_OK = re.compile(f"[{_HAN}][{_HAN}xX0-9]*")
_NAME_SPLIT = re.compile(r"[、，,]")
_MASK = re.compile(r"[xX*＊]")
_PLUS_NAME = re.compile(rf"[{_HAN}]{{2,10}}\+[{_HAN}]{{2,10}}")
_ALL_HAN = re.compile(f"[{_HAN}]+")
_PART = re.compile(r"[^、，,\s]+")
_NO_COUNT = re.compile(r"[xX*多几N]")
_DIGITS = re.compile(r"\d+")
_ONE_MEASURE = re.compile(r"一[个大项条件种类]")
_LEAD_CONJ = re.compile(r"[和及与并或]+")
_DEF_LEAD = re.compile(r"(?:即|也就是|是指|指的是|主要包括|包括)\s*")
_ITEM_LEAD = re.compile(r"[\s“]*")
_ITEM_TRAIL = re.compile(r"[\s。．.；;，,、]+$")
_ONLY_SEPS = re.compile(r"[\s、，,和及与]*$")
_STARTS_SEP = re.compile(r"[\s、，,和及与]")
_ITEM_STOP = re.compile(r"[，,。；;：:]")
_NUM_TAIL = re.compile(rf"[{_CN_DIGITS}]+([{_HAN}]{{1,3}})")
_NUM_CHAR = re.compile(rf"([{_CN_DIGITS}]+)([{_HAN}])")
_INSIDE_ITEM = re.compile(rf"[{_HAN}]{{1,4}}[、等]")


# ---- candidates ---------------------------------------------------------------------------------


@dataclass
class _Item:
    """One member as found: text and clean offsets relative to the document slice."""

    text: str
    start: int | None
    end: int | None
    program_key: str | None = None


@dataclass
class _Cand:
    """One mention of a program name before mentions are grouped into programs."""

    start: int  # the name, relative to the document slice
    end: int
    name: str
    kind: ProgramKind
    rank: int  # lower wins overlaps: quoted 0, glossary 1, lexicon 2, others after
    outer_start: int = -1  # with its quotes
    outer_end: int = -1
    weak: bool = False  # kept only if the text gives it members that agree with its count
    parts: tuple[tuple[int, int], ...] = ()  # self-composite parts (两提高、两稳定、两降低)
    items: list[_Item] | None = None
    items_score: int = 0
    extras: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.outer_start < 0:
            self.outer_start, self.outer_end = self.start, self.end


def _nfkc(s: str) -> str:
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    return _SPACES.sub("", s) if " " in s or "\t" in s else s


def _cn_value(run: str) -> int | None:
    """Value of a run of Chinese numerals (三 → 3, 十四 → 14, 八八 → 8), None if not a number."""
    vals = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if run.isdigit():
        return int(run)
    if len(run) == 1:
        return 10 if run == "十" else vals.get(run)
    if len(set(run)) == 1 and run[0] in vals:
        return vals[run[0]]  # 八八战略: a doubled numeral names one number
    if "十" in run and run.count("十") == 1 and all(c in vals or c == "十" for c in run):
        a, _, b = run.partition("十")
        if len(a) <= 1 and len(b) <= 1:
            return (vals[a] if a else 1) * 10 + (vals[b] if b else 0)
    return None


@lru_cache(maxsize=8192)
def stated_count(name: str, kind: ProgramKind) -> int | None:
    """The count a program name states: 三大体系 → 3, 三会一课 → 4, 公卫20条 → 20; None if it states none."""
    if kind in (ProgramKind.PERIOD, ProgramKind.NAMED):
        return None
    if kind is ProgramKind.FORMULA:
        if _FORMULA.fullmatch(name):
            terms = name.split("+")
            return sum(int(t) for t in terms) if all(t.isdigit() for t in terms) else None
        m = _DIGITS.search(name)
        return int(m.group()) if m and m.group() != name else None
    if _NO_COUNT.search(name):
        return None
    total = 0
    found = False
    for part in _NAME_SPLIT.split(name):
        for m in _CN_RUN.finditer(part):
            after = part[m.end():]
            if not after or not _HAN_CHAR.match(after):
                continue
            if m.start() > 0 and any(part.startswith(w, m.start()) for w in ("一体", "一致", "一流", "一起")):
                continue
            value = _cn_value(m.group())
            if value is None:
                return None
            total += value
            found = True
    return total if found else None


@lru_cache(maxsize=8192)
def _numeric_name(q: str) -> ProgramKind | None:
    """The kind of a quoted text that names a numeric program (三大体系, 公卫20条), else None."""
    if len(q) > 12 or "第" in q[:3] or _IDIOM_RE.search(q):
        return None
    if _ALL_CN_NUM.fullmatch(q):
        return ProgramKind.NUMERIC if _cn_value(q) is None else None  # 百千万, not 二十三
    m = _NUMERIC_NAME.fullmatch(q)
    if not m:
        return None
    num, rest = m.group("num"), m.group("rest")
    if not rest or not _REST_OK.fullmatch(rest):
        return None
    if rest.startswith(_UNITS):
        return None
    if num == "一" and (rest.startswith(_NOT_AFTER_ONE) or rest == "体"):
        return None
    if q.startswith(_PLACES):
        return None
    return ProgramKind.FORMULA if num.isdigit() else ProgramKind.NUMERIC


def _quoted_kind(q: str, after: str, before: str = "") -> tuple[ProgramKind, tuple[str, ...]] | None:
    """Kind of a quoted text and, for a self-composite, its parts; None if it names no program."""
    if not q:
        return None
    if _FORMULA.fullmatch(q):
        return ProgramKind.FORMULA, ()
    if _PERIOD.fullmatch(q):
        return ProgramKind.PERIOD, ()
    if _DIGITS.fullmatch(q) and 2 <= len(q) <= 4 and after.startswith(_INITIATIVE_AFTER):
        return ProgramKind.FORMULA, ()  # “136”工程
    parts = tuple(p for p in _NAME_SPLIT.split(q) if p)
    if len(parts) >= 2 and program_key("".join(parts)) in load_lexicon():
        return _kind_of("".join(parts)), ()
    if len(parts) >= 2:
        if all(_numeric_name(p) or _FORMULA.fullmatch(p) for p in parts):
            return ProgramKind.NUMERIC, parts
        return None
    kind = _numeric_name(q)
    if kind is not None:
        return kind, ()
    if _MASK.search(q) or not 2 <= len(q) <= 14:
        return None
    if program_key(q) in load_lexicon() and not _HAS_CN_NUM.search(q):
        return ProgramKind.NAMED, ()
    if _PLUS_NAME.fullmatch(q):
        return ProgramKind.NAMED, ()
    if _ALL_HAN.fullmatch(q) and (
        after.startswith(_INITIATIVE_AFTER)
        or (len(q) >= 4 and q.endswith(_INITIATIVE_END))
        # 推行“最多跑一次” / 实现“最多跑一次”: a reform slogan as the object of a policy verb, closing
        # its clause (收受“红包”, 送到“家门口” are not: their verbs are not policy verbs)
        or (len(q) >= 4 and before.endswith(_INITIATIVE_VERBS) and after[:1] in _CLAUSE_END)
    ):
        return ProgramKind.NAMED, ()
    return None


def _lexicon_matcher() -> re.Pattern[str]:
    labels = [re.escape(k) for k in lexicon_labels() if len(k) >= 2]
    return re.compile("|".join(labels))


_LEXICON_RE: re.Pattern[str] | None = None


def _detect(text: str) -> list[_Cand]:
    """Every mention candidate in ``text`` (folded document slice), overlaps resolved."""
    global _LEXICON_RE
    if _LEXICON_RE is None:
        _LEXICON_RE = _lexicon_matcher()
    cands: list[_Cand] = []
    quoted_spans: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        raw = text[s:e]
        quoted_spans.append((m.start(), m.end()))
        q = _nfkc(raw)
        after = text[m.end(): m.end() + 6]
        got = _quoted_kind(q, after, text[max(0, m.start() - 4): m.start()])
        if got is None:
            if _is_idiom(q):
                cands.append(_Cand(s, e, q, ProgramKind.NUMERIC, 0, m.start(), m.end(), weak=True))
            continue
        kind, parts = got
        spans = _part_spans(raw, s, parts) if parts else ()
        if not parts:
            q = "".join(_NAME_SPLIT.split(q))  # “双随机、一公开” names 双随机一公开
        cands.append(_Cand(s, e, q, kind, 0, m.start(), m.end(), parts=spans))
    inside = _SpanSet(quoted_spans)
    for m in _GLOSS.finditer(text):
        name = _nfkc(m.group(1))
        if inside.overlaps(m.start(1), m.end(1)) and text[m.start(1) - 1: m.start(1)] in "“\"":
            continue
        if _numeric_name(name) or _FORMULA.fullmatch(name):
            kind = _numeric_name(name) or ProgramKind.FORMULA
            cands.append(_Cand(m.start(1), m.end(1), name, kind, 1, weak=True))
    for m in _LEXICON_RE.finditer(text):
        if inside.overlaps(m.start(), m.end()) or text[m.start() - 1: m.start()] in _NOT_BEFORE_NUM:
            continue
        name = _nfkc(m.group())
        kind = _kind_of(name)
        cands.append(_Cand(m.start(), m.end(), name, kind, 2, extras={"lexicon": True}))
    for m in _FIVE.finditer(text):
        # plan periods (十四五规划) are found from the rare 五 rather than by a scan at every character
        p = m.start()
        if not _PERIOD_AFTER.match(text, p + 1):
            continue
        before = _PERIOD_BEFORE.search(text, max(p - 2, 0), p)
        if not before or text[before.start() - 1: before.start()] in _NOT_BEFORE_NUM:
            continue
        if not inside.overlaps(before.start(), p + 1):
            cands.append(_Cand(before.start(), p + 1, text[before.start(): p + 1], ProgramKind.PERIOD, 3))
    cands.extend(_free_formulas(text, inside))
    for m in _HEAD_FREE.finditer(text):
        if inside.overlaps(m.start(), m.end()) or text[m.start() - 1: m.start()] in _NOT_BEFORE_HEAD:
            continue
        noun = m.group(3)
        if not _unquoted_ok(m.group()):
            continue
        weak = noun in _GENERIC
        cands.append(_Cand(m.start(), m.end(), m.group(), ProgramKind.NUMERIC, 5, weak=weak))
    cands.extend(_enum_defined(text, inside))
    return _resolve_overlaps(cands)


def _free_formulas(text: str, inside: _SpanSet) -> list[_Cand]:
    """Unquoted formulas (1+N, 1+5+1): found from their plus signs, which are rare, for speed."""
    out = []
    done = -1
    for m in _PLUS.finditer(text):
        p = m.start()
        if p < done or p == 0:
            continue
        s = p - 1
        while s > 0 and p - s < 2 and text[s - 1] in "0123456789xXnN":
            s -= 1
        f = _FORMULA_AT.match(text, s)
        if not f or f.end() <= p:
            continue
        done = f.end()
        if text[s - 1: s] in _NOT_AROUND_FORMULA or text[f.end(): f.end() + 1] in _NOT_AROUND_FORMULA:
            continue
        if inside.overlaps(s, f.end()):
            continue
        if f.group().count("+") >= 2 or any(c in "xXnN" for c in f.group()):
            cands = _Cand(s, f.end(), f.group(), ProgramKind.FORMULA, 4)
            out.append(cands)
    return out


def _kind_of(name: str) -> ProgramKind:
    if _FORMULA.fullmatch(name):
        return ProgramKind.FORMULA
    if _PERIOD.fullmatch(name):
        return ProgramKind.PERIOD
    if _HAS_CN_NUM.search(name):
        return ProgramKind.NUMERIC
    return ProgramKind.NAMED


def _is_idiom(q: str) -> bool:
    return bool(_IDIOM_RE.search(q)) and bool(_HAS_CN_NUM.search(q))


def _part_spans(raw: str, base: int, parts: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Offsets of the parts of a self-composite inside its quoted text."""
    spans = []
    for m in _PART.finditer(raw):
        spans.append((base + m.start(), base + m.end()))
    return tuple(spans) if len(spans) == len(parts) else ()


def _enum_defined(text: str, inside: _SpanSet) -> list[_Cand]:
    """Unquoted names right after an enumeration: A、B和C三件大事, A、B、C等x类慢病 (weak candidates)."""
    out = []
    for run in _ENUM_LAST.finditer(text):
        if text.startswith("、", run.end()):
            continue
        for m in _ENUM_NUM.finditer(text, run.start(1), run.end(1)):
            if text[m.start() - 1] in _NOT_BEFORE_NUM:
                continue
            num, mw, noun = m.group(2), m.group(3) or "", _trim_noun(m.group(4))
            if not noun or inside.overlaps(m.start(2), m.start(2) + 1):
                continue
            if num[0] in "xX" and not (m.group(1) and mw):
                continue
            name = num + mw + noun
            if not _unquoted_ok(name):
                continue
            start = m.start(2)
            cands = _Cand(start, start + len(name), name, ProgramKind.NUMERIC, 6, weak=True)
            cands.extras["enum"] = True
            out.append(cands)
            break
    return out


def _unquoted_ok(name: str) -> bool:
    """An unquoted numeral + noun that is neither a quantity (两家) nor an ordinal name (区二医院)."""
    if name[0] in "xX":
        return True
    m = _NUMERIC_NAME.fullmatch(name)
    rest = m.group("rest") if m else ""
    return _numeric_name(name) is not None and not rest.startswith(_ORDINAL_NOUNS)


def _trim_noun(noun: str) -> str:
    """The noun of an unquoted name: up to its last head word (中医服务网络), else cut at a tail word."""
    best = -1
    for h in _ENUM_HEADS:
        i = noun.rfind(h)
        if i >= 0:
            best = max(best, i + len(h))
    if best > 0:
        return noun[:best]
    cut = min(len(noun), 4)
    for t in _TAILS:
        i = noun.find(t)
        if 0 <= i < cut:
            cut = i
    return noun[:cut]


class _Index:
    """Candidates sorted by position (they do not overlap), for range look-ups by bisection."""

    def __init__(self, cands: Sequence[_Cand], boundaries: list[int]) -> None:
        self.boundaries = boundaries  # positions of clause punctuation in the text
        self.cands = sorted(cands, key=lambda c: c.outer_start)
        self.starts = [c.outer_start for c in self.cands]
        self.ends = [c.outer_end for c in self.cands]

    def clause_start(self, pos: int, limit: int = 160) -> int:
        """Start of the clause that ``pos`` ends: just after the last punctuation before it."""
        k = bisect.bisect_left(self.boundaries, pos) - 1
        start = self.boundaries[k] + 1 if k >= 0 else 0
        return max(start, pos - limit, 0)

    def ending_in(self, lo: int, hi: int) -> list[_Cand]:
        """Candidates whose outer end lies in [lo, hi]."""
        return self.cands[bisect.bisect_left(self.ends, lo): bisect.bisect_right(self.ends, hi)]

    def within(self, lo: int, hi: int) -> list[_Cand]:
        """Candidates lying entirely inside [lo, hi)."""
        k = bisect.bisect_left(self.starts, lo)
        return [c for c in self.cands[k: bisect.bisect_right(self.starts, hi)] if c.outer_end <= hi]


class _SpanSet:
    """Sorted non-overlapping spans with a fast overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.spans.insert(k, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        for s, e in self.spans[max(k - 1, 0): k + 1]:
            if s < end and start < e:
                return True
        return False


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    kept: list[_Cand] = []
    taken = _SpanSet([])
    for c in sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start)):
        if taken.overlaps(c.outer_start, c.outer_end):
            continue
        kept.append(c)
        taken.add(c.outer_start, c.outer_end)
    return sorted(kept, key=lambda c: c.start)


# ---- members ------------------------------------------------------------------------------------


def _split_items(text: str, base: int, seps: str) -> list[_Item]:
    items = []
    pos = 0
    for m in re.finditer(f"[{seps}]", text):
        items.append(_Item(text[pos:m.start()], base + pos, base + m.start()))
        pos = m.end()
    items.append(_Item(text[pos:], base + pos, base + len(text)))
    return [_strip(i) for i in items]


def _strip(item: _Item) -> _Item:
    """Trim spaces, closing punctuation and a trailing 等… from an item, keeping offsets right."""
    t, s = item.text, item.start or 0
    m = _ITEM_LEAD.match(t)
    lead = 0
    if m and "“" not in m.group():
        lead = m.end()
    dw = _DEF_LEAD.match(t, lead)  # …建设，即A、B、C: the 即 opens the list, it is not part of A
    if dw and dw.end() < len(t):
        lead = dw.end()
    t2 = t[lead:]
    t2 = _ITEM_TRAIL.sub("", t2)
    d = _DENG_END.search(t2)
    if d and d.start() >= 1:
        t2 = t2[: d.start()]
    return _Item(t2, s + lead, s + lead + len(t2), item.program_key)


def _conj_split(items: list[_Item]) -> list[_Item]:
    out = []
    for it in items:
        pos = 0
        t = it.text
        for m in _CONJ.finditer(t):
            if _CONJ_BAD.search(t, max(m.start() - 1, 0), m.end() + 1):
                continue
            if m.start() - pos >= 2 and len(t) - m.end() >= 2:
                out.append(_Item(t[pos:m.start()], it.start + pos, it.start + m.start()))
                pos = m.end()
        out.append(_Item(t[pos:], it.start + pos, it.end))
    return out


def _lead_chain(t: str, rest: int = 2) -> list[str]:
    """The governing words at the start of ``t`` (突出抓好 → 突出, 抓好), longest first at each step.

    A word is taken only if at least ``rest`` characters remain after it.
    """
    chain = []
    pos = 0
    while pos < len(t):
        for n in range(min(_LEAD_MAX, len(t) - pos), 0, -1):
            w = t[pos: pos + n]
            if w in _LEAD_SET and t.startswith("了", pos + n):
                n += 1
                w += "了"
            if w.rstrip("了") in _LEAD_SET and len(t) - pos - n >= rest and t[pos + n] not in _KEEP_AFTER_LEAD:
                chain.append(w)
                pos += n
                break
        else:
            break
    return chain


def _drop_lead(item: _Item, keep: int, rest: int = 2) -> _Item:
    chain = _lead_chain(item.text, rest)
    n = sum(len(w) for w in chain[: max(len(chain) - keep, 0)])
    if keep == 0 and not chain:
        # a subject before the governing verb: 省医改领导小组印发A、B、C; 基本建成了区、镇、村
        for m in _GOVERNING.finditer(item.text):
            if len(item.text) - m.end() >= rest:
                n = max(n, m.end())
    return _Item(item.text[n:], item.start + n, item.end, item.program_key)


def _fit(base: list[_Item], count: int | None) -> list[_Item]:
    """The enumeration's items: split at conjunctions when that is what makes them match the count."""
    if count is not None and len(base) < count:
        for trial in (base[:-1] + _conj_split(base[-1:]), _conj_split(base)):
            if len(trial) == count:
                return trial
    if count is None and len(base) == 1:
        return _conj_split(base)
    return base


def _preceding(text: str, cand: _Cand, index: _Index, count: int | None) -> list[_Item] | None:
    """Members spelled before the name: A、B、C“三大体系”, 以A、B为“两项支撑”, 推动A和B“双提升”."""
    end = cand.outer_start
    if cand.start == cand.outer_start and text[max(end - 1, 0): end] == "等":
        end -= 1
    start = index.clause_start(end)
    if end - start < 1:
        return None
    for other in index.ending_in(start, end):
        if other is not cand and other.start < cand.start:
            rest = text[other.outer_end:end]
            if _ONLY_SEPS.match(rest):
                return None
            if _STARTS_SEP.match(rest):
                start = other.outer_end
    if _INSIDE_ITEM.match(text, cand.outer_end):
        return None  # 免费婚检、农村妇女“两癌”检查等: the name is part of an item, not the list's name
    seg = text[start:end]
    alias = _ALIAS.search(seg)
    if alias:
        seg = seg[: alias.start()]
    if not seg or seg.endswith(("”", '"')):
        return None
    d = _DENG_END.search(seg)
    if d:
        seg = seg[: d.start()]
    exemplary = bool(d) or text[max(end - 1, 0): end] == "等"
    frame = _FRAME_YI.match(seg) or _FRAME_BA.match(seg)
    base_at = start
    if frame:
        base_at = start + frame.start(1)
        seg = frame.group(1)
    lead = _LEAD_CONJ.match(seg)
    if lead:
        base_at += lead.end()
        seg = seg[lead.end():]
    base = _split_items(seg, base_at, "、")
    if any(not i.text for i in base):
        return None
    items = _fit(base, count)
    if not frame:
        keep = min((len(_lead_chain(i.text)) for i in base[1:]), default=0)
        shortest = min((len(i.text) for i in items[1:]), default=2)
        items[0] = _drop_lead(items[0], keep, min(shortest, 2))
    if len(items) < 2 and not (count == 1 and _ONE_MEASURE.match(cand.name)):
        return None
    if any(not i.text or len(i.text) > 30 or _lead_chain(i.text + "xx") == [i.text] for i in items):
        return None
    if count is not None and len(items) != count:
        if exemplary or len(base) < 2 or abs(len(items) - count) > 1:
            return None
    return items


def _following(text: str, cand: _Cand, count: int | None) -> list[_Item] | None:
    """Members defined after the name: “五个没有”：没有…，没有…; “两个维护”，即…; “三保”（…）."""
    pos = cand.outer_end
    fn = _FOOTNOTE.match(text, pos)
    if fn:
        pos = fn.end()
    paren = text[pos: pos + 1] in ("（", "(")
    if paren:
        close = text.find("）" if text[pos] == "（" else ")", pos, pos + 200)
        if close < 0 or text.startswith(("以下", "简称"), pos + 1):
            return None
        body_start, body_end = pos + 1, close
    else:
        m = _DEF_AFTER.match(text, pos) or _HEAD_COLON.match(text, pos)
        if not m:
            return None
        body_start = m.end()
        end = _SENTENCE_END.search(text, body_start)
        body_end = min(end.start() if end else len(text), body_start + 400)
    if _ORDINAL_FIRST.match(text, body_start):
        return _ordinal_items(text, body_start, count)
    # “十大工程”：A、B、…、J十大工程 — the name repeated at the end closes the list, it is no member
    tail = text[body_start:body_end].rstrip("。；;，, ")
    if len(cand.name) >= 2 and tail.endswith(cand.name):
        body_end = body_start + len(tail) - len(cand.name)
    body = text[body_start:body_end]
    splits = [_split_items(body, body_start, seps) for seps in ("；;", "，,", "、")]
    splits = [[i for i in s if i.text] for s in splits]
    chosen = None
    if count is not None:
        chosen = next((s for s in splits if len(s) == count), None)
    if chosen is None:
        chosen = next((s for s in splits if len(s) >= 2), None)
    if chosen is None and count is not None and len(splits[0]) == 1:
        joined = _conj_split(splits[0])
        chosen = joined if len(joined) == count else (splits[0] if count == 1 else None)
    if chosen is None or any(len(i.text) > 60 for i in chosen):
        return None
    return chosen


_ORDINALS = "一二三四五六七八九十"


def _ordinal_items(text: str, start: int, count: int | None) -> list[_Item] | None:
    """Items introduced by 一是…二是… or （一）…（二）… after a definition colon."""
    items = []
    pos = start
    limit = min(len(text), start + 3000)
    for n in range(1, (count or 10) + 1):
        c = _ORDINALS[n - 1] if n <= 10 else ""
        marker = re.compile(rf"\s*(?:{c}是|{c}要|（{c}）|\({c}\)|{n}[.、．]|{chr(0x2460 + n - 1)})")
        m = marker.search(text, pos, limit)
        if not m or (n == 1 and m.start() != start):
            break
        stop = re.compile(r"[，,。；;：:]").search(text, m.end(), limit)
        e = stop.start() if stop else limit
        items.append(_Item(text[m.end():e], m.end(), e))
        pos = e
    return items if len(items) >= 2 else None


def _nested(items: list[_Item], index: _Index) -> list[_Item]:
    """When every item holds exactly one program, the members are those programs (“三个三”)."""
    inner = []
    for it in items:
        found = index.within(it.start, it.end)
        if len(found) != 1:
            return items
        c = found[0]
        inner.append(_Item(c.name, c.start, c.end, program_key(c.name)))
    return inner


def _assign_members(text: str, cand: _Cand, index: _Index, again: bool = False) -> None:
    """Set the best member list one mention yields and how much it is trusted (3 best, 0 none).

    With ``again``, only a following definition is re-read (its nested programs may have changed).
    """
    count = stated_count(cand.name, cand.kind)
    masked = cand.kind is ProgramKind.NUMERIC and count is None and "x" in cand.name.lower()
    options: list[tuple[list[_Item], int]] = []
    got = cand.extras.get("following") if again else _following(text, cand, count)
    if got:
        cand.extras["following"] = got
        got = _nested(got, index)
        options.append((got, 3 if count is not None and _count_ok(got, count) else 2))
    if again:
        got = cand.extras.get("preceding")
    elif cand.kind is ProgramKind.NUMERIC and (count is not None or masked) and not _is_idiom(cand.name):
        got = cand.extras["preceding"] = _preceding(text, cand, index, count)
    else:
        got = None
    if got:
        ok = count is not None and _count_ok(got, count)
        options.append((got, 3 if ok else (2 if masked else 1)))
    cand.items, cand.items_score = max(options, key=lambda o: o[1]) if options else (None, 0)


def _count_ok(items: Sequence[_Item], count: int | None) -> bool | None:
    """Members agree with the count: one each, or sub-programs whose counts add up (八小 = 三小 + 五小)."""
    if count is None or not items:
        return None
    if len(items) == count:
        return True
    if all(i.program_key for i in items):
        counts = [stated_count(i.text, ProgramKind.NUMERIC) for i in items]
        return all(c is not None for c in counts) and sum(counts) == count
    return False


def _by_tail(groups: Iterable[_Group]) -> dict[str, list[_Group]]:
    """Groups named numeral + tail (三小, 五小), by tail."""
    out: dict[str, list[_Group]] = {}
    for g in groups:
        m = _NUM_TAIL.fullmatch(g.name)
        if m and g.count is not None:
            out.setdefault(m.group(1), []).append(g)
    return out


def _sum_nested(prog: _Group, by_tail: dict[str, list[_Group]]) -> list[_Item] | None:
    """“八小” = “三小” + “五小”: nearby programs with the same tail whose counts add up to this one's."""
    count = prog.count
    m = _NUM_TAIL.fullmatch(prog.name)
    if count is None or not m:
        return None
    first = prog.cands[0]
    near = []
    for g in by_tail.get(m.group(1), ()):
        if g is prog or g.count >= count:
            continue
        c = min(g.cands, key=lambda c: abs(c.start - first.start))
        if abs(c.start - first.start) <= 400:
            near.append((c.start, g, c))
    near.sort(key=lambda x: x[0])
    if len(near) >= 2 and sum(g.count for _, g, _ in near) == count:
        return [_Item(g.name, c.start, c.end, g.key) for _, g, c in near]
    return None


# ---- grouping into programs ----------------------------------------------------------------------


@dataclass
class _Group:
    key: str
    name: str
    kind: ProgramKind
    count: int | None
    cands: list[_Cand]
    items: list[_Item] | None = None
    score: int = 0
    source: MemberSource | None = None
    sense: str | None = None


def _context(text: str, start: int, end: int) -> str:
    """The sentence around a mention (at most 120 characters either side), for choosing a sense."""
    left = max(text.rfind(c, max(start - 120, 0), start) for c in "。！？\n")
    m = _SENTENCE_END.search(text, end, min(end + 120, len(text)))
    return text[max(left, start - 120, 0): m.end() if m else min(end + 120, len(text))]


def find_programs(document: Document) -> list[Program]:
    """The named programs of ``document``, one per program key, in order of first mention."""
    clean = document.clean
    lo, hi = document.clean_start, document.clean_end
    raw = clean.text[lo:hi]
    text = _FULLWIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), raw) if _FULLWIDTH.search(raw) else raw
    cands = _detect(text)
    boundaries = [m.start() for m in _BOUNDARY_RE.finditer(text)]
    index = _Index(cands, boundaries)
    for c in cands:
        _assign_members(text, c, index)
    kept = [c for c in cands if not c.weak or _weak_ok(c)]
    if len(kept) < len(cands):
        # a dropped name must not count as a nested program of a kept one
        cands, index = kept, _Index(kept, boundaries)
        for c in cands:
            if "following" in c.extras:
                _assign_members(text, c, index, again=True)
    groups: dict[str, _Group] = {}
    for c in cands:
        key = program_key(c.name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, c.name, c.kind, stated_count(c.name, c.kind), [])
        g.cands.append(c)
        if c.items and c.items_score > g.score:
            g.items, g.score, g.source = c.items, c.items_score, MemberSource.TEXT
    ordered = list(groups.values())
    for g in list(ordered):
        if g.items is None:
            _abbreviation(g, groups, ordered, text)
    by_tail = _by_tail(ordered)
    for g in ordered:
        if g.items is None:
            _members_without_list(g, by_tail, text)
    return [_program(document, g, raw, lo) for g in ordered]


def _weak_ok(c: _Cand) -> bool:
    """A weak candidate stands only with members that agree with its count (or a masked count)."""
    if not c.items:
        return False
    count = stated_count(c.name, c.kind)
    if count is None:
        return len(c.items) >= 2 and "x" in c.name.lower()
    return c.items_score >= 3


@lru_cache(maxsize=256)
def _abbreviation_pattern(ch: str, n: int) -> re.Pattern[str]:
    """``n`` words in a 、-list that all start (高血压、高血糖…) or all end (宫颈癌、乳腺癌) with ``ch``."""
    ch = re.escape(ch)
    word = rf"[^{_BOUNDARY}、“”等]{{0,6}}"
    return re.compile(
        rf"(?<!、){ch}{word}(?:、{ch}{word}){{{n - 1}}}(?![^、{_BOUNDARY}“”等]*、)"
        rf"|(?<![^{_BOUNDARY}、“”]){word}{ch}(?:、{word}{ch}){{{n - 1}}}(?=[{_BOUNDARY}等“])"
    )


def _abbreviation(g: _Group, groups: dict[str, _Group], ordered: list[_Group], text: str) -> None:
    """Members spelled out nearby as words sharing the name's character: 三高 = 高血压、高血糖、高血脂.

    When the name goes on after that character (“三高中心”), the members belong to the shorter
    name (三高), which becomes a program of its own with the same mentions.
    """
    m = _NUM_CHAR.match(g.name)
    if not m or m.group(2) in "个大项条件种类位级":
        return
    n = _cn_value(m.group(1))
    if n is None or not 2 <= n <= 10:
        return
    pattern = _abbreviation_pattern(m.group(2), n)
    first = g.cands[0]
    lo, hi = max(first.start - 150, 0), min(first.end + 200, len(text))
    found = pattern.search(text, lo, hi)
    if not found:
        return
    items = _split_items(found.group(), found.start(), "、")
    last = items[-1]
    cut = min((i for t in _TAILS if (i := last.text.find(t, 2)) > 0), default=len(last.text))
    longest = max(len(i.text) for i in items[:-1])
    if cut > longest + 1 and found.group().startswith(m.group(2)):
        cut = longest  # 医疗、医保、医药协同发展: the last word runs on into the sentence
    items[-1] = _Item(last.text[:cut], last.start, last.start + cut)
    if len(items) != n or any(len(i.text) < 2 for i in items):
        return
    short = m.group()
    if short == g.name:
        g.items, g.source = items, MemberSource.TEXT
        return
    key = program_key(short)
    sub = groups.get(key)
    if sub is None:
        longer = [c for o in ordered if o.name.startswith(short) and o.name != short for c in o.cands]
        cands = [_Cand(c.start, c.start + len(short), short, ProgramKind.NUMERIC, c.rank) for c in longer]
        cands.sort(key=lambda c: c.start)
        sub = groups[key] = _Group(key, short, ProgramKind.NUMERIC, n, cands)
        ordered.insert(ordered.index(g), sub)
    if sub.items is None:
        sub.items, sub.source = items, MemberSource.TEXT


def _members_without_list(g: _Group, by_tail: dict[str, list[_Group]], text: str) -> None:
    """Members when no mention spells a list: composite parts, nested counts, else the lexicon."""
    for c in g.cands:
        if c.parts:
            g.items = [_Item(_nfkc(text[s:e]), s, e, program_key(text[s:e])) for s, e in c.parts]
            g.source = MemberSource.TEXT
            return
    nested = _sum_nested(g, by_tail)
    if nested:
        g.items, g.source = nested, MemberSource.TEXT
        return
    for c in g.cands:
        sense = resolve(g.name, _context(text, c.start, c.end))
        if sense is not None:
            g.sense = sense.iri
            if sense.members:
                g.items = [_Item(m, None, None) for m in sense.members]
                g.source = MemberSource.LEXICON
            return


def _program(document: Document, g: _Group, raw: str, lo: int) -> Program:
    clean = document.clean
    src = clean.source.text

    def span(s: int, e: int) -> tuple[int, int]:
        return clean.span(lo + s, lo + e)

    mentions = []
    for c in g.cands:
        s, e = span(c.start, c.end)
        mentions.append(Mention(s, e, src[s:e], section_at(document.sections, s)))
    members = []
    for it in g.items or ():
        if it.start is None or it.end is None:
            members.append(Member(it.text, None, None, MemberSource.LEXICON))
            continue
        s, e = span(it.start, it.end)
        text = src[s:e] if src[s:e] == raw[it.start: it.end] else raw[it.start: it.end]
        if it.program_key:
            text = it.text
        members.append(Member(text, s, e, MemberSource.TEXT, it.program_key))
    count_ok = _count_ok(g.items or [], g.count) if g.items else None
    return Program(
        document=document,
        name=g.name,
        key=g.key,
        kind=g.kind,
        count=g.count,
        members=tuple(members),
        members_from=g.source if members else None,
        count_ok=count_ok,
        mentions=tuple(mentions),
        sense=g.sense,
    )


# ---- output -------------------------------------------------------------------------------------


def program_json(p: Program) -> dict:
    """The JSON contract of one program as used by one document (see issue 3)."""
    return {
        "source": p.document.source.path,
        "document": p.document.title,
        "name": p.name,
        "kind": p.kind.value,
        "count": p.count,
        "members": [m.text for m in p.members],
        "members_from": p.members_from.value if p.members_from else None,
        "count_ok": p.count_ok,
        "mentions": [
            {"start": m.start, "end": m.end, "section": m.section.label if m.section else None}
            for m in p.mentions
        ],
    }


def programs_table(programs: Sequence[Program]) -> str:
    """A plain-text table of programs for the terminal: one block per document, one line per program."""
    lines: list[str] = []
    current = None
    for p in programs:
        doc = (p.document.source.path, p.document.index)
        if doc != current:
            current = doc
            if lines:
                lines.append("")
            lines.append(f"{p.document.source.path} · {p.document.title}")
        count = "" if p.count is None else str(p.count)
        flag = {True: "", False: " (count differs)", None: ""}[p.count_ok]
        origin = f" [{p.members_from.value}]" if p.members_from else ""
        members = "、".join(m.text for m in p.members) or "-"
        lines.append(f"  {_pad(p.name, 16)} {p.kind.value:<8} {count:>3} ×{len(p.mentions):<3} {members}{origin}{flag}")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)
