"""`pufa demo`'s data (shipped catalogue + sample county) answers the users' questions as expected."""

from __future__ import annotations

import pytest

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from domain.checklists import audit
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from graph.query import Query
from ingest.demo import SAMPLE_DIR, SAMPLE_UNITS, load_demo
from ingest.units.load import ingest_units
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
    after the laws that make it the principal authority (劳动保障监察条例 …) and those giving it real work."""
    store, _ = demo
    gaps = coverage.unit_gaps(store, unit_id("澄河县人力资源和社会保障局"), year=2026, scope=LawScope(region=REGION),
                              limit=None)
    tiers = [law.relevance.tier for law in gaps.data]
    assert tiers == sorted(tiers, key=["principal", "related", "mentioned"].index)
    assert (gaps.counts.principal, tiers[:gaps.counts.principal]) == (9, ["principal"] * 9)
    by_title = {law.law.short_title: law for law in gaps.data}
    assert "劳动保障监察条例" in [law.law.short_title for law in gaps.data[:9]]
    for title in ("兵役法", "农业技术推广法", "出境入境管理法"):
        assert (by_title[title].relevance.tier, by_title[title].relevance.acting_articles) == ("mentioned", 1), title
    claimed = coverage.applicable(store, unit_id("澄河县人力资源和社会保障局"), year=2026, scope=LawScope(region=REGION))
    assert {law.law.short_title for law in claimed.claimed if law.relevance and law.relevance.tier == "principal"} >= {
        "劳动法", "劳动合同法", "社会保险法", "就业促进法"}


def test_a_names_only_register_gets_the_same_kind_of_answers(demo, tmp_path):
    """The liaison form (附件1) has no 职能类型: its units act as their names imply, and the market regulator
    sees first the laws that make 市场监督管理 (or its 药品, 价格 functions) the principal authority."""
    store, _ = demo
    try:
        report = ingest_units(store, SAMPLE_DIR / "units_liaison_form.xlsx")
        market = next(found for found in report.unit_types if found.unit == "澄河县市场监督管理局")
        assert {t.via for t in market.types} == {"name"}
        answer = coverage.applicable(store, MARKET, year=2026, scope=LawScope(region=REGION), limit=20)
        assert [law.relevance.tier for law in answer.inferred] == ["principal"] * 20
        assert {"食品安全法", "特种设备安全法", "药品管理法"} <= {
            law.law.short_title for law in coverage.applicable(store, MARKET, year=2026, scope=LawScope(region=REGION),
                                                               tier="principal", limit=None).inferred}
    finally:
        ingest_units(store, SAMPLE_UNITS)  # the module's other tests read the full register
