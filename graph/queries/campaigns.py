"""Joint campaigns: the units with current rows around an anchor (a key date, a law, an audience), and those rows."""

from __future__ import annotations

from graph.queries.checklists import ANCHOR_SUMMARIES
from graph.queries.fragments import CURRENT, DECLARES, display_name
from graph.query import Query
from graph.schema import rel_type

ANCHORS = {"key_date": "SCHEDULED", "law": "CLAIMS", "audience": "TARGETS"}
"""What a joint campaign gathers around: the rows scheduled on a key date, claiming a law, targeting an audience."""
SUMMARY_OF = {rel: summary for summary, rel in ANCHOR_SUMMARIES.items()}
"""Row relationship -> the checklist's relationship keeping its rows for that anchor (ROWS_ON, ROWS_FOR)."""
MEMBER_COLUMNS = ("checklist_id", "stamp", "unit_id", "item_ids", "group_ids", "declaring_item_ids")
SUMMARY_MEMBER = ("RETURN c.id AS checklist_id, c.summary_stamp AS stamp, c.unit_id AS unit_id, r.item_ids AS item_ids, "
                  "r.law_ids AS group_ids, r.declaring_item_ids AS declaring_item_ids")


def campaign_members(anchor: str, anchor_id: str, year: int | None, region: str | None) -> Query:
    """Per current checklist with rows for the anchor (of a region's units, when given): its unit and,
    side by side, the ids of those rows and of the group each falls in, once per group (a law, or
    for a law anchor an audience), and the rows naming partner units.

    Around a key date or an audience it reads what each checklist keeps of its rows for it (one
    relationship per unit: a province's 12·4 rows are 50,000, its rows for 学生 150,000); around a
    law it walks the law's rows.
    """
    rel = ANCHORS[anchor]
    anchor_node = f"(:{rel_type(rel).target} {{id: $anchor_id}})"
    in_region = "" if region is None else "MATCH (u:Unit)-[:SUBMITTED]->(c) WHERE u.region CONTAINS $region "
    if rel in SUMMARY_OF:
        cypher = f"MATCH {anchor_node}<-[r:{SUMMARY_OF[rel]}]-(c:Checklist) WHERE {CURRENT} {in_region}{SUMMARY_MEMBER}"
    else:
        cypher = (f"MATCH {anchor_node}<-[:{rel}]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist) WHERE {CURRENT} "
                  f"{in_region}MATCH (i)-[:TARGETS]->(g:Audience) "
                  f"WITH c, collect(i.id) AS item_ids, collect(g.id) AS group_ids, "
                  f"collect(CASE WHEN {DECLARES} THEN i.id ELSE NULL END) AS declaring_item_ids "
                  "RETURN c.id AS checklist_id, c.summary_stamp AS stamp, c.unit_id AS unit_id, item_ids, group_ids, "
                  "declaring_item_ids")
    return Query(f"campaign_members_{anchor}", cypher, {"anchor_id": anchor_id, "year": year, "region": region},
                 packed=MEMBER_COLUMNS)


def campaign_members_of(anchor: str, anchor_id: str, checklist_ids: list[str]) -> Query:
    """`campaign_members` of these checklists, around a key date or an audience (what they keep of their rows)."""
    summary = SUMMARY_OF[ANCHORS[anchor]]
    return Query(  # from the id list as a filter: LadybugDB 1 ms, where UNWIND-then-match takes 7–9 ms
        f"campaign_members_of_{anchor}",
        f"MATCH (c:Checklist)-[r:{summary}]->(a:{rel_type(summary).target}) WHERE c.id IN $ids AND a.id = $anchor_id "
        f"{SUMMARY_MEMBER}",
        {"ids": list(checklist_ids), "anchor_id": anchor_id},
        packed=MEMBER_COLUMNS,
    )


CAMPAIGN_LINKS = {"law_ids": "CLAIMS", "audience_ids": "TARGETS", "method_ids": "USES", "key_date_ids": "SCHEDULED"}
"""What a campaign shows of each row: list column -> the relationship it collects."""


def campaign_rows(item_ids: list[str]) -> Query:
    """These rows (those of the units a campaign shows, whose unit the caller knows), each with the
    ids it links to.

    Looked up by id, then one optional walk per link, collected in one aggregation (a row has a
    few of each): LadybugDB walks a row's links so in 30 ms for 1,000 rows, where a MATCH from the
    looked-up rows, or a WITH carrying them, joins whole relationship tables (150 ms and more).
    """
    walks = " ".join(f"OPTIONAL MATCH (i)-[:{link}]->(t{k}:{rel_type(link).target})"
                     for k, link in enumerate(CAMPAIGN_LINKS.values()))
    collects = ", ".join(f"collect(DISTINCT t{k}.id) AS {column}" for k, column in enumerate(CAMPAIGN_LINKS))
    return Query(
        "campaign_rows",
        f"UNWIND $item_ids AS iid MATCH (i:ChecklistItem {{id: iid}}) {walks} "
        "RETURN i.checklist_id AS checklist_id, i.id AS item_id, i.row AS row, i.source AS source, "
        f"i.law_text AS law_text, {DECLARES} AS declares, {collects}",
        {"item_ids": list(item_ids)},
    )


def law_item_links(law_id: str, year: int | None, rel: str) -> Query:
    """What the current rows claiming a law point at through TARGETS, USES or CO_UNIT."""
    target = rel_type(rel).target
    return Query(
        f"law_item_links_{rel.lower()}",
        f"MATCH (:Law {{id: $law_id}})<-[:CLAIMS]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist) WHERE {CURRENT} "
        f"MATCH (i)-[:{rel}]->(t:{target}) RETURN i.id AS item_id, t.id AS id, {display_name(target, 't')} AS name",
        {"law_id": law_id, "year": year},
    )


CORRECTIONS = {"lead": "LEADS_CAMPAIGN", "left_out": "LEFT_OUT_OF"}
"""The bureau's corrections of key-date campaigns: kind -> the relationship from a unit to a key date."""


def campaign_corrections(correction: str) -> Query:
    """Every (unit, key date) pair the bureau corrected in this way (a lead it chose, a unit it dropped)."""
    return Query(f"campaign_corrections_{correction}",
                 f"MATCH (u:Unit)-[:{CORRECTIONS[correction]}]->(k:KeyDate) RETURN u.id AS unit_id, k.id AS key_date_id",
                 cached=True)


def clear_campaign_corrections(correction: str, key_date_id: str, unit_ids: list[str]) -> Query:
    """Take back these units' corrections of one key date's campaign."""
    return Query(
        f"clear_campaign_corrections_{correction}",
        f"MATCH (u:Unit)-[r:{CORRECTIONS[correction]}]->(k:KeyDate {{id: $key_date_id}}) WHERE u.id IN $unit_ids DELETE r",
        {"key_date_id": key_date_id, "unit_ids": list(unit_ids)},
    )


YEAR_ANCHORS = {"key_date": "ROWS_ON", "audience": "ROWS_FOR"}
"""What the year's campaigns read of every checklist at once: its rows per key date, its rows per audience."""


def anchored_rows(anchor: str, year: int | None, checklist_ids: list[str] | None = None) -> Query:
    """Per current checklist of the year (of these, when given), its rows as it keeps them per key date or
    audience: side by side the anchors' ids and, per anchor, its rows' ids and laws (once per law). The
    year's campaigns read every key date in one read, brought up to date after a write (domain.base.tally)."""
    summary = YEAR_ANCHORS[anchor]
    only = "" if checklist_ids is None else " AND c.id IN $ids"
    return Query(
        f"anchored_rows_{anchor}",
        f"MATCH (c:Checklist)-[r:{summary}]->(a:{rel_type(summary).target}) WHERE {CURRENT}{only} "
        "RETURN c.id AS checklist_id, c.summary_stamp AS stamp, c.unit_id AS unit_id, collect(a.id) AS anchor_ids, "
        "collect(r.item_ids) AS item_ids, collect(r.law_ids) AS law_ids",
        {"year": year, "ids": list(checklist_ids or ())},
    )
