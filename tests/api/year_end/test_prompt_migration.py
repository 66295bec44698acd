"""The 限期整改 an older release stored apart (Finding nodes with their MUST_FIX, FINDING_HISTORY and
FINDING_EVIDENCE edges, a published version whose rubric and score lines name them) are read as
普法提示 once the store is prepared, on both stores: nothing lost (state, deadline, reasons, answers,
evidence, the whole history), numbered after the year's 普法提示, and the version still reads."""

from __future__ import annotations

import json

import pytest

from graph.migrations import prepare
from graph.query import Query
from tests.api.test_review import call
from tests.year_end import YEAR, Staff, compute, lines, with_deadlines

OLD_DEDUCTION = "  - id: overdue\n    name: 逾期未整改\n    rule: overdue_rectifications\n    per: 1\n    cap: 3\n"


@pytest.fixture
def staff(store, client) -> Staff:
    return with_deadlines(client, Staff(store))


def finding(finding_id: str, unit_id: str, state: str, created_at: str, **fields) -> dict:
    return {"id": finding_id, "unit_id": unit_id, "year": YEAR, "assessment_id": None, "item_id": None,
            "item_name": None, "text": "宣传栏内容两年未更新", "deadline": "2026-12-31", "state": state,
            "created_by": "reviewer", "creator": "审核员甲", "created_at": created_at, "updated_at": created_at,
            **fields}


def event(subject_id: str, n: int, action: str, from_state: str | None, to_state: str, at: str, **fields) -> dict:
    return {"id": f"{subject_id}@{n}", "subject_id": subject_id, "action": action, "from_state": from_state,
            "to_state": to_state, "actor_id": "reviewer", "actor": "审核员甲", "at": at, "comment": None,
            "deadline": None, "evidence_ids": [], "seq": n, **fields}


def write_old_shape(store, assessment_id: str) -> None:
    """What the release before the fold kept: three 限期整改 and a version naming the open one."""
    findings = [
        finding("Fanswered", "UMKT", "answered", "2026-12-02T09:00:00", assessment_id=assessment_id,
                item_id="no_outdated", item_name="未引用失效法律法规", text="未引用失效法律法规：引用已废止法律 1 部"),
        finding("Freopened", "UPSB", "open", "2026-12-01T09:00:00", deadline="2027-01-15"),
        finding("Fclosed", "UMKT", "closed", "2026-12-03T09:00:00"),
    ]
    events = [
        event("Fanswered", 1, "issue", None, "open", "2026-12-02T09:00:00", comment=findings[0]["text"],
              deadline="2026-12-31"),
        event("Fanswered", 2, "answer", "open", "answered", "2026-12-05T10:00:00", actor="市场监管局联络员",
              comment="已更新清单引用", evidence_ids=["Fanswered:abc"]),
        event("Freopened", 1, "issue", None, "open", "2026-12-01T09:00:00"),
        event("Freopened", 2, "close", "open", "closed", "2026-12-04T09:00:00"),
        event("Freopened", 3, "reopen", "closed", "open", "2026-12-06T09:00:00", comment="复查未到位",
              deadline="2027-01-15"),
        event("Fclosed", 1, "issue", None, "open", "2026-12-03T09:00:00"),
        event("Fclosed", 2, "close", "open", "closed", "2026-12-04T10:00:00", comment="整改到位"),
    ]
    evidence = {"id": "Fanswered:abc", "owner_id": "Fanswered", "file_name": "整改报告.pdf",
                "media_type": "application/pdf", "size": 2048, "sha256": "ab" * 32,
                "uploaded_by": "市场监管局联络员", "uploaded_at": "2026-12-05T10:00:00"}
    with store.transaction() as tx:
        tx.upsert_nodes("Finding", findings)
        tx.upsert_edges("MUST_FIX", [{"src": f["unit_id"], "dst": f["id"]} for f in findings])
        tx.upsert_nodes("Event", events)
        tx.upsert_edges("FINDING_HISTORY", [{"src": e["subject_id"], "dst": e["id"]} for e in events])
        tx.upsert_nodes("Evidence", [evidence])
        tx.upsert_edges("FINDING_EVIDENCE", [{"src": "Fanswered", "dst": evidence["id"]}])
        [version] = tx.run(Query("t", "MATCH (a:Assessment {id: $id}) RETURN a.rubric_text AS text",
                                 {"id": assessment_id}))
        tx.run(Query("t", "MATCH (a:Assessment {id: $id}) SET a.rubric_text = $text RETURN a.id AS id",
                     {"id": assessment_id, "text": version["text"].replace("grades:", OLD_DEDUCTION + "grades:")}))
        [score] = tx.run(Query("t", "MATCH (r:UnitScore {id: $id}) RETURN r.lines AS lines",
                               {"id": f"{assessment_id}:UPSB"}))
        old_line = {"item_id": "overdue", "name": "逾期未整改", "kind": "deduction", "rule": "overdue_rectifications",
                    "max_points": 3.0, "points": -1.0, "reason": "截至 2026-12-20 逾期未整改 1 项",
                    "records": [{"kind": "finding", "id": "Freopened", "name": None}], "record_count": 1}
        old_lines = json.dumps([*json.loads(score["lines"]), old_line], ensure_ascii=False, separators=(",", ":"))
        tx.run(Query("t", "MATCH (r:UnitScore {id: $id}) SET r.lines = $lines RETURN r.id AS id",
                     {"id": f"{assessment_id}:UPSB", "lines": old_lines}))


def test_stored_rectifications_are_read_as_prompts_with_nothing_lost(client, store, staff):
    compute(client, staff)
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])
    first = call(client, "POST", "/prompts", staff["reviewer"], 201, json={
        "unit_id": "UFED", "year": YEAR, "kind": "no_checklist", "reasons": ["未报送清单"], "deadline": "2027-01-10"})
    write_old_shape(store, f"AS{YEAR}v1")

    prepare(store)
    assert store.read(Query("t", "MATCH (f:Finding) RETURN count(f) AS n", {}))[0]["n"] == 0

    every = {p["id"]: p for p in call(client, "GET", "/prompts", staff["reviewer"], params={"year": YEAR})["data"]}
    assert set(every) == {first["id"], "Fanswered", "Freopened", "Fclosed"}
    # numbered after the year's 普法提示, in the order they were issued
    assert [every[i]["number"] for i in (first["id"], "Freopened", "Fanswered", "Fclosed")] == [1, 2, 3, 4]
    answered = call(client, "GET", "/prompts/Fanswered", staff["mkt"])  # the unit reads its own
    p = answered["prompt"]
    assert (p["state"], p["deadline"], p["kind"], p["reasons"]) == (
        "answered", "2026-12-31", "assessment", ["未引用失效法律法规：引用已废止法律 1 部"])
    assert (p["assessment_id"], p["item_id"], p["unit"]["name"]) == (f"AS{YEAR}v1", "no_outdated", "澄河县市场监督管理局")
    assert [(h["action"], h["comment"]) for h in answered["history"]] == [
        ("issue", "未引用失效法律法规：引用已废止法律 1 部"), ("answer", "已更新清单引用")]
    assert [e["file_name"] for e in answered["history"][1]["evidence"]] == ["整改报告.pdf"]
    assert [e["file_name"] for e in answered["evidence"]] == ["整改报告.pdf"]
    assert {a["action"] for a in call(client, "GET", "/prompts/Fanswered", staff["reviewer"])["actions"]} == {
        "close", "return"}  # the prompt's steps apply to it

    reopened = call(client, "GET", "/prompts/Freopened", staff["reviewer"])
    assert (reopened["prompt"]["state"], reopened["prompt"]["deadline"], reopened["prompt"]["kind"]) == (
        "open", "2027-01-15", "inspection")
    assert [(h["action"], h["name"], h["from_state"], h["to_state"]) for h in reopened["history"]] == [
        ("issue", "下达普法提示", None, "open"), ("close", "审核办结", "open", "closed"),
        ("return", "退回继续落实", "closed", "open")]
    assert reopened["history"][2]["deadline"] == "2027-01-15"
    assert call(client, "GET", "/prompts/Fclosed", staff["reviewer"])["prompt"]["state"] == "closed"

    # the published version still reads, and its deduction names the 普法提示 the 整改 became
    deduction = lines(client, staff["reviewer"], "UPSB")["overdue"]
    assert deduction["rule"] == "unacted_prompts" and deduction["records"][0]["kind"] == "prompt"
    assert deduction["records"][0]["id"] == "Freopened"
    assert call(client, "GET", f"/assessments/{YEAR}/ranking", staff["reviewer"])["grades"]

    assert prepare(store) and len(call(client, "GET", "/prompts", staff["reviewer"])["data"]) == 4  # once only
