"""Each role's year in headless Chromium at 1366×768 and at 390×844, from its home and its menu (no
typed addresses): every page it reaches fits the viewport and reads in Chinese."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from domain.base.asked import working_year
from domain.base.briefs import unit_brief
from domain.base.cache import CachedStore
from graph import queries
from pufa.workflow import PUBLIC_MENU, ROLES, Role
from tests.accounts import make_account
from tests.web.browsing import SIZES, fits, open_tab, reads_in_chinese, shot, shows_no_codes, sign_in_page

pytestmark = pytest.mark.browser
SIGNED_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def check(tab) -> None:
    fits(tab)
    reads_in_chinese(tab)
    shows_no_codes(tab)


def click(tab, selector: str) -> str:
    """Click, wait for the page the click leads to, check it; the message it shows (post/redirect/get)."""
    tab.locator(selector).first.click()
    tab.wait_for_load_state()
    check(tab)
    done = tab.locator("#done")
    return done.inner_text() if done.count() else ""


def asked_first(tab) -> list[str]:
    """The confirmations the tab answers from now on (open_tab accepts them)."""
    asked: list[str] = []
    tab.on("dialog", lambda dialog: asked.append(dialog.message))
    return asked


def signed_in(browser, base_url, store, username: str, role: Role, size: str, unit: str | None = None,
              name: str = "李工作"):
    """A tab of a new account of the role, signed in at the size's viewport (on its home page)."""
    make_account(store, username, role, unit, display_name=name)
    tab = open_tab(browser, base_url, SIZES[size])
    sign_in_page(tab, username)
    return tab


def walk_the_menu(tab, role: Role | None) -> None:
    """Open every entry of the role's menu by clicking it, and check each page."""
    menu = PUBLIC_MENU + (ROLES[role].menu if role else ())
    for item in menu:
        tab.locator(f"header nav a[href='{item.path}']").click()
        tab.wait_for_load_state()
        path = urlparse(tab.url).path
        assert path == item.path or path.startswith(item.path.rstrip("/") + "/"), (item, tab.url)  # 应知应会: /duty-laws/{unit}
        check(tab)


def bureau_entries(store) -> list[str]:
    """Units whose checklist of the working year the bureau entered (submitted, no liaison yet)."""
    year = working_year(CachedStore(store))
    rows = store.read(queries.review.checklists_in_states(["submitted"]))
    return sorted({r["unit_id"] for r in rows if r["year"] == year and r["submitted_by"] == "bootstrap"})


@pytest.mark.parametrize("size", SIZES)
def test_a_liaison_takes_over_the_bureaus_entry_and_submits_it(browser, base_url, demo_store, tmp_path, size):
    unit = bureau_entries(demo_store)[list(SIZES).index(size)]
    signed = tmp_path / "签字盖章件.pdf"
    signed.write_bytes(SIGNED_PDF)
    tab = signed_in(browser, base_url, demo_store, f"lianluo-{size}", Role.LIAISON, size, unit, name="王联络")
    assert tab.url.endswith(ROLES[Role.LIAISON].home)
    assert "普法办已代为录入" in tab.locator("#next-steps").inner_text()
    check(tab)
    shot(tab, f"30-liaison-home-{size}")
    tab.locator("form.take-over button").click()
    tab.wait_for_load_state()
    assert tab.locator("#state").inner_text() == "草稿" and "已接手" in tab.locator("#done").inner_text()
    check(tab)

    first = tab.locator("form.row-edit").first
    assert first.locator("label", has_text="对谁普（普法对象）").count() == 1
    first.locator("input[name=audience_text]").fill("企业经营者、消费者")
    first.locator("button.save").click()
    tab.wait_for_load_state()
    assert tab.locator("#done").inner_text() == "已保存。"
    assert tab.locator("form.row-edit").first.locator("input[name=audience_text]").input_value() == "企业经营者、消费者"

    law = tab.locator("#add-row input[name=law_text]")
    law.press_sequentially("中华人民共和国食品安全法", delay=20)
    tab.locator("#add-row small.picked", has_text="已识别：《中华人民共和国食品安全法》").wait_for()
    tab.locator("#add-row input[name=audience_text]").fill("食品生产经营者")
    tab.locator("#add-row button[type=submit]").click()
    tab.wait_for_load_state()
    assert tab.locator("#done").inner_text() == "已添加条目。"
    assert "中华人民共和国食品安全法" in [f.input_value() for f in tab.locator("form.row-edit input[name=law_text]").all()]
    tab.locator("#rows h2").scroll_into_view_if_needed()
    shot(tab, f"31-liaison-draft-{size}", full_page=False)

    rows = tab.locator("form.row-edit").count()
    asked = asked_first(tab)
    assert click(tab, "form.row-edit >> nth=-1 >> button.delete") == "已删除条目。"
    assert asked and "删除后不能恢复" in asked[0] and tab.locator("form.row-edit").count() == rows - 1

    tab.set_input_files("#attach-form input[type=file]", str(signed))
    tab.click("#attach-form button[type=submit]")
    tab.wait_for_load_state()
    assert "签字盖章件已上传" in tab.locator("#done").inner_text()
    tab.locator("#actions button[value=submit], #actions button[value=resubmit]").first.click()
    tab.wait_for_load_state()
    assert tab.locator("#state").inner_text() in ("已报送", "已重新报送")
    assert "等待普法办审核" in tab.locator("#done").inner_text()
    check(tab)
    assert click(tab, "#actions button[value=withdraw]") == "已撤回为草稿，可以修改后重新报送。"
    assert tab.locator("#state").inner_text() == "草稿"
    assert "等待普法办审核" in click(tab, "#actions button[value=submit], #actions button[value=resubmit]")

    tab.locator("header nav a[href='/my']").click()
    tab.wait_for_load_state()
    assert "审核中" in tab.locator("#next-steps").inner_text()
    tab.get_by_role("link", name="本单位适用哪些法律法规、为什么").click()
    tab.wait_for_load_state()
    assert tab.locator("#applicable").count() == 1
    check(tab)
    tab.locator("header nav a[href='/my']").click()
    tab.wait_for_load_state()
    tab.get_by_role("link", name="年度考核得分与履职报告书").click()
    tab.wait_for_load_state()
    assert tab.url.split("?")[0].endswith(f"/units/{unit}")
    check(tab)
    tab.locator("header nav a[href='/activities']").click()
    tab.wait_for_load_state()
    tab.fill("#record-form input[name=title]", "宪法宣传周进市场普法")
    tab.fill("#record-form input[name=held_on]", "2026年12月4日")
    assert click(tab, "#record-form button[type=submit]") == "活动已保存，佐证材料等待普法办审核。"
    walk_the_menu(tab, Role.LIAISON)
    tab.context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COORDINATOR, Role.ADMIN])
def test_the_bureaus_roles_reach_every_page_of_their_menu(browser, base_url, demo_store, role, size):
    tab = signed_in(browser, base_url, demo_store, f"{role.value}-{size}", role, size, name="李工作")
    assert tab.url.split("?")[0].endswith(ROLES[role].home)
    check(tab)
    shot(tab, f"40-{role.value}-home-{size}")
    walk_the_menu(tab, role)
    tab.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_coordinator_lists_the_shared_laws_and_opens_one(browser, base_url, demo_store, size):
    tab = signed_in(browser, base_url, demo_store, f"tongchou-{size}", Role.COORDINATOR, size, name="赵统筹")
    tab.locator("header nav a[href='/shared']").click()
    tab.wait_for_load_state()
    rows = tab.locator("#shared tbody tr")
    assert rows.count() > 5
    check(tab)
    rows.first.locator("a").click()
    tab.wait_for_load_state()
    assert "建议牵头单位" in tab.locator(".lead-box").inner_text()
    check(tab)  # the law's page: its dates in Chinese, where its text came from in words
    tab.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_public_searches_every_year_by_unit(browser, base_url, size):
    tab = open_tab(browser, base_url, SIZES[size])
    tab.goto("/")
    tab.locator("header nav a[href='/public']").click()
    tab.wait_for_load_state()
    tab.select_option("#public-search select[name=year]", "")
    tab.fill("#public-search input[name=unit]", "市场监督管理局")
    tab.click("#public-search button[type=submit]")
    tab.wait_for_load_state()
    assert "澄河县市场监督管理局" in tab.locator("#published").inner_text()
    check(tab)
    assert tab.request.get("/favicon.ico").status == 200
    walk_the_menu(tab, None)
    tab.context.close()


def test_the_administrator_sees_no_email_button_without_a_mail_server(browser, base_url, demo_store):
    tab = signed_in(browser, base_url, demo_store, "guanli-mail", Role.ADMIN, "desktop", name="钱管理")
    assert tab.url.endswith("/plan") and "下载全部提示单" in tab.content()
    assert tab.locator("form[action='/plan/send']").count() == 0
    tab.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_reviewer_approves_files_publishes_one_entry_and_returns_another(browser, base_url, demo_store, tmp_path,
                                                                           size):
    """The cycle across two people: a unit attaches its signed copy, the reviewer comments, approves,
    files and publishes it; another unit's entry goes back with a comment and comes again as 第2版."""
    first = 2 + 2 * list(SIZES).index(size)
    approved, returned = bureau_entries(demo_store)[first:first + 2]
    signed = tmp_path / "签字盖章件.pdf"
    signed.write_bytes(SIGNED_PDF)
    liaisons = {}
    for unit, who in ((approved, "ok"), (returned, "back")):
        liaisons[unit] = signed_in(browser, base_url, demo_store, f"lianluo-{who}-{size}", Role.LIAISON, size, unit,
                                   name="周联络")
    unit_tab = liaisons[approved]
    click(unit_tab, "#next-steps a:has-text('查看')")
    unit_tab.set_input_files("#attach-form input[type=file]", str(signed))
    assert click(unit_tab, "#attach-form button[type=submit]") == "签字盖章件已上传。"

    tab = signed_in(browser, base_url, demo_store, f"shenhe-{size}", Role.REVIEWER, size, name="孙审核")
    names = {unit: unit_brief(CachedStore(demo_store), unit).name for unit in (approved, returned)}
    tab.locator("main tr", has_text=names[approved]).locator("a[href^='/checklists/']").first.click()
    tab.wait_for_load_state()
    check(tab)
    tab.locator("form.row-comment input[name=text]").first.fill("时间节点请写到月份")
    assert click(tab, "form.row-comment >> nth=0 >> button") == "意见已添加。"
    asked = asked_first(tab)
    assert click(tab, "form.step-approve button") == "已审核通过，下一步：备案。" and asked == ["确定审核通过？"]
    tab.locator("form.step-file").get_by_label("备案号").fill(f"澄普备〔2026〕{first}号")
    assert click(tab, "form.step-file button") == "已备案，下一步：向社会公布。"
    assert click(tab, "form.step-publish button") == "已向社会公布。"
    assert tab.locator("#state").inner_text() == "已公布"
    shot(tab, f"41-reviewer-published-{size}")

    tab.locator("header nav a[href='/review']").click()
    tab.wait_for_load_state()
    tab.locator("main tr", has_text=names[returned]).locator("a[href^='/checklists/']").first.click()
    tab.wait_for_load_state()
    tab.locator("form.step-return input[name=comment]").fill("请补充普法对象")
    assert click(tab, "form.step-return button") == "已退回修改，单位将收到意见。"

    unit_tab = liaisons[returned]
    click(unit_tab, "header nav a[href='/my']")
    assert "清单已退回" in unit_tab.locator("#next-steps").inner_text()
    assert click(unit_tab, "#next-steps form[action$='/revise'] button") == "已新建修订稿，请按意见修改后重新报送。"
    assert "第2版" in unit_tab.locator("h1").inner_text() and unit_tab.locator("#state").inner_text() == "草稿"
    unit_tab.set_input_files("#attach-form input[type=file]", str(signed))
    click(unit_tab, "#attach-form button[type=submit]")
    assert click(unit_tab, "#actions button[value=submit]") == "已重新报送，等待普法办审核。"
    for opened in (tab, *liaisons.values()):
        opened.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_administrator_saves_the_year_plan_and_is_told(browser, base_url, demo_store, size):
    tab = signed_in(browser, base_url, demo_store, f"guanli-plan-{size}", Role.ADMIN, size, name="钱管理")
    form = tab.locator("#plan-form")
    form.get_by_label("清单报送截止").fill("2026-04-30")
    form.get_by_label("随通知下发的说明").fill("请各单位按时报送")
    assert click(tab, "#plan-form button[type=submit]") == "年度安排已保存，各单位页面将以此年度为工作年度。"
    assert "2026年4月30日" in tab.locator("#plan").inner_text()

    click(tab, "header nav a[href='/accounts']")
    form = tab.locator("#new-account")
    form.get_by_label("用户名").fill(f"guanli-plan-{size}")  # taken: by this very account
    form.get_by_label("角色").select_option(Role.LIAISON.value)
    form.get_by_label("单位", exact=True).fill("澄河县市场监督管理局")  # chosen by name, never by id
    click(tab, "#new-account button[type=submit]")
    assert "该用户名已被使用，请换一个用户名" in tab.locator("main").inner_text()
    tab.context.close()
