"""A checklist revision as answers show it, and the states read from the graph (a revision written
before states existed counts as the bureau's: pufa.workflow.LEGACY_STATE)."""

from __future__ import annotations

from domain.base.models import UnitBriefPublic
from domain.checklists.models import ChecklistSummaryPublic
from graph.query import Row
from pufa.workflow import LEGACY_STATE, STATE_NAMES, State


def state_of(row: Row) -> State:
    return State(row["state"] or LEGACY_STATE)


def summary(row: Row, unit_name: str | None = None) -> ChecklistSummaryPublic:
    state = state_of(row)
    return ChecklistSummaryPublic(
        id=row["id"], unit=UnitBriefPublic(id=row["unit_id"], name=unit_name or row.get("unit_name")),
        year=row["year"], revision=row["revision"], state=state.value, state_name=STATE_NAMES[state],
        current=bool(row.get("current")), submitted_at=row.get("submitted_at"), items=row.get("items") or 0,
        with_problems=row.get("with_problems") or 0, with_unresolved=row.get("with_unresolved") or 0,
        filing_number=row.get("filing_number"), filed_on=row.get("filed_on"), published_on=row.get("published_on"),
        based_on=row.get("based_on"),
    )


def latest_published(rows: list[Row], before_year: int | None = None) -> Row | None:
    """The newest published revision among a unit's revisions (of a year before `before_year`)."""
    published = [r for r in rows if state_of(r) is State.PUBLISHED and (before_year is None or r["year"] < before_year)]
    return max(published, key=lambda r: (r["year"], r["revision"]), default=None)
