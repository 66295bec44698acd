"""Scores a bureau would publish: a list that says less never earns more. A near-empty checklist
earns a share of the five-questions points only; a unit principal for no law scores by the laws it
lists; a checklist naming no key date or audience earns nothing for serving them."""

from __future__ import annotations

from datetime import date

from domain.assessment.scoring import (
    ItemParams,
    RowsParams,
    TierParams,
    UnitFacts,
    YearFacts,
    audiences_reached,
    five_questions,
    key_date_activities,
    principal_laws_listed,
)

YEAR = YearFacts(year=2026, today=date(2026, 12, 6), checklist_deadline=None, units={})


def unit(**facts) -> UnitFacts:
    return UnitFacts(unit_id="U1", name="澄河县供电公司", checklist_id="C1", **facts)


def test_a_near_empty_list_earns_a_share_of_the_five_questions():
    one_row = five_questions(unit(items=1), YEAR, RowsParams(points=10))
    full = five_questions(unit(items=8, with_problems=0), YEAR, RowsParams(points=10))
    assert one_row.points == 2 and "不足 5 条" in one_row.reason
    assert full.points == 10


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
