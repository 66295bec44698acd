"""The 普法提示 round trip in headless Chromium on `pufa demo` data (marker browser): the reviewer finds
what a unit's year lacks, issues a 普法提示 from it, the unit's liaison answers with a photo, the
reviewer closes it, and the page and the dashboard count it. Fixtures from tests/web/conftest.py."""

from __future__ import annotations

import pytest

from pufa.laws import unit_id
from pufa.workflow import Role
from tests.accounts import make_account
from tests.web.browsing import shot, sign_in_page
from tests.year_end import JPEG

pytestmark = pytest.mark.browser


def test_a_prompt_is_issued_from_a_finding_answered_and_closed(browser, base_url, demo_store, tmp_path):
    market = unit_id("澄河县市场监督管理局")
    make_account(demo_store, "scjg-pf", Role.LIAISON, market)
    make_account(demo_store, "sfj-pf", Role.REVIEWER)
    photo = tmp_path / "整改现场.jpg"
    photo.write_bytes(JPEG)

    def person() -> object:
        context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 1366, "height": 900})
        return context.new_page()

    reviewer = person()
    sign_in_page(reviewer, "sfj-pf")
    reviewer.goto("/prompts?year=2026")
    reviewer.select_option("#grounds-form select[name=unit_id]", market)
    reviewer.click("#grounds-form button")
    reviewer.wait_for_load_state()
    ground = reviewer.locator("form.ground").first
    reasons = [box.get_attribute("value") for box in ground.locator("input[name=reasons][type=checkbox]").all()]
    if not reasons:  # no finding in the records: the reviewer's own, from an inspection
        ground.locator("input[name=reasons]").fill("普法宣传栏两年未更新")
    shot(reviewer, "30-prompt-grounds")
    ground.locator("button[type=submit]").click()
    reviewer.wait_for_url("**/prompts/P*")
    prompt_url = reviewer.url
    assert reviewer.locator("#prompt-state").inner_text() == "待反馈"
    assert "〔2026〕第" in reviewer.locator("h1").inner_text()
    with reviewer.expect_download() as letter:
        reviewer.click("#letter")
    assert letter.value.suggested_filename.endswith(".docx")

    unit = person()
    sign_in_page(unit, "scjg-pf")
    unit.goto("/prompts")
    unit.locator(f"#prompts a[href='{prompt_url.removeprefix(base_url)}']").click()
    unit.wait_for_load_state()
    unit.fill("#answer-form textarea[name=comment]", "已将主管法律列入清单，并更新宣传栏")
    unit.locator("#answer-form input[name=files]").set_input_files(str(photo))
    shot(unit, "31-prompt-answer")
    unit.click("#answer-form button")
    unit.wait_for_load_state()
    assert unit.locator("#prompt-state").inner_text() == "已反馈，待审核"
    assert "整改现场.jpg" in unit.locator("#history").inner_text()

    reviewer.goto(prompt_url)
    reviewer.click("form.step-close button")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#prompt-state").inner_text() == "已办结"
    reviewer.goto("/prompts?year=2026")
    assert "已办结 1 份" in reviewer.locator("#prompt-tally").inner_text()
    shot(reviewer, "32-prompt-closed")
    for tab in (unit, reviewer):
        tab.context.close()
