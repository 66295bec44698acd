"""Coverage gaps: laws nobody claims (with suggested owners), and laws a unit's functions imply but it omits."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import LawScopeDep, PagingDep, StoreDep, TierQuery, YearQuery
from domain.catalogue import coverage
from domain.catalogue.coverage import GapTier
from domain.catalogue.models import GapsPublic, UnitGapsPublic

router = APIRouter(prefix="/gaps", tags=["gaps"])


@router.get("", response_model=GapsPublic)
def coverage_gaps(
    store: StoreDep, scope: LawScopeDep, paging: PagingDep, year: YearQuery = None,
    owners: Annotated[int, Query(ge=0, le=50, description="Suggested owners per law.")] = 5,
    tier: Annotated[GapTier | None, Query(description="Only one tier: principal (a local unit answers for the "
                                                       "law), related, mentioned, or unowned.")] = None,
) -> GapsPublic:
    """Laws in scope that no unit's current checklist claims, those a local unit is the principal authority
    for first; common duties are left out unless asked."""
    return coverage.coverage_gaps(store, scope, year=year, tier=tier, skip=paging.skip, limit=paging.limit, owners=owners)


@router.get("/units/{unit_id}", response_model=UnitGapsPublic)
def unit_gaps(
    store: StoreDep, scope: LawScopeDep, paging: PagingDep, unit_id: str, year: YearQuery = None,
    include_sub_units: Annotated[bool, Query(description="Count sections' claims and types too.")] = False,
    tier: TierQuery = None,
) -> UnitGapsPublic:
    """Laws whose articles name the unit's department types but which its current checklist lacks, most
    important first (each with the signals that placed it: tier, level, public, share of articles …)."""
    return coverage.unit_gaps(
        store, unit_id, year=year, scope=scope, include_sub_units=include_sub_units, tier=tier, skip=paging.skip,
        limit=paging.limit,
    )
