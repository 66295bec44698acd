"""Article search a person can use: a question in plain words, its articles ranked by BM25.

A query is cut by jieba (precise mode, with the department and audience taxonomy in its
dictionary), stripped of function and question words, and widened by the search synonyms of
data/search_synonyms.yaml (how people ask → the words the laws use: 醉驾 → 醉酒驾驶, 借钱 → 借款).
Adjacent words of the query also count as a phrase, so an article holding 醉酒驾驶 outranks one
holding 醉酒 and 驾驶 apart.

Articles are not segmented: a term's frequency in an article is how often it occurs in the
article's text. Cutting 140,000 articles with jieba takes about a minute on this machine, and a
query cut differently from the text it should find would miss it; finding where a term occurs
never misses (借款 counts in 借款人, as it should). The index is every article's text joined into
one array of characters, with where each character occurs: a term is looked up at the places of
its rarest character and checked there, a millisecond or so where scanning the 17 million
characters took 50 ms per term. It is built once per store stamp by the domain
(domain.catalogue.lookup.article_index), never per request.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import jieba
import numpy as np

from nlp.pipeline import add_user_words
from nlp.terms import taxonomy_words
from pufa.vocab import search_synonyms

FUNCTION_WORDS = frozenset(
    "的 地 得 和 与 及 或 并 在 对 把 被 将 等 是 了 之 其 为 以 于 由 从 向 中 吗 呢 吧 啊 呀 么 要 会 能 "
    "可以 能否 应该 需要 怎么 怎么办 怎样 如何 什么 哪些 哪个 是否 有没有 有 没有 不 还 我 我们 你 他 她 "
    "别人 人家 自己 一个 这个 那个 办 算 被人 多少 多久 几年 几处 哪些地方 注意 遭遇 老板 邻居 同事 孩子".split()
)
"""Words that say nothing about which article is meant; a query keeps them only when nothing else is left."""
PHRASE_WEIGHT = 0.5
"""A phrase of two adjacent query words counts half again beside its words."""
SYNONYM_WEIGHT = 1.0
K1, B = 1.2, 0.75
"""BM25's usual constants: term frequency saturation and length normalisation."""
MAX_QUERY_CHARS = 200
"""A question is read up to here: a longer text is not a question, and every term costs a lookup."""
SEPARATOR = "\x00"
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class QueryTerm:
    word: str
    weight: float


def query_terms(text: str) -> list[QueryTerm]:
    """The weighted words to look for: the query's content words, their adjacent phrases and the
    words the laws use for its colloquial ones (data/search_synonyms.yaml)."""
    text = text[:MAX_QUERY_CHARS]
    synonyms = search_synonyms()
    add_user_words([*taxonomy_words(), *synonyms, *(word for words in synonyms.values() for word in words)])
    cut = [word for word in jieba.cut(text, HMM=True) if _WORD.fullmatch(word)]
    content = [word for word in cut if word not in FUNCTION_WORDS and len(word) > 1] or cut
    terms: dict[str, float] = {}
    for word in content:
        terms[word] = max(terms.get(word, 0.0), 1.0)
    for first, second in zip(cut, cut[1:]):
        if first in content and second in content and (first + second) in text:
            terms.setdefault(first + second, PHRASE_WEIGHT)
    for asked, used in synonyms.items():
        if asked in text:
            for word in used:
                terms[word] = max(terms.get(word, 0.0), SYNONYM_WEIGHT)
    return [QueryTerm(word, weight) for word, weight in terms.items()] or [QueryTerm(text, 1.0)]


LEVEL_PRIOR = {
    "宪法": 1.0, "法律": 1.0, "行政法规": 0.9, "监察法规": 0.9, "司法解释": 0.8, "部门规章": 0.75,
    "地方性法规": 0.6, "自治条例和单行条例": 0.6, "地方政府规章": 0.55,
}
"""A question in plain words most often means the national rule: local and lower levels rank a little lower."""
STATUS_PRIOR = {"现行有效": 1.0, "尚未生效": 0.9, "已修改": 0.6, "已废止": 0.3}
"""What is in force ranks first."""
OTHER_PRIOR = 0.5


def prior(level: str | None, status: str | None) -> float:
    """How much an article's law weighs in the ranking, from its level and status."""
    return LEVEL_PRIOR.get(level or "", OTHER_PRIOR) * STATUS_PRIOR.get(status or "", 1.0)


TITLE_WEIGHT = 0.3
"""A term in the title of an article's law adds this share of the term's weight to every article of it."""


class ArticleIndex:
    """Every current article's text as one array of characters (UTF-32 code points), where each
    article begins and how long it is, where each character occurs, and which law each article
    belongs to; `search` scores them by BM25 over the query's terms, plus a little for terms in the
    law's title, times the article's prior (its law's level and status)."""

    def __init__(self, texts: list[str], laws: list[int], titles: list[str], prior: list[float]):
        self.size = len(texts)
        joined = SEPARATOR.join(texts) + SEPARATOR
        self._chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=self.size)
        self._starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
        self._lengths = lengths
        self._norm = K1 * (1 - B + B * lengths / max(float(lengths.mean()) if self.size else 1.0, 1.0))
        every = np.bincount(self._chars)
        self._symbols = np.flatnonzero(every).astype(np.uint32)
        """The characters of the text, in code order; `_counts` how often each occurs."""
        self._counts = every[self._symbols]
        dense = np.zeros(len(every), dtype=np.uint16 if len(self._symbols) <= 2**16 else np.uint32)
        dense[self._symbols] = np.arange(len(self._symbols))
        self._places = np.argsort(dense[self._chars], kind="stable").astype(np.int32)
        """Every place of the text, grouped by its character (in the order of `_symbols`)."""
        self._first = np.concatenate(([0], np.cumsum(self._counts)[:-1]))
        self._laws = np.asarray(laws, dtype=np.int32)
        self._titles = titles
        self._prior = np.asarray(prior, dtype=np.float64)

    @property
    def nbytes(self) -> int:
        """The memory its arrays hold."""
        return sum(array.nbytes for array in (self._chars, self._starts, self._lengths, self._norm, self._symbols,
                                              self._places, self._first, self._counts, self._laws, self._prior))

    def text(self, position: int) -> str:
        start = int(self._starts[position])
        return self._chars[start:start + int(self._lengths[position])].tobytes().decode("utf-32-le")

    def occurrences(self, word: str) -> np.ndarray:
        """Where the word begins in the joined text, in order: the places of its rarest character,
        kept where the whole word is."""
        codes = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)
        found = np.searchsorted(self._symbols, codes)
        if (found >= len(self._symbols)).any() or (self._symbols[np.minimum(found, len(self._symbols) - 1)] != codes).any():
            return np.zeros(0, dtype=np.int64)
        rarest = int(np.argmin(self._counts[found]))
        first = self._first[found[rarest]]
        starts = self._places[first:first + self._counts[found[rarest]]].astype(np.int64) - rarest
        starts = starts[(starts >= 0) & (starts + len(codes) <= len(self._chars))]
        for offset, code in enumerate(codes):
            if offset != rarest:
                starts = starts[self._chars[starts + offset] == code]
        return np.sort(starts)

    def search(self, terms: list[QueryTerm], limit: int | None = None) -> list[tuple[int, float]]:
        """(article position, score) of the articles holding a term, best first."""
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        for term in terms:
            if SEPARATOR in term.word or not term.word:
                continue
            offsets = self.occurrences(term.word)
            documents, frequencies = np.unique(np.searchsorted(self._starts, offsets, side="right") - 1,
                                               return_counts=True)
            idf = math.log(1 + (self.size - len(documents) + 0.5) / (len(documents) + 0.5))
            scores[documents] += term.weight * idf * frequencies * (K1 + 1) / (frequencies + self._norm[documents])
            matched[documents] = True
            in_title = [law for law, title in enumerate(self._titles) if term.word in title]
            if in_title:
                scores[np.isin(self._laws, in_title)] += TITLE_WEIGHT * term.weight * idf
        scores[~matched] = 0.0
        scores *= self._prior
        hits = np.flatnonzero(scores)
        ranked = hits[np.lexsort((hits, -scores[hits]))]
        if limit is not None:
            ranked = ranked[:limit]
        return [(int(position), float(scores[position])) for position in ranked]
