"""Rectifications (限期整改) over JSON: the bureau issues one for a unit (or orders them from a
published assessment: /assessments/{year}/versions/{version}/rectifications), the unit answers with
text and evidence, the reviewer closes or reopens it; overdue ones are listed. Checked in
`domain.assessment.rectification`."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, UploadFile
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, PagingDep, SettingsDep, StoreDep, evidence_upload
from api.files import UploadsDep
from domain.assessment import rectification
from domain.assessment.models import FindingDetailPublic, FindingPublic, FindingsPublic
from pufa.workflow import FindingState

router = APIRouter(prefix="/rectifications", tags=["rectification"])
Decision = Literal["close", "reopen"]


class IssueRequest(BaseModel):
    unit_id: str = Field(max_length=200)
    year: int = Field(ge=1949, le=2100)
    text: str = Field(min_length=1, max_length=5000, description="What the unit must fix.")
    deadline: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="整改期限 (YYYY-MM-DD).")


class DecisionRequest(BaseModel):
    comment: str | None = Field(default=None, max_length=5000, description="Why (required to reopen).")
    deadline: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="A new deadline (reopen).")


@router.get("", response_model=FindingsPublic)
def listed(
    actor: ActorDep, store: StoreDep, paging: PagingDep, clock: ClockDep,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    unit_id: Annotated[list[str] | None, Query(max_length=50)] = None,
    state: Annotated[FindingState | None, Query()] = None,
    overdue: Annotated[bool, Query(description="Only those open past their deadline.")] = False,
) -> FindingsPublic:
    """A liaison's units' rectifications, or every unit's (the bureau): overdue first, then by deadline."""
    return rectification.findings(store, actor, year=year, unit_ids=unit_id, state=state, overdue_only=overdue,
                                  today=clock().date(), skip=paging.skip, limit=paging.limit)


@router.post("", response_model=FindingPublic, status_code=201)
def issue(body: IssueRequest, actor: ActorDep, store: StoreDep, clock: ClockDep) -> FindingPublic:
    """A reviewer's own finding for a unit to fix by the deadline."""
    return rectification.issue(store, actor, body.unit_id, body.year, body.text, body.deadline, clock=clock)


@router.get("/{finding_id}", response_model=FindingDetailPublic)
def detail(finding_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep) -> FindingDetailPublic:
    """A rectification with its whole history and evidence, and the steps open to you."""
    return rectification.finding_detail(store, actor, finding_id, today=clock().date())


@router.post("/{finding_id}/answer", response_model=FindingDetailPublic)
async def answer(finding_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, uploads: UploadsDep,
                 clock: ClockDep, comment: Annotated[str, Form(min_length=1, max_length=5000)],
                 files: list[UploadFile] | None = None) -> FindingDetailPublic:
    """The unit's answer: what it did (multipart `comment`), with evidence `files`."""
    sent = await uploads.read(files or [], settings.max_attachment_mb)
    return await uploads.off_the_loop(partial(rectification.step, store, actor, finding_id, "answer", comment=comment,
                                              upload=evidence_upload(settings, sent), clock=clock))


@router.post("/{finding_id}/{decision}", response_model=FindingDetailPublic)
def decide(finding_id: str, decision: Annotated[Decision, Path(description="close or reopen")], actor: ActorDep,
           store: StoreDep, clock: ClockDep, body: DecisionRequest | None = None) -> FindingDetailPublic:
    """The reviewer closes it, or reopens it saying why (optionally with a new deadline)."""
    body = body or DecisionRequest()
    return rectification.step(store, actor, finding_id, decision, comment=body.comment, deadline=body.deadline,
                              clock=clock)
