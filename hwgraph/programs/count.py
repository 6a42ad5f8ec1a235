"""The count a program name states (三大体系 → 3, 一单四制 → 5, 1+5+1 → 7) and whether members agree."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from hwgraph.numerals import cn_number
from hwgraph.programs._patterns import (
    _CN_RUN,
    _DIGITS,
    _FORMULA,
    _HAN_CHAR,
    _NAME_SPLIT,
    _NO_COUNT,
)
from hwgraph.programs._records import _Item
from hwgraph.types import ProgramKind


def _cn_value(run: str) -> int | None:
    """Value of a run of numerals in a name (三 → 3, 十四 → 14, 双 → 2, 八八 → 8), None if not a count."""
    if len(run) > 1 and len(set(run)) == 1:
        run = run[0]  # 八八战略: a doubled numeral names one number
    if run == "双":
        return 2
    value = cn_number(run)
    # 千万工程, 百千万, 两个一百年: hundreds and more are not counts of listed things
    return value if value is not None and 0 < value < 100 else None


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
        # 公卫20条 counts 20; 渝味360碗, 117项目: like 千万工程, hundreds are no count of listed things
        return int(m.group()) if m and m.group() != name and int(m.group()) < 100 else None
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
            if after.startswith("个"):
                break  # 四个一批, 五个进一步到位: after 个 comes the counted noun, numerals and all
    return total if found else None


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
