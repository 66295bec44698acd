"""Joint campaigns around a key date, a law or an audience; the coordinator's year (a campaign for every key
date), the bureau's corrections of it, and the county's three lists as documents."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, LawScopeDep, PagingDep, StoreDep, YearQuery
from api.files import download
from domain.base.documents import MEDIA_TYPES
from domain.catalogue import campaign_year
from domain.catalogue import campaigns as campaigns_service
from domain.catalogue.models import (
    UNITS_SHOWN,
    CampaignsPublic,
    CampaignYearPublic,
    DateCampaignPublic,
    ThemePlansPublic,
)
from domain.checklists import county_lists

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
RegionQuery = Annotated[str | None, Query(max_length=100, description="Only units whose region contains this (示例市澄河县).")]
KeyDateId = Annotated[str, Path(max_length=100, description="A key date of the year, e.g. constitution_day (12·4).")]


@router.get("", response_model=CampaignsPublic)
def campaigns(
    store: StoreDep, paging: PagingDep, year: YearQuery = None,
    key_date_id: Annotated[str | None, Query(description="e.g. constitution_day (12·4).")] = None,
    law_id: str | None = None, audience_id: str | None = None, region: RegionQuery = None,
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


@router.get("/year", response_model=CampaignYearPublic)
def year_campaigns(store: StoreDep, year: YearQuery = None, region: RegionQuery = None) -> CampaignYearPublic:
    """A campaign for every key date of the year, scheduled or not: laws, lead (and how it was found), co-units
    ranked, each planned (its checklist schedules the date) or proposed, with the reasons it is there."""
    return campaign_year.campaign_year(store, year, region)


@router.get("/year/{key_date_id}", response_model=DateCampaignPublic)
def date_campaign(store: StoreDep, key_date_id: KeyDateId, year: YearQuery = None,
                  region: RegionQuery = None) -> DateCampaignPublic:
    """One key date's campaign of the year."""
    return campaign_year.date_campaign(store, key_date_id, year=year, region=region)


@router.get("/themes", response_model=ThemePlansPublic)
def themes(store: StoreDep, year: YearQuery = None, region: RegionQuery = None) -> ThemePlansPublic:
    """The special themes (专项主题) with their laws, key dates, leads and co-units."""
    return campaign_year.theme_plans(store, year, region)


class LeadCorrection(BaseModel):
    unit_id: str | None = Field(description="The unit to lead the key date's campaign in its region, this year and the "
                                            "next; null takes the choice back (the usual lead leads again).",
                                max_length=200)


@router.put("/year/{key_date_id}/lead", response_model=DateCampaignPublic)
def correct_lead(store: StoreDep, actor: ActorDep, key_date_id: KeyDateId, correction: LeadCorrection,
                 year: YearQuery = None, region: RegionQuery = None) -> DateCampaignPublic:
    """The bureau chooses the lead of a key date's campaign (kept across re-ingests of the register and years)."""
    campaign_year.correct_lead(store, actor, key_date_id, correction.unit_id, region=region)
    return campaign_year.date_campaign(store, key_date_id, year=year, region=region)


class UnitPlacement(BaseModel):
    left_out: bool = Field(description="true drops the unit from the key date's campaign; false restores it.")


@router.put("/year/{key_date_id}/units/{unit_id}", response_model=DateCampaignPublic)
def place_unit(store: StoreDep, actor: ActorDep, key_date_id: KeyDateId,
               unit_id: Annotated[str, Path(max_length=200)], placement: UnitPlacement,
               year: YearQuery = None, region: RegionQuery = None) -> DateCampaignPublic:
    """The bureau drops a unit from a key date's campaign, or restores it."""
    campaign_year.leave_out(store, actor, key_date_id, unit_id, left_out=placement.left_out)
    return campaign_year.date_campaign(store, key_date_id, year=year, region=region)


@router.get("/lists/{which}", response_class=Response,
            responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}})
def county_list(store: StoreDep, actor: ActorDep, scope: LawScopeDep, clock: ClockDep,
                which: Literal["key_dates", "themes", "new_laws"],
                year: Annotated[int, Query(ge=1949, le=2100)],
                file_format: Annotated[Literal["xlsx", "docx"], Query(alias="format")] = "xlsx",
                region: RegionQuery = None) -> Response:
    """The county's 重要时间节点清单 (key_dates), 专项主题清单 (themes) or 新颁法律法规清单 (new_laws) of the year,
    as the bureau issues it."""
    content = county_lists.county_list_file(store, actor, year, which, file_format, today=clock().date(),
                                            region=region, scope=scope)
    return download(content, MEDIA_TYPES[file_format], f"{year}年{county_lists.LISTS[which]}.{file_format}")
