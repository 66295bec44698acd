"""Checklist readers: every format, every deliberate defect in data/sample, every bad file."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from ingest.checklists.columns import CHECKLIST_FIELDS
from ingest.checklists.normalize import normalize_audiences, normalize_methods, normalize_timing
from ingest.checklists.reader import parse_file_name, parse_title, read_checklist
from ingest.records import ChecklistRecord
from ingest.tables import limits
from ingest.tables.cells import split_laws, split_values
from ingest.tables.headers import find_header, match_header
from ingest.tables.read import read_document
from pufa.config import PROJECT_ROOT
from pufa.errors import InputError

ROOT = PROJECT_ROOT
SAMPLE = ROOT / "data" / "sample"
CHECKLISTS = SAMPLE / "checklists"
BAD = SAMPLE / "bad"


def one(name: str, **kwargs) -> ChecklistRecord:
    records = read_checklist(CHECKLISTS / name, **kwargs)
    assert len(records) == 1, [r.unit_name for r in records]
    return records[0]


def by_law(record: ChecklistRecord, fragment: str):
    return [item for item in record.items if any(fragment in law for law in item.law_names)]


# --- the sample as a whole ----------------------------------------------------------------------


def sample_files() -> list[Path]:
    return sorted(p for p in CHECKLISTS.iterdir() if p.is_file())


def test_sample_covers_every_format():
    kinds = {p.suffix for p in sample_files()}
    assert {".docx", ".xlsx", ".xls", ".csv", ".txt"} <= kinds
    assert len(sample_files()) >= 30


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_checklist_reads(path: Path):
    records = read_checklist(path)
    assert records
    for record in records:
        assert record.items, record.skipped
        assert record.year in (2025, 2026)
        if path.name != "2026-tjj.csv":
            assert record.unit_name, record
        for item in record.items:
            assert item.source_file == str(path)
            assert item.row >= 1 and item.sheet_or_table
            assert item.raw and any(item.raw.values())
            assert item.law_text or item.law_names


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_nothing_is_dropped(path: Path):
    """Every non-empty row of a checklist table (or line of a prose list) is an item or a skip."""
    records = read_checklist(path)
    seen = {(i.sheet_or_table, i.row) for r in records for i in r.items}
    seen |= {(s.sheet_or_table, s.row) for r in records for s in r.skipped}
    document = read_document(path)
    headed = [t for t in document.tables if find_header([row.cells for row in t.rows], CHECKLIST_FIELDS, key_field="law")]
    if headed:
        expected = {(t.name, row.number) for t in headed for row in t.rows if row.filled}
    else:  # a prose list: every non-empty line
        name = "正文" if document.kind == "docx" else document.kind
        expected = {(name, line.number) for line in document.lines}
    assert expected <= seen, sorted(expected - seen)


def test_sample_is_reproducible(tmp_path: Path, monkeypatch):
    """data/sample is exactly what scripts/make_sample.py writes (re-run it after editing the script)."""
    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "scripts" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_sample", module)
    spec.loader.exec_module(module)
    module.generate(tmp_path)

    def digests(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert digests(tmp_path) == digests(SAMPLE)


# --- Word --------------------------------------------------------------------------------------------


def test_docx_merged_cells_are_carried_down():
    record = one("澄河县公安局2026年普法责任清单.docx")
    assert record.unit_name == "澄河县公安局" and record.unit_from == "title" and record.year == 2026
    first, second = by_law(record, "治安管理处罚法")[:2]
    assert first.law_names == second.law_names == [
        "《中华人民共和国治安管理处罚法》", "《中华人民共和国反电信网络诈骗法》"
    ]
    assert "law" in second.merged_fields and "law" not in first.merged_fields
    assert first.audience_ids != second.audience_ids


def test_docx_two_row_header_and_title_row_inside_table():
    record = one("澄河县公安局2026年普法责任清单.docx")
    reasons = [(s.row, s.reason) for s in record.skipped]
    assert reasons[:3] == [(1, "title"), (2, "header"), (3, "header")]
    item = by_law(record, "禁毒法")[0]
    assert item.section == "禁毒大队" and item.person
    assert "责任主体/责任科室" in item.raw and "责任主体/责任人" in item.raw


def test_docx_two_tables_in_one_file():
    record = one("澄河县教育体育局2026年度普法责任清单.docx")
    assert {i.sheet_or_table for i in record.items} == {"表格1", "表格2"}
    groups = {i.sheet_or_table: i.group for i in record.items}
    assert groups == {"表格1": "一、系统内学法用法", "表格2": "二、面向社会普法"}
    assert len(record.items) == 7


def test_docx_repeated_header_and_notes_are_reported():
    record = one("县退役军人事务局2026年普法责任清单.docx")
    reasons = [s.reason for s in record.skipped]
    assert reasons.count("repeated_header") == 1
    assert reasons.count("note") == 2
    assert len(record.items) == 4


def test_docx_missing_audience_column_flags_every_item():
    record = one("县财政局2026年普法责任清单.docx")
    assert len(record.items) == 3
    for item in record.items:
        assert "missing:whom:no_column" in item.problems
        assert item.audience_ids == [] and item.law_names


def test_docx_table_without_merges_has_no_merged_fields():
    record = one("县住建局2026年普法责任清单.docx")
    assert all(not i.merged_fields for i in record.items)


# --- Excel -------------------------------------------------------------------------------------------


def test_xlsx_title_row_above_header_is_skipped():
    record = one("2026年县市场监管局普法责任清单（报送稿）.xlsx")
    assert [(s.row, s.reason) for s in record.skipped] == [(1, "title"), (2, "note"), (3, "header")]
    assert record.unit_name == "澄河县市场监督管理局" and record.year == 2026
    assert record.items[0].row == 4


def test_xlsx_version_suffix_and_implementing_regulation():
    record = one("2026年县市场监管局普法责任清单（报送稿）.xlsx")
    assert record.items[0].law_names == [
        "《中华人民共和国食品安全法》（2021年修正）", "《中华人民共和国食品安全法实施条例》"
    ]


def test_xlsx_merged_law_cells_and_group_rows():
    record = one("澄河县卫健委2026年普法责任清单.xlsx")
    carried = [i for i in record.items if "law" in i.merged_fields]
    assert len(carried) == 1
    origin = next(i for i in record.items if i.row == carried[0].row - 1)
    assert carried[0].law_text == origin.law_text
    assert carried[0].law_names == [
        "《中华人民共和国传染病防治法》", "《中华人民共和国精神卫生法》", "《艾滋病防治条例》"
    ]
    headings = [s for s in record.skipped if s.reason == "heading"]
    assert [h.raw for h in headings] == [["一、系统内学法用法"], ["二、面向社会普法"]]
    assert record.items[0].group == "一、系统内学法用法" and record.items[-1].group == "二、面向社会普法"


def test_xlsx_blank_separator_row_is_reported():
    record = one("县交通运输局2026年普法责任清单.xlsx")
    assert ("blank", 3) in [(s.reason, s.row) for s in record.skipped]
    assert [i.row for i in record.items] == [2, 4, 5]


def test_xls_name_with_xlsx_content_is_read_by_content():
    record = one("县交警大队2026普法清单.xls")
    assert record.file_kind == "xlsx" and len(record.items) == 3


def test_xlsx_year_from_sheet_name():
    record = one("县民政局2026年普法责任清单.xlsx")
    assert record.year == 2026 and record.year_from == "sheet name"
    assert record.unit_name == "县民政局" and record.unit_from == "file name"


def test_xlsx_numbers_are_text(tmp_path: Path):
    record = one("县民政局2026年普法责任清单.xlsx")
    assert record.items[0].raw["序号"] == "1"


# --- CSV and text ------------------------------------------------------------------------------------


def test_gbk_csv():
    record = one("县应急管理局2026年普法责任清单.csv")
    assert record.encoding == "gb18030"
    assert record.items[0].law_names == ["《中华人民共和国安全生产法》（2021年修正）"]
    assert record.items[0].key_date_ids == ["safety_month"]


def test_utf8_bom_csv_header_is_clean():
    record = one("县人社局_2026_普法责任清单.csv")
    assert record.encoding == "utf-8-sig"
    assert list(record.items[0].raw)[0] == "序号"


def test_tab_delimited_csv_is_sniffed():
    record = one("县农业农村局2026年普法责任清单.csv")
    assert len(record.items) == 3
    assert record.items[0].key_date_ids == ["month_03", "month_04"]


def test_csv_with_title_line():
    record = one("县水利局2026年普法责任清单.csv")
    assert record.unit_name == "澄河县水利局" and record.unit_from == "title"
    assert [s.reason for s in record.skipped] == ["title", "header"]


def test_csv_header_synonyms():
    record = one("县生态环境分局-2026-普法责任清单.csv")  # 学习宣传的法律法规 / 普法载体 / 时间安排 / 牵头科室
    item = record.items[0]
    assert item.section == "综合股" and item.measures and item.method_ids and item.key_date_ids == ["environment_day"]


def test_multi_law_cell_split_on_line_breaks():
    record = one("县生态环境分局-2026-普法责任清单.csv")
    assert len(record.items[1].law_names) == 3


def test_prose_txt():
    record = one("县妇联2026年普法责任清单.txt")
    assert record.unit_name == "澄河县妇女联合会" and record.year == 2026
    assert len(record.items) == 4
    third = record.items[2]
    assert "missing:whom:empty" in third.problems
    assert all(i.leader == "副主席 郑丽华" for i in record.items)
    assert third.raw["原文"].startswith("3.《中华人民共和国未成年人保护法》")
    reasons = [s.reason for s in record.skipped]
    assert reasons[0] == "title" and "preamble" in reasons and "note" in reasons


def test_prose_gbk_txt():
    record = one("国家税务总局澄河县税务局2026年普法责任清单.txt")
    assert record.encoding == "gb18030" and len(record.items) == 3
    assert record.unit_name == "国家税务总局澄河县税务局"


def test_prose_docx_keeps_brackets_whole():
    record = one("县法院2026年普法责任清单.docx")
    assert record.file_kind == "docx" and len(record.items) == 5
    assert record.items[1].law_names == ["《中华人民共和国民法典》（婚姻家庭编、继承编）"]
    assert "trial_livestream" in record.items[1].method_ids


def test_prose_continuation_lines_join_their_item(tmp_path: Path):
    path = tmp_path / "县某局2026年普法责任清单.txt"
    path.write_text(
        "澄河县某局2026年普法责任清单\n1.《中华人民共和国宪法》\n普法对象：全体干部；普法方式：集中学法\n时间节点：12·4；责任部门：办公室\n"
        "2.《中华人民共和国民法典》，普法对象：群众；责任部门：法规股\n",
        encoding="utf-8",
    )
    (record,) = read_checklist(path)
    first, second = record.items
    assert first.audience_ids == ["public_servants"] and first.key_date_ids == ["constitution_day"]
    assert first.section == "办公室" and "missing:when:empty" in second.problems


# --- messy content -----------------------------------------------------------------------------------


def test_old_department_names_and_repealed_law_are_kept():
    record = one("2025_县市场监督管理局_普法责任清单.docx")
    assert record.unit_name == "澄河县工商行政管理局" and record.year == 2025
    assert record.items[0].law_names == ["《中华人民共和国合同法》"]
    police = one("2025_县公安局_普法责任清单.xlsx")
    assert "县工商局" in police.items[1].partners
    education = one("澄河县教育体育局2026年度普法责任清单.docx")
    assert any("县食药监局" in i.partners for i in education.items)


def test_law_not_in_any_catalogue_is_kept_raw():
    record = one("澄河县公安局2026年普法责任清单.docx")
    assert by_law(record, "澄河县城区养犬管理办法")[0].law_names == ["《澄河县城区养犬管理办法》"]


def test_case_explanation_and_constitution_day_rows():
    record = one("澄河县司法局2026年普法责任清单.xlsx")
    constitution = by_law(record, "宪法")[0]
    assert {"constitution_day", "constitution_week"} <= set(constitution.key_date_ids)
    assert any("case_explanation" in i.method_ids for i in record.items)


def test_unresolved_values_are_kept_and_flagged():
    record = one("县应急管理局2026年普法责任清单.csv")
    last = record.items[-1]
    assert last.timing_text == "适时" and last.timings == ["适时"] and "timing:适时" in last.unresolved


def test_unit_and_year_arguments_override(tmp_path: Path):
    record = one("2026-tjj.csv")
    assert record.unit_name is None and "unit:unknown" in record.problems
    record = one("2026-tjj.csv", unit="澄河县统计局", year=2027)
    assert (record.unit_name, record.unit_from, record.year, record.year_from) == ("澄河县统计局", "argument", 2027, "argument")
    assert not record.problems


def test_sheets_with_different_titles_are_separate_checklists(tmp_path: Path):
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "公安"
    second = wb.create_sheet("交警")
    for ws, unit in ((first, "澄河县公安局"), (second, "澄河县公安局交通管理大队")):
        ws.append([f"{unit}2026年普法责任清单"])
        ws.append(["序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室"])
        ws.append([1, "《中华人民共和国道路交通安全法》", "驾驶人", "说理式执法", "全年", "秩序中队"])
    path = tmp_path / "合并报送.xlsx"
    wb.save(path)
    records = read_checklist(path)
    assert [r.unit_name for r in records] == ["澄河县公安局", "澄河县公安局交通管理大队"]
    assert all(len(r.items) == 1 for r in records)


def test_sheet_without_header_is_reported_not_dropped(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室"])
    ws.append([1, "《中华人民共和国宪法》", "全体干部", "集中学法", "12·4", "办公室"])
    notes = wb.create_sheet("说明")
    notes.append(["本表由办公室汇总"])
    path = tmp_path / "县某局2026年普法责任清单.xlsx"
    wb.save(path)
    (record,) = read_checklist(path)
    assert [(s.sheet_or_table, s.reason) for s in record.skipped if s.reason == "no_header"] == [("说明", "no_header")]


def test_docx_horizontal_and_vertical_merges(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("澄河县某局2026年普法责任清单")
    table = document.add_table(rows=5, cols=4)
    for j, label in enumerate(["法律法规名称", "普法对象", "普法方式", "责任科室"]):
        table.cell(0, j).text = label
    table.cell(1, 0).text = "《中华人民共和国安全生产法》、《中华人民共和国消防法》"
    for r, (audience, method) in enumerate([("企业", "培训"), ("职工", "演练"), ("居民", "宣传栏")], start=1):
        table.cell(r, 1).text = audience
        table.cell(r, 2).text = method
        table.cell(r, 3).text = "安监股"
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(4, 0).text = "二、其他"
    table.cell(4, 0).merge(table.cell(4, 3))
    path = tmp_path / "merged.docx"
    document.save(path)
    (record,) = read_checklist(path)
    assert [i.law_names for i in record.items] == [["《中华人民共和国安全生产法》", "《中华人民共和国消防法》"]] * 3
    assert [i.merged_fields for i in record.items] == [[], ["law"], ["law"]]
    assert [(s.row, s.reason) for s in record.skipped] == [(1, "header"), (5, "heading")]


def test_csv_quoted_multiline_cell(tmp_path: Path):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["法律法规名称", "普法对象", "普法方式"])
    writer.writerow(["《中华人民共和国宪法》\n《中华人民共和国民法典》", "群众", "讲座"])
    writer.writerow(["《中华人民共和国消防法》", "居民", "演练"])
    path = tmp_path / "县某局2026.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    (record,) = read_checklist(path)
    assert [i.row for i in record.items] == [2, 4]
    assert record.items[0].law_names == ["《中华人民共和国宪法》", "《中华人民共和国民法典》"]
    assert "missing:when:no_column" in record.items[0].problems
    assert "missing:who:no_column" in record.items[0].problems


def test_repeated_header_row_in_csv(tmp_path: Path):
    path = tmp_path / "县某局2026.csv"
    path.write_text(
        "法律法规名称,普法对象,普法方式,时间节点\n宪法,群众,讲座,12·4\n\n法律法规名称,普法对象,普法方式,时间节点\n民法典,居民,讲座,5月\n",
        encoding="utf-8",
    )
    (record,) = read_checklist(path)
    assert [(s.row, s.reason) for s in record.skipped] == [(1, "header"), (3, "blank"), (4, "repeated_header")]
    assert [i.law_names for i in record.items] == [["宪法"], ["民法典"]]


# --- bad files ---------------------------------------------------------------------------------------

BAD_MESSAGES = {
    "not_a_table.docx": "no checklist found",
    "signature_table_only.docx": "without a checklist header",
    "truncated.xlsx": "truncated",
    "encrypted.xlsx": "password-protected",
    "legacy.xls": "legacy Excel",
    "garbage.csv": "binary",
    "wrong_encoding.csv": "neither UTF-8 nor GBK",
    "scan.pdf.xlsx": "PDF",
    "empty.csv": "empty",
    "not_office.xlsx": "not a Word or Excel",
    "units_bad_kind.csv": "no checklist header",
}


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_bad_file_raises_input_error_naming_it(name: str):
    path = BAD / name
    with pytest.raises(InputError) as caught:
        read_checklist(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)
    assert BAD_MESSAGES[name] in str(caught.value)


def test_every_bad_file_is_covered():
    assert {p.name for p in BAD.iterdir()} == set(BAD_MESSAGES)


def test_wrong_encoding_names_the_line():
    with pytest.raises(InputError) as caught:
        read_checklist(BAD / "wrong_encoding.csv")
    assert caught.value.location == "line 3"


def test_missing_file():
    with pytest.raises(InputError, match="cannot open"):
        read_checklist(CHECKLISTS / "no-such-file.xlsx")


def test_file_size_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError, match="over the 0 MB limit|MB limit") as caught:
        read_checklist(CHECKLISTS / "县民政局2026年普法责任清单.xlsx")
    assert "县民政局" in str(caught.value)


def test_row_limit_names_the_sheet(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    with pytest.raises(InputError) as caught:
        read_checklist(CHECKLISTS / "县民政局2026年普法责任清单.xlsx")
    assert caught.value.location == "sheet '2026年', row 4"


def test_row_limit_for_csv_and_docx(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    for name in ("县人社局_2026_普法责任清单.csv", "县住建局2026年普法责任清单.docx"):
        with pytest.raises(InputError, match="more than 2 rows"):
            read_checklist(CHECKLISTS / name)


def test_cell_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 20)
    with pytest.raises(InputError, match="cells"):
        read_checklist(CHECKLISTS / "县民政局2026年普法责任清单.xlsx")


def test_zip_bomb_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(InputError, match="inflates"):
        read_checklist(CHECKLISTS / "县民政局2026年普法责任清单.xlsx")


# --- splitting, headers, titles, normalization --------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("《中华人民共和国食品安全法》、《食品安全法实施条例》", ["《中华人民共和国食品安全法》", "《食品安全法实施条例》"]),
        ("《食品安全法》（2021年修正）；消费者权益保护法", ["《食品安全法》（2021年修正）", "消费者权益保护法"]),
        ("《民法典》（婚姻家庭编、继承编）", ["《民法典》（婚姻家庭编、继承编）"]),
        ("〈关于A、B的规定〉，《C》", ["〈关于A、B的规定〉", "《C》"]),
        ("《宪法》\n《民法典》\r\n《刑法》", ["《宪法》", "《民法典》", "《刑法》"]),
        ("《A法》《B法》及《C法》等法律法规", ["《A法》", "《B法》", "《C法》"]),
        ("1.《宪法》\n2、《民法典》", ["《宪法》", "《民法典》"]),
        ("《食品安全法》第三十四条、第三十五条，《广告法》", ["《食品安全法》第三十四条、第三十五条", "《广告法》"]),
        ("统计法、统计法实施条例等", ["统计法", "统计法实施条例"]),
        ("《未闭合的标题、另一部法", ["《未闭合的标题", "另一部法"]),
        ("", []),
    ],
)
def test_split_laws(text, expected):
    assert split_laws(text) == expected


def test_split_values():
    assert split_values("中小学生、家长/教师；企业经营者等") == ["中小学生", "家长", "教师", "企业经营者"]
    assert split_values("“12·4”国家宪法日，3·15") == ["“12·4”国家宪法日", "3·15"]


@pytest.mark.parametrize(
    "cell, field",
    [
        ("法律法规名称", "law"), ("普法内容", "law"), ("普法依据", "law"), ("学习宣传的法律法规", "law"),
        ("普法对象", "audience"), ("宣传对象", "audience"), ("普法对象（受众）", "audience"),
        ("普法方式", "method"), ("形式", "method"), ("载体", "method"), ("普法措施", "method"),
        ("时间节点", "timing"), ("普法时间", "timing"), ("完成时限", "timing"), ("时间安排", "timing"),
        ("责任科室", "section"), ("责任处室", "section"), ("责任股室", "section"), ("牵头科室", "section"),
        ("责任部门", "section"), ("责任股（室）", "section"), ("责任人", "person"), ("责任人及联系电话", "person"),
        ("分管领导", "leader"), ("配合单位", "partners"), ("协同单位", "partners"), ("工作标准", "standard"),
        ("具体措施", "measures"), ("普法内容及具体措施", "law"), ("序号", "seq"), ("备注", "remarks"),
        ("利用重要时间节点开展形式多样的法治宣传", None), ("", None),
    ],
)
def test_header_synonyms(cell, field):
    assert match_header(cell, CHECKLIST_FIELDS) == field


def test_find_header_below_title_rows():
    rows = [
        ["澄河县某局2026年普法责任清单"] * 4,
        ["填报单位：某局", "", "填报时间：2026年3月", ""],
        ["序号", "普法内容", "宣传对象", "普法形式"],
        ["1", "宪法", "群众", "讲座"],
    ]
    header = find_header(rows, CHECKLIST_FIELDS, key_field="law")
    assert header.index == 2 and header.fields == {0: "seq", 1: "law", 2: "audience", 3: "method"}


@pytest.mark.parametrize(
    "title, unit, year",
    [
        ("澄河县公安局2026年度“谁执法谁普法”普法责任清单", "澄河县公安局", 2026),
        ("2026年澄河县司法局普法责任清单", "澄河县司法局", 2026),
        ("附件2：团县委2025年普法责任清单", "团县委", 2025),
        ("普法责任清单", None, None),
        ("根据要求，现将我局2026年普法责任清单报送如下", None, 2026),
    ],
)
def test_parse_title(title, unit, year):
    assert parse_title(title)[:2] == (unit, year)


def test_parse_file_name():
    assert parse_file_name(Path("2026_县公安局_普法责任清单.docx")) == ("县公安局", 2026)
    assert parse_file_name(Path("县生态环境分局-2026-普法责任清单.csv")) == ("县生态环境分局", 2026)
    assert parse_file_name(Path("2026-tjj.csv")) == (None, 2026)


@pytest.mark.parametrize(
    "text, ids",
    [
        ("“12·4”国家宪法日", ["constitution_day"]), ("12.4", ["constitution_day"]), ("12月4日", ["constitution_day"]),
        ("2026-12-04", ["constitution_day"]), ("宪法宣传周（12月1日-7日）", ["constitution_week"]),
        ("3·15", ["consumer_rights_day"]), ("4·15", ["national_security_day"]), ("6·26", ["anti_drug_day"]),
        ("6月安全生产月", ["safety_month"]), ("11·9", ["fire_day"]), ("9月网络安全宣传周", ["cybersecurity_week"]),
        ("全民国防教育日", ["national_defense_day"]), ("5月民法典宣传月", ["civil_code_month"]),
        ("全年", ["all_year"]), ("每月", ["monthly"]), ("每季度", ["quarterly"]), ("3月", ["month_03"]),
        ("3-4月", ["month_03", "month_04"]), ("第一季度、年底前", ["q1", "month_12"]), ("12月", ["month_12"]),
    ],
)
def test_timing_normalization(text, ids):
    result = normalize_timing(text)
    assert result.ids == ids and not result.unresolved


def test_unknown_timing_is_kept_raw():
    result = normalize_timing("适时、3月")
    assert result.values == ["适时", "3月"] and result.ids == ["month_03"] and result.unresolved == ["timing:适时"]


@pytest.mark.parametrize(
    "text, ids",
    [
        ("党组理论学习中心组集中学法", ["central_group_study"]), ("法治宣传栏", ["publicity_board"]),
        ("LED屏滚动播放", ["led_screen"]), ("法治文化广场", ["culture_position"]),
        ("法律进学校、进社区", ["law_into_schools", "law_into_communities"]), ("说理式执法", ["reasoned_enforcement"]),
        ("以案释法", ["case_explanation"]), ("庭审直播", ["trial_livestream"]), ("广播电视", ["traditional_media"]),
        ("微信公众号、抖音", ["new_media"]), ("专题讲座", ["lecture_training"]), ("发放宣传资料", ["leaflets"]),
        ("法律咨询", ["legal_consultation"]), ("普法讲师团", ["lecturer_volunteers"]), ("菜单式普法", ["menu_style"]),
        ("安全生产月", ["theme_day"]), ("进养老机构", ["law_six_into"]),
    ],
)
def test_method_normalization(text, ids):
    assert normalize_methods(text).ids == ids


def test_audience_normalization():
    """Ids come from the shared data/audiences.yaml."""
    result = normalize_audiences("中小学生及家长、企业经营者、全局民警、重点人群")
    assert result.ids == ["students", "parents", "businesses", "public_servants"]
    assert result.unresolved == ["audience:重点人群"]
    assert normalize_audiences("妇女联合会").ids == []  # a blocker: not 妇女
