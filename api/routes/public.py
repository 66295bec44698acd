"""Published checklists for everyone, without signing in: only what the bureau published."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import PagingDep, StoreDep
from domain import exports, publication
from domain.models import PublishedChecklistsPublic, PublishedDetailPublic

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
            responses={200: {"content": {exports.XLSX_MEDIA_TYPE: {}}}})
def published_xlsx(checklist_id: str, store: StoreDep) -> Response:
    return Response(publication.published_xlsx(store, checklist_id), media_type=exports.XLSX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{exports.safe_file_part(checklist_id)}.xlsx"'})


@router.get("/checklists/{checklist_id}.docx", response_class=Response,
            responses={200: {"content": {publication.DOCX_MEDIA_TYPE: {}}}})
def published_docx(checklist_id: str, store: StoreDep) -> Response:
    return Response(publication.published_docx(store, checklist_id), media_type=publication.DOCX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{exports.safe_file_part(checklist_id)}.docx"'})


@router.get("/checklists/{checklist_id}", response_model=PublishedDetailPublic)
def published_checklist(checklist_id: str, store: StoreDep) -> PublishedDetailPublic:
    """One published checklist row by row (after the downloads: `{id}` would also match `{id}.xlsx`)."""
    return publication.published_checklist(store, checklist_id)
