"""The histories of activities' evidence, and of 普法提示: one Event per step, written in the
step's own transaction and never changed afterwards, read back oldest first."""

from __future__ import annotations

import time
import uuid

from domain.assessment.models import EventPublic, EvidencePublic
from domain.base.evidence import CheckedFile
from graph.query import Row
from graph.store import GraphWriteTx
from pufa.workflow import EVENT_NAMES


def write_event(tx: GraphWriteTx, rel: str, subject_id: str, action: str, from_state: str | None,
                to_state: str | None, actor_id: str, actor: str, at: str, comment: str | None = None,
                deadline: str | None = None, evidence_ids: list[str] | None = None) -> None:
    write_events(tx, rel, [new_event(subject_id, action, from_state, to_state, actor_id, actor, at, comment, deadline,
                                     evidence_ids)])


def new_event(subject_id: str, action: str, from_state: str | None, to_state: str | None, actor_id: str, actor: str,
              at: str, comment: str | None = None, deadline: str | None = None,
              evidence_ids: list[str] | None = None) -> dict:
    return {"id": f"{subject_id}@{uuid.uuid4().hex[:12]}", "subject_id": subject_id, "action": action,
            "from_state": from_state, "to_state": to_state, "actor_id": actor_id, "actor": actor, "at": at,
            "comment": comment, "deadline": deadline, "evidence_ids": evidence_ids or [], "seq": time.time_ns()}


def write_events(tx: GraphWriteTx, rel: str, events: list[dict]) -> None:
    """Events in two statements however many there are: one pair of statements an event, hundreds in one
    transaction, is what filled LadybugDB's buffer pool when a county's 普法提示 were issued from an assessment."""
    tx.upsert_nodes("Event", events)
    tx.upsert_edges(rel, [{"src": event["subject_id"], "dst": event["id"]} for event in events])


def evidence_public(row: Row) -> EvidencePublic:
    return EvidencePublic(**{name: row.get(name) for name in EvidencePublic.model_fields})


def history(events: list[Row], evidence: list[Row], names: dict[str, str] = EVENT_NAMES) -> list[EventPublic]:
    """The steps oldest first, each named as `names` says (an activity's evidence, a 普法提示's)."""
    files = {row["id"]: evidence_public(row) for row in evidence}
    return [EventPublic(id=row["id"], action=row["action"], name=names.get(row["action"], row["action"]),
                        from_state=row["from_state"], to_state=row["to_state"], actor=row["actor"], at=row["at"],
                        comment=row["comment"], deadline=row["deadline"],
                        evidence=[files[i] for i in row["evidence_ids"] or [] if i in files])
            for row in sorted(events, key=lambda row: (row["at"] or "", row["seq"] or 0))]


def evidence_rows(owner_id: str, files: list[CheckedFile], uploaded_by: str, at: str) -> list[dict]:
    """Evidence nodes for files sent with a step (an answer to a 普法提示), one per content."""
    return [{"id": f"{owner_id}:{checked.sha256[:16]}", "owner_id": owner_id, "file_name": checked.name,
             "media_type": checked.media_type, "size": checked.size, "sha256": checked.sha256,
             "uploaded_by": uploaded_by, "uploaded_at": at} for checked in files]


def write_evidence(tx: GraphWriteTx, rel: str, owner_id: str, evidence: list[dict]) -> None:
    """The evidence nodes and their `rel` edges from the owner, in the step's own transaction."""
    if evidence:
        tx.upsert_nodes("Evidence", evidence)
        tx.upsert_edges(rel, [{"src": owner_id, "dst": e["id"]} for e in evidence])
