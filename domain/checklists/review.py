"""The checklist year as a workflow: a unit's drafts, its submission, the bureau's review, approval,
filing and publication (pufa.workflow), each checked here against the acting account and the
revision's state, and each transition written in one transaction with its audit-trail entry.

`Checklist.current` follows the states: a unit's current revision of a year is its latest one that
is not a draft. Drafts are never current, so every existing answer (audit, coverage, campaigns)
reads what the bureau has; a submission becomes current at once (as the bureau's own ingest always
did); a withdrawn submission hands currency back to the revision before it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from domain.accounts.accounts import Actor
from domain.base.briefs import unit_brief, unit_names
from domain.base.cache import CachedStore
from domain.base.evidence import SIGNED_COPY_KINDS, keep, read_content
from domain.base.models import UnitBriefPublic
from domain.catalogue import responsibility
from domain.catalogue.importance import shipped_ranking
from domain.catalogue.models import NamedPublic
from domain.checklists import yearly
from domain.checklists.audit import missing_questions, replacement
from domain.checklists.models import (
    ActionPublic,
    AttachmentPublic,
    ChecklistDetailPublic,
    ChecklistSummariesPublic,
    ChecklistSummaryPublic,
    CommentPublic,
    ReviewQueuePublic,
    RowReviewPublic,
    TransitionPublic,
    UnitYearPublic,
)
from domain.checklists.revisions import state_of, summary
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from ingest.checklists import edit
from ingest.checklists.edit import DraftRow, RowFields
from ingest.checklists.load import ingest_checklists, record_transition
from ingest.report import IngestReport
from pufa.clock import Clock, stamp, system_clock
from pufa.errors import Conflict, Forbidden, InputError, NotFound
from pufa.workflow import (
    ATTACH_IN,
    NEW_DRAFT_AFTER,
    ROLE_NAMES,
    ROLES,
    STATE_NAMES,
    TRANSITIONS,
    UNDER_REVIEW,
    Permission,
    Role,
    State,
    Transition,
    UnitTie,
)

ACTIONS = ("submit", *(action for action in TRANSITIONS if action not in ("submit", "resubmit")))
"""The steps people ask for; `submit` of a draft that fixes a returned revision is the resubmission."""


def _checklist(store: CachedStore, checklist_id: str) -> Row:
    return store.one(queries.review.checklist(checklist_id), f"no checklist with id {checklist_id!r}")


def _readable(store: CachedStore, actor: Actor, checklist_id: str) -> Row:
    """The revision, if the actor may read it: the bureau's roles any, a liaison its units' only (403)."""
    return actor.unit_record(store, queries.review.checklist(checklist_id), f"no checklist with id {checklist_id!r}")


def _own_draft(store: CachedStore, actor: Actor, checklist_id: str) -> Row:
    actor.require(Permission.EDIT_OWN)
    row = _readable(store, actor, checklist_id)
    if state_of(row) is not State.DRAFT:
        state = state_of(row)
        more = "如需修改，请先在本页点击“撤回”。" if state in UNDER_REVIEW else "如需修改，请回到“我的清单”查看下一步。"
        raise Conflict(f"only a draft can be changed; this revision is {state.value} ({STATE_NAMES[state]})",
                       state=state.value, advice=f"此版清单现为“{STATE_NAMES[state]}”，只有草稿可以修改。{more}")
    return row


def _next_step_advice(year: int, revision: int, latest: State) -> str:
    """What a liaison does when its year already has a revision that a new draft would pass over."""
    now = f"{year}年度清单第{revision}版现为“{STATE_NAMES[latest]}”"
    if latest in UNDER_REVIEW:
        return f"{now}，正在普法办审核。如需修改，请在“我的清单”中点击“撤回修改”，撤回后直接在该版上修改，再重新报送。"
    if latest is State.DRAFT:
        return f"{now}，请在“我的清单”中点击“继续编辑”，或上传文件替换该草稿。"
    return f"{now}，清单公布后可在其基础上新建修订稿；如需立即修改，请联系普法办。"


def ensure_new_draft_allowed(store: CachedStore, actor: Actor, unit_id: str, year: int, *,
                             replacing_draft: bool = False) -> list[Row]:
    """A liaison may start a draft of its unit's year unless a revision is with the bureau; returns
    the year's revisions, newest first."""
    actor.require(Permission.EDIT_OWN)
    actor.require_unit(unit_id)
    revisions = store.read(queries.checklists.unit_year_checklists(unit_id, year))
    if revisions:
        latest = state_of(revisions[0])
        allowed = NEW_DRAFT_AFTER | ({State.DRAFT} if replacing_draft else set())
        if latest not in allowed:
            hint = "withdraw it first" if latest in UNDER_REVIEW else "it is with the bureau"
            raise Conflict(f"the {year} checklist's latest revision is {latest.value} ({STATE_NAMES[latest]}): {hint}",
                           state=latest.value, advice=_next_step_advice(year, revisions[0]["revision"], latest))
    return revisions


# --- drafts: uploads, rows, new revisions --------------------------------------------------------


def upload_checklist(store: CachedStore, actor: Actor, path: Path, *, unit: str | None, year: int | None,
                     clock: Clock = system_clock) -> IngestReport:
    """A checklist file. The administrator's enters as submitted (the bureau's own ingest); a
    liaison's becomes a draft of its own unit's year (replacing its open draft). The upload is one
    file: when it cannot be read that is the answer (InputError naming it), not a line of the report."""
    if actor.may(Permission.BULK_INGEST):
        return _refuse_failed(ingest_checklists(store, [path], unit=unit, year=year, actor_id=actor.id,
                                                actor=actor.label, submitted_at=stamp(clock()), uploaded=True))
    actor.require(Permission.EDIT_OWN)
    if unit is None and actor.unit_id:
        unit = unit_brief(store, actor.unit_id).name

    def own_unit_only(unit_id: str, checklist_year: int) -> None:
        ensure_new_draft_allowed(store, actor, unit_id, checklist_year, replacing_draft=True)

    return _refuse_failed(ingest_checklists(store, [path], unit=unit, year=year, state=State.DRAFT,
                                            actor_id=actor.id, actor=actor.label, before_write=own_unit_only,
                                            uploaded=True))


UNREADABLE = ("文件未能读取：请上传 Word、Excel、CSV 或文本格式的清单，表头写明序号、法律法规名称、普法对象、"
              "普法方式、时间节点、责任科室、责任人。")
"""What a clerk does when an uploaded checklist cannot be read."""


def _refuse_failed(report: IngestReport) -> IngestReport:
    if report.failed:
        raise InputError(report.failed[0].reason.removeprefix("error: "), advice=UNREADABLE)
    return report


def new_draft(store: CachedStore, actor: Actor, unit_id: str, year: int, *, from_last_year: bool = False,
              scope: LawScope = LawScope()) -> ChecklistSummaryPublic:
    """An empty draft of a unit's year, or one started from its last published checklist."""
    revisions = ensure_new_draft_allowed(store, actor, unit_id, year)
    rows: list[DraftRow] = []
    based_on, source = (revisions[0]["id"] if revisions else None), "网页填写"
    if from_last_year:
        previous, rows = yearly.last_year_rows(store, unit_id, year, scope)
        based_on, source = previous, f"沿用{year - 1}年已公布清单"
    revision = (revisions[0]["revision"] if revisions else 0) + 1
    checklist_id = edit.write_draft(store, unit_id, year, revision, rows, based_on, source)
    return summary(_checklist(store, checklist_id))


def revise(store: CachedStore, actor: Actor, checklist_id: str) -> ChecklistSummaryPublic:
    """A new draft continuing a returned (or published) revision, row by row: each row keeps the
    review comments of the row it continues."""
    row = _readable(store, actor, checklist_id)
    revisions = ensure_new_draft_allowed(store, actor, row["unit_id"], row["year"])
    if revisions[0]["id"] != checklist_id:
        raise Conflict("only the latest revision can be revised", state=state_of(row).value,
                       advice="只能在最新一版上修改，请在“我的清单”中打开最新一版。")
    rows = [DraftRow(fields=_fields(item), origin=item["item_id"], note=item["note"])
            for item in sorted(store.read(queries.review.checklist_rows(checklist_id)), key=_row_order)]
    new_id = edit.write_draft(store, row["unit_id"], row["year"], row["revision"] + 1, rows, checklist_id,
                              f"修改自第{row['revision']}版")
    _carry_signed_copy(store, checklist_id, new_id)
    return summary(_checklist(store, new_id))


def _carry_signed_copy(store: CachedStore, source_id: str, draft_id: str) -> None:
    """The revision it continues keeps its signed copy, and the new draft starts with the same file
    (the unit replaces it when the changed rows need a new signature)."""
    carried = [{**copy, "id": f"{draft_id}:{copy['sha256'][:16]}", "checklist_id": draft_id}
               for copy in store.read(queries.review.attachments_of(source_id))]
    if carried:
        with store.transaction() as tx:
            tx.upsert_nodes("Attachment", carried)
            tx.upsert_edges("HAS_ATTACHMENT", [{"src": draft_id, "dst": copy["id"]} for copy in carried])


def _fields(item: Row) -> RowFields:
    return RowFields(
        law_text=item["law_text"] or "", audience_text=item["audience_text"] or "", method_text=item["method_text"] or "",
        timing_text=item["timing_text"] or "", section=item["section"] or "", person=item["person"] or "",
        partners="、".join(item["partners"] or []))


def _row_order(item: Row) -> tuple:
    return item["row"] or 0, item["item_id"]


def save_row(store: CachedStore, actor: Actor, checklist_id: str, fields: RowFields,
             item_id: str | None = None) -> str:
    """Add a row to a draft of one's own unit, or change one; returns the row's id."""
    _own_draft(store, actor, checklist_id)
    if item_id is not None:
        _require_row(store, checklist_id, item_id)
    return edit.write_row(store, checklist_id, fields, item_id)


def delete_row(store: CachedStore, actor: Actor, checklist_id: str, item_id: str) -> None:
    _own_draft(store, actor, checklist_id)
    _require_row(store, checklist_id, item_id)
    edit.delete_row(store, checklist_id, item_id)


def _require_row(store: CachedStore, checklist_id: str, item_id: str) -> Row:
    rows = {row["item_id"]: row for row in store.read(queries.review.checklist_rows(checklist_id))}
    if item_id not in rows:
        raise NotFound(f"checklist {checklist_id!r} has no row {item_id!r}")
    return rows[item_id]


# --- the signed and stamped copy ----------------------------------------------------------------


def attach(store: CachedStore, actor: Actor, checklist_id: str, file_name: str, content: bytes, folder: Path,
           max_bytes: int, clock: Clock = system_clock) -> AttachmentPublic:
    """The signed and stamped copy of a revision of one's own unit: a PDF, PNG or JPEG by its
    content, stored by its SHA-256 in `folder`; it replaces an earlier copy of the revision."""
    actor.require(Permission.EDIT_OWN)
    row = _readable(store, actor, checklist_id)
    if state_of(row) not in ATTACH_IN:
        raise Conflict(f"the signed copy cannot change once the revision is {state_of(row).value}",
                       state=state_of(row).value, advice="清单审核通过后，签字盖章件不能再更换。")
    [checked] = keep(folder, [(file_name, content)], SIGNED_COPY_KINDS, max_bytes, "a signed copy")
    existing = [a["id"] for a in store.read(queries.review.attachments_of(checklist_id))]
    record = {"id": f"{checklist_id}:{checked.sha256[:16]}", "checklist_id": checklist_id, "file_name": checked.name,
              "media_type": checked.media_type, "size": checked.size, "sha256": checked.sha256,
              "uploaded_by": actor.label, "uploaded_at": stamp(clock())}
    with store.transaction() as tx:
        tx.delete_nodes("Attachment", existing)
        tx.upsert_nodes("Attachment", [record])
        tx.upsert_edges("HAS_ATTACHMENT", [{"src": checklist_id, "dst": record["id"]}])
    return AttachmentPublic(**{k: v for k, v in record.items() if k != "checklist_id"})


def attachment(store: CachedStore, actor: Actor, checklist_id: str, folder: Path) -> tuple[AttachmentPublic, bytes]:
    _readable(store, actor, checklist_id)
    found = store.read(queries.review.attachments_of(checklist_id))
    if not found:
        raise NotFound(f"checklist {checklist_id!r} has no signed copy attached")
    meta = AttachmentPublic(**found[0])
    return meta, read_content(folder, meta.sha256, f"the signed copy of checklist {checklist_id!r}")


# --- comments and transitions -------------------------------------------------------------------


def add_comment(store: CachedStore, actor: Actor, checklist_id: str, text: str, item_id: str | None = None,
                clock: Clock = system_clock) -> CommentPublic:
    """A reviewer's comment on a row or on the whole revision, while it is under review."""
    actor.require(Permission.COMMENT)
    row = _checklist(store, checklist_id)
    actor.require_impartial(row["unit_id"])
    if state_of(row) not in UNDER_REVIEW:
        raise Conflict(f"comments are made during review; this revision is {state_of(row).value}",
                       state=state_of(row).value,
                       advice=f"此版清单现为“{STATE_NAMES[state_of(row)]}”，只有报送待审核的清单可以添加意见。")
    text = text.strip()
    if not text:
        raise InputError("the comment is empty", location="text", advice="意见不能为空。")
    item = _require_row(store, checklist_id, item_id) if item_id else None
    record = {"id": f"{checklist_id}!{hashlib.sha1(f'{item_id}{text}{clock()}'.encode()).hexdigest()[:12]}",
              "checklist_id": checklist_id, "item_id": item_id, "row": item["row"] if item else None,
              "law_text": item["law_text"] if item else None, "text": text, "author_id": actor.id,
              "author": actor.label, "at": stamp(clock())}
    with store.transaction() as tx:
        tx.upsert_nodes("ReviewComment", [record])
        tx.upsert_edges("HAS_COMMENT", [{"src": checklist_id, "dst": record["id"]}])
    return CommentPublic(**{k: record[k] for k in CommentPublic.model_fields})


def _transition(action: str, row: Row, revisions: list[Row]) -> Transition:
    if action not in ACTIONS:
        raise NotFound(f"no step {action!r}; the steps are {', '.join(ACTIONS)}")
    if action == "submit" and any(state_of(r) is State.RETURNED and r["revision"] < row["revision"] for r in revisions):
        return TRANSITIONS["resubmit"]
    return TRANSITIONS[action]


def apply(
    store: CachedStore, actor: Actor, checklist_id: str, action: str, *, comment: str | None = None,
    filing_number: str | None = None, filed_on: str | None = None, clock: Clock = system_clock,
) -> ChecklistSummaryPublic:
    """Take one step of the workflow, in one transaction with its audit-trail entry: 403 for a role
    that may not, 409 naming the state when the step does not apply, nothing written then."""
    row = _readable(store, actor, checklist_id)
    revisions = store.read(queries.checklists.unit_year_checklists(row["unit_id"], row["year"]))
    step = _transition(action, row, revisions)
    if not actor.may(step.permission):
        raise Forbidden(f"{ROLE_NAMES[actor.role]} may not {step.action} a checklist ({step.name})",
                        advice=f"{ROLE_NAMES[actor.role]}不能办理“{step.name}”。")
    if step.permission is Permission.EDIT_OWN and row["unit_id"] not in actor.units:
        raise Forbidden(f"{step.name}: only the unit's own liaison may {step.action} its checklist",
                        advice=f"“{step.name}”只能由本单位的联络员办理。")
    if _judging(step):
        actor.require_impartial(row["unit_id"])
    comment = (comment or "").strip() or None
    if step.comment_required and not comment:
        raise InputError(f"{step.name} needs a comment saying what to change", location="comment",
                         advice=f"“{step.name}”须填写意见，写明要修改什么。")
    now = clock()
    with store.transaction() as tx:
        locked = tx.run(queries.review.lock_checklist(checklist_id))[0]
        state = state_of(locked)
        if state not in step.sources:
            raise Conflict(f"cannot {step.action} ({step.name}): the checklist is {state.value} ({STATE_NAMES[state]})",
                           state=state.value, advice=f"此版清单现为“{STATE_NAMES[state]}”，不能{step.name}。请重新打开清单查看可办理的事项。")
        _check_step(tx, step, locked, actor, filing_number)
        tx.run(queries.review.set_state(checklist_id, step.target.value))
        if step.target in UNDER_REVIEW:
            tx.run(queries.review.mark_submitted(checklist_id, actor.id, stamp(now)))
        elif step.target is State.FILED:
            tx.run(queries.review.mark_filed(checklist_id, (filing_number or "").strip(), filed_on or now.date().isoformat()))
        elif step.target is State.PUBLISHED:
            tx.run(queries.review.mark_published(checklist_id, now.date().isoformat()))
        record_transition(tx, checklist_id, step.action, state, step.target, actor.id, actor.label, stamp(now), comment)
        states = {r["id"]: state_of(r) for r in revisions} | {checklist_id: step.target}
        current = next((r["id"] for r in revisions if states[r["id"]] is not State.DRAFT), None)
        tx.run(queries.review.set_current(row["unit_id"], row["year"], current))
    return summary(_checklist(store, checklist_id))


def _judging(step: Transition) -> bool:
    """Return, approve, file and publish judge the unit's checklist: never by an account of that unit."""
    return step.permission is Permission.REVIEW


def _check_step(tx, step: Transition, locked: Row, actor: Actor, filing_number: str | None) -> None:
    """The rules of particular steps, read inside the step's transaction."""
    if step.action == "approve":
        if locked["submitted_by"] == actor.id:
            raise Forbidden("a reviewer never approves a checklist they submitted",
                            advice="不能审核通过自己报送的清单，请由另一名审核人员办理。")
        if not tx.run(queries.review.attachments_of(locked["id"])):
            raise Conflict("the signed and stamped copy must be attached before approval", state=state_of(locked).value,
                           advice="审核通过前须有签字盖章件：请退回修改，由单位上传后重新报送。")
    if step.action == "file":
        number = (filing_number or "").strip()
        if not number:
            raise InputError("filing needs its 备案号", location="filing_number", advice="备案须填写备案号。")
        if tx.run(queries.review.filing_number_taken(number)):
            raise Conflict(f"备案号 {number} is already used by another checklist", state=state_of(locked).value,
                           advice=f"备案号 {number} 已被其他清单使用，请换一个备案号。")


def allowed_actions(actor: Actor, row: Row, revisions: list[Row]) -> list[ActionPublic]:
    """The steps the actor may take on this revision now (the pages show these buttons)."""
    state = state_of(row)
    found = []
    for action in ACTIONS:
        step = _transition(action, row, revisions)
        impartial = not _judging(step) or row["unit_id"] not in actor.home_units
        own = step.permission is not Permission.EDIT_OWN or row["unit_id"] in actor.units
        if actor.may(step.permission) and state in step.sources and own and impartial:
            found.append(ActionPublic(action=action, name=step.name, comment_required=step.comment_required))
    return found


# --- what people read ---------------------------------------------------------------------------


def checklist_detail(store: CachedStore, actor: Actor, checklist_id: str, *,
                     scope: LawScope = LawScope()) -> ChecklistDetailPublic:
    """A revision row by row with the automatic findings beside each row (a missing question, a
    repealed or amended law and its replacement, an unresolved name), the reviewers' comments, the
    laws the unit is responsible for that it lacks, the audit trail of its year, and the steps the
    asking account may take."""
    row = _readable(store, actor, checklist_id)
    state = state_of(row)
    revisions = store.read(queries.checklists.unit_year_checklists(row["unit_id"], row["year"]))
    ids = [r["id"] for r in revisions]
    shown_comments = [c for c in store.read(queries.review.comments_of(ids))
                      if actor.may(Permission.READ_ALL) or c["checklist_id"] != checklist_id or state not in UNDER_REVIEW]
    comments = [CommentPublic(**c) for c in sorted(shown_comments, key=lambda c: (c["at"] or "", c["id"]))]
    by_item: dict[str, list[CommentPublic]] = defaultdict(list)
    for comment in comments:
        if comment.item_id:
            by_item[comment.item_id].append(comment)
    claims: dict[str, list[Row]] = defaultdict(list)
    for claim in store.read(queries.review.row_claims(checklist_id)):
        claims[claim["item_id"]].append(claim)
    rows = [_row_review(item, claims[item["item_id"]], by_item)
            for item in sorted(store.read(queries.review.checklist_rows(checklist_id)), key=_row_order)]
    claimed = {law_id for claim_rows in claims.values() for law_id in (c["law_id"] for c in claim_rows)}
    trail = sorted(store.read(queries.review.transitions_of(ids)), key=lambda t: (t["at"] or "", t["seq"] or 0))
    attached = store.read(queries.review.attachments_of(checklist_id))
    own_draft = (state is State.DRAFT and actor.may(Permission.EDIT_OWN) and row["unit_id"] in actor.units)
    return ChecklistDetailPublic(
        checklist=summary(row), rows=rows, comments=[c for c in comments if not c.item_id],
        missing_laws=[law for law in responsibility.responsible_laws(store, row["unit_id"], scope, shipped_ranking().cut)
                      if law.law.id not in claimed],
        missing_cut=shipped_ranking().cut,
        trail=[TransitionPublic(**{k: v for k, v in t.items() if k != "seq"}, name=TRANSITIONS[t["action"]].name)
               for t in trail],
        attachment=AttachmentPublic(**attached[0]) if attached else None,
        actions=allowed_actions(actor, row, revisions), editable=own_draft,
    )


def _row_review(item: Row, claims: list[Row], comments: dict[str, list[CommentPublic]]) -> RowReviewPublic:
    codes = sorted(item["problems"] or [])
    return RowReviewPublic(
        item_id=item["item_id"], row=item["row"], law_text=item["law_text"], audience_text=item["audience_text"],
        method_text=item["method_text"], timing_text=item["timing_text"], section=item["section"],
        person=item["person"], partners=item["partners"] or [], source=item["source"],
        laws=[NamedPublic(id=c["law_id"], name=c["law_name"]) for c in claims], missing=missing_questions(codes),
        outdated=[replacement(c) for c in claims if c["outdated"]],
        unresolved=sorted(item["unresolved"] or []), not_laws=list(item.get("not_laws") or []), note=item["note"],
        origin=item["origin"],
        comments=comments.get(item["item_id"], []) + comments.get(item["origin"] or "", []),
    )


def review_queue(store: CachedStore, actor: Actor, *, skip: int = 0, limit: int | None = 100) -> ReviewQueuePublic:
    """Revisions waiting for review, oldest submission first."""
    actor.require(Permission.READ_ALL)
    rows = sorted(store.read(queries.review.checklists_in_states(sorted(UNDER_REVIEW))),
                  key=lambda r: (r["submitted_at"] or "", r["unit_name"] or "", r["id"]))
    shown = rows[skip:] if limit is None else rows[skip : skip + limit]
    return ReviewQueuePublic(data=[summary(r) for r in shown], count=len(rows))


def year_standing(store: CachedStore, actor: Actor, year: int) -> list[UnitYearPublic]:
    """Where each of a liaison's units stands in a year and what it can do next (its home page): start
    a draft, continue one, take over the revision the bureau entered for it, wait for review, fix a
    returned one, or revise a published one."""
    actor.require(Permission.EDIT_OWN)
    rows = [r for r in store.read(queries.review.units_checklists(sorted(actor.units))) if r["year"] == year]
    names = unit_names(store, sorted(actor.units))
    standing = []
    for unit_id in sorted(actor.units, key=lambda u: (u != actor.unit_id, names.get(u) or u)):
        revisions = sorted((r for r in rows if r["unit_id"] == unit_id), key=lambda r: -(r["revision"] or 0))
        latest = revisions[0] if revisions else None
        state = state_of(latest) if latest else None
        by_bureau = state in UNDER_REVIEW and not _entered_by_a_liaison(store, latest["submitted_by"])
        if state is None:
            steps = ["new_draft", "upload"]
        elif state is State.DRAFT:
            steps = ["continue", "upload"]
        elif by_bureau:
            steps = ["take_over"]
        elif state in UNDER_REVIEW:
            steps = ["wait", "withdraw"]
        elif state in NEW_DRAFT_AFTER:
            steps = ["revise"]
        else:
            steps = ["wait"]
        standing.append(UnitYearPublic(unit=UnitBriefPublic(id=unit_id, name=names.get(unit_id)), year=year,
                                       latest=summary(latest) if latest else None, entered_by_bureau=by_bureau,
                                       steps=steps))
    return standing


def _entered_by_a_liaison(store: CachedStore, account_id: str | None) -> bool:
    """Whether a revision was submitted by an account acting for units (else the bureau entered it)."""
    found = store.read(queries.accounts.account_by_id(account_id)) if account_id else []
    return bool(found) and ROLES[Role(found[0]["role"])].unit is UnitTie.ACTS_FOR


def unit_checklists(store: CachedStore, actor: Actor, unit_ids: list[str] | None = None) -> ChecklistSummariesPublic:
    """Every revision of the actor's units (a liaison) or of the units asked for (the bureau), any state."""
    if unit_ids is None:
        if not actor.units:
            raise InputError("name the units (unit_id)", location="unit_id")
        unit_ids = sorted(actor.units)
    for unit_id in unit_ids:
        actor.require_unit(unit_id)
    rows = sorted(store.read(queries.review.units_checklists(unit_ids)),
                  key=lambda r: (-(r["year"] or 0), r["unit_name"] or "", -(r["revision"] or 0)))
    return ChecklistSummariesPublic(data=[summary(r) for r in rows], count=len(rows))
