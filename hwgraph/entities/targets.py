"""Quantitative targets and achievements: 到2025年，人均预期寿命达到79岁.

    find_targets(document) -> list[Target]     # in text order
    indicator_key(indicator) -> str            # 全省人均预期寿命 / 居民人均预期寿命 → 人均预期寿命
    normalise_unit(unit) -> str                # % ％ → %, /10万 → per100k, 个百分点 → pp

What is a target
    An indicator with a value: a number followed by a unit (79岁, 95%, 10/10万, 5‰, 5个百分点,
    4.5个, 7.2张, 2.3亿元, 1000万), a range (建成1－2个: the lower end, ``>=``), a Chinese numeral
    after a verb of result (力争达到九成, 新增两个), or a bare number right after 达/为 closing a
    sentence part (发展指数达85, 孕产妇死亡率为0). Counts of things done are figures too (新建50个
    区域养老服务中心, 投入资金2.3亿元, 为5124名孕产妇免费筛查). One compiled regex finds the numbers
    with their units; values one after another (0.93‰、1.62‰、1.93‰, 5‰和7‰以下) and bare numbers
    before a list's last value (提高20.9、36.2、54个百分点) join into one list; everything else is
    read from the few characters around each hit (rfind and anchored matches, no tokenizer).

What is not
    A number after 第 (第2批, 第十条), after 每 (每10万人), in a code or a phone number (PM2.5,
    0851-8123456), a date (2025年3月: 年 is no unit), a number inside a quoted name (“重点工作5张
    报表”), an age (岁) unless a verb of result comes right before it or the indicator is an age (寿命,
    年龄), so 0-3岁儿童, 65岁以上老年人 and 3岁以下婴幼儿 are qualifiers; a measure or a duration
    (天, 小时, 倍, 公里…) unless a verb of result comes right before it (平均住院日控制在8天以内 but not
    连续8年); a value qualifying a noun (年销售收入超10亿元的龙头企业, unless …的目标/…的水平); a
    number with no indicator (同比增长12% alone). Program names (三大体系, “1+5+1”), 文号 (〔2019〕
    13号) and list ordinals (1. / （3）) have no unit after a digit and are never seen.

Indicator
    The words between the start of the sentence part (after ，。；：（ and a heading's label, never
    before the figure just read, across a line that a PDF text layer only wrapped) and the verb of
    result, less scope words and connectives at its start (全省, 全市, 我省, 辖区, 其中, 并, 力争,
    确保, 围绕, 年底前, 到2025年) and adverbs and comparisons at its end (分别, 均, 预计, 同比, 较上年,
    比2020年). An object clause keeps what follows its scope word (国家卫生健康委公布了我省人均预期
    寿命 → 人均预期寿命). With a list (婴儿死亡率、5岁以下儿童死亡率分别控制在5‰和7‰以下) each item
    pairs with its value, and items missing the head take the last item's (新生儿、婴儿和5岁以下儿童
    死亡率 → 新生儿死亡率…; 食品、药品抽检合格率 → 食品抽检合格率); with 均 one value serves every
    item. A verb alone, or a subject ending in a verb, takes the noun after the number (新建50个区域
    养老服务中心 → 新建区域养老服务中心; 高龄津贴惠及130万老年人 → 高龄津贴惠及老年人), and the next
    count of the list shares the verb (打造4个国家先进制造业集群、6个千亿级产业集群). A count after
    为/对/在, or opening its part, is of the noun after it (为全区5124名孕产妇免费筛查…,
    90家县级医院达到三级水平). An empty part after 、 or with 同比/较上年 takes the indicator of the
    figure right before it in the same sentence (人均预期寿命较2020年提高1.16岁、达到79.72岁), and
    one after a clause 居民健康素养水平稳步提升， takes that clause's subject. Spans are in the source,
    so the indicator is reported as written (traditional stays traditional); a built one (a list item
    with its head, verb + noun) is the text it is built of.

Comparator
    ``>=`` for 以上/及以上 after the value or 不低于/不少于/超过/至少/高于/突破/超/逾 before it
    (至少 may open the part: 至少培训乡村医生800人次);
    ``<=`` for 以下/以内 or 不超过/不高于/低于/少于, and 控制在 unless 左右 follows (then ``=``);
    ``increase`` for 提高/提升/增长/增加/上升/延长 N and ``decrease`` for 下降/降低/减少/缩短/压减 N
    (not followed by 到/至, whatever bound follows; 调增/上调 and 调减/下调 too); ``=`` otherwise
    (达到, 为, 提高到, 降至, 稳定在, 保持…在, 接近, 左右, or no verb at all).

Value and unit
    ``value`` is a float in the normalised unit; ``value_text``/``value_start``/``value_end`` are
    the number alone as written (九 in 九成, 10 in 10/10万). Chinese numerals are read with
    :func:`~hwgraph.numerals.cn_number` (两个 → 2); 九成 is 90 with unit 成 normalised to %. Units
    keep their multiplier (万人, 亿元, 万张): the value is not scaled. See :func:`normalise_unit`.

Baseline
    从76.5岁提高到78岁 / 由6.4张增至7.6张 / 從10.25%提高到23.15% give one target (78, ``=``)
    with ``baseline`` 76.5; a year written with the baseline (从2020年的75.2岁) is not the target
    year; 从46503元和16935元分别提高到58794元和23184元 pairs the lists.

Year
    The last year written before the value in its sentence (a sentence ends at 。！？ or at a line
    break that is no PDF wrap; ； does not end it, so 到2025年 at its start applies to every part):
    到2025年, 至2030年, 2025年底前, 2025年, 2021—2025年 (→ 2025), 2025 年 (a PDF's spaces), or
    2025年的 right before the value (提升至2025年的76.8岁). A year of comparison (较2020年,
    比2020年, 从2020年的) is never the target year. "十四五"末, 今年 and a year only in the title
    give ``None``: in a 2024 plan a sentence without a year has no year.

Kind
    The nearest cue before the value in its sentence decides: 已/已经/累计/同比/比上年/较上年/提前/
    实现了/达到了/完成了/五年来/以来 → ``achieved``; 力争/确保/争取/目标/预期/计划/努力/力求/要 →
    ``target`` (a plain 完成 is no cue: 年内完成2000例筛查 is a goal). Else the year: 到/至 YEAR or
    YEAR前 → ``target``; a year before the document's year → ``achieved``, after it → ``target``,
    the same year → ``achieved`` in a summary, transcript or untitled page, ``target`` elsewhere (a
    2026 government report plans 2026). Else the titles of the enclosing chapter and section (inner
    first): 回顾/成效/成绩/完成情况/总结/发展基础/现状 → ``achieved``; 目标/任务/安排/计划/思路/
    打算/要点/措施 → ``target``. Else the document: summaries, reports, transcripts and other pages
    (news, letters) report ``achieved`` figures; plans, opinions, notices, lists and interpretations
    set ``target`` s. A figure read as achieved without a word of results becomes a ``target`` when
    a lead unit follows it in its sentence (…18万人以上（牵头单位：人社厅）: a task). A government
    report whose outline has no chapter headings reads its goals as results unless a cue says
    otherwise.

Spans
    ``start``/``end`` cover the statement from the indicator to the end of the number, its unit and
    a bound after it (以上, 以下, 以内, 左右); with a noun after the number, to the end of the noun.
    Matching is done on :class:`~hwgraph.entities._common.DocText` (traditional text reads as
    simplified), offsets are mapped back to the source and a figure whose span cleaning cut into is
    dropped, so ``source.text[start:end]`` is always the statement as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hwgraph.entities._targets_text import (
    COMPARATORS,
    Hit,
    Reader,
    comparator_of,
    cue_before,
    hit_of,
    is_wrap,
    list_items,
    noun_after,
    parse_value,
    part_start,
    rejected,
    subject_before,
    trim_lead,
    trim_tail,
)
from hwgraph.entities._targets_words import (
    ACHIEVED_DOCS,
    COMPARISONS,
    CUE_WORDS,
    FROM_TAIL,
    INHERIT_CUES,
    LIST_BEFORE,
    LIST_ITEM,
    OBJECT_PREPOSITIONS,
    PER_WORDS,
    PREPOSITIONS,
    SAME_YEAR_ACHIEVED,
    SCOPE_INSIDE,
    TO_GAP,
    TRIGGER,
    VERB_END,
    VERB_IN,
    VERB_PHRASE,
    YEAR_OF,
)
from hwgraph.numerals import cn_number
from hwgraph.types import Comparator, Document, Section, Target, TargetKind

__all__ = ["find_targets", "indicator_key", "normalise_unit"]

_new = object.__new__

# ---- units ----------------------------------------------------------------------------------------

_UNIT_NORM = {"%": "%", "％": "%", "‰": "‰", "个百分点": "pp", "百分点": "pp", "成": "%"}
_PER_RX = re.compile(r"/(10|十|一)?万(?:人口|人|活产|名)?")
_PER_K_RX = re.compile(r"/千(?:人口|人|活产|名)?")


@lru_cache(maxsize=1024)
def normalise_unit(unit: str) -> str:
    """The normalised form of a unit as written.

    Percentages (% ％, and 成 in 九成, which counts tenths) → ``%``; per mille ``‰``; percentage
    points (个百分点, 百分点) → ``pp``; rates per population: /10万 (/十万, /10万人, /10万活产) →
    ``per100k``, /万 → ``per10k``, /千 → ``per1k``; everything else (岁, 人, 家, 张, 个, 所, 万人,
    亿元, 天…) as written, with spaces dropped and ／ read as /.
    """
    u = unit.strip().replace(" ", "").replace("／", "/")
    if u in _UNIT_NORM:
        return _UNIT_NORM[u]
    m = _PER_RX.fullmatch(u)
    if m:
        return "per100k" if m.group(1) in ("10", "十") else "per10k"
    if _PER_K_RX.fullmatch(u):
        return "per1k"
    return u


# ---- indicator keys -------------------------------------------------------------------------------

_KEY_DROP = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")
_KEY_SCOPE = re.compile(
    r"^(?:全[省市县区州盟旗镇乡国域]|[我本][省市县区州国]|辖区内?|区域内|全体|城乡)?(?:居民|常住人口|户籍人口)?(?=.)"
)
_KEY_ALIASES = (
    (re.compile(r"每千(?:常住)?人口?(?:拥有)?"), "每千人"),
    (re.compile(r"每万(?:常住)?人口?(?:拥有)?"), "每万人"),
    (re.compile(r"^千人口?(?:拥有)?"), "每千人"),
    (re.compile(r"^万人口?(?:拥有)?"), "每万人"),
    (re.compile(r"(?:3|三)岁以下婴幼儿托位"), "托位"),
    (re.compile(r"医疗卫生机构床位|医疗机构床位"), "床位"),
    (re.compile(r"五岁以下"), "5岁以下"),
    (re.compile(r"重大慢病"), "重大慢性病"),
    (re.compile(r"(?<=[位师士生员])数$"), ""),
    (re.compile(r"年均$"), ""),
)


@lru_cache(maxsize=8192)
def indicator_key(indicator: str) -> str:
    """The key under which the same indicator from different documents meets.

    The rule, in order: read traditional characters as simplified; drop spaces, quotes and title
    marks; full-width parentheses become half-width (执业（助理）医师 = 执业(助理)医师); drop a place
    named at the start (海南省人均预期寿命) and scope words (全省, 全市, 我省, 本市, 辖区, 全体, 城乡)
    with the population word after them (居民, 常住人口, 户籍人口), so 全省人均预期寿命, 居民人均
    预期寿命 and 人均预期寿命 all give 人均预期寿命; then the usual spellings of the national
    indicators meet: 每千人口/每千常住人口/千人口 (拥有) → 每千人, 3岁以下婴幼儿托位 → 托位,
    医疗卫生机构床位 → 床位, 五岁以下 → 5岁以下, 重大慢病 → 重大慢性病; a count's 数 after
    位/师/士/生/员 goes (每千人托位数 = 每千人托位) and so does a trailing 年均.
    """
    from hwgraph._text import matching_form

    k = _KEY_DROP.sub("", matching_form(indicator)).replace("（", "(").replace("）", ")")
    k = _strip_place(k)
    prev = None
    while prev != k:
        prev = k
        k = _KEY_SCOPE.sub("", k, count=1)
    for rx, rep in _KEY_ALIASES:
        k = rx.sub(rep, k)
    return k or indicator


def _strip_place(k: str) -> str:
    """``k`` without an administrative division named at its start (海南省, 六盘水市)."""
    if len(k) < 4 or k[0] in "全我本每":
        return k
    from hwgraph.places import find_places

    for m in find_places(k, 0, min(len(k), 12)):
        if m.start == 0 and m.end < len(k) and m.text[-1] in "省市县区州盟旗":
            return k[m.end :]
    return k


# ---- extraction -----------------------------------------------------------------------------------


def find_targets(document: Document) -> list[Target]:
    """The quantitative targets and achievements of ``document``, in text order (module docstring)."""
    rd = Reader(document)
    text = rd.text
    out: list[Target] = []
    matches = list(TRIGGER.finditer(text))
    # the last figure: indicator, its start, its end, its sentence, the verb of a verb + noun indicator
    prev: tuple[str, int, int, int, str | None] | None = None
    # values a 从/由 gives (as float, as written) and the position of 从/由
    baseline: tuple[list[tuple[float, str]], int] | None = None
    nm = len(matches)
    idx = 0
    while idx < nm:
        m = matches[idx]
        hits = [hit_of(m)]
        # values of a list, one after another: 0.93‰、1.62‰、1.93‰ / 5‰和7‰以下
        while (
            idx + 1 < nm
            and matches[idx + 1].start() == hits[-1][5] + 1
            and text[hits[-1][5]] in "、和及与"
            and matches[idx + 1].group("num") is not None
        ):
            idx += 1
            hits.append(hit_of(matches[idx]))
        idx += 1
        s0 = hits[0][0]
        if hits[0][6] is False and s0 > 1 and text[s0 - 1] in "、和及与" and text[s0 - 2].isdigit():
            lb = LIST_BEFORE.search(text, max(0, s0 - 60), s0)
            if lb is not None:
                unit = hits[-1][2]
                hits[:0] = [
                    (it.start("n"), it.end("n"), unit, it.end("n"), it.group("b") or "", it.end("n"), False)
                    for it in LIST_ITEM.finditer(text, lb.start(), s0)
                ]
                s0 = hits[0][0]
        cue, cue_start = cue_before(text, s0)
        if cue is None and s0 > 1 and text[s0 - 1] == "\n" and is_wrap(text, s0 - 1):
            cue, cue_start = cue_before(text, s0 - 1)
        if cue is None and s0 > 1 and text[s0 - 1] == " ":  # a PDF text layer: 达到 80%
            k = s0 - 1
            while k > 0 and text[k - 1] == " ":
                k -= 1
            cue, cue_start = cue_before(text, k)
        if cue is None and s0 > 1 and text[s0 - 2] == "每":
            pw = PER_WORDS.search(text, max(0, s0 - 8), s0)
            if pw is not None:
                cue, cue_start = cue_before(text, pw.start())
        year_of: int | None = None
        if cue is None and s0 > 0 and text[s0 - 1] in "的年底末":
            y = YEAR_OF.search(text, max(0, s0 - 8), s0)
            if y is not None:
                cue, cue_start = cue_before(text, y.start())
                if cue is not None:
                    year_of = int(text[y.start() : y.start() + 4])
        role = CUE_WORDS.get(cue) if cue else None
        if m.group("bare") is not None and cue not in ("达", "达到", "为"):
            continue
        # a baseline: 从76.5岁提高到78岁 gives one figure, 78 from 76.5 (从46503元和16935元分别提高到…)
        if idx < nm and s0 > 0 and text[s0 - 1] in "从由的人生户床月年天日周次例":
            f = FROM_TAIL.search(text, max(0, s0 - 8), s0)
            nxt = matches[idx].start()
            if f is not None and nxt - hits[-1][5] <= 16 and TO_GAP.match(text, hits[-1][5], nxt):
                if not rejected(text, hits[-1], "eq", "达到"):
                    from_values = [(parse_value(text[h[0] : h[1]])[0], rd.source_of(h[0], h[1])) for h in hits]
                    baseline = (from_values, f.start())
                continue
        base, baseline = baseline, None
        if hits[0][6]:
            v = cn_number(text[s0 : hits[0][1]])
            if v is None or (v < 2 and hits[0][2] != "成"):
                continue
        elif rejected(text, hits[-1], role, cue):
            continue
        if base is not None:
            if len(base[0]) != len(hits):
                base = None
            else:
                cue_start = base[1]
                role = role or "to"
        got = _emit(rd, hits, role, cue, cue_start, year_of, base, prev)
        if got:
            out.extend(got)
            prev = (got[-1].indicator, rd.last_start, rd.last_end, rd.sent_lo, rd.last_verb)
    return out


def _indicator(
    rd: Reader, hits: list[Hit], cue: str | None, ind_end: int, sent: int, prev: tuple[str, int, int, int, str | None] | None
) -> tuple[list[tuple[int, int, str]], int]:
    """The indicator items ``(start, end, text)`` of the values, and the end of a noun after the
    last value that completes the indicator (0 if none)."""
    text = rd.text
    e = ind_end
    while e > 0 and text[e - 1] in " \u3000":
        e -= 1
    wide = part_start(text, e, max(0, e - 80))
    sec, head_end = rd.section_at(sent, hits[0][0])
    if wide < head_end < e - 1 and sec is not None and len(sec.title) >= 4:
        # 二、重点指标人均预期寿命…: a heading run together with its body is no part of the
        # indicator (a title of under four characters is more likely the outline's misreading)
        wide = head_end
    if prev is not None and prev[3] == sent and wide < prev[2] <= ind_end:
        # an indicator never reaches back over the figure before it (A增长5%和B增长6%)
        wide = prev[2] + (text[prev[2] : prev[2] + 1] in ("和", "及", "与", "、"))
    a = trim_lead(text, wide, ind_end)
    raw = text[a:ind_end]
    ind, spread = trim_tail(raw)
    ind = ind.rstrip()
    b = a + len(ind)
    if len(hits) > 1 or (spread and "、" in ind):
        items = list_items(text, a, b, len(hits))
        if items:
            return items, 0
    k = ind.rfind("、")
    if k >= 0:
        a = trim_lead(text, a + k + 1, b)
        ind = text[a:b]
    if ind:
        # an object clause: 国家卫生健康委公布了我省人均预期寿命 → 人均预期寿命
        sc = SCOPE_INSIDE.search(ind, 1)
        if sc is not None and len(ind) - sc.end() >= 2:
            a = trim_lead(text, a + sc.start(), b)
            ind = text[a:b]
        if ind[0] in OBJECT_PREPOSITIONS and len(ind) > 1:
            # 为县及县以下医疗机构招聘医学类毕业生150名: the verb after the prepositional phrase
            vm = VERB_IN.search(ind, 2)
            if vm is not None:
                a += vm.start()
                ind = text[a:b]
        if cue == "在" and ind.startswith(("保持", "稳定", "维持", "控制")):
            a += 2  # 保持各医疗机构互联互通互认率在90%以上
            ind = text[a:b]
        elif ind[-1] in OBJECT_PREPOSITIONS or cue == "在":
            # 为全区5124名孕产妇免费供应…, 在9家市级医院开展…: the people or places counted
            noun_end = noun_after(rd, hits, 24)
            if not noun_end:
                return [], 0
            rd.last_verb = ""
            return [(hits[-1][5], noun_end, text[hits[-1][5] : noun_end])], noun_end
        if not ind or ind[0] in PREPOSITIONS or ind[0] == "的" or ind[-1] == "的" or (
            ind[-1] in PREPOSITIONS and not ind.endswith(VERB_END)
        ):
            return [], 0  # 对11个垃圾中转站…实施消杀, 将有限财力的83%用于: no indicator
    elif cue == "在" or cue == "为":  # ，为2万名3-5岁儿童免费实施牙齿涂氟
        noun_end = noun_after(rd, hits, 24)
        if not noun_end or text[a - 1 : a] in ("、", "和", "及", "与"):
            return [], 0
        rd.last_verb = ""
        return [(hits[-1][5], noun_end, text[hits[-1][5] : noun_end])], noun_end
    verb = bool(ind) and (
        VERB_PHRASE.fullmatch(ind) is not None
        or ((len(ind) <= 2 or ind.endswith(VERB_END)) and noun_after(rd, hits) > 0)
    )
    if ind and not verb:
        return [(a, b, ind)], 0
    if ind:
        # a verb alone: the noun after the value completes it (新建50个区域养老服务中心)
        noun_end = noun_after(rd, hits)
        if not noun_end:
            return [], 0
        rd.last_verb = ind
        return [(a, b, ind + text[hits[-1][5] : noun_end])], noun_end
    # an empty part: the figure right before it in the same sentence (…提高1.16岁、达到79.72岁;
    # 打造4个国家先进制造业集群、6个千亿级产业集群 shares the verb)
    if prev is not None and prev[3] == sent and 0 <= a - prev[2] <= 12 and len(hits) == 1:
        gap = text[prev[2] : a]
        listed = gap[:1] in ("、", "和", "及", "与")
        if prev[4] is not None and listed:
            noun_end = noun_after(rd, hits)
            if not noun_end:
                return [], 0
            rd.last_verb = prev[4]
            return [(a, b, prev[4] + text[hits[-1][5] : noun_end])], noun_end
        if listed or any(w in raw for w in COMPARISONS) or ("，" in gap and cue in INHERIT_CUES):
            return [(prev[1], b, prev[0])], 0
    # or the subject of the part before (居民健康素养水平稳步提升，2022年达38.2%)
    subj = subject_before(text, wide, sent)
    if subj is not None:
        return [(subj[0], b, subj[1])], 0
    # or the noun after a count that opens its part (90家县级医院达到三级综合医院水平)
    noun_end = noun_after(rd, hits) if cue is None and text[a - 1 : a] not in ("、", "和", "及", "与") else 0
    if not noun_end:
        return [], 0
    rd.last_verb = ""
    return [(hits[-1][5], noun_end, text[hits[-1][5] : noun_end])], noun_end


def _emit(
    rd: Reader,
    hits: list[Hit],
    role: str | None,
    cue: str | None,
    ind_end: int,
    year_of: int | None,
    base: tuple[list[tuple[float, str]], int] | None,
    prev: tuple[str, int, int, int, str | None] | None,
) -> list[Target]:
    text = rd.text
    vpos = hits[0][0]
    sent = rd.sentence_start(vpos)
    rd.last_verb = None
    items, post_end = _indicator(rd, hits, cue, ind_end, sent, prev)
    if not items:
        return []
    if len(items) == 1 and items[0][2].startswith("至少") and role in (None, "eq"):
        ist, iend, itext = items[0]  # 至少培训乡村医生800人次
        items, role = [(ist + 2, iend, itext[2:])], "ge"
    if len(items) != len(hits):
        if len(items) == 1:
            items = items * len(hits)
        elif len(hits) == 1:
            hits = hits * len(items)  # 孕产妇、婴儿死亡率均控制在…: one value for each
        else:
            n = min(len(items), len(hits))
            items, hits = items[-n:], hits[-n:]
    if base is not None and len(base[0]) != len(hits):
        base = (base[0] * len(hits), base[1]) if len(base[0]) == 1 else None
    # year and kind: the last of each written before the value in its sentence
    year, year_form, year_pos, word, word_pos = None, "", -1, "", -1
    for pos, kind, y, form in rd.cues(sent, vpos):
        if pos >= vpos:
            break
        if pos < rd.title_end:
            continue
        if kind != "y":
            word, word_pos = kind, pos
        elif form != "cmp" and not (base is not None and pos > base[1]):
            year, year_form, year_pos = y, form, pos
    if year_of is not None:
        year, year_form, year_pos = year_of, "of", vpos
    section = rd.sec_cache[sent][0]  # _indicator asked section_at for this sentence
    tkind = _kind(rd, section, word, word_pos, year, year_form, year_pos)
    if tkind is TargetKind.ACHIEVED and word != "a":
        # a task with its lead unit (…18万人以上（牵头单位：人社厅）) is a goal, whatever the section
        j = text.find("牵头", hits[-1][5], hits[-1][5] + 60)
        if j >= 0 and "。" not in text[hits[-1][5] : j]:
            tkind = TargetKind.TARGET
    last_bound = hits[-1][4]
    rd.last_start = items[-1][0]
    rd.last_end = post_end or hits[-1][5]
    doc = rd.document
    src = rd.src
    out = []
    last_unit = hits[-1][2]
    for k, ((ist, iend, itext), h) in enumerate(zip(items, hits, strict=True)):
        ns, ne, unit, ue, bound, end, is_cn = h
        if post_end and k == len(hits) - 1:
            end = post_end
        first = ist if ist < ns else ns
        span = rd.verbatim(first, end)
        if span is None or len(itext) > 40:
            continue
        shift = span[0] - first  # the statement is one run of kept text: one shift maps all of it
        vs, ve = ns + shift, ne + shift
        if itext == text[ist:iend]:  # as written in the source (traditional stays traditional)
            itext = src[ist + shift : iend + shift]
        vt = text[ns:ne]
        comparator = COMPARATORS.get((role, bound or last_bound)) or comparator_of(role, bound or last_bound)
        if is_cn:
            value = float(cn_number(vt) or 0)
        else:
            value, ranged = parse_value(vt)
            if ranged and comparator == Comparator.EQ:
                comparator = Comparator.GE  # 建成1－2个: at least the lower end
        if unit == "成":
            value *= 10
        if ue > ne:
            unit_src = src[ve : ve + ue - ne]
        else:  # a list item sharing the last item's unit
            unit_src = rd.source_of(hits[-1][1], hits[-1][3])
            unit = last_unit
        # every field, in the order of Target's, filled at once: a dict display is 0.35 µs faster
        # than record_maker's zip per figure (a field left out here fails every test printing a target)
        t = _new(Target)
        t.__dict__.update(
            {
                "document": doc,
                "indicator": itext,
                "indicator_key": indicator_key(itext),
                "value": value,
                "value_text": src[vs:ve],
                "unit": unit_src,
                "unit_norm": normalise_unit(unit),
                "comparator": comparator,
                "year": year,
                "kind": tkind,
                "start": span[0],
                "end": span[1],
                "baseline": base[0][k][0] if base is not None else None,
                "baseline_text": base[0][k][1] if base is not None else None,
                "value_start": vs,
                "value_end": ve,
                "section": section,
            }
        )
        out.append(t)
    return out


def _kind(
    rd: Reader,
    section: Section | None,
    word: str,
    word_pos: int,
    year: int | None,
    year_form: str,
    year_pos: int,
) -> TargetKind:
    doc = rd.document
    if word and word_pos > year_pos:
        return TargetKind.ACHIEVED if word == "a" else TargetKind.TARGET
    if year is not None:
        if year_form == "to":
            return TargetKind.TARGET
        if doc.year is not None:
            if year < doc.year:
                return TargetKind.ACHIEVED
            if year > doc.year:
                return TargetKind.TARGET
            return TargetKind.ACHIEVED if doc.kind in SAME_YEAR_ACHIEVED else TargetKind.TARGET
    if word:
        return TargetKind.ACHIEVED if word == "a" else TargetKind.TARGET
    sk = rd.section_kind(section)
    if sk is not None:
        return sk
    return TargetKind.ACHIEVED if doc.kind in ACHIEVED_DOCS else TargetKind.TARGET
