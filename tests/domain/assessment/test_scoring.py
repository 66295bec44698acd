"""Scores a bureau would publish: a list that says less never earns more. An empty or near-empty
checklist earns no completeness points; a unit principal for no law scores by the laws it lists; a
checklist naming no key date or audience earns nothing for serving them; under the shipped rubric a
unit that did nothing never outscores one that did, and a one-row list with no activity never ranks first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.assessment.rubric import rubric_in_force
from domain.assessment.scoring import (
    DeductionParams,
    ItemParams,
    LatePointsParams,
    Met,
    RowsParams,
    TierParams,
    UnitFacts,
    YearFacts,
    audiences_reached,
    checklist_on_time,
    five_questions,
    key_date_activities,
    no_outdated_laws,
    principal_laws_listed,
    unacted_prompts,
)
from domain.assessment.versions import score_units

YEAR = YearFacts(year=2026, today=date(2026, 12, 6), checklist_deadline=None, units={})


def unit(unit_id: str = "U1", **facts) -> UnitFacts:
    facts = {"checklist_id": f"C-{unit_id}", "first_submitted": "2026-02-01T09:00:00Z", **facts}
    return UnitFacts(unit_id=unit_id, name=f"单位{unit_id}", **facts)


def totals(*units: UnitFacts) -> dict[str, float]:
    facts = replace(YEAR, units={u.unit_id: u for u in units})
    return {scored.unit.unit_id: scored.total for scored in score_units(rubric_in_force(None), facts)}


@pytest.mark.parametrize("rows", [0, 1, 2])
def test_an_empty_or_near_empty_list_earns_no_completeness_points(rows):
    params = RowsParams(points=10, min_rows=3)
    short = unit(items=rows)
    assert five_questions(short, YEAR, params).points == 0
    assert no_outdated_laws(short, YEAR, params).points == 0
    assert "不足 3 条" in five_questions(short, YEAR, params).reason
    assert five_questions(unit(items=3), YEAR, params).points == 10
    assert no_outdated_laws(unit(items=3), YEAR, params).points == 10


def test_a_unit_principal_for_no_law_scores_by_the_laws_it_lists():
    params = TierParams(points=15)
    one_law = principal_laws_listed(unit(claimed=frozenset({"L1"})), YEAR, params)
    five_laws = principal_laws_listed(unit(claimed=frozenset({"L1", "L2", "L3", "L4", "L5"})), YEAR, params)
    assert one_law.points == 3 and "5 部得满分" in one_law.reason
    assert five_laws.points == 15


def test_naming_no_key_date_or_audience_earns_nothing_for_serving_them():
    params = ItemParams(points=15)
    assert key_date_activities(unit(), YEAR, params).points == 0
    assert audiences_reached(unit(), YEAR, params).points == 0


def thorough(unit_id: str) -> UnitFacts:
    """A unit that listed its laws in eight complete rows and held a dozen activities with evidence."""
    return unit(unit_id, items=8, claimed=frozenset({"L1", "L2"}), owned={"principal": frozenset({"L1", "L2"})},
                key_dates={"law_day": Met("12·4", ["A1"]), "consumer_day": Met("3·15", ["A2"])},
                audiences={"public": Met("群众", ["A1"])}, activities=12, accepted_ids=[f"A{i}" for i in range(12)],
                cases_published=2, publishing_ids=["A3", "A4"])


WORK_DONE = {
    "a checklist sent": lambda u: replace(u, checklist_id="C", first_submitted="2026-02-01T09:00:00Z", items=3),
    "a complete row more": lambda u: replace(u, items=u.items + 1),
    "a principal law listed": lambda u: replace(u, claimed=u.claimed | {"L3"},
                                                owned={"principal": u.owned.get("principal", frozenset()) | {"L3"}}),
    "a key date met": lambda u: replace(u, key_dates={"law_day": Met("12·4", ["A9"])}, activities=u.activities + 1),
    "an activity accepted": lambda u: replace(u, activities=u.activities + 1, accepted_ids=[*u.accepted_ids, "A9"]),
    "a case published": lambda u: replace(u, cases_published=u.cases_published + 1, publishing_ids=["A9"]),
}


@pytest.mark.parametrize("work", WORK_DONE)
def test_a_unit_that_did_nothing_never_outscores_one_that_did(work):
    idle = UnitFacts(unit_id="IDLE", name="无所作为的单位")
    for before in (idle, unit("U1", items=3), thorough("U1")):
        after = replace(WORK_DONE[work](before), unit_id="DID")
        scored = totals(replace(before, unit_id="IDLE"), after)
        assert scored["IDLE"] <= scored["DID"], work
    assert totals(idle, unit("U2", items=3))["IDLE"] == 0


def test_a_one_row_unit_without_activity_cannot_rank_first():
    one_row = unit("POWER", items=1, claimed=frozenset({"L1", "L2", "L3", "L4", "L5"}))
    thin = unit("THIN", items=4, with_problems=1, claimed=frozenset({"L1"}),
                owned={"principal": frozenset({"L1", "L7", "L8"})},
                key_dates={"law_day": Met("12·4", ["B1"]), "consumer_day": Met("3·15", [])},
                activities=2, accepted_ids=["B1"])
    listed_only = unit("LIST", items=3, owned={"principal": frozenset({"L9"})})
    scored = totals(one_row, thin, listed_only, thorough("FULL"))
    assert max(scored, key=scored.get) == "FULL"
    assert scored["POWER"] < scored["THIN"] and scored["POWER"] <= scored["LIST"]


def test_reasons_print_dates_as_a_clerk_writes_them():
    """A reason is read by clerks: 2026年12月6日, never 2026-12-06."""
    late = checklist_on_time(unit(first_submitted="2026-12-06T10:00:00Z"),
                             replace(YEAR, checklist_deadline="2026-04-30"), LatePointsParams(points=5, late_points=2))
    assert (late.points, late.reason) == (2, "逾期报送：2026年12月6日报送，截止日期2026年4月30日")
    unacted = unacted_prompts(unit(unacted_prompts=["P1"]), YEAR, DeductionParams(per=1, cap=3))
    assert unacted.reason.startswith("截至2026年12月6日普法提示逾期未反馈")
