"""Department types of a register's units on both stores: from the names when the register is the
liaison form (no 职能类型), as written when it has the column, as the bureau corrects them."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.accounts.accounts import BOOTSTRAP, Actor
from domain.base.cache import CachedStore
from domain.catalogue.lookup import unit_detail
from domain.catalogue.unit_types import correct_unit_types
from graph.store import GraphStore
from ingest.demo import SAMPLE_DIR
from ingest.shipped_catalogue import LAWS_FILE, load_catalogue
from ingest.units.load import ingest_units
from pufa.errors import Forbidden, InputError
from pufa.laws import law_id, unit_id
from pufa.workflow import Role

LIAISON_FORM = SAMPLE_DIR / "units_liaison_form.xlsx"
MARKET = unit_id("澄河县市场监督管理局")


def write_register(folder: Path, rows: list[str], header: str = "单位,姓名,职务,电话,邮箱") -> Path:
    path = folder / "附件1联络员登记表.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def acting(store: GraphStore, unit: str) -> list[tuple[str, str | None]]:
    """(type id, where it came from) of a unit's department types, by type id."""
    return sorted((t.id, t.via) for t in unit_detail(CachedStore(store), unit_id(unit)).department_types)


def test_a_liaison_form_without_types_gets_them_from_names_and_short_names(store, tmp_path):
    register = write_register(tmp_path, [
        "澄河县市场监督管理局,陈晓梅,法规股股长,0000-7000144,a@example.org",
        "县卫健委,沈佳怡,科员,0000-7000199,b@example.org",
        "县环保局,王清源,干部,0000-7000166,c@example.org",
        "团县委,李青,干事,0000-7000177,d@example.org",
        "城关镇司法所,赵敏,所长,0000-7000188,e@example.org",
        "澄河县融媒体中心,周一,编辑,0000-7000100,f@example.org",
    ])
    report = ingest_units(store, register)
    by_unit = {found.unit: found for found in report.unit_types}
    assert {t.type_id for t in by_unit["澄河县市场监督管理局"].types} >= {"market_regulation", "drug_regulation",
                                                                   "intellectual_property", "price"}
    assert [(t.type_id, t.via, t.organ) for t in by_unit["县卫健委"].types] == [("health", "name", "卫生健康委员会")]
    assert [t.type_id for t in by_unit["县环保局"].types] == ["ecology_environment"]
    assert [t.type_id for t in by_unit["团县委"].types] == ["youth_league"]
    assert [t.type_id for t in by_unit["城关镇司法所"].types] == ["justice"]
    assert [(t.type_id, t.organ) for t in by_unit["澄河县融媒体中心"].types] == [("news_media", "融媒体中心")]
    assert report.counts["units acting as no department type"] == 0
    assert acting(store, "县卫健委") == [("health", "name")]


def test_the_sample_liaison_form_gives_every_unit_a_type(store):
    report = ingest_units(store, LIAISON_FORM)
    assert report.counts["units"] == 5 and all(found.types for found in report.unit_types)


def test_a_written_type_overrides_the_name(store, tmp_path):
    register = write_register(tmp_path, ["澄河县水利局,郑一,股长,0000-1,a@example.org,水行政主管部门、应急管理部门"],
                              header="单位,姓名,职务,电话,邮箱,职能类型")
    ingest_units(store, register)
    assert acting(store, "澄河县水利局") == [("emergency_management", "written"), ("water", "written")]


def test_the_bureau_corrects_types_and_a_new_register_keeps_the_correction(store, tmp_path):
    register = write_register(tmp_path, ["澄河县市场监督管理局,陈晓梅,法规股股长,0000-1,a@example.org"])
    ingest_units(store, register)
    cached = CachedStore(store)
    correct_unit_types(cached, BOOTSTRAP, MARKET, ["market_regulation", "price"])
    assert acting(store, "澄河县市场监督管理局") == [("market_regulation", "bureau"), ("price", "bureau")]
    ingest_units(store, register)  # the register comes again, still without types
    assert acting(store, "澄河县市场监督管理局") == [("market_regulation", "bureau"), ("price", "bureau")]
    correct_unit_types(cached, BOOTSTRAP, MARKET, None)
    assert ("drug_regulation", "name") in acting(store, "澄河县市场监督管理局")


def test_an_unknown_type_is_refused_naming_it(store, tmp_path):
    ingest_units(store, write_register(tmp_path, ["澄河县市场监督管理局,陈晓梅,法规股股长,0000-1,a@example.org"]))
    with pytest.raises(InputError, match="'markets'"):
        correct_unit_types(CachedStore(store), BOOTSTRAP, MARKET, ["markets"])
    assert ("market_regulation", "name") in acting(store, "澄河县市场监督管理局")


def test_only_an_administrator_corrects_types(store, tmp_path):
    ingest_units(store, write_register(tmp_path, ["澄河县市场监督管理局,陈晓梅,法规股股长,0000-1,a@example.org"]))
    liaison = Actor(id="A1", username="mkt", role=Role.LIAISON, unit_id=MARKET, units=frozenset({MARKET}))
    with pytest.raises(Forbidden):
        correct_unit_types(CachedStore(store), liaison, MARKET, ["price"])
    assert ("price", "bureau") not in acting(store, "澄河县市场监督管理局")


def test_the_register_report_names_the_units_that_get_no_law(store, tmp_path):
    """A unit none of whose types a law in force names is a defect: the report names it in Chinese with
    what to do; before any law is loaded no unit is singled out."""
    rows = ["澄河县市场监督管理局,陈晓梅,法规股股长,0000-7000144,a@example.org",
            "县委组织部,周一,科员,0000-7000100,b@example.org",
            "县科协,王二,科员,0000-7000101,c@example.org"]
    assert ingest_units(store, write_register(tmp_path, rows)).units_without_laws == []
    shipped = LAWS_FILE.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "laws.jsonl"
    subset.write_text("\n".join(line for line in shipped if law_id("中华人民共和国消费者权益保护法") in line[:30]),
                      encoding="utf-8")
    load_catalogue(store, subset)
    report = ingest_units(store, write_register(tmp_path, rows))
    without = {unit.unit: unit for unit in report.units_without_laws}
    assert sorted(without) == ["县委组织部", "县科协"]
    assert without["县委组织部"].problem == "未能从单位名称识别出它的职能类型，推断不出任何适用的法律法规"
    assert without["县科协"].problem == "它的职能类型（科学技术协会）在现行法律法规中均未出现，推断不出任何适用的法律法规"
    assert "职能类型" in without["县科协"].remedy
    assert report.counts["units getting no law"] == 2
