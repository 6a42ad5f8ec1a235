"""Word-level facts from jieba's dictionary: which words are 成语 or verbs, and where words begin and end.

jieba ships a dictionary of ~350,000 words with a part-of-speech tag each; 25,000 of them are tagged
``i`` (成语, four-character idioms and the like: 一举两得, 三心二意, 一往无前, 零的突破). A numeral
inside such a word counts nothing, so no program is named by one. The dictionary is read once, on
first use (~60 ms); the tokenizer is the one the outline stage already loads.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

_IDIOM_LINE = re.compile(r"(?m)^(\S+) \d+ i$")
_VERB_LINE = re.compile(r"(?m)^(\S+) \d+ v$")
# prepositions, conjunctions, adverbs, particles, pronouns: words that never end a name
_FUNCTION_LINE = re.compile(r"(?m)^(\S+) \d+ [pcdur]$")


@cache  # one entry per tag pattern: idioms, verbs, function words
def _tagged(line: re.Pattern[str]) -> frozenset[str]:
    """The dictionary's words on lines that ``line`` matches (one tag), read when first asked for."""
    import jieba

    return frozenset(line.findall((Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")))


def ends_in_verb(text: str) -> bool:
    """The last word of ``text`` is one jieba's dictionary tags as a verb (v): 从解决, 填表报数."""
    w = words(text)
    return bool(w) and is_verb(w[-1])


def is_function_word(word: str) -> bool:
    """True when jieba's dictionary tags ``word`` as a preposition, conjunction, adverb, particle or
    pronoun (根据, 和, 进一步, 等, 其): a word that may follow a name but never ends one."""
    return word in _tagged(_FUNCTION_LINE)


def may_open_with_function_word(text: str) -> bool:
    """True when a function word (see :func:`is_function_word`) is a prefix of ``text``: a cheap test
    that saves segmenting texts that cannot open with one."""
    tagged = _tagged(_FUNCTION_LINE)
    return any(text[:k] in tagged for k in range(1, min(len(text), 4) + 1))


def is_verb(word: str) -> bool:
    """True when jieba's dictionary tags ``word`` as a verb (v): 推进, 实现, 组织."""
    return word in _tagged(_VERB_LINE)


def is_chengyu(text: str) -> bool:
    """True when jieba's dictionary tags ``text`` as a 成语 (一举两得, 一往无前, 零的突破)."""
    return text in _tagged(_IDIOM_LINE)


@lru_cache(maxsize=4096)
def word_ends(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word (jieba, accurate mode, no HMM) ends, 0 included."""
    from hwgraph._jieba import cut

    ends = {0}
    pos = 0
    for w in cut(text):
        pos += len(w)
        ends.add(pos)
    return frozenset(ends)


def words(text: str) -> list[str]:
    """The words of ``text`` (jieba, accurate mode, no HMM)."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    from hwgraph._jieba import cut

    return tuple(cut(text))
