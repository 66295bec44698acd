"""Units: briefs, details, pages, searches, sections."""

from __future__ import annotations

from graph.queries.fragments import UNIT_FIELDS
from graph.query import Query


def unit_brief(unit_id: str) -> Query:
    return Query("unit_brief", f"MATCH (u:Unit {{id: $unit_id}}) RETURN {UNIT_FIELDS}", {"unit_id": unit_id})


def unit_detail(unit_id: str) -> Query:
    return Query(
        "unit_detail",
        f"MATCH (u:Unit {{id: $unit_id}}) RETURN {UNIT_FIELDS}, u.liaison_name AS liaison_name, "
        "u.liaison_post AS liaison_post, u.liaison_phone AS liaison_phone, u.liaison_email AS liaison_email",
        {"unit_id": unit_id},
    )


def units_page(skip: int, limit: int) -> Query:
    """One page of all units by name."""
    return Query(
        "units_page", f"MATCH (u:Unit) RETURN {UNIT_FIELDS} ORDER BY u.name, u.id SKIP $skip LIMIT $limit",
        {"skip": skip, "limit": limit},
    )


def count_units() -> Query:
    return Query("count_units", "MATCH (u:Unit) RETURN count(u) AS n")


def units_overview() -> Query:
    """Every unit as [id, name, id of the unit it is part of (null at the top)], in one row."""
    return Query(
        "units_overview",
        "MATCH (u:Unit) OPTIONAL MATCH (u)-[:PART_OF]->(p:Unit) RETURN collect([u.id, u.name, p.id]) AS units",
        cached=True,
    )


def unit_regions() -> Query:
    """Every unit as [id, region], in one row."""
    return Query("unit_regions", "MATCH (u:Unit) RETURN collect([u.id, u.region]) AS units", cached=True)


def unit_briefs(unit_ids: list[str]) -> Query:
    return Query(
        "unit_briefs", f"UNWIND $unit_ids AS uid MATCH (u:Unit {{id: uid}}) RETURN {UNIT_FIELDS}",
        {"unit_ids": list(unit_ids)},
    )


def search_units(text: str) -> Query:
    return Query(
        "search_units",
        "WITH $text AS q MATCH (u:Unit) WHERE u.name CONTAINS q OR any(alias IN u.aliases WHERE alias CONTAINS q) "
        f"RETURN {UNIT_FIELDS}",
        {"text": text},
    )


def units_named(name: str) -> Query:
    """Units whose id, name or an alias is exactly this (how people type a unit on the command line)."""
    return Query(
        "units_named",
        f"WITH $name AS q MATCH (u:Unit) WHERE u.id = q OR u.name = q OR q IN u.aliases RETURN {UNIT_FIELDS}",
        {"name": name},
    )


def sub_units(unit_id: str) -> Query:
    """Sections and second-level units below a unit, at any depth up to five."""
    return Query(
        "sub_units",
        "MATCH (:Unit {id: $unit_id})<-[:PART_OF*1..5]-(u:Unit) RETURN DISTINCT u.id AS unit_id, u.name AS unit_name",
        {"unit_id": unit_id},
    )


def parent_unit(unit_id: str) -> Query:
    return Query(
        "parent_unit",
        "MATCH (:Unit {id: $unit_id})-[:PART_OF]->(u:Unit) RETURN u.id AS unit_id, u.name AS unit_name",
        {"unit_id": unit_id},
    )


def unit_directory() -> Query:
    """Every unit's id, name and aliases: checklists name their unit (and partners) in many ways."""
    return Query("unit_directory",
                 "MATCH (u:Unit) RETURN u.id AS id, u.name AS name, u.aliases AS aliases, u.region AS region")


def corrected_types(unit_ids: list[str]) -> Query:
    """The department types the bureau set for these units, where it did."""
    return Query(
        "corrected_types",
        "UNWIND $unit_ids AS uid MATCH (u:Unit {id: uid}) WHERE u.types_corrected IS NOT NULL "
        "RETURN u.id AS unit_id, u.types_corrected AS type_ids",
        {"unit_ids": list(unit_ids)},
    )


def correct_types(unit_id: str, type_ids: list[str] | None) -> Query:
    """Set (or, with None, clear) the bureau's correction of a unit's department types."""
    return Query(
        "correct_types", "MATCH (u:Unit {id: $unit_id}) SET u.types_corrected = $type_ids RETURN count(u) AS n",
        {"unit_id": unit_id, "type_ids": type_ids},
    )


def unit_type_sources(unit_id: str) -> Query:
    """What a unit's department types are worked out from: its names, region, written and corrected types."""
    return Query(
        "unit_type_sources",
        "MATCH (u:Unit {id: $unit_id}) RETURN u.name AS name, u.aliases AS aliases, u.region AS region, "
        "u.types_written AS written, u.types_corrected AS corrected",
        {"unit_id": unit_id},
    )


def unit_details(unit_ids: list[str]) -> Query:
    """Units with their liaison's name and e-mail (for the bureau's notices)."""
    return Query(
        "unit_details",
        f"MATCH (u:Unit) WHERE u.id IN $unit_ids RETURN {UNIT_FIELDS}, u.liaison_name AS liaison_name, "
        "u.liaison_email AS liaison_email",
        {"unit_ids": list(unit_ids)},
    )
