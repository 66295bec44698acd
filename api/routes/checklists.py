"""The checklist workflow over JSON: a unit's revisions, its drafts row by row, the signed copy, the
review queue, comments, and the steps submit → return/approve → file → publish (and withdraw).

Every rule is checked in `domain.checklists.review` against the acting account: 401 without a credential,
403 for a role or unit that may not act, 409 naming the current state when a step does not apply.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, LawScopeDep, PagingDep, SettingsDep, StoreDep
from api.files import CHUNK, UploadsDep, download
from domain.checklists import review, yearly
from domain.checklists.models import (
    AttachmentPublic,
    ChecklistDetailPublic,
    ChecklistSummariesPublic,
    ChecklistSummaryPublic,
    CommentPublic,
    ComparisonPublic,
    ReviewQueuePublic,
)
from ingest.checklists.edit import RowFields

router = APIRouter(tags=["checklist workflow"])
Action = Literal[review.ACTIONS]  # type: ignore[valid-type]


class StepRequest(BaseModel):
    comment: str | None = Field(default=None, max_length=5000, description="Why (required to return a checklist).")
    filing_number: str | None = Field(default=None, max_length=100, description="备案号 (to file).")
    filed_on: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="备案日期 (default today).")


class CommentRequest(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    item_id: str | None = Field(default=None, max_length=300, description="The row; none for an overall comment.")


class DraftRequest(BaseModel):
    from_last_year: bool = Field(default=False, description="Start from the unit's last published checklist.")


class RowSaved(BaseModel):
    item_id: str
    checklist: ChecklistDetailPublic


@router.get("/checklists", response_model=ChecklistSummariesPublic)
def list_checklists(
    actor: ActorDep, store: StoreDep,
    unit_id: Annotated[list[str] | None, Query(max_length=50, description="Units (default: a liaison's own).")] = None,
) -> ChecklistSummariesPublic:
    """Every revision, in any state, of a liaison's units, or of the units the bureau asks for."""
    return review.unit_checklists(store, actor, unit_id)


@router.get("/checklists/review-queue", response_model=ReviewQueuePublic)
def review_queue(actor: ActorDep, store: StoreDep, paging: PagingDep) -> ReviewQueuePublic:
    """Revisions submitted or resubmitted and waiting for review, oldest first."""
    return review.review_queue(store, actor, skip=paging.skip, limit=paging.limit)


@router.post("/units/{unit_id}/checklists/{year}/drafts", response_model=ChecklistSummaryPublic, status_code=201)
def new_draft(unit_id: str, year: Annotated[int, Path(ge=1949, le=2100)], body: DraftRequest, actor: ActorDep,
              store: StoreDep, scope: LawScopeDep) -> ChecklistSummaryPublic:
    """A new draft of the unit's year: empty, or from its last published checklist (outdated laws
    flagged with their replacements, laws new since proposed as rows)."""
    return review.new_draft(store, actor, unit_id, year, from_last_year=body.from_last_year, scope=scope)


@router.get("/checklists/{checklist_id}", response_model=ChecklistDetailPublic)
def checklist_detail(checklist_id: str, actor: ActorDep, store: StoreDep, scope: LawScopeDep) -> ChecklistDetailPublic:
    """A revision row by row with the findings and comments beside each row, the audit trail and the steps open to you."""
    return review.checklist_detail(store, actor, checklist_id, scope=scope)


@router.get("/checklists/{checklist_id}/compare", response_model=ComparisonPublic)
def compare(checklist_id: str, actor: ActorDep, store: StoreDep) -> ComparisonPublic:
    """Against the unit's previous published checklist: laws added and removed, rows changed."""
    return yearly.compare_with_previous(store, actor, checklist_id)


@router.post("/checklists/{checklist_id}/rows", response_model=RowSaved, status_code=201)
def add_row(checklist_id: str, fields: RowFields, actor: ActorDep, store: StoreDep, scope: LawScopeDep) -> RowSaved:
    item_id = review.save_row(store, actor, checklist_id, fields)
    return RowSaved(item_id=item_id, checklist=review.checklist_detail(store, actor, checklist_id, scope=scope))


@router.put("/checklists/{checklist_id}/rows/{item_id}", response_model=RowSaved)
def change_row(checklist_id: str, item_id: str, fields: RowFields, actor: ActorDep, store: StoreDep,
               scope: LawScopeDep) -> RowSaved:
    review.save_row(store, actor, checklist_id, fields, item_id)
    return RowSaved(item_id=item_id, checklist=review.checklist_detail(store, actor, checklist_id, scope=scope))


@router.delete("/checklists/{checklist_id}/rows/{item_id}", status_code=204)
def delete_row(checklist_id: str, item_id: str, actor: ActorDep, store: StoreDep) -> Response:
    review.delete_row(store, actor, checklist_id, item_id)
    return Response(status_code=204)


@router.put("/checklists/{checklist_id}/attachment", response_model=AttachmentPublic)
async def attach(checklist_id: str, file: UploadFile, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                 uploads: UploadsDep, clock: ClockDep) -> AttachmentPublic:
    """The signed and stamped copy (PDF, PNG or JPEG, checked by content; PUFA_MAX_ATTACHMENT_MB)."""
    name, content = await uploads.read_one(file, settings.max_attachment_mb)
    return await uploads.off_the_loop(review.attach, store, actor, checklist_id, name, content,
                                      settings.attachments_dir, settings.max_attachment_mb * CHUNK, clock)


@router.get("/checklists/{checklist_id}/attachment", response_class=Response,
            responses={200: {"content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}}}})
def attachment(checklist_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    meta, content = review.attachment(store, actor, checklist_id, settings.attachments_dir)
    return download(content, meta.media_type, meta.file_name or "签字盖章件")


@router.post("/checklists/{checklist_id}/comments", response_model=CommentPublic, status_code=201)
def comment(checklist_id: str, body: CommentRequest, actor: ActorDep, store: StoreDep, clock: ClockDep) -> CommentPublic:
    """A reviewer's comment on a row or on the whole checklist (sent to the unit when it is returned)."""
    return review.add_comment(store, actor, checklist_id, body.text, body.item_id, clock)


@router.post("/checklists/{checklist_id}/revise", response_model=ChecklistSummaryPublic, status_code=201)
def revise(checklist_id: str, actor: ActorDep, store: StoreDep) -> ChecklistSummaryPublic:
    """A new draft continuing a returned (or published) revision; each row keeps its comments."""
    return review.revise(store, actor, checklist_id)


@router.post("/checklists/{checklist_id}/{action}", response_model=ChecklistSummaryPublic)
def step(checklist_id: str, action: Action, actor: ActorDep, store: StoreDep, clock: ClockDep,
         body: StepRequest | None = None) -> ChecklistSummaryPublic:
    """One step: submit (a fix of a returned revision is resubmitted), withdraw, return, approve,
    file (备案号) or publish; recorded in the audit trail with who, when and the comment."""
    body = body or StepRequest()
    return review.apply(store, actor, checklist_id, action, comment=body.comment, filing_number=body.filing_number,
                        filed_on=body.filed_on, clock=clock)
