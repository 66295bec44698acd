"""The coordinator's year on both stores: a campaign for every key date whether or not a checklist scheduled
it, led by the unit a county would choose (data/key_dates.yaml `leads`), corrected by the bureau and kept
across a re-ingest of the register, and the county's three lists as xlsx and docx."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from domain.accounts.accounts import BOOTSTRAP, Actor
from domain.base.cache import CachedStore
from domain.catalogue import campaign_year
from domain.checklists import county_lists
from ingest.checklists.load import ingest_checklists
from ingest.demo import SAMPLE_UNITS
from ingest.units.load import ingest_units
from pufa.errors import Forbidden
from pufa.laws import unit_id
from pufa.workflow import Role
from tests.fixtures_graph import REGION, YEAR, build_county
from tests.ingest.test_loads import write_checklist

JUSTICE = unit_id("澄河县司法局")
EDUCATION = unit_id("澄河县教育体育局")
YOUTH_LEAGUE = unit_id("共青团澄河县委员会")
WOMEN = unit_id("澄河县妇女联合会")
MARKET = unit_id("澄河县市场监督管理局")
COORDINATOR = Actor(id="coordinator", username="coordinator", role=Role.COORDINATOR)


@pytest.fixture
def register(store) -> CachedStore:
    """The sample county's register alone (data/sample/units.csv): no checklist has scheduled any date yet."""
    ingest_units(store, SAMPLE_UNITS)
    return CachedStore(store)


def leads(county: CachedStore) -> dict[str, str | None]:
    return {found.key_date.id: found.lead.unit.name if found.lead else None
            for found in campaign_year.campaign_year(county, YEAR, REGION).data}


def test_every_key_date_forms_a_campaign_though_nobody_scheduled_it(register):
    answer = campaign_year.campaign_year(register, YEAR, REGION)
    assert answer.count == len(campaign_year.year_key_dates()) >= 25
    assert all(found.lead for found in answer.data)
    environment = campaign_year.date_campaign(register, "environment_day", year=YEAR, region=REGION)
    assert environment.lead.unit.name == "示例市生态环境局澄河分局" and environment.lead_source == "usual"
    assert not environment.lead.planned and environment.lead.reasons[0].startswith("该节点通常由生态环境部门牵头")


def test_the_usual_leads_of_12_4_6_1_and_3_15(register):
    found = leads(register)
    assert found["constitution_day"] == found["constitution_week"] == found["civil_code_month"] == "澄河县司法局"
    assert found["consumer_rights_day"] == "澄河县市场监督管理局"
    children = campaign_year.date_campaign(register, "childrens_day", year=YEAR, region=REGION)
    assert children.lead.unit.id == EDUCATION
    assert [unit.unit.id for unit in children.units[:2]] == [YOUTH_LEAGUE, WOMEN]  # the other usual leads come first
    assert children.units[0].reasons == ["通常参与牵头（共青团）"] and not children.units[0].planned


def test_a_scheduled_date_marks_its_units_planned_and_others_proposed(store):
    county = CachedStore(build_county(store))
    consumers = campaign_year.date_campaign(county, "consumer_rights_day", year=YEAR, region=REGION)
    assert consumers.lead.unit.id == "UMKT" and consumers.lead.planned and consumers.lead.rows > 0
    safety = campaign_year.date_campaign(county, "safety_month", year=YEAR, region=REGION)
    assert safety.lead.unit.id == "UEMG" and not safety.lead.planned
    assert "《安全生产法》的主管部门" in safety.lead.reasons


def test_a_corrected_lead_is_kept_across_a_reingest_of_the_register(register, store):
    campaign_year.correct_lead(register, BOOTSTRAP, "civil_code_month", WOMEN)
    ingest_units(store, SAMPLE_UNITS)
    civil_code = campaign_year.date_campaign(register, "civil_code_month", year=YEAR, region=REGION)
    assert civil_code.lead.unit.id == WOMEN and civil_code.lead_source == "bureau"
    assert JUSTICE in {unit.unit.id for unit in civil_code.units}
    campaign_year.correct_lead(register, BOOTSTRAP, "civil_code_month", None, region=REGION)
    assert leads(register)["civil_code_month"] == "澄河县司法局"


def test_the_bureau_drops_a_unit_and_restores_it(register):
    with pytest.raises(Forbidden):
        campaign_year.leave_out(register, COORDINATOR, "childrens_day", YOUTH_LEAGUE)
    campaign_year.leave_out(register, BOOTSTRAP, "childrens_day", YOUTH_LEAGUE)
    children = campaign_year.date_campaign(register, "childrens_day", year=YEAR, region=REGION)
    assert YOUTH_LEAGUE not in {unit.unit.id for unit in children.units}
    assert [unit.id for unit in children.left_out] == [YOUTH_LEAGUE]
    campaign_year.leave_out(register, BOOTSTRAP, "childrens_day", YOUTH_LEAGUE, left_out=False)
    assert YOUTH_LEAGUE in {unit.unit.id for unit in campaign_year.date_campaign(
        register, "childrens_day", year=YEAR, region=REGION).units}


@pytest.mark.parametrize("which", county_lists.LISTS)
def test_the_three_lists_download_as_xlsx_and_docx(register, which):
    title = county_lists.LISTS[which]
    xlsx = county_lists.county_list_file(register, BOOTSTRAP, YEAR, which, "xlsx", today=date(2026, 12, 6), region=REGION)
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert title in sheet["A1"].value and sheet["A2"].value == "序号"
    docx = Document(io.BytesIO(county_lists.county_list_file(register, BOOTSTRAP, YEAR, which, "docx",
                                                             today=date(2026, 12, 6), region=REGION)))
    assert title in docx.paragraphs[0].text and docx.paragraphs[-1].text == "印发日期：2026年12月6日"
    if which == "key_dates":
        rows = {row[1].value: row for row in sheet.iter_rows(min_row=3)}
        assert rows["国家宪法日（12·4）"][4].value == "澄河县司法局"
        children = next(row for row in docx.tables[0].rows if row.cells[1].text == "国际儿童节（6·1）")
        assert children.cells[4].text == "澄河县教育体育局" and "共青团澄河县委员会（建议）" in children.cells[5].text


def test_the_key_dates_counties_campaign_on_have_a_usual_lead_and_laws():
    named = {term.name: term for term in campaign_year.year_key_dates()}
    real = ["国际消费者权益日", "六五环境日", "安全生产月", "全国防灾减灾日", "世界水日·中国水周", "全国土地日",
            "国家网络安全宣传周", "全国税收宣传月", "世界知识产权日", "食品安全宣传周", "全民国家安全教育日", "全国消防日",
            "国家宪法日", "宪法宣传周", "民法典宣传月", "国际儿童节", "国际禁毒日", "国际劳动妇女节", "五四青年节",
            "全国交通安全日", "世界艾滋病日", "全民国防教育日", "中国人民警察节", "医保基金监管集中宣传月", "植树节"]
    assert all(named[name].leads and named[name].laws for name in real)
    assert named["国际儿童节"].leads == ("education", "youth_league", "women_federation")


def test_the_year_kept_between_writes_is_the_year_worked_out_afresh(store, tmp_path):
    """The rows per key date and audience, the units' department types and a region's units are kept until a
    write and brought up to date after it: each write below changes the year, as a fresh store answers it."""
    county = CachedStore(build_county(store))

    def year(answers: CachedStore) -> tuple:
        return campaign_year.campaign_year(answers, YEAR, REGION), campaign_year.theme_plans(answers, YEAR, REGION)

    def planned(answers: CachedStore, key_date_id: str) -> set[str]:
        found = campaign_year.date_campaign(answers, key_date_id, year=YEAR, region=REGION)
        return {unit.unit.id for unit in [found.lead, *found.units] if unit and unit.planned}

    def changed_as_afresh(previous: tuple) -> tuple:
        now = year(county)
        assert now != previous and now == year(CachedStore(store))
        return now

    answer = year(county)
    assert "UFED" not in planned(county, "constitution_day") and "UEDU" in planned(county, "constitution_day")
    women = "澄河县妇女联合会"  # its first checklist: 宪法 to students on 12·4
    ingest_checklists(store, [write_checklist(tmp_path / f"{women}{YEAR}年普法责任清单.csv",
                                              ["1,《中华人民共和国宪法》,学生,专题讲座,12·4,宣传部,王五"])])
    answer = changed_as_afresh(answer)
    assert "UFED" in planned(county, "constitution_day")
    education = "澄河县教育体育局"  # a revision without 12·4
    ingest_checklists(store, [write_checklist(tmp_path / f"{education}{YEAR}年普法责任清单（修订）.csv",
                                              ["1,《中华人民共和国安全生产法》,学生,专题讲座,6月,安全股,赵六"])],
                      unit=education, year=YEAR)
    answer = changed_as_afresh(answer)
    assert "UEDU" not in planned(county, "constitution_day")
    with store.transaction() as tx:  # the register: the federation takes on education too
        tx.upsert_edges("ACTS_AS", [{"src": "UFED", "dst": "education"}])
    answer = changed_as_afresh(answer)
    with store.transaction() as tx:  # ... and the market bureau leaves the county
        tx.upsert_nodes("Unit", [{"id": "UMKT", "name": "澄河县市场监督管理局", "kind": "行政执法机关", "region": "示例市另一县"}])
    changed_as_afresh(answer)
    consumers = campaign_year.date_campaign(county, "consumer_rights_day", year=YEAR, region=REGION)
    assert "UMKT" not in {unit.unit.id for unit in [consumers.lead, *consumers.units] if unit}
