"""Joint campaigns: the current rows around an anchor (a key date, a law, an audience), grouped."""

from __future__ import annotations

from graph.queries.fragments import CURRENT, CURRENT_ITEM, DECLARES, ITEM_FIELDS, display_name
from graph.query import Query
from graph.schema import rel_type

ANCHORS = {"key_date": "SCHEDULED", "law": "CLAIMS", "audience": "TARGETS"}
"""What a joint campaign gathers around: the rows scheduled on a key date, claiming a law, targeting an audience."""


def _anchor_rows(anchor: str, region: str | None, with_unit: bool = False) -> str:
    """The anchor's rows `i` in current checklists `c` (of units `u` in a region, when given).

    One path from the anchor: LadybugDB then walks out from it instead of joining whole tables.
    """
    rel = ANCHORS[anchor]
    path = f"(:{rel_type(rel).target} {{id: $anchor_id}})<-[:{rel}]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist)"
    if region is None and not with_unit:
        return f"MATCH {path} WHERE {CURRENT}"
    region_test = "" if region is None else " AND u.region CONTAINS $region"
    return f"MATCH {path}<-[:SUBMITTED]-(u:Unit) WHERE {CURRENT}{region_test}"


def _in_groups(group_rel: str) -> str:
    """Rows' groups (`g`, through `group_rel`), kept to $group_ids."""
    return f"MATCH (i)-[:{group_rel}]->(g:{rel_type(group_rel).target}) WHERE g.id IN $group_ids"


def _campaign_query(
    name: str, anchor: str, region: str | None, rest: str, params: dict, *, with_unit: bool = False,
    cached: bool = False, packed: tuple[str, ...] = (),
) -> Query:
    """The anchor's current rows (of a region's units, when given), then `rest`.

    From the anchor both engines walk every row it holds (a province's 12·4 rows: 50,000). In a
    region Neo4j starts at the region's units instead (told so: it would rather start at a
    group's law) and tests the anchor per row, a county in 20–40 ms instead of 200–340;
    LadybugDB is 8× slower that way and keeps the one path.
    """
    rows = f"{_anchor_rows(anchor, region, with_unit)} {rest}"
    if region is None:
        return Query(name, rows, params, cached=cached, packed=packed)
    rel = ANCHORS[anchor]
    regional = (f"MATCH (u:Unit) USING SCAN u:Unit WHERE u.region CONTAINS $region MATCH {CURRENT_ITEM} WHERE {CURRENT} "
                f"AND EXISTS {{ (i)-[:{rel}]->(:{rel_type(rel).target} {{id: $anchor_id}}) }} {rest}")
    return Query(name, regional, params, ladybug=rows, cached=cached, packed=packed)


def campaign_groups(anchor: str, anchor_id: str, year: int | None, group_rel: str, region: str | None) -> Query:
    """The anchor's current rows grouped by what they point at through `group_rel` (a law or an
    audience), with how many units each group has (one current checklist per unit and year).

    Counted per node, names read after: Neo4j reads properties per row otherwise (40 % slower).
    """
    target = rel_type(group_rel).target
    return _campaign_query(
        f"campaign_groups_{anchor}", anchor, region,
        f"MATCH (i)-[:{group_rel}]->(g:{target}) WITH g, count(DISTINCT c) AS units "
        f"RETURN g.id AS id, {display_name(target, 'g')} AS name, units",
        {"anchor_id": anchor_id, "year": year, "region": region},
        cached=True,
        packed=("id", "name", "units"),
    )


def campaign_unit_rows(
    anchor: str, anchor_id: str, year: int | None, group_rel: str, group_ids: list[str], region: str | None,
) -> Query:
    """Per group and unit: how many of the anchor's current rows the unit has in the group, and how
    many of them name partner units (a declared 牵头). The lead is chosen from these counts, so a
    group of thousands of units is ranked without fetching their rows."""
    return _campaign_query(
        f"campaign_unit_rows_{anchor}", anchor, region,
        f"{_in_groups(group_rel)} RETURN g.id AS group_id, u.id AS unit_id, u.name AS unit_name, count(i) AS rows, "
        f"sum(CASE WHEN {DECLARES} THEN 1 ELSE 0 END) AS declaring_rows",
        {"anchor_id": anchor_id, "year": year, "group_ids": list(group_ids), "region": region},
        with_unit=True,
        packed=("group_id", "unit_id", "unit_name", "rows", "declaring_rows"),
    )


CAMPAIGN_LINKS = {"law_ids": "CLAIMS", "audience_ids": "TARGETS", "method_ids": "USES", "key_date_ids": "SCHEDULED"}
"""What a campaign shows of each row: list column -> the relationship it collects."""


def campaign_rows(
    anchor: str, anchor_id: str, year: int | None, group_rel: str, group_ids: list[str], unit_ids: list[str],
) -> Query:
    """These units' current rows for the anchor in these groups, each with the ids it links to.

    Starts at the units (the few an answer shows) rather than at a broad anchor, which is tested
    last; the links are collected per row, one optional walk each (after a WITH: without it
    LadybugDB plans the first walk over the whole relationship table, 4× slower).
    """
    rel = ANCHORS[anchor]
    collects, columns = [], []
    for column, link in CAMPAIGN_LINKS.items():
        carried = ", ".join(["u, c, i, g", *columns])
        collects.append(f"OPTIONAL MATCH (i)-[:{link}]->(t:{rel_type(link).target}) WITH {carried}, collect(t.id) AS {column}")
        columns.append(column)
    return Query(
        f"campaign_rows_{anchor}",
        f"MATCH (u:Unit) WHERE u.id IN $unit_ids MATCH {CURRENT_ITEM} WHERE {CURRENT} {_in_groups(group_rel)} "
        f"MATCH (i)-[:{rel}]->(:{rel_type(rel).target} {{id: $anchor_id}}) WITH u, c, i, g {' '.join(collects)} "
        f"RETURN {ITEM_FIELDS}, {DECLARES} AS declares, g.id AS group_id, {', '.join(columns)}",
        {"anchor_id": anchor_id, "year": year, "group_ids": list(group_ids), "unit_ids": list(unit_ids)},
    )


def law_item_links(law_id: str, year: int | None, rel: str) -> Query:
    """What the current rows claiming a law point at through TARGETS, USES or CO_UNIT."""
    target = rel_type(rel).target
    return Query(
        f"law_item_links_{rel.lower()}",
        f"{_anchor_rows('law', None)} MATCH (i)-[:{rel}]->(t:{target}) "
        f"RETURN i.id AS item_id, t.id AS id, {display_name(target, 't')} AS name",
        {"anchor_id": law_id, "year": year},
    )
