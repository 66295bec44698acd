"""Search terms for the full text of articles, segmented by jieba.

A query is cut into words (jieba's precise mode, with the department and audience taxonomy in
its dictionary) and an article matches when it contains every word, in any order: 未成年人网络保护
finds 第…条 "国家…保护未成年人在网络空间的合法权益". Neither store can hold a Chinese full-text
index here (LadybugDB's FTS extension would be downloaded at run time; Neo4j's cjk analyzer
has no LadybugDB twin), so the words are matched by a scan that both stores run alike.
"""

from __future__ import annotations

import re

import jieba

from nlp.pipeline import add_user_words
from nlp.terms import taxonomy_words

FUNCTION_WORDS = frozenset("的 地 得 和 与 及 或 并 在 对 把 被 将 等 是 了 之 其 为 以 于 由 从 向 中".split())
"""Words every article has; a query keeps them only when nothing else is left."""
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def search_terms(text: str) -> list[str]:
    """The words an article must all contain, longest first; the whole text when it cannot be cut."""
    add_user_words(taxonomy_words())
    words = [word for word in jieba.cut(text, HMM=True) if _WORD.fullmatch(word)]
    content = [word for word in dict.fromkeys(words) if word not in FUNCTION_WORDS] or list(dict.fromkeys(words))
    content.sort(key=len, reverse=True)
    kept: list[str] = []
    for word in content:
        if not any(word in longer for longer in kept):
            kept.append(word)
    return kept or [text]
