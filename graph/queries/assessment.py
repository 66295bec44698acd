"""The annual assessment: what scoring reads about every unit of a year in a few aggregated reads
(activities per unit, the key dates and audiences a checklist names and those activities met, the
first submission), the versions and their unit results, manual entries."""

from __future__ import annotations

from graph.queries.fragments import NOT_DRAFT, fields, locked
from graph.query import Query

# --- what scoring reads -------------------------------------------------------------------------


def activity_totals(year: int, accepted: str, rejected: str) -> Query:
    """Per unit: its activities of the year, those whose evidence was accepted (their ids), rejected,
    the cases they published and the people they reached."""
    return Query(
        "activity_totals",
        "MATCH (a:Activity) WHERE a.year = $year "
        "RETURN a.unit_id AS unit_id, count(a) AS activities, "
        "collect(CASE WHEN a.evidence_state = $accepted THEN a.id END) AS accepted_ids, "
        "sum(CASE WHEN a.evidence_state = $rejected THEN 1 ELSE 0 END) AS rejected, "
        "sum(coalesce(a.cases_published, 0)) AS cases_published, "
        "collect(CASE WHEN a.cases_published > 0 THEN a.id END) AS publishing_ids, "
        "sum(coalesce(a.reached, 0)) AS reached",
        {"year": year, "accepted": accepted, "rejected": rejected},
        packed=("unit_id", "activities", "accepted_ids", "rejected", "cases_published", "publishing_ids", "reached"),
    )


def _named_by_rows(name: str, relation: str, label: str, year: int) -> Query:
    return Query(
        name,
        f"MATCH (u:Unit)-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(:ChecklistItem)-[:{relation}]->(t:{label}) "
        "WHERE c.current AND c.year = $year "
        "RETURN u.id AS unit_id, collect(DISTINCT [t.id, t.name]) AS named",
        {"year": year},
        packed=("unit_id", "named"),
    )


def checklist_key_dates(year: int) -> Query:
    """Per unit: the key dates its current checklist of the year names, as [id, name]."""
    return _named_by_rows("checklist_key_dates", "SCHEDULED", "KeyDate", year)


def checklist_audiences(year: int) -> Query:
    """Per unit: the audiences its current checklist of the year names, as [id, name]."""
    return _named_by_rows("checklist_audiences", "TARGETS", "Audience", year)


def activity_marks(year: int) -> Query:
    """Every activity of the year with the key dates and audiences it met: scoring matches them to
    what each unit's checklist names in one pass (a join per unit and key date in the store is
    slower by far on Neo4j)."""
    return Query(
        "activity_marks",
        "MATCH (a:Activity) WHERE a.year = $year "
        "RETURN a.unit_id AS unit_id, a.id AS id, a.key_date_ids AS key_date_ids, a.audience_ids AS audience_ids",
        {"year": year},
        packed=("unit_id", "id", "key_date_ids", "audience_ids"),
    )


def first_submissions(year: int, draft: str) -> Query:
    """Per unit: when it first sent the bureau a checklist of the year (a withdrawn one is a draft again)."""
    return Query(
        "first_submissions",
        f"MATCH (c:Checklist) WHERE c.year = $year AND {NOT_DRAFT} AND c.submitted_at IS NOT NULL "
        "RETURN c.unit_id AS unit_id, min(c.submitted_at) AS submitted_at",
        {"year": year, "draft": draft},
        packed=("unit_id", "submitted_at"),
    )


# --- manual entries ---------------------------------------------------------------------------

MANUAL_FIELDS = fields("m", ("id", "unit_id", "year", "item_id", "points", "reason", "enterer", "entered_at"))


def manual_scores(year: int, unit_id: str | None = None) -> Query:
    unit = "" if unit_id is None else " AND m.unit_id = $unit_id"
    return Query(
        "manual_scores",
        f"MATCH (m:ManualScore) WHERE m.year = $year{unit} RETURN {MANUAL_FIELDS}",
        {"year": year, "unit_id": unit_id},
    )


# --- versions ------------------------------------------------------------------------------------

ASSESSMENT_FIELDS = fields("s", ("id", "year", "version", "state", "rubric_name", "rubric_source", "rubric_digest",
                                 "computed_at", "computed_by", "published_at", "published_by", "units", "max_points"))
SCORE_COLUMNS = ("id", "assessment_id", "unit_id", "unit_name", "total", "grade", "rank")
SCORE_FIELDS = fields("r", SCORE_COLUMNS)


def assessment_versions(year: int | None = None) -> Query:
    """The computed versions (of a year, or of every year): every ranking and score page asks first."""
    of_year = "" if year is None else " WHERE s.year = $year"
    return Query("assessment_versions", f"MATCH (s:Assessment){of_year} RETURN {ASSESSMENT_FIELDS}", {"year": year},
                 cached=True)


def assessment_rubric(assessment_id: str) -> Query:
    return Query("assessment_rubric",
                 "MATCH (s:Assessment {id: $assessment_id}) RETURN s.rubric_text AS rubric_text, s.rubric_source AS source",
                 {"assessment_id": assessment_id}, cached=True)


def lock_assessment(assessment_id: str) -> Query:
    """A version inside a write transaction, written first so that two publications cannot interleave."""
    return locked("lock_assessment", "Assessment", "s", assessment_id, ASSESSMENT_FIELDS)


def publish_assessment(assessment_id: str, published: str, at: str, by: str) -> Query:
    return Query(
        "publish_assessment",
        "MATCH (s:Assessment {id: $assessment_id}) SET s.state = $published, s.published_at = $at, "
        "s.published_by = $by RETURN s.id AS id",
        {"assessment_id": assessment_id, "published": published, "at": at, "by": by},
    )


def supersede_published(year: int, published: str, superseded: str, keep_id: str) -> Query:
    """The year's other published versions give way to the one just published."""
    return Query(
        "supersede_published",
        "MATCH (s:Assessment) WHERE s.year = $year AND s.state = $published AND s.id <> $keep_id "
        "SET s.state = $superseded RETURN count(s) AS n",
        {"year": year, "published": published, "superseded": superseded, "keep_id": keep_id},
    )


def ranking(assessment_id: str) -> Query:
    """A version's unit results without their lines (the ranking table)."""
    return Query(
        "ranking",
        f"MATCH (:Assessment {{id: $assessment_id}})-[:SCORED]->(r:UnitScore) RETURN {SCORE_FIELDS}",
        {"assessment_id": assessment_id},
        packed=SCORE_COLUMNS,
    )


def scores_with_lines(assessment_id: str, unit_ids: list[str] | None = None) -> Query:
    """A version's unit results with every line (of some units, or all: exports, differences, reports)."""
    units = "" if unit_ids is None else " WHERE r.unit_id IN $unit_ids"
    return Query(
        "scores_with_lines",
        f"MATCH (:Assessment {{id: $assessment_id}})-[:SCORED]->(r:UnitScore){units} RETURN {SCORE_FIELDS}, "
        "r.lines AS lines",
        {"assessment_id": assessment_id, "unit_ids": list(unit_ids or [])},
        packed=(*SCORE_COLUMNS, "lines"),
    )
