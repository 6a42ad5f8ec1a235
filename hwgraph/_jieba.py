"""jieba, loaded lazily and once, with its start-up chatter kept off stderr."""

from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def cut(text: str) -> list[str]:
    """Segment ``text`` into words (accurate mode, no HMM guesses for unknown words)."""
    return list(_tokenizer().cut(text, HMM=False))
