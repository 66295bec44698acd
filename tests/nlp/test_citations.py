"""Law-citation extraction: every hard case from the issue, on a small inline catalogue."""

from __future__ import annotations

import pytest

from nlp.catalogue import Catalogue, interpretation_short_forms
from nlp.citations import extract_citations, not_a_law, resolve_name

FOOD = "L-food"
FOOD_REGULATION = "L-food-reg"


def law(law_id: str, title: str, *versions: str, **extra) -> dict:
    return {
        "id": law_id,
        "title": title,
        "short_title": title.removeprefix("中华人民共和国"),
        "level": "法律",
        "status": "现行有效",
        "versions": [{"id": f"{law_id}@{date}", "version_date": date} for date in versions],
        **extra,
    }


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_records([
        law(FOOD, "中华人民共和国食品安全法", "2015-04-24", "2018-12-29", "2021-04-29"),
        law(FOOD_REGULATION, "中华人民共和国食品安全法实施条例", "2019-10-11", level="行政法规"),
        law("L-consumer", "中华人民共和国消费者权益保护法", "2013-10-25"),
        law("L-traffic", "中华人民共和国道路交通安全法"),
        law("L-criminal", "中华人民共和国刑法"),
        law("L-labour", "中华人民共和国劳动法"),
        law("L-contract-labour", "中华人民共和国劳动合同法"),
        law("L-civil", "中华人民共和国民法典"),
        law("L-company", "中华人民共和国公司法"),
        law("L-penalty", "中华人民共和国行政处罚法"),
        law("L-safety", "中华人民共和国安全生产法"),
        law("L-fire", "中华人民共和国消防法"),
        law("L-occupational", "中华人民共和国职业病防治法"),
        law("L-constitution", "中华人民共和国宪法"),
        law("L-sports", "中华人民共和国体育法", "2016-11-07", "2022-06-24"),
        law("L-injury", "工伤保险条例", level="行政法规"),
        law("L-marriage-3", "最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（三）", level="司法解释"),
        law("L-beijing-food", "北京市食品安全条例", level="地方性法规"),
    ])


def cite(text: str, catalogue: Catalogue) -> list[tuple]:
    found = extract_citations(text, catalogue)
    return [(c.text, c.law_id, c.article, c.article_suffix, c.paragraph, c.item) for c in found]


def test_bracketed_and_bare_names_with_or_without_prc_prefix(catalogue):
    assert cite("依照《中华人民共和国食品安全法》第三十四条", catalogue) == [
        ("《中华人民共和国食品安全法》第三十四条", FOOD, 34, 0, None, None)
    ]
    assert cite("依照食品安全法第三十四条", catalogue)[0][1:3] == (FOOD, 34)
    assert cite("依照中华人民共和国食品安全法第三十四条", catalogue)[0][1:3] == (FOOD, 34)


def test_traffic_safety_law_is_the_road_one(catalogue):
    assert resolve_name("交通安全法", catalogue).law_id == "L-traffic"


def test_common_abbreviations(catalogue):
    assert cite("《消法》第五十五条规定了惩罚性赔偿", catalogue)[0][1:3] == ("L-consumer", 55)
    assert cite("依据道交法第七十六条承担责任", catalogue)[0][1:3] == ("L-traffic", 76)
    assert cite("相较于《婚姻法解释（三）》", catalogue)[0][1] == "L-marriage-3"


def test_alias_defined_in_the_same_text(catalogue):
    text = "《中华人民共和国消费者权益保护法》（以下简称消保法）第二十四条规定了退货，消保法第五十五条规定了赔偿。"
    assert [(c[1], c[2]) for c in cite(text, catalogue)] == [("L-consumer", 24), ("L-consumer", 55)]
    text = "《工伤保险条例》（以下简称《条例》）第十四条规定了工伤认定，《条例》第十五条规定了视同工伤。"
    assert [(c[1], c[2]) for c in cite(text, catalogue)] == [("L-injury", 14), ("L-injury", 15)]


def test_an_alias_of_something_that_is_not_a_law_is_not_a_citation(catalogue):
    text = "双方订立《房屋征收补偿安置协议》（以下简称《补偿协议》）。《补偿协议》约定了交付期限。"
    assert cite(text, catalogue) == []


def test_implementing_regulation_is_not_its_parent(catalogue):
    citations = cite("《食品安全法实施条例》第三十六条与《食品安全法》第一百五十条", catalogue)
    assert [(c[1], c[2]) for c in citations] == [(FOOD_REGULATION, 36), (FOOD, 150)]
    assert cite("违反食品安全法实施条例第二十条", catalogue)[0][1] == FOOD_REGULATION


def test_implementing_rules_missing_from_the_catalogue_stay_unresolved(catalogue):
    for text in ("依照《中华人民共和国消费者权益保护法实施细则》第三条", "依照消费者权益保护法实施细则第三条"):
        [citation] = extract_citations(text, catalogue)
        assert citation.law_id is None
        assert citation.article == 3
        assert "L-consumer" in [candidate.law_id for candidate in citation.candidates]


@pytest.mark.parametrize("text", [
    "《中华人民共和国食品安全法》（2018年修正）第三十四条",
    "《食品安全法》(2018年修正)第三十四条",
    "《中华人民共和国食品安全法（2018年修正）》第三十四条",
    "《食品安全法》〔2018修正〕第三十四条",
])
def test_version_suffix_names_the_version_by_year(catalogue, text):
    [citation] = extract_citations(text, catalogue)
    assert (citation.law_id, citation.version_id, citation.version_year, citation.article) == (
        FOOD, f"{FOOD}@2018-12-29", 2018, 34
    )
    assert citation.text == text


def test_version_year_without_such_version_keeps_the_law_but_no_version(catalogue):
    [citation] = extract_citations("《体育法》（2009年修正）第一条", catalogue)
    assert (citation.law_id, citation.version_id, citation.version_year) == ("L-sports", None, 2009)
    assert citation.confidence < 1


@pytest.mark.parametrize(("text", "expected"), [
    ("《中华人民共和国行政处罚法》第二十八条第一款第（三）项", (28, 0, 1, 3)),
    ("根据食品安全法148条第2款", (148, 0, 2, None)),
    ("依照《中华人民共和国刑法》第二百八十七条之二", (287, 2, None, None)),
    ("依照《中华人民共和国劳动法》第肆拾肆条", (44, 0, None, None)),
    ("《民法典》第１１６５条", (1165, 0, None, None)),
    ("依照《中华人民共和国 刑法》第 264 条", (264, 0, None, None)),
    ("违反《中华人民共和国公司法》第二十二条第一款第五项", (22, 0, 1, 5)),
    ("《民法典》合同编第五百零九条", (509, 0, None, None)),
    ("《民法典》第一千零五十三条", (1053, 0, None, None)),
])
def test_article_paragraph_item_in_every_notation(catalogue, text, expected):
    [citation] = extract_citations(text, catalogue)
    assert (citation.article, citation.article_suffix, citation.paragraph, citation.item) == expected


def test_lists_ranges_and_compact_items_keep_the_article(catalogue):
    assert [c[2:] for c in cite("依照刑法第二百六十四条、第二百六十七条第二款", catalogue)] == [
        (264, 0, None, None), (267, 0, 2, None)
    ]
    assert [c[2] for c in cite("《刑法》第五十九条至第六十一条", catalogue)] == [59, 61]
    assert [c[2:] for c in cite("《民法典》第一千一百六十五条第一款、第二款", catalogue)] == [
        (1165, 0, 1, None), (1165, 0, 2, None)
    ]
    assert [c[5] for c in cite("刑法第六十一条第一款第二、三、五项", catalogue)] == [2, 3, 5]


def test_titles_run_together_and_bare_lists(catalogue):
    assert [c[1] for c in cite("《中华人民共和国劳动法》《中华人民共和国劳动合同法》均有规定", catalogue)] == [
        "L-labour", "L-contract-labour"
    ]
    assert [c[1] for c in cite("企业应当遵守安全生产法、消防法和职业病防治法。", catalogue)] == [
        "L-safety", "L-fire", "L-occupational"
    ]


def test_nested_amendment_decision_is_the_cited_document(catalogue):
    text = "根据《全国人民代表大会常务委员会关于修改〈中华人民共和国食品安全法〉的决定》修正"
    [citation] = extract_citations(text, catalogue)
    assert citation.text == "《全国人民代表大会常务委员会关于修改〈中华人民共和国食品安全法〉的决定》"
    assert citation.law_id is None and citation.candidates
    decision = "全国人民代表大会常务委员会关于修改《中华人民共和国食品安全法》的决定"
    with_decision = Catalogue.from_records([law("L-decision", decision)])
    assert cite(text, with_decision)[0][1] == "L-decision"
    same_width = "根据《全国人民代表大会常务委员会关于修改《中华人民共和国食品安全法》的决定》修正"
    assert [c[1] for c in cite(same_width, with_decision)] == ["L-decision"]


def test_missing_opening_or_closing_bracket(catalogue):
    assert cite("根据《中华人民共和国食品安全法第一百四十八条第二款，消费者可以请求赔偿。", catalogue)[0][1:5] == (
        FOOD, 148, 0, 2
    )
    assert cite("依照中华人民共和国食品安全法》第二十六条的规定", catalogue)[0][:3] == (
        "中华人民共和国食品安全法》第二十六条", FOOD, 26
    )


def test_traditional_script_keeps_offsets_into_the_input(catalogue):
    text = "依據《中華人民共和國消費者權益保護法》第五十五條第一款之規定"
    [citation] = extract_citations(text, catalogue)
    assert (citation.law_id, citation.article, citation.paragraph) == ("L-consumer", 55, 1)
    assert citation.text == text[citation.start:citation.end] == "《中華人民共和國消費者權益保護法》第五十五條第一款"


@pytest.mark.parametrize("text", [
    "县司法局印发《“八五”普法规划》和《法治宣传教育手册》",
    "认真贯彻落实《法治政府建设实施纲要（2021－2025年）》",
    "执法人员当场送达《行政处罚决定书》和《责令改正通知书》",
    "双方签订的《房屋租赁合同》第五条约定了租金",
    "向群众发放《宪法读本》《民法典百问百答》等普法读物",
    "在国家宪法日和宪法宣传周期间开展宣传",
    "分公司法定代表人由总公司任命",
    "用人单位应当遵守劳动法律法规",
    "违反本法第三十条规定的，责令改正",
])
def test_things_that_are_not_law_citations(catalogue, text):
    assert cite(text, catalogue) == []


def test_names_not_in_the_catalogue_are_unresolved_with_candidates_never_guessed(catalogue):
    [citation] = extract_citations("依照《食品安全条例》第二十条处理", catalogue)
    assert (citation.law_id, citation.article) == (None, 20)
    assert citation.confidence == 0
    assert "L-beijing-food" in [candidate.law_id for candidate in citation.candidates]
    [bare] = extract_citations("违反网络直播营销管理条例第十二条的规定", catalogue)
    assert bare.law_id is None and bare.name == "网络直播营销管理条例"
    [repealed] = extract_citations("原告依据《中华人民共和国合同法》第五十二条主张无效", catalogue)
    assert repealed.law_id is None
    assert "L-contract-labour" in [candidate.law_id for candidate in repealed.candidates]


def test_anaphora_refers_to_the_previous_citation(catalogue):
    text = "《中华人民共和国食品安全法》第一百四十八条规定了十倍赔偿，该法第三十四条列举了禁止生产经营的食品。"
    assert [(c[0], c[1], c[2]) for c in cite(text, catalogue)] == [
        ("《中华人民共和国食品安全法》第一百四十八条", FOOD, 148), ("该法第三十四条", FOOD, 34)
    ]


def test_law_and_its_implementing_regulation(catalogue):
    assert [c[1] for c in cite("组织学习《中华人民共和国食品安全法》及其实施条例。", catalogue)] == [
        FOOD, FOOD_REGULATION
    ]


def test_resolve_name_for_checklist_cells(catalogue):
    resolution = resolve_name(" 《中华人民共和国食品安全法》（2015年修订） ", catalogue)
    assert (resolution.law_id, resolution.version_id, resolution.confidence) == (FOOD, f"{FOOD}@2015-04-24", 1.0)
    assert resolve_name("食品安全法", catalogue).law_id == FOOD
    unknown = resolve_name("《食品安全条例》", catalogue)
    assert unknown.law_id is None
    assert {candidate.law_id for candidate in unknown.candidates[:3]} == {"L-food-reg", "L-food", "L-beijing-food"}
    ambiguous = Catalogue.from_records([law("A", "甲市养犬条例", aliases=["养犬条例"]),
                                        law("B", "乙市养犬条例", aliases=["养犬条例"])])
    resolution = resolve_name("养犬条例", ambiguous)
    assert resolution.law_id is None
    assert {candidate.law_id for candidate in resolution.candidates} == {"A", "B"}


def test_a_local_law_written_without_its_place_resolves_in_the_units_region():
    """省禁毒条例, 禁毒条例 from a unit in 甲省: the one local law of its region of that title; without a region,
    or in a region holding none or two, no guess."""
    local = Catalogue.from_records([
        law("A", "甲省禁毒条例", level="地方性法规", region="甲省"),
        law("B", "乙省禁毒条例", level="地方性法规", region="乙省"),
        law("C", "甲省电力设施和电能保护条例", level="地方性法规", region="甲省"),
        law("D", "丙市电力设施和电能保护条例", level="地方性法规", region="丙市"),
        law("E", "电力设施保护条例", level="行政法规"),
    ])
    for name in ("省禁毒条例", "禁毒条例", "本省禁毒条例"):
        resolution = resolve_name(name, local, region="甲省戊市丁县")
        assert (resolution.law_id, resolution.confidence) == ("A", 0.85), name
        assert resolve_name(name, local).law_id is None, name
    assert {c.law_id for c in resolve_name("省禁毒条例", local).candidates} >= {"A", "B"}
    assert resolve_name("禁毒条例", local, region="丁省").law_id is None
    assert resolve_name("电力设施和电能保护条例", local, region="甲省丙市").law_id is None  # two of its places have one
    assert resolve_name("电力设施和电能保护条例", local, region="甲省").law_id == "C"
    assert resolve_name("电力设施保护条例", local, region="甲省").law_id == "E"  # a national title stays national


def test_a_local_law_written_with_the_short_form_of_its_place_resolves_when_one_law_reads_so():
    """山东无线电管理条例(修订): the place as 山东 for 山东省, a remark after it; 吉林 is both 吉林省 and 吉林市, so a
    title both have stays unresolved, and a place the catalogue has no such law of resolves nothing."""
    local = Catalogue.from_records([
        law("S", "山东省无线电管理条例", level="地方性法规", region="山东省"),
        law("P", "吉林省养犬管理条例", level="地方性法规", region="吉林省"),
        law("C", "吉林市养犬管理条例", level="地方性法规", region="吉林市"),
        law("F", "吉林市森林防火条例", level="地方性法规", region="吉林市"),
    ])
    for name in ("山东无线电管理条例(修订)", "山东无线电管理条例", "《山东无线电管理条例》"):
        resolution = resolve_name(name, local)
        assert (resolution.law_id, resolution.confidence) == ("S", 0.85), name
    assert resolve_name("吉林森林防火条例", local).law_id == "F"
    resolution = resolve_name("吉林养犬管理条例", local)
    assert resolution.law_id is None
    assert {candidate.law_id for candidate in resolution.candidates} == {"P", "C"}
    assert resolve_name("山东养犬管理条例", local).law_id is None


def test_a_judicial_interpretation_written_without_its_court_resolves_when_one_court_made_it():
    """关于审理…的若干规定 is how lists cite 最高人民法院关于审理…的若干规定; a rest two courts' titles share, or a
    title some law holds as written, is not taken from an interpretation."""
    interpretation = {"level": "司法解释"}
    courts = Catalogue.from_records([
        law("M", "最高人民法院关于审理涉及人民调解协议的民事案件的若干规定", **interpretation),
        law("C", "最高人民法院关于办理减刑、假释案件具体应用法律的规定", **interpretation),
        law("P", "最高人民检察院关于办理减刑、假释案件具体应用法律的规定", **interpretation),
        law("S", "最高人民法院关于人民法院民事调解工作若干问题的规定", **interpretation),
        law("D", "关于人民法院民事调解工作若干问题的规定", level="部门规章"),
        law("N", "最高人民法院关于审理存单纠纷案件的若干规定", level="规范性文件"),
    ])
    resolution = resolve_name("关于审理涉及人民调解协议的民事案件的若干规定", courts)
    assert resolution.law_id == "M"
    assert resolve_name("关于办理减刑、假释案件具体应用法律的规定", courts).law_id is None
    assert resolve_name("关于人民法院民事调解工作若干问题的规定", courts).law_id == "D"
    assert resolve_name("关于审理存单纠纷案件的若干规定", courts).law_id is None


def test_a_title_written_with_the_other_conjunction_resolves():
    """人口和计划生育 for 人口与计划生育 and the other way round, with the place in short too; the 和 of
    中华人民共和国 stays."""
    conjunctions = Catalogue.from_records([
        law("R", "中华人民共和国人口与计划生育法"),
        law("S", "陕西省人口与计划生育条例", level="地方性法规", region="陕西省"),
        law("H", "山西省人口和计划生育条例", level="地方性法规", region="山西省"),
    ])
    for name, expected in (("中华人民共和国人口和计划生育法", "R"), ("人口和计划生育法", "R"),
                           ("陕西省人口和计划生育条例", "S"), ("陕西人口和计划生育条例", "S"),
                           ("山西省人口与计划生育条例", "H")):
        resolution = resolve_name(name, conjunctions)
        assert (resolution.law_id, resolution.confidence) == (expected, 0.85), name
    assert resolve_name("河南省人口和计划生育条例", conjunctions).law_id is None


def test_a_title_of_another_kind_is_offered_never_resolved():
    """野生植物保护法 is no law: the 条例 about the same matter is the first candidate, not 野生动物保护法."""
    wild = Catalogue.from_records([law("P", "中华人民共和国野生植物保护条例", level="行政法规"),
                                   law("A", "中华人民共和国野生动物保护法")])
    resolution = resolve_name("中华人民共和国野生植物保护法", wild)
    assert resolution.law_id is None
    assert [c.law_id for c in resolution.candidates][:1] == ["P"]


def test_slips_real_lists_make_resolve_to_the_one_law_and_no_further(catalogue):
    for garbled in ("中华人民共和食品安全法", "中华人民国食品安全法", "中华人民和国食品安全法", "中华人民食品安全法"):
        assert resolve_name(garbled, catalogue).law_id == FOOD, garbled
    assert (resolve_name("新消防法", catalogue).law_id, resolve_name("新消防法", catalogue).confidence) == ("L-fire", 0.85)
    assert resolve_name("消费者益权保护法", catalogue).law_id == "L-consumer"  # two neighbours swapped
    assert resolve_name("消费者权益护法", catalogue).law_id == "L-consumer"  # one left out
    assert resolve_name("消费者权益保护法法", catalogue).law_id == "L-consumer"  # one added
    assert resolve_name("消费者权益保障法", catalogue).law_id is None  # another word is not a slip
    assert resolve_name("北京市食品安全条例条例", catalogue).law_id is None  # a slip never crosses kinds (条例 → 法)
    local = Catalogue.from_records([law("A", "甲省电梯安全条例", level="地方性法规", region="甲省"),
                                    law("B", "乙省电梯安全条例", level="地方性法规", region="乙省")])
    assert resolve_name("甲省电梯全安条例", local).law_id == "A"
    assert resolve_name("丙省电梯安全条例", local).law_id is None
    courts = Catalogue.from_records([law("M", "最高人民法院、最高人民检察院关于办理非法采矿刑事案件适用法律若干问题的解释",
                                         level="司法解释")])
    assert resolve_name("最高人民法院最高人民检察院关于办理非法采矿刑事案件适用法律若干问题的解释", courts).law_id == "M"


PROCEDURE = "L-civil-procedure"
EVIDENCE = "L-evidence"
COMPANY_3 = "L-company-3"
FAMILY_1 = "L-family-1"
COMPANY_3_TITLE = "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）"


@pytest.fixture(scope="module")
def court_catalogue() -> Catalogue:
    """Procedure law and judicial interpretations, cited in the forms judgments use."""
    interpretation = {"level": "司法解释"}
    return Catalogue.from_records([
        law(PROCEDURE, "中华人民共和国民事诉讼法", "2017-06-27", "2021-12-24", "2023-09-01"),
        law(EVIDENCE, "最高人民法院关于民事诉讼证据的若干规定", **interpretation),
        law(COMPANY_3, COMPANY_3_TITLE, **interpretation),
        law("L-company-2", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（二）", **interpretation),
        law(FAMILY_1, "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）", **interpretation),
        law("L-family-2", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）", **interpretation),
        law("L-guarantee", "最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释", **interpretation),
        law("L-procedure-2022", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", **interpretation),
        law("L-admin-2018", "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", **interpretation),
        law("L-admin-2000", "最高人民法院关于适用《中华人民共和国行政诉讼法》若干问题的解释", **interpretation,
            status="已废止"),
        law("L-civil-time", "最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定", **interpretation),
        law("L-company-time", "最高人民法院关于适用《中华人民共和国公司法》时间效力的若干规定", **interpretation),
    ])


@pytest.mark.parametrize("text", [
    "《中华人民共和国民事诉讼法(2021修正)》第三十条",
    "《中华人民共和国民事诉讼法（2021修正）》第三十条",
    "《中华人民共和国民事诉讼法（2021年修正）》第三十条",
    "《民事诉讼法【2021修正】》第三十条",
])
def test_version_inside_the_brackets_then_an_article(court_catalogue, text):
    [citation] = extract_citations(f"依照{text}的规定", court_catalogue)
    assert (citation.text, citation.law_id, citation.version_id, citation.version_year, citation.article) == (
        text, PROCEDURE, f"{PROCEDURE}@2021-12-24", 2021, 30
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("《最高人民法院关于民事诉讼证据的若干规定》:第十条第一款", (10, 1)),
    ("《最高人民法院关于民事诉讼证据的若干规定》：第十条", (10, None)),
    ("《最高人民法院关于民事诉讼证据的若干规定》 ： 第十条、第十一条", (10, None)),
])
def test_an_article_after_a_colon(court_catalogue, text, expected):
    citations = extract_citations(text, court_catalogue)
    assert (citations[0].law_id, citations[0].article, citations[0].paragraph) == (EVIDENCE, *expected)
    assert citations[0].start == 0 and text.startswith(citations[0].text)


def test_a_colon_before_a_quotation_cites_no_article(court_catalogue):
    text = "《最高人民法院关于民事诉讼证据的若干规定》：“当事人对自己提出的主张，有责任提供证据。”"
    [citation] = extract_citations(text, court_catalogue)
    assert (citation.text, citation.law_id, citation.article) == ("《最高人民法院关于民事诉讼证据的若干规定》", EVIDENCE, None)


@pytest.mark.parametrize(("text", "law_id", "article"), [
    ("《公司法解释(三)》第14条", COMPANY_3, 14),
    ("《公司法解释（三）》", COMPANY_3, None),
    ("依据公司法司法解释三第十四条", COMPANY_3, 14),
    ("《公司法规定（三）》第十三条", COMPANY_3, 13),
    ("民法典婚姻家庭编解释(一)", FAMILY_1, None),
    ("《民法典婚姻家庭编解释（一）》第五条", FAMILY_1, 5),
    ("《婚姻家庭编解释（一）》第五条", FAMILY_1, 5),
    ("《最高人民法院关于适用〈中华人民共和国公司法〉若干问题的规定（三）》", COMPANY_3, None),
    ("《担保制度解释》第十条", "L-guarantee", 10),
    ("《民诉法解释》第九十条", "L-procedure-2022", 90),
])
def test_judicial_interpretations_by_their_short_forms(court_catalogue, text, law_id, article):
    [citation] = extract_citations(text, court_catalogue)
    assert (citation.law_id, citation.article) == (law_id, article)


def test_interpretation_short_forms_come_from_the_title():
    assert interpretation_short_forms(COMPANY_3_TITLE) == [
        "公司法解释(三)", "公司法解释三", "公司法司法解释(三)", "公司法司法解释三", "公司法规定(三)", "公司法规定三"]
    assert "行诉法解释" in interpretation_short_forms("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释")
    assert interpretation_short_forms("最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释") == []


def test_a_short_form_two_interpretations_share_goes_to_the_one_in_force_or_to_none(court_catalogue):
    assert resolve_name("行政诉讼法解释", court_catalogue).law_id == "L-admin-2018"
    assert resolve_name("行诉法解释", court_catalogue).law_id == "L-admin-2018"
    for shared in ("时间效力规定", "民法典婚姻家庭编解释"):
        assert resolve_name(shared, court_catalogue).law_id is None, shared
    assert resolve_name("民法典时间效力规定", court_catalogue).law_id == "L-civil-time"


@pytest.mark.parametrize(("name", "kind"), [
    ("《电动自行车安全技术规范》", "standard"), ("GB 17761-2018", "standard"), ("GB/T 2260", "standard"),
    ("《食品安全国家标准 预包装食品标签通则》", "standard"),
    ("《澄河县城区养犬管理办法》", "document"), ("澄河县人民政府关于加强养犬管理的通知", "document"),
    ("防范和惩治统计造假", "topic"),
    ("《统计违法违纪行为处分规定》", None), ("《示例市养犬管理条例》", None), ("统计法", None), ("宪法", None),
])
def test_what_a_law_column_names_that_is_no_law(name, kind):
    """Standards, a county's documents and topics are no law: listed apart, never offered law candidates."""
    assert not_a_law(name) == kind
