"""Excel .xlsx/.xlsm: every worksheet (openpyxl, read-only), merged ranges filled with the value of
their top-left cell (parsed from the sheet XML, which read-only mode does not expose)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ingest.tables import limits
from ingest.tables.cells import clean_text
from ingest.tables.model import Document, Row, Table, check_size, finish, trim
from pufa.errors import InputError


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean_text(value)


_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _ref(ref: str) -> tuple[int, int]:
    match = _CELL_REF.match(ref.strip().upper())
    if not match:
        raise ValueError(ref)
    letters, digits = match.groups()
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits), col


def _sheet_merges(zf: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges (min_row, min_col, max_row, max_col) of one sheet, streamed from its XML.

    Read-only openpyxl does not expose merged cells; rows are dropped as soon as they are
    parsed, so a large sheet costs time, not memory.
    """
    ranges = []
    sheet_data = None
    with zf.open(member) as fh:
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    sheet_data = elem
                continue
            if tag == "row" and sheet_data is not None:
                elem.clear()
                if len(sheet_data) and sheet_data[-1] is elem:  # a row nested deeper (malformed) is only cleared
                    sheet_data.remove(elem)
            elif tag == "mergeCell":
                ref = elem.get("ref", "")
                try:
                    if ":" in ref:
                        a, b = ref.split(":", 1)
                        (r1, c1), (r2, c2) = _ref(a), _ref(b)
                        ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
                except ValueError:
                    pass
    return ranges


def read_xlsx(path: Path) -> Document:
    import openpyxl

    source = str(path)
    # a file object, not the name: openpyxl refuses names ending in .xls even when the content is xlsx
    handle = path.open("rb")
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:
        handle.close()  # openpyxl raises KeyError/TypeError/ValueError/lxml errors on damage
        raise InputError(f"cannot read as an Excel workbook ({type(exc).__name__}: {exc})", source=source) from exc
    out = Document(source=source, kind="xlsx")
    try:
        with zipfile.ZipFile(path) as zf:
            for ws in workbook.worksheets:
                where = f"sheet '{ws.title}'"
                merges: list[tuple[int, int, int, int]] = []
                member = getattr(ws, "_worksheet_path", None)
                if member:
                    try:
                        merges = _sheet_merges(zf, member.lstrip("/"))
                    except (KeyError, ET.ParseError) as exc:
                        raise InputError(f"damaged sheet XML: {exc}", source=source, location=where) from exc
                ws.reset_dimensions()  # do not trust a stale <dimension>; read what is there
                rows = _sheet_rows(ws, source, where)
                _apply_merges(rows, merges)
                out.tables.append(Table(name=ws.title, rows=finish(rows), context=[ws.title]))
    except zipfile.BadZipFile as exc:
        raise InputError(f"damaged Office (zip) file: {exc}", source=source) from exc
    finally:
        workbook.close()
        handle.close()
    return out


def _sheet_rows(ws, source: str, where: str) -> list[Row]:
    """Rows with content, and the empty rows between them; trailing formatted-but-empty rows
    (often thousands) are never materialised, and the limits count rows with content."""
    rows: list[Row] = []
    pending: list[int] = []
    filled = cells_seen = 0
    try:
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = trim([_excel_text(v) for v in values])
            if not cells:
                if rows:
                    pending.append(number)
                continue
            if len(cells) > limits.MAX_COLUMNS:
                raise InputError(
                    f"row has {len(cells)} columns, over the limit of {limits.MAX_COLUMNS}",
                    source=source,
                    location=f"{where}, row {number}",
                )
            filled += 1
            cells_seen += len(cells)
            check_size(filled, cells_seen, source, where, number)
            if not rows and number > 1:
                pending = list(range(1, number))  # leading empty rows keep the numbering
            rows.extend(Row(n, []) for n in pending)
            pending = []
            rows.append(Row(number, cells))
    except InputError:
        raise
    except Exception as exc:  # openpyxl surfaces damaged XML as many exception types
        raise InputError(f"cannot read sheet ({type(exc).__name__}: {exc})", source=source, location=where) from exc
    return rows


def _apply_merges(rows: list[Row], merges: list[tuple[int, int, int, int]]) -> None:
    """Fill every cell of a merged range with its top-left value, marking the copies as merged."""
    by_number = {row.number: row for row in rows}
    for r1, c1, r2, c2 in merges:
        anchor = by_number.get(r1)
        value = anchor.cells[c1 - 1] if anchor is not None and c1 - 1 < len(anchor.cells) else ""
        if not value:
            continue  # Excel keeps no value in the covered cells: nothing to carry
        for r in range(r1, min(r2, r1 + limits.MAX_ROWS) + 1):
            row = by_number.get(r)
            if row is None:
                row = by_number[r] = Row(r, [])
                rows.append(row)
            if len(row.cells) < c2:
                row.cells.extend([""] * (c2 - len(row.cells)))
            copies = set(row.merged)
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    row.cells[c - 1] = value
                    copies.add(c - 1)
            row.merged = frozenset(copies)
    rows.sort(key=lambda row: row.number)
