"""Which articles name which department types, and which units act as them."""

from __future__ import annotations

from graph.queries.fragments import (
    ARTICLE_MATCH_COLUMNS,
    ARTICLE_MATCH_FIELDS,
    CURRENT_VERSION,
    unit_and_sections,
    where,
)
from graph.queries.scope import LawScope
from graph.query import Query


def articles_naming_types_of_laws(law_ids: list[str]) -> Query:
    """Articles of these laws' current versions and the department types they name."""
    return Query(
        "articles_naming_types_of_laws",
        f"MATCH (l:Law) WHERE l.id IN $law_ids {CURRENT_VERSION} "
        f"MATCH (v)-[:HAS_ARTICLE]->(a:Article)-[n:NAMES]->(d:DepartmentType) RETURN {ARTICLE_MATCH_FIELDS}",
        {"law_ids": list(law_ids)},
        cached=True,
        packed=ARTICLE_MATCH_COLUMNS,
    )


def articles_naming_types_in_laws(type_ids: list[str], law_ids: list[str]) -> Query:
    """Articles of these laws' current versions that name one of these department types."""
    return Query(
        "articles_naming_types_in_laws",
        f"MATCH (l:Law) WHERE l.id IN $law_ids {CURRENT_VERSION} "
        "MATCH (v)-[:HAS_ARTICLE]->(a:Article)-[n:NAMES]->(d:DepartmentType) WHERE d.id IN $type_ids "
        f"RETURN {ARTICLE_MATCH_FIELDS}",
        {"type_ids": list(type_ids), "law_ids": list(law_ids)},
        packed=ARTICLE_MATCH_COLUMNS,
    )


def units_by_type() -> Query:
    """Each department type with the ids of the units acting as it (one row per type)."""
    return Query(
        "units_by_type",
        "MATCH (u:Unit)-[:ACTS_AS]->(d:DepartmentType) RETURN d.id AS type_id, collect(u.id) AS unit_ids",
        cached=True,
    )


def types_named_by_laws(type_ids: list[str]) -> Query:
    """Which of these department types an article of a law in force names (its current version): a unit
    acting as none of them gets no law at all."""
    return Query(
        "types_named_by_laws",
        "MATCH (d:DepartmentType)<-[:NAMES]-(:Article)<-[:HAS_ARTICLE]-(v:LawVersion)<-[:HAS_VERSION]-(l:Law) "
        "WHERE d.id IN $type_ids AND l.status = '现行有效' AND v.id = l.current_version RETURN DISTINCT d.id AS type_id",
        {"type_ids": sorted(set(type_ids))},
    )


def unit_types(unit_id: str, include_sub_units: bool = False) -> Query:
    """The department types a unit (and its sections) act as."""
    return Query(
        "unit_types",
        f"{unit_and_sections(include_sub_units)}-[r:ACTS_AS]->(d:DepartmentType) "
        "RETURN u.id AS unit_id, d.id AS type_id, d.name AS type_name, r.via AS via, r.organ AS organ",
        {"unit_id": unit_id},
    )


TYPE_EVIDENCE = (
    f"{CURRENT_VERSION} MATCH (v)-[:HAS_ARTICLE]->(:Article)-[n:NAMES]->(d:DepartmentType) "
    "RETURN l.id AS law_id, d.id AS type_id, count(n) AS named, "
    "sum(CASE WHEN n.role = 'duty' OR n.role = 'power' THEN 1 ELSE 0 END) AS acting"
)
"""Per law `l` and department type its current version names: the articles naming the type and those
giving it a duty or a power, the counts a relevance tier rests on."""
PRINCIPAL_TYPES = (
    "MATCH (l)-[p:PRINCIPAL]->(d:DepartmentType) "
    "RETURN l.id AS law_id, d.id AS type_id, p.article_labels AS labels, p.cues AS cues"
)
"""The principal competent authorities of laws `l`, with the articles that make them so and the cue read in
each (`issuer`: the label is the organ that issued the law)."""


INHERITED_TYPES = (
    "MATCH (l)-[i:INHERITS]->(d:DepartmentType) MATCH (p:Law) WHERE p.id = i.law_id "
    "RETURN l.id AS law_id, d.id AS type_id, coalesce(p.short_title, p.title) AS implemented, "
    "i.principal AS principal, i.acting AS acting"
)
"""What laws `l` with no text of their own inherit from the law each implements (its short title), per type."""


def type_evidence(scope: LawScope) -> Query:
    """TYPE_EVIDENCE of every law in scope (kept: a province's gap and sharing counts weigh them all)."""
    clauses, params = scope.clauses()
    return Query("type_evidence", f"MATCH (l:Law) {where(clauses)} {TYPE_EVIDENCE}", params, cached=True,
                 packed=("law_id", "type_id", "named", "acting"))


def principal_types(scope: LawScope) -> Query:
    """PRINCIPAL_TYPES of every law in scope."""
    clauses, params = scope.clauses()
    return Query("principal_types", f"MATCH (l:Law) {where(clauses)} {PRINCIPAL_TYPES}", params, cached=True,
                 packed=("law_id", "type_id", "labels", "cues"))


def inherited_types(scope: LawScope) -> Query:
    """INHERITED_TYPES of every law in scope."""
    clauses, params = scope.clauses()
    return Query("inherited_types", f"MATCH (l:Law) {where(clauses)} {INHERITED_TYPES}", params, cached=True,
                 packed=("law_id", "type_id", "implemented", "principal", "acting"))


def parts_stamps(scope: LawScope) -> Query:
    """Each law in scope with its parts stamp ('' for none), side by side in two lists: what tells
    which laws' evidence to read again after a catalogue write (domain.catalogue.relevance)."""
    clauses, params = scope.clauses()
    return Query("parts_stamps", f"MATCH (l:Law) {where(clauses)} "
                 "RETURN collect(l.id) AS ids, collect(coalesce(l.parts_stamp, '')) AS stamps", params)


def type_evidence_of_laws(law_ids: list[str]) -> Query:
    """TYPE_EVIDENCE of these laws only (a campaign page's groups, one shared law)."""
    return Query("type_evidence_of_laws", f"MATCH (l:Law) WHERE l.id IN $law_ids {TYPE_EVIDENCE}",
                 {"law_ids": list(law_ids)}, packed=("law_id", "type_id", "named", "acting"))


def principal_types_of_laws(law_ids: list[str]) -> Query:
    """PRINCIPAL_TYPES of these laws only."""
    return Query("principal_types_of_laws", f"MATCH (l:Law) WHERE l.id IN $law_ids {PRINCIPAL_TYPES}",
                 {"law_ids": list(law_ids)}, packed=("law_id", "type_id", "labels", "cues"))


def inherited_types_of_laws(law_ids: list[str]) -> Query:
    """INHERITED_TYPES of these laws only."""
    return Query("inherited_types_of_laws", f"MATCH (l:Law) WHERE l.id IN $law_ids {INHERITED_TYPES}",
                 {"law_ids": list(law_ids)}, packed=("law_id", "type_id", "implemented", "principal", "acting"))
