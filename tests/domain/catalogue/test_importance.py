"""A unit's laws ranked by importance (domain.catalogue.importance, issue 33), on the shipped catalogue's
facts for the laws concerned, each unit registered by its name alone."""

from __future__ import annotations

from pathlib import Path

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.queries.scope import LawScope
from graph.store import GraphStore
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.laws import unit_id
from tests.registers import in_force_titled, names_only_register, shipped_laws

JUSTICE_LAWS = {"戒毒条例", "禁毒法", "法律援助法", "人民调解法", "社区矫正法", "律师法", "公证法", "监狱法", "仲裁法",
                "法律援助条例", "人民陪审员法"}


def registered(store: GraphStore, folder: Path, titles: set[str], names: list[str]) -> CachedStore:
    load_catalogue(store, shipped_laws(folder, in_force_titled(titles)))
    ingest_units(store, names_only_register(folder, names))
    return CachedStore(store)


def test_a_unit_named_after_a_laws_matter_puts_that_law_first(store: GraphStore, tmp_path: Path):
    """上海市戒毒管理局 acts as a 司法行政 unit like 上海市司法局, but its real checklist names 戒毒条例 (the
    司法局's does not): the law whose matter its name holds ranks higher for it, with the signal saying why."""
    answers = registered(store, tmp_path, JUSTICE_LAWS, ["上海市戒毒管理局", "上海市司法局"])
    ranked = {name: coverage.applicable(answers, unit_id(name), limit=None).inferred
              for name in ("上海市戒毒管理局", "上海市司法局")}
    order = {name: [law.law.short_title for law in laws] for name, laws in ranked.items()}
    assert order["上海市戒毒管理局"].index("戒毒条例") < order["上海市司法局"].index("戒毒条例")
    named = {name: [(law.law.short_title, s.label, s.detail) for law in laws for s in law.signals if s.key == "named"]
             for name, laws in ranked.items()}
    assert named == {"上海市戒毒管理局": [("戒毒条例", "单位名称所指", "单位名称含「戒毒」")], "上海市司法局": []}


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
