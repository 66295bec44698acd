"""The audit's reads: checklists with their counts, flagged rows, outdated citations."""

from __future__ import annotations

from graph.queries.fragments import (
    CITED_FIELDS,
    CITED_VERSIONS,
    CURRENT,
    CURRENT_ITEM,
    ITEM_FIELDS,
    OUTDATED_CLAIM,
    OUTDATED_PARAMS,
    unit_start,
)
from graph.query import Query

FLAG_FIELDS = {"problems": "i.problems", "unresolved": "i.unresolved"}

FLAG_COUNTS = {"problems": "with_problems", "unresolved": "with_unresolved"}
"""The checklist property counting the rows each flag marks."""


COUNTS = ("c.unit_id AS unit_id, c.id AS checklist_id, c.summary_stamp AS stamp, c.revision AS revision, "
          "c.items AS items, c.with_problems AS with_problems, c.with_unresolved AS with_unresolved")
COUNT_COLUMNS = ("unit_id", "checklist_id", "stamp", "revision", "items", "with_problems", "with_unresolved")


def current_checklists(year: int | None, unit_id: str | None = None) -> Query:
    """Current checklists of a year with their row counts (kept on the checklist)."""
    return Query(
        "current_checklists",
        f"{unit_start(unit_id)}-[:SUBMITTED]->(c:Checklist) WHERE {CURRENT} RETURN {COUNTS}",
        {"year": year, "unit_id": unit_id},
        cached=True,
        packed=COUNT_COLUMNS,
    )


def counts_of_checklists(checklist_ids: list[str]) -> Query:
    """`current_checklists` of these checklists."""
    return Query("counts_of_checklists", f"MATCH (:Unit)-[:SUBMITTED]->(c:Checklist) WHERE c.id IN $ids RETURN {COUNTS}",
                 {"ids": list(checklist_ids)}, packed=COUNT_COLUMNS)


def flagged_rows(kind: str, unit_ids: list[str], checklist_ids: list[str]) -> Query:
    """The rows of these units' checklists with problems (a missing question) or unresolved names.

    Started at the units: from the checklists LadybugDB joins the whole HAS_ITEM table (60 ms, not 2).
    """
    field = FLAG_FIELDS[kind]
    return Query(
        f"flagged_rows_{kind}",
        f"MATCH (u:Unit) WHERE u.id IN $unit_ids MATCH {CURRENT_ITEM} WHERE c.id IN $checklist_ids "
        f"AND size({field}) > 0 RETURN {ITEM_FIELDS}, {field} AS codes",
        {"unit_ids": sorted(set(unit_ids)), "checklist_ids": list(checklist_ids)},
        cached=True,
    )


def outdated_citations(year: int | None, unit_id: str | None = None) -> Query:
    """Current-checklist rows claiming a repealed or amended law, or naming a version no longer
    current (（2012年修正）), with the law that replaced it and the dates of the cited and current versions.

    The planners disagree on where to start: LadybugDB walks from the units and filters the claims
    (3 ms in a province), Neo4j must start at the few outdated laws, collected first so that its
    planner does not start at every checklist instead (0.8 s), and at the amended versions.
    """
    unit = "(u:Unit)" if unit_id is None else "(u:Unit {id: $unit_id})"
    tail = (
        f"OPTIONAL MATCH (l)-[rb:REPEALED_BY]->(n:Law) {CITED_VERSIONS} "
        f"WITH u, c, i, r, l, rb, n, cv, cur, {OUTDATED_CLAIM} AS outdated WHERE outdated IS NOT NULL "
        f"RETURN {ITEM_FIELDS}, r.surface AS surface, l.id AS law_id, l.title AS law_title, outdated, "
        f"n.id AS replaced_by_id, n.title AS replaced_by_title, rb.date AS replaced_on, {CITED_FIELDS}"
    )
    claims = f"{unit}-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)-[r:CLAIMS]->(l:Law)"
    return Query(
        "outdated_citations",
        f"MATCH (l:Law) WHERE l.status IN $outdated WITH collect(l) AS laws UNWIND laws AS l "
        f"MATCH {claims} WHERE {CURRENT} {tail} UNION ALL "
        "MATCH (old:LawVersion {status: $amended}) MATCH (l:Law {id: old.law_id}) "
        f"MATCH {claims} WHERE {CURRENT} AND r.version_id = old.id AND NOT l.status IN $outdated {tail}",
        {"year": year, "unit_id": unit_id, **OUTDATED_PARAMS},
        ladybug=f"MATCH {claims} WHERE {CURRENT} AND (l.status IN $outdated OR r.version_id IS NOT NULL) {tail}",
    )
