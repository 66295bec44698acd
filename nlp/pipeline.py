"""spaCy's blank Chinese pipeline with the jieba segmenter, shared by every extractor.

jieba is a process-wide singleton, so its user dictionary (law names, department and
audience terms, which must segment as single tokens) is loaded here, once per word, and
each extractor builds its small pipeline on top lazily. `nlp.warm.warm()` at start-up pays
the ~2 s of jieba and dictionary loading before the first request instead of during it.
Law text repeats its clauses (县级以上人民政府…部门, 依照本法规定), and the department reader and the
audience matcher segment the same articles, so every segmentation goes through one cache of
jieba's blocks (`block_words`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language

jieba.setLogLevel(logging.WARNING)

JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}
JIEBA_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
"""jieba splits on anything else before consulting its dictionary, so only such words help."""

_lock = threading.Lock()
_user_words: set[str] = set()


_JIEBA_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
"""jieba's own block pattern (its re_han_default): it segments each such run apart from the rest."""


def jieba_words(text: str) -> list[str]:
    """`jieba.cut(text)` word for word, each block segmented once per dictionary version."""
    return [word for _, piece in jieba_pieces(text) for word in block_words(piece)]


def jieba_pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of the runs jieba segments each on its own, in order: its blocks (runs of
    han, letters and digits) and what lies between them. `block_words` of each, joined, is `jieba_words(text)`."""
    offset = 0
    for piece in _JIEBA_BLOCK.split(text):
        if piece:
            yield offset, piece
            offset += len(piece)


def jieba_offsets(text: str) -> Iterator[tuple[int, str]]:
    """(offset, word) for `jieba_words(text)`, a piece segmented only when reached: a reader that stops
    at the first word it wants pays for no more."""
    for start, piece in jieba_pieces(text):
        for word in block_words(piece):
            yield start, word
            start += len(word)


def block_words(piece: str) -> tuple[str, ...]:
    """`jieba.cut(piece)` for one of `jieba_pieces`, cached per dictionary version."""
    return _block_words(piece, dictionary_version())


@lru_cache(maxsize=1 << 17)
def _block_words(block: str, version: int) -> tuple[str, ...]:
    return tuple(jieba.cut(block))


def clear_jieba_cache() -> None:
    """Forget cached segmentations, so that benchmarks time every pass from cold."""
    _block_words.cache_clear()


class _CachedJieba:
    """What spaCy's Chinese tokenizer asks of jieba (`cut`), answered through the block cache."""

    @staticmethod
    def cut(text: str, cut_all: bool = False) -> list[str]:
        return jieba_words(text)


def blank_zh() -> Language:
    """A fresh blank `zh` pipeline segmenting with jieba (which it initialises on first use)."""
    nlp = spacy.blank("zh", config=JIEBA_CONFIG)
    nlp.tokenizer.jieba_seg = _CachedJieba()
    return nlp


def add_user_words(words: Iterable[str]) -> None:
    """Put words into jieba's dictionary so they come out as one token; each word only once."""
    with _lock:
        new_words = {word for word in words if word not in _user_words and JIEBA_WORD.fullmatch(word)}
        for word in sorted(new_words):
            jieba.add_word(word)
        _user_words.update(new_words)


def dictionary_version() -> int:
    """Grows whenever words are added to jieba's dictionary, so caches of segmentations can tell."""
    return len(_user_words)
