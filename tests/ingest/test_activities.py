"""Activities and their evidence as units send them: dates as people write them, the key dates a
day falls on or a cell names, and files told by their content, never by their name."""

from __future__ import annotations

from datetime import date

import pytest

from domain.base.evidence import DOCX, EVIDENCE_KINDS, HEIC, JPEG, PDF, PNG, check_file, sniff
from ingest.activities.fields import date_key_dates, named_key_dates, parse_date
from ingest.activities.reader import read_ledger
from pufa.errors import InputError, InputErrors, PayloadTooLarge
from tests.year_end import HEIC as HEIC_BYTES
from tests.year_end import JPEG as JPEG_BYTES
from tests.year_end import PDF as PDF_BYTES
from tests.year_end import PNG as PNG_BYTES
from tests.year_end import docx_bytes


@pytest.mark.parametrize("text", ["2026-03-15", "2026年3月15日", "2026 年 3 月 15 日", "2026/3/15", "2026.03.15", "2026-3-15号"])
def test_dates_as_people_write_them(text):
    assert parse_date(text) == date(2026, 3, 15)


@pytest.mark.parametrize("text", ["3月15日", "2026-02-30", "去年春天", ""])
def test_what_is_not_a_date_names_the_field(text):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert caught.value.location == "held_on"


def test_the_key_dates_a_day_falls_on():
    assert set(date_key_dates(date(2026, 12, 4))) == {"constitution_day", "month_12", "q4", "h2"}
    assert set(date_key_dates(date(2026, 6, 16))) == {"safety_month", "illegal_fundraising_month", "month_06", "q2", "h1"}
    assert "summer_vacation" in date_key_dates(date(2026, 7, 1))


def test_a_named_key_date_is_read_like_a_checklist_timing():
    assert named_key_dates("“12·4”国家宪法日") == ["constitution_day"]
    assert named_key_dates("宪法宣传周") == ["constitution_week"]
    assert named_key_dates("") == []
    with pytest.raises(InputError):
        named_key_dates("全年")


def test_files_are_told_by_their_content():
    assert [sniff(content) for content in (JPEG_BYTES, PNG_BYTES, PDF_BYTES, HEIC_BYTES, docx_bytes())] == [
        JPEG, PNG, PDF, HEIC, DOCX]
    assert sniff(b"%PDF-1.4 cut off") is None  # a PDF without its end
    assert sniff(b"PK\x03\x04 not a zip") is None
    assert sniff(b"\x00\x00\x00\x18ftypavif") is None  # an AVIF is not a HEIC
    with pytest.raises(InputError) as caught:
        check_file("照片.jpg", b"MZ\x90\x00 an exe", EVIDENCE_KINDS, 1 << 20, "evidence")
    assert caught.value.source == "照片.jpg"
    with pytest.raises(InputError, match="it is PNG"):
        check_file("扫描件.png", PNG_BYTES, (PDF,), 1 << 20, "a signed copy")
    with pytest.raises(PayloadTooLarge, match="大.jpg"):
        check_file("大.jpg", JPEG_BYTES, EVIDENCE_KINDS, 100, "evidence")


def test_a_ledger_lists_every_row_that_cannot_be_used(tmp_path):
    ledger = tmp_path / "台账.csv"
    ledger.write_text("2026年履职台账\n活动日期,活动名称,覆盖人数,对应清单条目\n2026-03-15,宣传,三百人,1\n"
                      "2026-03-16,讲座,200,一\n,,,\n填表人：李四\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        read_ledger(ledger)
    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("row 3, field 覆盖人数", "'三百人' is not a number of people"),
        ("row 4, field 对应清单条目", "'一' is not a row number of the checklist (序号)")]
    (tmp_path / "empty.csv").write_text("名称,备注\n甲,乙\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 台账 header"):
        read_ledger(tmp_path / "empty.csv")
