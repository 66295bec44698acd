"""The annual assessment as pages: 履职台账 (a unit records activities with photos and files, or
imports its 台账; the bureau reads every unit's), one activity (its evidence, the reviewer's
decision, its history), 台账审核 (evidence waiting for a decision), 年度考核 (versions, computing,
publishing, the ranking with its chart, what changed), a unit's score line by line (manual items,
the 履职报告书; a published version's findings issued as 普法提示), and the public 考核结果.

Forms post here and come back to a page (post/redirect/get); every rule is the domain's.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, ClockDep, LawScopeDep, RubricDep, SettingsDep, StoreDep, YearPath, evidence_upload
from api.files import UploadsDep, download, evidence_download
from api.web.charts import BarChart, bar_chart
from api.web.render import Page, issued_redirect, redirect, render
from api.web.routing import ChosenYear, PageNumber, page_router
from domain.accounts.accounts import Actor
from domain.assessment import activities, prompts, versions
from domain.assessment import reports as assessment_reports
from domain.assessment.models import RankingPublic
from domain.assessment.rubric import manual_items
from domain.base.asked import checklist_year
from domain.base.briefs import unit_brief, unit_names
from domain.base.cache import CachedStore
from domain.base.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE
from ingest.activities.fields import ActivityFields, PublishedCase
from pufa.errors import InputError, NotFound
from pufa.workflow import EvidenceState, Permission

router = page_router()
Text = Annotated[str, Form(max_length=5000)]
OptionalText = Annotated[str | None, Form(max_length=5000)]
YearForm = Annotated[int, Form(ge=1949, le=2100)]
VersionQuery = Annotated[int | None, Query(ge=1, le=100_000)]
Files = Annotated[list[UploadFile] | None, File()]


def _to(path: str, done: str | None = None, anchor: str = "") -> RedirectResponse:
    return redirect(path, done, anchor)


def _fields(held_on: str, title: str, key_date: str, law_text: str, audience_text: str, method_text: str, place: str,
            reached: str, description: str, item_ids: list[str], case_title: str, case_summary: str) -> ActivityFields:
    """The record form as typed: an empty 覆盖人数 is none, a number otherwise."""
    reached = reached.strip()
    if reached and not reached.isdigit():
        raise InputError(f"{reached!r} is not a number of people", location="reached")
    cases = [PublishedCase(title=case_title.strip(), summary=case_summary.strip())] if case_title.strip() else []
    return ActivityFields(held_on=held_on, title=title, key_date=key_date, law_text=law_text, audience_text=audience_text,
                          method_text=method_text, place=place, reached=int(reached) if reached else None,
                          description=description, item_ids=item_ids, published_cases=cases)


ActivityForm = Annotated[str, Form(max_length=5000)]


def ranking_chart(ranking: RankingPublic, link: str) -> BarChart:
    """The ranking as bars of each unit's total against the most a unit can score: every unit, the lowest too."""
    return bar_chart(f"{ranking.assessment.year}年度考核得分（满分 {ranking.assessment.max_points:g} 分）", [
        (f"{score.rank}. {score.unit.name or score.unit.id}（{score.grade}）", score.total, ranking.assessment.max_points,
         f"{link}/{quote(score.unit.id)}") for score in ranking.data])


# --- 履职台账 ------------------------------------------------------------------------------------


def _activities_page(request: Request, actor: Actor, store: CachedStore, year: int, unit_id: str | None,
                     evidence_state: EvidenceState | None, at: Page, today: str, imported=None) -> HTMLResponse:
    own = sorted(actor.units, key=lambda u: (u != actor.unit_id, u))
    names = unit_names(store, own)
    found = activities.activities(store, actor, unit_ids=[unit_id] if unit_id else None, year=year,
                                  evidence_state=evidence_state, skip=at.skip, limit=at.size)
    form_unit = unit_id if unit_id in actor.units else (own[0] if own else None)
    may_record = actor.may(Permission.RECORD_ACTIVITIES) and form_unit is not None
    return render(request, "activities.html", year=year, today=today, found=found, at=at, unit_id=unit_id,
                  units=[(u, names.get(u) or u) for u in own], form_unit=form_unit, may_record=may_record,
                  rows=activities.servable_rows(store, actor, form_unit, year) if may_record else [],
                  evidence_state=evidence_state.value if evidence_state else None, imported=imported)


@router.get("/activities")
def activities_page(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, year: ChosenYear,
                    unit_id: Annotated[str | None, Query(max_length=200)] = None,
                    evidence_state: Annotated[EvidenceState | None, Query()] = None,
                    list_page: PageNumber = 1) -> HTMLResponse:
    """履职台账: a liaison's activities with the forms to record one or import a 台账; the bureau's
    view of every unit's (or one unit's) activities of a year."""
    today = clock().date()
    return _activities_page(request, actor, store, checklist_year(store, year) or today.year, unit_id, evidence_state,
                            Page("list_page", list_page, 50), today.isoformat())


@router.post("/activities")
async def record_form(
    actor: ActorDep, store: StoreDep, settings: SettingsDep,
    uploads: UploadsDep, clock: ClockDep, unit_id: Text, held_on: Text,
    title: Text, key_date: ActivityForm = "", law_text: ActivityForm = "", audience_text: ActivityForm = "",
    method_text: ActivityForm = "", place: ActivityForm = "", reached: ActivityForm = "",
    description: ActivityForm = "", case_title: ActivityForm = "", case_summary: ActivityForm = "",
    item_ids: Annotated[list[str] | None, Form()] = None, files: Files = None,
) -> Response:
    """One activity with its photos and files, in one step."""
    fields = _fields(held_on, title, key_date, law_text, audience_text, method_text, place, reached, description,
                     item_ids or [], case_title, case_summary)
    upload = evidence_upload(settings, await uploads.read(files or [], settings.max_attachment_mb))
    detail = await uploads.off_the_loop(partial(activities.record, store, actor, unit_id, fields, upload, clock=clock))
    return _to(f"/activities/{quote(detail.activity.id)}", "recorded")


@router.post("/activities/import")
async def import_form(request: Request, actor: ActorDep, store: StoreDep, uploads: UploadsDep, clock: ClockDep,
                      file: UploadFile, unit_id: Text) -> HTMLResponse:
    """A whole 台账 spreadsheet; the page lists what was written (or every row's problem)."""
    imported = await uploads.parse(file, lambda path: activities.import_ledger(store, actor, unit_id, path,
                                                                               clock=clock))
    today = clock().date()
    year = max((a.year for a in imported.data), default=today.year)
    return _activities_page(request, actor, store, year, None, None, Page("list_page", 1, 50), today.isoformat(),
                            imported=imported)


@router.get("/activities/review")
def activity_review_page(request: Request, actor: ActorDep, store: StoreDep, year: ChosenYear,
                         queue_page: PageNumber = 1) -> HTMLResponse:
    """台账审核: the activities whose evidence waits for a decision, newest first."""
    at = Page("queue_page", queue_page, 50)
    return render(request, "activity_review.html", queue=activities.review_queue(store, actor, year=year, skip=at.skip,
                                                                                 limit=at.size), at=at,
                  judge=actor.may(Permission.JUDGE))


@router.get("/activities/{activity_id}")
def activity_page(request: Request, activity_id: str, actor: ActorDep, store: StoreDep) -> HTMLResponse:
    detail = activities.activity_detail(store, actor, activity_id)
    rows = (activities.servable_rows(store, actor, detail.activity.unit.id, detail.activity.year)
            if detail.editable else [])
    return render(request, "activity.html", detail=detail, rows=rows, served={row.id for row in detail.rows})


@router.post("/activities/review/accept")
def accept_chosen_form(actor: ActorDep, store: StoreDep, clock: ClockDep,
                       activity_ids: Annotated[list[str] | None, Form()] = None) -> Response:
    """批量采纳: the evidence of the activities ticked in 台账审核, accepted in one step."""
    activities.decide_all(store, actor, activity_ids or [], "accept", clock=clock)
    return _to("/activities/review", "accepted_chosen")


@router.post("/activities/{activity_id}/edit")
def edit_form(
    activity_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep, held_on: Text, title: Text,
    key_date: ActivityForm = "", law_text: ActivityForm = "", audience_text: ActivityForm = "",
    method_text: ActivityForm = "", place: ActivityForm = "", reached: ActivityForm = "",
    description: ActivityForm = "", case_title: ActivityForm = "", case_summary: ActivityForm = "",
    item_ids: Annotated[list[str] | None, Form()] = None,
) -> Response:
    fields = _fields(held_on, title, key_date, law_text, audience_text, method_text, place, reached, description,
                     item_ids or [], case_title, case_summary)
    activities.update(store, actor, activity_id, fields, clock=clock)
    return _to(f"/activities/{quote(activity_id)}", "changed")


@router.post("/activities/{activity_id}/delete")
def delete_form(activity_id: str, actor: ActorDep, store: StoreDep) -> Response:
    activities.delete(store, actor, activity_id)
    return _to("/activities", "removed")


@router.post("/activities/{activity_id}/evidence")
async def evidence_form(activity_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                        uploads: UploadsDep, clock: ClockDep,
                        files: Files = None) -> Response:
    upload = evidence_upload(settings, await uploads.read(files or [], settings.max_attachment_mb))
    await uploads.off_the_loop(partial(activities.add_evidence, store, actor, activity_id, upload, clock=clock))
    return _to(f"/activities/{quote(activity_id)}", "evidence_added", "#evidence")


@router.post("/activities/{activity_id}/decide/{action}")
def decide_form(activity_id: str, action: Literal["accept", "reject"], actor: ActorDep, store: StoreDep,
                clock: ClockDep, reason: OptionalText = None) -> Response:
    activities.decide(store, actor, activity_id, action, reason, clock=clock)
    return _to(f"/activities/{quote(activity_id)}", action, "#evidence")


@router.get("/evidence/{evidence_id}")
def evidence_file(evidence_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    meta, content = activities.evidence_content(store, actor, evidence_id, settings.attachments_dir)
    return evidence_download(meta, content)


# --- 年度考核 ------------------------------------------------------------------------------------


@router.get("/assessment")
def assessment_page(request: Request, actor: ActorDep, store: StoreDep, rubric: RubricDep, clock: ClockDep,
                    year: ChosenYear, version: VersionQuery = None) -> HTMLResponse:
    """年度考核: the bureau's versions of a year, computing and publishing, the ranking with its chart
    and what changed since the version before; a unit sees the published ranking and its own score."""
    today = clock().date()
    year = checklist_year(store, year) or versions.default_year(store, actor, today)
    bureau = actor.may(Permission.READ_ALL)
    listed = versions.versions(store, actor, year) if bureau else None
    try:
        ranking = versions.ranking(store, actor, year, version)
    except NotFound:
        ranking = None
    changes = (versions.changes(store, actor, year, ranking.assessment.version)
               if bureau and ranking and ranking.assessment.version > 1 else None)
    return render(request, "assessment.html", year=year, versions=listed, ranking=ranking, changes=changes,
                  chart=ranking_chart(ranking, f"/assessment/{year}/units") if ranking else None,
                  rubric=rubric.public(), may_assess=actor.may(Permission.ASSESS),
                  may_judge=actor.may(Permission.JUDGE), today=today.isoformat())


@router.post("/assessment/compute")
def compute_form(actor: ActorDep, store: StoreDep, rubric: RubricDep, scope: LawScopeDep, clock: ClockDep,
                 year: YearForm) -> Response:
    found = versions.compute(store, actor, year, rubric, scope=scope, clock=clock)
    return _to(f"/assessment?year={year}&version={found.version}", "computed")


@router.post("/assessment/publish")
def publish_form(actor: ActorDep, store: StoreDep, clock: ClockDep, year: YearForm,
                 version: Annotated[int, Form(ge=1)]) -> Response:
    versions.publish(store, actor, year, version, clock=clock)
    return _to(f"/assessment?year={year}&version={version}", "published")


@router.post("/assessment/prompts")
def issue_from_assessment_form(actor: ActorDep, store: StoreDep, clock: ClockDep, year: YearForm,
                               version: Annotated[int, Form(ge=1)], deadline: Text) -> Response:
    return issued_redirect(year, prompts.issue_from_assessment(store, actor, year, version, deadline, clock=clock))


@router.get("/assessment/{year}/ranking.xlsx")
def ranking_download(year: YearPath, actor: ActorDep, store: StoreDep, version: VersionQuery = None) -> Response:
    content, found = assessment_reports.scores_xlsx(store, actor, year, version)
    return download(content, XLSX_MEDIA_TYPE, assessment_reports.scores_file_name(year, found.version))


@router.get("/assessment/{year}/summary.docx")
def summary_docx(year: YearPath, actor: ActorDep, store: StoreDep, settings: SettingsDep, scope: LawScopeDep,
                 clock: ClockDep) -> Response:
    content = assessment_reports.summary_docx(store, actor, year, settings, scope=scope, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, assessment_reports.summary_file_name(year, "docx"))


@router.get("/assessment/{year}/summary.xlsx")
def summary_xlsx(year: YearPath, actor: ActorDep, store: StoreDep, scope: LawScopeDep, clock: ClockDep) -> Response:
    content = assessment_reports.summary_xlsx(store, actor, year, scope=scope, today=clock().date())
    return download(content, XLSX_MEDIA_TYPE, assessment_reports.summary_file_name(year, "xlsx"))


@router.get("/assessment/{year}/units/{unit_id}")
def unit_score_page(request: Request, year: YearPath, unit_id: str, actor: ActorDep, store: StoreDep, rubric: RubricDep,
                    clock: ClockDep, version: VersionQuery = None) -> HTMLResponse:
    """A unit's score line by line, with the records behind each point, the manual entries and its
    普法提示; the reviewer enters the manual items here."""
    unit = unit_brief(store, unit_id)
    actor.require_unit(unit_id)
    try:
        result = versions.unit_result(store, actor, year, unit_id, version)
    except NotFound:
        result = None  # not computed yet: the manual items can be entered already
    may_judge = actor.may(Permission.JUDGE) and unit_id not in actor.home_units
    issued = prompts.prompts(store, actor, year=year, unit_ids=[unit_id], today=clock().date(), limit=None)
    return render(request, "assessment_unit.html", unit=unit, result=result, year=year, public=False,
                  prompts=issued, manual=manual_items(rubric) if may_judge else [], may_report=True)


@router.post("/assessment/{year}/units/{unit_id}/manual")
def manual_form(year: YearPath, unit_id: str, actor: ActorDep, store: StoreDep, rubric: RubricDep, clock: ClockDep,
                item_id: Text, points: Annotated[float, Form(ge=0, le=1000)], reason: Text) -> Response:
    versions.enter_manual(store, actor, rubric, year, unit_id, item_id, points, reason, clock=clock)
    return _to(f"/assessment/{year}/units/{quote(unit_id)}", "scored", "#manual")


@router.get("/assessment/{year}/units/{unit_id}/report.docx")
def unit_report(year: YearPath, unit_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                clock: ClockDep) -> Response:
    content = assessment_reports.unit_report_docx(store, actor, year, unit_id, settings, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, assessment_reports.report_file_name(store, year, unit_id))


# --- 考核结果公示 (no login) ------------------------------------------------------------------------


@router.get("/public/assessment")
def public_assessment_page(request: Request, store: StoreDep, year: ChosenYear) -> HTMLResponse:
    """考核结果: the published ranking of a year with its chart, no login."""
    years = versions.assessed_years(store, published_only=True)
    year = year or (years[0] if years else None)
    ranking = versions.ranking(store, None, year) if year and year in years else None
    return render(request, "public_assessment.html", years=years, year=year, ranking=ranking,
                  chart=ranking_chart(ranking, f"/public/assessment/{year}/units") if ranking else None)


@router.get("/public/assessment/{year}/units/{unit_id}")
def public_unit_page(request: Request, year: YearPath, unit_id: str, store: StoreDep) -> HTMLResponse:
    result = versions.unit_result(store, None, year, unit_id)
    return render(request, "assessment_unit.html", unit=result.score.unit, result=result, year=year, public=True,
                  prompts=None, manual=[], may_report=False)
