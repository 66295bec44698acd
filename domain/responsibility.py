"""Which laws a unit answers for, behind two small functions that the checklist review, "start from
last year" and the bureau's list of new laws share.

For now a unit answers for the laws whose current articles name a department type it acts as
(`coverage.unit_gaps`, asked of a year without checklists so that it leaves nothing out);
principal-authority tiers (主管 / 相关 / 提及) will replace this here, and only here.
"""

from __future__ import annotations

from domain import coverage
from domain.cache import CachedStore
from domain.models import LawBriefPublic
from graph.queries.scope import LawScope

NO_CHECKLIST_YEAR = 0
"""A year no checklist has: unit_gaps then lists every law the unit's types imply."""


def responsible_laws(store: CachedStore, unit_id: str, scope: LawScope) -> list[LawBriefPublic]:
    """The laws a unit is responsible for, by level and title."""
    implied = coverage.unit_gaps(store, unit_id, year=NO_CHECKLIST_YEAR, scope=scope, limit=None)
    return [law.law for law in implied.data]


def responsible_units(store: CachedStore, law_ids: list[str]) -> dict[str, list[str]]:
    """Law id → the units responsible for it (ranked as the owner suggestions are)."""
    return {law_id: [owner.unit.id for owner in owners]
            for law_id, owners in coverage.owner_suggestions(store, law_ids, None).items()}
