"""The pages of the year under the 法治宣传教育法, on both stores: the reviewer finds a unit's grounds and
issues a 普法提示 from them, the unit answers it from its page, the reviewer closes it; an overdue one
is escalated and listed for 通报批评; the dashboard counts them; a unit generates and confirms its
应知应会 list, published for everyone; the county report's page shows the figures its annex holds."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, FakeClock, make_account
from tests.fixtures_graph import REGION, build_county
from tests.web.test_workflow_pages import browser, post, sign_in
from tests.year_end import JPEG, NOW, YEAR


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(store, tmp_path, clock):
    build_county(store)
    for name, role, unit in (("mkt", Role.LIAISON, "UMKT"), ("psb", Role.LIAISON, "UPSB"),
                             ("reviewer", Role.REVIEWER, None), ("mkt-reviewer", Role.REVIEWER, "UMKT")):
        make_account(store, name, role, unit)
    settings = Settings(region=REGION, api_token=BOOTSTRAP_TOKEN, secret_key="pages", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments")
    return create_app(settings, store=store, clock=clock)


def test_a_prompt_is_issued_from_the_grounds_answered_closed_and_another_escalated(app, clock):
    with browser(app) as reviewer, browser(app) as unit, TestClient(app) as public:
        token = sign_in(reviewer, "reviewer")
        grounds = reviewer.get(f"/prompts?year={YEAR}&unit_id=UMKT").text
        kind = re.search(r'id="ground-([a-z_]+)"', grounds).group(1)
        reasons = re.findall(rf'id="ground-{kind}".*?</form>', grounds, re.S)[0]
        reason = re.search(r'name="reasons" value="([^"]+)"', reasons).group(1)
        page = post(reviewer, "/prompts", token, unit_id="UMKT", year=str(YEAR), kind=kind, reasons=[reason],
                    deadline="2027-01-10")
        assert f"〔{YEAR}〕第1号" in page and "待反馈" in page and "2027年1月10日" in page
        prompt_path = re.search(r'href="(/prompts/P[0-9a-f]+)/letter.docx"', page).group(1)
        assert reviewer.get(prompt_path + "/letter.docx").content.startswith(b"PK")

        unit_token = sign_in(unit, "mkt")
        listed = unit.get("/prompts").text
        assert prompt_path in listed and 'id="grounds"' not in listed  # a unit answers, never issues
        answered = post(unit, prompt_path + "/answer", unit_token, comment="已将主管法律列入清单",
                        files=[("files", ("现场.jpg", JPEG, "image/jpeg"))])
        assert "已反馈，待审核" in answered and "现场.jpg" in answered
        closed = post(reviewer, prompt_path + "/close", token)
        assert 'id="prompt-state">已办结' in closed

        late = post(reviewer, "/prompts", token, unit_id="UPSB", year=str(YEAR), kind="inspection",
                    reasons=["宣传栏两年未更新"], deadline="2026-12-21")
        late_path = re.search(r'href="(/prompts/P[0-9a-f]+)/letter.docx"', late).group(1)
        assert "step-escalate" not in late
        early = reviewer.post(late_path + "/escalate", data={"csrf_token": token, "comment": "逾期未反馈"})
        assert early.status_code == 409 and "单位的反馈期限为2026年12月21日，期限过后" in early.text
        again = reviewer.post(prompt_path + "/close", data={"csrf_token": token})
        assert again.status_code == 409 and "此普法提示现为“已办结”，不能审核办结" in again.text
        bare = reviewer.post("/prompts", data={"csrf_token": token, "unit_id": "UPSB", "year": str(YEAR),
                                               "kind": "inspection", "reasons": [" "], "deadline": "2026-12-21"})
        assert bare.status_code == 422 and "请至少勾选或填写一项单位未落实的事项" in bare.text
        clock.advance(days=3)
        escalated = post(reviewer, late_path + "/escalate", token, comment="逾期未反馈")
        assert 'id="prompt-state">已通报批评' in escalated
        assert "澄河县公安局" in reviewer.get(f"/prompts/circular?year={YEAR}").text
        assert "已通报批评 1 份" in public.get(f"/?year={YEAR}").text  # the dashboard counts them


def test_a_unit_confirms_its_list_and_the_county_report_shows_its_annex(app):
    with browser(app) as unit, browser(app) as reviewer, TestClient(app) as public:
        token = sign_in(unit, "mkt")
        page = unit.get("/duty-laws").text
        assert 'id="proposal-form"' in page and "中华人民共和国宪法" in page
        saved = post(unit, "/duty-laws/UMKT", token, proposal="true")
        assert 'id="list-state">待确认' in saved
        confirmed = post(unit, "/duty-laws/UMKT/1/confirm", token)
        assert 'id="list-state">已确认' in confirmed
        shown = public.get("/public/duty-laws/UMKT").text
        assert "中华人民共和国食品安全法" in shown and "中华人民共和国宪法" in shown

        sign_in(reviewer, "reviewer")
        report = reviewer.get(f"/county-report?year={YEAR}").text
        annex = load_workbook(io.BytesIO(reviewer.get(f"/county-report.xlsx?year={YEAR}").content))["数据"]
        for _, name, value, _ in annex.iter_rows(min_row=3, values_only=True):
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            assert f'<td>{name}</td><td class="figure">{shown}</td>' in report, name
        assert reviewer.get(f"/county-report.docx?year={YEAR}").content.startswith(b"PK")
        assert unit.get(f"/county-report?year={YEAR}").status_code == 403


def test_the_plan_page_issues_a_prompt_to_each_unit_late_with_its_checklist(app):
    with browser(app) as reviewer, TestClient(app) as admin:
        opened = admin.put(f"/api/v1/years/{YEAR}/plan", headers={"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"},
                           json={"liaison_deadline": "2026-01-20", "checklist_deadline": "2026-02-01"})
        assert opened.status_code == 200
        token = sign_in(reviewer, "reviewer")
        assert 'id="late-prompts-form"' in reviewer.get(f"/plan?year={YEAR}").text
        listed = post(reviewer, "/prompts/late-checklists", token, year=str(YEAR), deadline="2027-01-10")
        assert "未报送普法责任清单" in listed and f"〔{YEAR}〕第1号" in listed
        issued = int(re.search(r'id="done" role="status">已下达普法提示 (\d+) 份', listed).group(1))
        assert issued == len(set(re.findall(r'href="/prompts/(P[0-9a-f]+)"', listed))) > 0
        again = post(reviewer, "/prompts/late-checklists", token, year=str(YEAR), deadline="2027-01-10")
        assert f"已下达普法提示 0 份，见下表；另有 {issued} 项此前已下达" in again
