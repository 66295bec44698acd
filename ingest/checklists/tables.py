"""Read the tables and text lines out of a submitted file, whatever its real format.

`read_document` sniffs the content (not the extension: an ``.xls`` that is really an xlsx zip
is read as xlsx) and returns every table as rows of cell strings with their original row
numbers, plus the text lines around them:

* Word ``.docx``: every top-level table in order; merged cells (a horizontal span is the
  same ``_tc`` element repeated, a vertical merge is a ``vMerge`` continuation whose ``_tc``
  is the one above) carry the merged value into every grid cell they cover; paragraphs
  outside tables are kept as lines (titles, prose lists).
* Excel ``.xlsx``/``.xlsm``: every worksheet, read with openpyxl in read-only mode; merged
  ranges (parsed from the sheet XML, which read-only mode does not expose) are filled with
  the value of their top-left cell.
* Text ``.csv``/``.tsv``/``.txt``: UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030 (a
  superset of GBK/GB2312); the delimiter is sniffed. Lines are kept for prose lists.

`prose_table` turns numbered lines such as ``1.《…》…，普法对象：…；责任部门：法规处`` into
a table with a synthetic header, so prose checklists go through the same row logic.

Everything that makes a file unusable raises `pufa.errors.InputError` naming the file and,
where it applies, the sheet, row or line: encrypted or legacy binary Office files, damaged
zips, oversized files or sheets, undecodable text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ingest.checklists.headers import CHECKLIST_FIELDS
from ingest.checklists.split import clean_text
from pufa.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused before parsing (checklists are a few hundred KB)."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""An Office zip whose members inflate beyond this is refused (a zip bomb or a data dump)."""
MAX_ROWS = 20_000
"""Rows per sheet, table or text file."""
MAX_COLUMNS = 200
"""Non-empty columns per row."""
MAX_CELLS = 400_000
"""Cells (rows x columns) per sheet, table or text file."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Row:
    number: int
    """1-based row in the sheet/table, or line in a text file, as a person would look it up."""
    cells: list[str]
    merged: frozenset[int] = frozenset()
    """Columns whose value was carried from a merged cell that starts elsewhere."""
    text: str | None = None
    """The original line(s) of a row built from a prose list."""

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c]


@dataclass
class Table:
    name: str
    """Sheet name, 表格N for Word tables, or the file kind for text."""
    rows: list[Row]
    context: list[str] = field(default_factory=list)
    """Text just before the table (Word paragraphs), where its title usually is."""
    synthetic_header: bool = False
    """True for a table built from a prose list: its first row is our header, not the file's."""
    after_line: int = 0
    """Word: how many body paragraphs come before the table (Line.number of the last one)."""


@dataclass
class Line:
    number: int
    text: str


@dataclass
class Document:
    source: str
    kind: str
    """docx, xlsx, csv or text."""
    tables: list[Table] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    """Paragraphs outside tables (docx) or the lines of a text file."""
    encoding: str | None = None


# --- sniffing -----------------------------------------------------------------------------


def sniff(path: str | Path) -> str:
    """docx, xlsx or text, from the file's bytes; InputError for anything else."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot open file: {exc.strerror or exc}", source=source) from exc
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size / 1048576:.1f} MB, over the {MAX_FILE_BYTES // 1048576} MB limit for a checklist",
            source=source,
        )
    if size == 0:
        raise InputError("file is empty", source=source)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        raise InputError(_ole_message(path.read_bytes()), source=source)
    if head.startswith(b"%PDF"):
        raise InputError("a PDF file; submit the checklist as .docx, .xlsx, .csv or .txt", source=source)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise InputError(
            "an image (a scanned checklist?); submit the checklist as .docx, .xlsx, .csv or .txt", source=source
        )
    if head.startswith(b"{\\rtf"):
        raise InputError("an RTF document; save it as .docx", source=source)
    return "text"


def _sniff_zip(path: Path) -> str:
    source = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError(f"damaged or truncated Office (zip) file: {exc}", source=source) from exc
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(
            f"the document inflates to {total / 1048576:.0f} MB, over the {MAX_UNZIPPED_BYTES // 1048576} MB limit",
            source=source,
        )
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise InputError("an Excel binary workbook (.xlsb); save it as .xlsx", source=source)
    if "ppt/presentation.xml" in names:
        raise InputError("a PowerPoint file; submit the checklist as .docx or .xlsx", source=source)
    if "content.xml" in names and "mimetype" in names:
        raise InputError("an OpenDocument file (.odt/.ods); save it as .docx or .xlsx", source=source)
    raise InputError("a zip archive that is not a Word or Excel document", source=source)


def _ole_message(data: bytes) -> str:
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "the document is password-protected (encrypted); remove the password and submit it again"
    if has("WordDocument"):
        return "a legacy Word 97-2003 (.doc/.wps) file; save it as .docx"
    if has("Workbook") or has("Book"):
        return "a legacy Excel 97-2003 (.xls/.et) file; save it as .xlsx"
    return "a legacy binary Office (OLE) file; save it as .docx or .xlsx"


# --- dispatch -----------------------------------------------------------------------------


def read_document(path: str | Path) -> Document:
    path = Path(path)
    kind = sniff(path)
    if kind == "docx":
        return read_docx(path)
    if kind == "xlsx":
        return read_xlsx(path)
    return read_text(path)


def _check_size(rows: int, cells: int, source: str, where: str | None, at: int | None = None) -> None:
    """Refuse a sheet, table or text past MAX_ROWS rows or MAX_CELLS cells; `at` is the row/line to name."""
    location = f"{where}, row {at or rows}" if where else f"line {at or rows}"
    if rows > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS} rows; a checklist is not this long", source=source, location=location)
    if cells > MAX_CELLS:
        raise InputError(f"more than {MAX_CELLS} cells; a checklist is not this large", source=source, location=location)


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _finish(rows: list[Row]) -> list[Row]:
    """Drop trailing empty rows and pad every row to the table's width."""
    while rows and not any(rows[-1].cells):
        rows.pop()
    width = max((len(_trim(r.cells)) for r in rows), default=0)
    for row in rows:
        row.cells = (row.cells + [""] * width)[:width]
    return rows


# --- Word ---------------------------------------------------------------------------------


def read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    source = str(path)
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"cannot read as a Word document: {exc}", source=source) from exc
    except Exception as exc:  # lxml and python-docx raise many types on malformed XML
        raise InputError(f"cannot read as a Word document ({type(exc).__name__}: {exc})", source=source) from exc
    out = Document(source=source, kind="docx")
    recent: list[str] = []
    paragraph_no = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph_no += 1
            text = clean_text(block.text)
            if text:
                out.lines.append(Line(paragraph_no, text))
                recent.append(text)
        elif isinstance(block, DocxTable):
            name = f"表格{len(out.tables) + 1}"
            out.tables.append(
                Table(name=name, rows=_docx_rows(block, source, name), context=recent[-3:], after_line=paragraph_no)
            )
            recent = []
    return out


def _docx_cell_text(cell) -> str:
    parts = [cell.text]
    for inner in cell.tables:  # a table nested in a cell: keep its text, row by row
        for row in inner.rows:
            parts.append(" ".join(clean_text(c.text) for c in row.cells))
    return clean_text("\n".join(parts))


def _docx_rows(table, source: str, name: str) -> list[Row]:
    """Rows as grid-aligned cell texts; merged cells identified by their shared ``_tc``."""
    from docx.oxml.ns import qn

    rows: list[Row] = []
    above: list = []
    cells_seen = 0
    for number, row in enumerate(table.rows, start=1):
        try:
            cells = row.cells
            before = row.grid_cols_before
        except (ValueError, IndexError, AttributeError):
            # a vMerge continuation with no cell above, or a malformed grid: read cells as they are
            texts = ["".join(node.text or "" for node in tc.iter(qn("w:t"))) for tc in row._tr.tc_lst]
            rows.append(Row(number, [clean_text(t) for t in texts]))
            above = []
            continue
        tcs = [None] * before + [c._tc for c in cells]
        texts = [""] * before + [None] * len(cells)
        merged: set[int] = set()
        cache: dict[int, str] = {}
        for j, cell in enumerate(cells, start=before):
            tc = tcs[j]
            if (j > 0 and tcs[j - 1] is tc) or (j < len(above) and above[j] is tc):
                merged.add(j)
            key = id(tc)
            if key not in cache:
                cache[key] = _docx_cell_text(cell)
            texts[j] = cache[key]
        rows.append(Row(number, texts, frozenset(merged)))
        above = tcs
        cells_seen += len(texts)
        _check_size(number, cells_seen, source, name)
    return _finish(rows)


# --- Excel --------------------------------------------------------------------------------


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
                out.tables.append(Table(name=ws.title, rows=_finish(rows), context=[ws.title]))
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
            cells = _trim([_excel_text(v) for v in values])
            if not cells:
                if rows:
                    pending.append(number)
                continue
            if len(cells) > MAX_COLUMNS:
                raise InputError(
                    f"row has {len(cells)} columns, over the limit of {MAX_COLUMNS}",
                    source=source,
                    location=f"{where}, row {number}",
                )
            filled += 1
            cells_seen += len(cells)
            _check_size(filled, cells_seen, source, where, number)
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
        for r in range(r1, min(r2, r1 + MAX_ROWS) + 1):
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


# --- text ---------------------------------------------------------------------------------


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}",
                    source=source,
                    location=f"line {line}",
                ) from exc
    if b"\x00" in data[:65536]:
        raise InputError(
            "binary data (NUL bytes), not text; a text table must be UTF-8 or GBK/GB18030", source=source
        )
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            # the encoding that decoded further is the one the file was meant to be in
            exc, name = (utf8_error, "UTF-8") if utf8_error.start >= gb_error.start else (gb_error, "GBK/GB18030")
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"text is neither UTF-8 nor GBK/GB18030 (mostly {name}, but byte 0x{data[exc.start]:02x} is invalid); "
                "save it as UTF-8",
                source=source,
                location=f"line {line}",
            ) from gb_error
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 200):
        raise InputError(f"binary data ({controls} control characters), not text", source=source)
    return text, encoding


_DELIMITERS = (",", "\t", ";", "|")


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    sample_lines = [line for line in text.splitlines()[:60] if line.strip()]
    if not sample_lines:
        return None
    best: tuple[int, int, str] | None = None
    sample = "\n".join(sample_lines)
    for delimiter in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (wide.count(mode), mode, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < 2:
        return None
    return best[2]


def read_text(path: Path) -> Document:
    source = str(path)
    text, encoding = decode_text(path.read_bytes(), source)
    out = Document(source=source, kind="text", encoding=encoding)
    physical = text.splitlines()
    _check_size(len(physical), len(physical), source, None)
    out.lines = [Line(i, clean_text(line)) for i, line in enumerate(physical, start=1) if clean_text(line)]
    suffix = path.suffix.lower()
    delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    if suffix in (".csv", ".tsv") and delimiter is None:
        delimiter = ","
    if delimiter is not None:
        out.kind = "csv"
        out.tables.append(Table(name=suffix.lstrip(".") or "text", rows=_delimited_rows(text, delimiter, source)))
    return out


def _delimited_rows(text: str, delimiter: str, source: str) -> list[Row]:
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    cells_seen = 0
    try:
        for record in reader:
            cells = _trim([clean_text(c) for c in record])
            if len(cells) > MAX_COLUMNS:
                raise InputError(
                    f"{len(cells)} columns, over the limit of {MAX_COLUMNS}", source=source, location=f"line {start}"
                )
            cells_seen += len(cells)
            _check_size(len(rows) + 1, cells_seen, source, None, start)
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed delimited text: {exc}", source=source, location=f"line {reader.line_num}") from exc
    return _finish(rows)


# --- prose lists --------------------------------------------------------------------------

PROSE_COLUMNS = (
    "seq", "law", "audience", "method", "timing", "section", "person", "phone", "leader", "partners", "standard",
    "measures",
)
PROSE_HEADER = [
    "序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任部门", "责任人", "联系电话", "分管领导", "配合单位",
    "工作标准", "具体措施",
]

_ITEM = re.compile(r"^\s*(?:(\d{1,3})\s*[.．、)）](?!\d)|[（(]\s*(\d{1,3})\s*[)）]|([①-⑳]))\s*")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第[一二三四五六七八九十]+部分)\s*")


def _label_pattern() -> re.Pattern[str]:
    labels: dict[str, str] = {}
    for name, synonyms in CHECKLIST_FIELDS.items():
        if name in ("seq", "remarks", "category"):
            continue
        for synonym in synonyms:
            labels.setdefault(synonym, "law" if name == "law" else name)
    alternation = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    return re.compile(rf"(?P<label>{alternation})\s*(?:[（(][^）)]{{0,8}}[）)])?\s*[:：]")


_LABEL = _label_pattern()


def _label_field(label: str) -> str:
    for name, synonyms in CHECKLIST_FIELDS.items():
        if label in synonyms:
            return name
    return "measures"


def is_prose_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def prose_table(lines: list[Line], name: str) -> Table | None:
    """Numbered lines as table rows under a synthetic header; None if no line is numbered.

    Each non-item line is kept as a one-cell row (title, preamble, heading, signature), so
    the row logic reports it instead of losing it. A line that continues the previous item
    (a wrapped paragraph, or ``普法对象：…`` on its own line) is joined to it.
    """
    if not any(is_prose_item(line.text) or (HEADING.match(line.text) and _has_content(line.text)) for line in lines):
        return None
    rows: list[Row] = [Row(0, list(PROSE_HEADER))]
    current: tuple[Line, list[str]] | None = None
    shared: dict[str, str] = {}  # 分管领导：… on a line of its own applies to every item

    def flush() -> None:
        nonlocal current
        if current is not None:
            first, texts = current
            rows.append(_prose_row(first.number, "\n".join(texts)))
            current = None

    for line in lines:
        text = line.text
        label = _LABEL.match(text)
        if is_prose_item(text) or (HEADING.match(text) and _has_content(text)):
            flush()
            current = (line, [text])
        elif label and _label_field(label.group("label")) == "leader" and len(_LABEL.findall(text)) == 1:
            flush()
            shared["leader"] = text[label.end():].strip().strip("，,；;。 ")
            rows.append(Row(line.number, [text] + [""] * (len(PROSE_HEADER) - 1)))
        elif current is not None and _LABEL.search(text) and not HEADING.match(text):
            current[1].append(text)
        else:
            flush()
            rows.append(Row(line.number, [text] + [""] * (len(PROSE_HEADER) - 1)))
    flush()
    if shared.get("leader"):
        col = PROSE_COLUMNS.index("leader")
        for row in rows[1:]:
            if row.text is not None and not row.cells[col]:
                row.cells[col] = shared["leader"]
    return Table(name=name, rows=rows, synthetic_header=True)


def _has_content(text: str) -> bool:
    return "《" in text or bool(_LABEL.search(text))


def _prose_row(number: int, text: str) -> Row:
    body = text
    match = _ITEM.match(body) or HEADING.match(body)
    seq = ""
    if match:
        seq = match.group(0).strip()
        body = body[match.end():]
    values: dict[str, list[str]] = {}
    labels = list(_LABEL.finditer(body))
    head = body[: labels[0].start()] if labels else body
    head = head.strip().strip("，,；;。:： \n")
    if head:
        values.setdefault("law", []).append(head)
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        value = body[match.end():end].strip().strip("，,；;。 \n")
        if value:
            values.setdefault(_label_field(match.group("label")), []).append(value)
    cells = [seq] + ["；".join(values.get(name, [])) for name in PROSE_COLUMNS[1:]]
    return Row(number, cells, text=text)
