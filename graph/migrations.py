"""Bring a store up to date before use: its schema, then the derived data an older release or a
raw loader did not write (so the audit never reads a checklist without its row counts, nor weighs
every law again because none has a parts stamp), and the records an older release kept in a shape
since folded into another (the 限期整改, now 普法提示)."""

from __future__ import annotations

from graph import queries
from graph.store import GraphStore
from pufa.workflow import LEGACY_STATE, PromptState


def prepare(store: GraphStore) -> GraphStore:
    """Create what the schema lacks and fill in derived properties; safe to run on every start."""
    store.ensure_schema()
    stamp_law_parts(store)
    summarize_checklists(store)
    with store.transaction() as tx:
        tx.run(queries.checklists.states_of_legacy_checklists(LEGACY_STATE.value))
    fold_rectifications(store)
    return store


def stamp_law_parts(store: GraphStore) -> int:
    """Give every law a parts stamp if one lacks it (laws written by an older release), so that what
    is worked out per law is read again only for the laws written since (domain.catalogue.relevance); returns
    how many lacked one."""
    [row] = store.read(queries.laws.laws_without_parts_stamp())
    if row["n"]:
        with store.transaction() as tx:
            tx.laws.every_law()
    return row["n"]


def summarize_checklists(store: GraphStore) -> int:
    """Write row counts and claimed laws onto every checklist that lacks them; returns how many."""
    with store.transaction() as tx:
        return [tx.run(query) for query in queries.checklists.summarize_unsummarized_checklists()][-1][0]["n"]


FOLDED_RULE = ("overdue_rectifications", "unacted_prompts")
"""The 限期整改's deduction rule, and the 普法提示's that counts the same records since the fold."""


def fold_rectifications(store: GraphStore) -> int:
    """Turn every 限期整改 (Finding) an older release wrote into the 普法提示 it now is, in one
    transaction: the same id (published assessment lines name it), unit, year, deadline, state
    (open, answered and closed are the prompt's too) and creator; its text as the one reason, on the
    ground `assessment` (with its version and item) or `inspection` (a reviewer's own); numbered after
    the year's 普法提示 in the order they were issued; its Events and Evidence moved to the prompt (a
    reopening named as the prompt's return); the versions' rubrics and score lines that named it or
    its deduction rule name the prompt's; then the Finding is removed. Returns how many."""
    found = sorted(store.read(queries.prompts.legacy_findings()), key=lambda f: (f["created_at"] or "", f["id"]))
    if not found:
        return 0
    numbers: dict[int, int] = {}
    for year in {f["year"] for f in found}:
        numbers[year] = int(store.read(queries.prompts.last_prompt_number(year))[0]["number"] or 0)
    prompts = []
    for f in found:
        numbers[f["year"]] += 1
        prompts.append({
            "id": f["id"], "unit_id": f["unit_id"], "year": f["year"], "number": numbers[f["year"]],
            "kind": "assessment" if f["assessment_id"] else "inspection", "reasons": [f["text"]], "text": None,
            "deadline": f["deadline"], "state": PromptState(f["state"]).value, "created_by": f["created_by"],
            "creator": f["creator"], "created_at": f["created_at"], "updated_at": f["updated_at"], "sent_to": None,
            "sent_at": None, "assessment_id": f["assessment_id"], "item_id": f["item_id"]})
    links = {"PROMPT_HISTORY": store.read(queries.prompts.legacy_history()),
             "PROMPT_EVIDENCE": store.read(queries.prompts.legacy_evidence())}
    with store.transaction() as tx:
        tx.upsert_nodes("Prompt", prompts)
        tx.upsert_edges("PROMPTED", [{"src": p["unit_id"], "dst": p["id"]} for p in prompts])
        for rel, rows in links.items():
            if rows:
                tx.upsert_edges(rel, rows)
        tx.run(queries.prompts.rename_legacy_steps("reopen", "return"))
        old_rule, new_rule = FOLDED_RULE
        tx.run(queries.prompts.retire_legacy_rubric_text(f"rule: {old_rule}", f"rule: {new_rule}"))
        tx.run(queries.prompts.retire_legacy_lines(f'"rule":"{old_rule}"', f'"rule":"{new_rule}"'))
        tx.run(queries.prompts.retire_legacy_lines('"kind":"finding"', '"kind":"prompt"'))
        tx.run(queries.prompts.drop_legacy_findings())
    return len(prompts)
