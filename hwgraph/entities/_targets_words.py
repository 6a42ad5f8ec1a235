"""The words and patterns :mod:`hwgraph.entities.targets` reads figures with: the trigger regex
(numbers with their units), verbs of result and their comparators, what opens and closes an
indicator, verbs of counting, list heads, and the cues of years, goals and results."""

from __future__ import annotations

import re

from hwgraph.types import DocKind

# ---- the trigger: numbers with their units ------------------------------------------------------

_D = "0-9０-９"
_NUM = rf"[{_D}]+(?:[.．][{_D}]+)?"
_RATE_UNITS = "个百分点|百分点|%|％|‰"
_PER = r"[/／](?:(?:10|十|一)?万|千|百万|百亿元?)(?:人口|人|活产|名)?|[/／](?:人次|人|年|床日|床|次|例)"
_COUNT_UNITS = (
    "人次|人|名|个|家|张|所|项|例|台|套|座|户|支|辆|份|件|种|类|间|处|条|篇|本|剂次|剂|门|批|床|场|期|元|岁"
)
# measures and durations: figures only right after a verb of result
_WEAK_UNITS = "平方公里|平方米|公里|千米|公顷|亩|立方米|吨|千瓦|微克/立方米|个月|小时|分钟|天|日|周|倍|米"
_MULT = "千万|百万|万亿|千亿|百亿|万|亿|千"
_UNIT = rf"(?:{_RATE_UNITS}|{_PER}|(?:{_MULT})?(?:{_COUNT_UNITS}|{_WEAK_UNITS})(?:{_PER})?|{_MULT})"
_BOUND = "及以上|及以下|以上|以下|以内|左右"
_CN = "一二三四五六七八九十两"
# Every figure starts at the match start, with the digit or numeral the pattern opens with: a
# pattern that opens with a character class is searched for at C speed (one that opens with a
# lookahead is tried at every position), so each alternative checks that character by a lookbehind
# and its group holds the rest of the number (the number is text[m.start():m.end(group)]).
TRIGGER = re.compile(
    rf"[{_D}{_CN}](?:"
    rf"(?<=[{_D}])(?P<num>[{_D}]*(?:[.．][{_D}]+)?(?:[-－—–~～至]{_NUM})?)(?P<unit>{_UNIT})(?P<bound>{_BOUND})?"
    # a Chinese numeral after a verb of result: 力争达到九成, 建成两个
    rf"|(?<=[{_CN}])(?:(?<=达到.|提高.|提升.|超过.|建成.|新增.|新建.|创建.|培育.|打造.|组建.|设立.|增至.|"
    rf"增加.|扩大.)|(?<=[达至].))(?P<cn>[{_CN}]*)(?P<cnu>成|个|所|家|项|支|座|张|名)(?P<cnb>以上|左右)?"
    # a bare number closing a sentence part after 达/为: 健康浙江发展指数达85，
    rf"|(?<=[{_D}])(?<=[达为].)(?P<bare>[{_D}]*(?:[.．][{_D}]+)?)(?P<bb>以上|左右)?(?=[，,。；;）)\n])"
    r")"
)
# numbers without a unit before a list's last value: 提高20.9、36.2、54个百分点
LIST_BEFORE = re.compile(rf"(?<![{_D}.．])(?:{_NUM}(?:以上|以下)?[、和及与])+$")
LIST_ITEM = re.compile(rf"(?P<n>{_NUM})(?P<b>以上|以下)?[、和及与]")
WEAK = frozenset(_WEAK_UNITS.split("|"))
FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
RANGE = re.compile(r"[-－—–~～至]")

# ---- verbs of result before the value --------------------------------------------------------------

# role: eq, ge, le, ctl (控制在), inc, dec, to (提高到…: = with an optional baseline)
CUE_WORDS: dict[str, str] = {}
for _w in "达到|达|为|是|约|近|共|计|有|共有|拥有|在|稳定在|保持在|维持在|保持|实现|达到了|共计|总计|合计|累计达到|累计达".split("|"):
    CUE_WORDS[_w] = "eq"
for _w in "不低于|不少于|超过|超过了|至少|高于|大于|突破|多于|不小于|逾|超".split("|"):
    CUE_WORDS[_w] = "ge"
CUE_WORDS["接近"] = "eq"
for _w in "不超过|不高于|低于|少于|小于|不大于|不到".split("|"):
    CUE_WORDS[_w] = "le"
for _w in "控制在|控制到|控制至".split("|"):
    CUE_WORDS[_w] = "ctl"
_UP = "提高|提升|增长|增加|上升|延长|扩大|增|升"
_DOWN = "下降|降低|减少|缩短|压减|压缩|减|降"
for _words, _role in ((_UP, "inc"), (_DOWN, "dec")):
    for _w in _words.split("|"):
        CUE_WORDS[_w] = _role
        CUE_WORDS[_w + "了"] = _role
        for _to in ("到", "至", "为"):
            CUE_WORDS[_w + _to] = "to"
for _w in ("调增", "上调", "调高"):
    CUE_WORDS[_w] = "inc"
for _w in ("调减", "下调", "调低"):
    CUE_WORDS[_w] = "dec"
CUE_LAST = frozenset(w[-1] for w in CUE_WORDS)
CUE_LENGTHS = sorted({len(w) for w in CUE_WORDS}, reverse=True)
# verbs too loose to make an age (岁) or a measure (天, 倍) a figure
WEAK_CUES = frozenset({"约", "近", "共", "计", "有", "在", "共有", "拥有", "是", "保持", "实现", "超", "增", "升", "减", "降"})
# a one-character verb that ends a verb of counting is none (新增7701张 counts)
COUNT_VERBS = frozenset({"新增", "净增", "新建", "递增", "净减", "核减", "缩减"})
YEAR_OF = re.compile(r"(?:19|20)[0-9]{2}年(?:底|末)?的?$")  # 提升至2025年的76.8岁
FROM_TAIL = re.compile(r"[从由](?:(?:19|20)[0-9]{2}年(?:底|末)?的?)?(?:每[人生户床月年天日周次例])*$")  # 从2020年的75.2岁
# a rate's "per" words between the verb and the value: 提高到每月815元, 由每生每年5元
PER_WORDS = re.compile(r"(?:每[人生户床月年天日周次例])+$")
TO_GAP = re.compile(
    rf"(?:{_BOUND})?(?:分别)?(?:逐步|稳步|持续|进一步)?(?:{_UP}|{_DOWN})?(?:到|至|为)"
    r"(?:(?:19|20)[0-9]{2}年(?:底|末)?的?)?$"
)

# ---- sentence parts, indicators -------------------------------------------------------------------

# a sentence part ends at these, and at a space between two Chinese characters (a run-on
# heading: 一、主要目标 人均预期寿命…)
CLAUSE_END = re.compile(r".*(?:[，,。；;：:！？!?\n（(]|(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff0-9（(]))", re.S)
PAREN_LABEL = re.compile(r"[（(](?:[一二三四五六七八九十]+|[0-9]{1,2})[）)]")
ITEM_START = re.compile(r"[0-9]+[.、．)）]|[一二三四五六七八九十]+[、是要]|第[一二三四五六七八九十]")
SENT_END = re.compile(r".*[。！？!?\n]", re.S)
SENT_STOP = re.compile(r"[。！？!?\n]")
LEAD = re.compile(
    r"(?:\s+|[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+[、是要]|[0-9]+[、.．）)]|[①-⑳]|"
    r"(?:到|至|截至|截止到?|在)?(?:19|20)[0-9]{2}年(?:底|末|前|以前|之前|内)?"
    r"(?:时)?[，,]?|年底前|年底|年内|年末|围绕|按照|每天|每月|每周|共有|现有|拥有|力争|确保|争取|努力|推动|促进|使得|使|让|其中|并且|并(?![网入购轨])|且|同时|以及|另外|此外|还|也|已经|已|"
    r"预计|主要预期目标是|预期目标是|主要目标是|目标是|目标为|实现|全面|进一步|持续|稳步|逐步|累计|共|全年|当年|"
    r"今年|上年|去年|全[省市县区州盟旗镇乡国域]|[我本][省市县区州国]|辖区内?|区域内|各地|各级|、)+"
)
_TAIL_WORDS = (
    "分别|均|都|也|再|将|要|应|应当|需|须|必须|已经|已|预计|力争|确保|争取|稳步|稳定|持续|逐步|进一步|基本|总体|"
    "同比|较上年同期|比上年同期|较去年同期|较上年|比上年|较去年|比去年|较基期|首次|累计|全部|可|能|有望|年均|平均每年|"
    "全区|全市|全省|全县|全州|辖区|每年|将会|会|明显|大幅|显著|共|计|合计|总计|还|并|且|上年|去年|同期|同口径|按可比价格计算|按可比口径"
)
# the same words written reversed, matched on the reversed indicator (a regex cannot match backwards)
TAIL_REV = re.compile(
    r"(?:"
    + "|".join(w[::-1] for w in sorted(_TAIL_WORDS.split("|"), key=len, reverse=True))
    + r"|(?:底|末)?年[0-9]{4}(?:比相|较|比|于较|与)|比相年[0-9]{4}与)+"
)
# "subject + predicate" of an earlier part that a bare 2022年达38.2% refers to, reversed
PREDICATE_REV = re.compile(
    r"^(?:升提|高提|善改|降下|低降|少减|长增|加增)(?:步稳|续持|著显|显明|断不|幅大|步一进|步逐|为较)"
)
INDICATOR_FINAL = frozenset("率数量比值命平例重额度位积价费长间龄分标")
HEADS = (
    "毛入学率|死亡率|发病率|患病率|覆盖率|普及率|达标率|合格率|知晓率|控制率|管理率|签约率|接种率|入学率|保有量|"
    "增加值|比重|占比|比例|人数|床位数|数量|总量|产值|产量|销量|营业收入|收入|出口额|进口额|投资|水平|增速|规模|数"
).split("|")
VERB_PHRASE = re.compile(
    r"(?:新|再|共|累计|重点|成功|全面|持续|集中|先后|已|新增|全年|年内|当年|今年|力争|计划|拟)?"
    r"(?:新增设|新增|新建成|新建|建成|建设|改建|扩建|新改扩建|改扩建|改造提升|改造|创建|培育|打造|组建|设立|新设|建立|"
    r"成立|认定|命名|获批|入选|引进|招引|培养|招聘|招录|培训|举办|开展|完成|实施|推进|优化|开通|开工|新开工|竣工|投产|"
    r"出台|制定|资助|救助|帮扶|惠及|服务|接种|筛查|救治|签约|落地|发放|投入|落实|争取|配备|招收|遴选|评选|选派|派出|"
    r"提供|推广|布局|建|覆盖|走访|检查|抽检|查处|办理|受理|解决|安置|吸纳|带动|整治|治理|关停|淘汰|清理|化解|转移|支持|"
    r"打通|新开|培树|表彰|选树|认证|评定|授牌|挂牌|确定)"
)
# a subject and its verb before a count: 试点形成【80项全国首创成果】, 高龄津贴惠及【130万老年人】
_VERBS_BEFORE_COUNT = (
    "形成|惠及|获批|新获批|入选|建成|新建|新增|建设|改造|创建|培育|打造|组建|设立|引进|培训|开展|完成|实施|推进|"
    "覆盖|带动|吸纳|服务|救治|救助|筛查|接种|签约|认定|命名|评选|选派|派出|培养|招聘|招录|资助|帮扶|开通|开工|投产|出台|"
    "制定|推广|布局|提供|举办|组织|累计"
)
VERB_END = tuple(_VERBS_BEFORE_COUNT.split("|"))  # for str.endswith: a regex ending in $ tries every start
VERB_IN = re.compile(_VERBS_BEFORE_COUNT)
OBJECT_PREPOSITIONS = frozenset("为对向给在")
PREPOSITIONS = frozenset("对向给在把将与和从由以按及为共")
SCOPE_INSIDE = re.compile(r"全[省市县区州国]|[我本][省市县区州国]|辖区")
COMPARISONS = ("同比", "较", "比上年", "比去年", "比20", "比19")
INHERIT_CUES = frozenset({"达到", "达", "增至", "降至", "提高到", "提高至", "下降到", "下降至"})
POST_NOUN_STOP = re.compile(r"[，,。；;、：:\n（(）)]|[和及与](?=[0-9])")

# ---- year and kind --------------------------------------------------------------------------------

SENT_CUES = re.compile(
    r"(?=[到至截较比从由与于 12力确争目预计努今未要已累同提先实达完过五以])"  # the first characters, for speed
    r"(?:(?P<ypre>到|至|截至|截止到?|较|比|从|由|与|于)? ?(?P<y>(?:19|20)[0-9]{2})"
    r"(?:[-—–~～至到](?P<y2>(?:19|20)[0-9]{2}))? ?年(?P<ysuf>底前|末前|前|以前|之前|底|末)?(?P<yde>的)?"
    r"|(?P<t>力争|确保|争取|目标|预期(?!寿命)|计划(?!生育|免疫)|努力|力求|今后|未来|(?<![主重需必只想纪])要(?![求点素闻件害事]))"
    r"|(?P<a>已经|已|累计|同比|比上年|较上年|比去年|较去年|提前|先后|实现了|达到了|完成了|过去|五年来|以来))"
)
ACHIEVED_TITLE = re.compile(
    r"回顾|成效|成绩|成就|完成情况|总结|主要做法|工作情况|发展基础|现状|进展|开展情况|基本情况|总体情况|执行情况|取得"
)
TARGET_TITLE = re.compile(r"目标|任务|安排|计划|思路|打算|要点|举措|措施|展望|重点工作|建议|要求")
# kinds whose own year is a year of results (a summary of 2023 reports 2023; a report of 2026 plans it)
SAME_YEAR_ACHIEVED = frozenset({DocKind.SUMMARY, DocKind.TRANSCRIPT, DocKind.OTHER})
ACHIEVED_DOCS = frozenset({DocKind.SUMMARY, DocKind.REPORT, DocKind.TRANSCRIPT, DocKind.OTHER})
