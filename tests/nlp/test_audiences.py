"""Audience gazetteer: whole-token matches only, and never inside a law title."""

from __future__ import annotations

import pytest

from nlp.audiences import extract_audiences
from nlp.gazetteer import load_audiences


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
