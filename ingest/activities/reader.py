"""A unit's 台账 spreadsheet (xlsx, csv, or a Word table): one activity a row, the header found by
the names units give its columns, every row read as a typed activity is. Rows that cannot be used
are collected, each naming its row and column, so that the unit fixes them all at once (the import
is refused whole: nothing is written while a row is wrong)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ingest.activities.fields import FIELD_NAMES, ActivityFields, PublishedCase
from ingest.tables.cells import NOTE, clean_text, split_values
from ingest.tables.headers import HeaderMatch, find_header
from ingest.tables.read import read_document
from pufa.errors import InputError, InputErrors

LEDGER_FIELDS: dict[str, tuple[str, ...]] = {
    "held_on": ("活动日期", "开展日期", "活动时间", "开展时间", "日期", "时间"),
    "title": ("活动名称", "活动主题", "活动题目", "主题", "名称", "活动"),
    "key_date": ("重要时间节点", "时间节点", "重要节点", "主题日", "节点"),
    "rows": ("对应清单条目", "清单条目", "清单序号", "对应条目", "条目"),
    "law_text": ("普及的法律法规", "宣传的法律法规", "法律法规名称", "法律法规", "普法内容", "宣传内容", "内容"),
    "audience_text": ("普法对象", "宣传对象", "参与对象", "受众", "对象"),
    "method_text": ("普法方式", "活动形式", "宣传方式", "方式", "形式"),
    "place": ("活动地点", "地点", "场所"),
    "reached": ("覆盖人数", "参与人数", "受众人数", "受教育人数", "人数", "人次"),
    "description": ("活动情况", "活动简介", "简要情况", "情况说明", "具体情况", "简介"),
    "published_cases": ("发布的典型案例", "典型案例", "以案释法案例", "案例"),
    "seq": ("序号", "编号"),
    "remarks": ("备注", "说明"),
}
"""台账 columns and the names units give them, best first."""
_COUNT = re.compile(r"(\d[\d,，]*)")


@dataclass
class LedgerRow:
    """A row of the 台账 as typed fields, with the checklist rows (序号) it names."""

    number: int
    where: str
    fields: ActivityFields
    checklist_rows: list[int]


def read_ledger(path: str | Path) -> list[LedgerRow]:
    """The activities of a 台账 file, or InputErrors listing every row and column that cannot be used."""
    path = Path(path)
    document = read_document(path)
    found: list[LedgerRow] = []
    problems: list[InputError] = []
    headed = 0
    for table in document.tables:
        header = find_header([row.cells for row in table.rows], LEDGER_FIELDS, key_field="held_on")
        if header is None or not header.has("held_on"):
            continue
        headed += 1
        sheet = f"sheet {table.name}, " if document.kind == "xlsx" and len(document.tables) > 1 else ""
        for row in table.rows[header.index + header.height:]:
            if not row.filled or header.is_repeat(row.cells) or (len(set(row.filled)) == 1 and NOTE.match(row.filled[0])):
                continue
            where = f"{sheet}row {row.number}"
            try:
                found.append(_row(row.number, where, row.cells, header))
            except InputError as exc:
                problems.append(exc)
    if not headed:
        raise InputError("no 台账 header found: expected columns such as 活动日期, 活动名称, 普法对象, 普法方式, 覆盖人数",
                         source=path.name)
    if problems:
        raise InputErrors(problems, source=path.name)
    if not found:
        raise InputError("the 台账 has a header but no activities", source=path.name)
    return found


def _row(number: int, where: str, cells: list[str], header: HeaderMatch) -> LedgerRow:
    def text(name: str) -> str:
        values = [clean_text(cells[col]) for col in header.columns(name) if col < len(cells)]
        return "；".join(value for value in dict.fromkeys(values) if value)

    def label(name: str) -> str:
        columns = header.columns(name)
        return header.labels[columns[0]] if columns else FIELD_NAMES.get(name, name)

    reached_text = text("reached")
    reached = None
    if reached_text:
        count = _COUNT.search(reached_text)
        if count is None:
            raise InputError(f"{reached_text!r} is not a number of people", location=f"{where}, field {label('reached')}")
        reached = int(re.sub(r"[,，]", "", count.group(1)))
    checklist_rows = []
    for value in split_values(text("rows")):
        if not value.isdigit():
            raise InputError(f"{value!r} is not a row number of the checklist (序号)",
                             location=f"{where}, field {label('rows')}")
        checklist_rows.append(int(value))
    try:
        fields = ActivityFields(
            held_on=text("held_on"), title=text("title") or text("description")[:60], key_date=text("key_date"),
            law_text=text("law_text"), audience_text=text("audience_text"), method_text=text("method_text"),
            place=text("place"), reached=reached, description=text("description"),
            published_cases=[PublishedCase(title=title) for title in split_values(text("published_cases"))],
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0])
        raise InputError(error["msg"], location=f"{where}, field {label(name)}") from None
    return LedgerRow(number=number, where=where, fields=fields, checklist_rows=checklist_rows)


def located(error: InputError, row: LedgerRow) -> InputError:
    """An error about one typed field of a row, named as the 台账's row and column."""
    name = FIELD_NAMES.get(error.location or "", error.location or "")
    return InputError(error.message, location=f"{row.where}, field {name}" if name else row.where)
