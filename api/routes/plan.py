"""The year's plan (the 普法办): open the year and set its deadlines, see who is overdue, and issue
reminders (提示单) and escalations (督办单) as Word documents or by e-mail; the year's list of new
laws (新颁法律法规清单) with the units they concern."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep
from api.files import download
from domain.base.briefs import unit_brief
from domain.base.documents import DOCX_MEDIA_TYPE
from domain.checklists import plan, yearly
from domain.checklists.models import NewLawsPublic, SentNoticesPublic, YearOverviewPublic, YearPlanPublic

router = APIRouter(prefix="/years/{year}", tags=["year plan"])
Year = Annotated[int, Path(ge=1949, le=2100)]
Kind = Annotated[Literal["reminder", "escalation"], Query(description="提示单 (reminder) or 督办单 (escalation).")]
Subject = Annotated[Literal["checklist", "liaison"], Query(description="The checklist, or the liaison registration.")]
DOCX = {200: {"content": {DOCX_MEDIA_TYPE: {}}}}


class PlanRequest(BaseModel):
    liaison_deadline: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    checklist_deadline: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    notice: str | None = Field(default=None, max_length=5000, description="The notice sent with the year.")


def _today(clock) -> date:
    return clock().date()


@router.get("/plan", response_model=YearPlanPublic)
def get_plan(year: Year, store: StoreDep) -> YearPlanPublic:
    """The year's deadlines (public: units need them before they have accounts)."""
    return plan.year_plan(store, year)


@router.put("/plan", response_model=YearPlanPublic)
def put_plan(year: Year, body: PlanRequest, actor: ActorDep, store: StoreDep, clock: ClockDep) -> YearPlanPublic:
    """Open the year and set its deadlines (the administrator)."""
    return plan.save_plan(store, actor, year, liaison_deadline=body.liaison_deadline,
                          checklist_deadline=body.checklist_deadline, notice=body.notice, clock=clock)


@router.get("/overdue", response_model=YearOverviewPublic)
def overdue(year: Year, actor: ActorDep, store: StoreDep, clock: ClockDep) -> YearOverviewPublic:
    """Units without a registered liaison, units without a submitted checklist, and the states of the year."""
    return plan.overview(store, actor, year, today=_today(clock))


@router.get("/notices.docx", response_class=Response, responses=DOCX)
def notices(year: Year, kind: Kind, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
            subject: Subject = "checklist",
            unit_id: Annotated[str | None, Query(max_length=200, description="One unit; all overdue by default.")] = None,
            ) -> Response:
    """Reminders or escalations for the units overdue with their checklist (or liaison registration), one a page."""
    content = plan.notice_docx(store, actor, year, kind, settings, subject=subject, unit_id=unit_id, today=_today(clock))
    unit_name = unit_brief(store, unit_id).name if unit_id else None
    return download(content, DOCX_MEDIA_TYPE, plan.notice_file_name(year, kind, subject, unit_name))


@router.post("/notices/send", response_model=SentNoticesPublic)
def send(year: Year, kind: Kind, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
         subject: Subject = "checklist") -> SentNoticesPublic:
    """E-mail each overdue unit's liaison its notice over SMTP (PUFA_SMTP_HOST)."""
    return plan.send_notices(store, actor, year, kind, settings, subject=subject, today=_today(clock))


@router.get("/new-laws", response_model=NewLawsPublic)
def new_laws(year: Year, actor: ActorDep, store: StoreDep, scope: LawScopeDep) -> NewLawsPublic:
    """Laws new or amended since the start of last year, the units responsible, and whether their drafts list them."""
    return yearly.new_laws(store, actor, year, scope=scope)
