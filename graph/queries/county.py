"""What the county's annual report (法治宣传教育法 第五十六条, 第五十八条) reads besides what the audit,
the assessment and the 普法提示 already answer: the year's activities by key date."""

from __future__ import annotations

from graph.query import Query


def activities_by_key_date(year: int) -> Query:
    """Per key date: the year's activities held on or for it, the units that held them, the people reached."""
    return Query(
        "activities_by_key_date",
        "MATCH (a:Activity)-[:ON_KEY_DATE]->(k:KeyDate) WHERE a.year = $year "
        "RETURN k.id AS key_date_id, k.name AS name, k.month AS month, k.day AS day, count(a) AS activities, "
        "count(DISTINCT a.unit_id) AS units, sum(coalesce(a.reached, 0)) AS reached",
        {"year": year},
    )
