"""The 领导干部应知应会法律法规清单 over JSON (法治宣传教育法 第三十七条): a unit's list with what the graph
proposes and what changed since, a new version (the proposal or the unit's edit), confirming it,
the Word document; the confirmed list for everyone under /public. Checked in
`domain.checklists.duty_laws`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, SettingsDep, StoreDep
from api.files import download
from domain.base.documents import DOCX_MEDIA_TYPE
from domain.checklists import duty_laws
from domain.checklists.models import DutyListPublic, DutyListVersionPublic

router = APIRouter(tags=["应知应会法律法规清单"])
UnitId = Annotated[str, Path(max_length=200)]
DOCX = {200: {"content": {DOCX_MEDIA_TYPE: {}}}}


class SaveRequest(BaseModel):
    law_ids: list[Annotated[str, Field(max_length=200)]] | None = Field(default=None, max_length=duty_laws.MOST_LAWS,
                                      description="The laws in order; none to save the graph's proposal.")


def _docx(content: bytes, unit_id: str) -> Response:
    return download(content, DOCX_MEDIA_TYPE, "领导干部应知应会法律法规清单.docx")


@router.get("/units/{unit_id}/duty-laws", response_model=DutyListPublic)
def get_list(unit_id: UnitId, actor: ActorDep, store: StoreDep) -> DutyListPublic:
    """The unit's versions, what changed since the latest, and what the graph proposes now."""
    return duty_laws.duty_list(store, actor, unit_id)


@router.post("/units/{unit_id}/duty-laws", response_model=DutyListPublic, status_code=201)
def save(unit_id: UnitId, actor: ActorDep, store: StoreDep, clock: ClockDep,
         body: SaveRequest | None = None) -> DutyListPublic:
    """A new version (the unit's liaison): the proposal, or its own edit."""
    return duty_laws.save(store, actor, unit_id, (body or SaveRequest()).law_ids, clock=clock)


@router.post("/units/{unit_id}/duty-laws/{version}/confirm", response_model=DutyListPublic)
def confirm(unit_id: UnitId, version: Annotated[int, Path(ge=1, le=100_000)], actor: ActorDep, store: StoreDep,
            clock: ClockDep) -> DutyListPublic:
    """The unit confirms its latest version."""
    return duty_laws.confirm(store, actor, unit_id, version, clock=clock)


@router.get("/units/{unit_id}/duty-laws/docx", response_class=Response, responses=DOCX)
def list_docx(unit_id: UnitId, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    """The latest version as a Word document."""
    return _docx(duty_laws.duty_list_docx(store, unit_id, settings, actor=actor), unit_id)


@router.get("/public/duty-laws/{unit_id}", response_model=DutyListVersionPublic)
def published(unit_id: UnitId, store: StoreDep) -> DutyListVersionPublic:
    """The unit's confirmed list, for everyone."""
    return duty_laws.published(store, unit_id)


@router.get("/public/duty-laws/{unit_id}/docx", response_class=Response, responses=DOCX)
def published_docx(unit_id: UnitId, store: StoreDep, settings: SettingsDep) -> Response:
    return _docx(duty_laws.duty_list_docx(store, unit_id, settings), unit_id)
