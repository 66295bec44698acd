"""The bureau's table of laws the catalogue lacks, on both stores: rows become laws (a party
regulation a common duty), bad cells are refused naming the row and field, and checklists that
cite an added law resolve to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from domain.catalogue.lookup import resolve_law
from ingest.checklists.load import ingest_checklists
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_UNITS
from ingest.laws.load import ingest_law_table
from ingest.laws.table import read_law_table
from ingest.units.load import ingest_units
from pufa.errors import InputError
from pufa.laws import law_id, unit_id
from tests.registers import names_only_register

HEADER = "序号,文件名称,效力级别,制定机关,公布日期,施行日期,时效性"
DOG_RULES = "澄河县城区养犬管理办法"


def write_table(folder: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path = folder / "本县规范性文件目录.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    return path


def test_rows_become_laws_with_iso_dates_and_levels(tmp_path):
    laws = read_law_table(write_table(tmp_path, [
        f"1,《{DOG_RULES}》,规范性文件,澄河县人民政府,2022年3月1日,2022/4/1,有效",
        "2,中国共产党问责条例,党规,中共中央,2019-08-25,二〇一九年九月一日,",
        "3,示例市旧市容管理规定,地方规章,示例市人民政府,2001.5.1,,失效",
    ], encoding="gb18030"))
    assert [(law.title, law.level, law.status, law.promulgated, law.effective) for law in laws] == [
        (DOG_RULES, "规范性文件", "现行有效", "2022-03-01", "2022-04-01"),
        ("中国共产党问责条例", "党内法规", "现行有效", "2019-08-25", "2019-09-01"),
        ("示例市旧市容管理规定", "地方政府规章", "已废止", "2001-05-01", None),
    ]
    assert laws[0].id == law_id(DOG_RULES) and laws[0].issuer == "澄河县人民政府"


@pytest.mark.parametrize(("row", "field"), [
    (f"1,{DOG_RULES},红头文件汇编,县政府,2022-03-01,,有效", "效力级别"),
    (f"1,{DOG_RULES},规范性文件,县政府,去年三月,,有效", "公布日期"),
    (f"1,{DOG_RULES},规范性文件,县政府,2022-03-01,,作废了", "时效性"),
])
def test_a_bad_cell_is_refused_naming_its_row_and_field(tmp_path, row, field):
    with pytest.raises(InputError) as raised:
        read_law_table(write_table(tmp_path, [row]))
    assert "row 2" in str(raised.value) and f"field {field}" in str(raised.value)


def test_an_added_law_is_resolved_in_a_later_checklist(store, tmp_path):
    ingest_units(store, SAMPLE_UNITS)
    police_checklist = SAMPLE_CHECKLISTS / "澄河县公安局2026年普法责任清单.docx"
    before = ingest_checklists(store, [police_checklist])
    assert DOG_RULES in {entry["name"].strip("《》") for entry in before.not_laws}  # a county document, no law yet
    report = ingest_law_table(store, write_table(tmp_path, [f"1,{DOG_RULES},规范性文件,澄河县人民政府,2022-03-01,,有效"]))
    assert report.counts == {"laws": 1, "added": 1}
    assert ingest_law_table(store, write_table(tmp_path, [f"1,{DOG_RULES},规范性文件,澄河县人民政府,2022-03-01,,有效"])
                            ).skipped[0].reason == "already in the catalogue"
    after = ingest_checklists(store, [police_checklist], year=2026)
    assert DOG_RULES not in {entry.get("law", "").strip("《》") for entry in after.unresolved}
    assert DOG_RULES not in {entry["name"].strip("《》") for entry in after.not_laws}
    assert resolve_law(CachedStore(store), DOG_RULES).level == "规范性文件"


def test_a_departments_own_document_is_its_units_by_the_issuer(store, tmp_path):
    """A county bureau's own 规范性文件 names no department in a text the graph holds: its issuer makes the
    bureau acting as that type its principal authority; a 人民政府's document is no one type's."""
    market_rules = "澄河县集贸市场计量监督管理办法"
    ingest_units(store, names_only_register(tmp_path, ["澄河县市场监督管理局", "澄河县公安局"]))
    ingest_law_table(store, write_table(tmp_path, [f"1,{DOG_RULES},规范性文件,澄河县人民政府,2022-03-01,,有效",
                                                   f"2,{market_rules},规范性文件,澄河县市场监督管理局,2023-05-01,,有效"]))
    answers = CachedStore(store)
    inferred = {name: [(law.law.short_title, law.relevance.tier, law.relevance.types[0].issuers)
                       for law in coverage.applicable(answers, unit_id(name), limit=None).inferred]
                for name in ("澄河县市场监督管理局", "澄河县公安局")}
    assert inferred == {"澄河县市场监督管理局": [(market_rules, "principal", ["澄河县市场监督管理局"])], "澄河县公安局": []}
