"""普法提示 over /api/v1 on both stores (法治宣传教育法 第五十七条, 第五十九条): the bureau reads the
grounds a unit's year gives, issues one with its reasons (never for its own unit), the unit answers
with what it did and evidence, the reviewer closes it; an unanswered one past its deadline is
escalated to the 通报批评 list, which the bureau downloads, and the assessment deducts for it."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.api.test_review import V1, call
from tests.year_end import JPEG, YEAR, Staff, compute, lines, with_deadlines


@pytest.fixture
def staff(store, client) -> Staff:
    return with_deadlines(client, Staff(store))


def grounds(client, staff, unit_id: str) -> dict[str, list[str]]:
    found = call(client, "GET", f"/units/{unit_id}/grounds", staff["reviewer"], params={"year": YEAR})
    return {ground["kind"]: ground["reasons"] for ground in found["data"]}


def issue(client, staff, unit_id: str, kind: str, reasons: list[str], who: str = "reviewer", expect: int = 201,
          deadline: str = "2027-01-10") -> dict:
    return call(client, "POST", "/prompts", staff[who], expect,
                json={"unit_id": unit_id, "year": YEAR, "kind": kind, "reasons": reasons, "deadline": deadline})


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs] +
                     [cell.text for table in document.tables for row in table.rows for cell in row.cells])


def test_grounds_come_from_what_units_entered(client, staff):
    assert "no_checklist" in grounds(client, staff, "UFED")  # the 妇联 sent no checklist for the year
    market = grounds(client, staff, "UMKT")
    assert "no_checklist" not in market and market  # it sent one, and the graph finds what it lacks
    call(client, "GET", "/units/UFED/grounds", staff["mkt"], 403, params={"year": YEAR})


def test_a_bureau_issues_a_prompt_from_a_finding_and_the_unit_answers(client, staff):
    kind, reasons = next(iter(grounds(client, staff, "UMKT").items()))
    issue(client, staff, "UMKT", kind, reasons, who="mkt-reviewer", expect=403)  # never for one's own unit
    issue(client, staff, "UMKT", kind, reasons, who="mkt", expect=403)
    issue(client, staff, "UMKT", "nonsense", reasons, expect=422)
    prompt = issue(client, staff, "UMKT", kind, reasons)
    second = issue(client, staff, "UPSB", "inspection", ["普法宣传栏两年未更新"])
    assert (prompt["state"], prompt["reference"], second["reference"]) == ("open", f"〔{YEAR}〕第1号", f"〔{YEAR}〕第2号")
    letter = client.get(f"{V1}/prompts/{prompt['id']}/docx", headers=staff["reviewer"])
    assert letter.status_code == 200 and reasons[0] in docx_text(letter.content)
    assert "第五十七条" in docx_text(letter.content)

    assert client.get(f"{V1}/prompts/{prompt['id']}/docx", headers=staff["mkt"]).status_code == 200  # the unit's own
    assert client.get(f"{V1}/prompts/{prompt['id']}/docx", headers=staff["psb"]).status_code == 403
    call(client, "POST", f"/prompts/{prompt['id']}/answer", staff["psb"], 403, data={"comment": "x"})
    call(client, "POST", f"/prompts/{prompt['id']}/close", staff["reviewer"], 409)  # nothing answered yet
    answered = call(client, "POST", f"/prompts/{prompt['id']}/answer", staff["mkt"],
                    data={"comment": "已将主管法律列入清单并开展专题宣传"},
                    files=[("files", ("现场.jpg", JPEG, "image/jpeg"))])
    assert answered["prompt"]["state"] == "answered" and len(answered["evidence"]) == 1
    call(client, "POST", f"/prompts/{prompt['id']}/close", staff["mkt-reviewer"], 403)
    closed = call(client, "POST", f"/prompts/{prompt['id']}/close", staff["reviewer"])
    assert [h["action"] for h in closed["history"]] == ["issue", "answer", "close"]
    assert closed["history"][1]["name"] == "反馈落实情况" and closed["prompt"]["state_name"] == "已办结"
    mine = call(client, "GET", "/prompts", staff["mkt"])
    assert [p["id"] for p in mine["data"]] == [prompt["id"]]  # a liaison sees its own unit's only
    assert call(client, "GET", "/prompts", staff["reviewer"], params={"year": YEAR})["tally"] == {
        "issued": 2, "open": 1, "answered": 0, "closed": 1, "escalated": 0, "overdue": 0}


def test_an_unanswered_overdue_prompt_is_escalated_and_the_assessment_counts_it(client, staff, clock):
    prompt = issue(client, staff, "UPSB", "inspection", ["未在“12·4”国家宪法日开展宣传"], deadline="2026-12-25")
    early = client.post(f"{V1}/prompts/{prompt['id']}/escalate", headers=staff["reviewer"], json={"comment": "逾期"})
    assert early.status_code == 409  # the unit still has time
    assert "escalate" not in {a["action"] for a in call(client, "GET", f"/prompts/{prompt['id']}", staff["reviewer"])["actions"]}
    clock.advance(days=10)
    listed = call(client, "GET", "/prompts", staff["reviewer"], params={"year": YEAR, "overdue": "true"})
    assert [p["id"] for p in listed["data"]] == [prompt["id"]] and listed["tally"]["overdue"] == 1
    call(client, "POST", f"/prompts/{prompt['id']}/escalate", staff["reviewer"], 422, json={})
    escalated = call(client, "POST", f"/prompts/{prompt['id']}/escalate", staff["reviewer"],
                     json={"comment": "逾期未反馈，予以通报批评"})
    assert escalated["prompt"]["state"] == "escalated" and escalated["actions"] == []
    call(client, "POST", f"/prompts/{prompt['id']}/answer", staff["psb"], 409, data={"comment": "补报"})
    circular = call(client, "GET", f"/prompts/circular/{YEAR}", staff["coordinator"])
    assert [p["unit"]["name"] for p in circular] == ["澄河县公安局"]
    published = client.get(f"{V1}/prompts/circular/{YEAR}/docx", headers=staff["reviewer"])
    assert published.status_code == 200 and "澄河县公安局" in docx_text(published.content)
    compute(client, staff)
    deduction = lines(client, staff["reviewer"], "UPSB")["prompts"]
    assert deduction["points"] == -1 and "通报批评" in deduction["reason"]
    assert lines(client, staff["reviewer"], "UMKT")["prompts"]["points"] == 0
