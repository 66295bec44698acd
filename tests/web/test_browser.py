"""The web pages in headless Chromium, against `pufa demo` data, the way a civil servant uses them
(the server, the browser and the tab are tests/web/conftest.py's)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP
from domain.base.cache import CachedStore
from domain.checklists import audit
from graph.queries.scope import LawScope
from pufa.laws import law_id, unit_id
from pufa.workflow import Role
from tests.accounts import make_account
from tests.web.browsing import REGION, open_tab, shot, sign_in_page
from tests.year_end import JPEG

pytestmark = pytest.mark.browser


def test_the_dashboard_shows_coverage_gaps_and_findings(page, demo_store):
    summary = audit.audit_summary(CachedStore(demo_store), scope=LawScope(region=REGION))
    page.goto("/")
    assert "工作总览" in page.locator("h1").inner_text()
    cards = page.locator(".cards").inner_text()
    assert f"{summary.law_coverage_pct:g}%" in cards and f"{summary.laws_claimed} / {summary.laws_in_scope}" in cards
    assert page.locator(".chart li.bar").count() > 5
    assert page.locator("#gaps tbody tr").count() == 25
    outdated = audit.outdated_citations(demo_store).data[0]
    findings = page.locator("#findings").inner_text()
    assert outdated.item.unit_name in findings and f"《{outdated.law.name}》" in findings
    shot(page, "01-dashboard")


def test_search_and_open_a_law(page):
    page.goto("/")
    page.fill("header input[name=q]", "食品安全法")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    shot(page, "02-search")
    page.get_by_role("link", name="中华人民共和国食品安全法", exact=True).first.click()
    page.wait_for_url(f"**/laws/{law_id('中华人民共和国食品安全法')}")
    assert page.locator("h1").inner_text().startswith("中华人民共和国食品安全法")
    assert "建议牵头单位" in page.locator(".lead-box").inner_text()
    assert page.locator("figure.graph svg .node.unit").count() >= 2
    assert "澄河县市场监督管理局" in page.locator("#units table").inner_text()
    shot(page, "03-law")


def test_plan_a_campaign_and_export_it(page, tmp_path):
    page.goto("/campaigns")
    assert page.locator(".calendar .month").count() == 13
    shot(page, "04-campaign-calendar")
    page.select_option("select[name=key_date_id]", "constitution_day")
    page.locator("form:has(select[name=key_date_id]) button").click()
    page.wait_for_url("**/campaigns?key_date_id=constitution_day")
    group = page.locator("article.group").first
    assert "宪法" in group.locator("h3").inner_text()
    assert "建议牵头单位" in group.locator(".lead-box").inner_text()
    shot(page, "05-campaign-groups")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出活动安排（Excel）").click()
    download = download_info.value
    assert download.suggested_filename.startswith("2026年普法活动安排（") and download.suggested_filename.endswith(".xlsx")
    download.save_as(tmp_path / download.suggested_filename)
    sheet = load_workbook(tmp_path / download.suggested_filename).active
    assert "国家宪法日" in sheet.cell(1, 1).value
    assert any(row[2] == "牵头单位" for row in sheet.iter_rows(min_row=3, values_only=True))


def test_the_bureau_edits_the_years_key_dates_on_a_phone(browser, base_url, demo_store, tmp_path):
    """At 390 px the year's key dates page does not overflow (its tables scroll in their box); the bureau
    makes the 妇联 lead 6·1 and downloads the 重要时间节点清单 with the change."""
    make_account(demo_store, "banner", Role.ADMIN)
    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 390, "height": 844},
                                  accept_downloads=True)
    phone = context.new_page()
    try:
        sign_in_page(phone, "banner")
        phone.goto("/campaigns/year?year=2026")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        row = phone.locator("tr#childrens_day")
        assert "澄河县教育体育局" in row.locator("td").nth(2).inner_text()
        row.locator("select[name=unit_id]").select_option(label="澄河县妇女联合会")
        row.get_by_role("button", name="保存").click()
        phone.wait_for_url("**/campaigns/year?year=2026#childrens_day")
        assert "普法办指定" in phone.locator("tr#childrens_day td").nth(2).inner_text()
        shot(phone, "06-key-dates-phone")
        with phone.expect_download() as download_info:
            phone.locator("#lists a[href^='/campaigns/year/lists/key_dates.xlsx']").click()
        download_info.value.save_as(tmp_path / "key_dates.xlsx")
        rows = {row[1]: row for row in load_workbook(tmp_path / "key_dates.xlsx").active.iter_rows(min_row=3, values_only=True)}
        assert rows["国际儿童节（6·1）"][4] == "澄河县妇女联合会"
    finally:
        context.close()


def test_the_administrator_enters_a_checklist_from_the_unit_page(page, demo_store, tmp_path):
    make_account(demo_store, "bureau-admin", Role.ADMIN)
    checklist = tmp_path / "统计局清单.csv"
    checklist.write_text("序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"
                         "1,《中华人民共和国档案法》,国家工作人员,专题讲座,6月,办公室,魏巍\n", encoding="utf-8")
    page.goto(f"/units/{unit_id('澄河县统计局')}")
    assert "《中华人民共和国档案法》" not in page.locator("#checklist").inner_text()
    assert page.locator("#upload-form").count() == 0
    sign_in_page(page, "bureau-admin", "wrong password")
    assert "用户名或密码不正确" in page.locator("p.error").inner_text()
    sign_in_page(page, "bureau-admin")
    page.goto(f"/units/{unit_id('澄河县统计局')}")
    page.set_input_files("#upload-form input[type=file]", str(checklist))
    shot(page, "06-unit-upload")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"**/units/{unit_id('澄河县统计局')}")
    assert "《中华人民共和国档案法》" in page.locator("#checklist").inner_text()
    assert "中华人民共和国档案法" in page.locator("#applicable").inner_text()
    shot(page, "07-unit-after-upload")


CYCLE_CSV = ("序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"
             "1,《中华人民共和国食品安全法》,企业经营者,以案释法,3月15日,食品股,陈晓梅\n"
             "2,《中华人民共和国消费者权益保护法》,消费者,新媒体,全年,消保股,王五\n")
SIGNED_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_the_checklist_year_from_upload_to_publication(browser, base_url, demo_store, tmp_path):
    """A unit's liaison signs in with its invite code, uploads, edits a row, attaches the signed copy
    and submits; another unit cannot see it; the reviewer returns it with a row comment; the unit
    fixes and resubmits; the reviewer approves, files and publishes; the public sees it, no login."""
    store = CachedStore(demo_store)
    market = unit_id("澄河县市场监督管理局")
    _, invite = accounts.create_account(store, BOOTSTRAP, "scjg", Role.LIAISON, unit_id=market, display_name="陈晓梅")
    make_account(demo_store, "gaj", Role.LIAISON, unit_id("澄河县公安局"))
    make_account(demo_store, "shenhe", Role.REVIEWER)
    upload, signed = tmp_path / "市场监管局2027清单.csv", tmp_path / "盖章件.pdf"
    upload.write_text(CYCLE_CSV, encoding="utf-8")
    signed.write_bytes(SIGNED_PDF)

    def person() -> object:
        return open_tab(browser, base_url, {"width": 1400, "height": 900})

    unit = person()
    unit.goto("/activate")
    unit.fill("#activate-form input[name=username]", "scjg")
    unit.fill("#activate-form input[name=code]", invite.code)
    unit.fill("#activate-form input[name=password]", "scjg-password-1")
    unit.fill("#activate-form input[name=password_again]", "scjg-password-1")
    unit.click("#activate-form button[type=submit]")
    unit.wait_for_url("**/my")
    unit.select_option("#upload-form select[name=unit_id]", market)
    unit.fill("#upload-form input[name=year]", "2027")
    unit.set_input_files("#upload-form input[type=file]", str(upload))
    unit.click("#upload-form button[type=submit]")
    unit.wait_for_url("**/checklists/*")
    checklist_url = unit.url
    assert unit.locator("#state").inner_text() == "草稿"
    first = unit.locator("form.row-edit").first
    first.locator("input[name=audience_text]").fill("企业经营者、消费者")
    first.locator("button.save").click()
    unit.wait_for_load_state()
    assert unit.locator("form.row-edit").first.locator("input[name=audience_text]").input_value() == "企业经营者、消费者"
    unit.set_input_files("#attach-form input[type=file]", str(signed))
    unit.click("#attach-form button[type=submit]")
    unit.wait_for_load_state()
    assert "盖章件.pdf" in unit.locator("#attachment").inner_text()
    shot(unit, "10-unit-draft")
    unit.click("#actions button[value=submit]")
    unit.wait_for_load_state()
    assert unit.locator("#state").inner_text() == "已报送"

    other = person()
    sign_in_page(other, "gaj")
    assert "市场监督管理局" not in other.locator("#checklists").inner_text()
    response = other.goto(checklist_url)
    assert response.status == 403 and other.locator("form.row-edit").count() == 0

    reviewer = person()
    sign_in_page(reviewer, "shenhe")
    reviewer.goto("/review")
    assert "澄河县市场监督管理局" in reviewer.locator("#queue").inner_text()
    reviewer.goto(checklist_url)
    reviewer.locator("form.row-comment").first.locator("input[name=text]").fill("请写明以案释法所用的具体案例")
    reviewer.locator("form.row-comment").first.locator("button").click()
    reviewer.wait_for_load_state()
    reviewer.fill("form.step-return input[name=comment]", "请按条目意见修改后重新报送")
    shot(reviewer, "11-review")
    reviewer.click("form.step-return button")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#state").inner_text() == "已退回修改"

    unit.goto(checklist_url)
    assert "请写明以案释法所用的具体案例" in unit.locator("#rows").inner_text()
    unit.click("#revise-form button")
    unit.wait_for_url("**/checklists/*")
    assert unit.url != checklist_url and "请写明以案释法所用的具体案例" in unit.locator("#rows").inner_text()
    fix = unit.locator("form.row-edit").first
    fix.locator("input[name=method_text]").fill("以案释法（某超市销售过期食品案）")
    fix.locator("button.save").click()
    unit.wait_for_load_state()
    unit.set_input_files("#attach-form input[type=file]", str(signed))
    unit.click("#attach-form button[type=submit]")
    unit.wait_for_load_state()
    unit.click("#actions button[value=submit]")
    unit.wait_for_load_state()
    assert unit.locator("#state").inner_text() == "已重新报送"
    fixed_url = unit.url

    reviewer.goto(fixed_url)
    reviewer.click("form.step-approve button")
    reviewer.wait_for_load_state()
    reviewer.fill("form.step-file input[name=filing_number]", "澄普备〔2027〕1号")
    reviewer.click("form.step-file button")
    reviewer.wait_for_load_state()
    reviewer.click("form.step-publish button")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#state").inner_text() == "已公布"
    assert [row.inner_text().split("\t")[1] for row in reviewer.locator("#trail tbody tr").all()] == [
        "报送", "退回修改", "重新报送", "审核通过", "备案", "向社会公布"]
    shot(reviewer, "12-published-trail")

    public = person()
    public.goto("/public?law=食品安全法&year=2027")
    listing = public.locator("#published").inner_text()
    assert "澄河县市场监督管理局" in listing and "澄普备〔2027〕1号" in listing
    public.get_by_role("link", name="澄河县市场监督管理局").click()
    public.wait_for_load_state()
    assert "以案释法（某超市销售过期食品案）" in public.locator("#published-rows").inner_text()
    assert "请写明" not in public.content()
    shot(public, "13-public-checklist")
    with public.expect_download() as download_info:
        public.get_by_role("link", name="下载 Excel").click()
    download_info.value.save_as(tmp_path / "published.xlsx")
    sheet = load_workbook(tmp_path / "published.xlsx").active
    assert sheet.cell(1, 1).value == "澄河县市场监督管理局2027年普法责任清单"
    for tab in (unit, other, reviewer, public):
        tab.context.close()


def test_an_activity_with_a_photo_is_accepted_and_the_score_shows_it(browser, base_url, demo_store, tmp_path):
    """A unit records an activity with its photo; the bureau computes a version; the reviewer accepts
    the photo; the next version's score has the point with its reason, the changes name it, and the
    ranking page orders the units by their totals."""
    market = unit_id("澄河县市场监督管理局")
    make_account(demo_store, "scjg-tz", Role.LIAISON, market)
    make_account(demo_store, "kaohe", Role.REVIEWER)
    photo = tmp_path / "宣传现场.jpg"
    photo.write_bytes(JPEG)

    def person() -> object:
        return open_tab(browser, base_url, {"width": 1400, "height": 900})

    unit = person()
    sign_in_page(unit, "scjg-tz")
    unit.goto("/activities?year=2026")
    form = unit.locator("#record-form")
    form.locator("input[name=held_on]").fill("2026年3月15日")
    form.locator("input[name=title]").fill("“3·15”消费者权益日普法宣传")
    form.locator("input[name=law_text]").fill("《中华人民共和国消费者权益保护法》")
    form.locator("input[name=audience_text]").fill("消费者")
    form.locator("input[name=method_text]").fill("发放宣传资料、现场咨询")
    form.locator("input[name=reached]").fill("300")
    form.locator("input[name=files]").set_input_files(str(photo))
    shot(unit, "20-record-activity")
    form.locator("button[type=submit]").click()
    unit.wait_for_url("**/activities/*")
    activity_url = unit.url
    assert unit.locator("#evidence-state").inner_text() == "待审核"
    assert unit.locator("#evidence img").get_attribute("alt") == "宣传现场.jpg"

    reviewer = person()
    sign_in_page(reviewer, "kaohe")
    reviewer.goto("/assessment?year=2026")
    reviewer.click("#compute-form button")
    reviewer.wait_for_url("**/assessment?year=2026&version=*")
    first = re.search(r"version=(\d+)", reviewer.url).group(1)
    reviewer.goto("/activities/review?year=2026")
    assert "“3·15”消费者权益日普法宣传" in reviewer.locator("#queue").inner_text()
    reviewer.goto(activity_url)
    shot(reviewer, "21-review-evidence")
    reviewer.click("form.decision-accept button")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#evidence-state").inner_text() == "已采纳"

    reviewer.goto("/assessment?year=2026")
    reviewer.click("#compute-form button")
    reviewer.wait_for_url("**/assessment?year=2026&version=*")
    assert int(re.search(r"version=(\d+)", reviewer.url).group(1)) == int(first) + 1
    changed = reviewer.locator("#changes").inner_text()
    assert "澄河县市场监督管理局" in changed and "佐证材料经审核采纳的活动 1 次" in changed
    rows = reviewer.locator("#ranking-table tbody tr")
    totals = [float(row.locator("td.total").inner_text()) for row in rows.all()]
    assert len(totals) > 3 and totals == sorted(totals, reverse=True) and totals[0] > totals[-1]
    ranks = [int(row.locator("td").first.inner_text()) for row in rows.all()]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert reviewer.locator("#ranking .chart li.bar").count() == len(totals)
    shot(reviewer, "22-ranking")
    reviewer.locator(f"#ranking-table tr[data-unit='{market}'] a").click()
    reviewer.wait_for_load_state()
    lines = reviewer.locator("#lines").inner_text()
    assert "佐证材料经审核采纳的活动 1 次（12 次得满分）" in lines and "2026年3月15日 “3·15”消费者权益日普法宣传" in lines
    shot(reviewer, "23-unit-score")
    for tab in (unit, reviewer):
        tab.context.close()
