"""Files to graph on both stores: units, checklists (with revisions and atomic replacement),
law texts, cases and the shipped catalogue."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.query import Query
from graph.store import GraphStore
from ingest.cases.load import ingest_cases
from ingest.checklists.load import ingest_checklists
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_UNITS
from ingest.laws.load import ingest_laws
from ingest.laws.packaged import read_packaged_laws
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.errors import StoreError
from pufa.laws import law_id, unit_id
from tests.corpus import corpus_dir
from tests.fixtures_graph import rows_per_anchor
from tests.registers import in_force_titled, shipped_laws

FOOD_SAFETY = law_id("中华人民共和国食品安全法")
CONTRACT_LAW = law_id("中华人民共和国合同法")
JUSTICE = unit_id("澄河县司法局")
HEADER = "序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"


def one(store: GraphStore, cypher: str, **params) -> object:
    rows = store.read(Query("test", cypher, params))
    return rows[0]["v"] if rows else None


def column(store: GraphStore, cypher: str, **params) -> list:
    return sorted(row["v"] for row in store.read(Query("test", cypher, params)))


def write_checklist(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding=encoding)
    return path


def current_claims(store: GraphStore, unit: str, year: int) -> list[str]:
    return column(store, "MATCH (:Unit {id: $u})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(:ChecklistItem)-[:CLAIMS]->(l:Law) "
                         "WHERE c.current AND c.year = $y RETURN l.short_title AS v", u=unit, y=year)


@pytest.fixture
def county(store: GraphStore) -> GraphStore:
    ingest_units(store, SAMPLE_UNITS)
    return store


def test_unit_register_links_sections_and_department_types(store: GraphStore):
    report = ingest_units(store, SAMPLE_UNITS)
    assert report.counts["units"] == one(store, "MATCH (u:Unit) RETURN count(u) AS v") == 42
    police = unit_id("澄河县公安局")
    assert unit_id("澄河县公安局交通管理大队") in column(store, "MATCH (s:Unit)-[:PART_OF]->(:Unit {id: $p}) RETURN s.id AS v",
                                                  p=police)
    assert column(store, "MATCH (:Unit {id: $p})-[:ACTS_AS]->(d:DepartmentType) RETURN d.id AS v", p=police) == [
        "public_security"]
    market = unit_id("澄河县市场监督管理局")
    assert "market_regulation" in column(store, "MATCH (:Unit {id: $u})-[:ACTS_AS]->(d) RETURN d.id AS v", u=market)
    assert {"unit": "示例市生态环境局澄河分局", "parent": "示例市生态环境局"} in [
        {k: v for k, v in entry.items() if k != "source"} for entry in report.unresolved]


def test_checklist_rows_claim_catalogue_laws_with_their_source(county: GraphStore):
    path = SAMPLE_CHECKLISTS / "2026年县市场监管局普法责任清单（报送稿）.xlsx"
    report = ingest_checklists(county, [path])
    assert not report.failed
    market = unit_id("澄河县市场监督管理局")
    assert "食品安全法" in current_claims(county, market, 2026)
    sources = column(county, "MATCH (c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)-[:CLAIMS]->(:Law {id: $l}) "
                             "RETURN i.source AS v", l=FOOD_SAFETY)
    assert sources and all(s.startswith("data/sample/checklists/2026年县市场监管局") and s.count(":") >= 2
                           for s in sources)
    assert one(county, "MATCH (:Law {id: $l})<-[r:CLAIMS]-() RETURN r.surface AS v", l=FOOD_SAFETY).startswith("《")


def test_every_sample_checklist_loads_and_old_names_find_their_unit(county: GraphStore):
    paths = sorted(p for p in SAMPLE_CHECKLISTS.iterdir() if p.name != "2026-tjj.csv")
    report = ingest_checklists(county, paths)
    assert report.failed == []
    assert report.counts["checklists"] == 34
    # the 2025 file's title uses the pre-2018 name 澄河县工商行政管理局; its file name finds the unit
    assert "合同法" in current_claims(county, unit_id("澄河县市场监督管理局"), 2025)
    unresolved = {entry["law"] for entry in report.unresolved if "law" in entry}
    assert unresolved == set()  # every law the sample names resolves (民法典婚姻家庭编 to the code)
    # what is no law is kept on its row and listed in a group of its own, never as an unresolved law
    assert {(entry["name"], entry["kind"]) for entry in report.not_laws} == {
        ("《澄河县城区养犬管理办法》", "规范性文件"), ("《电动自行车安全技术规范》", "标准")}
    police = unit_id("澄河县公安局")
    [kept] = county.read(Query("test", "MATCH (:Unit {id: $u})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) "
                                       "WHERE c.year = 2026 AND size(i.not_laws) > 0 "
                                       "RETURN i.not_laws AS not_laws, i.unresolved AS unresolved", {"u": police}))
    assert kept["not_laws"] == ["document:《澄河县城区养犬管理办法》"]
    assert not [code for code in kept["unresolved"] or [] if code.startswith("law:")]


def test_a_topic_and_a_ministry_rule_in_the_statistics_list(county: GraphStore):
    """2026-tjj.csv names 《统计违法违纪行为处分规定》 (a 部门规章, metadata-only in the catalogue) and a topic."""
    report = ingest_checklists(county, [SAMPLE_CHECKLISTS / "2026-tjj.csv"], unit="澄河县统计局")
    assert report.unresolved == []
    assert [(entry["name"], entry["kind"]) for entry in report.not_laws] == [("防范和惩治统计造假", "主题")]
    assert "统计违法违纪行为处分规定" in current_claims(county, unit_id("澄河县统计局"), 2026)


def test_checklist_naming_no_registered_unit_is_refused_whole(county: GraphStore, tmp_path: Path):
    path = write_checklist(tmp_path / "某某县不存在局2026年普法责任清单.csv",
                           ["1,《中华人民共和国食品安全法》,企业,讲座,3月,法规股,张三"])
    report = ingest_checklists(county, [path])
    assert len(report.failed) == 1
    assert str(path) in report.failed[0].reason and "not in the registry" in report.failed[0].reason
    assert one(county, "MATCH (c:Checklist) RETURN count(c) AS v") == 0


def test_resubmission_replaces_the_year_and_keeps_the_previous_revision(county: GraphStore, tmp_path: Path):
    first = write_checklist(tmp_path / "澄河县司法局2026年普法责任清单.csv", [
        "1,《中华人民共和国宪法》,全体干部,专题讲座,12·4,普法股,张三",
        "2,《中华人民共和国食品安全法》,企业,以案释法,3·15,普法股,张三",
    ], encoding="gb18030")
    ingest_checklists(county, [first])
    second = write_checklist(tmp_path / "澄河县司法局2026年普法责任清单（修订）.csv",
                             ["1,《中华人民共和国人民调解法》,群众,普法宣传,全年,普法股,李四"])
    ingest_checklists(county, [second], unit="澄河县司法局", year=2026)
    assert current_claims(county, JUSTICE, 2026) == ["人民调解法"]
    revisions = county.read(Query("t", "MATCH (:Unit {id: $u})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i) "
                                       "RETURN c.revision AS revision, c.current AS current, count(i) AS rows, "
                                       "c.items AS items, c.with_problems AS with_problems, c.law_ids AS law_ids "
                                       "ORDER BY revision", {"u": JUSTICE}))
    for revision in revisions:
        revision["law_ids"] = sorted(revision["law_ids"])
    assert revisions == [
        {"revision": 1, "current": False, "rows": 2, "items": 2, "with_problems": 0,
         "law_ids": sorted([law_id("中华人民共和国宪法"), FOOD_SAFETY])},
        {"revision": 2, "current": True, "rows": 1, "items": 1, "with_problems": 0,
         "law_ids": [law_id("中华人民共和国人民调解法")]},
    ]
    kept, walked = rows_per_anchor(county)  # each revision keeps its own rows per key date and audience
    assert kept == walked
    assert {(summary, anchor, law) for summary, _, anchor, _, law, _ in kept if summary == "ROWS_ON"} == {
        ("ROWS_ON", "constitution_day", law_id("中华人民共和国宪法")), ("ROWS_ON", "consumer_rights_day", FOOD_SAFETY),
        ("ROWS_ON", "all_year", law_id("中华人民共和国人民调解法"))}
    again = ingest_checklists(county, [second], unit="澄河县司法局", year=2026)
    assert again.written == {} and again.skipped[0].reason.startswith("unchanged")


def test_a_load_writes_only_the_vocabulary_nodes_the_store_lacks(county: GraphStore, tmp_path: Path):
    vocabularies = ("DepartmentType", "Audience", "Method", "KeyDate")
    before = county.stamps()
    ingest_checklists(county, [write_checklist(tmp_path / "澄河县司法局2026年普法责任清单.csv",
                                               ["1,《中华人民共和国宪法》,全体干部,专题讲座,12·4,普法股,张三"])])
    after = county.stamps()
    assert after.of("Checklist") != before.of("Checklist")
    assert [after.of(label) for label in vocabularies] == [before.of(label) for label in vocabularies]
    county.upsert_nodes("KeyDate", [{"id": "constitution_day", "name": "国家宪法日", "aliases": [], "month": 12, "day": 4}])
    with county.transaction() as tx:
        tx.delete_nodes("Audience", ["students"])
    before = county.stamps()
    ingest_checklists(county, [write_checklist(tmp_path / "澄河县司法局2026年普法责任清单（修订）.csv",
                                               ["1,《中华人民共和国宪法》,学生,专题讲座,12·4,普法股,张三"])],
                      unit="澄河县司法局", year=2026)
    assert "宪法日" in one(county, "MATCH (k:KeyDate {id: 'constitution_day'}) RETURN k.aliases AS v")
    assert one(county, "MATCH (a:Audience {id: 'students'}) RETURN a.name AS v") == "学生/青少年"
    assert county.stamps().of("Method") == before.of("Method")


class FailingClaims:
    """A transaction that breaks when the new revision's claims are written."""

    def __init__(self, tx):
        self._tx = tx

    def __getattr__(self, name):
        return getattr(self._tx, name)

    def upsert_edges(self, rel, rows):
        if rel == "CLAIMS":
            raise StoreError("injected failure while writing CLAIMS")
        return self._tx.upsert_edges(rel, rows)


def test_a_failure_halfway_leaves_the_previous_revision_intact(county: GraphStore, tmp_path: Path, monkeypatch):
    first = write_checklist(tmp_path / "澄河县司法局2026年普法责任清单.csv",
                            ["1,《中华人民共和国宪法》,全体干部,专题讲座,12·4,普法股,张三"])
    ingest_checklists(county, [first])
    real_transaction = county.transaction

    @contextmanager
    def failing_transaction():
        with real_transaction() as tx:
            yield FailingClaims(tx)

    monkeypatch.setattr(county, "transaction", failing_transaction)
    second = write_checklist(tmp_path / "澄河县司法局2026年普法责任清单（二）.csv",
                             ["1,《中华人民共和国人民调解法》,群众,普法宣传,全年,普法股,李四"])
    report = ingest_checklists(county, [second], unit="澄河县司法局", year=2026)
    assert "injected failure" in report.failed[0].reason
    monkeypatch.undo()
    assert current_claims(county, JUSTICE, 2026) == ["宪法"]
    assert one(county, "MATCH (c:Checklist) RETURN count(c) AS v") == 1
    assert one(county, "MATCH (i:ChecklistItem) RETURN count(i) AS v") == 1


def _law_files(root: Path, *names: str) -> list[Path]:
    return [next(root.rglob(name)) for name in names]


def test_law_texts_ingest_with_article_links_and_twice_changes_nothing(store: GraphStore):
    files = _law_files(corpus_dir(), "食品安全法(2021-04-29).md", "消费者权益保护法(2013-10-25).md")
    report = ingest_laws(store, files, workers=1)
    assert report.failed == [] and report.counts["laws"] == 2
    counts = store.counts()
    assert counts["Law"] == 2 and counts["Article"] == report.counts["articles"] > 150
    article_six = one(store, "MATCH (:Law {id: $l})-[:HAS_VERSION]->()-[:HAS_ARTICLE]->(a:Article {number: 6}) "
                             "RETURN a.id AS v", l=FOOD_SAFETY)
    assert "market_regulation" in column(store, "MATCH (:Article {id: $a})-[:NAMES]->(d) RETURN d.id AS v", a=article_six)
    edges = one(store, "MATCH ()-[r:NAMES]->() RETURN count(r) AS v")
    ingest_laws(store, files, workers=1)
    assert store.counts() == counts
    assert one(store, "MATCH ()-[r:NAMES]->() RETURN count(r) AS v") == edges


def test_cases_cite_laws_and_their_current_articles(store: GraphStore):
    root = corpus_dir()
    current = [parsed for parsed in read_packaged_laws() if parsed.law_id == FOOD_SAFETY]
    ingest_laws(store, _law_files(root, "食品安全法(2021-04-29).md"), workers=1, also=current)
    report = ingest_cases(store, [root / "案例" / "消费购物"])
    assert report.failed == [] and report.counts["cases"] == 18
    assert one(store, "MATCH (k:LawCase)-[:CITES]->(:Law {id: $l}) RETURN count(k) AS v", l=FOOD_SAFETY) == 6
    assert one(store, "MATCH (:LawCase)-[r:CITES]->(:Law {id: $l}) WHERE '第一百四十八条' IN r.articles "
                      "RETURN count(r) AS v", l=FOOD_SAFETY) == 5
    assert column(store, "MATCH (:LawCase)-[:CITES_ARTICLE]->(a:Article {law_id: $l}) RETURN DISTINCT a.number AS v",
                  l=FOOD_SAFETY) == [3, 28, 34, 53, 67, 96, 148]


def test_the_catalogue_leaves_ingested_law_texts_alone(store: GraphStore, tmp_path: Path):
    ingest_laws(store, _law_files(corpus_dir(), "食品安全法(2021-04-29).md"), workers=1)
    texts = one(store, "MATCH (a:Article {law_id: $l}) WHERE a.text <> '' RETURN count(a) AS v", l=FOOD_SAFETY)
    shipped = Path("data/catalogue/laws.jsonl").read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "laws.jsonl"
    subset.write_text("\n".join(line for line in shipped if FOOD_SAFETY in line or CONTRACT_LAW in line[:30]),
                      encoding="utf-8")
    report = load_catalogue(store, subset)
    assert report.counts["already stored"] == 1
    assert one(store, "MATCH (a:Article {law_id: $l}) WHERE a.text <> '' RETURN count(a) AS v", l=FOOD_SAFETY) == texts
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.status AS v", l=CONTRACT_LAW) == "已废止"


def test_the_catalogue_links_the_laws_a_text_cites_and_counts_what_ranks_them(store: GraphStore, tmp_path: Path):
    regulation = law_id("中华人民共和国食品安全法实施条例")
    shipped = Path("data/catalogue/laws.jsonl").read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "laws.jsonl"
    subset.write_text("\n".join(line for line in shipped if line[7:20] in (FOOD_SAFETY, regulation)), encoding="utf-8")
    load_catalogue(store, subset, None)
    assert column(store, "MATCH (l:Law {id: $l})-[:REFERS_TO]->(c:Law) RETURN c.id AS v", l=regulation) == [FOOD_SAFETY]
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.cited_by AS v", l=FOOD_SAFETY) > 1
    assert one(store, "MATCH (l:Law {id: $l}) RETURN l.article_count AS v", l=regulation) == 86


@pytest.mark.slow
def test_the_whole_corpus_ingests_with_every_skip_explained(store: GraphStore):
    report = ingest_laws(store, [corpus_dir()])
    assert report.failed == []
    explained = ("index", "template", "readme", "case", "not_a_law", "duplicate")
    assert all(skip.reason.startswith(explained) for skip in report.skipped)
    counts = store.counts()
    assert (counts["Law"], counts["LawVersion"], counts["Article"]) == (3870, 3411, 147056)
    repealed = column(store, "MATCH (l:Law)-[:REPEALED_BY]->(:Law {short_title: '民法典'}) RETURN l.short_title AS v")
    assert {"合同法", "物权法", "民法通则", "担保法", "婚姻法", "继承法", "收养法", "侵权责任法", "民法总则"} <= set(repealed)


def test_bad_files_each_fail_with_their_name_and_change_nothing(county: GraphStore):
    bad = sorted(p for p in (SAMPLE_CHECKLISTS.parent / "bad").iterdir() if not p.name.startswith("units_"))
    report = ingest_checklists(county, bad)
    assert len(report.failed) == len(bad)
    for path, failure in zip(bad, sorted(report.failed, key=lambda f: f.source), strict=True):
        assert failure.source.endswith(path.name) and path.name in failure.reason
    assert one(county, "MATCH (c:Checklist) RETURN count(c) AS v") == 0


def test_a_local_law_named_without_its_place_is_the_units_regions(store: GraphStore, tmp_path: Path):
    """省禁毒条例 in the checklist of a unit the register places in 四川: 四川省禁毒条例; a unit placed nowhere
    gets no guess among the provinces' 禁毒条例 (the row keeps the name as unresolved)."""
    load_catalogue(store, shipped_laws(tmp_path, in_force_titled({"四川省禁毒条例", "山东省禁毒条例"})))
    register = tmp_path / "联络员登记表.csv"
    register.write_text("单位,地区,姓名,职务,电话,邮箱\n井研县司法局,四川省乐山市井研县,联络员,科员,0000-0000001,a@example.org\n"
                        "某县司法局,,联络员,科员,0000-0000002,b@example.org\n", encoding="utf-8")
    ingest_units(store, register)
    for unit in ("井研县司法局", "某县司法局"):
        ingest_checklists(store, [write_checklist(tmp_path / f"{unit}2026年普法责任清单.csv",
                                                  ["1,省禁毒条例,群众,宣传,6·26,普法股,张三"])])
    assert current_claims(store, unit_id("井研县司法局"), 2026) == ["四川省禁毒条例"]
    assert current_claims(store, unit_id("某县司法局"), 2026) == []
