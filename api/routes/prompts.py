"""普法提示 over JSON (法治宣传教育法 第五十七条, 第五十九条): the grounds the bureau finds in a unit's
year, issuing one on a ground with its reasons (or one per finding of a published assessment, or one
per unit whose checklist is late), the 普法提示书 as Word and by e-mail, the unit's
answer with evidence, the reviewer's close, return or escalation, and the 通报批评 list. Checked in
`domain.assessment.prompts`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, LawScopeDep, PagingDep, SettingsDep, StoreDep, evidence_upload
from api.files import UploadsDep, download
from domain.assessment import prompts
from domain.assessment.models import GroundsPublic, IssuedPromptsPublic, PromptDetailPublic, PromptPublic, PromptsPublic
from domain.base.documents import DOCX_MEDIA_TYPE
from pufa.workflow import PromptState

router = APIRouter(tags=["普法提示"])
Decision = Literal["close", "return", "escalate"]
Year = Annotated[int, Path(ge=1949, le=2100)]
DOCX = {200: {"content": {DOCX_MEDIA_TYPE: {}}}}


class IssueRequest(BaseModel):
    unit_id: str = Field(max_length=200)
    year: int = Field(ge=1949, le=2100)
    kind: str = Field(max_length=50, description="The ground: one of domain.assessment.prompts.GROUND_KINDS.")
    reasons: list[Annotated[str, Field(max_length=2000)]] = Field(min_length=1, max_length=50,
                                                                  description="What the unit did not do.")
    text: str | None = Field(default=None, max_length=5000, description="The bureau's own words, optional.")
    deadline: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="反馈期限 (YYYY-MM-DD).")


class FromAssessmentRequest(BaseModel):
    year: int = Field(ge=1949, le=2100)
    version: int = Field(ge=1, le=100_000, description="The published version whose findings are issued.")
    deadline: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="反馈期限 (YYYY-MM-DD).")


class LateChecklistsRequest(BaseModel):
    year: int = Field(ge=1949, le=2100)
    deadline: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="反馈期限 (YYYY-MM-DD).")


class DecisionRequest(BaseModel):
    comment: str | None = Field(default=None, max_length=5000, description="Why (required to return or escalate).")
    deadline: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="A new deadline (return).")


@router.get("/units/{unit_id}/grounds", response_model=GroundsPublic)
def grounds(unit_id: str, year: Annotated[int, Query(ge=1949, le=2100)], actor: ActorDep, store: StoreDep,
            clock: ClockDep, scope: LawScopeDep) -> GroundsPublic:
    """The failures the bureau finds in a unit's year, each with its reasons."""
    return prompts.grounds(store, actor, unit_id, year, today=clock().date(), scope=scope)


@router.get("/prompts", response_model=PromptsPublic)
def listed(
    actor: ActorDep, store: StoreDep, paging: PagingDep, clock: ClockDep,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    unit_id: Annotated[list[str] | None, Query(max_length=50)] = None,
    state: Annotated[PromptState | None, Query()] = None,
    overdue: Annotated[bool, Query(description="Only those open past their deadline.")] = False,
) -> PromptsPublic:
    """A liaison's units' 普法提示, or every unit's (the bureau): overdue first, with the tally."""
    return prompts.prompts(store, actor, year=year, unit_ids=unit_id, state=state, overdue_only=overdue,
                           today=clock().date(), skip=paging.skip, limit=paging.limit)


@router.post("/prompts", response_model=PromptPublic, status_code=201)
def issue(body: IssueRequest, actor: ActorDep, store: StoreDep, clock: ClockDep) -> PromptPublic:
    """Issue a 普法提示 on a ground with its reasons (a reviewer or the administrator, never for their own unit)."""
    return prompts.issue(store, actor, body.unit_id, body.year, body.kind, body.reasons, body.deadline,
                         text=body.text, clock=clock)


@router.post("/prompts/from-assessment", response_model=IssuedPromptsPublic, status_code=201)
def issue_from_assessment(body: FromAssessmentRequest, actor: ActorDep, store: StoreDep,
                          clock: ClockDep) -> IssuedPromptsPublic:
    """For every unit the published version grades for 整改, one 普法提示 per item it lost points on,
    the finding as its reason; issuing again adds none."""
    return prompts.issue_from_assessment(store, actor, body.year, body.version, body.deadline, clock=clock)


@router.post("/prompts/from-late-checklists", response_model=IssuedPromptsPublic, status_code=201)
def issue_for_late_checklists(body: LateChecklistsRequest, actor: ActorDep, store: StoreDep,
                              clock: ClockDep) -> IssuedPromptsPublic:
    """Once the year's checklist deadline has passed, a 普法提示 (no checklist) to each unit still
    without one — the units the 督办单 goes to; a unit with one not yet settled gets none."""
    return prompts.issue_for_late_checklists(store, actor, body.year, body.deadline, clock=clock)


@router.get("/prompts/circular/{year}", response_model=list[PromptPublic])
def circular(year: Year, actor: ActorDep, store: StoreDep, clock: ClockDep) -> list[PromptPublic]:
    """The year's 通报批评 list: the 普法提示 escalated."""
    return prompts.circular(store, actor, year, today=clock().date())


@router.get("/prompts/circular/{year}/docx", response_class=Response, responses=DOCX)
def circular_docx(year: Year, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    """The 通报批评 as a Word document the bureau publishes."""
    return download(prompts.circular_docx(store, actor, year, settings, today=clock().date()), DOCX_MEDIA_TYPE,
                    f"{year}年普法提示通报批评名单.docx")


@router.get("/prompts/{prompt_id}", response_model=PromptDetailPublic)
def detail(prompt_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep) -> PromptDetailPublic:
    """A 普法提示 with its whole history and evidence, and the steps open to you."""
    return prompts.prompt_detail(store, actor, prompt_id, today=clock().date())


@router.get("/prompts/{prompt_id}/docx", response_class=Response, responses=DOCX)
def prompt_docx(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    """The 普法提示书 as a Word document."""
    return download(prompts.prompt_docx(store, actor, prompt_id, settings, today=clock().date()), DOCX_MEDIA_TYPE,
                    "普法提示书.docx")


@router.post("/prompts/{prompt_id}/send", response_model=PromptPublic)
def send(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> PromptPublic:
    """E-mail the 普法提示书 to the unit's liaison over SMTP (PUFA_SMTP_HOST)."""
    return prompts.send(store, actor, prompt_id, settings, clock=clock)


@router.post("/prompts/{prompt_id}/answer", response_model=PromptDetailPublic)
async def answer(prompt_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep, uploads: UploadsDep,
                 comment: Annotated[str, Form(min_length=1, max_length=5000)],
                 files: list[UploadFile] | None = None) -> PromptDetailPublic:
    """The unit's 反馈: what it did (multipart `comment`), with evidence `files`."""
    sent = await uploads.read(files or [], settings.max_attachment_mb)
    return prompts.step(store, actor, prompt_id, "answer", comment=comment, upload=evidence_upload(settings, sent),
                        clock=clock)


@router.post("/prompts/{prompt_id}/{decision}", response_model=PromptDetailPublic)
def decide(prompt_id: str, decision: Annotated[Decision, Path(description="close, return or escalate")],
           actor: ActorDep, store: StoreDep, clock: ClockDep, body: DecisionRequest | None = None) -> PromptDetailPublic:
    """The reviewer closes it, returns it (why, optionally a new deadline), or escalates it once overdue."""
    body = body or DecisionRequest()
    return prompts.step(store, actor, prompt_id, decision, comment=body.comment, deadline=body.deadline, clock=clock)
