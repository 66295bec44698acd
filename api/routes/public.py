"""Published checklists and assessment results for everyone, without signing in: only what the
bureau published (never drafts, comments, contact details or evidence)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.deps import PagingDep, StoreDep
from api.files import download
from domain.assessment import versions
from domain.assessment.models import RankingPublic, UnitResultPublic
from domain.base import documents
from domain.base.documents import DOCX_MEDIA_TYPE
from domain.checklists import publication
from domain.checklists.models import PublishedChecklistsPublic, PublishedDetailPublic

router = APIRouter(prefix="/public", tags=["public"])


@router.get("/checklists", response_model=PublishedChecklistsPublic)
def published(
    store: StoreDep, paging: PagingDep,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    law: Annotated[str | None, Query(max_length=100, description="Part of a law's title or short title.")] = None,
    unit: Annotated[str | None, Query(max_length=100, description="Part of a unit's name.")] = None,
) -> PublishedChecklistsPublic:
    """The published checklists (of a year), by unit; those listing a law; those of a unit."""
    return publication.published_checklists(store, year=year, law=law, unit=unit, skip=paging.skip, limit=paging.limit)


@router.get("/checklists/{checklist_id}.xlsx", response_class=Response,
            responses={200: {"content": {documents.XLSX_MEDIA_TYPE: {}}}})
def published_xlsx(checklist_id: str, store: StoreDep) -> Response:
    return download(publication.published_xlsx(store, checklist_id), documents.XLSX_MEDIA_TYPE,
                    f"{publication.published_checklist(store, checklist_id).title}.xlsx")


@router.get("/checklists/{checklist_id}.docx", response_class=Response,
            responses={200: {"content": {DOCX_MEDIA_TYPE: {}}}})
def published_docx(checklist_id: str, store: StoreDep) -> Response:
    return download(publication.published_docx(store, checklist_id), DOCX_MEDIA_TYPE,
                    f"{publication.published_checklist(store, checklist_id).title}.docx")


@router.get("/checklists/{checklist_id}", response_model=PublishedDetailPublic)
def published_checklist(checklist_id: str, store: StoreDep) -> PublishedDetailPublic:
    """One published checklist row by row (after the downloads: `{id}` would also match `{id}.xlsx`)."""
    return publication.published_checklist(store, checklist_id)


@router.get("/assessments", response_model=list[int])
def published_assessment_years(store: StoreDep) -> list[int]:
    """The years with a published assessment, newest first."""
    return versions.assessed_years(store, published_only=True)


@router.get("/assessments/{year}", response_model=RankingPublic)
def published_ranking(year: Annotated[int, Path(ge=1949, le=2100)], store: StoreDep) -> RankingPublic:
    """The year's published assessment: every unit's total, grade and rank."""
    return versions.ranking(store, None, year)


@router.get("/assessments/{year}/units/{unit_id}", response_model=UnitResultPublic)
def published_unit_result(year: Annotated[int, Path(ge=1949, le=2100)], unit_id: str, store: StoreDep) -> UnitResultPublic:
    """A unit's published score, item by item with the reasons."""
    return versions.unit_result(store, None, year, unit_id)
