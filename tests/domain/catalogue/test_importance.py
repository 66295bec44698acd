"""A unit's laws ranked by importance (domain.catalogue.importance, issue 33), on the shipped catalogue's
facts for the laws concerned, each unit registered by its name alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.web.render import lead_reason, relevance_label
from domain.base.cache import CachedStore
from domain.catalogue import coverage, responsibility, shared_laws
from graph.queries.scope import LawScope
from graph.store import GraphStore
from ingest.laws.load import ingest_laws
from ingest.shipped_catalogue import load_catalogue, shipped_law_rows, title_rows
from ingest.units.load import ingest_units
from pufa import vocab
from pufa.errors import InputError
from pufa.laws import law_id, unit_id
from tests.registers import in_force_titled, names_only_register, shipped_laws

JUSTICE_LAWS = {"戒毒条例", "禁毒法", "法律援助法", "人民调解法", "社区矫正法", "律师法", "公证法", "监狱法", "仲裁法",
                "法律援助条例", "人民陪审员法"}


def registered(store: GraphStore, folder: Path, titles: set[str], names: list[str]) -> CachedStore:
    load_catalogue(store, shipped_laws(folder, in_force_titled(titles)))
    ingest_units(store, names_only_register(folder, names))
    return CachedStore(store)


def test_a_unit_named_after_a_laws_matter_puts_that_law_first(store: GraphStore, tmp_path: Path):
    """上海市戒毒管理局 acts as a 司法行政 unit like 上海市司法局, but its real checklist names 戒毒条例 (the
    司法局's does not): the law whose matter its name holds ranks higher for it, with the signal saying why; 禁毒法,
    whose matter the organ table adds to 戒毒 (data/organs.yaml `matters`), is said to be the unit's work."""
    answers = registered(store, tmp_path, JUSTICE_LAWS, ["上海市戒毒管理局", "上海市司法局"])
    ranked = {name: coverage.applicable(answers, unit_id(name), limit=None).inferred
              for name in ("上海市戒毒管理局", "上海市司法局")}
    order = {name: [law.law.short_title for law in laws] for name, laws in ranked.items()}
    assert order["上海市戒毒管理局"].index("戒毒条例") < order["上海市司法局"].index("戒毒条例")
    named = {name: [(law.law.short_title, s.label, s.detail) for law in laws for s in law.signals if s.key == "named"]
             for name, laws in ranked.items()}
    assert named == {"上海市戒毒管理局": [("禁毒法", "单位名称所指", "单位名称含「戒毒」"),
                                        ("戒毒条例", "单位名称所指", "单位名称含「戒毒」")], "上海市司法局": []}


MATTER_LAWS = {"安全生产法", "防震减灾法", "地震监测管理条例", "森林法", "森林病虫害防治条例", "植物检疫条例", "统计法",
               "全国经济普查条例"}
WORDED_AS_THE_LAWS_DO_NOT = {
    "澄河县抗震救灾办公室": {"防震减灾法": "抗震救灾", "地震监测管理条例": "抗震救灾"},
    "林业有害生物防治检疫局": {"森林病虫害防治条例": "有害生物", "植物检疫条例": "检疫"},
    "澄河县统计局": {"统计法": "统计", "全国经济普查条例": "统计"},
}
"""Each unit, the laws its name is named for and the word of the name that says so."""


def test_a_name_wording_its_matter_unlike_the_laws_is_named_for_them(store: GraphStore, tmp_path: Path):
    """抗震救灾 is the matter the laws call 地震 and 防震减灾, 林业有害生物 what 森林病虫害防治条例 calls 森林病虫害,
    and a 普查 is a 统计 survey (data/matter_words.yaml); 检疫, joined to 有害生物防治 in the name, is a matter of
    its own (植物检疫条例). Each such law is named for the unit and is more important to it than to the bureau of its
    kind, whose name says none of this."""
    kinds = {"澄河县抗震救灾办公室": "澄河县应急管理局", "林业有害生物防治检疫局": "澄河县林业局"}
    answers = registered(store, tmp_path, MATTER_LAWS, [*WORDED_AS_THE_LAWS_DO_NOT, *kinds.values()])
    ranked = {name: coverage.applicable(answers, unit_id(name), limit=None).inferred
              for name in {*WORDED_AS_THE_LAWS_DO_NOT, *kinds.values()}}
    named = {name: {law.law.short_title: s.detail for law in laws for s in law.signals if s.key == "named"}
             for name, laws in ranked.items()}
    assert {name: named[name] for name in WORDED_AS_THE_LAWS_DO_NOT} == {
        name: {title: f"单位名称含「{word}」" for title, word in laws.items()} for name, laws in WORDED_AS_THE_LAWS_DO_NOT.items()}
    assert named["澄河县应急管理局"] == {} and named["澄河县林业局"] == {}
    importance = {name: {law.law.short_title: law.importance for law in laws} for name, laws in ranked.items()}
    for name, bureau in kinds.items():
        for title in WORDED_AS_THE_LAWS_DO_NOT[name]:
            assert importance[name][title] > importance[bureau][title], (name, title)


ISSUED_RULES = """\
laws:
  - {title: 律师执业管理办法, level: 部门规章, issuer: 司法部, status: 现行有效}
  - {title: 娱乐场所治安管理办法, level: 部门规章, issuer: 公安部, status: 现行有效}
  - {title: 学校食品安全与营养健康管理规定, level: 部门规章, issuer: 教育部、国家市场监督管理总局、国家卫生健康委员会, status: 现行有效}
  - {title: 全国人民代表大会常务委员会关于司法鉴定管理问题的决定, level: 法律, issuer: 全国人民代表大会常务委员会, status: 现行有效}
"""


def issued_rules(store: GraphStore, folder: Path, names: list[str]) -> CachedStore:
    """Rules known by title, level and issuer only (data/law_titles.yaml's metadata-only entries: no text
    names a department), as the catalogue build writes them, and a names-only register."""
    titles = folder / "law_titles.yaml"
    titles.write_text(ISSUED_RULES, encoding="utf-8")
    laws = folder / "laws.jsonl"
    laws.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in title_rows(titles)), encoding="utf-8")
    load_catalogue(store, laws, None, texts=())
    ingest_units(store, names_only_register(folder, names))
    return CachedStore(store)


def test_a_ministrys_rule_without_text_is_its_types_by_the_issuer(store: GraphStore, tmp_path: Path):
    """律师执业管理办法 (司法部) and 娱乐场所治安管理办法 (公安部) have no text in the catalogue, so no article names a
    department: their issuer makes a 司法局 and a 公安局 their principal authority, and says so in Chinese. A
    decision of 人大常委会 names no department type by its issuer."""
    answers = issued_rules(store, tmp_path, ["澄河县司法局", "澄河县公安局"])
    found = {name: {law.law.short_title: law for law in coverage.applicable(answers, unit_id(name), limit=None).inferred}
             for name in ("澄河县司法局", "澄河县公安局")}
    assert {name: sorted(laws) for name, laws in found.items()} == {
        "澄河县司法局": ["律师执业管理办法"], "澄河县公安局": ["娱乐场所治安管理办法"]}
    lawyers = found["澄河县司法局"]["律师执业管理办法"]
    assert (lawyers.relevance.tier, lawyers.relevance.types[0].issuers) == ("principal", ["司法部"])
    assert relevance_label(lawyers.relevance) == "主管（发布机关：司法部）"
    assert [(s.label, s.detail) for s in lawyers.signals if s.key == "issuer"] == [("发布机关", "司法部")]
    assert relevance_label(found["澄河县公安局"]["娱乐场所治安管理办法"].relevance) == "主管（发布机关：公安部）"
    gaps = {gap.law.short_title: gap for gap in coverage.coverage_gaps(answers, LawScope()).data}
    assert [(gaps["律师执业管理办法"].tier, [owner.unit.name for owner in gaps["律师执业管理办法"].suggested_owners])] == [
        ("principal", ["澄河县司法局"])]
    assert [law.law.short_title for law in responsibility.responsible_laws(answers, unit_id("澄河县司法局"), LawScope(), 20)
            ] == ["律师执业管理办法"]


def test_a_joint_rule_is_each_issuers_type(store: GraphStore, tmp_path: Path):
    """学校食品安全与营养健康管理规定, issued by 教育部, 国家市场监督管理总局 and 国家卫生健康委员会, is principal for the
    education, market regulation and health bureaus alike, each told its own issuer."""
    names = ["澄河县教育局", "澄河县市场监督管理局", "澄河县卫生健康局"]
    answers = issued_rules(store, tmp_path, names)
    issuers = {}
    for name in names:
        [law] = coverage.applicable(answers, unit_id(name), limit=None).inferred
        issuers[name] = (law.law.short_title, law.relevance.tier, law.relevance.types[0].issuers)
    assert issuers == {"澄河县教育局": ("学校食品安全与营养健康管理规定", "principal", ["教育部"]),
                       "澄河县市场监督管理局": ("学校食品安全与营养健康管理规定", "principal", ["国家市场监督管理总局"]),
                       "澄河县卫生健康局": ("学校食品安全与营养健康管理规定", "principal", ["国家卫生健康委员会"])}


def test_the_issuers_unit_leads_a_rule_no_article_names_anyone_in(store: GraphStore, tmp_path: Path):
    """Who should lead 律师执业管理办法: the 司法局, whose type the issuer 司法部 makes principal, told why in Chinese."""
    answers = issued_rules(store, tmp_path, ["澄河县司法局", "澄河县公安局"])
    lead = shared_laws.shared_law(answers, law_id("律师执业管理办法")).lead
    assert (lead.unit.name, lead.principal_issuers) == ("澄河县司法局", ["司法部"])
    assert lead_reason(lead) == "该法规由司法部发布，其部门类型（司法行政部门）为主管部门"


def test_asked_for_no_region_national_laws_come_before_any_provinces_rules(store: GraphStore, tmp_path: Path):
    """An emergency bureau registered without a region is shown every province's local rules (its province
    is unknown); 浙江省安全生产条例 scores above 地震预报管理条例, yet comes after it. Asked for 浙江省, the
    province's own rule keeps its place by importance and the other provinces' are out of scope."""
    titles = {"安全生产法", "地震预报管理条例", "汶川地震灾后恢复重建条例", "浙江省安全生产条例", "上海市安全生产条例"}
    answers = registered(store, tmp_path, titles, ["应急管理局"])
    unit = unit_id("应急管理局")
    nowhere = [(row.law.short_title, row.law.region) for row in coverage.applicable(answers, unit, limit=None).inferred]
    assert {title for title, _ in nowhere} == titles
    assert [region for _, region in nowhere] == sorted((region for _, region in nowhere), key=lambda r: r is not None)
    zhejiang = coverage.applicable(answers, unit, scope=LawScope(region="浙江省"), limit=None).inferred
    order = [row.law.short_title for row in zhejiang]
    assert "上海市安全生产条例" not in order
    assert order.index("浙江省安全生产条例") < order.index("地震预报管理条例")


def test_a_unit_registered_in_a_region_sees_that_regions_rules_when_none_is_asked(store: GraphStore, tmp_path: Path):
    """The register's 地区 column places a unit: asked for no region, its answer holds its own province's rules
    (ranked by importance) and no other province's."""
    titles = {"安全生产法", "地震预报管理条例", "浙江省安全生产条例", "上海市安全生产条例"}
    load_catalogue(store, shipped_laws(tmp_path, in_force_titled(titles)))
    register = tmp_path / "联络员登记表.csv"
    register.write_text("单位,地区,姓名,职务,电话,邮箱\n澄河县应急管理局,浙江省澄河县,联络员,科员,0000-0000001,u@example.org\n",
                        encoding="utf-8")
    ingest_units(store, register)
    order = [row.law.short_title for row in coverage.applicable(CachedStore(store), unit_id("澄河县应急管理局"),
                                                                   limit=None).inferred]
    assert "上海市安全生产条例" not in order
    assert order.index("浙江省安全生产条例") < order.index("地震预报管理条例")


JUSTICE_DIVISIONS = {"上海市司法局律师工作管理处": "律师", "上海市司法局公证工作管理处": "公证",
                     "上海市司法局司法鉴定管理处": "司法鉴定"}


def test_a_divisions_name_puts_the_rules_of_its_matter_in_its_first_ten(store: GraphStore, tmp_path: Path):
    """Real lists of the 上海 市局's divisions name the rules of their matter (律师执业管理办法 for the
    律师工作管理处): a word of the name that narrows the unit's work names every law whose title holds it, into
    the division's first ten among the justice laws and 司法部's rules. 司法, the field of every 司法局, names none."""
    kept = in_force_titled(JUSTICE_LAWS)
    load_catalogue(store, shipped_laws(tmp_path, lambda law: kept(law) or (
        law["status"] == "现行有效" and law["issuer"] == "司法部")))
    ingest_units(store, names_only_register(tmp_path, [*JUSTICE_DIVISIONS, "上海市司法局"]))
    answers = CachedStore(store)
    for name, word in JUSTICE_DIVISIONS.items():
        laws = coverage.applicable(answers, unit_id(name), limit=None).inferred
        matter = [law.law.short_title for law in laws if word in law.law.short_title]
        assert len(matter) >= 3 and set(matter) <= {law.law.short_title for law in laws[:10]}, name
        assert {s.detail for law in laws[:10] if word in law.law.short_title for s in law.signals if s.key == "named"
                } == {f"单位名称含「{word}」"}
    bureau = coverage.applicable(answers, unit_id("上海市司法局"), limit=None).inferred
    assert any("司法" in law.law.short_title for law in bureau)
    assert [law.law.short_title for law in bureau for s in law.signals if s.key == "named" and s.value] == []


def test_each_matter_word_names_laws_in_force_and_a_name_word_is_two_characters_at_least(tmp_path: Path):
    """Every word data/matter_words.yaml gives for a name's matter is in the title of a law in force (a word no
    title holds names nothing); a one-character name word would match inside unrelated names, so it is refused."""
    titles = [row["title"] for row in shipped_law_rows() if row["status"] == "现行有效"]
    assert {word: [used for used in words if not any(used in title for title in titles)]
            for word, words in vocab.matter_words().items()} == dict.fromkeys(vocab.matter_words(), [])
    short = tmp_path / "matter_words.yaml"
    short.write_text("震: [地震]\n", encoding="utf-8")
    with pytest.raises(InputError, match="fewer than two characters"):
        vocab.matter_words(short)


CONSUMER_RULES = {"消费者权益保护法", "消费者权益保护法实施条例", "产品质量法"}


def test_an_implementing_rule_with_no_text_is_its_laws_types_as_the_law_is(store: GraphStore, tmp_path: Path):
    """The catalogue holds 消费者权益保护法实施条例 by its title only (no article names anyone), and a real 市场监管
    list names it: it is the market regulator's as 消费者权益保护法 is, 主管, after that law, told so in Chinese;
    the bureau's gap list counts it claimable by the same units (the 公安局, which the law mentions, after)."""
    answers = registered(store, tmp_path, CONSUMER_RULES, ["澄河县市场监督管理局", "澄河县公安局"])
    market = unit_id("澄河县市场监督管理局")
    found = {law.law.short_title: law for law in coverage.applicable(answers, market, limit=None).inferred}
    rule = found["消费者权益保护法实施条例"]
    assert (rule.relevance.tier, rule.relevance.types[0].implements, rule.article_count) == ("principal", "消费者权益保护法", 0)
    assert relevance_label(rule.relevance) == "主管（实施《消费者权益保护法》，本法规无正文）"
    assert [(s.label, s.detail) for s in rule.signals if s.key == "principal"] == [("主管部门", "实施《消费者权益保护法》")]
    assert list(found).index("消费者权益保护法") < list(found).index("消费者权益保护法实施条例")
    gaps = {gap.law.short_title: gap for gap in coverage.coverage_gaps(answers, LawScope()).data}
    rule_gap = gaps["消费者权益保护法实施条例"]
    assert (rule_gap.tier, [(owner.unit.name, owner.relevance.tier) for owner in rule_gap.suggested_owners]) == (
        "principal", [("澄河县市场监督管理局", "principal"), ("澄河县公安局", "mentioned")])
    assert "消费者权益保护法实施条例" in {law.law.short_title for law in responsibility.responsible_laws(
        answers, market, LawScope(), None)}
    lead = shared_laws.shared_law(answers, law_id("中华人民共和国消费者权益保护法实施条例")).lead
    assert lead_reason(lead) == "该法规实施《消费者权益保护法》，其部门类型（市场监督管理部门）为该法主管部门"


ANHUI_AGEING = "安徽省实施《中华人民共和国老年人权益保障法》办法"
AGEING_RULES = {"老年人权益保障法", ANHUI_AGEING, "浙江省实施《中华人民共和国老年人权益保障法》办法"}


def test_a_local_rule_with_no_text_takes_each_tier_of_its_law_and_one_with_a_text_speaks_for_itself(
        store: GraphStore, tmp_path: Path):
    """安徽省实施〈老年人权益保障法〉办法 has no text in the catalogue: 安徽省老龄办 finds it 主管 and the 民政厅 相关,
    the tiers 老年人权益保障法 gives their types. 浙江省's 办法 has a text naming no 民政 department: 浙江省民政厅
    is not given it from the law."""
    answers = registered(store, tmp_path, AGEING_RULES, ["安徽省老龄办", "安徽省民政厅", "浙江省民政厅"])
    found = {name: {law.law.short_title: law.relevance for law in coverage.applicable(
        answers, unit_id(name), scope=LawScope(region=name[:3]), limit=None).inferred}
             for name in ("安徽省老龄办", "安徽省民政厅", "浙江省民政厅")}
    assert relevance_label(found["安徽省老龄办"][ANHUI_AGEING]) == "主管（实施《老年人权益保障法》，本法规无正文）"
    assert relevance_label(found["安徽省民政厅"][ANHUI_AGEING]) == "相关（实施《老年人权益保障法》，本法规无正文）"
    assert found["安徽省民政厅"]["老年人权益保障法"].tier == "related"
    assert sorted(found["浙江省民政厅"]) == ["老年人权益保障法"]


def test_a_rule_given_its_text_inherits_no_longer(store: GraphStore, tmp_path: Path):
    """Once a bureau loads the text of 安徽省's 办法 (here an invented one giving the 民政 departments the work), its
    own articles say whom it concerns: the 民政厅's (第一条 makes 民政 its principal authority), no longer the 老龄办's."""
    answers = registered(store, tmp_path, AGEING_RULES, ["安徽省老龄办", "安徽省民政厅"])
    assert ANHUI_AGEING in {law.law.short_title for law in coverage.applicable(answers, unit_id("安徽省老龄办"), limit=None).inferred}
    text = tmp_path / "安徽省实施《老年人权益保障法》办法(2026-01-01).md"
    text.write_text(f"# {ANHUI_AGEING}\n\n2026年1月1日 安徽省人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n"
                    "第一条 县级以上人民政府民政部门负责本行政区域内的养老服务工作。\n\n"
                    "第二条 民政部门应当定期检查养老机构的服务质量。\n", encoding="utf-8")
    ingest_laws(store, [text], workers=1)
    found = {name: {law.law.short_title: law.relevance for law in coverage.applicable(answers, unit_id(name), limit=None).inferred}
             for name in ("安徽省老龄办", "安徽省民政厅")}
    assert ANHUI_AGEING not in found["安徽省老龄办"]
    assert (found["安徽省民政厅"][ANHUI_AGEING].tier, found["安徽省民政厅"][ANHUI_AGEING].types[0].implements) == ("principal", None)


def test_the_laws_a_justice_bureau_supervises_and_guides_are_its_principal(store: GraphStore, tmp_path: Path):
    """法律援助法 (司法行政部门指导、监督…法律援助工作), 律师法 and 公证法 (对律师…进行监督、指导) are the 司法局's as
    their principal authority, as 人民调解法 and 社区矫正法 are, not merely laws giving it duties."""
    answers = registered(store, tmp_path, JUSTICE_LAWS, ["澄河县司法局"])
    tiers = {law.law.short_title: law.relevance.tier
             for law in coverage.applicable(answers, unit_id("澄河县司法局"), limit=None).inferred}
    assert {title: tiers[title] for title in ("法律援助法", "律师法", "公证法", "人民调解法", "社区矫正法")} == dict.fromkeys(
        ("法律援助法", "律师法", "公证法", "人民调解法", "社区矫正法"), "principal")


def test_a_division_ranks_the_laws_of_the_matters_its_organ_adds(store: GraphStore, tmp_path: Path):
    """A 司法局's 法制处 does the former 法制办's work (仲裁委员会登记), its 社区矫正 bureau the 安置帮教 of released
    prisoners: each ranks that law higher than the bureau as a whole does, the signal saying it is the unit's work
    though its name does not hold the word."""
    names = ["上海市司法局法制处", "上海市社区矫正管理局", "上海市司法局"]
    answers = registered(store, tmp_path, JUSTICE_LAWS | {"上海市安置帮教工作规定"}, names)
    ranked = {name: coverage.applicable(answers, unit_id(name), scope=LawScope(region="上海市"), limit=None).inferred
              for name in names}
    order = {name: [law.law.short_title for law in laws] for name, laws in ranked.items()}
    assert order["上海市司法局法制处"].index("仲裁法") < order["上海市司法局"].index("仲裁法")
    assert order["上海市社区矫正管理局"].index("上海市安置帮教工作规定") < order["上海市司法局"].index("上海市安置帮教工作规定")
    named = {name: {law.law.short_title: s.detail for law in laws for s in law.signals if s.key == "named" and s.value}
             for name, laws in ranked.items()}
    assert named["上海市司法局法制处"]["仲裁法"] == "单位职能含「仲裁」"
    assert named["上海市社区矫正管理局"]["上海市安置帮教工作规定"] == "单位职能含「安置帮教」"
    assert named["上海市司法局"] == {}


def test_a_decision_without_text_is_the_type_its_promulgating_document_makes_competent(store: GraphStore,
                                                                                       tmp_path: Path):
    """The 人大常委会's decision on 司法鉴定 has no text in the catalogue and its issuer names no department, but its
    entry states the clause making 司法行政部门 competent (data/law_titles.yaml `competent`): a 司法局 answers for it as
    principal, on that clause, and its 司法鉴定管理处 ranks it among the rules of its matter."""
    titles = tmp_path / "law_titles.yaml"
    titles.write_text(ISSUED_RULES.replace(
        "issuer: 全国人民代表大会常务委员会, status: 现行有效}",
        "issuer: 全国人民代表大会常务委员会, status: 现行有效, competent: [{type: justice, level: central, article: 三}]}"),
        encoding="utf-8")
    laws = tmp_path / "laws.jsonl"
    laws.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in title_rows(titles)), encoding="utf-8")
    load_catalogue(store, laws, None, texts=())
    ingest_units(store, names_only_register(tmp_path, ["澄河县司法局", "上海市司法局司法鉴定管理处"]))
    answers = CachedStore(store)
    decision = "全国人民代表大会常务委员会关于司法鉴定管理问题的决定"
    found = {law.law.short_title: law for law in coverage.applicable(answers, unit_id("澄河县司法局"), limit=None).inferred}
    assert (found[decision].relevance.tier, found[decision].relevance.types[0].principal_articles) == ("principal", ["三"])
    division = [law.law.short_title for law in coverage.applicable(
        answers, unit_id("上海市司法局司法鉴定管理处"), limit=None).inferred]
    assert division[0] == decision


def test_a_competent_authority_must_name_a_department_type_and_its_clause(tmp_path: Path):
    titles = tmp_path / "law_titles.yaml"
    titles.write_text("laws:\n  - {title: 某某决定, level: 法律, status: 现行有效, competent: [{type: 司法行政, article: 三}]}\n",
                      encoding="utf-8")
    with pytest.raises(InputError, match="competent"):
        title_rows(titles)
