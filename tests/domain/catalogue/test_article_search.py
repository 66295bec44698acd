"""Article search a person can use, on texts of the LawRefBook corpus read at test time (never
copied into the repository): questions in plain words find the articles that answer them."""

from __future__ import annotations

import pytest

from domain.base.cache import CachedStore
from domain.catalogue import lookup
from ingest.laws.load import ingest_laws
from tests.corpus import corpus_dir

pytestmark = pytest.mark.corpus

FILES = ("行政法/道路交通安全法(2021-04-29).md", "刑法/刑法.md", "行政法/食品安全法(2021-04-29).md", "民法典/合同编.md")
"""Four texts: the answers of the questions below and a few thousand articles that are not."""


@pytest.fixture
def corpus_laws(store) -> CachedStore:
    root = corpus_dir()
    ingest_laws(store, [root / name for name in FILES], workers=1)
    return CachedStore(store)


def top(store: CachedStore, question: str, count: int) -> list[tuple[str, str]]:
    return [(hit.law.short_title, hit.article.label)
            for hit in lookup.search_articles(store, question, limit=count).data]


def test_plain_questions_find_the_articles_that_answer_them(corpus_laws):
    assert top(corpus_laws, "醉驾怎么处罚", 1) == [("道路交通安全法", "第九十一条")]
    assert {("道路交通安全法", "第九十一条"), ("刑法", "第一百三十三条之一")} <= set(top(corpus_laws, "醉酒驾驶", 5))
    assert set(top(corpus_laws, "同事借钱不还", 2)) == {("民法典", "第六百七十五条"), ("民法典", "第六百七十六条")}
    assert ("食品安全法", "第三十六条") in top(corpus_laws, "小作坊要办证吗", 3)
