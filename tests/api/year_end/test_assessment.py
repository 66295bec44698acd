"""The annual assessment over /api/v1 on both stores: every point with its reason and the records it
rests on, the ranking, versions (publishing freezes one; recomputing makes a new one whose
differences are shown), manual items, what the public and the units may see, and the downloads."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from api.app import create_app
from pufa.config import Settings
from pufa.errors import InputError
from tests.api.test_review import call
from tests.year_end import (
    ACTIVITY,
    YEAR,
    Staff,
    accepted_activity,
    compute,
    lines,
    with_deadlines,
)


@pytest.fixture
def staff(store, client) -> Staff:
    return with_deadlines(client, Staff(store))


def test_every_point_has_its_reason_and_records(client, staff):
    activity_id = accepted_activity(client, staff)
    version = compute(client, staff)
    assert (version["version"], version["state"], version["max_points"]) == (1, "draft", 100.0)
    mkt = lines(client, staff["reviewer"])
    assert (mkt["on_time"]["points"], mkt["on_time"]["reason"]) == (5.0, "2026年2月1日报送，在截止日期2026年2月1日前")
    assert mkt["on_time"]["records"][0]["kind"] == "checklist"
    assert mkt["evidence"]["points"] == round(25 / 12, 2)
    assert mkt["evidence"]["reason"] == "佐证材料经审核采纳的活动 1 次（12 次得满分）"
    assert [(r["kind"], r["id"]) for r in mkt["evidence"]["records"]] == [("activity", activity_id)]
    assert mkt["evidence"]["records"][0]["name"] == "2026年3月15日 “3·15”国际消费者权益日普法宣传"
    assert mkt["key_dates"]["points"] == 15.0 and "开展了活动的 1 个" in mkt["key_dates"]["reason"]
    assert mkt["principal_laws"]["points"] == 15.0  # 食品安全法 makes its type principal, and it lists it
    assert mkt["no_outdated"]["points"] == 0.0 and "合同法" in mkt["no_outdated"]["reason"]
    assert [r["id"] for r in mkt["no_outdated"]["records"]] == ["C-MKT-2026#3"]
    assert mkt["cases"]["points"] == 5.0 and mkt["cases"]["records"][0]["id"] == activity_id
    assert mkt["info_short"]["points"] == -2.75 and "少于应报 12 条 11 条" in mkt["info_short"]["reason"]
    assert mkt["evaluation"]["reason"] == "尚未评定"
    women = lines(client, staff["reviewer"], "UFED")
    assert women["on_time"]["reason"] == "未报送本年度普法责任清单" and women["five_questions"]["points"] == 0
    assert women["info_short"]["points"] == -3.0  # capped


def test_the_ranking_orders_the_units(client, staff):
    accepted_activity(client, staff)
    compute(client, staff)
    ranking = call(client, "GET", f"/assessments/{YEAR}/ranking", staff["reviewer"])
    totals = [score["total"] for score in ranking["data"]]
    assert totals == sorted(totals, reverse=True) and ranking["data"][0]["unit"]["id"] == "UMKT"
    assert ranking["data"][-1]["unit"]["id"] == "UFED" and ranking["data"][-1]["total"] == 0
    for before, after in zip(ranking["data"], ranking["data"][1:]):
        assert after["rank"] == (before["rank"] if after["total"] == before["total"] else ranking["data"].index(after) + 1)
    assert sum(ranking["grade_counts"].values()) == ranking["count"] == 7
    assert [g["name"] for g in ranking["grades"]] == ["优秀", "良好", "合格", "不合格"]


def test_publishing_freezes_a_version_and_recomputing_shows_what_changed(client, staff, clock):
    first = accepted_activity(client, staff)
    compute(client, staff)
    published = call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])
    assert published["state"] == "published" and published["published_by"].startswith("reviewer")
    again = client.post(f"/api/v1/assessments/{YEAR}/versions/1/publish", headers=staff["reviewer"])
    assert again.status_code == 409 and again.json()["state"] == "published"
    before = call(client, "GET", f"/public/assessments/{YEAR}", {})["data"][0]
    second = accepted_activity(client, staff, title="食品安全进校园", held_on="2026-05-20", item_ids=[], case_ids=[],
                               published_cases=[], audience_text="学生")
    assert call(client, "GET", f"/public/assessments/{YEAR}", {})["data"][0] == before  # frozen
    assert lines(client, staff["reviewer"], version=1)["evidence"]["records"] == [
        {"kind": "activity", "id": first, "name": "2026年3月15日 “3·15”国际消费者权益日普法宣传"}]
    assert compute(client, staff)["version"] == 2
    changes = call(client, "GET", f"/assessments/{YEAR}/versions/2/changes", staff["reviewer"])
    assert changes["against"]["version"] == 1 and changes["unchanged"] == 6
    (change,) = changes["data"]
    assert change["unit"]["id"] == "UMKT" and change["total_after"] > change["total_before"]
    changed = {line["item_id"]: line for line in change["lines"]}
    assert changed["evidence"]["before"] == round(25 / 12, 2) and changed["evidence"]["after"] == round(50 / 12, 2)
    assert changed["evidence"]["reason"] == "佐证材料经审核采纳的活动 2 次（12 次得满分）"
    assert {r["id"] for r in lines(client, staff["reviewer"])["evidence"]["records"]} == {first, second}
    call(client, "POST", f"/assessments/{YEAR}/versions/2/publish", staff["admin"])
    states = {v["version"]: v["state"] for v in call(client, "GET", f"/assessments/{YEAR}", staff["coordinator"])["data"]}
    assert states == {1: "superseded", 2: "published"}
    assert call(client, "GET", f"/public/assessments/{YEAR}", {})["assessment"]["version"] == 2


def test_the_public_and_other_units_see_only_the_published_result(client, staff):
    compute(client, staff)
    assert client.get(f"/api/v1/public/assessments/{YEAR}").status_code == 404
    call(client, "GET", f"/assessments/{YEAR}/ranking", staff["psb"], 404)
    call(client, "GET", f"/assessments/{YEAR}", staff["psb"], 403)
    call(client, "GET", f"/assessments/{YEAR}/units/UMKT", staff["psb"], 404)
    own = lines(client, staff["mkt"])  # a unit reads its own draft, with the records
    assert own["no_outdated"]["records"]
    call(client, "GET", f"/assessments/{YEAR}/units/UMKT", {}, 401)
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])
    public = call(client, "GET", f"/public/assessments/{YEAR}/units/UMKT", {})
    assert public["manual"] == [] and all(line["records"] == [] for line in public["score"]["lines"])
    assert {line["item_id"] for line in public["score"]["lines"]} >= {"on_time", "evidence", "inspection"}
    assert call(client, "GET", "/public/assessments", {}) == [YEAR]
    assert call(client, "GET", f"/assessments/{YEAR}/ranking", staff["psb"])["assessment"]["version"] == 1


def test_only_the_bureau_computes_and_publishes(client, staff):
    for who, expect in (("mkt", 403), ("coordinator", 403), ("public", 401)):
        call(client, "POST", f"/assessments/{YEAR}/compute", staff[who], expect)
    assert compute(client, staff, "admin")["computed_by"].startswith("初始管理员")
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["mkt"], 403)
    call(client, "POST", f"/assessments/{YEAR}/versions/9/publish", staff["reviewer"], 404)
    assert call(client, "GET", "/assessments/rubric", {})["max_points"] == 100.0


def test_manual_items_are_entered_with_a_reason_never_for_ones_own_unit(client, staff):
    path = f"/assessments/{YEAR}/units/UMKT/manual"
    entry = call(client, "PUT", f"{path}/evaluation", staff["reviewer"], json={"points": 4.5, "reason": "群众满意度测评 92 分"})
    assert (entry["item_name"], entry["points"]) == ("社会评价（群众满意度测评）", 4.5)
    call(client, "PUT", f"{path}/inspection", staff["reviewer"], json={"points": 2, "reason": "督查发现宣传栏长期未更新"})
    own = client.put(f"/api/v1{path}/evaluation", headers=staff["mkt-reviewer"], json={"points": 5, "reason": "自评"})
    assert own.status_code == 403
    too_many = client.put(f"/api/v1{path}/evaluation", headers=staff["reviewer"], json={"points": 6, "reason": "x"})
    assert too_many.status_code == 422 and "0–5" in too_many.json()["detail"]
    call(client, "PUT", f"{path}/on_time", staff["reviewer"], 404, json={"points": 1, "reason": "x"})
    call(client, "PUT", f"{path}/evaluation", staff["reviewer"], 422, json={"points": 1, "reason": ""})
    call(client, "PUT", f"{path}/evaluation", staff["mkt"], 403, json={"points": 1, "reason": "x"})
    compute(client, staff)
    mkt = lines(client, staff["reviewer"])
    assert mkt["evaluation"]["points"] == 4.5 and mkt["evaluation"]["reason"].startswith("群众满意度测评 92 分（reviewer")
    assert mkt["inspection"]["points"] == -2.0 and "宣传栏" in mkt["inspection"]["reason"]
    result = call(client, "GET", f"/assessments/{YEAR}/units/UMKT", staff["reviewer"])
    assert {m["item_id"] for m in result["manual"]} == {"evaluation", "inspection"}


def test_the_downloads_open_in_office(client, staff):
    activity_id = accepted_activity(client, staff)
    compute(client, staff)
    ranking = call(client, "GET", f"/assessments/{YEAR}/ranking", staff["reviewer"])
    workbook = load_workbook(io.BytesIO(client.get(f"/api/v1/assessments/{YEAR}/ranking.xlsx",
                                                   headers=staff["reviewer"]).content))
    rows = list(workbook["得分排名"].iter_rows(min_row=3, values_only=True))
    assert [row[1] for row in rows] == [score["unit"]["name"] for score in ranking["data"]]
    assert any("佐证材料经审核采纳的活动 1 次" in (row[5] or "") for row in workbook["得分明细"].iter_rows(values_only=True))
    call(client, "GET", f"/assessments/{YEAR}/ranking.xlsx", staff["mkt"], 403)
    report = client.get(f"/api/v1/assessments/{YEAR}/units/UMKT/report.docx", headers=staff["mkt"])
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "澄河县市场监督管理局2026年度普法责任制履职报告书" in text and "全年开展普法活动 1 次，覆盖 320 人次" in text
    cells = {cell.text for table in Document(io.BytesIO(report.content)).tables for row in table.rows for cell in row.cells}
    assert ACTIVITY["title"] in cells and "已采纳" in cells
    call(client, "GET", f"/assessments/{YEAR}/units/UMKT/report.docx", staff["psb"], 403)
    summary = client.get(f"/api/v1/assessments/{YEAR}/summary.docx", headers=staff["coordinator"])
    assert "考核总结" in Document(io.BytesIO(summary.content)).paragraphs[0].text
    sheet = load_workbook(io.BytesIO(client.get(f"/api/v1/assessments/{YEAR}/summary.xlsx",
                                                headers=staff["reviewer"]).content))["单位情况"]
    market = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "澄河县市场监督管理局")
    assert market[5:7] == (1, 1)  # one activity, its evidence accepted
    call(client, "GET", f"/assessments/{YEAR}/summary.xlsx", staff["mkt"], 403)
    assert activity_id


def test_a_control_character_typed_into_an_activity_does_not_break_the_reports(client, staff):
    accepted_activity(client, staff, title="宪法\x0b进社区\x00")
    compute(client, staff)
    report = client.get(f"/api/v1/assessments/{YEAR}/units/UMKT/report.docx", headers=staff["mkt"])
    assert report.status_code == 200
    cells = {cell.text for table in Document(io.BytesIO(report.content)).tables for row in table.rows for cell in row.cells}
    assert "宪法进社区" in cells
    call(client, "POST", "/prompts", staff["reviewer"], 201,
         json={"unit_id": "UMKT", "year": YEAR, "kind": "inspection", "reasons": ["宣传栏\x0b长期未更新"],
               "deadline": "2027-01-31"})
    summary = client.get(f"/api/v1/assessments/{YEAR}/summary.docx", headers=staff["coordinator"])
    assert summary.status_code == 200
    cells = {cell.text for table in Document(io.BytesIO(summary.content)).tables for row in table.rows for cell in row.cells}
    assert "宣传栏长期未更新" in cells


def test_a_bad_rubric_stops_the_start_naming_its_line_and_field(tmp_path):
    own = tmp_path / "本县细则.yaml"
    own.write_text("name: 细则\nitems:\n  - id: x\n    name: 某项\n    rule: manual\n    points: 100\n"
                   "grades:\n  - {name: 合格, min: 10}\n", encoding="utf-8")
    with pytest.raises(InputError, match="grades: the lowest grade must start at 0") as caught:
        create_app(Settings(assessment_rubric=own))
    assert caught.value.source == str(own)
