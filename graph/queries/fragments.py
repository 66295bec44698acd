"""Cypher fragments the topic modules share: returned fields, the current-checklist path, starts."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from graph.query import Query
from pufa.laws import LawBrief, LawFacts
from pufa.vocab import OUTDATED_STATUSES


def fields(var: str, names: Iterable[str]) -> str:
    """`d.id AS id, d.unit_id AS unit_id, …`: a node's properties returned under their own names."""
    return ", ".join(f"{var}.{name} AS {name}" for name in names)


def returned(var: str, model: type[BaseModel]) -> str:
    """`l.id AS id, l.title AS title, …`: a node's properties as a model declares them."""
    return fields(var, model.model_fields)


def locked(name: str, label: str, var: str, node_id: str, returns: str) -> Query:
    """A node with a state, read inside a write transaction by writing it first, so that two steps on it
    cannot interleave (Neo4j takes the node's write lock; LadybugDB runs one write transaction at a time)."""
    return Query(name, f"MATCH ({var}:{label} {{id: $node_id}}) SET {var}.state = {var}.state RETURN {returns}",
                 {"node_id": node_id})


LAW_BRIEF = returned("l", LawBrief)
LAW_BRIEF_COLUMNS = tuple(LawBrief.model_fields)
LAW_FACTS = returned("l", LawFacts)
UNIT_FIELDS = (
    "u.id AS unit_id, u.name AS unit_name, u.aliases AS aliases, u.kind AS kind, u.region AS region, "
    "u.parent_id AS parent_id"
)
ITEM_FIELDS = (
    "u.id AS unit_id, u.name AS unit_name, c.id AS checklist_id, i.id AS item_id, i.row AS row, "
    "i.source AS source, i.law_text AS law_text"
)
ARTICLE_MATCH_FIELDS = (
    "l.id AS law_id, a.id AS article_id, a.label AS article_label, a.seq AS seq, d.id AS type_id, "
    "d.name AS type_name, n.gov_level AS gov_level, n.role AS role"
)
ARTICLE_MATCH_COLUMNS = tuple(field.rsplit(" AS ", 1)[1] for field in ARTICLE_MATCH_FIELDS.split(", "))
CURRENT_ITEM = "(u:Unit)-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)"
CURRENT = "c.current AND c.year = $year"
NOT_DRAFT = "coalesce(c.state, '') <> $draft"
"""A checklist `c` the bureau has (the query passes `draft`: pufa.workflow.State.DRAFT)."""
DECLARES = "size(i.partners) > 0"
"""A row `i` naming partner units (配合单位): its unit declares itself lead (牵头) for the row's law."""
CITED_VERSIONS = ("OPTIONAL MATCH (cv:LawVersion) WHERE cv.id = r.version_id "
                  "OPTIONAL MATCH (cur:LawVersion) WHERE cur.id = l.current_version")
"""The version a claim `r` of a law `l` names (`cv`, when the row names one) and the law's current version (`cur`)."""
OUTDATED_CLAIM = "CASE WHEN l.status IN $outdated THEN l.status WHEN cv.status = $amended THEN cv.status ELSE NULL END"
"""Why a claim (after CITED_VERSIONS) is flagged: its law 已废止 or 已修改, else the version it names is
已修改; null when what it cites is current. The query passes OUTDATED_PARAMS."""
OUTDATED_PARAMS = {"outdated": list(OUTDATED_STATUSES), "amended": "已修改"}
CITED_FIELDS = "cv.version_date AS cited_version_date, cur.version_date AS current_version_date"
CURRENT_VERSION = "MATCH (l)-[:HAS_VERSION]->(v:LawVersion) WHERE v.id = l.current_version"
"""Narrow a law `l` to its current version `v` before walking articles (both planners do better)."""


def display_name(label: str, var: str) -> str:
    """A node's display name: a law's short title (else its title), anything else's name."""
    return f"coalesce({var}.short_title, {var}.title)" if label == "Law" else f"{var}.name"


def where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def unit_start(unit_id: str | None) -> str:
    """Start at one unit, or at every unit."""
    return "MATCH (u:Unit)" if unit_id is None else "MATCH (u:Unit {id: $unit_id})"


def unit_and_sections(include_sub_units: bool) -> str:
    """Start at one unit, and at its sections and second-level units when asked."""
    if include_sub_units:
        return "MATCH (:Unit {id: $unit_id})<-[:PART_OF*0..5]-(u:Unit)"
    return "MATCH (u:Unit {id: $unit_id})"
