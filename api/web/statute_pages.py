"""The pages of the year under the 法治宣传教育法: 普法提示 (the grounds found in a unit's year, issuing
one, the unit's 反馈 with evidence, closing, returning, escalating; the 通报批评 list), a unit's
领导干部应知应会法律法规清单 (the proposal, versions, what changed, confirming), and the county's
annual report with its downloads.

Forms post here and come back to a page (post/redirect/get); every rule is the domain's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep, evidence_upload
from api.files import UploadsDep, download
from api.web.render import Page, issued_redirect, render
from api.web.routing import PageNumber, page_router
from domain.assessment import county_report, prompts
from domain.base.briefs import unit_brief
from domain.base.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE, chinese_date, chinese_datetime, safe_file_part
from domain.checklists import audit, duty_laws
from pufa.errors import NotFound
from pufa.workflow import PROMPT_NAMES, Permission, PromptState

router = page_router()
Text = Annotated[str, Form(max_length=5000)]
OptionalText = Annotated[str | None, Form(max_length=5000)]
YearForm = Annotated[int, Form(ge=1949, le=2100)]
YearQuery = Annotated[int | None, Query(ge=1949, le=2100)]
DATES = {"chinese_date": chinese_date, "chinese_datetime": chinese_datetime}
"""Dates as a clerk writes them (2026年12月6日), for every template here."""
DAYS_TO_ANSWER = 15
"""The deadline the issue form suggests."""


def _to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


# --- 普法提示 ------------------------------------------------------------------------------------------


@router.get("/prompts")
def prompts_page(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, scope: LawScopeDep,
                 year: YearQuery = None, state: Annotated[PromptState | None, Query()] = None,
                 overdue: Annotated[bool, Query()] = False, unit_id: Annotated[str | None, Query(max_length=200)] = None,
                 list_page: PageNumber = 1) -> HTMLResponse:
    """普法提示: open, answered, overdue and escalated counted; overdue first; the bureau finds a unit's
    grounds and issues one here; the 限期整改 issued before are listed beside."""
    at, today = Page("list_page", list_page, 50), clock().date()
    year = year or today.year
    found = prompts.prompts(store, actor, year=year, state=state, overdue_only=overdue, today=today, skip=at.skip,
                            limit=at.size)
    may_issue = actor.may(Permission.NOTIFY)
    units = audit.audit_summary(store, year=year, scope=scope, limit=None).units.data if may_issue else []
    grounds = prompts.grounds(store, actor, unit_id, year, today=today, scope=scope) if may_issue and unit_id else None
    return render(request, "prompts.html", found=found, at=at, year=year, state=state.value if state else None,
                  overdue=overdue, may_issue=may_issue, units=units, grounds=grounds, PROMPT_NAMES=PROMPT_NAMES,
                  default_deadline=(today + timedelta(days=DAYS_TO_ANSWER)).isoformat(), **DATES)


@router.post("/prompts")
def issue_form(actor: ActorDep, store: StoreDep, clock: ClockDep, unit_id: Text, year: YearForm, kind: Text,
               deadline: Text, reasons: Annotated[list[str], Form(max_length=50)], text: OptionalText = None) -> Response:
    found = prompts.issue(store, actor, unit_id, year, kind, reasons, deadline, text=text, clock=clock)
    return _to(f"/prompts/{quote(found.id)}")


@router.post("/prompts/late-checklists")
def late_checklists_form(actor: ActorDep, store: StoreDep, clock: ClockDep, year: YearForm, deadline: Text) -> Response:
    """From 年度安排: a 普法提示 to each unit still without its checklist after the deadline."""
    return issued_redirect(year, prompts.issue_for_late_checklists(store, actor, year, deadline, clock=clock))


@router.get("/prompts/circular")
def circular_page(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep,
                  year: YearQuery = None) -> HTMLResponse:
    """The 通报批评 list of a year, and the Word document the bureau publishes."""
    year = year or clock().year
    return render(request, "circular.html", year=year, listed=prompts.circular(store, actor, year, today=clock().date()),
                  **DATES)


@router.get("/prompts/circular.docx")
def circular_docx(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
                  year: Annotated[int, Query(ge=1949, le=2100)]) -> Response:
    return download(prompts.circular_docx(store, actor, year, settings, today=clock().date()), DOCX_MEDIA_TYPE,
                     f"{year}年普法提示通报批评名单.docx")


@router.get("/prompts/{prompt_id}")
def prompt_page(request: Request, prompt_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep) -> HTMLResponse:
    return render(request, "prompt.html", detail=prompts.prompt_detail(store, actor, prompt_id, today=clock().date()),
                  may_notify=actor.may(Permission.NOTIFY), **DATES)


@router.get("/prompts/{prompt_id}/letter.docx")
def prompt_docx(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    return download(prompts.prompt_docx(store, actor, prompt_id, settings, today=clock().date()), DOCX_MEDIA_TYPE,
                     "普法提示书.docx")


@router.post("/prompts/{prompt_id}/send")
def send_form(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    prompts.send(store, actor, prompt_id, settings, clock=clock)
    return _to(f"/prompts/{quote(prompt_id)}")


@router.post("/prompts/{prompt_id}/answer")
async def answer_form(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep, uploads: UploadsDep,
                      comment: Text, files: Annotated[list[UploadFile] | None, File()] = None) -> Response:
    sent = await uploads.read(files or [], settings.max_attachment_mb)
    prompts.step(store, actor, prompt_id, "answer", comment=comment, upload=evidence_upload(settings, sent), clock=clock)
    return _to(f"/prompts/{quote(prompt_id)}")


@router.post("/prompts/{prompt_id}/{action}")
def step_form(prompt_id: str, action: Literal["close", "return", "escalate"], actor: ActorDep, store: StoreDep,
              clock: ClockDep, comment: OptionalText = None, deadline: OptionalText = None) -> Response:
    prompts.step(store, actor, prompt_id, action, comment=comment, deadline=deadline or None, clock=clock)
    return _to(f"/prompts/{quote(prompt_id)}")


# --- 领导干部应知应会法律法规清单 ------------------------------------------------------------------------


@router.get("/duty-laws")
def my_duty_laws(actor: ActorDep) -> Response:
    """A liaison goes to its unit's list; the bureau to the county report, which counts them."""
    if actor.unit_id:
        return _to(f"/duty-laws/{quote(actor.unit_id)}")
    raise NotFound("this account has no unit: open a unit's list from its page (/duty-laws/<unit id>)")


@router.get("/duty-laws/{unit_id}")
def duty_laws_page(request: Request, unit_id: str, actor: ActorDep, store: StoreDep) -> HTMLResponse:
    found = duty_laws.duty_list(store, actor, unit_id)
    may_edit = actor.may(Permission.EDIT_OWN) and unit_id in actor.units
    return render(request, "duty_laws.html", found=found, may_edit=may_edit, **DATES)


@router.post("/duty-laws/{unit_id}")
def save_duty_laws(unit_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep,
                   law_ids: Annotated[list[str] | None, Form(max_length=duty_laws.MOST_LAWS)] = None,
                   proposal: Annotated[bool, Form()] = False) -> Response:
    """Save the proposal as a new version, or the laws ticked (in their order)."""
    duty_laws.save(store, actor, unit_id, None if proposal else law_ids or [], clock=clock)
    return _to(f"/duty-laws/{quote(unit_id)}")


@router.post("/duty-laws/{unit_id}/{version}/confirm")
def confirm_duty_laws(unit_id: str, version: int, actor: ActorDep, store: StoreDep, clock: ClockDep) -> Response:
    duty_laws.confirm(store, actor, unit_id, version, clock=clock)
    return _to(f"/duty-laws/{quote(unit_id)}")


@router.get("/duty-laws/{unit_id}/list.docx")
def duty_laws_docx(unit_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    return download(duty_laws.duty_list_docx(store, unit_id, settings, actor=actor), DOCX_MEDIA_TYPE,
                     f"duty-laws-{safe_file_part(unit_id)}.docx")


@router.get("/public/duty-laws/{unit_id}")
def public_duty_laws(request: Request, unit_id: str, store: StoreDep) -> HTMLResponse:
    """A unit's confirmed list, for everyone."""
    found = duty_laws.published(store, unit_id)
    return render(request, "duty_laws_public.html", found=found, unit=unit_brief(store, unit_id), **DATES)


# --- the county's annual report ------------------------------------------------------------------------


@router.get("/county-report")
def county_report_page(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, scope: LawScopeDep,
                       year: YearQuery = None) -> HTMLResponse:
    """The figures of the county's report, each with the input it reuses, and its downloads."""
    year = year or clock().year
    found = county_report.county_report(store, actor, year, scope=scope, today=clock().date())
    return render(request, "county_report.html", found=found, sections=county_report.SECTIONS, **DATES)


@router.get("/county-report.docx")
def county_report_docx(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep, scope: LawScopeDep,
                       year: Annotated[int, Query(ge=1949, le=2100)]) -> Response:
    content = county_report.county_report_docx(store, actor, year, settings, scope=scope, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, f"county-report-{year}.docx")


@router.get("/county-report.xlsx")
def county_report_xlsx(actor: ActorDep, store: StoreDep, clock: ClockDep, scope: LawScopeDep,
                       year: Annotated[int, Query(ge=1949, le=2100)]) -> Response:
    content = county_report.county_report_xlsx(store, actor, year, scope=scope, today=clock().date())
    return download(content, XLSX_MEDIA_TYPE, f"county-report-{year}.xlsx")
