"""Downloads: the coverage matrix and the audit report (xlsx or csv), a unit's checklist (xlsx)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import LawScopeDep, StoreDep, YearQuery
from api.files import download
from domain.base import documents
from domain.base.asked import checklist_year
from domain.base.briefs import unit_brief
from domain.catalogue import coverage
from domain.checklists import audit, publication

router = APIRouter(prefix="/exports", tags=["exports"])
FormatQuery = Annotated[Literal["xlsx", "csv"], Query(description="xlsx (Excel) or csv (UTF-8 with BOM).")]


def _download(content: bytes, filename: str) -> Response:
    media_type = documents.XLSX_MEDIA_TYPE if filename.endswith(".xlsx") else documents.CSV_MEDIA_TYPE
    return download(content, media_type, filename)


@router.get("/coverage")
def coverage_matrix(store: StoreDep, scope: LawScopeDep, year: YearQuery = None, format: FormatQuery = "xlsx") -> Response:
    """Laws in scope × units: 认领 (claimed), 推定 (inferred from articles), both, or blank."""
    year = checklist_year(store, year)
    return _download(coverage.coverage_download(store, year=year, scope=scope, file_format=format),
                     f"{year}年普法责任覆盖情况.{format}")


@router.get("/audit")
def audit_report(store: StoreDep, scope: LawScopeDep, year: YearQuery = None, format: FormatQuery = "xlsx") -> Response:
    """The audit: summary, units and findings as sheets (xlsx), or every finding as one table (csv)."""
    year = checklist_year(store, year)
    return _download(audit.audit_download(store, year=year, scope=scope, file_format=format),
                     f"{year}年普法责任清单审核情况.{format}")


@router.get("/units/{unit_id}/checklist")
def unit_checklist(store: StoreDep, unit_id: str, year: YearQuery = None) -> Response:
    """A unit's current checklist as the table it publishes."""
    year = checklist_year(store, year)
    sheet = publication.checklist_table(store, unit_id, year=year)
    return _download(documents.to_xlsx([sheet]), f"{unit_brief(store, unit_id).name}{year}年普法责任清单.xlsx")
