"""The county's annual report on 法治宣传教育 (法治宣传教育法 第五十六条, 第五十八条): its figures as JSON,
the Word draft the bureau edits and sends, the Excel annex. Built in `domain.assessment.county_report`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep
from api.files import download
from domain.assessment import county_report
from domain.assessment.models import CountyReportPublic
from domain.base.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE

router = APIRouter(prefix="/years/{year}/county-report", tags=["county report"])
Year = Annotated[int, Path(ge=1949, le=2100)]


@router.get("", response_model=CountyReportPublic)
def figures(year: Year, actor: ActorDep, store: StoreDep, clock: ClockDep, scope: LawScopeDep) -> CountyReportPublic:
    """Every figure of the report with the input it reuses, and the campaigns by key date."""
    return county_report.county_report(store, actor, year, scope=scope, today=clock().date())


@router.get(".docx", response_class=Response, responses={200: {"content": {DOCX_MEDIA_TYPE: {}}}})
def report_docx(year: Year, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
                scope: LawScopeDep) -> Response:
    """The report as a Word draft."""
    content = county_report.county_report_docx(store, actor, year, settings, scope=scope, today=clock().date())
    return download(content, DOCX_MEDIA_TYPE, f"{year}年度法治宣传教育工作情况报告.docx")


@router.get(".xlsx", response_class=Response, responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}})
def report_xlsx(year: Year, actor: ActorDep, store: StoreDep, clock: ClockDep, scope: LawScopeDep) -> Response:
    """The figures as an Excel annex."""
    content = county_report.county_report_xlsx(store, actor, year, scope=scope, today=clock().date())
    return download(content, XLSX_MEDIA_TYPE, f"{year}年度法治宣传教育工作情况报告（数据附件）.xlsx")
