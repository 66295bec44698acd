"""The pages the rubric work owns, in headless Chromium on the demo: the dashboard's unclaimed laws
come a page at a time (the page stays short at 1366 px, the tier filter keeps the reader at the list),
its units too, filtered by what the bureau has to follow up, their findings folded per unit; and the ranking chart draws every unit, the lowest too, with labels as large as the page's text at 390 px."""

from __future__ import annotations

import pytest

from domain.accounts.accounts import BOOTSTRAP
from domain.assessment import versions
from domain.assessment.rubric import rubric_in_force
from domain.base.cache import CachedStore
from graph.queries.scope import LawScope
from pufa.workflow import Role
from tests.accounts import make_account
from tests.web.browsing import DESKTOP, PHONE, REGION, fits, open_tab, shot, sign_in_page

pytestmark = pytest.mark.browser
DASHBOARD_MOST_PX = 5_200
"""The dashboard at 1366 px (8,803 px when its unclaimed laws listed every owner's evidence, 7,196 px when it
listed every unit and every finding)."""
DASHBOARD_PHONE_MOST_PX = 13_500
"""The dashboard at 390 px (19,470 px when it listed every unit and every finding)."""
GAPS_PAGE, UNITS_PAGE = 25, 15


def test_the_dashboard_pages_its_unclaimed_laws_and_stays_short(browser, base_url, demo_store):
    make_account(demo_store, "zonglan", Role.ADMIN, display_name="孙总览")
    tab = open_tab(browser, base_url, DESKTOP)
    sign_in_page(tab, "zonglan")
    tab.goto("/")
    assert tab.locator("#gaps tbody tr").count() == GAPS_PAGE
    total = int(tab.locator("#gaps h2 small").inner_text().split()[0].replace(",", ""))
    assert total > 10 * GAPS_PAGE
    pager = tab.locator("#gaps nav.pager").first
    assert pager.locator("a", has_text="2").count() >= 1 and f"共 {total} 条" in pager.inner_text()
    assert tab.locator("#gaps details.more-owners").count() > 0  # the other owners wait behind 另有…
    assert not tab.locator("#gaps details.more-owners[open]").count()
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height <= DASHBOARD_MOST_PX, height
    tab.locator("#gaps nav.tiers a", has_text="主管").click()
    tab.wait_for_load_state()
    assert tab.url.endswith("#gaps") and "gap_tier=principal" in tab.url
    assert tab.evaluate("scrollY") > 500  # at the list, not back at the top
    counts = tab.locator("#gaps nav.tiers").inner_text()
    assert "主管" in counts and "相关" in counts and "部" in counts  # every tier's total stays in view
    shot(tab, "rubric-dashboard")


def test_the_dashboard_pages_its_units_and_jumps_to_those_graded_failing(browser, base_url, demo_store):
    store = CachedStore(demo_store)
    assessment = versions.compute(store, BOOTSTRAP, 2026, rubric_in_force(None), scope=LawScope(region=REGION))
    versions.publish(store, BOOTSTRAP, 2026, assessment.version)
    ranking = versions.ranking(store, None, 2026)
    rectify = {grade.name for grade in ranking.grades if grade.rectify}
    failing = [score.unit.name for score in ranking.data if score.grade in rectify]
    assert len(failing) > UNITS_PAGE  # the demo's units have no 台账: most fail, more than a page
    make_account(demo_store, "zonglan-units", Role.ADMIN, display_name="孙总览")
    for size in (PHONE, DESKTOP):
        tab = open_tab(browser, base_url, size)
        sign_in_page(tab, "zonglan-units")
        tab.goto("/")
        units = tab.locator("#units")
        assert units.locator("tbody tr").count() == UNITS_PAGE
        assert f"共 {ranking.count} 条" in units.locator("nav.pager").first.inner_text()
        folded = tab.locator("#findings details.unit-findings")
        assert 0 < folded.count() <= UNITS_PAGE and not tab.locator("#findings details[open]").count()
        assert "条" in folded.first.locator("summary").inner_text()  # its counts, before it is opened
        height = tab.evaluate("document.documentElement.scrollHeight")
        assert height <= (DASHBOARD_PHONE_MOST_PX if size == PHONE else DASHBOARD_MOST_PX), height
        fits(tab)
    tab.locator("#unit-needs a", has_text="考核不合格").click()
    tab.wait_for_load_state()
    assert tab.url.endswith("#units") and "unit_need=failing" in tab.url
    assert f"考核不合格 {len(failing)} 个" in tab.locator("#unit-needs").inner_text()
    rows = units.locator("tbody tr")
    assert [row.locator("td").first.inner_text() for row in rows.all()] == sorted(failing)[:UNITS_PAGE]
    assert all("考核不合格" in row.locator("td.needs").inner_text() for row in rows.all())
    units.locator("nav.pager a", has_text="2").first.click()
    tab.wait_for_load_state()
    assert "unit_need=failing" in tab.url and "units_page=2" in tab.url  # the filter stays while paging
    assert [row.locator("td").first.inner_text() for row in rows.all()] == sorted(failing)[UNITS_PAGE:2 * UNITS_PAGE]
    shot(tab, "rubric-dashboard-units")


def test_the_ranking_chart_draws_every_unit_legibly_on_a_phone(browser, base_url, demo_store):
    store = CachedStore(demo_store)
    assessment = versions.compute(store, BOOTSTRAP, 2026, rubric_in_force(None), scope=LawScope(region=REGION))
    versions.publish(store, BOOTSTRAP, 2026, assessment.version)
    ranking = versions.ranking(store, None, 2026)
    tab = open_tab(browser, base_url, PHONE)
    tab.goto("/public/assessment?year=2026")
    bars = tab.locator(".chart li.bar")
    assert bars.count() == ranking.count == len(ranking.data) > 30
    assert ranking.data[-1].unit.name in bars.last.inner_text()  # the lowest is drawn, not left out
    assert not tab.locator(".chart .note").count()
    sizes = tab.evaluate("""() => [...document.querySelectorAll('.chart .bar-label')].map(
        (label) => [parseFloat(getComputedStyle(label).fontSize), label.getBoundingClientRect().height])""")
    assert min(size for size, _ in sizes) >= 14 and min(height for _, height in sizes) >= 14
    fits(tab)
    shot(tab, "rubric-ranking-phone")
