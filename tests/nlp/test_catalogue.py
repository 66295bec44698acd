"""Catalogue name index: every spelling a law goes by, and nearest names for the rest."""

from __future__ import annotations

from nlp.catalogue import Catalogue


def catalogue() -> Catalogue:
    return Catalogue.from_records([
        {"id": "L1", "title": "中华人民共和国消费者权益保护法", "short_title": "消费者权益保护法", "aliases": ["消保法"],
         "versions": [{"id": "V1", "version_date": "2013-10-25"}, {"id": "V2", "version_date": "2013-12-01"}]},
        {"id": "L2", "title": "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"},
        {"id": "L3", "title": "网络安全审查办法（试行）"},
        {"id": "L4", "title": "中华人民共和国劳动合同法"},
    ])


def test_spellings_resolve_to_one_law():
    laws = catalogue()
    for name in ("中华人民共和国消费者权益保护法", "消费者权益保护法", "《消费者权益保护法》", "消保法", "消法",
                 "中華人民共和國消費者權益保護法", "中华人民共和国 消费者权益保护法"):
        assert [law.id for law in laws.lookup(name)] == ["L1"], name


def test_interpretations_and_trial_measures():
    laws = catalogue()
    for name in ("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释", "最高人民法院关于适用《民事诉讼法》的解释",
                 "民诉法解释", "民事诉讼法司法解释"):
        assert [law.id for law in laws.lookup(name)] == ["L2"], name
    assert [law.id for law in laws.lookup("网络安全审查办法")] == ["L3"]


def test_bare_spellings_exclude_bracketed_titles():
    names = catalogue().surface_names()
    assert "消费者权益保护法" in names and "消法" in names
    assert not any("《" in name for name in names)
    assert catalogue().name_pattern.search("依照消费者权益保护法第十条").group() == "消费者权益保护法"


def test_nearest_ranks_by_shared_bigrams():
    candidates = catalogue().nearest("合同法")
    assert candidates[0].law_id == "L4"
    assert candidates[0].title == "中华人民共和国劳动合同法" and 0 < candidates[0].score < 1


def test_version_in_year_takes_the_latest_that_year():
    law = catalogue().get("L1")
    assert law.version_in_year(2013).id == "V2"
    assert law.version_in_year(2014) is None
