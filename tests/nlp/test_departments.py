"""Department mentions: types, 2018 renames, levels, lists, collectives and roles."""

from __future__ import annotations

import pytest

from nlp.articles import analyze_articles
from nlp.departments import extract_departments
from nlp.taxonomy import load_department_taxonomy


def mentions(text: str) -> list[tuple]:
    return [(m.text, m.dept_type, m.level, m.role) for m in extract_departments(text)]


def test_state_council_department():
    assert mentions("国务院卫生健康主管部门负责全国的食品安全风险监测工作。") == [
        ("国务院卫生健康主管部门", "health", "central", "duty")
    ]


def test_local_government_department_at_county_level_and_above():
    assert mentions("县级以上地方人民政府市场监督管理部门应当加强监督检查。") == [
        ("县级以上地方人民政府市场监督管理部门", "market_regulation", "county_and_above", "duty")
    ]


def test_department_and_other_departments_share_the_level():
    assert mentions("县级以上地方人民政府卫生健康主管部门和其他有关部门应当依法履行职责。") == [
        ("县级以上地方人民政府卫生健康主管部门", "health", "county_and_above", "duty"),
        ("有关部门", "generic", "county_and_above", "duty"),
    ]


def test_list_of_sectors_sharing_one_head():
    assert mentions("县级以上人民政府公安、市场监督管理等部门按照各自职责负责相关工作。") == [
        ("县级以上人民政府公安", "public_security", "county_and_above", "duty"),
        ("市场监督管理等部门", "market_regulation", "county_and_above", "duty"),
    ]


def test_unknown_member_does_not_break_a_list():
    found = mentions("机构编制、人才发展、财政等部门应当做好相关工作。")
    assert [(m[1], m[3]) for m in found] == [("establishment", "duty"), ("finance", "duty")]


@pytest.mark.parametrize(("text", "sector", "former"), [
    ("工商行政管理部门责令改正", "market_regulation", "工商行政管理"),
    ("质量技术监督部门责令改正", "market_regulation", "质量技术监督"),
    ("食品药品监督管理部门责令改正", "market_regulation", "食品药品监督管理"),
    ("环境保护主管部门责令改正", "ecology_environment", "环境保护"),
    ("国土资源主管部门责令改正", "natural_resources", "国土资源"),
    ("安全生产监督管理部门责令改正", "emergency_management", "安全生产监督管理"),
    ("卫生和计划生育行政部门责令改正", "health", "卫生和计划生育"),
    ("农业行政主管部门责令改正", "agriculture", "农业"),
    ("出入境检验检疫机构责令改正", "customs", None),
])
def test_names_before_the_2018_reform_map_to_todays_sector(text, sector, former):
    [mention] = extract_departments(text)
    assert (mention.dept_type, mention.former_name, mention.role) == (sector, former, "power")


def test_current_names_are_not_flagged_as_former():
    [mention] = extract_departments("生态环境主管部门责令改正")
    assert (mention.dept_type, mention.former_name) == ("ecology_environment", None)


def test_collective_departments_list_the_sectors_they_cover():
    [mention] = extract_departments("负有安全生产监督管理职责的部门有权进入生产经营单位进行检查。")
    assert (mention.dept_type, mention.role) == ("safety_supervision_departments", "power")
    assert "emergency_management" in mention.covers
    [other] = extract_departments("其他负有网络数据安全监管职责的部门应当予以配合。")
    assert (other.dept_type, other.role) == ("generic", "duty")


def test_courts_procuratorates_police_and_their_levels():
    assert mentions("人民法院、人民检察院和公安机关应当分工负责。") == [
        ("人民法院", "court", None, "duty"),
        ("人民检察院", "procuratorate", None, "duty"),
        ("公安机关", "public_security", None, "duty"),
    ]
    assert mentions("最高人民法院可以作出解释。") == [("最高人民法院", "court", "central", "power")]


@pytest.mark.parametrize(("text", "role"), [
    ("由公安机关处五日以下拘留，可以并处五百元以下罚款。", "power"),
    ("公安机关有权查阅有关资料。", "power"),
    ("公安机关发现违法行为的，应当依法处理。", "duty"),
    ("生产经营单位应当及时向公安机关报告。", "mention"),
    ("经县级以上公安机关批准，方可举行。", "power"),
    ("报市公安局批准后实施。", "power"),
    ("公安机关的工作人员应当文明执法。", "mention"),
    ("公安机关在处理交通事故时，应当通知有关单位。", "duty"),
])
def test_roles(text, role):
    assert extract_departments(text)[0].role == role


def test_modal_characters_inside_words_are_not_modals():
    [mention] = extract_departments("应急管理部门组织演练，许可证另行办理。")
    assert (mention.dept_type, mention.role) == ("emergency_management", "duty")
    [mention] = extract_departments("市场监督管理部门依照规定核发许可证。")
    assert mention.role == "power"


def test_co_agent_after_huitong_is_mentioned_not_charged():
    assert mentions("国务院卫生健康主管部门会同国务院市场监督管理部门制定食品安全国家标准。") == [
        ("国务院卫生健康主管部门", "health", "central", "duty"),
        ("国务院市场监督管理部门", "market_regulation", "central", "mention"),
    ]


def test_governments_joint_and_relative_levels():
    assert mentions("县级以上人民政府及其有关部门应当采取措施。") == [
        ("县级以上人民政府", "government", "county_and_above", "duty"),
        ("有关部门", "generic", "county_and_above", "duty"),
    ]
    assert mentions("市、县（市、区）人民政府应当加强领导。") == [
        ("市、县（市、区）人民政府", "government", "county_and_above", "duty")
    ]
    assert mentions("乡、镇人民政府应当协助。")[0][2] == "township"
    assert mentions("由上一级人民政府受理。") == [("上一级人民政府", "government", None, "power")]
    assert mentions("省、自治区、直辖市人民政府教育行政部门负责督导。")[0][1:3] == ("education", "provincial")


def test_words_containing_department_terms_are_not_mentions():
    assert extract_departments("国家机关工作人员应当遵守宪法。") == []
    assert extract_departments("教育机构应当建立健全管理制度。") == []


def test_institutions_and_enterprises_named_by_laws_are_types_of_their_own():
    """医疗卫生机构 is the hospitals' type, not 卫生 (health); 供电企业 and 幼儿园 are named with duties too."""
    assert mentions("医疗卫生机构应当建立健全管理制度。") == [("医疗卫生机构", "medical_institution", None, "duty")]
    assert mentions("供电企业应当保证供给用户的供电质量。") == [("供电企业", "electric_power", None, "duty")]
    assert mentions("幼儿园应当配备卫生保健人员。")[0][1] == "school"


def test_a_department_named_for_work_moved_in_2018_stands_for_todays_department_too():
    [forestry] = extract_departments("县级以上地方人民政府林业主管部门负责本行政区域森林防火的监督和管理工作。")
    assert (forestry.dept_type, forestry.also) == ("forestry", ["emergency_management"])
    [forestry] = extract_departments("县级以上地方人民政府林业主管部门负责本行政区域的林木采伐管理。")
    assert forestry.also == []
    [township] = extract_departments("乡、镇人民政府应当做好防汛工作。")
    assert (township.dept_type, township.also) == ("government", ["township_government"])


def test_a_government_named_at_every_level_is_the_townships_too_and_one_above_the_county_is_not():
    """各级人民政府 and 地方各级人民政府 include 乡、镇人民政府, so the article is a township's work; 县级以上 excludes it."""
    [every_level, _] = extract_departments("各级人民政府和有关部门应当组织开展反间谍安全防范宣传教育。")
    assert (every_level.dept_type, every_level.also) == ("government", ["township_government"])
    [local] = extract_departments("地方各级人民政府应当做好退役军人安置工作。")
    assert local.also == ["township_government"]
    [above_county] = extract_departments("县级以上地方各级人民政府应当加强对节能工作的领导。")
    assert (above_county.level, above_county.also) == ("county_and_above", [])


def test_traditional_script_offsets():
    text = "縣級以上地方人民政府市場監督管理部門應當加強監督。"
    [mention] = extract_departments(text)
    assert (mention.dept_type, mention.level, mention.role) == ("market_regulation", "county_and_above", "duty")
    assert mention.text == text[mention.start:mention.end] == "縣級以上地方人民政府市場監督管理部門"


def test_taxonomy_covers_the_required_sectors():
    taxonomy = load_department_taxonomy()
    required = {
        "court", "procuratorate", "public_security", "supervision", "justice", "education", "civil_affairs",
        "human_resources", "housing", "transport", "water", "culture_tourism", "tax", "customs",
        "financial_regulation", "cyberspace", "statistics", "audit", "veterans", "medical_security", "forestry",
        "fire_rescue", "market_regulation", "drug_regulation", "intellectual_property", "radio_tv", "sports",
        "commerce", "development_reform", "finance", "science_technology", "industry_it", "ethnic_religious",
        "archives", "secrecy", "grain_reserve", "defense_mobilization", "trade_union", "youth_league",
        "women_federation", "natural_resources", "ecology_environment", "emergency_management", "health",
        "agriculture", "generic", "government",
    }
    assert required <= set(taxonomy.names)
    assert set(taxonomy.covers["safety_supervision_departments"]) <= set(taxonomy.names)


def test_batch_and_single_article_readings_agree():
    texts = [
        "本条例自公布之日起施行。县级以上人民政府应急管理部门负责监督，对违法行为依法处罚。",
        "违反本条规定的，由公安机关责令改正；\n情节严重的，人民法院应当依法审理。",
        "没有部门的条文。",
    ]
    batch = [facts.departments for facts in analyze_articles(texts)]
    assert batch == [extract_departments(text) for text in texts]
    assert [[m.role for m in mentions] for mentions in batch] == [["duty"], ["power", "duty"], []]


@pytest.mark.parametrize(("text", "sector"), [
    ("国务院负责特种设备安全监督管理的部门应当制定检验规则。", "market_regulation"),
    ("由负责水路运输管理的部门责令停止经营。", "transport"),
    ("县级以上人民政府负责管理测绘工作的部门应当加强监督。", "natural_resources"),
    ("县级以上人民政府负责老龄工作的机构应当组织协调。", "ageing"),
])
def test_a_department_named_by_its_task_is_of_that_tasks_sector(text, sector):
    [mention] = extract_departments(text)
    assert mention.dept_type == sector


def test_a_department_named_by_a_task_of_no_sector_is_generic():
    [mention] = extract_departments("县级以上人民政府负责殡葬管理工作的机构应当组织协调。")
    assert (mention.dept_type, mention.level) == ("generic", "county_and_above")


def test_joint_levels_of_one_rank_keep_that_rank():
    [mention] = extract_departments("县（市）、区城市绿化行政主管部门负责本行政区域内的城市绿化工作。")
    assert (mention.dept_type, mention.level) == ("housing", "county")


@pytest.mark.parametrize(("text", "sector", "level"), [
    ("国务院电力管理部门应当加强监督。", "development_reform", "central"),
    ("国务院社会保险行政部门应当加强监督。", "human_resources", "central"),
    ("国防部应当加强监督。", "defense_mobilization", "central"),
    ("外交部应当加强监督。", "foreign_affairs", "central"),
    ("国家无线电管理机构应当加强监督。", "industry_it", "central"),
    ("省、自治区、直辖市无线电管理机构应当加强监督。", "industry_it", "provincial"),
    ("县级以上地方人民政府机关事务主管部门应当加强监督。", "government_affairs", "county_and_above"),
    ("县级以上地方各级人民政府管理机关事务工作的机构应当加强监督。", "government_affairs", "county_and_above"),
    ("国家地方志工作指导机构应当加强监督。", "local_chronicles", "central"),
    ("县级以上地方人民政府负责地方志工作的机构应当加强监督。", "local_chronicles", "county_and_above"),
])
def test_names_the_taxonomy_lacked(text, sector, level):
    [mention] = extract_departments(text)
    assert (mention.dept_type, mention.level) == (sector, level)


def test_the_civilisation_committee_is_not_a_construction_department():
    assert [(m.dept_type, m.level) for m in extract_departments("市精神文明建设委员会应当加强统一领导。")] == [
        ("civilization", "prefectural")]


def test_the_department_managing_energy_saving_is_development_and_reform():
    """节约能源法 names its principal authority by its work (管理节能工作的部门), never as 发展改革."""
    assert mentions("国务院管理节能工作的部门主管全国的节能监督管理工作。") == [
        ("国务院管理节能工作的部门", "development_reform", "central", "duty")]
