"""The checklist workflow's reads and writes: a revision with its state, rows, comments, trail and
attachments; the review queue; the units' own revisions; published checklists; the year's plan."""

from __future__ import annotations

from graph.queries.fragments import CITED_FIELDS, CITED_VERSIONS, OUTDATED_CLAIM, OUTDATED_PARAMS, locked
from graph.query import Query

CHECKLIST_FIELDS = (
    "c.id AS id, c.unit_id AS unit_id, c.year AS year, c.revision AS revision, c.state AS state, "
    "c.current AS current, c.source AS source, c.submitted_at AS submitted_at, c.submitted_by AS submitted_by, "
    "c.based_on AS based_on, c.filing_number AS filing_number, c.filed_on AS filed_on, "
    "c.published_on AS published_on, c.items AS items, c.with_problems AS with_problems, "
    "c.with_unresolved AS with_unresolved, c.law_ids AS law_ids"
)
ROW_FIELDS = (
    "i.id AS item_id, i.row AS row, i.source AS source, i.law_text AS law_text, i.audience_text AS audience_text, "
    "i.method_text AS method_text, i.timing_text AS timing_text, i.section AS section, i.person AS person, "
    "i.partners AS partners, i.problems AS problems, i.unresolved AS unresolved, i.origin AS origin, i.note AS note, "
    "i.not_laws AS not_laws"
)
SUMMARY_FIELDS = (
    "u.id AS unit_id, u.name AS unit_name, c.id AS id, c.year AS year, c.revision AS revision, c.state AS state, "
    "c.submitted_at AS submitted_at, c.submitted_by AS submitted_by, c.items AS items, "
    "c.with_problems AS with_problems, c.with_unresolved AS with_unresolved, c.filing_number AS filing_number, "
    "c.published_on AS published_on, c.based_on AS based_on, c.current AS current, c.law_ids AS law_ids"
)
SUMMARY_COLUMNS = tuple(field.rsplit(" AS ", 1)[1] for field in SUMMARY_FIELDS.split(", "))


def lock_checklist(checklist_id: str) -> Query:
    """A revision inside a write transaction (fragments.locked): two transitions of it cannot interleave."""
    return locked("lock_checklist", "Checklist", "c", checklist_id, CHECKLIST_FIELDS)


def checklist(checklist_id: str) -> Query:
    return Query(
        "checklist",
        f"MATCH (u:Unit)-[:SUBMITTED]->(c:Checklist {{id: $checklist_id}}) RETURN {CHECKLIST_FIELDS}, "
        "u.name AS unit_name",
        {"checklist_id": checklist_id},
    )


def set_state(checklist_id: str, state: str) -> Query:
    return Query("set_state", "MATCH (c:Checklist {id: $checklist_id}) SET c.state = $state RETURN c.id AS id",
                 {"checklist_id": checklist_id, "state": state})


def mark_submitted(checklist_id: str, actor_id: str, at: str) -> Query:
    return Query(
        "mark_submitted",
        "MATCH (c:Checklist {id: $checklist_id}) SET c.submitted_by = $actor_id, c.submitted_at = $at RETURN c.id AS id",
        {"checklist_id": checklist_id, "actor_id": actor_id, "at": at},
    )


def mark_filed(checklist_id: str, filing_number: str, filed_on: str) -> Query:
    return Query(
        "mark_filed",
        "MATCH (c:Checklist {id: $checklist_id}) SET c.filing_number = $filing_number, c.filed_on = $filed_on "
        "RETURN c.id AS id",
        {"checklist_id": checklist_id, "filing_number": filing_number, "filed_on": filed_on},
    )


def mark_published(checklist_id: str, published_on: str) -> Query:
    return Query(
        "mark_published",
        "MATCH (c:Checklist {id: $checklist_id}) SET c.published_on = $published_on RETURN c.id AS id",
        {"checklist_id": checklist_id, "published_on": published_on},
    )


def set_current(unit_id: str, year: int, checklist_id: str | None) -> Query:
    """Exactly this revision (or none) is the unit's current one for the year."""
    return Query(
        "set_current",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) WHERE c.year = $year "
        "SET c.current = (c.id = $checklist_id) RETURN count(c) AS n",
        {"unit_id": unit_id, "year": year, "checklist_id": checklist_id or ""},
    )


def filing_number_taken(filing_number: str) -> Query:
    return Query("filing_number_taken",
                 "MATCH (c:Checklist) WHERE c.filing_number = $filing_number RETURN c.id AS id",
                 {"filing_number": filing_number})


def checklist_rows(checklist_id: str) -> Query:
    return Query(
        "checklist_rows",
        f"MATCH (c:Checklist {{id: $checklist_id}})-[:HAS_ITEM]->(i:ChecklistItem) RETURN {ROW_FIELDS}",
        {"checklist_id": checklist_id},
    )


def row_claims(checklist_id: str) -> Query:
    """Each row's claimed laws, why a claim is outdated (`outdated`: the law 已废止 / 已修改 or the
    version the row names 已修改; null when current), the law that replaced a repealed one and the
    dates of the cited and current versions."""
    return Query(
        "row_claims",
        "MATCH (c:Checklist {id: $checklist_id})-[:HAS_ITEM]->(i:ChecklistItem)-[r:CLAIMS]->(l:Law) "
        f"OPTIONAL MATCH (l)-[:REPEALED_BY]->(n:Law) {CITED_VERSIONS} "
        "RETURN i.id AS item_id, l.id AS law_id, coalesce(l.short_title, l.title) AS law_name, l.title AS law_title, "
        f"{OUTDATED_CLAIM} AS outdated, n.id AS replaced_by_id, n.title AS replaced_by_title, {CITED_FIELDS}",
        {"checklist_id": checklist_id, **OUTDATED_PARAMS},
    )


def comments_of(checklist_ids: list[str]) -> Query:
    return Query(
        "comments_of",
        "MATCH (c:Checklist)-[:HAS_COMMENT]->(m:ReviewComment) WHERE c.id IN $checklist_ids "
        "RETURN m.id AS id, m.checklist_id AS checklist_id, m.item_id AS item_id, m.row AS row, "
        "m.law_text AS law_text, m.text AS text, m.author AS author, m.at AS at",
        {"checklist_ids": list(checklist_ids)},
    )


def transitions_of(checklist_ids: list[str]) -> Query:
    return Query(
        "transitions_of",
        "MATCH (c:Checklist)-[:HAS_TRANSITION]->(t:Transition) WHERE c.id IN $checklist_ids "
        "RETURN t.id AS id, t.checklist_id AS checklist_id, t.action AS action, t.from_state AS from_state, "
        "t.to_state AS to_state, t.actor AS actor, t.at AS at, t.comment AS comment, t.seq AS seq",
        {"checklist_ids": list(checklist_ids)},
    )


def attachments_of(checklist_id: str) -> Query:
    return Query(
        "attachments_of",
        "MATCH (c:Checklist {id: $checklist_id})-[:HAS_ATTACHMENT]->(a:Attachment) "
        "RETURN a.id AS id, a.file_name AS file_name, a.media_type AS media_type, a.size AS size, "
        "a.sha256 AS sha256, a.uploaded_by AS uploaded_by, a.uploaded_at AS uploaded_at",
        {"checklist_id": checklist_id},
    )


def checklists_in_states(states: list[str]) -> Query:
    """Every revision in one of these states (the review queue, the published list), one small row each."""
    return Query(
        "checklists_in_states",
        f"MATCH (u:Unit)-[:SUBMITTED]->(c:Checklist) WHERE c.state IN $states RETURN {SUMMARY_FIELDS}",
        {"states": list(states)},
        cached=True,
        packed=SUMMARY_COLUMNS,
    )


def units_checklists(unit_ids: list[str]) -> Query:
    """Every revision of these units, in any state (a liaison's own list)."""
    return Query(
        "units_checklists",
        f"MATCH (u:Unit)-[:SUBMITTED]->(c:Checklist) WHERE u.id IN $unit_ids RETURN {SUMMARY_FIELDS}",
        {"unit_ids": list(unit_ids)},
    )


def year_plan(year: int) -> Query:
    return Query(
        "year_plan",
        "MATCH (y:ChecklistYear {id: $id}) RETURN y.year AS year, y.opened_at AS opened_at, y.opened_by AS opened_by, "
        "y.liaison_deadline AS liaison_deadline, y.checklist_deadline AS checklist_deadline, y.notice AS notice",
        {"id": _year_id(year)},
    )


def latest_opened_year() -> Query:
    """The latest year the bureau opened (年度安排): the working year of every page and answer."""
    return Query("latest_opened_year",
                 "MATCH (y:ChecklistYear) WHERE y.opened_at IS NOT NULL RETURN max(y.year) AS year")


def save_year_plan(year: int, at: str, actor: str, liaison_deadline: str | None, checklist_deadline: str | None,
                   notice: str | None) -> Query:
    """Open the year (the first time) and set its deadlines and notice."""
    return Query(
        "save_year_plan",
        "MERGE (y:ChecklistYear {id: $id}) SET y.year = $year, y.opened_at = coalesce(y.opened_at, $at), "
        "y.opened_by = coalesce(y.opened_by, $actor), y.liaison_deadline = $liaison_deadline, "
        "y.checklist_deadline = $checklist_deadline, y.notice = $notice RETURN y.id AS id",
        {"id": _year_id(year), "year": year, "at": at, "actor": actor, "liaison_deadline": liaison_deadline,
         "checklist_deadline": checklist_deadline, "notice": notice},
    )


def lock_year(year: int) -> Query:
    """The year's node, written first by an assessment's computation so that two cannot take the same
    version number (it opens nothing: the plan's fields stay as they are)."""
    return Query(
        "lock_year",
        "MERGE (y:ChecklistYear {id: $id}) SET y.year = $year RETURN y.id AS id",
        {"id": _year_id(year), "year": year},
    )


def _year_id(year: int) -> str:
    return f"Y{year:04d}"
