"""Activities (履职台账): a unit's records, one with what it links to, the rows it may serve, the
evidence files, the reviewer's decisions, and the review queue."""

from __future__ import annotations

from graph.queries.fragments import fields
from graph.query import Query

ACTIVITY_FIELDS = (
    "a.id AS id, a.unit_id AS unit_id, a.year AS year, a.held_on AS held_on, a.title AS title, "
    "a.description AS description, a.place AS place, a.reached AS reached, a.audience_text AS audience_text, "
    "a.audience_ids AS audience_ids, a.method_text AS method_text, a.method_ids AS method_ids, "
    "a.key_date_text AS key_date_text, a.key_date_ids AS key_date_ids, a.law_text AS law_text, a.law_ids AS law_ids, "
    "a.item_ids AS item_ids, a.case_ids AS case_ids, a.cases_published AS cases_published, "
    "a.unresolved AS unresolved, a.source AS source, a.recorded_by AS recorded_by, a.recorder AS recorder, "
    "a.recorded_at AS recorded_at, a.evidence_state AS evidence_state, a.evidence_reason AS evidence_reason, "
    "a.evidence_by AS evidence_by, a.evidence_at AS evidence_at, a.evidence_count AS evidence_count"
)
EVIDENCE_FIELDS = fields("e", ("id", "owner_id", "file_name", "media_type", "size", "sha256", "uploaded_by",
                               "uploaded_at"))
EVENT_FIELDS = fields("h", ("id", "subject_id", "action", "from_state", "to_state", "actor", "at", "comment", "deadline",
                            "evidence_ids", "seq"))


def activity(activity_id: str) -> Query:
    return Query(
        "activity",
        f"MATCH (u:Unit)-[:RECORDED]->(a:Activity {{id: $activity_id}}) RETURN {ACTIVITY_FIELDS}, u.name AS unit_name",
        {"activity_id": activity_id},
    )


def lock_activities(activity_ids: list[str]) -> Query:
    """Activities inside a write transaction, written first so that two decisions on one cannot interleave."""
    return Query(
        "lock_activities",
        f"MATCH (a:Activity) WHERE a.id IN $activity_ids SET a.evidence_state = a.evidence_state RETURN {ACTIVITY_FIELDS}",
        {"activity_ids": activity_ids},
    )


def _of_year(year: int | None) -> str:
    return "" if year is None else " AND a.year = $year"


def units_activities(unit_ids: list[str], year: int | None) -> Query:
    """The activities of these units (of a year, or every year), as a list shows them."""
    return Query(
        "units_activities",
        f"MATCH (u:Unit)-[:RECORDED]->(a:Activity) WHERE u.id IN $unit_ids{_of_year(year)} "
        f"RETURN {ACTIVITY_FIELDS}, u.name AS unit_name",
        {"unit_ids": list(unit_ids), "year": year},
    )


def year_activities(year: int) -> Query:
    """Every unit's activities of a year (the bureau's 台账 view)."""
    return Query(
        "year_activities",
        f"MATCH (u:Unit)-[:RECORDED]->(a:Activity) WHERE a.year = $year RETURN {ACTIVITY_FIELDS}, u.name AS unit_name",
        {"year": year},
    )


def activities_in_states(states: list[str], year: int | None) -> Query:
    """Every unit's activities whose evidence is in one of these states (the reviewer's queue)."""
    return Query(
        "activities_in_states",
        f"MATCH (u:Unit)-[:RECORDED]->(a:Activity) WHERE a.evidence_state IN $states{_of_year(year)} "
        f"RETURN {ACTIVITY_FIELDS}, u.name AS unit_name",
        {"states": list(states), "year": year},
    )


def unit_rows(unit_id: str, item_ids: list[str]) -> Query:
    """Rows of the unit's checklists among these ids, with their year and the laws they claim (what an
    activity serving them explains)."""
    return Query(
        "unit_rows",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) WHERE i.id IN $item_ids "
        "OPTIONAL MATCH (i)-[:CLAIMS]->(l:Law) "
        "RETURN i.id AS item_id, c.year AS year, i.row AS row, i.law_text AS law_text, collect(l.id) AS law_ids",
        {"unit_id": unit_id, "item_ids": list(item_ids)},
    )


def servable_rows(unit_id: str, year: int) -> Query:
    """The rows of the unit's current checklist of a year: what an activity of that year may serve."""
    return Query(
        "servable_rows",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) "
        "WHERE c.current AND c.year = $year "
        "RETURN i.id AS item_id, i.row AS row, i.law_text AS law_text, i.audience_text AS audience_text",
        {"unit_id": unit_id, "year": year},
    )


def linked_names(activity_id: str) -> Query:
    """What an activity links to, by kind, with names: laws, audiences, methods, key dates, rows, cases."""
    return Query(
        "linked_names",
        "MATCH (a:Activity {id: $activity_id}) "
        "OPTIONAL MATCH (a)-[:COVERS]->(l:Law) WITH a, collect([l.id, coalesce(l.short_title, l.title)]) AS laws "
        "OPTIONAL MATCH (a)-[:REACHES]->(au:Audience) WITH a, laws, collect([au.id, au.name]) AS audiences "
        "OPTIONAL MATCH (a)-[:APPLIES]->(m:Method) WITH a, laws, audiences, collect([m.id, m.name]) AS methods "
        "OPTIONAL MATCH (a)-[:ON_KEY_DATE]->(k:KeyDate) "
        "WITH a, laws, audiences, methods, collect([k.id, k.name]) AS key_dates "
        "OPTIONAL MATCH (a)-[:SERVES]->(i:ChecklistItem) "
        "WITH a, laws, audiences, methods, key_dates, collect([i.id, i.law_text]) AS rows "
        "OPTIONAL MATCH (a)-[uc:USED_CASE]->(k2:LawCase) "
        "RETURN laws, audiences, methods, key_dates, rows, "
        "collect([k2.id, k2.title, CASE WHEN uc.published THEN 'published' ELSE 'used' END]) AS cases",
        {"activity_id": activity_id},
    )


def evidence_of(owner_ids: list[str]) -> Query:
    """The evidence files of these activities or 普法提示."""
    return Query(
        "evidence_of",
        f"MATCH (e:Evidence) WHERE e.owner_id IN $owner_ids RETURN {EVIDENCE_FIELDS}",
        {"owner_ids": list(owner_ids)},
    )


def evidence_file(evidence_id: str) -> Query:
    return Query("evidence_file", f"MATCH (e:Evidence {{id: $evidence_id}}) RETURN {EVIDENCE_FIELDS}",
                 {"evidence_id": evidence_id})


def activity_history(activity_id: str) -> Query:
    return Query(
        "activity_history",
        f"MATCH (:Activity {{id: $activity_id}})-[:ACTIVITY_HISTORY]->(h:Event) RETURN {EVENT_FIELDS}",
        {"activity_id": activity_id},
    )


def decide_evidence(activity_ids: list[str], state: str, reason: str | None, by: str, at: str) -> Query:
    return Query(
        "decide_evidence",
        "MATCH (a:Activity) WHERE a.id IN $activity_ids SET a.evidence_state = $state, a.evidence_reason = $reason, "
        "a.evidence_by = $by, a.evidence_at = $at RETURN a.id AS id",
        {"activity_ids": activity_ids, "state": state, "reason": reason, "by": by, "at": at},
    )


def count_evidence(activity_ids: list[str], state: str) -> Query:
    """After files were added: their count, and the evidence back to the reviewer (`state`)."""
    return Query(
        "count_evidence",
        "MATCH (a:Activity) WHERE a.id IN $activity_ids OPTIONAL MATCH (a)-[:HAS_EVIDENCE]->(e:Evidence) "
        "WITH a, count(e) AS files SET a.evidence_count = files, a.evidence_state = $state, "
        "a.evidence_reason = null, a.evidence_by = null, a.evidence_at = null RETURN files",
        {"activity_ids": activity_ids, "state": state},
    )


def activity_parts(activity_id: str) -> Query:
    """The ids of an activity's evidence and history (deleted with it)."""
    return Query(
        "activity_parts",
        "MATCH (a:Activity {id: $activity_id}) OPTIONAL MATCH (a)-[:HAS_EVIDENCE]->(e:Evidence) "
        "WITH a, collect(e.id) AS evidence_ids OPTIONAL MATCH (a)-[:ACTIVITY_HISTORY]->(h:Event) "
        "RETURN evidence_ids, collect(h.id) AS event_ids",
        {"activity_id": activity_id},
    )


def titles(activity_ids: list[str]) -> Query:
    """Activities by id with their date and title (how a score line names the records it rests on)."""
    return Query(
        "activity_titles",
        "MATCH (a:Activity) WHERE a.id IN $activity_ids RETURN a.id AS id, a.held_on AS held_on, a.title AS title",
        {"activity_ids": list(activity_ids)},
    )


def row_texts(item_ids: list[str]) -> Query:
    """Checklist rows by id with their law text (how a score line names the rows it rests on)."""
    return Query(
        "row_texts",
        "MATCH (i:ChecklistItem) WHERE i.id IN $item_ids RETURN i.id AS id, i.row AS row, i.law_text AS law_text",
        {"item_ids": list(item_ids)},
    )
