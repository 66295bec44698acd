"""Audience gazetteer: whole-token matches only, and never inside a law title."""

from __future__ import annotations

import contextlib
import random
import re

import pytest
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from ingest.laws.parse import parse_law_file
from nlp.audiences import extract_audiences, find_audiences, load_audience_terms
from nlp.gazetteer import default_gazetteer, load_audiences
from nlp.pipeline import blank_zh, jieba_words
from nlp.text import normalize
from pufa.errors import InputError
from tests.corpus import corpus_dir


def audiences(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.audience_id) for m in extract_audiences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("面向青少年学生开展宪法教育", [("青少年", "students"), ("学生", "students")]),
    ("普法对象：企业经营者、消费者", [("企业经营者", "businesses"), ("消费者", "consumers")]),
    ("农民工、老年人和残疾人", [("农民工", "farmers"), ("老年人", "elderly"), ("残疾人", "disabled")]),
    ("国家工作人员、网民、行政相对人", [("国家工作人员", "public_servants"), ("网民", "netizens"),
                                   ("行政相对人", "administrative_counterparts")]),
    ("社区居民、患者、机动车驾驶人", [("社区居民", "residents"), ("患者", "patients"), ("机动车驾驶人", "drivers")]),
])
def test_audiences(text, expected):
    assert audiences(text) == expected


def test_longer_words_and_law_titles_do_not_count():
    assert audiences("学生会、妇女联合会和消费者协会组织活动") == []
    assert audiences("学习《中华人民共和国未成年人保护法》") == []


def test_offsets_index_the_original_text():
    text = "面向未成年人與老年人"
    assert [(m.start, m.end, m.name) for m in extract_audiences(text)] == [(2, 6, "未成年人"), (7, 10, "老年人")]


def test_every_term_has_an_audience_with_a_name():
    gazetteer = load_audiences()
    assert set(gazetteer.terms.values()) == set(gazetteer.names)


def test_every_term_is_one_jieba_word():
    """What lets find_audiences segment only the blocks a term occurs in: each term is one jieba word
    (so of block characters only) wherever it stands whole."""
    load_audience_terms()
    assert [term for term in load_audiences().terms if jieba_words(term) != [term]] == []


@pytest.mark.corpus
def test_segmenting_only_blocks_with_a_term_misses_nothing():
    """Over corpus articles, the mentions are exactly those of the gazetteer's PhraseMatcher on a spaCy Doc
    of the whole article (the reading before blocks without a term were skipped)."""
    root = corpus_dir()
    files = random.Random(0).sample(sorted(root.rglob("*.md")), 60)
    texts = []
    for path in files:
        with contextlib.suppress(InputError):
            texts += [normalize(article.text) for article in parse_law_file(path, root=root).articles]
    load_audience_terms()
    nlp = blank_zh()
    matcher = PhraseMatcher(nlp.vocab)
    for term, audience_id in default_gazetteer().terms.items():
        matcher.add(audience_id, [nlp.make_doc(term)])

    def whole_doc(text: str) -> list[tuple[int, int, str]]:
        doc = nlp(text)
        titles = [match.span() for match in re.finditer(r"《[^《》]*》", text)]
        spans = filter_spans(Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc))
        return [(span.start_char, span.end_char, span.label_) for span in sorted(spans, key=lambda span: span.start)
                if not any(left <= span.start_char and span.end_char <= right for left, right in titles)]

    naming = 0
    for text in texts:
        expected = whole_doc(text)
        assert [(m.start, m.end, m.audience_id) for m in find_audiences(text)] == expected, text[:60]
        naming += bool(expected)
    assert naming >= 100, "the sample names audiences"
