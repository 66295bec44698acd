"""Activity records (履职台账) over JSON: a unit records what it did (one activity, or its whole 台账
spreadsheet), adds evidence files, changes or deletes an activity until its evidence is accepted;
a reviewer accepts or rejects each activity's evidence with a reason. Every rule is checked in
`domain.assessment.activities`: 401 without a credential, 403 for a role or unit that may not act, 409 naming
the evidence's state, 422 naming the field (or the 台账's row and column)."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, PagingDep, SettingsDep, StoreDep, evidence_upload
from api.files import UploadsDep, evidence_download
from domain.assessment import activities
from domain.assessment.models import ActivitiesPublic, ActivityDetailPublic, ImportedActivitiesPublic, ServableRowPublic
from ingest.activities.fields import ActivityFields
from pufa.errors import InputError
from pufa.workflow import EVIDENCE_STEPS, EvidenceState

router = APIRouter(tags=["activities"])
Decision = Literal[tuple(EVIDENCE_STEPS)]  # type: ignore[valid-type]
YearQuery = Annotated[int | None, Query(ge=1949, le=2100, description="The year the activities were held.")]


class ActivityRequest(ActivityFields):
    unit_id: str | None = Field(default=None, max_length=200, description="The unit (a liaison's own by default).")


class DecisionRequest(BaseModel):
    reason: str | None = Field(default=None, max_length=2000, description="Why (required to reject).")


def _unit(actor, unit_id: str | None) -> str:
    chosen = unit_id or actor.unit_id
    if not chosen:
        raise InputError("name the unit the activity is of", location="unit_id")
    return chosen


@router.get("/activities", response_model=ActivitiesPublic)
def list_activities(
    actor: ActorDep, store: StoreDep, paging: PagingDep, year: YearQuery = None,
    unit_id: Annotated[list[str] | None, Query(max_length=50, description="Units (default: a liaison's own).")] = None,
    evidence_state: Annotated[EvidenceState | None, Query(description="Only evidence in this state.")] = None,
) -> ActivitiesPublic:
    """A liaison's units' activities, or those of the units the bureau asks for, newest first."""
    return activities.activities(store, actor, unit_ids=unit_id, year=year, evidence_state=evidence_state,
                                 skip=paging.skip, limit=paging.limit)


@router.get("/activities/review-queue", response_model=ActivitiesPublic)
def review_queue(actor: ActorDep, store: StoreDep, paging: PagingDep, year: YearQuery = None) -> ActivitiesPublic:
    """Activities whose evidence waits for a reviewer's decision."""
    return activities.review_queue(store, actor, year=year, skip=paging.skip, limit=paging.limit)


@router.get("/activities/servable-rows", response_model=list[ServableRowPublic])
def servable_rows(actor: ActorDep, store: StoreDep, unit_id: Annotated[str, Query(max_length=200)],
                  year: Annotated[int, Query(ge=1949, le=2100)]) -> list[ServableRowPublic]:
    """The rows of the unit's current checklist of the year, which an activity may name as served."""
    return activities.servable_rows(store, actor, unit_id, year)


@router.post("/activities", response_model=ActivityDetailPublic, status_code=201)
def record(body: ActivityRequest, actor: ActorDep, store: StoreDep, settings: SettingsDep,
           clock: ClockDep) -> ActivityDetailPublic:
    """Record an activity (evidence files follow with POST /activities/{id}/evidence)."""
    fields = ActivityFields(**body.model_dump(exclude={"unit_id"}))
    return activities.record(store, actor, _unit(actor, body.unit_id), fields, evidence_upload(settings, []),
                             clock=clock)


@router.post("/activities/import", response_model=ImportedActivitiesPublic, status_code=201)
async def import_ledger(actor: ActorDep, store: StoreDep, uploads: UploadsDep, clock: ClockDep, file: UploadFile,
                        unit_id: Annotated[str | None, Form(max_length=200)] = None) -> ImportedActivitiesPublic:
    """A whole 台账 (xlsx, csv or a Word table; one activity a row), written whole or refused with
    every row's problem (`errors`: row and column)."""
    unit_id = _unit(actor, unit_id)
    return await uploads.parse(file, lambda path: activities.import_ledger(store, actor, unit_id, path, clock=clock))


@router.get("/activities/{activity_id}", response_model=ActivityDetailPublic)
def detail(activity_id: str, actor: ActorDep, store: StoreDep) -> ActivityDetailPublic:
    return activities.activity_detail(store, actor, activity_id)


@router.put("/activities/{activity_id}", response_model=ActivityDetailPublic)
def update(activity_id: str, body: ActivityFields, actor: ActorDep, store: StoreDep,
           clock: ClockDep) -> ActivityDetailPublic:
    """Change an activity of one's own unit whose evidence is not accepted (its files stay)."""
    return activities.update(store, actor, activity_id, body, clock=clock)


@router.delete("/activities/{activity_id}", status_code=204)
def delete(activity_id: str, actor: ActorDep, store: StoreDep) -> Response:
    activities.delete(store, actor, activity_id)
    return Response(status_code=204)


@router.post("/activities/{activity_id}/evidence", response_model=ActivityDetailPublic)
async def add_evidence(activity_id: str, files: list[UploadFile], actor: ActorDep, store: StoreDep,
                       settings: SettingsDep, uploads: UploadsDep, clock: ClockDep) -> ActivityDetailPublic:
    """Evidence files (JPEG, PNG, HEIC, PDF, DOCX by content; PUFA_MAX_ATTACHMENT_MB each); the
    evidence goes back to the reviewer."""
    sent = await uploads.read(files, settings.max_attachment_mb)
    return await uploads.off_the_loop(partial(activities.add_evidence, store, actor, activity_id,
                                              evidence_upload(settings, sent), clock=clock))


@router.post("/activities/{activity_id}/{decision}", response_model=ActivityDetailPublic)
def decide(activity_id: str, decision: Annotated[Decision, Path(description="accept or reject")], actor: ActorDep,
           store: StoreDep, clock: ClockDep, body: DecisionRequest | None = None) -> ActivityDetailPublic:
    """A reviewer's decision on the activity's evidence (a reason is required to reject)."""
    return activities.decide(store, actor, activity_id, decision, (body or DecisionRequest()).reason, clock=clock)


@router.get("/evidence/{evidence_id}", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}, "image/png": {}, "application/pdf": {}}}})
def evidence(evidence_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    """An evidence file (of an activity or an answer to a 普法提示), to those who may read it."""
    meta, content = activities.evidence_content(store, actor, evidence_id, settings.attachments_dir)
    return evidence_download(meta, content)
