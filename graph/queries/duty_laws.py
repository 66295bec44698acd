"""The 领导干部应知应会法律法规清单 (法治宣传教育法 第三十七条): a unit's versions of the list of laws its
leading cadres must know."""

from __future__ import annotations

from graph.queries.fragments import fields
from graph.query import Query

DUTY_LIST_FIELDS = fields("d", ("id", "unit_id", "version", "law_ids", "law_titles", "law_statuses", "law_groups",
                                "state", "creator", "created_at", "confirmed_by", "confirmed_at"))


def duty_lists(unit_id: str) -> Query:
    """Every version of a unit's 应知应会 list."""
    return Query("duty_lists", f"MATCH (:Unit {{id: $unit_id}})-[:KEEPS_LIST]->(d:DutyLawList) RETURN {DUTY_LIST_FIELDS}",
                 {"unit_id": unit_id})


def lock_duty_lists(unit_id: str) -> Query:
    """Touch the unit so that two writers of a new version serialize; returns its versions' numbers."""
    return Query(
        "lock_duty_lists",
        "MATCH (u:Unit {id: $unit_id}) SET u.name = u.name WITH u "
        "OPTIONAL MATCH (u)-[:KEEPS_LIST]->(d:DutyLawList) RETURN max(d.version) AS version",
        {"unit_id": unit_id},
    )


def confirm_duty_list(list_id: str, by: str, at: str, confirmed: str) -> Query:
    return Query(
        "confirm_duty_list",
        "MATCH (d:DutyLawList {id: $list_id}) SET d.state = $confirmed, d.confirmed_by = $by, d.confirmed_at = $at "
        "RETURN d.id AS id",
        {"list_id": list_id, "by": by, "at": at, "confirmed": confirmed},
    )


def common_laws() -> Query:
    """The Constitution and the common duties every unit has (pufa.vocab.common_duties), not repealed;
    the Constitution's amendments (修正案) are part of its text, not laws of their own on a list."""
    return Query(
        "common_laws",
        "MATCH (l:Law) WHERE (l.is_common = true OR l.level = '宪法') AND l.status <> '已废止' "
        "AND NOT l.title CONTAINS '修正案' "
        "RETURN l.id AS id, l.title AS title, l.level AS level, l.status AS status",
        cached=True,
    )


def law_changes(law_ids: list[str]) -> Query:
    """What a list's laws are now: status, when last amended, repealed or in force."""
    return Query(
        "law_changes",
        "MATCH (l:Law) WHERE l.id IN $law_ids RETURN l.id AS id, l.title AS title, l.level AS level, "
        "l.status AS status, l.amended AS amended, l.repealed_on AS repealed_on, l.effective AS effective, "
        "l.promulgated AS promulgated",
        {"law_ids": list(law_ids)},
    )


def confirmed_units(confirmed: str) -> Query:
    """The units that have confirmed a version of their list."""
    return Query("confirmed_duty_list_units",
                 "MATCH (d:DutyLawList) WHERE d.state = $confirmed RETURN DISTINCT d.unit_id AS unit_id",
                 {"confirmed": confirmed})
