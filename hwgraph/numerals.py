"""Chinese and Arabic numerals to integers, through cn2an (a maintained converter), cached.

:func:`cn_number` reads one whole numeral the way it is written in a heading or a name: 三 → 3,
十四 → 14, 二十三 → 23, 两百 → 200, 一百零一 → 101, 一千 → 1000, 31 → 31. Anything that is not
one well-formed number gives None: runs of separate numerals (八八, 四五, 三三, 百千万), a bare
unit (百, 千万), 双, mixed text. cn2an is imported on first use (it costs ~70 ms to import), and
answers are cached, so a repeated numeral costs a dictionary look-up.
"""

from __future__ import annotations

from functools import lru_cache

_ARABIC = frozenset("0123456789")
# cn2an's strict mode reads the formal 二 and 〇 only; 两 and 〇 are the everyday spellings
_EVERYDAY = str.maketrans({"两": "二", "〇": "零"})


@lru_cache(maxsize=4096)
def cn_number(text: str) -> int | None:
    """The value of ``text`` if it is one whole Chinese or Arabic numeral, else None."""
    if not text:
        return None
    if all(c in _ARABIC for c in text):
        return int(text)
    import cn2an  # deferred: importing it costs ~70 ms that most commands never need

    try:
        value = cn2an.cn2an(text.translate(_EVERYDAY), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) and value >= 0 else None
