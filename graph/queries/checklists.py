"""Current checklists, their rows and claims; and the writes that keep a checklist's summary."""

from __future__ import annotations

import uuid

from graph.queries.fragments import CURRENT, DECLARES, ITEM_FIELDS, NOT_DRAFT, unit_and_sections
from graph.query import Query
from graph.schema import rel_type
from pufa.workflow import State


def latest_checklist_year() -> Query:
    """The latest year with a current checklist (drafts are never current)."""
    return Query("latest_checklist_year", "MATCH (c:Checklist) WHERE c.current RETURN max(c.year) AS year", cached=True)


CLAIMS = "c.id AS checklist_id, c.summary_stamp AS stamp, c.unit_id AS unit_id, c.law_ids AS law_ids"
CLAIM_COLUMNS = ("checklist_id", "stamp", "unit_id", "law_ids")


def current_claims(year: int | None) -> Query:
    """Each current checklist's unit and the laws its rows claim (Checklist.law_ids), with its summary stamp."""
    return Query("current_claims", f"MATCH (c:Checklist) WHERE {CURRENT} RETURN {CLAIMS}", {"year": year},
                 cached=True, packed=CLAIM_COLUMNS)


def current_summaries(year: int | None) -> Query:
    """Each current checklist's summary stamp ('' for none), side by side in two lists: what tells which
    kept checklists to read again (one row of two lists: LadybugDB 10 ms, 14,000 rows of two 20 ms)."""
    return Query(
        "current_summaries",
        f"MATCH (c:Checklist) WHERE {CURRENT} RETURN collect(c.id) AS ids, collect(coalesce(c.summary_stamp, '')) AS stamps",
        {"year": year},
        cached=True,
    )


def claims_of_checklists(checklist_ids: list[str]) -> Query:
    """`current_claims` of these checklists."""
    return Query("claims_of_checklists", f"UNWIND $ids AS cid MATCH (c:Checklist {{id: cid}}) RETURN {CLAIMS}",
                 {"ids": list(checklist_ids)}, packed=CLAIM_COLUMNS)


def unit_claims(unit_id: str, year: int | None, include_sub_units: bool = False) -> Query:
    """The rows of a unit's (and its sections') current checklists and the laws they claim."""
    return Query(
        "unit_claims",
        f"{unit_and_sections(include_sub_units)}-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)"
        f"-[r:CLAIMS]->(l:Law) WHERE {CURRENT} RETURN {ITEM_FIELDS}, r.surface AS surface, l.id AS law_id",
        {"unit_id": unit_id, "year": year},
    )


def law_claims(law_id: str, year: int | None) -> Query:
    """The current-checklist rows of a year that claim one law, with the name as written."""
    return Query(
        "law_claims",
        f"MATCH (l:Law {{id: $law_id}})<-[r:CLAIMS]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist)"
        f"<-[:SUBMITTED]-(u:Unit) WHERE {CURRENT} "
        f"RETURN {ITEM_FIELDS}, {DECLARES} AS declares, r.surface AS surface, l.id AS law_id",
        {"law_id": law_id, "year": year},
    )


def checklist_items(unit_id: str, year: int | None) -> Query:
    """A unit's current checklist of a year, row by row, as it will be published."""
    return Query(
        "checklist_items",
        f"MATCH (u:Unit {{id: $unit_id}})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) WHERE {CURRENT} "
        f"RETURN {ITEM_FIELDS}, i.audience_text AS audience_text, i.method_text AS method_text, "
        "i.timing_text AS timing_text, i.section AS section, i.person AS person, i.partners AS partners",
        {"unit_id": unit_id, "year": year},
    )


def unit_checklists(unit_id: str) -> Query:
    """A unit's revisions the bureau has (not its drafts)."""
    return Query(
        "unit_checklists",
        f"MATCH (:Unit {{id: $unit_id}})-[:SUBMITTED]->(c:Checklist) WHERE {NOT_DRAFT} "
        "OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem) "
        "RETURN c.id AS id, c.year AS year, c.revision AS revision, c.current AS current, c.source AS source, "
        "c.submitted_at AS submitted_at, count(i) AS items",
        {"unit_id": unit_id, "draft": State.DRAFT.value},
    )


def submitted_unit_ids(year: int | None) -> Query:
    """The units with a current checklist for the year, in one row."""
    return Query(
        "submitted_unit_ids",
        f"MATCH (c:Checklist) WHERE {CURRENT} RETURN collect(DISTINCT c.unit_id) AS unit_ids",
        {"year": year},
    )


SUMMARY_VERSION = 2
"""1: row counts and claimed laws; 2: also the rows per key date and audience (ROWS_ON, ROWS_FOR)."""
ANCHOR_SUMMARIES = {"ROWS_ON": "SCHEDULED", "ROWS_FOR": "TARGETS"}
"""The checklist's summary relationship -> the row relationship to the anchor it keeps the rows of."""

CHECKLIST_SUMMARY = (
    "OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem) "
    "WITH c, count(i) AS items, sum(CASE WHEN size(i.problems) > 0 THEN 1 ELSE 0 END) AS with_problems, "
    "sum(CASE WHEN size(i.unresolved) > 0 THEN 1 ELSE 0 END) AS with_unresolved "
    "OPTIONAL MATCH (c)-[:HAS_ITEM]->(:ChecklistItem)-[:CLAIMS]->(l:Law) "
    "WITH c, items, with_problems, with_unresolved, collect(DISTINCT l.id) AS law_ids "
    "SET c.items = items, c.with_problems = with_problems, c.with_unresolved = with_unresolved, "
    "c.law_ids = law_ids, c.summary_version = $summary_version, c.summary_stamp = $summary_stamp RETURN count(c) AS n"
)
"""Write checklist `c`'s row counts and claimed laws from its rows, the version of its summary and a
fresh summary stamp (domain.base.tally re-reads a kept checklist once its stamp changes)."""


def _summary(name: str, start: str, params: dict) -> list[Query]:
    """The statements writing the summary of the checklists `c` that `start` matches: the anchors'
    relationships anew (rows pointing at an anchor but claiming no law join no campaign group), then
    the counts, which set the version last (the start of an unfinished migration still matches)."""
    statements = []
    for summary, rel in ANCHOR_SUMMARIES.items():
        target = rel_type(summary).target
        statements += [
            Query(f"{name}_clear_{summary.lower()}", f"{start} MATCH (c)-[old:{summary}]->(:{target}) DELETE old", params),
            Query(
                f"{name}_{summary.lower()}",
                f"{start} MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem)-[:{rel}]->(a:{target}) MATCH (i)-[:CLAIMS]->(l:Law) "
                f"WITH c, a, collect(i.id) AS item_ids, collect(l.id) AS law_ids, "
                f"collect(CASE WHEN {DECLARES} THEN i.id ELSE NULL END) AS declaring "
                f"CREATE (c)-[:{summary} {{item_ids: item_ids, law_ids: law_ids, declaring_item_ids: declaring}}]->(a)",
                params,
            ),
        ]
    return [*statements, Query(name, f"{start} {CHECKLIST_SUMMARY}",
                               {**params, "summary_version": SUMMARY_VERSION, "summary_stamp": uuid.uuid4().hex})]


def summarize_checklist(checklist_id: str) -> list[Query]:
    """Run in the transaction that wrote the checklist's rows; the last statement counts it."""
    return _summary("summarize_checklist", "MATCH (c:Checklist {id: $checklist_id})", {"checklist_id": checklist_id})


def summarize_unsummarized_checklists() -> list[Query]:
    """Checklists written before their summaries were kept (or by a raw loader) get them; the last
    statement counts them."""
    return _summary(
        "summarize_unsummarized_checklists",
        "MATCH (c:Checklist) WHERE c.items IS NULL OR c.law_ids IS NULL OR coalesce(c.summary_version, 0) < $version "
        "OR c.summary_stamp IS NULL",
        {"version": SUMMARY_VERSION},
    )


def retire_current_checklists(unit_id: str, year: int) -> Query:
    """A unit's current checklist of a year stops being current (a new revision replaces it)."""
    return Query(
        "retire_current_checklists",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) WHERE c.year = $year AND c.current "
        "SET c.current = false RETURN count(c) AS n",
        {"unit_id": unit_id, "year": year},
    )


def unit_year_checklists(unit_id: str, year: int) -> Query:
    """A unit's checklist revisions for a year, newest first: the next revision number, whether it
    changed, and the states the workflow goes by."""
    return Query(
        "unit_year_checklists",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) WHERE c.year = $year "
        "RETURN c.id AS id, c.revision AS revision, c.digest AS digest, c.state AS state, c.based_on AS based_on, "
        "c.submitted_by AS submitted_by ORDER BY c.revision DESC",
        {"unit_id": unit_id, "year": year},
    )


def checklist_parts(checklist_id: str) -> Query:
    """Its unit, and the ids of a revision's rows and attachments (to replace a draft whole)."""
    return Query(
        "checklist_parts",
        "MATCH (c:Checklist {id: $checklist_id}) OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem) "
        "WITH c, collect(i.id) AS item_ids OPTIONAL MATCH (c)-[:HAS_ATTACHMENT]->(a:Attachment) "
        "RETURN c.unit_id AS unit_id, item_ids, collect(a.id) AS attachment_ids",
        {"checklist_id": checklist_id},
    )


def states_of_legacy_checklists(state: str) -> Query:
    """Checklists written before the workflow get its state for what they were (the bureau's revisions)."""
    return Query("states_of_legacy_checklists",
                 "MATCH (c:Checklist) WHERE c.state IS NULL SET c.state = $state RETURN count(c) AS n", {"state": state})


def forget_digest(checklist_id: str) -> Query:
    """A draft edited row by row no longer has the content of an uploaded file."""
    return Query("forget_digest", "MATCH (c:Checklist {id: $checklist_id}) SET c.digest = null RETURN c.id AS id",
                 {"checklist_id": checklist_id})
