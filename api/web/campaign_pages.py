"""The coordinator's year (a campaign for every key date), the bureau's corrections of it, and the county's
three lists as documents: a face over domain.catalogue.campaign_year and domain.checklists.county_lists."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep
from api.files import download
from api.web.render import render
from api.web.routing import page_router
from domain.base.documents import MEDIA_TYPES
from domain.catalogue import campaign_year
from domain.checklists import county_lists
from pufa.workflow import Permission

router = page_router()
YearQuery = Annotated[int | None, Query(ge=1949, le=2100)]
YearForm = Annotated[int, Form(ge=1949, le=2100)]
Id = Annotated[str, Form(max_length=200)]


def _back(year: int, key_date_id: str) -> RedirectResponse:
    return RedirectResponse(f"/campaigns/year?year={year}#{quote(key_date_id)}", status_code=303)


@router.get("/campaigns/year")
def campaign_year_page(request: Request, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
                       year: YearQuery = None) -> HTMLResponse:
    """重要时间节点清单 of the year: each key date's lead and co-units, planned or proposed; the bureau edits it."""
    actor.require(Permission.READ_ALL)
    answer = campaign_year.campaign_year(store, year or clock().year, settings.region)
    return render(request, "campaign_year.html", answer=answer, year=answer.year, lists=county_lists.LISTS,
                  themes=campaign_year.theme_plans(store, answer.year, settings.region),
                  units=campaign_year.county_units(store, settings.region),
                  may_plan=actor.may(Permission.PLAN_YEAR))


@router.post("/campaigns/year/lead")
def lead_form(actor: ActorDep, store: StoreDep, settings: SettingsDep, year: YearForm, key_date_id: Id,
              unit_id: Annotated[str, Form(max_length=200)] = "") -> Response:
    """The bureau picks the lead (an empty choice restores the usual one)."""
    campaign_year.correct_lead(store, actor, key_date_id, unit_id or None, region=settings.region)
    return _back(year, key_date_id)


@router.post("/campaigns/year/units")
def unit_form(actor: ActorDep, store: StoreDep, year: YearForm, key_date_id: Id, unit_id: Id,
              left_out: Annotated[bool, Form()]) -> Response:
    """The bureau drops a unit from a key date's campaign, or restores it."""
    campaign_year.leave_out(store, actor, key_date_id, unit_id, left_out=left_out)
    return _back(year, key_date_id)


@router.get("/campaigns/year/lists/{which}.{file_format}")
def list_download(actor: ActorDep, store: StoreDep, settings: SettingsDep, scope: LawScopeDep, clock: ClockDep,
                  which: Literal["key_dates", "themes", "new_laws"], file_format: Literal["xlsx", "docx"],
                  year: Annotated[int, Query(ge=1949, le=2100)]) -> Response:
    content = county_lists.county_list_file(store, actor, year, which, file_format, today=clock().date(),
                                            region=settings.region, scope=scope)
    return download(content, MEDIA_TYPES[file_format], f"{year}年{county_lists.LISTS[which]}.{file_format}")
