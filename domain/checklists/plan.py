"""The year's plan: the 普法办 opens a checklist year with its deadlines (liaison registration, then
the checklists); the bureau sees who is overdue for each, and prints or e-mails each overdue unit a
reminder (提示单) or, past the deadline, an escalation (督办单) as a Word document."""

from __future__ import annotations

import smtplib
from collections import Counter
from datetime import date, timedelta
from email.message import EmailMessage

from domain.accounts.accounts import Actor
from domain.base.cache import CachedStore
from domain.base.documents import DOCX_MEDIA_TYPE, WordDocument, chinese_date
from domain.base.models import UnitBriefPublic
from domain.checklists.models import (
    OverduePublic,
    OverdueUnitPublic,
    SentNoticePublic,
    SentNoticesPublic,
    YearOverviewPublic,
    YearPlanPublic,
)
from domain.checklists.revisions import state_of
from graph import queries
from pufa.clock import Clock, stamp, system_clock
from pufa.config import Settings
from pufa.errors import InputError, MailUnavailable, NotFound
from pufa.workflow import STATE_NAMES, Permission, State

KINDS = {"reminder": "提示单", "escalation": "督办单"}
SUBJECTS = {"checklist": "普法责任清单报送", "liaison": "普法责任清单联络员登记"}
"""What a notice is about: the checklist, or the liaison registration that comes first."""
ESCALATION_DAYS = 5
"""An escalation gives the unit this many days from its date."""


def _date(value: str | None, field: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("a date as YYYY-MM-DD", location=field) from None


def save_plan(store: CachedStore, actor: Actor, year: int, *, liaison_deadline: str | None,
              checklist_deadline: str | None, notice: str | None, clock: Clock = system_clock) -> YearPlanPublic:
    """Open the year (the first time) and set its deadlines and notice (the administrator)."""
    actor.require(Permission.PLAN_YEAR)
    liaison, checklist = _date(liaison_deadline, "liaison_deadline"), _date(checklist_deadline, "checklist_deadline")
    if liaison and checklist and checklist < liaison:
        raise InputError("the checklist deadline comes before the liaison registration deadline",
                         location="checklist_deadline")
    with store.transaction() as tx:
        tx.run(queries.review.save_year_plan(year, stamp(clock()), actor.label, liaison, checklist,
                                             (notice or "").strip() or None))
    return year_plan(store, year)


def year_plan(store: CachedStore, year: int) -> YearPlanPublic:
    rows = store.read(queries.review.year_plan(year))
    return YearPlanPublic(**rows[0]) if rows else YearPlanPublic(year=year)


def overview(store: CachedStore, actor: Actor, year: int, *, today: date | None = None) -> YearOverviewPublic:
    """Who has not registered a liaison, who has not submitted, and where every unit's year stands."""
    actor.require(Permission.READ_ALL)
    today = today or date.today()
    plan = year_plan(store, year)
    units = {unit_id: name for unit_id, name, part_of in store.read(queries.units.units_overview())[0]["units"]
             if part_of is None}
    details = {row["unit_id"]: row for row in store.read(queries.units.unit_details(sorted(units)))} if units else {}
    active = {row["unit_id"] for row in store.read(queries.accounts.liaison_accounts_of(sorted(units)))
              if row["password_hash"] and not row["disabled"]} if units else set()
    latest: dict[str, State] = {}
    for row in sorted(store.read(queries.review.units_checklists(sorted(units))), key=lambda r: r["revision"] or 0):
        if row["year"] == year:
            latest[row["unit_id"]] = state_of(row)

    def listed(unit_ids: list[str], deadline: str | None) -> OverduePublic:
        shown = sorted(unit_ids, key=lambda u: (units[u] or "", u))
        return OverduePublic(
            deadline=deadline, past=bool(deadline) and today.isoformat() > deadline, count=len(shown),
            data=[OverdueUnitPublic(unit=UnitBriefPublic(id=u, name=units[u]),
                                    liaison_name=(details.get(u) or {}).get("liaison_name"),
                                    has_email=bool((details.get(u) or {}).get("liaison_email")),
                                    state=latest[u].value if u in latest else None) for u in shown])

    return YearOverviewPublic(
        plan=plan, today=today.isoformat(),
        liaisons=listed([u for u in units if u not in active], plan.liaison_deadline),
        checklists=listed([u for u in units if latest.get(u, State.DRAFT) is State.DRAFT], plan.checklist_deadline),
        states=dict(Counter(state.value for state in latest.values())),
    )


def _overdue(store: CachedStore, actor: Actor, year: int, kind: str, subject: str,
             today: date) -> tuple[YearOverviewPublic, OverduePublic]:
    if kind not in KINDS:
        raise InputError(f"a notice is one of {', '.join(KINDS)}", location="kind")
    if subject not in SUBJECTS:
        raise InputError(f"a notice is about one of {', '.join(SUBJECTS)}", location="subject")
    actor.require(Permission.NOTIFY)
    found = overview(store, actor, year, today=today)
    return found, found.checklists if subject == "checklist" else found.liaisons


def notice_file_name(year: int, kind: str, subject: str, unit_name: str | None = None) -> str:
    """The notice's file name as a clerk files it: 2026年度普法责任清单报送提示单（公安局）.docx."""
    return f"{year}年度{SUBJECTS[subject]}{KINDS[kind]}{f'（{unit_name}）' if unit_name else ''}.docx"


def notice_docx(store: CachedStore, actor: Actor, year: int, kind: str, settings: Settings, *,
                subject: str = "checklist", unit_id: str | None = None, today: date | None = None) -> bytes:
    """A reminder or escalation for one overdue unit, or for every one (one per page, to print)."""
    today = today or date.today()
    found, overdue = _overdue(store, actor, year, kind, subject, today)
    units = [u for u in overdue.data if unit_id is None or u.unit.id == unit_id]
    if unit_id is not None and not units:
        raise NotFound(f"unit {unit_id!r} is not overdue for its {year} {subject}")
    document = WordDocument()
    numbers = {u.unit.id: number for number, u in enumerate(overdue.data, start=1)}
    for index, unit in enumerate(units):
        if index:
            document.page_break()
        _write_notice(document, found, overdue, unit, kind, subject, numbers[unit.unit.id], today, settings)
    return document.bytes()


def _write_notice(document: WordDocument, found: YearOverviewPublic, overdue: OverduePublic, unit: OverdueUnitPublic, kind: str,
                  subject: str, number: int, today: date, settings: Settings) -> None:
    """One notice as a clerk prints it: title, number, addressee, body, deadline, signature."""
    year, deadline = found.plan.year, overdue.deadline
    document.title(f"{SUBJECTS[subject]}{KINDS[kind]}")
    document.centred(f"〔{year}〕第{number}号")
    document.paragraph(f"{unit.unit.name}：")
    state = f"（目前状态：{STATE_NAMES[State(unit.state)]}）" if unit.state else ""
    limit = chinese_date(today + timedelta(days=ESCALATION_DAYS))
    if subject == "liaison":
        body = (f"请贵单位于{chinese_date(deadline) if deadline else '规定时间'}前确定{year}年度普法责任清单工作联络员，报送《普法责任清单工作"
                "联络员登记表》，并由联络员凭普法办发放的用户名和邀请码登录普法责任清单系统设置密码，完成登记。"
                f"截至{chinese_date(today)}，贵单位联络员尚未完成登记。")
        if kind == "escalation":
            body += f"登记时限已过，现予督办，请于{limit}前完成。"
    elif kind == "reminder":
        body = (f"根据“谁执法谁普法”普法责任制工作安排，请贵单位于{chinese_date(deadline) if deadline else '规定时间'}前，将经主要负责人签字、"
                f"盖章的{year}年度普法责任清单（电子版及签字盖章扫描件）通过普法责任清单系统报送。截至{chinese_date(today)}，"
                f"系统中尚未收到贵单位报送的清单{state}。请抓紧梳理本单位执行、管理、服务所依据的法律法规，"
                "明确普什么、对谁普、怎么普、何时普、谁去普，按时报送。")
    else:
        body = (f"贵单位{year}年度普法责任清单报送时限（{chinese_date(deadline) if deadline else '规定时间'}）已过，截至{chinese_date(today)}"
                f"仍未报送{state}。现予督办，请于{limit}前完成报送，并将逾期原因书面报县委全面依法治县委员会办公室。"
                "逾期仍未报送的，将在年度普法责任制考核中予以扣分并通报。")
    document.body(body)
    if found.plan.notice:
        document.body(found.plan.notice)
    if settings.bureau_phone:
        document.paragraph(f"联系电话：{settings.bureau_phone}")
    document.signature(settings.bureau_name, chinese_date(today))


MAIL_ADVICE = "邮件未能发送：邮件服务器未设置或暂时无法连接。请下载提示单、督办单（Word）后另行送达，或请系统管理员检查邮件服务器设置。"
"""What the bureau does when mail cannot go out."""


def send_notices(store: CachedStore, actor: Actor, year: int, kind: str, settings: Settings, *,
                 subject: str = "checklist", today: date | None = None) -> SentNoticesPublic:
    """E-mail each overdue unit's liaison its notice (the Word document attached) over SMTP."""
    today = today or date.today()
    actor.require(Permission.NOTIFY)  # before the mail settings: they are no business of an account that may not send
    if not settings.smtp_host:
        raise InputError("no mail server is configured (PUFA_SMTP_HOST)", location="smtp_host", advice=MAIL_ADVICE)
    _, overdue = _overdue(store, actor, year, kind, subject, today)
    emails = {row["unit_id"]: row["liaison_email"]
              for row in store.read(queries.units.unit_details([u.unit.id for u in overdue.data]))}
    sent, messages = [], []
    for unit in overdue.data:
        to = emails.get(unit.unit.id)
        if not to:
            sent.append(SentNoticePublic(unit=unit.unit, to=None, sent=False, reason="未登记联络员电子邮箱"))
            continue
        messages.append(mail_message(
            settings, to, f"{unit.unit.name}：{year}年度{SUBJECTS[subject]}{KINDS[kind]}",
            f"{unit.unit.name}：\n\n请查收附件《{SUBJECTS[subject]}{KINDS[kind]}》，按要求及时办理。\n\n{settings.bureau_name}",
            notice_docx(store, actor, year, kind, settings, subject=subject, unit_id=unit.unit.id, today=today),
            notice_file_name(year, kind, subject, unit.unit.name)))
        sent.append(SentNoticePublic(unit=unit.unit, to=to, sent=True))
    send_mail(settings, messages)
    return SentNoticesPublic(data=sent, count=len(sent))


def mail_message(settings: Settings, to: str, subject: str, body: str, docx: bytes, file_name: str) -> EmailMessage:
    """A notice to a unit's liaison: the text, and the Word document attached."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.mail_from, to, subject
    message.set_content(body)
    message.add_attachment(docx, maintype="application", subtype=DOCX_MEDIA_TYPE.split("/")[1], filename=file_name)
    return message


def send_mail(settings: Settings, messages: list[EmailMessage]) -> None:
    """Send over the configured SMTP server (PUFA_SMTP_HOST), one connection for all."""
    if not settings.smtp_host:
        raise InputError("no mail server is configured (PUFA_SMTP_HOST)", location="smtp_host", advice=MAIL_ADVICE)
    if not messages:
        return
    try:
        _deliver(settings, messages)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailUnavailable(f"the mail server {settings.smtp_host}:{settings.smtp_port} failed: {exc}",
                              advice=MAIL_ADVICE) from exc


def _deliver(settings: Settings, messages: list[EmailMessage]) -> None:
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value() if settings.smtp_password else "")
        for message in messages:
            smtp.send_message(message)
