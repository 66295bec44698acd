"""Rectifications (限期整改) over /api/v1 on both stores: ordered from a published assessment (one per
lost item, for the grades the rubric marks), or issued by a reviewer; the unit answers with text and
evidence, the reviewer closes or reopens; overdue ones are listed and deducted; the whole history
stays; every step checked for role, unit and state."""

from __future__ import annotations

import pytest

from tests.api.test_review import call
from tests.year_end import JPEG, PDF, YEAR, Staff, compute, lines, with_deadlines


@pytest.fixture
def staff(store, client) -> Staff:
    return with_deadlines(client, Staff(store))


def issue(client, staff, who: str = "reviewer", unit_id: str = "UMKT", deadline: str = "2027-01-31",
          expect: int = 201) -> dict:
    return call(client, "POST", "/rectifications", staff[who], expect,
                json={"unit_id": unit_id, "year": YEAR, "text": "宣传栏内容两年未更新", "deadline": deadline})


def test_a_published_assessment_orders_each_lost_item_to_be_fixed(client, staff):
    compute(client, staff)
    early = client.post(f"/api/v1/assessments/{YEAR}/versions/1/rectifications", headers=staff["reviewer"],
                        json={"deadline": "2027-01-31"})
    assert early.status_code == 409 and early.json()["state"] == "draft"
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])
    ranking = {s["unit"]["id"]: s for s in call(client, "GET", f"/assessments/{YEAR}/ranking", staff["reviewer"])["data"]}
    ordered = call(client, "POST", f"/assessments/{YEAR}/versions/1/rectifications", staff["mkt-reviewer"], 201,
                   json={"deadline": "2027-01-31"})
    assert any("本人所在单位" in reason for reason in ordered["skipped"])
    assert "UMKT" not in {f["unit"]["id"] for f in ordered["data"]}
    market = lines(client, staff["reviewer"])
    lost = {item for item, line in market.items()
            if (line["points"] < line["max_points"] if line["kind"] == "item" else line["points"] < 0)}
    by_reviewer = call(client, "POST", f"/assessments/{YEAR}/versions/1/rectifications", staff["reviewer"], 201,
                       json={"deadline": "2027-01-31"})
    assert ranking["UMKT"]["grade"] in ("合格", "不合格")
    assert {f["item_id"] for f in by_reviewer["data"] if f["unit"]["id"] == "UMKT"} == lost
    finding = next(f for f in by_reviewer["data"] if f["unit"]["id"] == "UMKT" and f["item_id"] == "no_outdated")
    assert finding["text"].startswith("未引用失效法律法规：") and finding["deadline"] == "2027-01-31"
    assert call(client, "POST", f"/assessments/{YEAR}/versions/1/rectifications", staff["reviewer"], 201,
                json={"deadline": "2027-01-31"})["count"] == 0  # issued once


def test_the_unit_answers_the_reviewer_reopens_and_closes_and_the_history_stays(client, staff, clock):
    finding_id = issue(client, staff)["id"]
    call(client, "POST", f"/rectifications/{finding_id}/answer", staff["psb"], 403, data={"comment": "x"})
    call(client, "POST", f"/rectifications/{finding_id}/answer", staff["reviewer"], 403, data={"comment": "x"})
    call(client, "POST", f"/rectifications/{finding_id}/close", staff["mkt"], 403)
    answered = call(client, "POST", f"/rectifications/{finding_id}/answer", staff["mkt"],
                    data={"comment": "已更换宣传栏内容，增设食品安全专栏"},
                    files=[("files", ("宣传栏.jpg", JPEG, "image/jpeg")), ("files", ("整改报告.pdf", PDF, "application/pdf"))])
    assert answered["finding"]["state"] == "answered" and len(answered["evidence"]) == 2
    assert answered["actions"] == []  # the unit waits for the reviewer
    twice = client.post(f"/api/v1/rectifications/{finding_id}/answer", headers=staff["mkt"], data={"comment": "again"})
    assert twice.status_code == 409 and twice.json()["state"] == "answered"
    call(client, "POST", f"/rectifications/{finding_id}/close", staff["mkt-reviewer"], 403)
    no_reason = client.post(f"/api/v1/rectifications/{finding_id}/reopen", headers=staff["reviewer"], json={})
    assert no_reason.status_code == 422 and "comment" in no_reason.json()["detail"]
    reopened = call(client, "POST", f"/rectifications/{finding_id}/reopen", staff["reviewer"],
                    json={"comment": "照片未见专栏内容，请补充", "deadline": "2027-02-28"})
    assert (reopened["finding"]["state"], reopened["finding"]["deadline"]) == ("open", "2027-02-28")
    call(client, "POST", f"/rectifications/{finding_id}/answer", staff["mkt"], data={"comment": "已补充专栏照片"},
         files=[("files", ("专栏.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"))])
    closed = call(client, "POST", f"/rectifications/{finding_id}/close", staff["reviewer"], json={"comment": "整改到位"})
    assert closed["finding"]["state"] == "closed"
    history = closed["history"]
    assert [h["action"] for h in history] == ["issue", "answer", "reopen", "answer", "close"]
    assert [len(h["evidence"]) for h in history] == [0, 2, 0, 1, 0]
    assert history[2]["deadline"] == "2027-02-28" and history[2]["comment"] == "照片未见专栏内容，请补充"
    evidence_id = history[1]["evidence"][0]["id"]
    assert client.get(f"/api/v1/evidence/{evidence_id}", headers=staff["coordinator"]).status_code == 200
    assert client.get(f"/api/v1/evidence/{evidence_id}", headers=staff["psb"]).status_code == 403
    call(client, "GET", f"/rectifications/{finding_id}", staff["psb"], 403)


def test_overdue_rectifications_are_listed_and_deducted(client, staff, clock):
    overdue_id = issue(client, staff, deadline="2026-12-31")["id"]
    answered_id = issue(client, staff, deadline="2026-12-31")["id"]
    call(client, "POST", f"/rectifications/{answered_id}/answer", staff["mkt"], data={"comment": "已整改"})
    issue(client, staff, unit_id="UPSB", deadline="2027-06-30")
    assert call(client, "GET", "/rectifications", staff["reviewer"], params={"overdue": True})["count"] == 0
    clock.advance(days=20)
    found = call(client, "GET", "/rectifications", staff["reviewer"], params={"overdue": True})
    assert [f["id"] for f in found["data"]] == [overdue_id] and found["overdue"] == 1
    every = call(client, "GET", "/rectifications", staff["reviewer"])
    assert every["data"][0]["id"] == overdue_id and every["counts"] == {"open": 2, "answered": 1}
    assert call(client, "GET", "/rectifications", staff["psb"])["count"] == 1  # a unit sees its own
    compute(client, staff)
    overdue = lines(client, staff["reviewer"])["overdue"]
    assert overdue["points"] == -1.0 and [r["id"] for r in overdue["records"]] == [overdue_id]
    assert "逾期未整改 1 项" in overdue["reason"]


def test_issuing_is_the_reviewers_for_others_units_with_a_deadline_ahead(client, staff):
    issue(client, staff, deadline="2026-12-01", expect=422)
    issue(client, staff, who="mkt-reviewer", expect=403)
    issue(client, staff, who="mkt", expect=403)
    issue(client, staff, who="public", expect=401)
    call(client, "POST", "/rectifications", staff["reviewer"], 404,
         json={"unit_id": "UNOPE", "year": YEAR, "text": "x", "deadline": "2027-01-31"})
