"""普法提示: the bureau's notice to a unit that did not carry out a duty (法治宣传教育法 第五十七条),
its answers, decisions and escalation to 通报批评 (第五十九条)."""

from __future__ import annotations

from graph.queries.activities import EVENT_FIELDS, EVIDENCE_FIELDS
from graph.queries.fragments import fields, locked, where
from graph.query import Query

PROMPT_FIELDS = fields("p", ("id", "unit_id", "year", "number", "kind", "reasons", "text", "deadline", "state",
                             "creator", "created_at", "updated_at", "sent_to", "sent_at", "assessment_id", "item_id"))


def prompt(prompt_id: str) -> Query:
    return Query(
        "prompt",
        f"MATCH (u:Unit)-[:PROMPTED]->(p:Prompt {{id: $prompt_id}}) RETURN {PROMPT_FIELDS}, u.name AS unit_name",
        {"prompt_id": prompt_id},
    )


def lock_prompt(prompt_id: str) -> Query:
    return locked("lock_prompt", "Prompt", "p", prompt_id, PROMPT_FIELDS)


def prompts(year: int | None, unit_ids: list[str] | None) -> Query:
    """普法提示 of a year (or every year), of some units or of all."""
    clauses = [clause for clause, wanted in (("p.year = $year", year is not None),
                                              ("u.id IN $unit_ids", unit_ids is not None)) if wanted]
    return Query(
        "prompts",
        f"MATCH (u:Unit)-[:PROMPTED]->(p:Prompt) {where(clauses)} RETURN {PROMPT_FIELDS}, u.name AS unit_name",
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

def legacy_findings() -> Query:
    returns = fields("f", ("id", "unit_id", "year", "assessment_id", "item_id", "text", "deadline", "state",
                           "created_by", "creator", "created_at", "updated_at"))
    return Query("legacy_findings", f"MATCH (f:Finding) RETURN {returns}", {})


def legacy_history() -> Query:
    """The Events of every 限期整改 (they become the 普法提示's PROMPT_HISTORY)."""
    return Query("legacy_history", "MATCH (f:Finding)-[:FINDING_HISTORY]->(h:Event) RETURN f.id AS src, h.id AS dst", {})


def legacy_evidence() -> Query:
    """The Evidence of every 限期整改 (it becomes the 普法提示's PROMPT_EVIDENCE)."""
    return Query("legacy_evidence",
                 "MATCH (f:Finding)-[:FINDING_EVIDENCE]->(e:Evidence) RETURN f.id AS src, e.id AS dst", {})


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
