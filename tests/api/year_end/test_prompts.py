"""普法提示 over /api/v1 on both stores (法治宣传教育法 第五十七条, 第五十九条): the bureau reads the
grounds a unit's year gives, issues one with its reasons (never for its own unit), the unit answers
with what it did and evidence, the reviewer closes it; an unanswered one past its deadline is
escalated to the 通报批评 list, which the bureau downloads, and the assessment deducts for it."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.api.test_review import V1, call
from tests.year_end import JPEG, PDF, PNG, YEAR, Staff, compute, lines, with_deadlines


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


def from_assessment(client, staff, who: str = "reviewer", expect: int = 201, version: int = 1) -> dict:
    return call(client, "POST", "/prompts/from-assessment", staff[who], expect,
                json={"year": YEAR, "version": version, "deadline": "2027-01-31"})


def test_a_published_assessment_issues_a_prompt_for_each_lost_item(client, staff):
    compute(client, staff)
    early = client.post(f"{V1}/prompts/from-assessment", headers=staff["reviewer"],
                        json={"year": YEAR, "version": 1, "deadline": "2027-01-31"})
    assert early.status_code == 409 and early.json()["state"] == "draft"
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])
    ranking = {s["unit"]["id"]: s for s in call(client, "GET", f"/assessments/{YEAR}/ranking", staff["reviewer"])["data"]}
    by_own = from_assessment(client, staff, "mkt-reviewer")
    assert any("本人所在单位" in reason for reason in by_own["skipped"])
    assert "UMKT" not in {p["unit"]["id"] for p in by_own["data"]}
    market = lines(client, staff["reviewer"])
    lost = {item for item, line in market.items()
            if (line["points"] < line["max_points"] if line["kind"] == "item" else line["points"] < 0)}
    by_reviewer = from_assessment(client, staff)
    assert ranking["UMKT"]["grade"] in ("合格", "不合格")
    assert {p["item_id"] for p in by_reviewer["data"] if p["unit"]["id"] == "UMKT"} == lost
    found = next(p for p in by_reviewer["data"] if p["unit"]["id"] == "UMKT" and p["item_id"] == "no_outdated")
    assert found["reasons"][0].startswith("未引用失效法律法规：") and found["deadline"] == "2027-01-31"
    assert (found["kind"], found["kind_name"], found["state"]) == ("assessment", "年度考核发现的问题", "open")
    numbers = [p["number"] for p in by_own["data"] + by_reviewer["data"]]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # one sequence with every other 普法提示
    assert from_assessment(client, staff)["count"] == 0  # issued once
    from_assessment(client, staff, "mkt", 403)


def test_a_returned_prompt_is_answered_again_and_the_whole_history_stays(client, staff):
    prompt_id = issue(client, staff, "UMKT", "inspection", ["宣传栏内容两年未更新"])["id"]
    call(client, "POST", f"/prompts/{prompt_id}/answer", staff["reviewer"], 403, data={"comment": "x"})
    answered = call(client, "POST", f"/prompts/{prompt_id}/answer", staff["mkt"],
                    data={"comment": "已更换宣传栏内容，增设食品安全专栏"},
                    files=[("files", ("宣传栏.jpg", JPEG, "image/jpeg")), ("files", ("整改报告.pdf", PDF, "application/pdf"))])
    assert answered["prompt"]["state"] == "answered" and len(answered["evidence"]) == 2
    assert answered["actions"] == []  # the unit waits for the reviewer
    twice = client.post(f"{V1}/prompts/{prompt_id}/answer", headers=staff["mkt"], data={"comment": "again"})
    assert twice.status_code == 409 and twice.json()["state"] == "answered"
    no_reason = client.post(f"{V1}/prompts/{prompt_id}/return", headers=staff["reviewer"], json={})
    assert no_reason.status_code == 422 and "comment" in no_reason.json()["detail"]
    returned = call(client, "POST", f"/prompts/{prompt_id}/return", staff["reviewer"],
                    json={"comment": "照片未见专栏内容，请补充", "deadline": "2027-02-28"})
    assert (returned["prompt"]["state"], returned["prompt"]["deadline"]) == ("open", "2027-02-28")
    call(client, "POST", f"/prompts/{prompt_id}/answer", staff["mkt"], data={"comment": "已补充专栏照片"},
         files=[("files", ("专栏.png", PNG, "image/png"))])
    closed = call(client, "POST", f"/prompts/{prompt_id}/close", staff["reviewer"], json={"comment": "整改到位"})
    history = closed["history"]
    assert [h["action"] for h in history] == ["issue", "answer", "return", "answer", "close"]
    assert [len(h["evidence"]) for h in history] == [0, 2, 0, 1, 0]
    assert history[2]["deadline"] == "2027-02-28" and history[2]["comment"] == "照片未见专栏内容，请补充"
    evidence_id = history[1]["evidence"][0]["id"]
    assert client.get(f"{V1}/evidence/{evidence_id}", headers=staff["coordinator"]).status_code == 200
    assert client.get(f"{V1}/evidence/{evidence_id}", headers=staff["psb"]).status_code == 403
    call(client, "GET", f"/prompts/{prompt_id}", staff["psb"], 403)


def test_overdue_prompts_are_listed_first_and_deducted_once(client, staff, clock):
    overdue_id = issue(client, staff, "UMKT", "inspection", ["宣传栏内容两年未更新"], deadline="2026-12-31")["id"]
    answered_id = issue(client, staff, "UMKT", "inspection", ["未公布清单"], deadline="2026-12-31")["id"]
    call(client, "POST", f"/prompts/{answered_id}/answer", staff["mkt"], data={"comment": "已整改"})
    issue(client, staff, "UPSB", "inspection", ["未开展宪法日宣传"], deadline="2027-06-30")
    assert call(client, "GET", "/prompts", staff["reviewer"], params={"overdue": True})["count"] == 0
    clock.advance(days=20)
    found = call(client, "GET", "/prompts", staff["reviewer"], params={"overdue": True})
    assert [p["id"] for p in found["data"]] == [overdue_id] and found["tally"]["overdue"] == 1
    every = call(client, "GET", "/prompts", staff["reviewer"])
    assert every["data"][0]["id"] == overdue_id
    assert (every["tally"]["open"], every["tally"]["answered"]) == (2, 1)
    assert call(client, "GET", "/prompts", staff["psb"])["count"] == 1  # a unit sees its own
    compute(client, staff)
    market = lines(client, staff["reviewer"])
    assert market["prompts"]["points"] == -1.0 and [r["id"] for r in market["prompts"]["records"]] == [overdue_id]
    assert "overdue" not in market  # one instrument, one deduction


def test_issuing_needs_a_deadline_ahead_a_known_unit_and_an_account(client, staff):
    issue(client, staff, "UMKT", "inspection", ["x"], deadline="2026-12-01", expect=422)
    issue(client, staff, "UMKT", "inspection", ["x"], who="public", expect=401)
    issue(client, staff, "UNOPE", "inspection", ["x"], expect=404)


def test_units_late_with_their_checklist_are_issued_a_prompt_once_the_deadline_has_passed(client, staff):
    late = {u["unit"]["id"] for u in call(client, "GET", f"/years/{YEAR}/overdue", staff["reviewer"])["checklists"]["data"]}
    assert "UFED" in late and "UMKT" not in late
    body = {"year": YEAR, "deadline": "2027-01-10"}
    call(client, "POST", "/prompts/from-late-checklists", staff["mkt"], 403, json=body)
    issued = call(client, "POST", "/prompts/from-late-checklists", staff["reviewer"], 201, json=body)
    assert {p["unit"]["id"] for p in issued["data"]} == late
    fed = next(p for p in issued["data"] if p["unit"]["id"] == "UFED")
    assert (fed["kind"], fed["reasons"]) == ("no_checklist", ["未报送本年度普法责任清单（报送截止日期 2026年2月1日）"])
    again = call(client, "POST", "/prompts/from-late-checklists", staff["reviewer"], 201, json=body)
    assert again["count"] == 0 and any("已下达，尚未办结" in reason for reason in again["skipped"])
    call(client, "PUT", f"/years/{YEAR}/plan", staff["admin"],
         json={"liaison_deadline": "2026-01-20", "checklist_deadline": "2026-12-31"})
    early = client.post(f"{V1}/prompts/from-late-checklists", headers=staff["reviewer"], json=body)
    assert early.status_code == 409  # the units still have time
