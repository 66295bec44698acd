"""Joint campaigns around a key date, a law or an audience."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, StoreDep, YearQuery
from domain.catalogue import campaigns as campaigns_service
from domain.catalogue.models import UNITS_SHOWN, CampaignsPublic

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


@router.get("", response_model=CampaignsPublic)
def campaigns(
    store: StoreDep, paging: PagingDep, year: YearQuery = None,
    key_date_id: Annotated[str | None, Query(description="e.g. constitution_day (12·4).")] = None,
    law_id: str | None = None, audience_id: str | None = None,
    region: Annotated[str | None, Query(description="Only units whose region contains this (示例市澄河县).")] = None,
    min_units: Annotated[int, Query(ge=1, description="Least units in a group.")] = 2,
    units_limit: Annotated[int, Query(ge=1, le=500, description="Units shown per group (the lead first).")] = UNITS_SHOWN,
) -> CampaignsPublic:
    """Groups of units sharing laws and audiences around one anchor (give exactly one), with lead and calendar.

    Groups come largest first; `skip`/`limit` page them.
    """
    return campaigns_service.campaigns(
        store, key_date_id=key_date_id, law_id=law_id, audience_id=audience_id, year=year, region=region,
        min_units=min_units, skip=paging.skip, limit=paging.limit, units_limit=units_limit,
    )
