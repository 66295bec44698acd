"""Read one submitted checklist file into `ChecklistRecord`s.

`read_checklist` finds every table with a recognisable header (or, failing that, a
numbered prose list), turns each data row into a `ChecklistItemRecord` with its raw cells,
and reports every other non-empty row as a `ChecklistSkip`. Which unit and year a table
belongs to comes from the caller, else the table's title (a title row, the paragraph above
a Word table, the first lines of a prose list), else the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.checklists.columns import CHECKLIST_FIELDS
from ingest.checklists.normalize import normalize_audiences, normalize_methods, normalize_timing
from ingest.checklists.prose import HEADING, prose_table
from ingest.records import ChecklistItemRecord, ChecklistRecord, ChecklistSkip
from ingest.tables.cells import NOTE, compact, split_laws, split_values
from ingest.tables.headers import HeaderMatch, find_header
from ingest.tables.model import Document, Row, Table
from ingest.tables.read import read_document
from pufa.errors import InputError

CONTENT_FIELDS = frozenset(
    {"law", "law_extra", "audience", "method", "timing", "section", "person", "phone", "leader", "partners",
     "standard", "measures"}
)
PROSE_RAW_KEY = "原文"

_TITLE_WORDS = re.compile(r"普法责任清单|普法工作责任清单|普法任务清单|普法清单|责任清单|普法责任制清单")
_UNIT_SUFFIX = re.compile(
    r"(?:局|委|院|办|会|队|站|所|中心|公司|医院|学校|部|处|厅|庭|政府|街道|镇|乡|团|社|馆|室)$"
)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_PURE_NUMBER = re.compile(r"^[\d.．、)）(（]+$")


@dataclass
class _Context:
    unit: str | None = None
    unit_from: str | None = None
    year: int | None = None
    year_from: str | None = None
    title: str | None = None


@dataclass
class _Part:
    """The items and skips of one table, with the unit and year they belong to."""

    ctx: _Context
    items: list[ChecklistItemRecord] = field(default_factory=list)
    skipped: list[ChecklistSkip] = field(default_factory=list)


# --- titles -------------------------------------------------------------------------------


def parse_title(text: str) -> tuple[str | None, int | None, bool]:
    """(unit, year, is_title) from a title such as 澄河县公安局2026年度“谁执法谁普法”普法责任清单."""
    flat = compact(text)
    year_match = _YEAR.search(flat)
    year = int(year_match.group(1)) if year_match else None
    words = _TITLE_WORDS.search(flat)
    if not words:
        return None, year, False
    before = flat[: words.start()]
    before = re.sub(r"[“”\"'‘’「」]*谁(?:执法|主管|服务)谁普法[“”\"'‘’「」]*(?:、)?", "", before)
    before = re.sub(r"20\d{2}\s*年?度?", "", before)
    before = re.sub(r"^(?:附件\s*\d*\s*[:：]?|关于印发|关于|印发)", "", before)
    before = re.sub(r"(?:的|落实|年度|关于|工作|普法责任制)+$", "", before)
    before = before.strip("：:，,、（）()《》 -_")
    plausible = 3 <= len(before) <= 30 and not re.search(r"[，。；：:;,《》“”]", before)
    unit = before if plausible and _UNIT_SUFFIX.search(before) else None
    return unit, year, True


def parse_file_name(path: Path) -> tuple[str | None, int | None]:
    stem = path.stem
    unit, year, _ = parse_title(stem)
    year_match = _YEAR.search(stem)
    if year is None and year_match:
        year = int(year_match.group(1))
    if unit is None:
        for token in re.split(r"[_\-\s·.，,（）()]+", stem):
            token = _YEAR.sub("", token)
            token = re.sub(r"年度?|普法责任清单|责任清单|清单", "", token)
            if len(token) >= 3 and _UNIT_SUFFIX.search(token):
                unit = token
                break
    return unit, year


# --- rows ---------------------------------------------------------------------------------


def _cols_text(row: Row, cols: list[int]) -> str:
    values: list[str] = []
    for col in cols:
        value = row.cells[col] if col < len(row.cells) else ""
        if value and value not in values:
            values.append(value)
    return "\n".join(values)


def _classify(row: Row, header: HeaderMatch, prose: bool, after_items: bool = False) -> str | None:
    """None for an item, else the reason it is skipped."""
    if prose and row.text is None:  # a line of a prose list that is not a numbered item
        value = row.cells[0]
        if HEADING.match(value):
            return "heading"
        if _TITLE_WORDS.search(compact(value)) and len(value) <= 60:
            return "title"
        return "note" if NOTE.match(value) or after_items else "preamble"
    filled = [(col, value) for col, value in enumerate(row.cells) if value]
    if not filled:
        return "blank"
    if header.is_repeat(row.cells):
        return "repeated_header"
    if all(col in row.merged for col, _ in filled):
        return "blank"  # only values carried down from a merged cell: nothing of its own
    distinct = {value for _, value in filled}
    if len(distinct) == 1:
        (value,) = distinct
        content = [col for col, _ in filled if header.fields.get(col) in CONTENT_FIELDS]
        if len(filled) >= 2 or not content:
            if _PURE_NUMBER.match(value):
                return "numbered_blank"
            if NOTE.match(value):
                return "note"
            if _TITLE_WORDS.search(compact(value)):
                return "title"
            return "heading"
    content_filled = [col for col, _ in filled if header.fields.get(col) in CONTENT_FIELDS]
    if not content_filled:
        only = [value for _, value in filled]
        if all(_PURE_NUMBER.match(v) for v in only):
            return "numbered_blank"
    return None


def _item(
    row: Row, header: HeaderMatch, table: Table, source: str, group: str | None
) -> ChecklistItemRecord:
    def text(name: str) -> str:
        return _cols_text(row, header.columns(name))

    if table.synthetic_header:
        raw = {PROSE_RAW_KEY: row.text or ""}
    else:
        raw = {}
        for col in range(max(len(row.cells), len(header.labels))):
            label = header.labels[col] if col < len(header.labels) else f"列{col + 1}"
            raw[label] = row.cells[col] if col < len(row.cells) else ""
    problems: list[str] = []

    def check(question: str, present: bool, value: str) -> None:
        if not present:
            problems.append(f"missing:{question}:no_column")
        elif not value.strip():
            problems.append(f"missing:{question}:empty")

    law_text = text("law")
    law_names = split_laws(law_text) or split_laws(text("law_extra"))
    check("what", header.has("law") or header.has("law_extra"), " ".join(law_names))
    audience_text, method_text, timing_text = text("audience"), text("method"), text("timing")
    check("whom", header.has("audience"), audience_text)
    check("how", header.has("method"), method_text)
    check("when", header.has("timing"), timing_text)
    section, person, phone = text("section"), text("person"), text("phone")
    person_full = " ".join(part for part in (person, phone) if part)
    check("who", header.has("section") or header.has("person"), section + person_full)
    audiences, methods, timings = (
        normalize_audiences(audience_text),
        normalize_methods(method_text),
        normalize_timing(timing_text),
    )
    category = text("category")
    merged_fields = []
    for col in sorted(row.merged):
        name = header.fields.get(col)
        if name and name in CONTENT_FIELDS and name not in merged_fields:
            merged_fields.append(name)
    return ChecklistItemRecord(
        source_file=source,
        sheet_or_table=table.name,
        row=row.number,
        raw=raw,
        group=category or group,
        law_text=law_text,
        law_names=law_names,
        audience_text=audience_text,
        audiences=audiences.values,
        audience_ids=audiences.ids,
        method_text=method_text,
        methods=methods.values,
        method_ids=methods.ids,
        timing_text=timing_text,
        timings=timings.values,
        key_date_ids=timings.ids,
        section=section or None,
        person=person_full or None,
        leader=text("leader") or None,
        partners=split_values(text("partners")),
        standard=text("standard") or None,
        measures=text("measures") or None,
        merged_fields=merged_fields,
        problems=problems,
        unresolved=audiences.unresolved + methods.unresolved + timings.unresolved,
    )


def _skip(source: str, table: Table, row: Row | None, reason: str) -> ChecklistSkip:
    raw = list(dict.fromkeys(c for c in row.cells if c)) if row is not None else []
    if row is not None and row.text and table.synthetic_header:
        raw = [row.text]
    return ChecklistSkip(
        source_file=source, sheet_or_table=table.name, row=row.number if row else None, reason=reason, raw=raw
    )


def _table_part(
    table: Table, header: HeaderMatch, source: str, inherited: _Context, *, group: str | None = None
) -> tuple[_Part, list[str]]:
    """Items and skips of one table, and the title texts found inside it."""
    part = _Part(ctx=inherited)
    titles: list[str] = []
    for row in table.rows[: header.index]:
        if row.filled:
            distinct = list(dict.fromkeys(row.filled))
            titles.append(" ".join(distinct))
            part.skipped.append(_skip(source, table, row, "title" if len(distinct) == 1 else "note"))
    if not table.synthetic_header:
        for row in table.rows[header.index : header.index + header.height]:
            part.skipped.append(_skip(source, table, row, "header"))
    blanks: list[Row] = []
    for row in table.rows[header.index + header.height :]:
        reason = _classify(row, header, table.synthetic_header, bool(part.items))
        if reason == "blank":
            if any(row.cells):
                part.skipped.append(_skip(source, table, row, "blank"))
            else:
                blanks.append(row)
            continue
        for blank in blanks:  # an empty row between data rows is a separator: report it
            part.skipped.append(_skip(source, table, blank, "blank"))
        blanks = []
        if reason is None:
            part.items.append(_item(row, header, table, source, group))
            continue
        if reason == "heading":
            group = " ".join(dict.fromkeys(row.filled)) if not table.synthetic_header else (row.text or row.filled[0])
        if reason == "title":
            titles.append(row.filled[0])
        part.skipped.append(_skip(source, table, row, reason))
    return part, titles


# --- files --------------------------------------------------------------------------------


def _context_from(texts: list[str], base: _Context, *, label: str = "title") -> _Context:
    ctx = _Context(**base.__dict__)
    found_unit = found_year = False
    for text in texts:
        unit, year, is_title = parse_title(text)
        if is_title and not found_unit and unit:
            ctx.unit, ctx.unit_from, ctx.title = unit, label, text
            found_unit = True
        if is_title and ctx.title is None:
            ctx.title = text
        if (is_title or len(compact(text)) <= 12) and not found_year and year:
            ctx.year, ctx.year_from = year, label
            found_year = True
    return ctx


def read_checklist(path: str | Path, *, unit: str | None = None, year: int | None = None,
                   source: str | None = None) -> list[ChecklistRecord]:
    """Checklists in one file: usually one; one per (unit, year) when tables carry different titles.
    `source` names the file in records and errors (an upload: its own name, never the server's folder).

    Raises `InputError` naming the file (and sheet/row where it applies) when the file is
    not a usable checklist; rows that are not items are reported in `skipped`, never dropped.
    """
    path = Path(path)
    source = source or str(path)
    document = read_document(path)
    file_unit, file_year = parse_file_name(path)
    base = _Context(
        unit=file_unit, unit_from="file name" if file_unit else None,
        year=file_year, year_from="file name" if file_year else None,
    )
    leading = _leading_lines(document)
    base = _context_from(leading, base)
    parts: list[_Part] = []
    unheaded: list[ChecklistSkip] = []
    ctx = base
    for table in document.tables:
        header = find_header([row.cells for row in table.rows], CHECKLIST_FIELDS, key_field="law")
        if header is None:
            if any(row.filled for row in table.rows):
                first = next(row for row in table.rows if row.filled)
                unheaded.append(
                    ChecklistSkip(
                        source_file=source, sheet_or_table=table.name, row=None, reason="no_header",
                        raw=first.filled[:12],
                    )
                )
            continue
        heading = table.context[-1] if table.context and HEADING.match(table.context[-1]) else None
        part, titles = _table_part(table, header, source, ctx, group=heading)
        # text around the table first, then title rows inside it, which win
        label = "sheet name" if document.kind == "xlsx" else "title"
        table_ctx = _context_from(list(reversed(table.context)), ctx, label=label)
        table_ctx = _context_from(titles, table_ctx)
        part.ctx = table_ctx
        ctx = table_ctx  # a later table without a title belongs with the one before it
        parts.append(part)
    if not parts:
        prose = prose_table(document.lines, "正文" if document.kind == "docx" else document.kind)
        header = find_header([row.cells for row in prose.rows], CHECKLIST_FIELDS, key_field="law") if prose else None
        if prose is None or header is None:
            raise InputError(_no_table_message(document), source=source)
        part, titles = _table_part(prose, header, source, base)
        part.ctx = _context_from(titles, base)
        parts.append(part)
        if document.kind in ("csv", "text"):
            unheaded = []  # the same lines, read as a delimited table first: not separate content
    return _assemble(parts, unheaded, document, source, unit, year)


def _leading_lines(document: Document) -> list[str]:
    """Text before the first table (Word) or the first lines of a text file: where titles are."""
    lines = document.lines
    if document.kind == "docx" and document.tables:
        lines = [line for line in lines if line.number <= document.tables[0].after_line]
    return [line.text for line in lines[:8] if len(line.text) <= 80]


def _no_table_message(document: Document) -> str:
    if document.kind == "docx":
        found = f"{len(document.tables)} table(s) without a checklist header" if document.tables else "no tables"
        return (
            f"no checklist found: {found} and no numbered list; expected a table with columns such as "
            "法律法规名称/普法对象/普法方式/时间节点/责任科室, or lines like 1.《…》…责任部门：…"
        )
    if document.kind == "xlsx":
        return "no sheet has a checklist header row (法律法规名称/普法对象/普法方式/时间节点/责任科室 …)"
    return (
        "no checklist header row (法律法规名称/普法对象/普法方式/时间节点/责任科室 …) and no numbered list; "
        "if the text looks garbled, the file may be in an encoding other than UTF-8 or GBK"
    )


def _assemble(
    parts: list[_Part],
    unheaded: list[ChecklistSkip],
    document: Document,
    source: str,
    unit: str | None,
    year: int | None,
) -> list[ChecklistRecord]:
    records: dict[tuple[str | None, int | None], ChecklistRecord] = {}
    for part in parts:
        ctx = part.ctx
        unit_name, unit_from = (unit, "argument") if unit else (ctx.unit, ctx.unit_from)
        the_year, year_from = (year, "argument") if year else (ctx.year, ctx.year_from)
        key = (unit_name, the_year)
        record = records.get(key)
        if record is None:
            record = records[key] = ChecklistRecord(
                unit_name=unit_name, unit_from=unit_from, year=the_year, year_from=year_from, title=ctx.title,
                source_file=source, file_kind=document.kind, encoding=document.encoding,
            )
        record.items.extend(part.items)
        record.skipped.extend(part.skipped)
    out = list(records.values())
    out[0].skipped.extend(unheaded)
    for record in out:
        if record.unit_name is None:
            record.problems.append("unit:unknown")
        if record.year is None:
            record.problems.append("year:unknown")
        if not record.items:
            record.problems.append("items:none")
    return out


__all__ = ["read_checklist", "parse_title", "parse_file_name", "CHECKLIST_FIELDS"]
