"""Shared responsibility for comprehensive laws: which units share a law, who should lead."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import LawScopeDep, PagingDep, StoreDep, YearQuery, paging
from domain.catalogue import shared_laws as shared_laws_service
from domain.catalogue.models import SHARED_UNITS_PAGE, SharedDetailPublic, SharedLawsPublic

router = APIRouter(prefix="/shared", tags=["shared"])
UnitPagingDep = paging(SHARED_UNITS_PAGE)
"""A page of one shared law's units (宪法 is a province's 12,000 units')."""


@router.get("", response_model=SharedLawsPublic)
def shared_laws(
    store: StoreDep, scope: LawScopeDep, paging: PagingDep, year: YearQuery = None,
    min_units: Annotated[int, Query(ge=1, description="Least units claiming it or inferred for it.")] = 2,
) -> SharedLawsPublic:
    """Laws claimed by or inferred for at least `min_units` units, most shared first."""
    return shared_laws_service.shared_laws(store, scope, year=year, min_units=min_units, skip=paging.skip, limit=paging.limit)


@router.get("/{law_id}", response_model=SharedDetailPublic)
def shared_law(store: StoreDep, units: UnitPagingDep, law_id: str, year: YearQuery = None) -> SharedDetailPublic:
    """The units sharing one law with their roles (a page of them, the lead first), the suggested lead and why,
    audiences and methods, and which of them each article names."""
    return shared_laws_service.shared_law(store, law_id, year=year, skip=units.skip, limit=units.limit)
