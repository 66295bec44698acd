"""Every kind of unit in a real register gets laws from its name alone (issue 33).

Each row is registered names-only (the liaison form) on the shipped catalogue's facts for the laws
concerned; its types come from data/organs.yaml, its laws from the articles and principal authorities
of data/catalogue (the 2018 transfers of work, the lead department of 消费者权益保护法, 禁毒委员会).
"""

from __future__ import annotations

from pathlib import Path

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.store import GraphStore
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.laws import unit_id
from tests.registers import in_force_titled, names_only_register, shipped_laws

MARKET = {"market_regulation", "drug_regulation", "intellectual_property", "price"}
KINDS = [
    # unit as a register writes it, the types its name gives, the key laws and the tier each must have
    ("国网澄河县供电公司", {"electric_power"}, {"电力法": "related", "电力设施保护条例": "related"}),
    ("澄河县第一幼儿园", {"school"}, {"学前教育法": "related", "未成年人保护法": "related", "教育法": "related"}),
    ("澄河县人民医院", {"medical_institution"}, {"基本医疗卫生与健康促进法": "related", "医师法": "related"}),
    ("澄河县烟草公司", {"tobacco"}, {"烟草专卖法": "principal"}),
    ("澄河县应急管理局", {"emergency_management"}, dict.fromkeys(
        ["森林防火条例", "草原防火条例", "防汛条例", "抗旱条例", "破坏性地震应急条例", "地质灾害防治条例", "自然灾害救助条例"],
        "principal")),
    ("澄河县抗震救灾办公室", {"emergency_management"}, {"破坏性地震应急条例": "principal"}),
    ("澄河县市场监督管理局", MARKET, {"消费者权益保护法": "principal"}),
    ("澄河县公安局", {"public_security"}, {"禁毒法": "principal"}),
    ("交警庐阳大队", {"public_security"}, {"道路交通安全法": "principal"}),
    ("示例市公安消防局", {"fire_rescue"}, {"消防法": "principal"}),
    ("城关镇人民政府", {"government", "township_government"}, {"禁毒法": "related"}),
    ("石梁镇", {"government", "township_government"}, {"禁毒法": "related"}),
    # 各级人民政府 holds the township: 反间谍法's 各级人民政府…组织开展反间谍安全防范宣传教育 is a street office's work too.
    ("宋城街道办事处", {"government", "township_government"}, {"反间谍法": "related", "消费者权益保护法": "related"}),
    ("国家发展和改革委员会", {"development_reform", "price"}, {"节约能源法": "principal"}),  # 管理节能工作的部门
    ("城关镇司法所", {"justice"}, {"人民调解法": "principal"}),
    ("四川省司法厅", {"justice"}, {"人民调解法": "principal"}),
    ("惠金黄河河务局", {"water"}, {"水法": "principal"}),
    ("扎赉特旗农牧业综合行政执法大队", {"agriculture"}, {"农产品质量安全法": "principal"}),
    ("澄河县农业综合执法总队", {"agriculture"}, {"农产品质量安全法": "principal"}),
    ("城关镇统计站", {"statistics"}, {"统计法": "principal"}),
    ("国家统计局", {"statistics"}, {"统计法": "principal"}),
    ("示例市园林绿化中心", {"housing", "forestry"}, {"城市绿化条例": "principal"}),
    ("林业科学技术推广中心", {"forestry"}, {"森林法": "principal"}),
    ("生态环境部", {"ecology_environment"}, {"生态环境法典": "principal"}),  # in force 2026-08-15, 环境保护法 repealed
    ("澄河县委网信办", {"cyberspace"}, {"网络安全法": "principal"}),
]
TITLES = {title for _, _, laws in KINDS for title in laws}


def test_each_kind_of_unit_gets_its_key_laws_from_its_name(store: GraphStore, tmp_path: Path):
    """One register of every kind, so the catalogue loads once per store; the whole answer is compared."""
    load_catalogue(store, shipped_laws(tmp_path, in_force_titled(TITLES)))
    report = ingest_units(store, names_only_register(tmp_path, [name for name, _, _ in KINDS]))
    assert report.units_without_laws == []
    acting = {found.unit: {t.type_id for t in found.types} for found in report.unit_types}
    answers = CachedStore(store)
    found = {}
    for name, _, laws in KINDS:
        tiers = {law.law.short_title: law.relevance.tier
                 for law in coverage.applicable(answers, unit_id(name), limit=None).inferred}
        found[name] = (acting[name], {title: tiers.get(title) for title in laws})
    assert found == {name: (types, laws) for name, types, laws in KINDS}
