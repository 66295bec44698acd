"""Activity records (履职台账): what a unit did, with the evidence a reviewer accepts or rejects.

A unit's liaison records its own units' activities (typed, over the API, or a whole 台账
spreadsheet) with their evidence files, changes or deletes them until their evidence is accepted,
and adds files (which puts the evidence back to the reviewer), for one activity or several at once.
A reviewer accepts or rejects an activity's evidence with a reason, or several activities' at once
(批量采纳), never its own unit's. Each of these is one transaction, all or nothing; the
evidence files are stored by content first (domain.base.evidence), so a failed step leaves at most a
file no record names. The public sees none of it: only the published assessment.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from domain.accounts.accounts import Actor
from domain.assessment.history import evidence_public, history, new_event, write_event, write_events
from domain.assessment.models import (
    ActivitiesPublic,
    ActivityDetailPublic,
    ActivitySummaryPublic,
    CaseUsePublic,
    EvidencePublic,
    ImportedActivitiesPublic,
    ServableRowPublic,
)
from domain.base.briefs import unit_brief
from domain.base.cache import CachedStore
from domain.base.evidence import EVIDENCE_KINDS, CheckedFile, keep, read_content
from domain.base.models import UnitBriefPublic
from domain.catalogue.models import NamedPublic
from domain.checklists.models import ActionPublic
from graph import queries
from graph.query import Row
from graph.store import GraphWriteTx
from graph.writer import GraphBatch, GraphWriter
from ingest.activities.fields import ActivityFields, ActivityRecord, read_activity
from ingest.activities.reader import LedgerRow, located, read_ledger
from ingest.activities.write import ActivityContext, Recorder
from ingest.checklists.normalize import key_dates
from pufa.clock import Clock, stamp, system_clock
from pufa.errors import Conflict, Forbidden, InputError, InputErrors, NotFound, PufaError
from pufa.laws import stable_id
from pufa.workflow import (
    EVIDENCE_NAMES,
    EVIDENCE_STEPS,
    LOCKED_EVIDENCE,
    ROLE_NAMES,
    EvidenceState,
    Permission,
)

TYPED = "网页填写"
LOCKED_ADVICE = "该活动的佐证材料已被采纳，不能再修改或删除；如有补充，请另行记录一次活动。"
SHOWN_KEY_DATE_KINDS = frozenset({"day", "week", "month"})
"""Key dates a list names beside an activity (numbered months and quarters would only repeat its date)."""


@dataclass(frozen=True)
class Upload:
    """Evidence files as sent, and the limits they are checked against."""

    files: list[tuple[str, bytes]]
    folder: Path
    max_bytes: int
    max_files: int

    def checked(self, already: int = 0) -> list[CheckedFile]:
        if already + len(self.files) > self.max_files:
            raise InputError(f"at most {self.max_files} evidence files per activity ({already} attached already)",
                             location="files")
        return keep(self.folder, self.files, EVIDENCE_KINDS, self.max_bytes, "evidence (佐证材料)")


def _readable(store: CachedStore, actor: Actor, activity_id: str) -> Row:
    return actor.unit_record(store, queries.activities.activity(activity_id), f"no activity with id {activity_id!r}")


def _own(store: CachedStore, actor: Actor, activity_id: str) -> Row:
    """An activity of one of the liaison's units whose evidence is not accepted yet."""
    actor.require(Permission.RECORD_ACTIVITIES)
    row = _readable(store, actor, activity_id)
    state = EvidenceState(row["evidence_state"])
    if state in LOCKED_EVIDENCE:
        raise Conflict(f"the evidence of activity 《{row['title']}》 was accepted ({EVIDENCE_NAMES[state]}): "
                       "it can no longer change", state=state.value, advice=f"《{row['title']}》：{LOCKED_ADVICE}")
    return row


def _may_record(actor: Actor, unit_id: str) -> None:
    """A liaison for its own units; the 普法办 entering a unit's paper 台账 (bulk ingest) for any."""
    if not actor.may(Permission.BULK_INGEST):
        actor.require(Permission.RECORD_ACTIVITIES)
        actor.require_unit(unit_id)


def _rows_served(store: CachedStore, unit_id: str, item_ids: list[str], year: int) -> dict[str, list[str]]:
    """The checklist rows an activity serves → the laws they claim; each must be one of the unit's
    rows of the activity's year."""
    if not item_ids:
        return {}
    found = {row["item_id"]: row for row in store.read(queries.activities.unit_rows(unit_id, item_ids))}
    unknown = [item_id for item_id in item_ids if item_id not in found]
    if unknown:
        raise InputError(f"not rows of this unit's checklists: {', '.join(unknown[:5])}", location="item_ids")
    other_year = [item_id for item_id in item_ids if found[item_id]["year"] != year]
    if other_year:
        raise InputError(f"rows of another year's checklist than the activity's ({year}): {', '.join(other_year[:5])}",
                         location="item_ids")
    return {item_id: list(found[item_id]["law_ids"] or []) for item_id in item_ids}


def _check_cases(store: CachedStore, case_ids: list[str]) -> None:
    present = {row["id"] for row in store.read(queries.nodes.existing_ids("LawCase", sorted(set(case_ids))))}
    missing = [case_id for case_id in case_ids if case_id not in present]
    if missing:
        raise InputError(f"no such 以案释法 case: {', '.join(missing[:5])}", location="case_ids")


def _read(store: CachedStore, context: ActivityContext, unit_id: str, fields: ActivityFields,
          clock: Clock) -> tuple[ActivityRecord, dict[str, list[str]]]:
    record = read_activity(fields, context.catalogue, today=clock().date())
    rows = _rows_served(store, unit_id, list(dict.fromkeys(fields.item_ids)), record.year)
    _check_cases(store, fields.case_ids)
    return record, rows


def _evidence_rows(batch: GraphBatch, activity_id: str, files: list[CheckedFile], actor: Actor, at: str) -> list[str]:
    ids = []
    for checked in files:
        evidence_id = f"{activity_id}:{checked.sha256[:16]}"
        batch.add_node("Evidence", {"id": evidence_id, "owner_id": activity_id, "file_name": checked.name,
                                    "media_type": checked.media_type, "size": checked.size, "sha256": checked.sha256,
                                    "uploaded_by": actor.label, "uploaded_at": at})
        batch.add_edge("HAS_EVIDENCE", activity_id, evidence_id)
        ids.append(evidence_id)
    return list(dict.fromkeys(ids))


def record(store: CachedStore, actor: Actor, unit_id: str, fields: ActivityFields, upload: Upload, *,
           clock: Clock = system_clock) -> ActivityDetailPublic:
    """A new activity of one of the liaison's units, with its evidence files, in one transaction."""
    actor.require(Permission.RECORD_ACTIVITIES)
    actor.require_unit(unit_id)
    unit = unit_brief(store, unit_id)
    context = ActivityContext(store)
    record_, rows = _read(store, context, unit_id, fields, clock)
    files = upload.checked()
    at = stamp(clock())
    activity_id = f"V{uuid.uuid4().hex[:16]}"
    batch = GraphBatch()
    evidence_ids = _evidence_rows(batch, activity_id, files, actor, at)
    context.add(batch, activity_id, unit_id, unit.name, record_, rows, Recorder(actor.id, actor.label, at, TYPED),
                evidence_state=(EvidenceState.PENDING if evidence_ids else EvidenceState.NONE).value,
                evidence_count=len(evidence_ids))
    context.finish(batch)
    with store.transaction() as tx:
        context.writer.write_in(tx, batch)
        if evidence_ids:
            write_event(tx, "ACTIVITY_HISTORY", activity_id, "upload", EvidenceState.NONE.value,
                        EvidenceState.PENDING.value, actor.id, actor.label, at, evidence_ids=evidence_ids)
    return activity_detail(store, actor, activity_id)


def update(store: CachedStore, actor: Actor, activity_id: str, fields: ActivityFields, *,
           clock: Clock = system_clock) -> ActivityDetailPublic:
    """Change what an activity says (its files and the reviewer's decision stay)."""
    row = _own(store, actor, activity_id)
    context = ActivityContext(store)
    record_, rows = _read(store, context, row["unit_id"], fields, clock)
    batch = GraphBatch()
    context.add(batch, activity_id, row["unit_id"], row["unit_name"], record_, rows,
                Recorder(row["recorded_by"], row["recorder"], row["recorded_at"], row["source"] or TYPED),
                evidence_state=row["evidence_state"], evidence_count=row["evidence_count"] or 0, replacing=True)
    context.finish(batch)
    with store.transaction() as tx:
        locked = tx.run(queries.activities.lock_activities([activity_id]))[0]
        if EvidenceState(locked["evidence_state"]) in LOCKED_EVIDENCE:
            raise Conflict("the activity's evidence was accepted meanwhile: it can no longer change", advice=LOCKED_ADVICE,
                           state=locked["evidence_state"])
        context.writer.write_in(tx, batch)
    return activity_detail(store, actor, activity_id)


def delete(store: CachedStore, actor: Actor, activity_id: str) -> None:
    """An activity recorded by mistake goes, with its files' records and history."""
    _own(store, actor, activity_id)
    parts = store.read(queries.activities.activity_parts(activity_id))[0]
    with store.transaction() as tx:
        locked = tx.run(queries.activities.lock_activities([activity_id]))[0]
        if EvidenceState(locked["evidence_state"]) in LOCKED_EVIDENCE:
            raise Conflict("the activity's evidence was accepted meanwhile: it cannot be deleted", advice=LOCKED_ADVICE,
                           state=locked["evidence_state"])
        tx.delete_nodes("Evidence", parts["evidence_ids"])
        tx.delete_nodes("Event", parts["event_ids"])
        tx.delete_nodes("Activity", [activity_id])


@contextlib.contextmanager
def _about(title: str) -> Iterator[None]:
    """A refusal of one of several activities names it (the whole batch is refused with it)."""
    try:
        yield
    except PufaError as exc:
        exc.args = (f"activity 《{title}》: {exc.args[0] if exc.args else exc}", *exc.args[1:])
        exc.advice = f"《{title}》：{exc.advice}" if exc.advice else None
        raise


def _locked(tx: GraphWriteTx, activity_ids: list[str]) -> dict[str, Row]:
    """The activities as a write transaction sees them, locked against a concurrent change (each must
    still exist: one deleted meanwhile refuses the whole batch)."""
    found = {row["id"]: row for row in tx.run(queries.activities.lock_activities(activity_ids))}
    for activity_id in activity_ids:
        if activity_id not in found:
            raise NotFound(f"no activity with id {activity_id!r} (deleted meanwhile)")
    return found


def add_evidence(store: CachedStore, actor: Actor, activity_id: str, upload: Upload, *,
                 clock: Clock = system_clock) -> ActivityDetailPublic:
    """More evidence files; the evidence goes back to the reviewer (pending)."""
    add_evidence_each(store, actor, {activity_id: upload}, clock=clock)
    return activity_detail(store, actor, activity_id)


def add_evidence_each(store: CachedStore, actor: Actor, uploads: dict[str, Upload], *,
                      clock: Clock = system_clock) -> None:
    """Files for several of the liaison's activities (a photo each) in one transaction, all or none:
    one commit instead of one an activity. Each activity's evidence goes back to the reviewer."""
    if not uploads:
        raise InputError("name at least one activity", location="activity_ids")
    at = stamp(clock())
    batch = GraphBatch()
    sent: dict[str, list[str]] = {}
    for activity_id, upload in uploads.items():
        row = _own(store, actor, activity_id)
        with _about(row["title"]):
            if not upload.files:
                raise InputError("send at least one file", location="files")
            files = upload.checked(already=row["evidence_count"] or 0)
        sent[activity_id] = _evidence_rows(batch, activity_id, files, actor, at)
    with store.transaction() as tx:
        locked = _locked(tx, list(sent))
        for activity_id in sent:
            if EvidenceState(locked[activity_id]["evidence_state"]) in LOCKED_EVIDENCE:
                raise Conflict(f"the evidence of activity 《{locked[activity_id]['title']}》 was accepted meanwhile",
                               state=locked[activity_id]["evidence_state"], advice=LOCKED_ADVICE)
        GraphWriter(store).write_in(tx, batch)
        tx.run(queries.activities.count_evidence(list(sent), EvidenceState.PENDING.value))
        write_events(tx, "ACTIVITY_HISTORY", [
            new_event(activity_id, "upload", locked[activity_id]["evidence_state"], EvidenceState.PENDING.value,
                      actor.id, actor.label, at, evidence_ids=evidence_ids)
            for activity_id, evidence_ids in sent.items()])


def decide(store: CachedStore, actor: Actor, activity_id: str, action: str, reason: str | None = None, *,
           clock: Clock = system_clock) -> ActivityDetailPublic:
    """A reviewer accepts or rejects an activity's evidence (with a reason), never its own unit's."""
    decide_all(store, actor, [activity_id], action, reason, clock=clock)
    return activity_detail(store, actor, activity_id)


def decide_all(store: CachedStore, actor: Actor, activity_ids: list[str], action: str, reason: str | None = None, *,
               clock: Clock = system_clock) -> int:
    """批量采纳: a reviewer accepts (or rejects, with one reason) the pending evidence of several activities
    in one transaction, all or none; each is checked as one alone (never the reviewer's own unit's) and
    gets its own history event. Returns how many were decided."""
    step = EVIDENCE_STEPS.get(action)
    if step is None:
        raise NotFound(f"no decision {action!r}; the decisions are {', '.join(EVIDENCE_STEPS)}")
    actor.require(Permission.JUDGE)
    if not actor.may(step.permission):
        raise Forbidden(f"{ROLE_NAMES[actor.role]} may not {step.action} evidence ({step.name})",
                        advice=f"{ROLE_NAMES[actor.role]}不能办理“{step.name}”，请由审核人员办理。")
    activity_ids = list(dict.fromkeys(activity_ids))
    if not activity_ids:
        raise InputError("choose at least one activity", location="activity_ids", advice="请先勾选要审核的活动。")
    for activity_id in activity_ids:
        row = _readable(store, actor, activity_id)
        with _about(row["title"]):
            actor.require_impartial(row["unit_id"])
    reason = (reason or "").strip() or None
    if step.comment_required and not reason:
        raise InputError(f"{step.name} needs the reason, for the unit to read", location="reason")
    at = stamp(clock())
    with store.transaction() as tx:
        locked = _locked(tx, activity_ids)
        for activity_id in activity_ids:
            state = EvidenceState(locked[activity_id]["evidence_state"])
            if state not in step.sources:
                title = locked[activity_id]["title"]
                why = "no evidence is attached" if state is EvidenceState.NONE else f"the evidence is {EVIDENCE_NAMES[state]}"
                shown = "尚未上传佐证材料" if state is EvidenceState.NONE else f"佐证材料现为“{EVIDENCE_NAMES[state]}”"
                raise Conflict(f"cannot {step.action} ({step.name}) activity 《{title}》: {why}", state=state.value,
                               advice=f"《{title}》{shown}，不能{step.name}；请重新打开该活动查看。")
        tx.run(queries.activities.decide_evidence(activity_ids, step.target.value, reason, actor.label, at))
        write_events(tx, "ACTIVITY_HISTORY", [
            new_event(activity_id, step.action, locked[activity_id]["evidence_state"], step.target.value, actor.id,
                      actor.label, at, reason) for activity_id in activity_ids])
    return len(activity_ids)


# --- reading ---------------------------------------------------------------------------------------


def _key_dates(ids: list[str] | None) -> list[NamedPublic]:
    terms = key_dates().terms
    return [NamedPublic(id=i, name=terms[i].name) for i in ids or []
            if i in terms and terms[i].kind in SHOWN_KEY_DATE_KINDS and not i.startswith("month_")]


def summary(row: Row) -> ActivitySummaryPublic:
    state = EvidenceState(row["evidence_state"])
    return ActivitySummaryPublic(
        id=row["id"], unit=UnitBriefPublic(id=row["unit_id"], name=row.get("unit_name")), year=row["year"],
        held_on=row["held_on"], title=row["title"], key_dates=_key_dates(row["key_date_ids"]),
        audience_text=row["audience_text"], method_text=row["method_text"], place=row["place"], reached=row["reached"],
        cases_published=row["cases_published"] or 0, evidence_state=state.value, evidence_state_name=EVIDENCE_NAMES[state],
        evidence_reason=row["evidence_reason"], evidence_count=row["evidence_count"] or 0, recorder=row["recorder"],
        recorded_at=row["recorded_at"])


def _listed(rows: list[Row], skip: int, limit: int | None) -> ActivitiesPublic:
    rows = sorted(rows, key=lambda row: (row["held_on"] or "", row["recorded_at"] or "", row["id"]), reverse=True)
    shown = rows[skip:] if limit is None else rows[skip: skip + limit]
    return ActivitiesPublic(data=[summary(row) for row in shown], count=len(rows))


def activities(store: CachedStore, actor: Actor, *, unit_ids: list[str] | None = None, year: int | None = None,
               evidence_state: EvidenceState | None = None, skip: int = 0, limit: int | None = 100) -> ActivitiesPublic:
    """The activities of the liaison's units, or of the units the bureau asks for (every unit's of a
    year when it names none), newest first."""
    if unit_ids is None and actor.units:
        unit_ids = sorted(actor.units)
    if unit_ids is None:
        actor.require(Permission.READ_ALL)
        if year is None:
            raise InputError("name the units (unit_id) or the year", location="year")
        rows = store.read(queries.activities.year_activities(year))
    else:
        for unit_id in unit_ids:
            actor.require_unit(unit_id)
        rows = store.read(queries.activities.units_activities(unit_ids, year))
    return _listed([row for row in rows if evidence_state is None or row["evidence_state"] == evidence_state.value],
                   skip, limit)


def review_queue(store: CachedStore, actor: Actor, *, year: int | None = None, skip: int = 0,
                 limit: int | None = 100) -> ActivitiesPublic:
    """Every unit's activities whose evidence waits for a decision, newest first."""
    actor.require(Permission.READ_ALL)
    return _listed(store.read(queries.activities.activities_in_states([EvidenceState.PENDING.value], year)), skip, limit)


def _named(pairs: list[list] | None) -> list[NamedPublic]:
    return [NamedPublic(id=pair[0], name=pair[1]) for pair in pairs or [] if pair and pair[0] is not None]


def activity_detail(store: CachedStore, actor: Actor, activity_id: str) -> ActivityDetailPublic:
    """An activity with what it links to, its evidence files, the decisions and the steps open to the asker."""
    row = _readable(store, actor, activity_id)
    linked = store.read(queries.activities.linked_names(activity_id))[0]
    evidence = sorted(store.read(queries.activities.evidence_of([activity_id])),
                      key=lambda e: (e["uploaded_at"] or "", e["file_name"] or "", e["id"]))
    state = EvidenceState(row["evidence_state"])
    actions = []
    if actor.may(Permission.JUDGE) and row["unit_id"] not in actor.home_units:
        actions = [ActionPublic(action=step.action, name=step.name, comment_required=step.comment_required)
                   for step in EVIDENCE_STEPS.values() if state in step.sources and actor.may(step.permission)]
    editable = (actor.may(Permission.RECORD_ACTIVITIES) and row["unit_id"] in actor.units
                and state not in LOCKED_EVIDENCE)
    return ActivityDetailPublic(
        activity=summary(row), description=row["description"], key_date_text=row["key_date_text"],
        law_text=row["law_text"], source=row["source"], laws=_named(linked["laws"]),
        audiences=_named(linked["audiences"]), methods=_named(linked["methods"]), rows=_named(linked["rows"]),
        cases=[CaseUsePublic(id=case[0], name=case[1], published=case[2] == "published")
               for case in linked["cases"] or [] if case and case[0] is not None],
        unresolved=sorted(row["unresolved"] or []), evidence=[evidence_public(e) for e in evidence],
        history=history(store.read(queries.activities.activity_history(activity_id)), evidence),
        actions=actions, editable=editable)


def evidence_content(store: CachedStore, actor: Actor, evidence_id: str, folder: Path) -> tuple[EvidencePublic, bytes]:
    """An evidence file, to whoever may read its activity or 普法提示."""
    evidence = store.one(queries.activities.evidence_file(evidence_id), f"no evidence file with id {evidence_id!r}")
    owner = evidence["owner_id"]
    owners = store.read(queries.activities.activity(owner)) or store.read(queries.prompts.prompt(owner))
    if not owners:
        raise NotFound(f"the evidence file {evidence_id!r} belongs to nothing")
    actor.require_unit(owners[0]["unit_id"])
    meta = evidence_public(evidence)
    return meta, read_content(folder, evidence["sha256"], f"evidence file {evidence_id!r}")


def servable_rows(store: CachedStore, actor: Actor, unit_id: str, year: int) -> list[ServableRowPublic]:
    """The rows of the unit's current checklist of the year, for an activity to name those it served."""
    actor.require_unit(unit_id)
    rows = sorted(store.read(queries.activities.servable_rows(unit_id, year)), key=lambda r: (r["row"] or 0, r["item_id"]))
    return [ServableRowPublic(**row) for row in rows]


# --- a whole 台账 ----------------------------------------------------------------------------------


def import_ledger(store: CachedStore, actor: Actor, unit_id: str, path: Path, *,
                  clock: Clock = system_clock) -> ImportedActivitiesPublic:
    """A 台账 spreadsheet of one unit, one activity a row, written in one transaction, or refused
    whole with every row's problem (row and column). A row already imported (same date and name)
    is updated, unless its evidence was accepted."""
    _may_record(actor, unit_id)
    unit = unit_brief(store, unit_id)
    ledger = read_ledger(path)
    context = ActivityContext(store)
    existing = {row["id"]: row for row in store.read(queries.activities.units_activities([unit_id], None))}
    rows_by_year: dict[int, dict[int, str]] = {}
    at = stamp(clock())
    source = f"{Path(path).name}"
    if not actor.may(Permission.RECORD_ACTIVITIES):
        source += "（普法办录入）"
    batch, problems, written, skipped = GraphBatch(), [], [], []
    for line in ledger:
        try:
            activity_id, record_, rows = _ledger_row(store, context, unit_id, line, rows_by_year, clock)
        except InputError as exc:
            problems.append(located(exc, line))
            continue
        held = existing.get(activity_id)
        if held and EvidenceState(held["evidence_state"]) in LOCKED_EVIDENCE:
            skipped.append(f"{line.where}: 《{line.fields.title}》 的佐证已采纳，未改动")
            continue
        context.add(batch, activity_id, unit_id, unit.name, record_, rows,
                    Recorder(actor.id, actor.label, at, f"{source}:{line.number}"),
                    evidence_state=held["evidence_state"] if held else EvidenceState.NONE.value,
                    evidence_count=(held or {}).get("evidence_count") or 0, replacing=held is not None)
        written.append(activity_id)
    if problems:
        raise InputErrors(problems, source=Path(path).name)
    context.finish(batch)
    with store.transaction() as tx:
        context.writer.write_in(tx, batch)
    found = {row["id"]: row for row in store.read(queries.activities.units_activities([unit_id], None))}
    return ImportedActivitiesPublic(data=[summary(found[i]) for i in dict.fromkeys(written)], count=len(set(written)),
                                    skipped=skipped)


def _ledger_row(store: CachedStore, context: ActivityContext, unit_id: str, line: LedgerRow,
                rows_by_year: dict[int, dict[int, str]], clock: Clock) -> tuple[str, ActivityRecord, dict[str, list[str]]]:
    record_ = read_activity(line.fields, context.catalogue, today=clock().date())
    if line.checklist_rows:
        if record_.year not in rows_by_year:
            rows_by_year[record_.year] = {row["row"]: row["item_id"]
                                          for row in store.read(queries.activities.servable_rows(unit_id, record_.year))}
        numbers = rows_by_year[record_.year]
        unknown = [str(n) for n in line.checklist_rows if n not in numbers]
        if unknown:
            raise InputError(f"the unit's {record_.year} checklist has no row {', '.join(unknown)}", location="item_ids")
        line.fields.item_ids = [numbers[n] for n in line.checklist_rows]
    rows = _rows_served(store, unit_id, line.fields.item_ids, record_.year)
    return stable_id("V", unit_id, record_.held_on, line.fields.title.strip()), record_, rows
