"""Activity records (履职台账) over /api/v1 on both stores: a unit records what it did as units write
it (Chinese dates, audiences by name, laws as cited), with evidence files told by their content;
the reviewer accepts or rejects the evidence with a reason, never its own unit's; a 台账
spreadsheet is written whole or refused with every row's problem; nobody else sees any of it."""

from __future__ import annotations

import pytest

from tests.api.test_review import call
from tests.year_end import ACTIVITY, HEIC, JPEG, PDF, PNG, Staff, attach, docx_bytes, record


@pytest.fixture
def staff(store, client) -> Staff:
    return Staff(store)


def test_a_unit_records_an_activity_as_it_writes_it(client, staff):
    detail = record(client, staff["mkt"])
    activity = detail["activity"]
    assert (activity["held_on"], activity["year"], activity["reached"]) == ("2026-03-15", 2026, 320)
    assert [k["id"] for k in activity["key_dates"]] == ["consumer_rights_day"]
    assert {a["id"] for a in detail["audiences"]} == {"consumers", "students"}
    assert {m["id"] for m in detail["methods"]} == {"leaflets", "case_explanation"}
    assert {law["id"] for law in detail["laws"]} == {"LCONSUMER", "LFOOD"}
    assert [row["id"] for row in detail["rows"]] == ["C-MKT-2026#2"]
    assert sorted((case["name"], case["published"]) for case in detail["cases"]) == [
        ("某商户虚假宣传案", True), ("某超市销售过期食品案", False)]
    assert (activity["evidence_state"], activity["cases_published"], detail["editable"]) == ("none", 1, True)
    listed = call(client, "GET", "/activities", staff["mkt"], params={"year": 2026})
    assert [a["id"] for a in listed["data"]] == [activity["id"]]
    june = record(client, staff["mkt"], held_on="2026/6/16", title="安全生产月宣传", key_date="", item_ids=[],
                  case_ids=[], published_cases=[], audience_text="企业经营者")
    assert [k["id"] for k in june["activity"]["key_dates"]] == ["safety_month", "illegal_fundraising_month"]
    assert [a["id"] for a in june["audiences"]] == ["businesses"]
    named = record(client, staff["mkt"], held_on="2026-12-03", title="宪法宣传周", key_date="12·4", item_ids=[],
                   case_ids=[], published_cases=[])
    assert [k["id"] for k in named["activity"]["key_dates"]] == ["constitution_day"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"held_on": "三月中旬"}, "held_on", "not a date"),
    ({"held_on": "2026-13-01"}, "held_on", "not a date"),
    ({"held_on": "2027-01-05"}, "held_on", "after today"),
    ({"key_date": "全年"}, "key_date", "names no key date"),
    ({"law_text": "《中华人民共和国食品安全条例法》"}, "law_text", "not found in the catalogue"),
    ({"item_ids": ["C-PSB-2026-2#1"]}, "item_ids", "not rows of this unit"),
    ({"item_ids": ["C-MKT-2025#1"]}, "item_ids", "another year"),
    ({"case_ids": ["K404"]}, "case_ids", "no such"),
])
def test_what_cannot_be_used_is_refused_naming_the_field(client, staff, changes, field, words):
    response = client.post("/api/v1/activities", headers=staff["mkt"], json={**ACTIVITY, **changes})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in problem["detail"] and words in problem["detail"]
    assert call(client, "GET", "/activities", staff["mkt"], params={"year": 2026})["count"] == 0


def test_evidence_is_told_by_its_content_limited_and_stored_by_hash(client, staff, tmp_path):
    activity_id = record(client, staff["mkt"])["activity"]["id"]
    detail = attach(client, activity_id, staff["mkt"], ("现场照片.jpg", JPEG), ("签到表.pdf", PDF), ("iphone.heic", HEIC))
    kinds = {e["file_name"]: e["media_type"] for e in detail["evidence"]}
    assert kinds == {"现场照片.jpg": "image/jpeg", "签到表.pdf": "application/pdf", "iphone.heic": "image/heic"}
    assert detail["activity"]["evidence_state"] == "pending" and detail["activity"]["evidence_count"] == 3
    assert detail["history"][-1]["name"] == "上传佐证材料" and len(detail["history"][-1]["evidence"]) == 3
    photo = next(e for e in detail["evidence"] if e["file_name"] == "现场照片.jpg")
    served = client.get(f"/api/v1/evidence/{photo['id']}", headers=staff["reviewer"])
    assert served.status_code == 200 and served.content == JPEG and served.headers["content-type"] == "image/jpeg"
    assert "filename*=UTF-8''" in served.headers["content-disposition"]
    stored = list((tmp_path / "attachments").rglob("*"))
    assert sum(path.is_file() for path in stored) == 3
    other = record(client, staff["mkt"], title="另一次活动", item_ids=[], case_ids=[], published_cases=[])["activity"]["id"]
    refused = client.post(f"/api/v1/activities/{other}/evidence", headers=staff["mkt"],
                          files=[("files", ("照片.jpg", b"#!/bin/sh\nrm -rf /\n", "image/jpeg"))])
    assert refused.status_code == 422 and "照片.jpg" in refused.json()["detail"] and "by its content" in refused.json()["detail"]
    kinds = {e["file_name"]: e["media_type"] for e in attach(client, other, staff["mkt"], ("说明.docx", docx_bytes()),
                                                             ("图.png", PNG))["evidence"]}
    assert kinds == {"说明.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "图.png": "image/png"}
    big = client.post(f"/api/v1/activities/{other}/evidence", headers=staff["mkt"],
                      files=[("files", ("大图.jpg", JPEG + b"\x00" * (1 << 20), "image/jpeg"))])
    assert big.status_code == 413 and "大图.jpg" in big.json()["detail"]
    many = client.post(f"/api/v1/activities/{other}/evidence", headers=staff["mkt"],
                       files=[("files", (f"{n}.png", PNG, "image/png")) for n in range(2)])
    assert many.status_code == 422 and "at most 3" in many.json()["detail"]


def test_the_reviewer_accepts_or_rejects_with_a_reason_never_for_its_own_unit(client, staff):
    activity_id = record(client, staff["mkt"])["activity"]["id"]
    nothing = client.post(f"/api/v1/activities/{activity_id}/accept", headers=staff["reviewer"])
    assert nothing.status_code == 409 and nothing.json()["state"] == "none"
    attach(client, activity_id, staff["mkt"], ("现场.jpg", JPEG))
    assert [a["id"] for a in call(client, "GET", "/activities/review-queue", staff["reviewer"])["data"]] == [activity_id]
    call(client, "POST", f"/activities/{activity_id}/accept", staff["mkt"], 403)
    call(client, "POST", f"/activities/{activity_id}/accept", staff["coordinator"], 403)
    own = client.post(f"/api/v1/activities/{activity_id}/accept", headers=staff["mkt-reviewer"])
    assert own.status_code == 403 and "its own records" in own.json()["detail"]
    assert call(client, "GET", f"/activities/{activity_id}", staff["mkt-reviewer"])["actions"] == []
    no_reason = client.post(f"/api/v1/activities/{activity_id}/reject", headers=staff["reviewer"], json={})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    rejected = call(client, "POST", f"/activities/{activity_id}/reject", staff["reviewer"],
                    json={"reason": "照片看不清活动现场，请补充签到表"})
    assert (rejected["activity"]["evidence_state"], rejected["activity"]["evidence_reason"]) == (
        "rejected", "照片看不清活动现场，请补充签到表")
    unit_view = call(client, "GET", f"/activities/{activity_id}", staff["mkt"])
    assert unit_view["activity"]["evidence_reason"] == "照片看不清活动现场，请补充签到表" and unit_view["editable"]
    again = attach(client, activity_id, staff["mkt"], ("签到表.pdf", PDF))
    assert (again["activity"]["evidence_state"], again["activity"]["evidence_reason"]) == ("pending", None)
    accepted = call(client, "POST", f"/activities/{activity_id}/accept", staff["reviewer"])
    assert accepted["activity"]["evidence_state"] == "accepted"
    assert [h["action"] for h in accepted["history"]] == ["upload", "reject", "upload", "accept"]
    assert not accepted["editable"]
    locked = client.put(f"/api/v1/activities/{activity_id}", headers=staff["mkt"],
                        json={k: v for k, v in ACTIVITY.items() if k != "unit_id"})
    assert locked.status_code == 409 and locked.json()["state"] == "accepted"
    assert client.delete(f"/api/v1/activities/{activity_id}", headers=staff["mkt"]).status_code == 409
    attach(client, activity_id, staff["mkt"], ("补充.jpg", JPEG), expect=409)


def test_only_the_unit_and_the_bureau_see_activities(client, staff):
    activity_id = record(client, staff["mkt"])["activity"]["id"]
    evidence_id = attach(client, activity_id, staff["mkt"], ("现场.jpg", JPEG))["evidence"][0]["id"]
    for who, expect in (("psb", 403), ("public", 401), ("coordinator", 200), ("reviewer", 200), ("admin", 200)):
        call(client, "GET", f"/activities/{activity_id}", staff[who], expect)
        assert client.get(f"/api/v1/evidence/{evidence_id}", headers=staff[who]).status_code == expect
    call(client, "GET", "/activities", staff["psb"], 403, params={"unit_id": "UMKT"})
    assert call(client, "GET", "/activities", staff["psb"])["count"] == 0
    call(client, "POST", "/activities", staff["psb"], 403, json=ACTIVITY)
    call(client, "POST", "/activities", staff["reviewer"], 403, json=ACTIVITY)
    call(client, "DELETE", f"/activities/{activity_id}", staff["psb"], 403)
    call(client, "GET", "/activities/review-queue", staff["mkt"], 403)
    traffic = record(client, staff["psb"], unit_id="UTRAFFIC", item_ids=[], case_ids=[], published_cases=[])
    assert traffic["activity"]["unit"]["id"] == "UTRAFFIC"  # a sub-unit's is its own too
    assert call(client, "GET", "/activities", staff["coordinator"], params={"year": 2026})["count"] == 2


def test_a_unit_changes_and_deletes_its_own_activity(client, staff):
    activity_id = record(client, staff["mkt"])["activity"]["id"]
    changed = call(client, "PUT", f"/activities/{activity_id}", staff["mkt"], json={
        **{k: v for k, v in ACTIVITY.items() if k != "unit_id"}, "audience_text": "企业经营者", "item_ids": [],
        "law_text": "消费者权益保护法"})
    assert [a["id"] for a in changed["audiences"]] == ["businesses"] and changed["rows"] == []
    assert [law["id"] for law in changed["laws"]] == ["LCONSUMER"]
    call(client, "DELETE", f"/activities/{activity_id}", staff["mkt"], 204)
    call(client, "GET", f"/activities/{activity_id}", staff["mkt"], 404)


LEDGER = ("序号,活动日期,活动名称,重要时间节点,对应清单条目,普及的法律法规,普法对象,普法方式,活动地点,参与人数,活动情况\n"
          "1,2026年3月15日,消费者权益日宣传,3·15,2,消费者权益保护法,消费者,发放宣传资料,城区广场,约300人,咨询活动\n"
          "2,2026-05-20,食品安全进校园,,1,《食品安全法》,青少年,专题讲座,县一中,\"1,200\",讲座\n")


def test_a_ledger_is_imported_whole_or_refused_with_every_row(client, staff):
    files = {"file": ("2026年台账.csv", LEDGER.encode("utf-8"), "text/csv")}
    imported = call(client, "POST", "/activities/import", staff["mkt"], 201, files=files)
    assert imported["count"] == 2
    by_title = {a["title"]: a for a in imported["data"]}
    assert by_title["食品安全进校园"]["reached"] == 1200 and by_title["消费者权益日宣传"]["reached"] == 300
    again = call(client, "POST", "/activities/import", staff["mkt"], 201, files=files)
    assert again["count"] == 2 and call(client, "GET", "/activities", staff["mkt"], params={"year": 2026})["count"] == 2
    bad = LEDGER + "3,某日,无日期的活动,,,,,,,,\n4,2026-04-01,乱引法律,,9,《不存在的法》,,,,,\n"
    refused = client.post("/api/v1/activities/import", headers=staff["mkt"],
                          files={"file": ("台账.csv", bad.encode("utf-8"), "text/csv")})
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert [error["field"] for error in problem["errors"]] == ["row 4, field 活动日期", "row 5, field 普及的法律法规"]
    assert "某日" in problem["errors"][0]["message"] and "不存在的法" in problem["errors"][1]["message"]
    numbered = LEDGER + "3,2026-04-01,引错条目,,9,,,,,,\n"
    refused = client.post("/api/v1/activities/import", headers=staff["mkt"],
                          files={"file": ("台账.csv", numbered.encode("utf-8"), "text/csv")})
    assert refused.json()["errors"] == [{"field": "row 4, field 对应清单条目",
                                         "message": "the unit's 2026 checklist has no row 9"}]
    assert call(client, "GET", "/activities", staff["mkt"], params={"year": 2026})["count"] == 2
    call(client, "POST", "/activities/import", staff["psb"], 403, data={"unit_id": "UMKT"}, files=files)
    entered = call(client, "POST", "/activities/import", staff["admin"], 201, data={"unit_id": "UEDU"},
                   files={"file": ("教体局台账.csv", LEDGER.replace(",2,", ",,").replace(",1,", ",,").encode(), "text/csv")})
    assert {a["unit"]["id"] for a in entered["data"]} == {"UEDU"}
