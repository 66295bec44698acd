"""Audiences (普法对象, "对谁普") named in checklist cells and law articles.

Terms from data/audiences.yaml count only where they are whole jieba words, which is what keeps
学生 out of 学生会 and 妇女 out of 妇女联合会 (such longer words are listed as blockers and loaded
into jieba so that they stay whole). Each term is one jieba word of block characters (han, letters,
digits), so it can stand whole only inside one jieba block: only the blocks a term occurs in are
segmented, and a text without a term not at all (law ingest reads ~140k articles, most naming no
audience). Names inside 《…》 are law titles, not audiences.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pydantic import BaseModel

from nlp.gazetteer import default_gazetteer
from nlp.pipeline import add_user_words, block_words, jieba_pieces
from nlp.terms import taxonomy_words
from nlp.text import normalize, trie_regex

_BOOK_TITLE = re.compile(r"《[^《》]*》")


class AudienceMention(BaseModel):
    """An audience (普法对象) named in a text, by its gazetteer id and canonical name."""

    start: int
    end: int
    text: str
    audience_id: str
    name: str


@lru_cache(maxsize=1)
def load_audience_terms() -> re.Pattern[str]:
    """The terms in jieba's dictionary (they must segment whole), once, and a regex that finds
    wherever one occurs, whole word or not."""
    add_user_words(taxonomy_words())
    return trie_regex(default_gazetteer().terms)


def find_audiences(text: str, original: str | None = None) -> list[AudienceMention]:
    """Audience mentions in normalised `text`, in order; their `text` cut from `original` (same length) if given.

    A term occurring inside a block makes the regex start a match in that block (at the term, or
    inside a longer match that overlaps it, which holds only block characters too): the blocks
    with a match start are all that may hold a whole term."""
    occurrences = [match.start() for match in load_audience_terms().finditer(text)]
    if not occurrences:
        return []
    gazetteer = default_gazetteer()
    source = text if original is None else original
    titles = [match.span() for match in _BOOK_TITLE.finditer(text)]
    mentions: list[AudienceMention] = []
    for start, piece in jieba_pieces(text):
        first = bisect.bisect_left(occurrences, start)
        if first == len(occurrences) or occurrences[first] >= start + len(piece):
            continue
        for word in block_words(piece):
            end = start + len(word)
            audience_id = gazetteer.terms.get(word)
            if audience_id and not any(left <= start and end <= right for left, right in titles):
                mentions.append(AudienceMention(start=start, end=end, text=source[start:end],
                                                audience_id=audience_id, name=gazetteer.names[audience_id]))
            start = end
    return mentions


def extract_audiences(text: str) -> list[AudienceMention]:
    """Audience mentions in `text`, offsets into `text` as given."""
    return find_audiences(normalize(text), text)
