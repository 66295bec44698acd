"""The assessment's pages on the hand-built county, on both stores: a unit records an activity with
its photo in one form, the reviewer decides from the page, the bureau computes and publishes, a
unit's score shows each point's reason, and the public pages show only the published result —
never a draft, an activity, its evidence or a manual entry's reviewer."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from fastapi.testclient import TestClient

from api.app import create_app
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, FakeClock, make_account
from tests.fixtures_graph import REGION, build_county
from tests.web.test_workflow_pages import browser, post, sign_in
from tests.year_end import JPEG, NOW, YEAR

SECRET_REASON = "内部：该局宣传栏长期未更新"


@pytest.fixture
def app(store, tmp_path):
    build_county(store)
    for name, role, unit in (("mkt", Role.LIAISON, "UMKT"), ("psb", Role.LIAISON, "UPSB"),
                             ("reviewer", Role.REVIEWER, None), ("mkt-reviewer", Role.REVIEWER, "UMKT")):
        make_account(store, name, role, unit)
    settings = Settings(region=REGION, api_token=BOOTSTRAP_TOKEN, secret_key="pages", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments")
    return create_app(settings, store=store, clock=FakeClock(NOW))


def test_a_year_of_records_scored_published_and_shown(app):
    with browser(app) as unit, browser(app) as reviewer, browser(app) as other, TestClient(app) as public:
        token = sign_in(unit, "mkt")
        page = unit.get("/activities").text
        assert 'id="record-form"' in page and "C-MKT-2026#2" in page  # the rows it may serve
        response = unit.post("/activities", data={
            "csrf_token": token, "unit_id": "UMKT", "held_on": "2026年3月15日", "title": "消费者权益日宣传",
            "audience_text": "消费者、青少年", "method_text": "发放宣传资料", "law_text": "消费者权益保护法", "reached": "300",
            "item_ids": ["C-MKT-2026#2"], "case_title": "某商户虚假宣传案"}, files=[("files", ("现场.jpg", JPEG, "image/jpeg"))])
        assert response.status_code == 200 and "待审核" in response.text
        activity_path = str(response.url.path)
        photo = re.search(r'<img src="(/evidence/[^"]+)"', response.text).group(1)
        assert unit.get(photo).content == JPEG
        refused = unit.post(activity_path + "/decide/accept", data={"csrf_token": token})
        assert refused.status_code == 403

        sign_in(other, "psb")
        assert other.get(activity_path).status_code == 403 and other.get(photo).status_code == 403
        assert public.get(activity_path, follow_redirects=False).status_code == 303  # to 登录

        own = sign_in(reviewer, "mkt-reviewer")
        assert 'decide/accept' not in reviewer.get(activity_path).text
        assert reviewer.post(activity_path + "/decide/accept", data={"csrf_token": own}).status_code == 403
        reviewer.post("/logout", data={"csrf_token": own})
        token_r = sign_in(reviewer, "reviewer")
        assert "消费者权益日宣传" in reviewer.get("/activities/review").text
        decided = post(reviewer, activity_path + "/decide/accept", token_r)
        assert "已采纳" in decided
        before = reviewer.get("/assessment/2026/units/UMKT").text
        assert "尚未计算" in before and 'class="inline manual-form"' in before  # manual items before computing
        post(reviewer, "/assessment/2026/units/UMKT/manual", token_r, item_id="inspection", points="1",
             reason=SECRET_REASON)
        ranking = post(reviewer, "/assessment/compute", token_r, year=str(YEAR))
        assert "第1版" in ranking and "草稿（未公布）" in ranking and 'id="ranking-table"' in ranking
        names = re.findall(r'<tr class="grade-row" data-unit="([^"]+)"', ranking)
        assert names[0] == "UMKT" and names[-1] == "UFED" and len(names) == 7
        assert "<svg" in ranking
        score = reviewer.get("/assessment/2026/units/UMKT").text
        assert "佐证材料经审核采纳的活动 1 次（12 次得满分）" in score and "2026年3月15日 消费者权益日宣传" in score
        assert SECRET_REASON in score

        assert "尚未公布" in public.get("/public/assessment?year=2026").text
        assert public.get("/public/assessment/2026/units/UMKT").status_code == 404
        post(reviewer, "/assessment/publish", token_r, year=str(YEAR), version="1")
        shown = public.get("/public/assessment?year=2026").text
        assert re.findall(r'data-unit="([^"]+)"', shown) == names
        detail = public.get("/public/assessment/2026/units/UMKT").text
        assert "佐证材料经审核采纳的活动 1 次" in detail and "消费者权益日宣传" not in detail  # reasons, not records
        assert "/activities/" not in detail and "/evidence/" not in detail
        assert SECRET_REASON not in detail and "经审核人员评定" in detail

        report = unit.get("/assessment/2026/units/UMKT/report.docx")
        assert "履职报告书" in Document(io.BytesIO(report.content)).paragraphs[0].text
        listing = post(reviewer, "/assessment/prompts", token_r, year=str(YEAR), version="1",
                       deadline="2027-01-31")
        assert "普法提示" in listing and "澄河县市场监督管理局" in listing
        issued = int(re.search(r'id="done" role="status">已下达普法提示 (\d+) 份', listing).group(1))
        assert issued >= len(set(re.findall(r'href="/prompts/(P[0-9a-f]+)"', listing))) > 0  # a page lists 50
        prompt = re.search(r'href="(/prompts/P[^"?]+)"', unit.get("/prompts").text).group(1)
        assert "年度考核发现的问题" in unit.get(prompt).text
        answered = post(unit, prompt + "/answer", token, comment="已整改",
                        files=[("files", ("整改.jpg", JPEG, "image/jpeg"))])
        assert "已反馈，待审核" in answered and "整改.jpg" in answered
        assert "已办结" in post(reviewer, prompt + "/close", token_r)


def test_the_reviewer_accepts_the_ticked_activities_at_once(app):
    with browser(app) as unit, browser(app) as reviewer:
        token = sign_in(unit, "mkt")
        for title in ("宪法宣传周", "消费者权益日宣传"):
            post(unit, "/activities", token, unit_id="UMKT", held_on="2026年3月15日", title=title,
                 files=[("files", ("现场.jpg", JPEG, "image/jpeg"))])
        own = sign_in(reviewer, "mkt-reviewer")
        mine = reviewer.get("/activities/review").text
        assert "宪法宣传周" in mine and 'name="activity_ids"' not in mine  # its own unit's: nothing to tick
        reviewer.post("/logout", data={"csrf_token": own})
        token_r = sign_in(reviewer, "reviewer")
        ticked = re.findall(r'name="activity_ids" value="([^"]+)"', reviewer.get("/activities/review").text)
        assert len(ticked) == 2
        done = post(reviewer, "/activities/review/accept", token_r, activity_ids=ticked)
        assert "所选活动的佐证材料已采纳" in done and "没有待审核的佐证材料" in done
        assert all("已采纳" in reviewer.get(f"/activities/{activity_id}").text for activity_id in ticked)
        again = reviewer.post("/activities/review/accept", data={"csrf_token": token_r, "activity_ids": ticked[:1]})
        assert again.status_code == 409 and "佐证材料现为“已采纳”" in again.text
        nothing = reviewer.post("/activities/review/accept", data={"csrf_token": token_r})
        assert nothing.status_code == 422 and "请先勾选要审核的活动" in nothing.text
