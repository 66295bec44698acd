"""Unit registers: data/sample/units.csv, the liaison form, synonyms, and refusals."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from ingest.records import UnitRecord
from ingest.units.reader import infer_kind, normalize_kind, read_units, read_units_with_skips
from pufa.config import PROJECT_ROOT
from pufa.errors import InputError
from pufa.laws import unit_id
from pufa.vocab import UNIT_KINDS

ROOT = PROJECT_ROOT
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def units() -> dict[str, UnitRecord]:
    return {u.name: u for u in read_units(SAMPLE / "units.csv")}


def test_sample_units(units):
    assert len(units) >= 40
    for unit in units.values():
        assert unit.id == unit_id(unit.name)
        assert unit.kind in UNIT_KINDS
        assert unit.region == "示例市澄河县"
        assert unit.liaison_name and unit.liaison_phone.startswith("0000-")
        assert unit.liaison_email.endswith("@example.org")
        assert unit.source.startswith(str(SAMPLE / "units.csv") + ":")


def test_ids_are_stable(units):
    again = {u.name: u.id for u in read_units(SAMPLE / "units.csv")}
    assert again == {name: u.id for name, u in units.items()}


def test_fields_and_aliases(units):
    police = units["澄河县公安局"]
    assert police.aliases == ["县公安局"]
    assert police.dept_types == ["公安机关", "公安机关交通管理部门", "出入境管理机构"]
    assert (police.liaison_name, police.liaison_post) == ("刘建平", "法制大队副大队长")
    market = units["澄河县市场监督管理局"]
    assert market.aliases[:3] == ["县市场监管局", "县市场监督管理局", "县市场局"]
    assert "食品药品监督管理部门" not in market.dept_types and "药品监督管理部门" in market.dept_types


def test_parents_resolve_by_alias_or_full_name(units):
    police = units["澄河县公安局"]
    assert units["澄河县公安局交通管理大队"].parent_id == police.id  # written 县公安局
    assert units["澄河县公安局法制大队"].parent_id == police.id  # written 澄河县公安局
    assert units["澄河县人民医院"].parent_id == units["澄河县卫生健康委员会"].id
    assert police.parent_id is None


def test_parent_outside_the_file_keeps_its_name(units):
    branch = units["示例市生态环境局澄河分局"]
    assert branch.parent_name == "示例市生态环境局"
    assert branch.parent_id == unit_id("示例市生态环境局")


def test_kind_synonyms_and_inference(units):
    assert units["澄河县教育体育局"].kind == "行政执法机关"  # written 行政机关
    assert units["澄河县人民法院"].kind == "司法机关"  # written 审判机关
    assert units["澄河县妇女联合会"].kind == "群团组织"  # written 人民团体
    assert units["共青团澄河县委员会"].kind == "群团组织"  # written 群团
    assert units["澄河县人民医院"].kind == "企事业单位"  # written 事业单位
    assert units["国网示例市澄河县供电公司"].kind == "企事业单位"  # written 国有企业
    assert units["中共澄河县委网络安全和信息化委员会办公室"].kind == "党委部门"
    assert units["澄河县统计局"].kind == "行政执法机关"  # blank: inferred
    assert units["澄河县融媒体中心"].kind == "企事业单位"  # blank: inferred


@pytest.mark.parametrize(
    "name, kind",
    [
        ("澄河县人民检察院", "司法机关"), ("澄河县总工会", "群团组织"), ("团县委", "群团组织"),
        ("中共澄河县委宣传部", "党委部门"), ("县委网信办", "党委部门"), ("澄河县第一中学", "企事业单位"),
        ("澄河县水利局", "行政执法机关"),
    ],
)
def test_infer_kind(name, kind):
    assert infer_kind(name) == kind


def test_normalize_kind():
    assert normalize_kind("行政执法机关") == "行政执法机关"
    assert normalize_kind("群团组织（人民团体）") == "群团组织"
    assert normalize_kind("社团法人") is None


def test_liaison_form_with_title_rows_and_synonyms():
    units, skipped = read_units_with_skips(SAMPLE / "units_liaison_form.xlsx")
    assert [u.name for u in units][:2] == ["澄河县公安局", "澄河县市场监督管理局"]
    police = units[0]
    assert (police.aliases, police.liaison_name, police.liaison_post) == (["县公安局"], "刘建平", "法制大队副大队长")
    assert police.liaison_phone == "0000-7000111" and police.liaison_email == "pufa.gaj@example.org"
    assert police.source.endswith("[联络员登记表]:4")
    assert [(s.row, s.reason) for s in skipped] == [(1, "title"), (2, "title"), (3, "header"), (10, "note")]


def test_units_gbk_csv_with_header_synonyms(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_bytes(
        "单位,简称,单位性质,主管部门,地区,部门类型,联系人,职务,手机,邮箱\r\n"
        "澄河县司法局,县司法局,行政执法机关,,澄河县,司法行政部门,吴思远,股长,0000-7000287,a@example.org\r\n"
        "澄河县司法局城关司法所,城关司法所,,县司法局,澄河县,,谢文,所长,0000-7000298,b@example.org\r\n".encode("gbk")
    )
    justice, office = read_units(path)
    assert office.parent_id == justice.id and office.kind == "行政执法机关"
    assert justice.dept_types == ["司法行政部门"] and justice.liaison_post == "股长"


def test_units_xlsx_phone_numbers_and_short_name_alias(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称", "单位类型", "区域", "联系电话"])
    ws.append(["澄河县审计局", "行政执法机关", "示例市澄河县", 13800000000])
    ws.append(["县统计局", "", "示例市澄河县", None])
    path = tmp_path / "units.xlsx"
    wb.save(path)
    audit, stats = read_units(path)
    assert audit.liaison_phone == "13800000000"
    assert audit.aliases == ["县审计局"]  # derived from the region
    assert stats.aliases == ["澄河县统计局"]
    assert stats.liaison_phone is None


def test_units_from_a_word_liaison_form(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("普法责任清单工作联络员登记表")
    table = document.add_table(rows=2, cols=5)
    for j, label in enumerate(["单位名称", "联络员姓名", "职务", "联系电话", "电子邮箱"]):
        table.cell(0, j).text = label
    for j, value in enumerate(["澄河县民政局", "廖红", "股长", "0000-7000397", "c@example.org"]):
        table.cell(1, j).text = value
    path = tmp_path / "附件1.docx"
    document.save(path)
    (unit,) = read_units(path)
    assert (unit.name, unit.liaison_name, unit.kind) == ("澄河县民政局", "廖红", "行政执法机关")


def test_unknown_kind_names_row_and_field():
    path = SAMPLE / "bad" / "units_bad_kind.csv"
    with pytest.raises(InputError) as caught:
        list(read_units(path))
    assert caught.value.source == str(path)
    assert caught.value.location == "row 3, field 单位类型"
    assert "社团法人" in str(caught.value)


def test_duplicate_unit_is_refused(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("单位名称,联络员姓名\n澄河县民政局,廖红\n澄河县民政局,张三\n", encoding="utf-8")
    with pytest.raises(InputError, match="appears twice") as caught:
        list(read_units(path))
    assert caught.value.location == "row 3"


def test_row_without_a_name_is_refused(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("单位名称,单位类型,联络员姓名\n澄河县民政局,,廖红\n,行政执法机关,张三\n", encoding="utf-8")
    with pytest.raises(InputError, match="no unit name") as caught:
        list(read_units(path))
    assert caught.value.location == "row 3, field 单位名称"


def test_own_parent_is_refused(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("单位名称,简称,上级单位\n澄河县民政局,县民政局,县民政局\n", encoding="utf-8")
    with pytest.raises(InputError, match="itself"):
        list(read_units(path))


def test_notes_and_headings_are_reported(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text(
        "单位名称,单位类型,联络员姓名\n一、县直部门,一、县直部门,一、县直部门\n澄河县民政局,,廖红\n填表人：张三,,\n",
        encoding="utf-8",
    )
    units, skipped = read_units_with_skips(path)
    assert [u.name for u in units] == ["澄河县民政局"]
    assert [(s.row, s.reason) for s in skipped] == [(1, "header"), (2, "heading"), (4, "note")]


def test_no_header_is_refused(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="no unit register header"):
        list(read_units(path))


@pytest.mark.parametrize(
    "name", ["truncated.xlsx", "encrypted.xlsx", "garbage.csv", "wrong_encoding.csv", "empty.csv", "legacy.xls"]
)
def test_bad_files(name: str):
    path = SAMPLE / "bad" / name
    with pytest.raises(InputError) as caught:
        list(read_units(path))
    assert str(path) in str(caught.value)
