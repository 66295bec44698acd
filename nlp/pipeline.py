"""spaCy's blank Chinese pipeline with the jieba segmenter, shared by every extractor.

jieba is a process-wide singleton, so its user dictionary (law names, department and
audience terms, which must segment as single tokens) is loaded here, once per word, and
each extractor builds its small pipeline on top lazily. `nlp.warm.warm()` at start-up pays
the ~2 s of jieba and dictionary loading before the first request instead of during it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

import jieba
import spacy
from spacy.language import Language

jieba.setLogLevel(logging.WARNING)

JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}
JIEBA_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
"""jieba splits on anything else before consulting its dictionary, so only such words help."""

_lock = threading.Lock()
_user_words: set[str] = set()


def blank_zh() -> Language:
    """A fresh blank `zh` pipeline segmenting with jieba (which it initialises on first use)."""
    return spacy.blank("zh", config=JIEBA_CONFIG)


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
