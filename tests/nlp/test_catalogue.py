"""Catalogue name index: every spelling a law goes by, and nearest names for the rest."""

from __future__ import annotations

import json

from nlp.catalogue import DEFAULT_CATALOGUE_PATH, Catalogue
from nlp.citations import resolve_name


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


def local_rules() -> Catalogue:
    return Catalogue.from_records([
        {"id": "T1", "title": "台州市电梯安全管理规定", "level": "地方政府规章", "region": "台州市"},
        {"id": "T2", "title": "杭州市建设工程消防管理规定", "level": "地方政府规章", "region": "杭州市"},
        {"id": "T3", "title": "北京市食品安全条例", "level": "地方性法规", "region": "北京市"},
        {"id": "T4", "title": "中华人民共和国安全生产法", "level": "法律"},
        {"id": "T5", "title": "危险化学品安全管理条例", "level": "行政法规"},
    ])


def test_implausible_near_names_are_not_offered():
    laws = local_rules()
    assert [c.law_id for c in laws.nearest("高层民用建筑消防安全管理规定")][:1] == ["T1"]
    assert resolve_name("高层民用建筑消防安全管理规定", laws).candidates == []
    assert resolve_name("危险化学品安全管理规定", laws).candidates == []
    assert resolve_name("温州市电梯安全管理规定", laws).candidates == []
    assert [c.law_id for c in resolve_name("台州市电梯安全管里规定", laws).candidates] == ["T1"]
    assert [c.law_id for c in resolve_name("食品安全条例", laws).candidates] == ["T3"]


def test_plausible_readings_are_the_same_kind_place_and_subject():
    laws = local_rules()
    assert laws.plausible("电梯安全管理规定", "T1")
    assert not laws.plausible("电梯安全管理条例", "T1")
    assert not laws.plausible("温州市电梯安全管理规定", "T1")
    assert not laws.plausible("烟花爆竹安全管理规定", "T1")
    assert laws.plausible("安全生产法", "T4") and not laws.plausible("安全生产条例", "T4")


def test_metadata_only_entries_of_the_shipped_catalogue_resolve_and_hold_no_text():
    shipped = Catalogue.load()
    rows = {row["id"]: row for row in map(json.loads, DEFAULT_CATALOGUE_PATH.read_text(encoding="utf-8").splitlines())}
    for name in ("高层民用建筑消防安全管理规定", "学校食品安全与营养健康管理规定", "《中华人民共和国消费者权益保护法实施条例》"):
        resolution = resolve_name(name, shipped)
        assert resolution.law_id, name
        row = rows[resolution.law_id]
        assert (row["text_source"], row["current_version"], row["versions"], row["status"]) == (None, None, [], "现行有效")
    regulation = rows[resolve_name("消费者权益保护法实施条例", shipped).law_id]
    assert regulation["parent_id"] == resolve_name("消费者权益保护法", shipped).law_id


def test_names_real_lists_use_resolve_in_the_shipped_catalogue():
    """Old names to the old law with its replacement, nicknames and short forms, local rules by their place."""
    shipped = Catalogue.load()
    old = shipped.get(resolve_name("食品卫生法", shipped).law_id)
    assert (old.title, old.status, old.repealed_on) == ("中华人民共和国食品卫生法", "已废止", "2009-06-01")
    assert shipped.get(old.repealed_by).title == "中华人民共和国食品安全法"
    for name, title in (("新固废法", "中华人民共和国固体废物污染环境防治法"), ("新噪声法", "中华人民共和国噪声污染防治法"),
                        ("中华人民共和公路法", "中华人民共和国公路法"), ("农村地土承包法", "中华人民共和国农村土地承包法"),
                        ("政务处分法", "中华人民共和国公职人员政务处分法"), ("秦岭生态环境保护条例", "陕西省秦岭生态环境保护条例"),
                        ("老年法", "中华人民共和国老年人权益保障法"), ("科普法", "中华人民共和国科学技术普及法"),
                        ("计划生育法", "中华人民共和国人口与计划生育法"), ("文物法", "中华人民共和国文物保护法"),
                        ("妇女法", "中华人民共和国妇女权益保障法"), ("征兵条例", "征兵工作条例"),
                        ("安徽省实施〈中华人民共和国老年人权益保障法〉办法", "安徽省实施《中华人民共和国老年人权益保障法》办法"),
                        ("辽宁省优化营商环境条例", "辽宁省优化营商环境条例"), ("网络购买商品七日无理由退货暂行办法",
                                                                  "网络购买商品七日无理由退货暂行办法")):
        assert shipped.get(resolve_name(name, shipped).law_id).title == title, name
    local = shipped.get(resolve_name("安徽省电动自行车管理条例", shipped).law_id)
    assert (local.level, local.region, local.current_version) == ("地方性法规", "安徽省", None)
    assert shipped.get(resolve_name("交通安全法", shipped).law_id).title == "中华人民共和国道路交通安全法"  # 海上… is never so called
    assert resolve_name("省禁毒条例", shipped).law_id is None  # which province's: no guess
    assert shipped.get(resolve_name("省禁毒条例", shipped, region="四川省乐山市井研县").law_id).title == "四川省禁毒条例"
    wild = resolve_name("中华人民共和国野生植物保护法", shipped)  # no such law: the 条例 is offered, never chosen
    assert (wild.law_id, wild.candidates[0].title) == (None, "中华人民共和国野生植物保护条例")
