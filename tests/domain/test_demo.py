"""`pufa demo`'s data (shipped catalogue + sample county) answers the users' questions as expected."""

from __future__ import annotations

import pytest

from domain import audit, coverage
from domain.cache import CachedStore
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from graph.query import Query
from ingest.demo import load_demo
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
    assert summary.items == 113 and summary.outdated_citations == 1


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
    before = store.store.counts()
    again = load_demo(store.store)
    assert store.store.counts() == before
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
