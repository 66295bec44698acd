"""The annual assessment over JSON: the rubric in force; computing a version of a year (each a new
one), its ranking, a unit's score line by line, how a version differs from the one before,
publishing one (which freezes it), manual items, and the xlsx and docx downloads (a published
version's findings are issued as 普法提示: `POST /prompts/from-assessment`). Checked in `domain.assessment.versions`: the bureau reads every
version, a unit its own score, everyone else only the published result (`/public/assessments`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, LawScopeDep, RubricDep, SettingsDep, StoreDep
from api.deps import YearPath as Year
from api.files import download
from domain.assessment import reports as assessment_reports
from domain.assessment import versions as versions_service
from domain.assessment.models import (
    AssessmentPublic,
    AssessmentsPublic,
    ChangesPublic,
    ManualScorePublic,
    RankingPublic,
    RubricPublic,
    UnitResultPublic,
)
from domain.base.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE

router = APIRouter(prefix="/assessments", tags=["assessment"])
Version = Annotated[int, Path(ge=1, le=100_000)]
VersionQuery = Annotated[int | None, Query(ge=1, le=100_000, description="A version; the latest by default.")]
XLSX = {200: {"content": {XLSX_MEDIA_TYPE: {}}}}
DOCX = {200: {"content": {DOCX_MEDIA_TYPE: {}}}}


class ManualRequest(BaseModel):
    points: float = Field(ge=0, le=1000, description="Points given (an item) or taken (a deduction).")
    reason: str = Field(min_length=1, max_length=2000, description="Why: the 督查 finding, the evaluation.")


@router.get("/rubric", response_model=RubricPublic)
def rubric(rubric: RubricDep) -> RubricPublic:
    """The rubric in force (the bureau's own, PUFA_ASSESSMENT_RUBRIC, or the shipped one): public."""
    return rubric.public()


@router.get("/{year}", response_model=AssessmentsPublic)
def versions(year: Year, actor: ActorDep, store: StoreDep) -> AssessmentsPublic:
    """Every computed version of the year, newest first."""
    return versions_service.versions(store, actor, year)


@router.post("/{year}/compute", response_model=AssessmentPublic, status_code=201)
def compute(year: Year, actor: ActorDep, store: StoreDep, rubric: RubricDep, scope: LawScopeDep,
            clock: ClockDep) -> AssessmentPublic:
    """A new version from the graph as it is now (earlier versions stay as they were)."""
    return versions_service.compute(store, actor, year, rubric, scope=scope, clock=clock)


@router.get("/{year}/ranking", response_model=RankingPublic)
def ranking(year: Year, actor: ActorDep, store: StoreDep, version: VersionQuery = None) -> RankingPublic:
    """The ranking of a version (the bureau: any; others: the published one)."""
    return versions_service.ranking(store, actor, year, version)


@router.get("/{year}/ranking.xlsx", response_class=Response, responses=XLSX)
def ranking_xlsx(year: Year, actor: ActorDep, store: StoreDep, version: VersionQuery = None) -> Response:
    """Scores, every line with its reason, and the grades, as a workbook."""
    content, found = assessment_reports.scores_xlsx(store, actor, year, version)
    return download(content, XLSX_MEDIA_TYPE, assessment_reports.scores_file_name(year, found.version))


@router.post("/{year}/versions/{version}/publish", response_model=AssessmentPublic)
def publish(year: Year, version: Version, actor: ActorDep, store: StoreDep, clock: ClockDep) -> AssessmentPublic:
    """Publish a draft version: it becomes the year's result (frozen); one published before it is superseded."""
    return versions_service.publish(store, actor, year, version, clock=clock)


@router.get("/{year}/versions/{version}/changes", response_model=ChangesPublic)
def changes(year: Year, version: Version, actor: ActorDep, store: StoreDep,
            against: Annotated[int | None, Query(ge=1, description="The earlier version (the one before by default).")]
            = None) -> ChangesPublic:
    """The units whose total, grade, rank or lines differ from the earlier version, line by line."""
    return versions_service.changes(store, actor, year, version, against)


@router.get("/{year}/units/{unit_id}", response_model=UnitResultPublic)
def unit_result(year: Year, unit_id: str, actor: ActorDep, store: StoreDep,
                version: VersionQuery = None) -> UnitResultPublic:
    """A unit's score line by line with the records behind each point (the bureau, the unit itself)."""
    return versions_service.unit_result(store, actor, year, unit_id, version)


@router.put("/{year}/units/{unit_id}/manual/{item_id}", response_model=ManualScorePublic)
def manual(year: Year, unit_id: str, item_id: str, body: ManualRequest, actor: ActorDep, store: StoreDep,
           rubric: RubricDep, clock: ClockDep) -> ManualScorePublic:
    """A reviewer's points for a manual item of the rubric, with the reason (taken by the next version)."""
    return versions_service.enter_manual(store, actor, rubric, year, unit_id, item_id, body.points, body.reason, clock=clock)


@router.get("/{year}/units/{unit_id}/report.docx", response_class=Response, responses=DOCX)
def unit_report(year: Year, unit_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                clock: ClockDep) -> Response:
    """The unit's 履职报告书, drafted from its checklist, activities, score and 普法提示."""
    content = assessment_reports.unit_report_docx(store, actor, year, unit_id, settings, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, assessment_reports.report_file_name(store, year, unit_id))


@router.get("/{year}/summary.docx", response_class=Response, responses=DOCX)
def summary_docx(year: Year, actor: ActorDep, store: StoreDep, settings: SettingsDep, scope: LawScopeDep,
                 clock: ClockDep) -> Response:
    """The bureau's summary for the county: submissions, coverage, grades, 普法提示."""
    content = assessment_reports.summary_docx(store, actor, year, settings, scope=scope, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, assessment_reports.summary_file_name(year, "docx"))


@router.get("/{year}/summary.xlsx", response_class=Response, responses=XLSX)
def summary_xlsx(year: Year, actor: ActorDep, store: StoreDep, scope: LawScopeDep, clock: ClockDep) -> Response:
    content = assessment_reports.summary_xlsx(store, actor, year, scope=scope, today=clock().date())
    return download(content, XLSX_MEDIA_TYPE, assessment_reports.summary_file_name(year, "xlsx"))
