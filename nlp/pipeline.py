"""spaCy's blank Chinese pipeline with the jieba segmenter, shared by every extractor.

jieba is a process-wide singleton, so its user dictionary (law names, department and
audience terms, which must segment as single tokens) is loaded here, once per word, and
each extractor builds its small pipeline on top lazily. Call `warm()` at start-up to pay
the ~2 s of jieba and dictionary loading before the first request instead of during it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import jieba
import spacy
from spacy.language import Language

jieba.setLogLevel(logging.WARNING)

if TYPE_CHECKING:
    from nlp.catalogue import Catalogue

JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}
_JIEBA_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
"""jieba splits on anything else before consulting its dictionary, so only such words help."""

_lock = threading.Lock()
_user_words: set[str] = set()


def blank_zh() -> Language:
    """A fresh blank `zh` pipeline segmenting with jieba (which it initialises on first use)."""
    return spacy.blank("zh", config=JIEBA_CONFIG)


def add_user_words(words: Iterable[str]) -> None:
    """Put words into jieba's dictionary so they come out as one token; each word only once."""
    with _lock:
        new_words = {word for word in words if word not in _user_words and _JIEBA_WORD.fullmatch(word)}
        for word in sorted(new_words):
            jieba.add_word(word)
        _user_words.update(new_words)


def dictionary_version() -> int:
    """Grows whenever words are added to jieba's dictionary, so caches of segmentations can tell."""
    return len(_user_words)


def taxonomy_words() -> list[str]:
    """Department and audience terms (incl. audience blockers), shared by both their pipelines."""
    from nlp.audiences import audience_terms
    from nlp.departments import department_terms

    return sorted(set(department_terms()) | set(audience_terms()))


def user_dictionary(catalogue: Catalogue | None = None) -> list[str]:
    """The generated jieba user dictionary: taxonomy terms, plus law names when a catalogue is given."""
    words = set(taxonomy_words())
    if catalogue is not None:
        words |= set(catalogue.surface_names())
    return sorted(word for word in words if _JIEBA_WORD.fullmatch(word))


def warm(catalogue: Catalogue | None = None) -> None:
    """Load jieba, the user dictionary and every pipeline now (idempotent, thread-safe)."""
    from nlp.audiences import audience_pipeline
    from nlp.citations import citation_pipeline
    from nlp.departments import load_departments

    add_user_words(user_dictionary(catalogue))
    load_departments()
    audience_pipeline()
    if catalogue is not None:
        catalogue.build_indexes()
        citation_pipeline(catalogue)
