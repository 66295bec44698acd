"""The county's annual report (法治宣传教育法 第五十六条, 第五十八条) over /api/v1 on both stores: after a
year of records (an activity, a 普法提示 escalated, a confirmed 应知应会 list, a published assessment)
its Word draft and Excel annex download, and every figure equals what the pages answer."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.api.test_review import V1, call
from tests.api.year_end.test_duty_laws import liaison
from tests.api.year_end.test_prompts import docx_text, issue
from tests.year_end import YEAR, Staff, accepted_activity, compute, with_deadlines


@pytest.fixture
def staff(store, client) -> Staff:
    return with_deadlines(client, Staff(store))


def test_the_county_report_downloads_with_the_figures_the_pages_show(client, staff, store, clock):
    accepted_activity(client, staff)
    prompt = issue(client, staff, "UPSB", "inspection", ["未开展宪法宣传"], deadline="2026-12-22")
    issue(client, staff, "UMKT", "inspection", ["宣传栏未更新"])
    clock.advance(days=5)
    call(client, "POST", f"/prompts/{prompt['id']}/escalate", staff["reviewer"], json={"comment": "逾期未反馈"})
    education = liaison(store, "UEDU")
    call(client, "POST", "/units/UEDU/duty-laws", education, 201)
    call(client, "POST", "/units/UEDU/duty-laws/1/confirm", education)
    compute(client, staff)
    call(client, "POST", f"/assessments/{YEAR}/versions/1/publish", staff["reviewer"])

    report = call(client, "GET", f"/years/{YEAR}/county-report", staff["coordinator"])
    shown = {f["name"]: f["value"] for f in report["figures"]}
    workbook = load_workbook(io.BytesIO(client.get(f"{V1}/years/{YEAR}/county-report.xlsx",
                                                   headers=staff["reviewer"]).content))
    annex = {row[1]: row[2] for row in workbook["数据"].iter_rows(min_row=3, values_only=True)}
    assert annex == shown and all(f["source"] for f in report["figures"])

    audit = call(client, "GET", "/audit", staff["reviewer"], params={"year": YEAR})
    gaps = call(client, "GET", "/gaps", staff["reviewer"], params={"year": YEAR})
    tally = call(client, "GET", "/prompts", staff["reviewer"], params={"year": YEAR})["tally"]
    ranking = call(client, "GET", f"/public/assessments/{YEAR}", {})
    activities = call(client, "GET", "/activities", staff["reviewer"], params={"year": YEAR, "limit": 500})["data"]
    assert (shown["应报送单位"], shown["已报送清单的单位"], shown["清单条目"]) == (
        audit["units_expected"], audit["units_submitted"], audit["items"])
    assert shown["范围内法律法规覆盖率（%）"] == audit["law_coverage_pct"]
    assert shown["本县单位主管的法律法规"] - shown["其中已列入清单"] == gaps["counts"]["principal"]
    assert (shown["下达普法提示"], shown["通报批评"], shown["逾期未反馈"]) == (tally["issued"], tally["escalated"], 0) == (2, 1, 0)
    assert shown["普法活动"] == len(activities) == 1 and shown["覆盖人次"] == sum(a["reached"] or 0 for a in activities)
    assert shown["佐证材料经审核采纳的活动"] == sum(a["evidence_state"] == "accepted" for a in activities)
    assert shown["已确认清单的单位"] == 1
    assert {name.removesuffix("（个）"): n for name, n in shown.items() if name.endswith("（个）")} == ranking["grade_counts"]
    assert [k["name"] for k in report["key_dates"]] == [row[0] for row in workbook["重要时间节点"].iter_rows(
        min_row=2, values_only=True)]

    document = client.get(f"{V1}/years/{YEAR}/county-report.docx", headers=staff["reviewer"])
    text = docx_text(document.content)
    assert document.status_code == 200 and "第五十八条" in text and f"下达普法提示 {tally['issued']}" in text
    call(client, "GET", f"/years/{YEAR}/county-report", staff["mkt"], 403)
