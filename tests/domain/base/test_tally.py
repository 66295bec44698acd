"""Province-wide answers brought up to date after checklist writes (domain.base.tally) and catalogue writes
(domain.catalogue.relevance) are the answers worked out afresh, on both stores; and only the checklists or laws
that changed are read again."""

from pathlib import Path

from domain.base.cache import CachedStore
from domain.catalogue import campaigns, shared_laws
from domain.catalogue.relevance import evidence_by_type
from graph.queries.scope import LawScope
from graph.query import Query
from graph.schema import NODES
from ingest.checklists.load import ingest_checklists
from ingest.reference import write_reference
from tests.fixtures_graph import REGION, YEAR, add_constitution_day_units, add_market_food_evidence, build_county
from tests.ingest.test_loads import write_checklist


def answers(store: CachedStore) -> tuple:
    return (
        shared_laws.shared_laws(store, LawScope(), min_units=1, limit=None),
        campaigns.campaigns(store, key_date_id="constitution_day", min_units=1, units_limit=None),
        campaigns.campaigns(store, audience_id="students", min_units=1, units_limit=None),
        campaigns.campaigns(store, key_date_id="constitution_day", min_units=1, region=REGION),
    )


def current_checklist(store, unit: str) -> str:
    [row] = store.read(Query("current", "MATCH (c:Checklist) WHERE c.unit_id = $unit AND c.year = $year AND c.current "
                                        "RETURN c.id AS id", {"unit": unit, "year": YEAR}))
    return row["id"]


def test_answers_brought_up_to_date_after_checklist_writes_are_those_worked_out_afresh(store, tmp_path: Path,
                                                                                      monkeypatch):
    county = CachedStore(build_county(store))
    assert answers(county) == answers(CachedStore(store))
    reads: list[tuple[str, dict]] = []
    engine_read = store.read
    monkeypatch.setattr(store, "read", lambda query: reads.append((query.name, dict(query.params))) or engine_read(query))

    def read_again() -> dict[str, list[str]]:
        """The checklists each brought-up-to-date read asked for since the last call."""
        asked = {name: params["ids"] for name, params in reads if name.startswith(("claims_of", "campaign_members_of"))}
        reads.clear()
        return asked

    women = "澄河县妇女联合会"  # a unit with no checklist yet uploads one: 宪法 to students on 12·4
    ingest_checklists(store, [write_checklist(tmp_path / f"{women}{YEAR}年普法责任清单.csv",
                                              ["1,《中华人民共和国宪法》,学生,专题讲座,12·4,宣传部,王五"])])
    after_upload = answers(county)
    assert after_upload == answers(CachedStore(store))
    new = current_checklist(store, "UFED")
    assert set(map(tuple, read_again().values())) == {(new,)}
    groups = {g.shared.id: g for g in after_upload[1].data}
    assert "UFED" in {u.unit.id for u in groups["LCON"].units}

    education = "澄河县教育体育局"  # a new revision replaces the current one: 宪法 and 12·4 are gone from it
    ingest_checklists(store, [write_checklist(tmp_path / f"{education}{YEAR}年普法责任清单（修订）.csv",
                                              ["1,《中华人民共和国安全生产法》,学生,专题讲座,6月,安全股,赵六"])],
                      unit=education, year=YEAR)
    after_revision = answers(county)
    assert after_revision == answers(CachedStore(store))
    replaced = current_checklist(store, "UEDU")
    assert {tuple(ids) for ids in read_again().values()} == {(replaced,)}
    assert "UEDU" not in {u.unit.id for u in {g.shared.id: g for g in after_revision[1].data}["LCON"].units}

    add_constitution_day_units(store, 3)  # a register write too: counted whole again
    assert answers(county) == answers(CachedStore(store))


def test_a_checklist_write_weighs_again_only_the_campaign_groups_whose_counts_it_changed(store, tmp_path: Path,
                                                                                        monkeypatch):
    county = CachedStore(build_county(store))
    write_reference(store)  # the vocabularies as every load leaves them: an upload then writes none of them
    anchored = {"constitution_day": lambda s: campaigns.campaigns(s, key_date_id="constitution_day", min_units=1),
                  "students": lambda s: campaigns.campaigns(s, audience_id="students", min_units=1)}
    before = {anchor: campaign(county) for anchor, campaign in anchored.items()}
    weighed: list[str] = []
    weigh = campaigns._GroupPlan.of.__func__
    monkeypatch.setattr(campaigns._GroupPlan, "of", classmethod(lambda cls, *args: weighed.append(args[1].id)
                                                              or weigh(cls, *args)))
    women = "澄河县妇女联合会"  # 宪法 to students on 12·4: only the 宪法 group of either campaign changes
    ingest_checklists(store, [write_checklist(tmp_path / f"{women}{YEAR}年普法责任清单.csv",
                                              ["1,《中华人民共和国宪法》,学生,专题讲座,12·4,宣传部,王五"])])
    for anchor, campaign in anchored.items():
        after = campaign(county)
        assert weighed == ["LCON"], anchor
        weighed.clear()
        assert after == campaign(CachedStore(store)) != before[anchor]
        assert len(weighed) == len(after.data) > 1  # worked out afresh, every group is weighed
        weighed.clear()
        assert "UFED" in {u.unit.id for u in {g.shared.id: g for g in after.data}["LCON"].units}


def test_a_catalogue_write_recounts_the_claims_per_type_set_instead_of_counting_them_again(store):
    county = CachedStore(build_county(store))
    before = answers(county)
    key = ("claims answered anyway", LawScope(), YEAR)
    counted = county.remembered(key)
    [food] = store.read(Query("food", "MATCH (l:Law) WHERE l.id = 'LFOOD' RETURN "
                                      + ", ".join(f"l.{column} AS {column}" for column in NODES["Law"].columns)))
    store.upsert_nodes("Law", [{**food, "status": "已废止"}])  # 食品安全法 repealed: out of the laws in force
    after = answers(county)
    recounted = county.remembered(key)
    assert recounted.signatures is not counted.signatures  # recounted with what the type sets answer for now,
    assert all(recounted.claims[types] is claims for types, claims in counted.claims.items())  # from the same claims
    assert after == answers(CachedStore(store)) != before
    assert "LFOOD" not in {shared.law.id for shared in after[0].data}


def test_a_catalogue_write_reads_again_the_evidence_of_the_laws_it_wrote_only(store):
    county = CachedStore(build_county(store))
    before = evidence_by_type(county, LawScope())
    add_market_food_evidence(store)  # six more articles of 食品安全法 naming 市场监管, written without the law row
    after = evidence_by_type(county, LawScope())
    assert after == evidence_by_type(CachedStore(store), LawScope()) != before
    assert after["market_regulation"]["LFOOD"].named_articles == before["market_regulation"]["LFOOD"].named_articles + 6
    assert all(after[type_id] is laws for type_id, laws in before.items() if "LFOOD" not in laws)  # not read again
