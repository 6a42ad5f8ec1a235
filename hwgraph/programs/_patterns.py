"""Character classes, word lists and regular expressions shared by the programs modules."""

from __future__ import annotations

import re
import unicodedata

# ---- character classes and word lists -------------------------------------------------------------

_CN_DIGITS = "一二两三四五六七八九十百千万双"
_HAN = r"\u4e00-\u9fff"
_BOUNDARY = "，,。；;：:！!？?\n"
_UNITS = (
    "年", "月", "日", "天", "岁", "周", "次", "人", "元", "名", "例", "倍", "成", "号", "小时", "分钟", "秒",
    "米", "公里", "亩", "平方", "届", "期", "轮", "批", "时", "家", "所", "张", "份", "床", "台", "%",
    "步", "位数",  # 走一步、看两步; 两位数增长
    "个字", "句",  # 用“三个字”概括: words about words
)
# 一是/一要 are enumeration markers; 一流/一致 … are ordinary words that start with a numeral.
_NOT_AFTER_ONE = ("是", "要", "则", "些", "直", "定", "般", "起", "样", "致", "切", "律", "共", "再", "旦",
                  "度", "番", "流", "线", "同", "道", "方面", "体化", "站式", "揽子", "条龙", "把手")
# Set phrases with a numeral that jieba's dictionary does not tag as 成语 (those it tags are found by
# hwgraph.programs._words.is_chengyu): metaphors of unity (一盘棋, 一张网), offices, and idioms it
# mis-tags. The last resort; each entry has its own case in tests/test_programs_idioms.py.
_IDIOMS = (
    "一盘棋", "一本账", "一家人", "一把手", "一站式", "一揽子", "一体化", "一张网", "一张图", "一张蓝图", "一米线",
    "一抓到底", "两张皮", "一手抓", "两手抓", "两手硬", "一阵风", "一肩挑", "一票否决", "两会", "一线", "一流",
    "一次性", "五湖四海", "七上八下", "九牛一毛", "十全十美", "一劳永逸", "万紫千红", "接二连三", "三番五次",
    "一清二楚", "合二为一", "一锤定音", "一个都不能少", "三分治七分养",
)
# Place names that begin with a numeral (三明医改 is Sanming's reform, not three of anything).
_PLACES = ("三明", "三亚", "三门峡", "三沙", "六盘水", "六安", "七台河", "九江", "九龙坡", "十堰", "四平", "五指山",
           "万宁", "万州", "百色", "双鸭山", "双流", "二连浩特", "五家渠", "四会", "三河", "万载", "千岛湖",
           "八闽", "三秦", "三晋", "八桂", "三湘", "四川")  # 八闽英才: Fujian's talents, not eight of them
# Words that begin with a numeral and count nothing (百姓富 is about the people; 四面逢源, 双赢 are
# figures of speech). The last resort; each entry has its own case in tests/test_programs_ranks.py.
_NOT_COUNTING = ("百姓", "万里", "千里", "四面", "八方", "双赢", "一江春水", "五洲")
# What follows a numeral that is an ordinal, a grade or a score, not a count: a census (四经普, 七普), a
# games (十五冬, 十四运), a party congress or plenum (二十大, 四中全会), a hospital grade (三甲), a score
# or rating (95分, 五星级).
_ORDINAL_RESTS = frozenset({"普", "经普", "人普", "农普", "冬", "运", "冬会", "运会", "全运", "全运会", "大", "中全会",
                            "甲", "乙", "分", "星级"})
# Nouns of aspect: 医疗、医保、医药三个方面 counts the sides of a matter, not policy things. The last
# resort; each entry has its own case in tests/test_programs_ranks.py.
_ASPECTS = frozenset({"方面", "维度", "层面", "角度"})
# 有一种…, 每一个…: after a determiner 一 is the indefinite article, not a count.
_DETERMINERS = ("有", "每", "这", "那", "哪", "某")
# Words after a quoted name that make it an initiative (“放管服”改革) rather than a metaphor (“哨点”作用).
_INITIATIVE_AFTER = ("改革", "行动", "活动", "工程", "战略", "计划", "模式", "机制", "制度", "试点", "示范",
                     "建设", "创建", "品牌", "工作法", "攻坚")
# The initiative words a campaign named after a common word takes (“满天星”行动, not “绿色通道”机制).
_CAMPAIGN_AFTER = ("改革", "行动", "活动", "工程", "战略", "计划", "品牌", "工作法", "攻坚")
_TIME_UNITS = ("年", "月", "日", "天", "周", "小时", "分钟", "刻", "季")
_INITIATIVE_VERBS = ("推行", "推进", "深化", "实施", "实现", "推广", "落实", "启动", "开展", "深入推进", "全面推行")
_CLAUSE_END = frozenset("。，,；;、！")
# Verbs that make what follows a fault to avoid (杜绝“形象工程”), unless a policy verb governs them.
_PREVENT = re.compile("杜绝|防止|严防|谨防|力戒|不搞|搞(?![好活])|反对|严禁|禁止|避免|纠治|纠正|整治|克服|摒弃|破除|打击|遏制|根治|警惕")
_POLICY_VERB = re.compile("开展|实施|推进|推行|启动|部署|组织|深化|落实")
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
_HEAD_SET = frozenset(_HEADS) | frozenset(_ENUM_HEADS)
_HEAD_ENDS = tuple(_HEAD_SET | set(_INITIATIVE_END))
# The word an unquoted count starts with: the numeral, alone or with its measure words (三, 三项, 五大类).
_COUNT_WORD = re.compile(f"[{_CN_DIGITS}]{{1,2}}[个大项条件种类级位支批张套]{{0,2}}")
_TAILS = ("没有", "未", "工作", "建设", "作用", "活动", "患者", "人员", "人群", "的", "为", "作为", "和", "及", "与", "等",
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
    "展开", "设定", "牢牢", "细化", "明确", "守好", "建强", "用好", "共建", "融入", "参与",
)
_LEAD_SET = frozenset(_LEAD_WORDS)
_LEAD_MAX = max(len(w) for w in _LEAD_WORDS)
# Verbs that, inside a first item, end a subject before the list proper (省卫健委印发A、B、C…).
_GOVERNING = re.compile(
    "(?:印发|制定|出台|提出|围绕|紧扣|通过|抓好|聚焦|落实|推进|推动|实施|开展|建成|形成|建立|构建|建设|实现|设定|确定)了?"
)
# Verbs that also make nouns (高质量发展水平): they govern a list only where the first item starts with
# them (发展A、B), as does a verb with its result complement (守好, 做大做强, 建强用好).
_COMPLEMENT_VERB = "(?:[做建用抓守管办搞夯筑织补][好强大优实牢细活足])+"
_GOVERNING_AT = re.compile(f"(?:发展|布局|{_COMPLEMENT_VERB})了?")
_ENDS_GOVERNING = re.compile(f"{_COMPLEMENT_VERB}$")
# An item number that opens a line before a list (9.健全自治区、盟市、旗县三级…).
_ITEM_NUMBER = re.compile(r"\d{1,2}[.．、]\s*")
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
# [X][X]? rather than [X]{1,2}: a pattern that opens with a character class is searched for at C
# speed, one that opens with a repeat is tried at every position
_HEAD_FREE = re.compile(
    rf"([一二两三四五六七八九十][一二两三四五六七八九十]?)([大项条件])([{_HAN}]{{0,4}}?(?:{'|'.join(_HEADS)}))"
)
_NOT_BEFORE_HEAD = frozenset(f"第0123456789{_CN_DIGITS}几每这那该各其前后近约共达计逾超")
_NOT_BEFORE_NUM = frozenset(f"第0123456789{_CN_DIGITS}")
# A numeral that ranks rather than counts: a place in a ranking (后十位, 前三名), a ranking verb opening
# the name (保五争三: not 医保两定, 社保一卡通), a streak (五连冠, 18连增), a ranked list (百强县, 世界500强)
# or firsts achieved (三个首次: not 三首两新); and an ordinal (万里长江第一隧), which counts nothing but
# may name an initiative (“第一议题”制度).
_NUM_RUN = rf"(?:[{_CN_DIGITS}]+|\d+)"
_RANKED = re.compile(
    rf"^[保争拼冲夺]{_NUM_RUN}|^[前后]{_NUM_RUN}|[前后]{_NUM_RUN}[位名强]|{_NUM_RUN}(?:连|强(?:$|[县市区镇村企]))"
    rf"|{_NUM_RUN}个?首[次个批家]"
)
_ORDINAL = re.compile(f"第{_NUM_RUN}")
# Competition slogans without a count: 争先进位, 晋位争先, 争创一流.
_RANKING = re.compile("争先|进位|晋位|赶超|领跑|争一流|创一流|争第一|拼第一")
# 入选“全国十大考古新发现”, 获评“百佳…”: a ranking something was selected into (not 入选“双高计划”).
_AWARDED = re.compile("入选|获评|荣获|评为|入围|跻身")
_TOP_N = re.compile("[十百千][大佳强优]")
# 青海职业技术大学“道路与桥梁工程”专业群: a discipline, whatever its name ends with.
_DISCIPLINES = ("专业", "学科", "课程")
# 40桥24隧: figures of things built, each with its one-character noun, one at least in the tens.
_TALLY = re.compile(rf"(?:\d+(?![个万亿千百十])[{_HAN}]){{2,}}")  # not 3个100万
_MONEY = re.compile(r"\d+(?:\.\d+)?[万亿千百]*元")  # 两个10亿元: two funds, not a program
_ENUM_LAST = re.compile(rf"、([^{_BOUNDARY}、]*[一二两三四五六七八九十xX][^{_BOUNDARY}、]*)")
_ENUM_NUM = re.compile(
    rf"(等)?([一二两三四五六七八九十]{{1,2}}|[xX]{{1,2}})(个|项|类|种|大|条|件|级)?([{_HAN}]{{1,6}})"
)
_GLOSS_LINE = (
    r"[ \t\u3000]*(?:[［\[]\d{1,3}[］\]]|\d{1,2}[.、．]|[（(]\d{1,2}[）)])?[ \t\u3000]*"
    r"[“\"]?([^\s：:，,。“”\"、]{2,12})[”\"]?[ \t\u3000]*(?=[:：]|是指|[，,]?即)"
)
# a glossary line is found from the line break before it (searched for at C speed: a pattern that
# opens with ^ is tried at every position), the first line by a match at 0
_GLOSS = re.compile(r"\n" + _GLOSS_LINE)
_GLOSS_FIRST = re.compile(_GLOSS_LINE)
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
# 即/包括 opening a list, or a quoted label with its definition verb (“3”是指…, 第二个“4”指…)
_DEF_LEAD = re.compile(
    r"(?:(?:第[一二两三四五六七八九十]个)?[“\"][^”\"]{1,6}[”\"]\s*(?:是指|指的是|指|为|即|包括)|即|也就是|是指|指的是|主要包括|包括)\s*"
)
# Between a list and the name it defines: a predicate that belongs to neither (…人数连续3年实现“双下降”).
_PREDICATE_TAIL = re.compile(
    r"(?:(?:连续|累计)?\d+(?:个)?(?:年|个月|季度)|逐年|持续|继续|稳步|分别|同比|首次|率先|全部|均|都|"
    r"实现|保持|达到|取得)+$"
)
# Verbs that take a following name as their object (共建“一带一路”), so a list before them is not its own.
_OBJECT_VERBS = ("共建", "融入", "参与", "对接", "落实", "贯彻", "坚持", "深化", "做到", "确保", "守住", "维护")
# A figure with its unit: an item holding one is a statistic (4万亿, 32亿元, 10所学校, 30.4%).
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:[%％]|[万亿千百]*[元个所家项条件人次年]|万|亿)")
# A time and a place that open a sentence before its list (2025年全省…, 今年全市…).
_SETTING_LEAD = re.compile(r"(?:\d{4}年(?:\d{1,2}月)?|今年|去年|全年|近年来|今后五年|五年来)?(?:全省|全市|全区|全县|我省|我市|我区|各地)?")
_ITEM_LEAD = re.compile(r"[\s“]*")
_ITEM_TRAIL = re.compile(r"[\s。．.；;，,、]+$")
_ONLY_SEPS = re.compile(r"[\s、，,和及与]*$")
_STARTS_SEP = re.compile(r"[\s、，,和及与]")
_ITEM_STOP = re.compile(r"[，,。；;：:]")
_NUM_TAIL = re.compile(rf"[{_CN_DIGITS}]+([{_HAN}]{{1,3}})")
_NUM_CHAR = re.compile(rf"([{_CN_DIGITS}]+)([{_HAN}])")
_INSIDE_ITEM = re.compile(rf"[{_HAN}]{{1,4}}[、等]|、")


def _nfkc(s: str) -> str:
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    return _SPACES.sub("", s) if " " in s or "\t" in s else s
