"""Rectifications (限期整改): each gap a unit must fix, with its deadline.

A reviewer issues one (a finding of its own, or every lost point of the units a published version
grades for rectification), never for its own unit; the unit's liaison answers it with text and
evidence files; the reviewer closes it or reopens it (saying why, optionally with a new deadline).
One still open after its deadline is overdue (and the rubric may deduct for it). Every step is an
Event written in the step's transaction and never changed: the whole history stays.
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
from domain.assessment.models import FindingDetailPublic, FindingPublic, FindingsPublic, IssuedFindingsPublic
from domain.base import asked
from domain.base.briefs import unit_brief
from domain.base.cache import CachedStore
from domain.base.evidence import CheckedFile
from domain.base.models import UnitBriefPublic
from domain.checklists.models import ActionPublic
from graph import queries
from graph.query import Row
from pufa.clock import Clock, stamp, system_clock
from pufa.errors import Conflict, Forbidden, InputError, NotFound
from pufa.workflow import FINDING_NAMES, FINDING_STEPS, ROLE_NAMES, AssessmentState, FindingState, Permission


def finding_public(row: Row, today: date) -> FindingPublic:
    state = FindingState(row["state"])
    return FindingPublic(
        id=row["id"], unit=UnitBriefPublic(id=row["unit_id"], name=row.get("unit_name")), year=row["year"],
        assessment_id=row["assessment_id"], item_id=row["item_id"], item_name=row["item_name"], text=row["text"],
        deadline=row["deadline"], state=state.value, state_name=FINDING_NAMES[state],
        overdue=state is FindingState.OPEN and row["deadline"] < today.isoformat(), creator=row["creator"],
        created_at=row["created_at"], updated_at=row["updated_at"])


def _finding(store: CachedStore, finding_id: str) -> Row:
    return store.one(queries.assessment.finding(finding_id), f"no rectification with id {finding_id!r}")


def _new(unit_id: str, year: int, text: str, deadline: str, actor: Actor, at: str, *, assessment_id: str | None = None,
         item_id: str | None = None, item_name: str | None = None) -> Row:
    return {"id": f"F{uuid.uuid4().hex[:16]}", "unit_id": unit_id, "year": year, "assessment_id": assessment_id,
            "item_id": item_id, "item_name": item_name, "text": text, "deadline": deadline,
            "state": FindingState.OPEN.value, "created_by": actor.id, "creator": actor.label, "created_at": at,
            "updated_at": at}


ISSUED_PER_TRANSACTION = 200
"""Rectifications written per transaction: a county's order (32 units, hundreds of items) stays
proportionate; issuing again skips what is written, so an order cut off part-way is finished by
ordering again."""


def _write_issued(store: CachedStore, actor: Actor, rows: list[Row], at: str) -> None:
    """Each batch in six statements: the findings, their units' edges, their first history events."""
    for start in range(0, len(rows), ISSUED_PER_TRANSACTION):
        batch = rows[start:start + ISSUED_PER_TRANSACTION]
        with store.transaction() as tx:
            tx.upsert_nodes("Finding", batch)
            tx.upsert_edges("MUST_FIX", [{"src": row["unit_id"], "dst": row["id"]} for row in batch])
            write_events(tx, "FINDING_HISTORY", [
                new_event(row["id"], "issue", None, FindingState.OPEN.value, actor.id, actor.label, at, row["text"],
                          deadline=row["deadline"]) for row in batch])


def issue(store: CachedStore, actor: Actor, unit_id: str, year: int, text: str, deadline: str, *,
          clock: Clock = system_clock) -> FindingPublic:
    """A reviewer's own finding (督查发现的问题) for a unit to fix by the deadline."""
    actor.require(Permission.JUDGE)
    unit_brief(store, unit_id)
    actor.require_impartial(unit_id)
    now = clock()
    text = text.strip()
    if not text:
        raise InputError("say what the unit must fix", location="text")
    row = _new(unit_id, year, text, asked.deadline(deadline, now.date(), required="a rectification"), actor, stamp(now))
    _write_issued(store, actor, [row], stamp(now))
    return finding_public(_finding(store, row["id"]), now.date())


def issue_from_assessment(store: CachedStore, actor: Actor, year: int, version: int, deadline: str, *,
                          clock: Clock = system_clock) -> IssuedFindingsPublic:
    """For every unit the published version grades for rectification (the rubric's `rectify` grades),
    one rectification per item where it lost points, in one transaction; issuing again adds none."""
    actor.require(Permission.JUDGE)
    now = clock()
    due = asked.deadline(deadline, now.date(), required="a rectification")
    row = versions.version_row(store, year, version, drafts=True)
    if row["state"] != AssessmentState.PUBLISHED.value:
        raise Conflict(f"version {version} of {year} is not the published result: publish it before ordering "
                       "rectifications", state=row["state"])
    version_public = versions.assessment_public(row)
    rectify = {grade.name for grade in versions.version_rubric(store, version_public).grades if grade.rectify}
    issued = {(f["unit_id"], f["item_id"]) for f in store.read(queries.assessment.findings_of_assessment(row["id"]))}
    at, new, skipped = stamp(now), [], []
    for score in versions.scores(store, version_public):
        if score.grade not in rectify:
            continue
        if score.unit.id in actor.home_units:
            skipped.append(f"{score.unit.name}：本人所在单位，由其他审核人员下达")
            continue
        for line in score.lines:
            lost = line.points < line.max_points if line.kind == "item" else line.points < 0
            if not lost:
                continue
            if (score.unit.id, line.item_id) in issued:
                skipped.append(f"{score.unit.name}·{line.name}：已下达")
                continue
            new.append(_new(score.unit.id, year, f"{line.name}：{line.reason}", due, actor, at,
                            assessment_id=row["id"], item_id=line.item_id, item_name=line.name))
    if new:
        _write_issued(store, actor, new, at)
    found = {f["id"]: f for f in store.read(queries.assessment.findings(year, None))}
    return IssuedFindingsPublic(data=[finding_public(found[f["id"]], now.date()) for f in new], count=len(new),
                                skipped=skipped)


def step(store: CachedStore, actor: Actor, finding_id: str, action: str, *, comment: str | None = None,
         deadline: str | None = None, upload: Upload | None = None, clock: Clock = system_clock) -> FindingDetailPublic:
    """Answer (the unit, with text and evidence), close or reopen (the reviewer, never its own unit's):
    one transaction with its history entry; 409 naming the state when the step does not apply."""
    found = FINDING_STEPS.get(action)
    if found is None:
        raise NotFound(f"no step {action!r}; the steps are {', '.join(FINDING_STEPS)}")
    row = _finding(store, finding_id)
    actor.require_unit(row["unit_id"])
    if not actor.may(found.permission):
        raise Forbidden(f"{ROLE_NAMES[actor.role]} may not {found.action} a rectification ({found.name})")
    if found.action == "answer":
        actor.require(Permission.RECORD_ACTIVITIES)
    else:
        actor.require(Permission.JUDGE)
        actor.require_impartial(row["unit_id"])
    comment = (comment or "").strip() or None
    if found.comment_required and not comment:
        what = "what was done" if found.action == "answer" else "why it is sent back"
        raise InputError(f"{found.name} needs a text saying {what}", location="comment")
    now = clock()
    new_deadline = asked.deadline(deadline, now.date(), required=None) if found.action == "reopen" else None
    files: list[CheckedFile] = upload.checked() if upload is not None and found.action == "answer" else []
    at = stamp(now)
    evidence = evidence_rows(finding_id, files, actor.label, at)
    with store.transaction() as tx:
        locked = tx.run(queries.assessment.lock_finding(finding_id))[0]
        state = FindingState(locked["state"])
        if state not in found.sources:
            raise Conflict(f"cannot {found.action} ({found.name}): the rectification is {FINDING_NAMES[state]}",
                           state=state.value)
        write_evidence(tx, "FINDING_EVIDENCE", finding_id, evidence)
        tx.run(queries.assessment.set_finding(finding_id, found.target.value, new_deadline, at))
        write_event(tx, "FINDING_HISTORY", finding_id, found.action, state.value, found.target.value, actor.id,
                    actor.label, at, comment, deadline=new_deadline, evidence_ids=[e["id"] for e in evidence])
    return finding_detail(store, actor, finding_id, today=now.date())


def findings(store: CachedStore, actor: Actor, *, year: int | None = None, unit_ids: list[str] | None = None,
             state: FindingState | None = None, overdue_only: bool = False, today: date, skip: int = 0,
             limit: int | None = 100) -> FindingsPublic:
    """A liaison's units' rectifications, or (the bureau) every unit's or those asked for; overdue first,
    then by deadline."""
    if unit_ids is None and not actor.may(Permission.READ_ALL):
        unit_ids = sorted(actor.units)
    for unit_id in unit_ids or []:
        actor.require_unit(unit_id)
    every = [finding_public(row, today) for row in store.read(queries.assessment.findings(year, unit_ids))]
    counts = Counter(f.state for f in every)
    kept = [f for f in every if (state is None or f.state == state.value) and (not overdue_only or f.overdue)]
    kept.sort(key=lambda f: (not f.overdue, f.state == FindingState.CLOSED.value, f.deadline, f.unit.name or "", f.id))
    shown = kept[skip:] if limit is None else kept[skip: skip + limit]
    return FindingsPublic(data=shown, count=len(kept), overdue=sum(f.overdue for f in every), counts=dict(counts))


def finding_detail(store: CachedStore, actor: Actor, finding_id: str, *, today: date) -> FindingDetailPublic:
    row = _finding(store, finding_id)
    actor.require_unit(row["unit_id"])
    evidence = sorted(store.read(queries.assessment.finding_evidence(finding_id)), key=lambda e: (e["uploaded_at"] or "", e["file_name"] or "", e["id"]))
    state = FindingState(row["state"])
    actions = []
    for found in FINDING_STEPS.values():
        if state not in found.sources or not actor.may(found.permission):
            continue
        if found.action == "answer" and row["unit_id"] not in actor.units:
            continue
        if found.action != "answer" and (not actor.may(Permission.JUDGE) or row["unit_id"] in actor.home_units):
            continue
        actions.append(ActionPublic(action=found.action, name=found.name, comment_required=found.comment_required))
    return FindingDetailPublic(
        finding=finding_public(row, today), history=history(store.read(queries.assessment.finding_history(finding_id)),
                                                            evidence),
        evidence=[evidence_public(e) for e in evidence], actions=actions)
