"""Property-based robustness: whatever goes in, the readers and extractors either answer or
raise the project's own errors (PufaError), never a bare library exception.

Inputs are built from the fragments real files are made of (law headings, article numbers,
《》 titles, checklist headers and cells) mixed with arbitrary text and bytes, and from real
sample files mutated inside their zip members. Example counts stay modest so that the file
runs in well under a minute; PUFA_FUZZ_EXAMPLES raises them for a deeper run.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.base.documents import FORMULA_STARTS, Sheet, to_csv, to_xlsx
from ingest.cases.parse import parse_case_file
from ingest.checklists.reader import read_checklist
from ingest.laws.parse import parse_law_file
from ingest.units.reader import read_units
from nlp.catalogue import Catalogue
from nlp.citations import extract_citations
from nlp.departments import extract_departments
from pufa.config import DATA_DIR
from pufa.errors import PufaError

FUZZ = settings(max_examples=int(os.environ.get("PUFA_FUZZ_EXAMPLES", "100")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""Modest by default so that CI stays quick; PUFA_FUZZ_EXAMPLES=2000 for a deeper run."""

SAMPLES = DATA_DIR / "sample" / "checklists"
SAMPLE_OFFICE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".xlsx"))

LAW_FRAGMENTS = [
    "# 中华人民共和国示范管理法", "# ", "## 第一章 总则", "## 第二编", "### 第一节 一般规定", "#### 附则",
    "第一条 为了示范，制定本法。", "第二条", "第一百二十三条之二", "第九千九百九十九条", "第零条", "第十条之",
    "（一）按时登记；", "（二十）", "1. 名称；", "2.", "<!-- INFO END -->", "<!-- FORCE BREAK -->", "<!--",
    "2001年3月1日 第九届全国人民代表大会常务委员会第二十次会议通过", "2015年10月1日 施行", "2015年13月45日 施行",
    "0000年0月0日 通过", "（2020年5月28日第十三届全国人民代表大会第三次会议通过）", "本法自公布之日起施行。",
    "本法自2099年2月30日起施行。", "《中华人民共和国合同法》同时废止。", "（以下简称“示范条例”）", "目　　录",
    "第一编　总　　则", "附　　则", "国务院示范管理部门负责全国的示范管理工作。", "\u3000", "\t", "\r", "",
]
CHECKLIST_HEADERS = [
    "序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室", "责任人", "配合单位", "分管领导", "工作标准",
    "具体措施", "单位名称", "单位类型", "上级单位", "联络员姓名", "联系电话", "职务", "电子邮箱", "主管部门类型",
]
CELL_FRAGMENTS = [
    "《中华人民共和国食品安全法》", "《食品安全法》、《安全生产法》", "《食品安全法》（2021年修正）第二十八条",
    "宪法；民法典", "国家工作人员", "青少年/学生", "企业经营者、农民工", "以案释法", "法治宣传栏", "微信公众号",
    "全年", "每季度", "3月", "12·4", "3·15", "13月40日", "法规股", "办公室", "张三 13800000000",
    "澄河县公安局", "县市场监管局", "牵头", "澄河县2026年普法责任清单", "注：本表由各单位填写", "=cmd|' /C calc'!A0",
    "1", "一", "（三）", "\"", ",", ";", "|", "\t", "\n", "", " ",
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """One folder per module: hypothesis reruns a test many times, and function-scoped tmp_path does not reset between examples."""
    return tmp_path_factory.mktemp("fuzz")


def mixed_text(fragments: list[str], max_parts: int = 40) -> st.SearchStrategy[str]:
    """Realistic fragments and arbitrary text, in any order and joined by line breaks or nothing."""
    part = st.one_of(st.sampled_from(fragments), st.text(max_size=30))
    return st.tuples(st.lists(part, max_size=max_parts), st.sampled_from(["\n", "\n\n", "", " "])).map(
        lambda parts_and_joiner: parts_and_joiner[1].join(parts_and_joiner[0]))


def encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text as the encodings submitted files arrive in, errors replaced where one cannot hold a character."""
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5", "shift_jis", "latin-1"])
    return st.tuples(text, encodings).map(lambda pair: pair[0].encode(pair[1], errors="replace"))


def raises_only_our_errors(call, *args, **kwargs) -> None:
    """Run the call; a PufaError is an acceptable answer to a bad input, anything else fails the test."""
    try:
        result = call(*args, **kwargs)
        if hasattr(result, "__next__"):
            list(result)
    except PufaError:
        pass


# --- the law parser --------------------------------------------------------------------------


@FUZZ
@given(body=encoded(mixed_text(LAW_FRAGMENTS)), suffix=st.sampled_from([".md", ".txt"]))
def test_law_parser_on_law_shaped_text(scratch: Path, body: bytes, suffix: str):
    path = scratch / f"示范法{suffix}"
    path.write_bytes(body)
    raises_only_our_errors(parse_law_file, path)
    raises_only_our_errors(parse_case_file, path)


@FUZZ
@given(body=st.binary(max_size=4096), suffix=st.sampled_from([".md", ".txt", ".docx"]))
def test_law_parser_on_arbitrary_bytes(scratch: Path, body: bytes, suffix: str):
    path = scratch / f"garbage{suffix}"
    path.write_bytes(body)
    raises_only_our_errors(parse_law_file, path)


def mutated_zip(original: bytes, data: st.DataObject) -> bytes:
    """The archive with one XML member cut, spliced or overwritten at random points, rezipped."""
    source = zipfile.ZipFile(io.BytesIO(original))
    members = [info.filename for info in source.infolist() if info.filename.endswith(".xml")]
    target = data.draw(st.sampled_from(members), label="member")
    content = source.read(target)
    start = data.draw(st.integers(0, len(content)), label="start")
    end = data.draw(st.integers(start, min(len(content), start + 200)), label="end")
    insert = data.draw(st.one_of(
        st.binary(max_size=40),
        st.sampled_from([b"<", b">", b"</w:tbl>", b"<w:tc>", b"<row>", b'<c r="ZZZ99999999">', b"&lol;", b"\x00",
                         b'<mergeCell ref="A1:XFD1048576"/>', b'gridSpan w:val="-3"', b"\xff\xfe"])), label="insert")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rezipped:
        for info in source.infolist():
            body = source.read(info.filename)
            rezipped.writestr(info.filename, content[:start] + insert + content[end:] if info.filename == target else body)
    return out.getvalue()


@FUZZ
@given(data=st.data())
def test_law_parser_on_mutated_word_files(scratch: Path, data: st.DataObject):
    sample = data.draw(st.sampled_from([p for p in SAMPLE_OFFICE_FILES if p.suffix == ".docx"]), label="sample")
    path = scratch / "mutated-law.docx"
    path.write_bytes(mutated_zip(sample.read_bytes(), data))
    raises_only_our_errors(parse_law_file, path)


# --- the checklist and unit register readers -------------------------------------------------


def readers_raise_only_our_errors(path: Path, body: bytes, **checklist_options) -> None:
    """Write the file, then read it as a checklist and as a unit register."""
    path.write_bytes(body)
    raises_only_our_errors(read_checklist, path, **checklist_options)
    raises_only_our_errors(read_units, path)


def delimited_table() -> st.SearchStrategy[str]:
    """A header drawn from real column names, then rows of realistic or arbitrary cells, any delimiter."""
    cell = st.one_of(st.sampled_from(CELL_FRAGMENTS), st.text(max_size=12))
    return st.builds(
        lambda header, rows, delimiter: "\n".join(delimiter.join(row) for row in [header, *rows]),
        st.lists(st.sampled_from(CHECKLIST_HEADERS), min_size=1, max_size=8),
        st.lists(st.lists(cell, max_size=9), max_size=12),
        st.sampled_from([",", "\t", ";", "|", "，"]),
    )


@FUZZ
@given(body=encoded(st.one_of(delimited_table(), mixed_text(CELL_FRAGMENTS))),
       suffix=st.sampled_from([".csv", ".txt", ".tsv"]), unit=st.sampled_from([None, "县公安局"]),
       year=st.sampled_from([None, 2026]))
def test_checklist_and_unit_readers_on_text_tables(scratch: Path, body: bytes, suffix: str, unit, year):
    readers_raise_only_our_errors(scratch / f"县公安局2026年普法责任清单{suffix}", body, unit=unit, year=year)


@FUZZ
@given(body=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".xlsx", ".docx", ".xls"]))
def test_checklist_and_unit_readers_on_arbitrary_bytes(scratch: Path, body: bytes, suffix: str):
    readers_raise_only_our_errors(scratch / f"garbage{suffix}", body)


@FUZZ
@given(
    rows=st.lists(st.lists(st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                                      st.sampled_from(CELL_FRAGMENTS + CHECKLIST_HEADERS)), max_size=8), max_size=10),
    merges=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 9), st.integers(0, 3), st.integers(0, 3)), max_size=4),
)
def test_checklist_reader_on_generated_workbooks(scratch: Path, rows, merges):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([value if not isinstance(value, str) else value.replace("\x00", "") for value in row])
    for row, column, height, width in merges:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + height, end_column=column + width)
    saved = io.BytesIO()
    workbook.save(saved)
    readers_raise_only_our_errors(scratch / "县民政局2026年普法责任清单.xlsx", saved.getvalue())


@FUZZ
@given(data=st.data())
def test_checklist_and_unit_readers_on_mutated_office_files(scratch: Path, data: st.DataObject):
    sample = data.draw(st.sampled_from(SAMPLE_OFFICE_FILES), label="sample")
    readers_raise_only_our_errors(scratch / sample.name, mutated_zip(sample.read_bytes(), data))


# --- the citation and department extractors ----------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


CITATION_FRAGMENTS = [
    "《", "》", "〈", "〉", "《中华人民共和国食品安全法》", "《食品安全法》", "食品安全法", "《合同法》", "民法典", "本法", "前款",
    "该法", "第", "条", "款", "项", "之", "之二", "第一百二十四条", "第一款", "第（三）项", "第(3)项", "第153条", "第0条",
    "第九千九百九十九亿条", "（2021年修正）", "(二〇一八年修订)", "（以下简称食品安全法）", "依照", "实施条例", "《》", "《《》》",
    "、", "，", "。", "；", "\n", "分公司法定代表人", "县级以上地方人民政府市场监督管理部门", "公安机关", "有关部门",
    "工商行政管理部门", "应当", "可以", "由", "经", "批准",
]


@FUZZ
@given(text=mixed_text(CITATION_FRAGMENTS, max_parts=60))
def test_citation_extractor_spans_and_resolutions_are_consistent(catalogue: Catalogue, text: str):
    for citation in extract_citations(text, catalogue):
        assert 0 <= citation.start < citation.end <= len(text)
        assert text[citation.start:citation.end] == citation.text
        if citation.law_id is None:
            assert citation.confidence == 0.0
        else:
            assert catalogue.get(citation.law_id) is not None
            assert 0.0 < citation.confidence <= 1.0


@FUZZ
@given(text=st.one_of(mixed_text(CITATION_FRAGMENTS, max_parts=60), st.text(max_size=300)))
def test_department_extractor_spans_are_consistent(text: str):
    for mention in extract_departments(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text


# --- exports ---------------------------------------------------------------------------------------


@FUZZ
@given(cells=st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)",
                                                                          "\t=1", "\r=1", "=HYPERLINK(\"x\")"])),
                      min_size=1, max_size=6))
def test_exported_cells_never_start_a_formula(cells: list[str]):
    sheet = Sheet("s", ["a"] * len(cells), [cells])
    csv_rows = list(csv.reader(io.StringIO(to_csv(sheet).decode("utf-8-sig"), newline="")))
    for written in csv_rows[1]:
        assert not written.startswith(FORMULA_STARTS)
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet])))
    for cell in workbook.active[2]:
        assert cell.data_type != "f"
        assert not str(cell.value or "").startswith(FORMULA_STARTS)
