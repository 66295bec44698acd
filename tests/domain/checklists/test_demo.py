"""`pufa demo`'s data (shipped catalogue + sample county) answers the users' questions as expected."""

from __future__ import annotations

import pytest

from domain.base.cache import CachedStore
from domain.catalogue import campaign_year, coverage, responsibility
from domain.catalogue.importance import SIGNAL_LABELS, shipped_ranking
from domain.catalogue.inference import responsible_units
from domain.checklists import audit
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from graph.query import Query
from ingest.demo import SAMPLE_DIR, SAMPLE_UNITS, load_demo
from ingest.units.load import ingest_units
from nlp.law_titles import own_procedure
from pufa.laws import law_id, unit_id

REGION = "示例市澄河县"
MARKET = unit_id("澄河县市场监督管理局")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("demo") / "demo.lbug")
    store.ensure_schema()
    reports = load_demo(store)
    yield CachedStore(store), reports
    store.close()


def test_every_sample_file_loads(demo):
    _, reports = demo
    assert [report.failed for report in reports] == [[], [], [], []]
    assert sum(report.counts.get("checklists", 0) for report in reports) == 35


def test_the_bureau_summary(demo):
    store, _ = demo
    summary = audit.audit_summary(store, year=2026, scope=LawScope(region=REGION))
    assert summary.units_submitted == summary.units_expected == 31
    # 合同法 and six laws the 生态环境法典 repealed; 《食品安全法》（2021年修正） since the 2025 amendment
    assert summary.items == 113 and summary.outdated_citations == 8


def test_a_repealed_law_is_flagged_with_its_replacement(demo):
    store, _ = demo
    outdated = audit.outdated_citations(store, year=2025).data
    assert [(o.item.unit_id, o.law.name, o.replaced_by.name) for o in outdated] == [
        (MARKET, "中华人民共和国合同法", "中华人民共和国民法典")]


def test_a_unit_sees_laws_its_functions_imply(demo):
    store, _ = demo
    applicable = coverage.applicable(store, MARKET, year=2026, scope=LawScope(region=REGION))
    assert law_id("中华人民共和国食品安全法") in {law.law.id for law in applicable.claimed}
    inferred = {law.law.short_title for law in applicable.inferred}
    assert {"产品质量法", "价格法", "反垄断法"} <= inferred
    assert not any(law.law.region for law in applicable.inferred)  # no other province's local rules


def test_loading_twice_changes_nothing(demo):
    store, _ = demo
    before = store.counts()
    again = load_demo(store)
    assert store.counts() == before
    assert again[2].written == {} and all(s.reason.startswith("unchanged") for s in again[2].skipped
                                          if not s.reason.startswith(("title", "note", "heading", "preamble")))


def test_common_duties_are_marked_and_never_gaps(demo):
    store, _ = demo
    rows = store.read(Query("t", "MATCH (l:Law) WHERE l.is_common RETURN l.short_title AS t"))
    common = {row["t"] for row in rows}
    assert {"宪法", "民法典", "公务员法", "行政处罚法"} <= common
    assert "食品安全法" not in common
    gaps = coverage.coverage_gaps(store, LawScope(region=REGION), limit=5000)
    assert not common & {gap.law.short_title for gap in gaps.data}


def test_a_unit_sees_the_laws_it_answers_for_first_not_the_ones_naming_it_once(demo):
    """The sample county's 人社局: 兵役法, 农业技术推广法, 出境入境管理法 name it once each (提及), so they come
    after the laws that make it the principal authority (劳动保障监察条例 …)."""
    store, _ = demo
    gaps = coverage.unit_gaps(store, unit_id("澄河县人力资源和社会保障局"), year=2026, scope=LawScope(region=REGION),
                              limit=None)
    assert gaps.counts.principal == 12, "9 by their texts, 3 known by title only, by their issuers (人力资源社会保障部 …)"
    issued = {law.law.short_title for law in gaps.data if law.relevance.types[0].issuers}
    assert {"关于职工全年月平均工作时间和工资折算问题的通知", "统计违法违纪行为处分规定", "建设领域农民工工资支付管理暂行办法"} <= issued
    titles = [law.law.short_title for law in gaps.data]
    assert "劳动保障监察条例" in titles[:5]
    by_title = {law.law.short_title: law for law in gaps.data}
    for title in ("兵役法", "农业技术推广法", "出境入境管理法"):
        assert (by_title[title].relevance.tier, by_title[title].relevance.acting_articles) == ("mentioned", 1), title
        assert titles.index(title) > titles.index("劳动保障监察条例"), title
    claimed = coverage.applicable(store, unit_id("澄河县人力资源和社会保障局"), year=2026, scope=LawScope(region=REGION))
    assert {law.law.short_title for law in claimed.claimed if law.relevance and law.relevance.tier == "principal"} >= {
        "劳动法", "劳动合同法", "社会保险法", "就业促进法"}


def test_a_public_security_bureau_sees_the_laws_it_popularizes_before_its_own_procedure_rules(demo):
    """Importance, not article counts: 公安机关办理刑事案件程序规定 names 公安机关 in most of its articles but
    governs the bureau's own work; 禁毒法 and 治安管理处罚法 govern the public."""
    store, _ = demo
    answer = coverage.applicable(store, unit_id("澄河县公安局"), scope=LawScope(region=REGION), limit=None)
    titles = [law.law.short_title for law in answer.inferred]
    procedure = titles.index("公安机关办理刑事案件程序规定")
    assert titles.index("禁毒法") < procedure and titles.index("治安管理处罚法") < procedure
    assert {"治安管理处罚法", "禁毒法"} <= set(titles[:10])


def test_every_answer_row_carries_the_signals_that_placed_it(demo):
    store, _ = demo
    answer = coverage.applicable(store, unit_id("澄河县公安局"), scope=LawScope(region=REGION), limit=None)
    rows = {law.law.short_title: law for law in answer.inferred}
    drugs, procedure = rows["禁毒法"], rows["公安机关办理刑事案件程序规定"]
    signals = {signal.key: signal for signal in drugs.signals}
    assert {"level", "public", "share", "centrality"} <= set(signals) <= set(SIGNAL_LABELS)
    assert all(signal.value for signal in drugs.signals), "only the signals that placed it"
    assert (signals["level"].label, signals["level"].detail) == ("位阶", "法律")
    assert signals["public"].value > 0 and signals["centrality"].value > 0
    assert drugs.importance == pytest.approx(sum(s.value * s.weight for s in drugs.signals), abs=1e-3)
    assert {s.key: s.value for s in procedure.signals}["procedure"] == 1.0
    assert {s.key: s.label for s in procedure.signals}["procedure"] == SIGNAL_LABELS["procedure"] == "内部程序规定"
    assert all(s.label and s.detail for law in answer.inferred for s in law.signals)


def test_the_bureau_chases_first_the_important_laws_a_local_unit_is_principal_for(demo):
    store, _ = demo
    gaps = coverage.coverage_gaps(store, LawScope(region=REGION), limit=30)
    assert {gap.tier for gap in gaps.data} == {"principal"}
    assert not [gap.law.title for gap in gaps.data if own_procedure(gap.law.title)], "no procedure rules first"
    assert {gap.law.level for gap in gaps.data[:10]} <= {"法律", "行政法规"}


def test_the_checklist_is_measured_against_the_units_most_important_laws(demo):
    store, _ = demo
    cut = shipped_ranking().cut
    market = responsibility.responsible_laws(store, MARKET, LawScope(region=REGION))
    top = responsibility.responsible_laws(store, MARKET, LawScope(region=REGION), cut)
    assert len(market) > 2 * cut and [law.law.id for law in top] == [law.law.id for law in market[:cut]]
    assert max(len(laws) for laws in responsibility.laws_by_unit(store, LawScope(region=REGION), "principal").values()) <= cut
    expected = responsibility.laws_by_unit(store, LawScope(region=REGION), "principal")[MARKET]
    assert expected == {law.law.id for law in top if law.relevance.tier == "principal"}


def test_a_names_only_register_gets_the_same_kind_of_answers(demo, tmp_path):
    """The liaison form (附件1) has no 职能类型: its units act as their names imply, and the market regulator
    sees first mostly the laws that make 市场监督管理 (or its 药品, 价格 functions) the principal authority,
    and 消费者权益保护法 (which names the old 工商行政管理部门) among them, not 78th."""
    store, _ = demo
    try:
        report = ingest_units(store, SAMPLE_DIR / "units_liaison_form.xlsx")
        market = next(found for found in report.unit_types if found.unit == "澄河县市场监督管理局")
        assert {t.via for t in market.types} == {"name"}
        answer = coverage.applicable(store, MARKET, year=2026, scope=LawScope(region=REGION), limit=20)
        assert sum(law.relevance.tier == "principal" for law in answer.inferred) > 10
        assert {"食品安全法", "产品质量法", "消费者权益保护法"} <= {law.law.short_title for law in answer.inferred}
        assert {"食品安全法", "特种设备安全法", "药品管理法"} <= {
            law.law.short_title for law in coverage.applicable(store, MARKET, year=2026, scope=LawScope(region=REGION),
                                                               tier="principal", limit=None).inferred}
    finally:
        ingest_units(store, SAMPLE_UNITS)  # the module's other tests read the full register


def test_every_key_date_forms_a_campaign_led_by_the_usual_lead_wherever_the_county_has_one(demo):
    """The coordinator's year on the sample county (bench/bench_campaign_leads.py prints the table): every key
    date forms a campaign, and its lead acts as one of the date's usual lead departments whenever a unit does."""
    store, _ = demo
    acting = responsible_units(store)
    year = campaign_year.campaign_year(store, 2026, REGION)
    assert year.count == len(campaign_year.year_key_dates()) >= 25 and all(found.lead for found in year.data)
    for found, term in zip(year.data, campaign_year.year_key_dates(), strict=True):
        usual = [unit for type_id in term.leads for unit in acting.get(type_id, ())]
        assert not usual or found.lead.unit.id in usual, (term.name, found.lead.unit.name)
    by_date = {found.key_date.id: found for found in year.data}
    assert by_date["constitution_day"].lead.unit.name == "澄河县司法局" and by_date["constitution_day"].lead.planned
    assert by_date["childrens_day"].lead.unit.name == "澄河县教育体育局"
    assert by_date["consumer_rights_day"].lead.unit.name == "澄河县市场监督管理局"
    assert by_date["science_day"].lead_source == "justice"  # no 科协 or 科技 unit: the 普法办 leads
    assert "中华人民共和国消费者权益保护法" in {law.title for law in by_date["consumer_rights_day"].laws}
