"""hwgraph.numerals: whole numerals through cn2an, and what a run of numerals in a program name counts."""

from __future__ import annotations

import pytest

from hwgraph.numerals import cn_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("三", 3),
        ("十", 10),
        ("十四", 14),
        ("二十三", 23),
        ("两", 2),
        ("两百", 200),
        ("一百零一", 101),
        ("一千", 1000),
        ("〇", 0),
        ("31", 31),
        # not one whole number: separate numerals, a bare unit, 双, anything else
        ("八八", None),
        ("四五", None),
        ("一二", None),
        ("十十", None),
        ("百千万", None),
        ("千万", None),
        ("百", None),
        ("双", None),
        ("第三", None),
        ("三x", None),
        ("", None),
    ],
)
def test_programs_numerals_cn_number(text: str, expected: int | None) -> None:
    assert cn_number(text) == expected
