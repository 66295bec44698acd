"""普法提示 and 反馈 (法治宣传教育法 第五十七条, 第五十九条): the one instrument for any failure the
bureau finds in a unit's year.

The grounds are read from what units already entered, by the same facts the assessment scores
(domain.assessment.scoring.read_facts): no checklist, laws it is principal for missing from it,
rows that leave one of the five questions unanswered, key dates it names with no activity on or
for them, and the items a published assessment found it lost points on. A reviewer or the
administrator issues a 普法提示 on one ground with its reasons (never for their own unit), numbered
〔year〕第N号, printed or e-mailed as a Word document; the unit's liaison answers with what it did and
evidence; the reviewer closes it or returns it; one still open after its deadline may be
escalated to the bureau's 通报批评 list, which it publishes as a Word document. Every step is an
Event written in the step's transaction and never changed.

A published assessment's findings are issued the same way (`issue_from_assessment`: one 普法提示
per item a unit of a 整改 grade lost points on), and so are the checklists still not sent once the
year's deadline has passed (`issue_for_late_checklists`: the 督办单 of the year's plan, as a 普法提示
the unit answers). The 限期整改 an older release kept apart became 普法提示 with their ids, histories
and evidence (graph.migrations.fold_rectifications). The 提示单 and 督办单 were never stored (each was
printed from that day's overdue list), so there is nothing of them to carry over.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from domain.accounts.accounts import Actor
from domain.assessment import versions
from domain.assessment.activities import Upload
from domain.assessment.history import (
    evidence_public,
    evidence_rows,
    history,
    new_event,
    write_event,
    write_events,
    write_evidence,
)
from domain.assessment.models import (
    GroundPublic,
    GroundsPublic,
    IssuedPromptsPublic,
    PromptDetailPublic,
    PromptPublic,
    PromptsPublic,
    PromptTallyPublic,
    ScoreLinePublic,
)
from domain.assessment.scoring import NO_CHECKLIST, RECURRENCES, read_facts
from domain.base import asked
from domain.base.briefs import fetch_law_briefs, unit_brief
from domain.base.cache import CachedStore
from domain.base.documents import WordDocument, chinese_date
from domain.base.models import UnitBriefPublic
from domain.checklists import plan
from domain.checklists.models import ActionPublic
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from pufa.clock import Clock, stamp, system_clock
from pufa.config import Settings
from pufa.errors import Conflict, InputError, NotFound
from pufa.workflow import PROMPT_EVENT_NAMES, PROMPT_NAMES, PROMPT_STEPS, AssessmentState, Permission, PromptState

GROUND_KINDS = {
    "no_checklist": "未报送普法责任清单",
    "principal_laws": "主管的法律法规未列入普法责任清单",
    "rows_unanswered": "普法责任清单条目“五要素”不全",
    "key_dates": "重要时间节点未开展普法活动",
    "assessment": "年度考核发现的问题",
    "inspection": "督查发现的问题",
}
"""What a 普法提示 is issued on: the failures the bureau finds, and what a reviewer saw in an inspection."""
REASONS_SHOWN = 10
"""Reasons listed per ground (the count says how many more there are)."""


# --- the grounds --------------------------------------------------------------------------------------


def grounds(store: CachedStore, actor: Actor, unit_id: str, year: int, *, today: date,
            scope: LawScope = LawScope()) -> GroundsPublic:
    """The failures the bureau finds in a unit's year, each with its reasons, from what the unit entered."""
    actor.require(Permission.READ_ALL)
    unit = unit_brief(store, unit_id)
    facts = read_facts(store, year, scope, today).units.get(unit_id)
    found: dict[str, list[str]] = {}
    if facts is not None and facts.checklist_id is None:
        plan_row = plan.year_plan(store, year)
        due = f"（报送截止日期 {chinese_date(plan_row.checklist_deadline)}）" if plan_row.checklist_deadline else ""
        found["no_checklist"] = [f"{NO_CHECKLIST}{due}"]
    elif facts is not None:
        missing = sorted(facts.owned.get("principal", frozenset()) - facts.claimed)
        if missing:
            laws = fetch_law_briefs(store, missing)
            found["principal_laws"] = [f"本单位为主管部门的《{laws[law_id].title}》未列入清单"
                                       for law_id in missing if law_id in laws]
        if facts.with_problems:
            found["rows_unanswered"] = [f"清单 {facts.items} 条中 {facts.with_problems} 条缺少“五要素”"
                                        "（普什么、对谁普、怎么普、何时普、谁去普）之一"]
        missed = sorted(met.name for key, met in facts.key_dates.items() if key not in RECURRENCES and not met.activity_ids)
        if missed:
            found["key_dates"] = [f"清单所列“{name}”未开展普法活动" for name in missed]
    lost = _lost_in_published(store, year, unit_id)
    if lost:
        found["assessment"] = lost
    return GroundsPublic(unit=unit, year=year, data=[
        GroundPublic(kind=kind, kind_name=GROUND_KINDS[kind], reasons=_shown(reasons)) for kind, reasons in found.items()])


def _shown(reasons: list[str]) -> list[str]:
    if len(reasons) <= REASONS_SHOWN:
        return reasons
    return [*reasons[:REASONS_SHOWN], f"等共 {len(reasons)} 项"]


def _lost_in_published(store: CachedStore, year: int, unit_id: str) -> list[str]:
    """The items where the year's published assessment found the unit lost points."""
    try:
        row = versions.version_row(store, year, None, drafts=False)
    except NotFound:
        return []
    for score in versions.scores(store, versions.assessment_public(row)):
        if score.unit.id == unit_id:
            return [_finding(line) for line in score.lines if _lost(line)]
    return []


def _lost(line: ScoreLinePublic) -> bool:
    """An item scored short of its points, or a deduction taken."""
    return line.points < line.max_points if line.kind == "item" else line.points < 0


def _finding(line: ScoreLinePublic) -> str:
    return f"{line.name}：{line.reason}"


# --- issuing and the steps ---------------------------------------------------------------------------


def prompt_public(row: Row, today: date) -> PromptPublic:
    state = PromptState(row["state"])
    return PromptPublic(
        id=row["id"], unit=UnitBriefPublic(id=row["unit_id"], name=row.get("unit_name")), year=row["year"],
        number=row["number"], reference=f"〔{row['year']}〕第{row['number']}号", kind=row["kind"],
        kind_name=GROUND_KINDS.get(row["kind"], row["kind"]), reasons=list(row["reasons"] or []), text=row["text"],
        deadline=row["deadline"], state=state.value, state_name=PROMPT_NAMES[state],
        overdue=state is PromptState.OPEN and row["deadline"] < today.isoformat(), creator=row["creator"],
        created_at=row["created_at"], updated_at=row["updated_at"], sent_to=row["sent_to"], sent_at=row["sent_at"],
        assessment_id=row["assessment_id"], item_id=row["item_id"])


def _prompt(store: CachedStore, prompt_id: str) -> Row:
    return store.one(queries.prompts.prompt(prompt_id), f"no 普法提示 with id {prompt_id!r}")


def issue(store: CachedStore, actor: Actor, unit_id: str, year: int, kind: str, reasons: list[str], deadline: str, *,
          text: str | None = None, clock: Clock = system_clock) -> PromptPublic:
    """A 普法提示 on one ground with its reasons (as `grounds` found them, or as the reviewer saw them),
    numbered in the year's sequence in its own transaction."""
    actor.require(Permission.NOTIFY)
    if kind not in GROUND_KINDS:
        raise InputError(f"a 普法提示 is issued on one of {', '.join(GROUND_KINDS)}", location="kind",
                         advice=f"请选择下达普法提示的事由（{'、'.join(GROUND_KINDS.values())}）后重新提交。")
    unit_brief(store, unit_id)
    actor.require_impartial(unit_id)
    reasons = [reason.strip() for reason in reasons if reason and reason.strip()]
    if not reasons:
        raise InputError("say what the unit did not do (at least one reason)", location="reasons",
                         advice="请至少勾选或填写一项单位未落实的事项，再下达普法提示。")
    now = clock()
    [row] = _write(store, actor, year, [_new(unit_id, year, kind, reasons, (text or "").strip() or None,
                                             asked.deadline(deadline, now.date(), required="a 普法提示"), actor,
                                             stamp(now))])
    return prompt_public(_prompt(store, row["id"]), now.date())


ISSUED_PER_TRANSACTION = 200
"""普法提示 written per transaction when a published assessment's findings are issued: a county's order
(32 units, hundreds of items) stays proportionate; issuing again skips what is written, so an order
cut off part-way is finished by issuing again."""


def issue_from_assessment(store: CachedStore, actor: Actor, year: int, version: int, deadline: str, *,
                          clock: Clock = system_clock) -> IssuedPromptsPublic:
    """For every unit the published version grades for 整改 (the rubric's `rectify` grades), one
    普法提示 per item where it lost points, with the finding as its reason; issuing again adds none."""
    actor.require(Permission.NOTIFY)
    now = clock()
    due, at = asked.deadline(deadline, now.date(), required="a 普法提示"), stamp(now)
    row = versions.version_row(store, year, version, drafts=True)
    if row["state"] != AssessmentState.PUBLISHED.value:
        raise Conflict(f"version {version} of {year} is not the published result: publish it before issuing "
                       "普法提示 from its findings", state=row["state"],
                       advice=f"{year}年度考核第{version}版不是已公布的结果。请先在“年度考核”页面公布该版，"
                              "再按其发现的问题下达普法提示。")
    version_public = versions.assessment_public(row)
    to_fix = {grade.name for grade in versions.version_rubric(store, version_public).grades if grade.rectify}
    issued = {(p["unit_id"], p["item_id"]) for p in store.read(queries.prompts.issued_from_assessment(row["id"]))}
    new, skipped = [], []
    for score in versions.scores(store, version_public):
        if score.grade not in to_fix:
            continue
        if score.unit.id in actor.home_units:
            skipped.append(f"{score.unit.name}：本人所在单位，由其他审核人员下达")
            continue
        for line in score.lines:
            if not _lost(line):
                continue
            if (score.unit.id, line.item_id) in issued:
                skipped.append(f"{score.unit.name}·{line.name}：已下达")
                continue
            new.append(_new(score.unit.id, year, "assessment", [_finding(line)], None, due, actor, at,
                            assessment_id=row["id"], item_id=line.item_id))
    written = {p["id"] for p in _write(store, actor, year, new)}
    found = [p for p in _every(store, year, None, now.date()) if p.id in written]
    return IssuedPromptsPublic(data=sorted(found, key=lambda p: p.number), count=len(found), skipped=skipped)


def issue_for_late_checklists(store: CachedStore, actor: Actor, year: int, deadline: str, *,
                              clock: Clock = system_clock) -> IssuedPromptsPublic:
    """A 普法提示 on the ground `no_checklist` to every unit still without a checklist once the year's
    deadline has passed (the units the 督办单 goes to), never for the reviewer's own unit; a unit with
    one of the year on that ground not yet settled (open or answered) gets none."""
    actor.require(Permission.NOTIFY)
    now = clock()
    due, at = asked.deadline(deadline, now.date(), required="a 普法提示"), stamp(now)
    late = plan.overview(store, actor, year, today=now.date()).checklists
    if not late.past:
        raise Conflict(f"the checklists of {year} are due by {late.deadline or 'a deadline not yet set'}: "
                       "issue 普法提示 for them only after it", state="pending",
                       advice=(f"{year}年度清单报送截止日期为{chinese_date(late.deadline)}，截止日期过后才能对未报送的单位下达普法提示。"
                               if late.deadline else f"{year}年度尚未设定清单报送截止日期，请先在“年度安排”中设定，截止日期过后再下达。"))
    unsettled = (PromptState.OPEN.value, PromptState.ANSWERED.value)
    pending = {p.unit.id for p in _every(store, year, None, now.date()) if p.kind == "no_checklist" and p.state in unsettled}
    reason = f"{NO_CHECKLIST}（报送截止日期 {chinese_date(late.deadline)}）"
    new, skipped = [], []
    for unit in late.data:
        if unit.unit.id in actor.home_units:
            skipped.append(f"{unit.unit.name}：本人所在单位，由其他审核人员下达")
        elif unit.unit.id in pending:
            skipped.append(f"{unit.unit.name}：已下达，尚未办结")
        else:
            new.append(_new(unit.unit.id, year, "no_checklist", [reason], None, due, actor, at))
    written = {p["id"] for p in _write(store, actor, year, new)}
    found = [p for p in _every(store, year, None, now.date()) if p.id in written]
    return IssuedPromptsPublic(data=sorted(found, key=lambda p: p.number), count=len(found), skipped=skipped)


def _new(unit_id: str, year: int, kind: str, reasons: list[str], text: str | None, deadline: str, actor: Actor,
         at: str, *, assessment_id: str | None = None, item_id: str | None = None) -> Row:
    return {"id": f"P{uuid.uuid4().hex[:16]}", "unit_id": unit_id, "year": year, "kind": kind, "reasons": reasons,
            "text": text, "deadline": deadline, "state": PromptState.OPEN.value, "created_by": actor.id,
            "creator": actor.label, "created_at": at, "updated_at": at, "sent_to": None, "sent_at": None,
            "assessment_id": assessment_id, "item_id": item_id}


def _write(store: CachedStore, actor: Actor, year: int, rows: list[Row]) -> list[Row]:
    """New 普法提示 of a year numbered on from the year's last, each batch in one transaction with its
    units' edges and first history events."""
    for start in range(0, len(rows), ISSUED_PER_TRANSACTION):
        batch = rows[start:start + ISSUED_PER_TRANSACTION]
        with store.transaction() as tx:
            [last] = tx.run(queries.prompts.last_prompt_number(year))
            for number, row in enumerate(batch, start=int(last["number"] or 0) + 1):
                row["number"] = number
            tx.upsert_nodes("Prompt", batch)
            tx.upsert_edges("PROMPTED", [{"src": row["unit_id"], "dst": row["id"]} for row in batch])
            write_events(tx, "PROMPT_HISTORY", [
                new_event(row["id"], "issue", None, PromptState.OPEN.value, actor.id, actor.label, row["created_at"],
                          "；".join(row["reasons"]), deadline=row["deadline"]) for row in batch])
    return rows


def step(store: CachedStore, actor: Actor, prompt_id: str, action: str, *, comment: str | None = None,
         deadline: str | None = None, upload: Upload | None = None, clock: Clock = system_clock) -> PromptDetailPublic:
    """Answer (the unit, with what it did and evidence), close, return or escalate (the reviewer, never
    for their own unit; escalation only once the deadline has passed): one transaction with its
    history entry; 409 naming the state when the step does not apply."""
    found = PROMPT_STEPS.get(action)
    if found is None:
        raise NotFound(f"no step {action!r}; the steps are {', '.join(PROMPT_STEPS)}")
    row = _prompt(store, prompt_id)
    actor.require_unit(row["unit_id"])
    actor.require(found.permission)
    if found.permission is Permission.JUDGE:
        actor.require_impartial(row["unit_id"])
    comment = (comment or "").strip() or None
    if found.comment_required and not comment:
        what = "what was done" if found.action == "answer" else "why"
        raise InputError(f"{found.name} needs a text saying {what}", location="comment",
                         advice=f"“{found.name}”需要填写{'采取的措施和落实情况' if found.action == 'answer' else '理由'}，请填写后重新提交。")
    now = clock()
    if found.action == "escalate" and row["deadline"] >= now.date().isoformat():
        raise Conflict(f"the unit has until {row['deadline']} to report back: escalate only after that",
                       state=row["state"], advice=f"单位的反馈期限为{chinese_date(row['deadline'])}，期限过后仍未反馈的才能通报批评。")
    new_deadline = asked.deadline(deadline, now.date(), required=None) if found.action == "return" else None
    files = upload.checked() if upload is not None and found.action == "answer" else []
    at = stamp(now)
    evidence = evidence_rows(prompt_id, files, actor.label, at)
    with store.transaction() as tx:
        state = PromptState(tx.run(queries.prompts.lock_prompt(prompt_id))[0]["state"])
        if state not in found.sources:
            raise Conflict(f"cannot {found.action} ({found.name}): the 普法提示 is {PROMPT_NAMES[state]}",
                           state=state.value, advice=f"此普法提示现为“{PROMPT_NAMES[state]}”，不能{found.name}。"
                                                     "请刷新本页，按页面上的下一步办理。")
        write_evidence(tx, "PROMPT_EVIDENCE", prompt_id, evidence)
        tx.run(queries.prompts.set_prompt(prompt_id, found.target.value, new_deadline, at))
        write_event(tx, "PROMPT_HISTORY", prompt_id, found.action, state.value, found.target.value, actor.id,
                    actor.label, at, comment, deadline=new_deadline, evidence_ids=[e["id"] for e in evidence])
    return prompt_detail(store, actor, prompt_id, today=now.date())


# --- reading ---------------------------------------------------------------------------------------------


def tally(found: list[PromptPublic]) -> PromptTallyPublic:
    states = Counter(p.state for p in found)
    return PromptTallyPublic(issued=len(found), open=states[PromptState.OPEN], answered=states[PromptState.ANSWERED],
                             closed=states[PromptState.CLOSED], escalated=states[PromptState.ESCALATED],
                             overdue=sum(p.overdue for p in found))


def _every(store: CachedStore, year: int | None, unit_ids: list[str] | None, today: date) -> list[PromptPublic]:
    found = [prompt_public(row, today) for row in store.read(queries.prompts.prompts(year, unit_ids))]
    return sorted(found, key=lambda p: (not p.overdue, p.state in (PromptState.CLOSED, PromptState.ESCALATED),
                                        p.deadline, p.unit.name or "", p.number))


def prompts(store: CachedStore, actor: Actor, *, year: int | None = None, unit_ids: list[str] | None = None,
            state: PromptState | None = None, overdue_only: bool = False, today: date, skip: int = 0,
            limit: int | None = 100) -> PromptsPublic:
    """A liaison's units' 普法提示, or (the bureau) every unit's or those asked for: overdue first,
    then by deadline; with the tally."""
    if unit_ids is None and not actor.may(Permission.READ_ALL):
        unit_ids = sorted(actor.units)
    for unit_id in unit_ids or []:
        actor.require_unit(unit_id)
    every = _every(store, year, unit_ids, today)
    kept = [p for p in every if (state is None or p.state == state.value) and (not overdue_only or p.overdue)]
    shown = kept[skip:] if limit is None else kept[skip: skip + limit]
    return PromptsPublic(data=shown, count=len(kept), tally=tally(every))


def year_tally(store: CachedStore, year: int, today: date) -> PromptTallyPublic:
    """The year's 普法提示 counted: the dashboard's and the county report's figures."""
    return tally(_every(store, year, None, today))


def prompt_detail(store: CachedStore, actor: Actor, prompt_id: str, *, today: date) -> PromptDetailPublic:
    row = _prompt(store, prompt_id)
    actor.require_unit(row["unit_id"])
    evidence = sorted(store.read(queries.prompts.prompt_evidence(prompt_id)),
                      key=lambda e: (e["uploaded_at"] or "", e["file_name"] or "", e["id"]))
    public = prompt_public(row, today)
    state = PromptState(row["state"])
    actions = []
    for found in PROMPT_STEPS.values():
        if state not in found.sources or not actor.may(found.permission):
            continue
        if found.action == "answer" and row["unit_id"] not in actor.units:
            continue
        if found.permission is Permission.JUDGE and row["unit_id"] in actor.home_units:
            continue
        if found.action == "escalate" and not public.overdue:
            continue
        actions.append(ActionPublic(action=found.action, name=found.name, comment_required=found.comment_required))
    return PromptDetailPublic(
        prompt=public, history=history(store.read(queries.prompts.prompt_history(prompt_id)), evidence,
                                       PROMPT_EVENT_NAMES),
        evidence=[evidence_public(e) for e in evidence], actions=actions)


# --- the documents and the e-mail ----------------------------------------------------------------------


def prompt_docx(store: CachedStore, actor: Actor, prompt_id: str, settings: Settings, *, today: date) -> bytes:
    """The 普法提示书 as the bureau prints and sends it (and the unit reads it)."""
    row = _prompt(store, prompt_id)
    actor.require_unit(row["unit_id"])
    found = prompt_public(row, today)
    document = WordDocument()
    document.title("普法提示书")
    document.centred(found.reference)
    document.paragraph(f"{found.unit.name or found.unit.id}：")
    document.body(f"根据《中华人民共和国法治宣传教育法》第五十七条，经查，贵单位在{found.year}年度普法责任制落实中存在"
                  f"以下问题（{found.kind_name}）：")
    for number, reason in enumerate(found.reasons, start=1):
        document.body(f"{number}. {reason}")
    if found.text:
        document.body(found.text)
    document.body(f"请贵单位采取措施认真落实，并于{chinese_date(found.deadline)}前通过普法责任清单系统反馈落实情况，"
                  "附佐证材料。逾期未反馈或未落实的，依照该法第五十九条予以通报批评。")
    if settings.bureau_phone:
        document.paragraph(f"联系电话：{settings.bureau_phone}")
    document.signature(settings.bureau_name, chinese_date(found.created_at))
    return document.bytes()


def send(store: CachedStore, actor: Actor, prompt_id: str, settings: Settings, *,
         clock: Clock = system_clock) -> PromptPublic:
    """E-mail the 普法提示书 to the unit's liaison, and keep to whom and when."""
    actor.require(Permission.NOTIFY)
    now = clock()
    found = prompt_public(_prompt(store, prompt_id), now.date())
    [details] = store.read(queries.units.unit_details([found.unit.id]))
    to = details["liaison_email"]
    if not to:
        raise Conflict(f"{found.unit.name or found.unit.id} has no liaison e-mail registered", state=found.state,
                       advice=f"{found.unit.name}尚未登记联络员电子邮箱，请下载普法提示书另行送达，或请该单位登记邮箱后再发送。")
    plan.send_mail(settings, [plan.mail_message(
        settings, to, f"{found.unit.name}：普法提示书 {found.reference}",
        f"{found.unit.name}：\n\n请查收附件《普法提示书》{found.reference}，于{chinese_date(found.deadline)}前反馈落实情况。"
        f"\n\n{settings.bureau_name}",
        prompt_docx(store, actor, prompt_id, settings, today=now.date()), f"普法提示书-{found.year}-{found.number}.docx")])
    with store.transaction() as tx:
        tx.run(queries.prompts.mark_sent(prompt_id, to, stamp(now)))
    return prompt_public(_prompt(store, prompt_id), now.date())


def circular(store: CachedStore, actor: Actor, year: int, *, today: date) -> list[PromptPublic]:
    """The 通报批评 list: the year's escalated 普法提示, by unit."""
    actor.require(Permission.READ_ALL)
    return sorted((p for p in _every(store, year, None, today) if p.state == PromptState.ESCALATED.value),
                  key=lambda p: (p.unit.name or "", p.number))


def circular_docx(store: CachedStore, actor: Actor, year: int, settings: Settings, *, today: date) -> bytes:
    """The 通报批评 as the bureau publishes it."""
    listed = circular(store, actor, year, today=today)
    document = WordDocument()
    document.title(f"关于{year}年度普法责任制落实不力单位的通报")
    document.body(f"根据《中华人民共和国法治宣传教育法》第五十九条，以下单位收到普法提示后未在规定期限内采取措施并反馈，"
                  f"现予通报批评（共 {len(listed)} 项）。")
    document.table(["单位", "普法提示", "问题", "反馈期限"],
                   [[p.unit.name, p.reference, f"{p.kind_name}：{'；'.join(p.reasons)}", chinese_date(p.deadline)]
                    for p in listed])
    document.body("请被通报单位认真整改，并将整改情况书面报送。")
    document.signature(settings.bureau_name, chinese_date(today))
    return document.bytes()
