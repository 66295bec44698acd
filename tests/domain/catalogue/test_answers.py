"""Each read answer pinned on the hand-built county (tests/fixtures_graph.py), on both stores.

Expected values are worked out by hand from the fixture's docstring: which rows claim which
laws, which articles name which department types.
"""

from __future__ import annotations

import json

import pytest

from domain.base.briefs import law_sort_key
from domain.base.cache import CachedStore
from domain.base.models import EVIDENCE_SHOWN
from domain.catalogue import campaigns, coverage, lookup, shared_laws
from domain.catalogue.models import UNITS_SHOWN
from domain.catalogue.relevance import evidence_by_type
from domain.checklists import audit
from graph.migrations import prepare, stamp_law_parts, summarize_checklists
from graph.queries.scope import LawScope
from graph.query import Query
from graph.writer import GraphWriter
from ingest.checklists.load import write_summary
from ingest.units.load import ingest_units
from pufa.errors import InputError, NotFound
from pufa.laws import unit_id
from tests.fixtures_graph import (
    LAWS,
    add_constitution_day_units,
    add_market_food_evidence,
    build_county,
    county_batch,
    rows_per_anchor,
)
from tests.pufa_cli import pufa_on


@pytest.fixture
def county(store) -> CachedStore:
    """The hand-built county, seen through the answer cache as the faces see it."""
    return CachedStore(build_county(store))


def ids(items) -> list[str]:
    return [item.id for item in items]


def law_ids(answers) -> list[str]:
    return [answer.law.id for answer in answers]


def assert_by_importance(answers, locals_last: bool = False) -> None:
    """Most important first (`locals_last`: national laws before local ones), ties by level and title; each
    importance the sum of its signals' value × weight."""
    keys = [(locals_last and law.law.region is not None, -law.importance, law_sort_key(law.law)) for law in answers]
    assert keys == sorted(keys)
    for law in answers:
        assert law.importance == pytest.approx(sum(s.value * s.weight for s in law.signals), abs=1e-3)


def evidence(matches) -> list[tuple[str, str, str]]:
    return [(m.label, m.department_type_id, m.role) for m in matches]


# --- coverage gaps ----------------------------------------------------------------------------


def test_gaps_put_the_laws_a_local_unit_answers_for_first(county):
    answer = coverage.coverage_gaps(county, LawScope())
    assert (answer.year, answer.count, answer.unowned) == (2026, 3, 1)
    assert (answer.counts.principal, answer.counts.related, answer.counts.mentioned) == (1, 1, 0)
    assert [(gap.law.id, gap.tier) for gap in answer.data] == [("LDOG", "principal"), ("LMINOR", "related"),
                                                              ("LOTHER", None)]
    dogs, minors, other = answer.data
    [police] = dogs.suggested_owners
    assert (police.unit.id, police.relevance.tier, police.relevance.types[0].principal_articles) == (
        "UPSB", "principal", ["第四条"])
    assert [(o.unit.id, o.relevance.tier, o.articles, o.duty_articles) for o in minors.suggested_owners] == [
        ("UEDU", "related", 2, 2), ("UPSB", "related", 2, 1),
    ]
    assert evidence(minors.suggested_owners[0].evidence) == [
        ("第七条", "education", "duty"), ("第三十五条", "education", "duty"),
    ]
    assert evidence(minors.suggested_owners[1].evidence) == [
        ("第三十五条", "public_security", "duty"), ("第一百条", "public_security", "power"),
    ]
    assert minors.suggested_owners[0].evidence[0].article_id == "LMINOR@2020/第七条"
    assert other.suggested_owners == []
    assert [law.law.id for law in coverage.coverage_gaps(county, LawScope(), tier="unowned").data] == ["LOTHER"]


def test_gaps_count_only_current_revisions_and_leave_out_common_duties(county):
    # 公安局's revision 1 claimed 未成年人保护法 but revision 2 is current: still a gap.
    assert "LMINOR" in law_ids(coverage.coverage_gaps(county, LawScope()).data)
    # In 2025 only 市场监管局 submitted (合同法, repealed): every law in scope is a gap.
    in_2025 = coverage.coverage_gaps(county, LawScope(), year=2025)
    found = law_ids(in_2025.data)  # by tier (主管, 相关, 提及, naming no local unit), then importance
    assert set(found[:4]) == {"LSAFE", "LFOOD", "LENV", "LTRAFFIC"}
    assert found[4:] == ["LDOG", "LMINOR", "LCONSUMER", "LOTHER"], "the local rule after the national laws"
    with_common = coverage.coverage_gaps(county, LawScope(include_common=True), year=2025)
    assert with_common.count == 10
    assert {"LCON", "LCIV"} <= set(law_ids(with_common.data))


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (LawScope(region="示例市澄河县"), ["LDOG", "LMINOR"]),
        (LawScope(level="地方性法规"), ["LDOG", "LOTHER"]),
        (LawScope(category="地方性法规"), ["LDOG", "LOTHER"]),
        (LawScope(effective_year=2021), ["LMINOR"]),
        (LawScope(status="已废止"), []),
        (LawScope(status=None, level="法律"), ["LMINOR"]),
    ],
)
def test_gap_filters(county, scope, expected):
    assert law_ids(coverage.coverage_gaps(county, scope).data) == expected


def test_gaps_are_paged_after_sorting(county):
    answer = coverage.coverage_gaps(county, LawScope(), skip=1, limit=1, owners=1)
    assert (law_ids(answer.data), answer.count) == (["LMINOR"], 3)
    assert coverage.coverage_gaps(county, LawScope(), limit=1, owners=1).data[0].suggested_owners[0].unit.id == "UPSB"


def test_unit_gaps_are_laws_its_types_imply_that_it_does_not_claim(county):
    alone = coverage.unit_gaps(county, "UPSB")
    assert {(law.law.id, law.relevance.tier) for law in alone.data} == {
        ("LDOG", "principal"), ("LMINOR", "related"), ("LSAFE", "mentioned"), ("LFOOD", "mentioned"),
        ("LTRAFFIC", "mentioned"),
    }
    assert_by_importance(alone.data)
    assert (alone.counts.principal, alone.counts.related, alone.counts.mentioned) == (1, 1, 3)
    food = next(law for law in alone.data if law.law.id == "LFOOD")
    assert evidence(food.articles) == [("第一百二十一条", "public_security", "duty")]
    mentioned = coverage.unit_gaps(county, "UPSB", tier="mentioned").data
    assert (set(law_ids(mentioned)), law_ids(mentioned)) == ({"LSAFE", "LFOOD", "LTRAFFIC"},
                                                             [law for law in law_ids(alone.data) if law in ("LSAFE", "LFOOD", "LTRAFFIC")])
    # With its 交警大队, which claims 道路交通安全法:
    with_sections = coverage.unit_gaps(county, "UPSB", include_sub_units=True)
    assert with_sections.unit_ids == ["UPSB", "UTRAFFIC"]
    assert set(law_ids(with_sections.data)) == {"LDOG", "LMINOR", "LSAFE", "LFOOD"}
    assert_by_importance(with_sections.data)
    assert coverage.unit_gaps(county, "UMKT").count == 0


# --- applicable legislation -------------------------------------------------------------------


def test_applicable_shows_claimed_inferred_and_the_mismatch(county):
    answer = coverage.applicable(county, "UMKT")
    assert [(law.law.id, law.relevance and law.relevance.tier) for law in answer.claimed] == [
        ("LFOOD", "principal"), ("LCONSUMER", "mentioned"), ("LCONTRACT", None)]
    food_claim = answer.claimed[0].items[0]
    assert (food_claim.checklist_id, food_claim.item_id, food_claim.row) == ("C-MKT-2026", "C-MKT-2026#1", 1)
    assert food_claim.source == "澄河县市场监督管理局2026年普法责任清单.xlsx:2"
    assert food_claim.surface == "《食品安全法》（2021年修正）"
    assert law_ids(answer.inferred) == ["LFOOD", "LCONSUMER"]
    food = answer.inferred[0]
    assert evidence(food.articles) == [
        ("第六条", "market_regulation", "duty"), ("第十条", "market_regulation", "duty"),
        ("第一百二十一条", "market_regulation", "power"),
    ]
    assert (food.unit_ids, food.article_count, food.relevance.acting_articles) == (["UMKT"], 3, 3)
    assert (answer.claimed[0].articles, answer.claimed[2].articles) == (food.articles, [])
    assert law_ids(answer.claimed_not_inferred) == ["LCONTRACT"]
    assert (answer.inferred_counts.principal, answer.inferred_counts.mentioned) == (1, 1)
    second = coverage.applicable(county, "UMKT", skip=1, limit=1)
    assert (law_ids(second.inferred), second.inferred_count, law_ids(second.claimed)) == (
        ["LCONSUMER"], 2, law_ids(answer.claimed))
    assert law_ids(coverage.applicable(county, "UMKT", tier="principal").inferred) == ["LFOOD"]


def test_applicable_with_sub_units_and_common_duties(county):
    answer = coverage.applicable(county, "UPSB", include_sub_units=True)
    assert law_ids(answer.claimed) == ["LTRAFFIC", "LCON", "LCIV"]
    traffic = next(law for law in answer.inferred if law.law.id == "LTRAFFIC")
    assert (traffic.unit_ids, traffic.relevance.tier) == (["UPSB", "UTRAFFIC"], "principal")
    assert evidence(traffic.articles) == [("第五条", "traffic_police", "duty"), ("第五条", "public_security", "mention")]
    assert answer.claimed_not_inferred == []  # 宪法 and 民法典 are common duties


def test_a_names_only_register_answers_by_the_types_the_names_imply(county, tmp_path):
    """The liaison form gives names only: 县公安局 acts as 公安机关, and so is 主管 for 养犬管理条例, 相关 to
    未成年人保护法 and named once by three laws, most important first; its region unknown, and the catalogue
    holding two cities' rules, the national laws come before 示例市养犬管理条例."""
    register = tmp_path / "联络员登记表.csv"
    register.write_text("单位,姓名,职务,电话,邮箱\n县公安局,刘建平,副大队长,0000-1,a@example.org\n", encoding="utf-8")
    ingest_units(county, register)
    police = unit_id("县公安局")
    assert [(t.id, t.via) for t in lookup.unit_detail(county, police).department_types] == [("public_security", "name")]
    answer = coverage.applicable(county, police)
    assert {(law.law.id, law.relevance.tier) for law in answer.inferred} == {
        ("LDOG", "principal"), ("LMINOR", "related"), ("LSAFE", "mentioned"), ("LFOOD", "mentioned"),
        ("LTRAFFIC", "mentioned")}
    assert_by_importance(answer.inferred, locals_last=True)
    assert law_ids(answer.inferred)[-1] == "LDOG"


def test_applicable_uses_current_versions_only(county):
    # 食品安全法's old version names 应急管理部门; the current one does not.
    assert "LFOOD" not in law_ids(coverage.applicable(county, "UEMG").inferred)


def test_applicable_for_a_unit_without_types_or_checklist(county):
    answer = coverage.applicable(county, "UFED")
    assert (answer.claimed, answer.inferred, answer.claimed_not_inferred) == ([], [], [])


def test_unknown_unit_is_not_found(county):
    with pytest.raises(NotFound):
        coverage.applicable(county, "NOPE")


# --- shared responsibility --------------------------------------------------------------------


def test_shared_laws_count_claiming_and_answering_units_not_mentions(county):
    answer = shared_laws.shared_laws(county, LawScope())
    # 安全生产法: 应急 (主管) and 教育 (claims it; its type only mentioned); 公安, mentioned only, is left out
    assert [(law.law.id, law.units, law.claimed_units, law.inferred_units) for law in answer.data] == [
        ("LSAFE", 2, 2, 1), ("LMINOR", 2, 0, 2), ("LFOOD", 2, 2, 2),
    ]
    assert law_ids(shared_laws.shared_laws(county, LawScope(), min_units=3).data) == []
    with_common = shared_laws.shared_laws(county, LawScope(include_common=True))
    assert law_ids(with_common.data) == ["LCON", "LSAFE", "LMINOR", "LFOOD"]


def test_shared_law_lead_is_the_principal_authority(county):
    answer = shared_laws.shared_law(county, "LFOOD")
    lead = answer.lead
    assert (lead.unit.id, lead.principal_articles, lead.principal_types) == ("UMKT", ["第六条"], ["市场监督管理部门"])
    assert (lead.duty_articles, lead.declared_row.row) == (["第六条", "第十条"], 1)
    assert [
        (u.unit.id, u.role, u.claimed, u.inferred, u.relevance.tier, u.declared_lead, u.declared_partner_of,
         u.duty_articles, u.articles)
        for u in answer.units
    ] == [  # 公安, mentioned once, does not share it
        ("UMKT", "lead", True, False, "principal", True, [], 2, 3),
        ("UEDU", "co", True, False, "related", False, ["UMKT"], 2, 2),
    ]
    market = answer.units[0]
    assert ids(market.audiences) == ["enterprises", "students"]
    assert ids(market.methods) == ["case_explanation"]
    assert [item.item_id for item in market.items] == ["C-MKT-2026#1"]


def test_a_unit_answering_for_a_law_shares_it_without_a_claim(county):
    answer = shared_laws.shared_law(county, "LMINOR")  # claimed by nobody; 教育 and 公安 related
    assert [(u.unit.id, u.role, u.claimed, u.inferred) for u in answer.units] == [
        ("UEDU", "lead", False, True), ("UPSB", "co", False, True)]
    assert answer.lead.duty_articles == ["第七条", "第三十五条"]
    safety = shared_laws.shared_law(county, "LSAFE")
    assert (safety.lead.unit.id, len(safety.lead.duty_articles)) == ("UEMG", 3)
    assert [(u.unit.id, u.role, u.duty_articles) for u in safety.units] == [("UEMG", "lead", 3), ("UEDU", "co", 1)]


def test_shared_law_without_articles_falls_back_to_rows(county):
    answer = shared_laws.shared_law(county, "LCON")
    assert answer.lead.unit.id == "UPSB"  # a tie on rows, broken by name
    assert (answer.lead.articles, answer.lead.rows, answer.lead.declared_row) == (0, 1, None)
    assert [u.unit.id for u in answer.units] == ["UPSB", "UEDU"]
    with pytest.raises(NotFound):
        shared_laws.shared_law(county, "NOPE")


def test_shared_law_pages_its_units_and_names_who_each_article_names(county):
    answer = shared_laws.shared_law(county, "LFOOD", limit=1)
    assert ([u.unit.id for u in answer.units], answer.unit_count, answer.lead.unit.id) == (["UMKT"], 2, "UMKT")
    assert [u.unit.id for u in shared_laws.shared_law(county, "LFOOD", skip=1, limit=1).units] == ["UEDU"]
    assert [(a.label, ids(a.units), a.unit_count) for a in answer.articles] == [
        ("第六条", ["UMKT"], 1), ("第十条", ["UMKT", "UEDU"], 2), ("第五十七条", ["UEDU"], 1),
        ("第一百二十一条", ["UMKT"], 1)]  # 公安 is named there too, but does not share the law


def test_evidence_lists_show_the_first_rows_and_articles_and_count_them_all(store, county):
    """A unit with more rows and articles for a law than an answer lists (EVIDENCE_SHOWN): each answer
    shows the first ones and counts them all."""
    add_market_food_evidence(store)
    [claimed] = [law for law in coverage.applicable(county, "UMKT").claimed if law.law.id == "LFOOD"]
    assert ([item.row for item in claimed.items], claimed.item_count) == ([1, 10, 11, 12, 13], 8)
    assert (len(claimed.articles), claimed.article_count) == (EVIDENCE_SHOWN, 9)
    market = shared_laws.shared_law(county, "LFOOD").units[0]
    assert (market.unit.id, [item.row for item in market.items], market.item_count) == ("UMKT", [1, 10, 11, 12, 13], 8)
    assert (len(market.evidence), market.articles, market.duty_articles) == (EVIDENCE_SHOWN, 9, 8)
    assert {m.role for m in market.evidence} == {"duty"}  # duties first
    lead = shared_laws.shared_law(county, "LFOOD").lead
    assert (len(lead.duty_articles), lead.duty_article_count) == (EVIDENCE_SHOWN, 8)
    [group] = campaigns.campaigns(county, key_date_id="consumer_rights_day").data
    [unit] = [u for u in group.units if u.unit.id == "UMKT"]
    assert ([item.row for item in unit.items], unit.item_count) == ([1, 10, 11, 12, 13], 8)
    [plan] = campaigns.campaigns(county, key_date_id="consumer_rights_day", items_shown=None).data
    assert [len(u.items) for u in plan.units if u.unit.id == "UMKT"] == [8]


# --- joint campaigns --------------------------------------------------------------------------


def test_campaign_around_a_key_date(county):
    answer = campaigns.campaigns(county, key_date_id="constitution_day")
    assert (answer.anchor.name, answer.anchor_kind, answer.count) == ("国家宪法日", "key_date", 1)
    [group] = answer.data
    assert (group.shared.id, group.shared_kind) == ("LCON", "law")
    assert [u.unit.id for u in group.units] == ["UPSB", "UEDU"]
    assert ids(group.audiences) == ["students", "public"]  # by name: 学生/青少年, 社会公众
    assert [(e.key_date.id, e.key_date.month, e.key_date.day, ids(e.units)) for e in group.calendar] == [
        ("constitution_day", 12, 4, ["UPSB", "UEDU"]),
    ]
    singles = campaigns.campaigns(county, key_date_id="constitution_day", min_units=1)
    assert [(g.shared.id, len(g.units)) for g in singles.data] == [("LCON", 2), ("LTRAFFIC", 1)]


def test_campaign_around_3_15_has_a_lead_and_calendar(county):
    [group] = campaigns.campaigns(county, key_date_id="consumer_rights_day").data
    assert group.shared.id == "LFOOD"
    assert [u.unit.id for u in group.units] == ["UMKT", "UEDU"]
    assert group.lead.unit.id == "UMKT"
    assert ids(group.laws) == ["LFOOD"]
    assert [(e.key_date.id, ids(e.units)) for e in group.calendar] == [("consumer_rights_day", ["UMKT", "UEDU"])]


def test_campaign_around_a_law_groups_by_audience(county):
    answer = campaigns.campaigns(county, law_id="LFOOD")
    assert [(g.shared.id, g.shared_kind, [u.unit.id for u in g.units]) for g in answer.data] == [
        ("students", "audience", ["UMKT", "UEDU"]),
    ]
    assert answer.data[0].lead.unit.id == "UMKT"
    wider = campaigns.campaigns(county, law_id="LFOOD", min_units=1)
    assert [g.shared.id for g in wider.data] == ["students", "enterprises"]


def test_a_campaign_group_shows_its_lead_first_when_units_are_limited(county):
    [group] = campaigns.campaigns(county, key_date_id="consumer_rights_day", units_limit=1).data
    assert (group.unit_count, group.lead.unit.id, [u.unit.id for u in group.units]) == (2, "UMKT", ["UMKT"])
    assert [(e.key_date.id, ids(e.units)) for e in group.calendar] == [("consumer_rights_day", ["UMKT"])]
    [everyone] = campaigns.campaigns(county, key_date_id="consumer_rights_day", units_limit=None).data
    assert (everyone.unit_count, [u.unit.id for u in everyone.units]) == (2, ["UMKT", "UEDU"])


def test_a_lead_last_by_name_is_still_shown_when_units_are_limited(county, monkeypatch):
    monkeypatch.setattr(campaigns, "choose_lead", lambda standings: max(standings, key=lambda s: s.unit_name))
    [group] = campaigns.campaigns(county, key_date_id="consumer_rights_day", units_limit=1).data
    assert [u.unit.id for u in group.units] == [group.lead.unit.id] == ["UEDU"]


def test_a_campaign_group_lists_units_shown_of_all_it_counts(store, county):
    """A group that thousands of units share lists UNITS_SHOWN of them (the lead first, the rest by
    name) and counts them all; a page of groups stays small."""
    add_constitution_day_units(store, 12)
    [group] = campaigns.campaigns(county, key_date_id="constitution_day").data
    assert (group.shared.id, group.unit_count, len(group.units)) == ("LCON", 14, UNITS_SHOWN)
    [everyone] = campaigns.campaigns(county, key_date_id="constitution_day", units_limit=None).data
    assert len(everyone.units) == everyone.unit_count == 14
    by_name = sorted(u.unit.name for u in everyone.units if u.unit.id != group.lead.unit.id)
    assert [u.unit.name for u in group.units] == [group.lead.unit.name, *by_name[:UNITS_SHOWN - 1]]


def test_campaign_answers_are_kept_until_a_table_they_read_is_written(store, county, monkeypatch):
    worked_out = []
    engine_read = store.read
    monkeypatch.setattr(store, "read", lambda query: worked_out.append(query.name) or engine_read(query))
    first = campaigns.campaigns(county, key_date_id="constitution_day")
    assert campaigns.campaigns(county, key_date_id="constitution_day") is first
    assert worked_out.count("campaign_members_key_date") == 1
    store.upsert_nodes("Law", [{"id": "LNEW", "title": "新法"}])
    again = campaigns.campaigns(county, key_date_id="constitution_day")
    assert again == first and again is not first  # the groups name laws: worked out again...
    assert worked_out.count("campaign_members_key_date") == 1  # ... from the members kept, which read no law
    checklist_id = store.read(Query("c", "MATCH (c:Checklist) WHERE c.current RETURN c.id AS id"))[0]["id"]
    with store.transaction() as tx:
        write_summary(tx, checklist_id)  # what every change of a checklist's rows ends with
    assert campaigns.campaigns(county, key_date_id="constitution_day") == first
    assert worked_out.count("campaign_members_key_date") == 1  # brought up to date (domain.base.tally):
    assert worked_out.count("campaign_members_of_key_date") == 1  # the written checklist read again


def test_a_law_group_names_the_units_answering_for_the_law_without_a_row(county):
    groups = {g.shared.id: g for g in campaigns.campaigns(county, audience_id="enterprises", min_units=1).data}
    food = groups["LFOOD"]  # 市场监管局's row targets enterprises; 教育 (相关) has none that does
    assert ([u.unit.id for u in food.units], food.unit_count, food.lead.unit.id) == (["UMKT"], 1, "UMKT")
    assert ([(u.id, u.name) for u in food.inferred], food.inferred_count) == ([("UEDU", "澄河县教育体育局")], 1)
    assert groups["LSAFE"].inferred == []  # 教育 and 公安 are only mentioned in 安全生产法
    regional = {g.shared.id: g for g in campaigns.campaigns(county, audience_id="enterprises", min_units=1,
                                                          region="另一县").data}
    assert regional == {}


def test_campaign_in_a_region(county):
    everywhere = campaigns.campaigns(county, audience_id="students", min_units=1)
    assert campaigns.campaigns(county, audience_id="students", min_units=1, region="澄河县") == everywhere
    assert campaigns.campaigns(county, key_date_id="constitution_day", region="澄河县").count == 1
    assert campaigns.campaigns(county, key_date_id="constitution_day", region="另一县").count == 0


def test_campaign_around_an_audience_groups_by_law(county):
    answer = campaigns.campaigns(county, audience_id="students")
    assert [(g.shared.id, [u.unit.id for u in g.units]) for g in answer.data] == [("LFOOD", ["UMKT", "UEDU"])]
    assert ids(answer.data[0].units[1].methods) == ["lecture"]


def test_campaign_needs_exactly_one_known_anchor(county):
    with pytest.raises(InputError):
        campaigns.campaigns(county)
    with pytest.raises(InputError):
        campaigns.campaigns(county, key_date_id="constitution_day", audience_id="students")
    with pytest.raises(NotFound):
        campaigns.campaigns(county, key_date_id="nope")


# --- checklist audit --------------------------------------------------------------------------


def test_audit_summary(county):
    answer = audit.audit_summary(county)
    assert answer.model_dump(exclude={"units"}) == {
        "year": 2026, "units_expected": 6, "units_submitted": 5, "submitted_pct": 83.3, "items": 13,
        "items_with_problems": 3, "items_complete_pct": 76.9, "items_with_unresolved": 2, "outdated_citations": 2,
        "laws_in_scope": 8, "laws_claimed": 5, "law_coverage_pct": 62.5,
    }
    rows = {row.unit.id: row for row in answer.units.data}
    assert list(rows) == ["UPSB", "UTRAFFIC", "UFED", "UMKT", "UEMG", "UEDU", "UECO"]
    assert (rows["UPSB"].checklist_id, rows["UPSB"].revision, rows["UPSB"].items) == ("C-PSB-2026-2", 2, 3)
    assert (rows["UECO"].with_problems, rows["UECO"].outdated, rows["UECO"].with_unresolved) == (1, 1, 1)
    assert rows["UECO"].complete_pct == 50.0
    assert not rows["UFED"].submitted and rows["UFED"].complete_pct is None


def test_audit_findings(county):
    assert ids(audit.not_submitted(county).data) == ["UFED"]
    problems = audit.flagged_items(county, "problems")
    assert [(f.item.item_id, f.missing, f.codes) for f in problems.data] == [
        ("C-PSB-2026-2#2", ["who"], ["missing:who:empty"]),
        ("C-EDU-2026#2", ["when"], ["missing:when:empty"]),
        ("C-ECO-2026#2", ["how"], ["missing:how:no_column"]),
    ]
    unresolved = audit.flagged_items(county, "unresolved")
    assert [(f.item.item_id, f.codes) for f in unresolved.data] == [
        ("C-PSB-2026-2#3", ["timing:适时"]), ("C-ECO-2026#2", ["timing:高考中考期间"]),
    ]
    outdated = audit.outdated_citations(county)
    assert [(c.item.item_id, c.law.id, c.status, c.replaced_by and c.replaced_by.id, c.replaced_on)
            for c in outdated.data] == [
        ("C-MKT-2026#3", "LCONTRACT", "已废止", "LCIV", "2021-01-01"),
        ("C-ECO-2026#2", "LWILD", "已修改", None, None),
    ]


def test_flagged_rows_are_paged_across_checklists(county):
    extra = [{"id": f"C-EDU-2026#{row}", "checklist_id": "C-EDU-2026", "row": row, "problems": ["missing:who:empty"],
              "unresolved": []} for row in (4, 5, 6)]
    with county.transaction() as tx:
        tx.upsert_nodes("ChecklistItem", extra)
        tx.upsert_edges("HAS_ITEM", [{"src": "C-EDU-2026", "dst": row["id"]} for row in extra])
        write_summary(tx, "C-EDU-2026")
    everything = audit.flagged_items(county, "problems", limit=None)
    assert [f.item.item_id for f in everything.data] == [
        "C-PSB-2026-2#2", "C-EDU-2026#2", "C-EDU-2026#4", "C-EDU-2026#5", "C-EDU-2026#6", "C-ECO-2026#2"]
    for skip in range(8):
        for limit in (1, 2, 4):
            paged = audit.flagged_items(county, "problems", skip=skip, limit=limit)
            assert (paged.count, paged.data) == (6, everything.data[skip : skip + limit]), (skip, limit)


def test_audit_of_one_unit_and_of_another_year(county):
    eco = audit.unit_audit(county, "UECO")
    assert eco.audit.checklist_id == "C-ECO-2026"
    assert ([f.item.row for f in eco.problems], [c.law.id for c in eco.outdated], len(eco.unresolved)) == ([2], ["LWILD"], 1)
    assert audit.unit_audit(county, "UFED").audit.submitted is False
    assert audit.flagged_items(county, "problems", unit_id="UMKT").count == 0
    earlier = audit.audit_summary(county, year=2025)
    assert (earlier.units_submitted, earlier.outdated_citations) == (1, 1)
    assert [c.item.item_id for c in audit.outdated_citations(county, year=2025).data] == ["C-MKT-2025#1"]


def test_the_findings_of_a_page_of_units_are_each_units_own(county):
    """The dashboard folds each unit's findings below its table: a page of units read at once finds in
    each unit what its own audit finds, and leaves out the units without a finding."""
    rows = audit.audit_summary(county).units.data
    found = audit.units_findings(county, rows[2:], year=2026)  # from UFED on; UFED (no checklist) and UEMG have none
    assert [unit.audit.unit.id for unit in found] == ["UMKT", "UEDU", "UECO"]
    for unit in found:
        alone = audit.unit_audit(county, unit.audit.unit.id)
        assert (unit.problems, unit.outdated, unit.unresolved) == (alone.problems, alone.outdated, alone.unresolved)
    assert [c.law.id for c in found[0].outdated] == ["LCONTRACT"] and not found[0].problems


def test_downloads_are_kept_until_the_next_write(store, county, monkeypatch):
    built = []
    matrix = coverage.coverage_matrix
    monkeypatch.setattr(coverage, "coverage_matrix", lambda store, **asked: built.append(asked) or matrix(store, **asked))
    first = coverage.coverage_download(county, year=None, scope=LawScope(), file_format="csv")
    assert coverage.coverage_download(county, year=None, scope=LawScope(), file_format="csv") is first
    store.upsert_nodes("Law", [{"id": "LNEW", "title": "新法", "status": "现行有效"}])
    assert b"LNEW" in coverage.coverage_download(county, year=None, scope=LawScope(), file_format="csv")
    assert len(built) == 2


# --- lookup -----------------------------------------------------------------------------------


def test_law_search_by_alias_and_ranking(county):
    assert ids(lookup.search_laws(county, "食安法").data) == ["LFOOD"]
    assert ids(lookup.search_laws(county, "安全").data) == ["LSAFE", "LFOOD", "LTRAFFIC"]
    assert ids(lookup.search_laws(county, "宪法").data)[0] == "LCON"
    assert ids(lookup.search_laws(county, "法", level="地方性法规").data) == []
    assert ids(lookup.search_laws(county, "合同", status="已废止").data) == ["LCONTRACT"]
    with pytest.raises(InputError):
        lookup.search_laws(county, "  ")


def test_law_detail_with_versions_links_and_paged_articles(county):
    food = lookup.law_detail(county, "LFOOD")
    assert ids(food.versions) == ["LFOOD@2018", "LFOOD@2021"]
    assert food.version_id == "LFOOD@2021"
    assert [a.label for a in food.articles.data] == ["第六条", "第十条", "第五十七条", "第一百二十一条"]
    paged = lookup.law_detail(county, "LFOOD", skip=1, limit=2)
    assert ([a.label for a in paged.articles.data], paged.articles.count) == (["第十条", "第五十七条"], 4)
    assert lookup.law_detail(county, "LFOOD", version_id="LFOOD@2018").articles.count == 1
    contract = lookup.law_detail(county, "LCONTRACT")
    assert [(link.id, link.date) for link in contract.repealed_by] == [("LCIV", "2021-01-01")]
    assert ids(lookup.law_detail(county, "LCIV").replaces) == ["LCONTRACT"]
    with pytest.raises(NotFound):
        lookup.law_detail(county, "NOPE")
    with pytest.raises(NotFound):
        lookup.law_detail(county, "LFOOD", version_id="LSAFE@2021")


def test_article_search_ranks_the_articles_of_current_versions(county):
    hits = lookup.search_articles(county, "宣传教育")
    assert [(hit.law.id, hit.article.label) for hit in hits.data] == [  # the same word once: the shorter text first
        ("LSAFE", "第十条"), ("LMINOR", "第七条"), ("LFOOD", "第十条"),
    ]
    older = lookup.search_articles(county, "食品药品监督管理部门", limit=None).data  # the words of the old version
    assert older and "LFOOD@2018" not in {hit.article.version_id for hit in older}


def test_article_search_ranks_articles_holding_more_of_the_words_first(county):
    """"保护未成年人" is not in the text ("未成年人保护宣传教育"), but both its words are."""
    assert [(hit.law.id, hit.article.label) for hit in lookup.search_articles(county, "保护未成年人", limit=1).data] == [
        ("LMINOR", "第七条"),
    ]
    assert [(hit.law.id, hit.article.label) for hit in lookup.search_articles(county, "食品安全的 宣传", limit=1).data] == [
        ("LFOOD", "第十条"),
    ]
    assert lookup.search_articles(county, "条约").count == 0


def test_the_article_index_is_built_once_and_kept_until_a_law_is_written(county):
    lookup.search_articles(county, "宣传教育")
    assert lookup.article_index.is_kept(county)
    with county.transaction() as tx:
        write_summary(tx, "C-PSB-2026-2")  # a checklist write leaves it standing
    assert lookup.article_index.is_kept(county)
    county.upsert_nodes("Article", [{
        "id": "LSAFE@2021/第十一条", "law_id": "LSAFE", "version_id": "LSAFE@2021", "seq": 11, "number": 11,
        "label": "第十一条", "text": "生产经营单位应当开展安全生产宣传教育培训。"}])
    assert not lookup.article_index.is_kept(county)
    assert ("LSAFE", "第十一条") in {(hit.law.id, hit.article.label)
                                    for hit in lookup.search_articles(county, "宣传教育").data}


def test_cases_by_law_and_article(county):
    assert ids(lookup.law_cases(county, "LFOOD").data) == ["K1", "K2"]
    assert ids(lookup.law_cases(county, "LFOOD", article="第三十四条").data) == ["K2"]
    assert lookup.law_cases(county, "LFOOD").data[1].articles == ["第三十四条", "第一百二十四条"]
    with pytest.raises(NotFound):
        lookup.law_cases(county, "NOPE")


def test_units_lookup(county):
    detail = lookup.unit_detail(county, "UPSB")
    assert ids(detail.sub_units) == ["UTRAFFIC"]
    assert ids(detail.department_types) == ["public_security"]
    assert [(c.id, c.current, c.items) for c in detail.checklists] == [
        ("C-PSB-2026-2", True, 3), ("C-PSB-2026-1", False, 1),
    ]
    assert detail.liaison.phone == "0000-7000111"
    assert lookup.unit_detail(county, "UTRAFFIC").parent.id == "UPSB"
    assert ids(lookup.list_units(county, text="公安").data) == ["UPSB", "UTRAFFIC"]
    assert lookup.list_units(county, skip=6, limit=5).count == 7
    assert lookup.resolve_unit(county, "县公安局").id == "UPSB"
    assert lookup.resolve_law(county, "食安法").id == "LFOOD"
    with pytest.raises(NotFound):
        lookup.resolve_unit(county, "县税务局")


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def cli(county, monkeypatch):
    """Run `pufa …` against the county store; returns (exit code, stdout)."""
    with pufa_on(monkeypatch, county.location) as run:
        yield run


def test_cli_json_is_the_service_answer(cli, county):
    code, out = cli("gaps", "--json")
    assert code == 0
    assert json.loads(out) == coverage.coverage_gaps(county, LawScope(), limit=50, owners=3).model_dump(mode="json")
    code, out = cli("applicable", "县市场监管局", "--json")
    assert [law["law"]["id"] for law in json.loads(out)["claimed_not_inferred"]] == ["LCONTRACT"]
    code, out = cli("shared", "食品安全法", "--json")
    assert json.loads(out)["lead"]["unit"]["id"] == "UMKT"
    code, out = cli("campaigns", "--key-date", "constitution_day", "--json")
    assert json.loads(out)["count"] == 1
    code, out = cli("audit", "--unit", "UECO", "--json")
    assert json.loads(out)["audit"]["checklist_id"] == "C-ECO-2026"
    code, out = cli("law-search", "食安法", "--json")
    assert [law["id"] for law in json.loads(out)["data"]] == ["LFOOD"]


def test_cli_tables_and_exports(cli, tmp_path):
    for args in (("gaps",), ("gaps", "--unit", "UPSB"), ("shared",), ("shared", "LSAFE"), ("audit",),
                 ("campaigns", "--audience", "students"), ("law-search", "宣传", "--articles")):
        code, out = cli(*args)
        assert code == 0, args
    assert "未成年人保护法" in cli("gaps")[1]
    target = tmp_path / "audit.csv"
    code, out = cli("export", "audit", "--format", "csv", "--out", str(target), "--json")
    assert code == 0 and json.loads(out)["path"] == str(target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _ = cli("export", "checklist", "UMKT", "--out", str(tmp_path / "c.xlsx"))
    assert code == 0 and (tmp_path / "c.xlsx").stat().st_size > 0


def test_cli_says_how_many_more_rows_and_articles_there_are(store, county, cli):
    add_market_food_evidence(store)
    code, out = cli("campaigns", "--key-date", "consumer_rights_day")
    assert code == 0 and "(+3 more)" in out  # 5 of 市场监管局's 8 rows
    code, out = cli("applicable", "UMKT")
    assert code == 0 and "(+4 more)" in out  # 5 of the 9 articles naming 市场监督管理
    code, out = cli("shared", "LFOOD", "--limit", "1")
    assert code == 0 and "(1 of 2 units shown)" in out


def test_checklists_loaded_without_summaries_get_them_once(store):
    """A store from an older release (or a raw loader) has checklists without row counts; preparing it fills them."""
    GraphWriter(store).write(county_batch())
    unsummarized = Query("unsummarized", "MATCH (c:Checklist) WHERE c.items IS NULL RETURN count(c) AS n")
    assert store.read(unsummarized)[0]["n"] == 8
    assert prepare(store) is store
    assert store.read(unsummarized)[0]["n"] == 0
    summary = audit.audit_summary(CachedStore(store))
    rows = store.read(Query("rows", "MATCH (c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) WHERE c.current AND c.year = 2026 "
                                    "RETURN count(i) AS n, sum(CASE WHEN size(i.problems) > 0 THEN 1 ELSE 0 END) AS p"))
    assert (summary.items, summary.items_with_problems) == (rows[0]["n"], rows[0]["p"]) != (0, 0)
    assert summarize_checklists(store) == 0
    prepared = CachedStore(store)
    assert [(g.shared.id, ids(u.unit for u in g.units)) for g in campaigns.campaigns(prepared, key_date_id="constitution_day").data] == [
        ("LCON", ["UPSB", "UEDU"])]
    assert [(g.shared.id, ids(u.unit for u in g.units)) for g in campaigns.campaigns(prepared, audience_id="students").data] == [
        ("LFOOD", ["UMKT", "UEDU"])]


def test_laws_written_without_parts_stamps_get_them_once(store):
    """A store from an older release has laws without parts stamps (each would be weighed again after
    every catalogue write); preparing it gives them one, and the evidence worked out is the same."""
    build_county(store)
    evidence = evidence_by_type(CachedStore(store), LawScope())
    with store.transaction() as tx:  # as an older release wrote them: past the stamping of law parts
        tx._run(Query("older release", "MATCH (l:Law) WHERE l.id IN ['LFOOD', 'LDOG'] SET l.parts_stamp = NULL"))
    stamps = Query("stamps", "MATCH (l:Law) RETURN count(l.parts_stamp) AS stamped, count(l) AS n")
    assert store.read(stamps) == [{"stamped": len(LAWS) - 2, "n": len(LAWS)}]
    assert stamp_law_parts(store) == 2
    assert store.read(stamps) == [{"stamped": len(LAWS), "n": len(LAWS)}]
    assert stamp_law_parts(store) == 0
    assert evidence_by_type(CachedStore(store), LawScope()) == evidence


def test_checklists_summarized_before_their_rows_per_anchor_get_them(store, county):
    """A store whose checklists have counts but no ROWS_ON/ROWS_FOR (summary version 1) gets them,
    once, from the rows; campaigns then answer as before."""
    store = store
    before = rows_per_anchor(store)
    groups = [(g.shared.id, ids(u.unit for u in g.units)) for g in campaigns.campaigns(county, audience_id="students").data]
    with store.transaction() as tx:
        for rel in ("ROWS_ON", "ROWS_FOR"):
            tx.run(Query("drop", f"MATCH (:Checklist)-[r:{rel}]->() DELETE r"))
        tx.run(Query("v1", "MATCH (c:Checklist) SET c.summary_version = 1"))
    assert rows_per_anchor(store) == ([], before[1])
    assert summarize_checklists(store) == 8
    assert rows_per_anchor(store) == before and before[0]
    assert summarize_checklists(store) == 0
    assert [(g.shared.id, ids(u.unit for u in g.units)) for g in campaigns.campaigns(county, audience_id="students").data] == (
        groups) == [("LFOOD", ["UMKT", "UEDU"])]


def test_a_checklist_keeps_its_rows_per_key_date_and_audience(store, county):
    """ROWS_ON and ROWS_FOR hold, side by side, each row for the anchor and a law it claims, and the
    rows naming partners: what campaigns read instead of the rows."""
    kept = store.read(Query(
        "kept", "MATCH (c:Checklist {id: 'C-MKT-2026'})-[r:ROWS_ON]->(k:KeyDate) "
                "RETURN k.id AS k, r.item_ids AS items, r.law_ids AS laws, r.declaring_item_ids AS declaring"))
    assert [(row["k"], sorted(zip(row["items"], row["laws"])), row["declaring"]) for row in kept] == [
        ("consumer_rights_day", [("C-MKT-2026#1", "LFOOD"), ("C-MKT-2026#2", "LCONSUMER")], ["C-MKT-2026#1"])]
    kept = store.read(Query(
        "kept", "MATCH (c:Checklist {id: 'C-MKT-2026'})-[r:ROWS_FOR]->(a:Audience) RETURN a.id AS a, r.law_ids AS laws"))
    assert sorted((row["a"], sorted(row["laws"])) for row in kept) == [
        ("consumers", ["LCONSUMER"]), ("enterprises", ["LCONTRACT", "LFOOD"]), ("students", ["LFOOD"])]


def test_the_dashboards_figures_count_what_the_coverage_matrix_marks(county):
    """The charts' figures come from the domain, and agree with the matrix a clerk downloads."""
    matrix = coverage.coverage_matrix(county)
    figures = coverage.coverage_figures(county)
    first_unit = matrix.header.index("缺口") + 1
    marked = {name: sum(coverage.CLAIMED in str(row[first_unit + i]) for row in matrix.rows)
              for i, name in enumerate(matrix.header[first_unit:])}
    assert {row.unit.name: row.claimed for row in figures.by_unit} == {name: n for name, n in marked.items() if n}
    assert figures.units_claiming_none == sum(1 for n in marked.values() if n == 0)
    assert [row.claimed for row in figures.by_unit] == sorted((row.claimed for row in figures.by_unit), reverse=True)
    level_at, claimed_at = matrix.header.index("位阶"), matrix.header.index("认领单位数")
    for row in figures.by_level:
        laws = [law for law in matrix.rows if (law[level_at] or coverage.NO_LEVEL) == row.level]
        assert (row.in_scope, row.claimed) == (len(laws), sum(int(law[claimed_at]) > 0 for law in laws))
    assert sum(row.in_scope for row in figures.by_level) == len(matrix.rows) > 0
