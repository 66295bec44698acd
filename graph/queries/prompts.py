"""普法提示: the bureau's notice to a unit that did not carry out a duty (法治宣传教育法 第五十七条),
its answers, decisions and escalation to 通报批评 (第五十九条)."""

from __future__ import annotations

from graph.queries.activities import EVENT_FIELDS, EVIDENCE_FIELDS
from graph.query import Query

PROMPT_FIELDS = (
    "p.id AS id, p.unit_id AS unit_id, p.year AS year, p.number AS number, p.kind AS kind, p.reasons AS reasons, "
    "p.text AS text, p.deadline AS deadline, p.state AS state, p.creator AS creator, p.created_at AS created_at, "
    "p.updated_at AS updated_at, p.sent_to AS sent_to, p.sent_at AS sent_at, p.assessment_id AS assessment_id, "
    "p.item_id AS item_id"
)


def prompt(prompt_id: str) -> Query:
    return Query(
        "prompt",
        f"MATCH (u:Unit)-[:PROMPTED]->(p:Prompt {{id: $prompt_id}}) RETURN {PROMPT_FIELDS}, u.name AS unit_name",
        {"prompt_id": prompt_id},
    )


def lock_prompt(prompt_id: str) -> Query:
    return Query(
        "lock_prompt",
        f"MATCH (p:Prompt {{id: $prompt_id}}) SET p.state = p.state RETURN {PROMPT_FIELDS}",
        {"prompt_id": prompt_id},
    )


def prompts(year: int | None, unit_ids: list[str] | None) -> Query:
    """普法提示 of a year (or every year), of some units or of all."""
    clauses = [clause for clause, wanted in (("p.year = $year", year is not None),
                                              ("u.id IN $unit_ids", unit_ids is not None)) if wanted]
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return Query(
        "prompts",
        f"MATCH (u:Unit)-[:PROMPTED]->(p:Prompt){where} RETURN {PROMPT_FIELDS}, u.name AS unit_name",
        {"year": year, "unit_ids": list(unit_ids or [])},
    )


def issued_from_assessment(assessment_id: str) -> Query:
    """(unit, item) of the 普法提示 already issued from a version's findings, so issuing twice adds none."""
    return Query(
        "prompts_of_assessment",
        "MATCH (p:Prompt) WHERE p.assessment_id = $assessment_id RETURN p.unit_id AS unit_id, p.item_id AS item_id",
        {"assessment_id": assessment_id},
    )


def last_prompt_number(year: int) -> Query:
    """The highest 〔year〕第N号 issued so far (numbers run per year)."""
    return Query("last_prompt_number", "MATCH (p:Prompt) WHERE p.year = $year RETURN max(p.number) AS number",
                 {"year": year})


def set_prompt(prompt_id: str, state: str, deadline: str | None, at: str) -> Query:
    """A 普法提示's new state (and deadline, when one is given)."""
    new_deadline = "" if deadline is None else ", p.deadline = $deadline"
    return Query(
        "set_prompt",
        f"MATCH (p:Prompt {{id: $prompt_id}}) SET p.state = $state{new_deadline}, p.updated_at = $at RETURN p.id AS id",
        {"prompt_id": prompt_id, "state": state, "deadline": deadline, "at": at},
    )


def mark_sent(prompt_id: str, to: str, at: str) -> Query:
    return Query("mark_prompt_sent",
                 "MATCH (p:Prompt {id: $prompt_id}) SET p.sent_to = $to, p.sent_at = $at RETURN p.id AS id",
                 {"prompt_id": prompt_id, "to": to, "at": at})


def prompt_history(prompt_id: str) -> Query:
    return Query(
        "prompt_history",
        f"MATCH (:Prompt {{id: $prompt_id}})-[:PROMPT_HISTORY]->(h:Event) RETURN {EVENT_FIELDS}",
        {"prompt_id": prompt_id},
    )


def prompt_evidence(prompt_id: str) -> Query:
    return Query(
        "prompt_evidence",
        f"MATCH (:Prompt {{id: $prompt_id}})-[:PROMPT_EVIDENCE]->(e:Evidence) RETURN {EVIDENCE_FIELDS}",
        {"prompt_id": prompt_id},
    )


def unacted_prompts(year: int, today: str, open_state: str, escalated: str) -> Query:
    """Per unit, the 普法提示 of the year it did not act on in time: escalated, or open past the deadline
    (what the rubric's `unacted_prompts` deducts for)."""
    return Query(
        "unacted_prompts",
        "MATCH (p:Prompt) WHERE p.year = $year AND (p.state = $escalated OR (p.state = $open AND p.deadline < $today)) "
        "RETURN p.unit_id AS unit_id, collect(p.id) AS prompt_ids",
        {"year": year, "today": today, "open": open_state, "escalated": escalated},
    )


# --- the 限期整改 written before the fold (graph.migrations.fold_rectifications) ---------------------

LEGACY_LINKS = {"FINDING_HISTORY": "PROMPT_HISTORY", "FINDING_EVIDENCE": "PROMPT_EVIDENCE"}
"""Each relationship of a 限期整改 and the 普法提示's relationship that takes its place."""


def legacy_findings() -> Query:
    return Query(
        "legacy_findings",
        "MATCH (f:Finding) RETURN f.id AS id, f.unit_id AS unit_id, f.year AS year, f.assessment_id AS assessment_id, "
        "f.item_id AS item_id, f.text AS text, f.deadline AS deadline, f.state AS state, f.created_by AS created_by, "
        "f.creator AS creator, f.created_at AS created_at, f.updated_at AS updated_at",
        {},
    )


def legacy_links(relationship: str) -> Query:
    """The Events or Evidence of every 限期整改 (`relationship`: one of LEGACY_LINKS)."""
    return Query(f"legacy_links_{relationship.lower()}",
                 f"MATCH (f:Finding)-[:{relationship}]->(n) RETURN f.id AS src, n.id AS dst", {})


def rename_legacy_steps(old: str, new: str) -> Query:
    """A 限期整改's step that the 普法提示 names otherwise (reopen: return), renamed in its Events."""
    return Query("rename_legacy_steps",
                 "MATCH (:Finding)-[:FINDING_HISTORY]->(h:Event) WHERE h.action = $old SET h.action = $new "
                 "RETURN count(h) AS n", {"old": old, "new": new})


def drop_legacy_findings() -> Query:
    return Query("drop_legacy_findings", "MATCH (f:Finding) DETACH DELETE f", {})


def retire_legacy_rubric_text(old: str, new: str) -> Query:
    """Rubrics kept with assessment versions that named the 限期整改's deduction rule name the
    普法提示's, which counts the same records since the fold (a version's rubric must still parse)."""
    return Query("retire_legacy_rubric_text",
                 "MATCH (a:Assessment) WHERE a.rubric_text CONTAINS $old "
                 "SET a.rubric_text = replace(a.rubric_text, $old, $new) RETURN count(a) AS n",
                 {"old": old, "new": new})


def retire_legacy_lines(old: str, new: str) -> Query:
    """Score lines (JSON) kept with assessment versions that named a 限期整改 (its record kind, its rule)
    name the 普法提示 it became."""
    return Query("retire_legacy_lines",
                 "MATCH (r:UnitScore) WHERE r.lines CONTAINS $old SET r.lines = replace(r.lines, $old, $new) "
                 "RETURN count(r) AS n", {"old": old, "new": new})
