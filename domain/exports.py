"""Spreadsheets for people: the coverage matrix, the audit report and a unit's publishable checklist.

Cells come from uploaded checklists, so any text starting with = + - @ (or a tab or carriage
return) gets a leading apostrophe: Excel and LibreOffice would otherwise run it as a formula.
Control characters that the xlsx format cannot hold (a CSV upload may carry them) are dropped
from xlsx cells instead of failing the download.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from domain import audit
from domain.asked import checklist_year
from domain.briefs import law_brief, law_sort_key, unit_brief
from domain.cache import CachedStore, kept_until_write
from domain.models import InvitesPublic
from domain.relevance import TIER_RANK, evidence_by_type
from graph import queries
from graph.queries.scope import LawScope

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
CLAIMED = "认领"
TIER_MARKS = {"principal": "主管", "related": "相关", "mentioned": "提及"}
"""How the matrix and the pages write the relevance tiers (domain.relevance)."""
CHECKLIST_HEADER = ("序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室", "责任人", "配合单位")


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    rows: list[Sequence[object]]
    title: str | None = None


def neutralize(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def printable(text: str) -> str:
    """Text as an Office file (xlsx, docx: XML) can hold it: control characters other than tab and
    line breaks dropped; typed into any free-text field, one would otherwise fail the whole download."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def xlsx_cell(value: object) -> object:
    """A value as an xlsx cell can hold it: control characters dropped first, so that none can hide a formula."""
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
                    worksheet.merge_range(0, 0, 0, len(sheet.header) - 1, xlsx_cell(sheet.title), title)
                else:
                    worksheet.write_string(0, 0, xlsx_cell(sheet.title), title)
            _write_row(worksheet, header_row, sheet.header, bold)
            for row_index, row in enumerate(sheet.rows, start=header_row + 1):
                _write_row(worksheet, row_index, row)
            worksheet.freeze_panes(header_row + 1, 0)
    return buffer.getvalue()


def _write_row(worksheet: Worksheet, row_index: int, values: Sequence[object], style: Format | None = None) -> None:
    """Each value as its type: text is always written as text, never read as a formula or a link."""
    for column, value in enumerate(values):
        value = xlsx_cell(value)
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
    writer.writerow([neutralize(cell) for cell in sheet.header])
    writer.writerows([neutralize(cell) for cell in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


@kept_until_write
def coverage_download(store: CachedStore, *, year: int | None, scope: LawScope, file_format: str) -> bytes:
    """The coverage matrix as a file (a county's has 100,000 cells)."""
    return _as_file([coverage_matrix(store, year=checklist_year(store, year), scope=scope)], file_format)


@kept_until_write
def audit_download(store: CachedStore, *, year: int | None, scope: LawScope, file_format: str) -> bytes:
    """The audit as sheets (xlsx) or every finding as one table (csv)."""
    year = checklist_year(store, year)
    if file_format == "xlsx":
        return to_xlsx(audit_report(store, year=year, scope=scope))
    return to_csv(audit_findings(store, year))


def _as_file(sheets: list[Sheet], file_format: str) -> bytes:
    return to_xlsx(sheets) if file_format == "xlsx" else to_csv(sheets[0])


def claiming_units_by_law(store: CachedStore, year: int | None) -> dict[str, list[str]]:
    """For each claimed law, the units whose current checklist of the year claims it."""
    units: dict[str, list[str]] = defaultdict(list)
    for row in store.read(queries.checklists.current_claims(year)):
        for law_id in row["law_ids"] or ():
            units[law_id].append(row["unit_id"])
    return units


def coverage_matrix(store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope()) -> Sheet:
    """Laws in scope (rows) × units (columns): 认领 where a current checklist claims the law; 主管, 相关 or
    提及 where its articles name a department type the unit acts as (the best tier); both, or blank."""
    year = checklist_year(store, year)
    laws = sorted((law_brief(row) for row in store.read(queries.laws.laws_in_scope(scope))), key=law_sort_key)
    units = sorted(store.read(queries.units.units_overview())[0]["units"], key=lambda unit: (unit[1] or "", unit[0]))
    marks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for law_id, unit_ids in claiming_units_by_law(store, year).items():
        for unit_id in unit_ids:
            marks[(law_id, unit_id)].add(CLAIMED)
    units_by_type = {row["type_id"]: row["unit_ids"] for row in store.read(queries.departments.units_by_type())}
    best: dict[tuple[str, str], str] = {}
    for type_id, laws_naming in evidence_by_type(store, scope).items():
        for law_id, found in laws_naming.items():
            for unit_id in units_by_type.get(type_id, []):
                held = best.get((law_id, unit_id))
                if held is None or TIER_RANK[found.tier] < TIER_RANK[held]:
                    best[(law_id, unit_id)] = found.tier
    for (law_id, unit_id), tier in best.items():
        marks[(law_id, unit_id)].add(TIER_MARKS[tier])
    order = (CLAIMED, *TIER_MARKS.values())
    rows = []
    for law in laws:
        cells = ["+".join(sorted(marks.get((law.id, unit_id), ()), key=order.index)) for unit_id, *_ in units]
        claimed = sum(CLAIMED in cell for cell in cells)
        rows.append([law.id, law.title, law.level, law.status, claimed, "是" if claimed == 0 else "", *cells])
    header = ["法规编号", "法律法规名称", "位阶", "时效性", "认领单位数", "缺口", *(name for _, name, _ in units)]
    return Sheet(f"覆盖矩阵{year}", header, rows, title=f"{year}年普法责任覆盖矩阵（认领=清单列入；主管=法律以其部门类型为主管部门，"
                 "相关=两条以上条文赋予其职责或职权，提及=条文仅提及）")


def audit_report(store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope()) -> list[Sheet]:
    """The audit as sheets: summary, units, and one sheet per kind of finding."""
    year = checklist_year(store, year)
    summary = audit.audit_summary(store, year=year, scope=scope, limit=None)
    units = [
        [row.unit.id, row.unit.name, "是" if row.submitted else "否", row.checklist_id, row.revision, row.items,
         row.with_problems, row.with_unresolved, row.outdated, row.complete_pct]
        for row in summary.units.data
    ]
    return [
        Sheet("概要", ["指标", "数值"], [
            ["年度", year], ["应报送单位", summary.units_expected], ["已报送单位", summary.units_submitted],
            ["报送率%", summary.submitted_pct], ["清单条目", summary.items], ["要素缺失条目", summary.items_with_problems],
            ["要素完整率%", summary.items_complete_pct], ["含未识别名称条目", summary.items_with_unresolved],
            ["引用已废止或已修改法律", summary.outdated_citations], ["范围内法律法规", summary.laws_in_scope],
            ["已认领法律法规", summary.laws_claimed], ["法律法规覆盖率%", summary.law_coverage_pct],
        ], title=f"{year}年普法责任清单审核报告"),
        Sheet("单位", ["单位编号", "单位", "已报送", "清单编号", "修订版", "条目", "要素缺失", "未识别", "引用失效法律", "完整率%"], units),
        audit_findings(store, year),
    ]


def audit_findings(store: CachedStore, year: int | None) -> Sheet:
    """Every finding as one row (the CSV form of the audit)."""
    year = checklist_year(store, year)
    header = ["类型", "单位编号", "单位", "清单编号", "行", "来源", "法律法规名称", "说明"]
    rows: list[list[object]] = [
        ["未报送", unit.id, unit.name, None, None, None, None, f"{year}年未报送清单"]
        for unit in audit.not_submitted(store, year=year, limit=None).data
    ]
    for kind, label in (("problems", "要素缺失"), ("unresolved", "未识别名称")):
        for flagged in audit.flagged_items(store, kind, year=year, limit=None).data:
            item = flagged.item
            rows.append([label, item.unit_id, item.unit_name, item.checklist_id, item.row, item.source, item.law_text,
                         "、".join(flagged.codes)])
    for citation in audit.outdated_citations(store, year=year, limit=None).data:
        item = citation.item
        replaced = f"，已被《{citation.replaced_by.name}》取代" if citation.replaced_by else ""
        rows.append(["引用失效法律", item.unit_id, item.unit_name, item.checklist_id, item.row, item.source, item.law_text,
                     f"《{citation.law.name}》{citation.status}{replaced}"])
    return Sheet("审核发现", header, rows)


def checklist_table(store: CachedStore, unit_id: str, *, year: int | None = None) -> Sheet:
    """A unit's current checklist as the table it publishes (向社会公布)."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    rows = sorted(store.read(queries.checklists.checklist_items(unit_id, year)), key=lambda row: (row["row"] or 0, row["item_id"]))
    table = [
        [number, row["law_text"], row["audience_text"], row["method_text"], row["timing_text"], row["section"],
         row["person"], "、".join(row["partners"] or [])]
        for number, row in enumerate(rows, start=1)
    ]
    return Sheet("普法责任清单", CHECKLIST_HEADER, table, title=f"{unit.name}{year}年普法责任清单")


def invite_sheet(invites: InvitesPublic) -> Sheet:
    """The invite codes as the bureau prints them and hands them to each unit's liaison."""
    rows = [[number, invite.account.unit.name if invite.account.unit else None, invite.liaison_name,
             invite.account.username, invite.code, invite.expires]
            for number, invite in enumerate(invites.data, start=1)]
    return Sheet("联络员账号", ["序号", "单位", "联络员", "用户名", "邀请码", "有效期至"], rows,
                 title="普法责任清单系统 单位联络员账号（首次登录用邀请码设置密码；邀请码仅能使用一次，请妥善保管）")
