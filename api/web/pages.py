"""The pages: dashboard, law, unit, campaign planner and search, each a template over the services.

No query logic lives here: every number comes from the domain answers, as in /api/v1 and the CLI.
Errors on a page (an unknown law, a bad year) answer with a page in Chinese, not problem+json.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep, TierQuery, YearQuery
from api.files import UploadsDep, download
from api.web.charts import claims_by_level, claims_by_unit
from api.web.picture import law_picture
from api.web.render import Page, render
from api.web.routing import ChosenYear, PageNumber, page_router
from domain.assessment import follow_up, prompts
from domain.assessment.follow_up import UnitNeed
from domain.base import documents
from domain.base.asked import checklist_year
from domain.catalogue import campaigns, coverage, lookup, shared_laws
from domain.catalogue.coverage import GapTier
from domain.checklists import audit, publication, review
from pufa import vocab
from pufa.errors import InputError, NotFound

router = page_router()
GAPS_PAGE = 25
"""Unclaimed laws a page of the dashboard lists (1,218 in the sample county: a page, not a scroll of 8,000 px)."""
UNITS_PAGE = 15
"""Units a page of the dashboard's unit table lists, each with its findings folded below the table."""


@router.get("/")
def dashboard_page(
    request: Request, store: StoreDep, scope: LawScopeDep, clock: ClockDep, year: ChosenYear, gaps_page: PageNumber = 1,
    gap_tier: Annotated[GapTier | None, Query()] = None, units_page: PageNumber = 1,
    unit_need: Annotated[UnitNeed | None, Query()] = None,
) -> HTMLResponse:
    """The bureau's overview of a year: coverage, gaps with suggested owners, submissions, the units to
    follow up with their findings, 普法提示."""
    year = checklist_year(store, year)
    gaps_at, units_at = Page("gaps_page", gaps_page, GAPS_PAGE), Page("units_page", units_page, UNITS_PAGE)
    summary = audit.audit_summary(store, year=year, scope=scope, limit=None)
    figures = coverage.coverage_figures(store, year=year, scope=scope)
    units = follow_up.units_follow_up(store, request.state.actor, summary, today=clock().date(), need=unit_need,
                                      skip=units_at.skip, limit=units_at.size)
    return render(
        request, "dashboard.html", year=year, summary=summary, units=units, units_at=units_at, unit_need=unit_need,
        findings=audit.units_findings(store, [row.audit for row in units.data], year=year),
        gaps=coverage.coverage_gaps(store, scope, year=year, tier=gap_tier, skip=gaps_at.skip, limit=gaps_at.size,
                                    owners=3),
        gaps_at=gaps_at, gap_tier=gap_tier,
        not_submitted=audit.not_submitted(store, year=year, limit=100),
        charts=[claims_by_unit(figures), claims_by_level(figures)],
        prompt_tally=prompts.year_tally(store, year, clock().date()) if year else None,
    )


@router.get("/laws/{law_id}")
def law_page(
    request: Request, store: StoreDep, law_id: str, year: ChosenYear, version_id: str | None = None,
    articles_page: PageNumber = 1, units_page: PageNumber = 1,
) -> HTMLResponse:
    """A law: status and versions, who claims it or should (with the evidence), its articles."""
    articles_at, units_at = Page("articles_page", articles_page, 50), Page("units_page", units_page, 50)
    detail = lookup.law_detail(store, law_id, version_id=version_id, skip=articles_at.skip, limit=articles_at.size)
    shared = shared_laws.shared_law(store, law_id, year=year, skip=units_at.skip, limit=units_at.size)
    return render(
        request, "law.html", detail=detail, shared=shared, picture=law_picture(shared), articles_at=articles_at,
        units_at=units_at, naming={article.article_id: article for article in shared.articles},
        cases=lookup.law_cases(store, law_id, limit=20),
    )


@router.get("/units/{unit_id}")
def unit_page(
    request: Request, store: StoreDep, settings: SettingsDep, scope: LawScopeDep, unit_id: str,
    year: ChosenYear, missing_page: PageNumber = 1, tier: TierQuery = None,
) -> HTMLResponse:
    """A unit: the legislation that applies to it (claimed, implied, missing) with evidence, its
    checklist, the audit's findings, and the upload of a new checklist."""
    actor = request.state.actor
    detail = lookup.unit_detail(store, unit_id, show_liaison=actor is not None and actor.may_read_unit(unit_id))
    year = checklist_year(store, year)
    missing_at = Page("missing_page", missing_page, 20)
    return render(
        request, "unit.html", detail=detail, year=year,
        applicable=coverage.applicable(store, unit_id, year=year, scope=scope, limit=0),  # claims; gaps come below
        missing=coverage.unit_gaps(store, unit_id, year=year, scope=scope, tier=tier, skip=missing_at.skip,
                                   limit=missing_at.size),
        missing_at=missing_at, tier=tier, checklist=publication.checklist_table(store, unit_id, year=year),
        findings=audit.unit_audit(store, unit_id, year=year),
    )


@router.post("/units/{unit_id}/upload")
async def unit_upload_form(
    request: Request, store: StoreDep, uploads: UploadsDep, actor: ActorDep, unit_id: str, file: UploadFile,
    year: Annotated[int | None, Form(ge=1949, le=2100)] = None,
) -> Response:
    """The administrator enters a unit's checklist as submitted (the bureau's own ingest)."""
    unit = lookup.unit_detail(store, unit_id, show_liaison=False).unit
    await uploads.parse(file, lambda path: review.upload_checklist(store, actor, path, unit=unit.name, year=year))
    return RedirectResponse(f"/units/{quote(unit_id)}", status_code=303)


@router.get("/campaigns")
def campaigns_page(
    request: Request, store: StoreDep, settings: SettingsDep, year: YearQuery = None, key_date_id: str | None = None,
    audience_id: str | None = None, law: Annotated[str | None, Query(description="A law's id or name.")] = None,
    groups_page: PageNumber = 1,
) -> HTMLResponse:
    """Pick a key date, a law or an audience; see the unit groups, a suggested lead and the calendar."""
    year = checklist_year(store, year)
    groups_at = Page("groups_page", groups_page, 10)
    law = (law or "").strip()
    answer, law_error = None, None
    try:
        law_id = lookup.resolve_law(store, law).id if law else None
    except (NotFound, InputError):
        law_id, law_error = None, f"没有找到唯一对应“{law}”的法律法规，请输入全称或简称，或先在搜索中查找。"
    if key_date_id or audience_id or law_id:
        answer = campaigns.campaigns(store, key_date_id=key_date_id, audience_id=audience_id, law_id=law_id, year=year,
                                   region=settings.region, skip=groups_at.skip, limit=groups_at.size)
    return render(
        request, "campaigns.html", year=year, answer=answer, groups_at=groups_at, law=law, law_error=law_error,
        calendar=campaigns.key_date_calendar(store, year=year, region=settings.region),
        audiences=list(vocab.audiences()), key_date_id=key_date_id,
        audience_id=audience_id,
    )


@router.get("/campaigns/export")
def campaign_export(
    store: StoreDep, settings: SettingsDep, year: YearQuery = None, key_date_id: str | None = None,
    audience_id: str | None = None, law_id: str | None = None,
) -> Response:
    """The planned groups as a spreadsheet to send to the units."""
    answer = campaigns.campaigns(store, key_date_id=key_date_id, audience_id=audience_id, law_id=law_id, year=year,
                               region=settings.region, limit=None, units_limit=None, items_shown=None)
    return download(documents.to_xlsx([campaigns.campaign_sheet(answer)]), documents.XLSX_MEDIA_TYPE,
                    f"{answer.year}年普法活动安排（{answer.anchor.name}）.xlsx")


@router.get("/shared")
def shared_laws_page(request: Request, store: StoreDep, scope: LawScopeDep, year: ChosenYear,
                     list_page: PageNumber = 1) -> HTMLResponse:
    """共有法律: the laws several units share (claimed or inferred), most shared first; each opens the
    law's page with its suggested lead and the units it concerns."""
    year = checklist_year(store, year)
    at = Page("list_page", list_page, 50)
    found = shared_laws.shared_laws(store, scope, year=year, skip=at.skip, limit=at.size)
    return render(request, "shared.html", year=year, found=found, at=at)


@router.get("/search")
def search_page(
    request: Request, store: StoreDep, q: str = "", laws_page: PageNumber = 1, articles_page: PageNumber = 1,
) -> HTMLResponse:
    """Laws by name or abbreviation, articles by their text, and units by name."""
    text = q.strip()
    laws_at, articles_at = Page("laws_page", laws_page, 20), Page("articles_page", articles_page, 20)
    found = {}
    if text:
        found = {
            "laws": lookup.search_laws(store, text, skip=laws_at.skip, limit=laws_at.size),
            "articles": lookup.search_articles(store, text, skip=articles_at.skip, limit=articles_at.size),
            "units": lookup.list_units(store, text=text, limit=50),
        }
    return render(request, "search.html", q=text, found=found, laws_at=laws_at, articles_at=articles_at)
