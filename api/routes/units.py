"""Units: list and detail, and the legislation that applies to a unit."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import ActorDep, LawScopeDep, OptionalActorDep, PagingDep, StoreDep, TierQuery, YearQuery
from domain.catalogue import coverage, lookup, unit_types
from domain.catalogue.models import ApplicablePublic, UnitDetailPublic, UnitsPublic

router = APIRouter(prefix="/units", tags=["units"])
SubUnitsQuery = Annotated[bool, Query(description="Include sections and second-level units (PART_OF).")]


@router.get("", response_model=UnitsPublic)
def list_units(
    store: StoreDep, paging: PagingDep,
    q: Annotated[str | None, Query(min_length=1, description="Part of a name or alias.")] = None,
) -> UnitsPublic:
    return lookup.list_units(store, text=q, skip=paging.skip, limit=paging.limit)


@router.get("/{unit_id}", response_model=UnitDetailPublic)
def unit_detail(store: StoreDep, actor: OptionalActorDep, unit_id: str) -> UnitDetailPublic:
    """A unit; its liaison's name and contact details only for an account that reads the unit."""
    return lookup.unit_detail(store, unit_id, show_liaison=actor is not None and actor.may_read_unit(unit_id))


class DepartmentTypesCorrection(BaseModel):
    type_ids: list[str] | None = Field(
        description="The department types (ids of data/departments.yaml) the unit acts as; null clears the "
                    "correction, so that its register row and its name decide again.", max_length=100)


@router.put("/{unit_id}/department-types", response_model=UnitDetailPublic)
def correct_department_types(store: StoreDep, actor: ActorDep, unit_id: str,
                             correction: DepartmentTypesCorrection) -> UnitDetailPublic:
    """The bureau corrects which department types a unit acts as (administrators; its answers follow at once)."""
    unit_types.correct_unit_types(store, actor, unit_id, correction.type_ids)
    return lookup.unit_detail(store, unit_id, show_liaison=actor.may_read_unit(unit_id))


@router.get("/{unit_id}/applicable", response_model=ApplicablePublic)
def applicable(
    store: StoreDep, scope: LawScopeDep, paging: PagingDep, unit_id: str, year: YearQuery = None,
    include_sub_units: SubUnitsQuery = False, tier: TierQuery = None,
) -> ApplicablePublic:
    """Laws the unit claims (with the articles supporting each), a page of the laws its department
    types imply (with the articles), and claims no article supports."""
    return coverage.applicable(store, unit_id, year=year, scope=scope, include_sub_units=include_sub_units, tier=tier,
                               skip=paging.skip, limit=paging.limit)
