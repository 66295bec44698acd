"""The checklist year as pages: 我的清单 (a unit's revisions, upload, new drafts), one checklist
(rows with findings and comments, editing a draft, the signed copy, the steps open to the reader,
the audit trail, the comparison with last year), 审核队列, 年度安排 (deadlines, overdue units,
提示单 and 督办单), 新颁法律法规清单, and the public 公开清单 that needs no login.

Forms post here and come back to a page (post/redirect/get); every rule is the domain's.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, ClockDep, LawScopeDep, SettingsDep, StoreDep
from api.files import CHUNK, UploadsDep, download
from api.web.render import Page, redirect, render
from api.web.routing import ChosenYear, PageNumber, page_router
from domain.base.asked import checklist_year
from domain.base.briefs import unit_brief
from domain.base.documents import DOCX_MEDIA_TYPE
from domain.checklists import plan, publication, review, yearly
from ingest.checklists.edit import RowFields
from pufa.errors import InputError
from pufa.workflow import Permission, State

router = page_router()
Text = Annotated[str, Form(max_length=5000)]
OptionalText = Annotated[str | None, Form(max_length=5000)]
YearForm = Annotated[int, Form(ge=1949, le=2100)]
KindQuery = Annotated[Literal["reminder", "escalation"], Query()]
SubjectQuery = Annotated[Literal["checklist", "liaison"], Query()]


def _to(checklist_id: str, anchor: str = "", done: str | None = None) -> RedirectResponse:
    return redirect(f"/checklists/{quote(checklist_id)}", done, anchor)


@router.get("/my")
def my_page(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, year: ChosenYear) -> HTMLResponse:
    """我的清单: the revisions of the liaison's units by year, with what can be done next."""
    actor.require(Permission.EDIT_OWN)
    year = checklist_year(store, year) or clock().year
    return render(request, "my.html", year=year, standing=review.year_standing(store, actor, year),
                  checklists=review.unit_checklists(store, actor), plan=plan.year_plan(store, year))


@router.post("/my/upload")
async def my_upload_form(request: Request, actor: ActorDep, store: StoreDep, uploads: UploadsDep,
                         clock: ClockDep, file: UploadFile, year: YearForm, unit_id: Text) -> Response:
    """A checklist file becomes a draft of the chosen unit's year."""
    actor.require_unit(unit_id)
    unit = unit_brief(store, unit_id)
    report = await uploads.parse(file, lambda path: review.upload_checklist(store, actor, path, unit=unit.name,
                                                                            year=year, clock=clock))
    if not report.checklist_ids:
        raise InputError("the file has the same rows as the draft already there; nothing changed",
                         source=file.filename, advice="上传的文件与现有草稿内容相同，草稿没有变化；如需修改，请在“我的清单”中点击“继续编辑草稿”逐条修改。")
    return _to(report.checklist_ids[0], done="uploaded")


@router.post("/my/drafts")
def my_draft_form(actor: ActorDep, store: StoreDep, scope: LawScopeDep, unit_id: Text, year: YearForm,
                  from_last_year: Annotated[bool, Form()] = False) -> Response:
    draft = review.new_draft(store, actor, unit_id, year, from_last_year=from_last_year, scope=scope)
    return _to(draft.id, done="created")


@router.get("/checklists/{checklist_id}")
def checklist_page(request: Request, checklist_id: str, actor: ActorDep, store: StoreDep,
                   scope: LawScopeDep) -> HTMLResponse:
    detail = review.checklist_detail(store, actor, checklist_id, scope=scope)
    return render(request, "checklist.html", detail=detail, comparison=yearly.compare_with_previous(store, actor, checklist_id),
                  may_comment=actor.may(Permission.COMMENT) and detail.checklist.state in ("submitted", "resubmitted")
                  and detail.checklist.unit.id not in actor.home_units)


@router.post("/checklists/{checklist_id}/row")
def row_form(
    checklist_id: str, actor: ActorDep, store: StoreDep, item_id: OptionalText = None,
    delete: Annotated[bool, Form()] = False, law_text: Text = "", audience_text: Text = "", method_text: Text = "",
    timing_text: Text = "", section: Text = "", person: Text = "", partners: Text = "",
) -> Response:
    """Add, change or delete a row of a draft."""
    if delete and item_id:
        review.delete_row(store, actor, checklist_id, item_id)
        return _to(checklist_id, "#rows", done="deleted")
    fields = RowFields(law_text=law_text, audience_text=audience_text, method_text=method_text, timing_text=timing_text,
                       section=section, person=person, partners=partners)
    saved = review.save_row(store, actor, checklist_id, fields, item_id or None)
    return _to(checklist_id, f"#row-{saved}", done="saved" if item_id else "added")


@router.post("/checklists/{checklist_id}/attachment")
async def attachment_form(checklist_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                          uploads: UploadsDep, clock: ClockDep, file: UploadFile) -> Response:
    name, content = await uploads.read_one(file, settings.max_attachment_mb)
    await uploads.off_the_loop(review.attach, store, actor, checklist_id, name, content, settings.attachments_dir,
                               settings.max_attachment_mb * CHUNK, clock)
    return _to(checklist_id, "#attachment", done="attached")


@router.get("/checklists/{checklist_id}/attachment")
def attachment_download(checklist_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep) -> Response:
    meta, content = review.attachment(store, actor, checklist_id, settings.attachments_dir)
    return download(content, meta.media_type, meta.file_name or "签字盖章件", inline=True)


@router.post("/checklists/{checklist_id}/comments")
def comment_form(checklist_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep, text: Text,
                 item_id: OptionalText = None) -> Response:
    review.add_comment(store, actor, checklist_id, text, item_id or None, clock)
    return _to(checklist_id, "#rows", done="commented")


@router.post("/checklists/{checklist_id}/steps/{action}")
def step_form(checklist_id: str, action: str, actor: ActorDep, store: StoreDep, clock: ClockDep,
              comment: OptionalText = None, filing_number: OptionalText = None,
              done: Annotated[str | None, Form(max_length=20)] = None) -> Response:
    found = review.apply(store, actor, checklist_id, action, comment=comment, filing_number=filing_number, clock=clock)
    taken = "resubmit" if State(found.state) is State.RESUBMITTED else action  # 报送 of a returned one's fix
    return _to(checklist_id, done=done or taken)


@router.post("/checklists/{checklist_id}/revise")
def revise_form(checklist_id: str, actor: ActorDep, store: StoreDep) -> Response:
    return _to(review.revise(store, actor, checklist_id).id, done="revised")


@router.get("/review")
def review_page(request: Request, actor: ActorDep, store: StoreDep, queue_page: PageNumber = 1) -> HTMLResponse:
    """审核队列: submissions waiting for review, oldest first."""
    at = Page("queue_page", queue_page, 50)
    return render(request, "review.html", queue=review.review_queue(store, actor, skip=at.skip, limit=at.size), at=at)


@router.get("/plan")
def plan_page(request: Request, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
              year: ChosenYear) -> HTMLResponse:
    """年度安排: the year's deadlines, who is overdue, and their notices."""
    today = clock().date()
    year = checklist_year(store, year) or today.year
    return render(request, "plan.html", year=year, overview=plan.overview(store, actor, year, today=today),
                  may_plan=actor.may(Permission.PLAN_YEAR), may_notify=actor.may(Permission.NOTIFY), sent=None,
                  mail=bool(settings.smtp_host))


@router.post("/plan")
def plan_form(actor: ActorDep, store: StoreDep, clock: ClockDep, year: YearForm,
              liaison_deadline: OptionalText = None, checklist_deadline: OptionalText = None,
              notice: OptionalText = None) -> Response:
    plan.save_plan(store, actor, year, liaison_deadline=liaison_deadline, checklist_deadline=checklist_deadline,
                   notice=notice, clock=clock)
    return redirect(f"/plan?year={year}", "planned")


@router.get("/plan/notices.docx")
def notices_download(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep, kind: KindQuery,
                     year: Annotated[int, Query(ge=1949, le=2100)], subject: SubjectQuery = "checklist",
                     unit_id: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    content = plan.notice_docx(store, actor, year, kind, settings, subject=subject, unit_id=unit_id,
                               today=clock().date())
    unit_name = unit_brief(store, unit_id).name if unit_id else None
    return download(content, DOCX_MEDIA_TYPE, plan.notice_file_name(year, kind, subject, unit_name))


@router.post("/plan/send")
def send_form(request: Request, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep,
              year: YearForm, kind: Annotated[Literal["reminder", "escalation"], Form()],
              subject: Annotated[Literal["checklist", "liaison"], Form()] = "checklist") -> HTMLResponse:
    today = clock().date()
    sent = plan.send_notices(store, actor, year, kind, settings, subject=subject, today=today)
    return render(request, "plan.html", year=year, overview=plan.overview(store, actor, year, today=today),
                  may_plan=actor.may(Permission.PLAN_YEAR), may_notify=True, sent=sent, mail=True)


@router.get("/new-laws")
def new_laws_page(request: Request, actor: ActorDep, store: StoreDep, scope: LawScopeDep, clock: ClockDep,
                  year: ChosenYear) -> HTMLResponse:
    """新颁法律法规清单: laws new or amended since last year and whether the units concerned list them."""
    year = checklist_year(store, year) or clock().year
    return render(request, "new_laws.html", year=year, found=yearly.new_laws(store, actor, year, scope=scope))


@router.get("/public")
def public_page(request: Request, store: StoreDep, year: ChosenYear,
                law: Annotated[str, Query(max_length=100)] = "", unit: Annotated[str, Query(max_length=100)] = "",
                list_page: PageNumber = 1) -> HTMLResponse:
    """公开清单: the published checklists, by year and unit, searchable by law and by unit (no login)."""
    at = Page("list_page", list_page, 50)
    found = publication.published_checklists(store, year=year, law=law, unit=unit, skip=at.skip, limit=at.size)
    return render(request, "public.html", found=found, at=at, year=year, law=law, unit=unit,
                  years=publication.published_years(store))


@router.get("/public/checklists/{checklist_id}")
def public_checklist_page(request: Request, checklist_id: str, store: StoreDep) -> HTMLResponse:
    return render(request, "public_checklist.html", detail=publication.published_checklist(store, checklist_id))
