"""Documents for people: spreadsheets (xlsx, csv) and Word files built one way for every download, their media
types, and dates as a clerk writes them (2026年12月6日).

Cells come from uploaded checklists, so any text that starts with = + - @ (also full-width, as ＝,
or behind spaces, line breaks or zero-width characters) or with a tab or a line break gets a
leading apostrophe: Excel and LibreOffice would otherwise run it as a formula. Control characters
(a CSV upload may carry them; xlsx cannot hold them) are dropped from every cell, xlsx and csv.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
LEADING_BLANKS = re.compile(r"^[\s\u200b-\u200f\u2060\ufeff]+")
"""What a spreadsheet skips before it sees a formula's sign: spaces, line breaks, zero-width characters."""
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {"xlsx": XLSX_MEDIA_TYPE, "csv": CSV_MEDIA_TYPE, "docx": DOCX_MEDIA_TYPE}
"""A download's media type by its file format."""
NO_DATE = "—"


def chinese_date(value: str | date | datetime | None) -> str:
    """2026-12-06 (a date, a datetime or an ISO text) → 2026年12月6日; nothing → —."""
    if not value:
        return NO_DATE
    day = value if isinstance(value, date) else datetime.fromisoformat(str(value)) if "T" in str(value) else date.fromisoformat(str(value)[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(value: str | datetime | None) -> str:
    """2026-12-06T15:40:29 → 2026年12月6日 15:40; a date alone prints as chinese_date."""
    if not value:
        return NO_DATE
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value)) if "T" in str(value) or " " in str(value).strip() else None
    if moment is None:
        return chinese_date(value)
    return f"{chinese_date(moment)} {moment:%H:%M}"


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    rows: list[Sequence[object]]
    title: str | None = None


def neutralize(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS)
                                   or unicodedata.normalize("NFKC", LEADING_BLANKS.sub("", value)).startswith(
                                       FORMULA_STARTS)):
        return "'" + value
    return value


def printable(text: str) -> str:
    """Text as an Office file (xlsx, docx: XML) can hold it: control characters other than tab and
    line breaks dropped; typed into any free-text field, one would otherwise fail the whole download."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def inert_cell(value: object) -> object:
    """A value as a cell (xlsx or csv) holds it: control characters dropped first, so that none can hide a
    formula, then neutralized."""
    if isinstance(value, str):
        value = printable(value)
    return neutralize(value)


def safe_file_part(text: str) -> str:
    """Ids in download file names, reduced to characters safe in a header and on any filesystem."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def to_xlsx(sheets: list[Sheet]) -> bytes:
    """Written with XlsxWriter (a county's coverage matrix, 100,000 cells, in a third of openpyxl's
    time); blank cells are left out."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as workbook:
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        for sheet in sheets:
            worksheet = workbook.add_worksheet(sheet.name[:31])
            header_row = 0
            if sheet.title:
                header_row = 1
                if len(sheet.header) > 1:
                    worksheet.merge_range(0, 0, 0, len(sheet.header) - 1, inert_cell(sheet.title), title)
                else:
                    worksheet.write_string(0, 0, inert_cell(sheet.title), title)
            _write_row(worksheet, header_row, sheet.header, bold)
            for row_index, row in enumerate(sheet.rows, start=header_row + 1):
                _write_row(worksheet, row_index, row)
            worksheet.freeze_panes(header_row + 1, 0)
    return buffer.getvalue()


def _write_row(worksheet: Worksheet, row_index: int, values: Sequence[object], style: Format | None = None) -> None:
    """Each value as its type: text is always written as text, never read as a formula or a link."""
    for column, value in enumerate(values):
        value = inert_cell(value)
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            worksheet.write_boolean(row_index, column, value, style)
        elif isinstance(value, int | float):
            worksheet.write_number(row_index, column, value, style)
        else:
            worksheet.write_string(row_index, column, str(value), style)


def to_csv(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on Chinese Windows opens it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([inert_cell(cell) for cell in sheet.header])
    writer.writerows([inert_cell(cell) for cell in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_file(sheets: list[Sheet], file_format: str) -> bytes:
    return to_xlsx(sheets) if file_format == "xlsx" else to_csv(sheets[0])


class WordDocument:
    """An official document as a clerk prints it (公文: 14-point body, a 22-point centred title, indented
    paragraphs, grid tables, the signature on the right); every text goes through `printable`."""

    BODY_PT = 14
    INDENT = Pt(28)
    """Two characters of the body font: the first line of every paragraph."""

    def __init__(self, *, landscape: bool = False):
        self._document = Document()
        self._document.styles["Normal"].font.size = Pt(self.BODY_PT)
        if landscape:
            section = self._document.sections[0]
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
            section.left_margin = section.right_margin = Cm(2)

    def title(self, text: str, *, size: int = 22) -> None:
        run = self.centred("").add_run(printable(text))
        run.bold, run.font.size = True, Pt(size)

    def centred(self, text: str):
        paragraph = self._document.add_paragraph(printable(text))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def heading(self, text: str) -> None:
        run = self._document.add_paragraph().add_run(printable(text))
        run.bold, run.font.size = True, Pt(16)

    def paragraph(self, text: str) -> None:
        """A line as it is (an addressee, a contact line)."""
        self._document.add_paragraph(printable(text))

    def body(self, text: str) -> None:
        """A paragraph of the body, its first line indented."""
        self._document.add_paragraph(printable(text)).paragraph_format.first_line_indent = self.INDENT

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        table = self._document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = "" if value is None else printable(str(value))

    def signature(self, *lines: str) -> None:
        for text in lines:
            self._document.add_paragraph(printable(text)).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def page_break(self) -> None:
        self._document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._document.save(buffer)
        return buffer.getvalue()


def to_docx(sheets: list[Sheet], *, note: str | None = None) -> bytes:
    """Sheets as a landscape Word document a bureau can issue: each sheet's title centred above its table,
    `note` (such as the date of issue) on the right at the end."""
    document = WordDocument(landscape=True)
    for sheet in sheets:
        document.title(sheet.title or sheet.name, size=18)
        document.table([str(text) for text in sheet.header], sheet.rows)
    if note:
        document.signature(note)
    return document.bytes()
