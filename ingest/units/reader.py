"""Read a register of responsible units and their liaisons (附件1 联络员登记表) into `UnitRecord`s.

Accepts whatever `ingest.tables` reads (CSV in UTF-8/GBK, XLSX, also a Word
table); headers are matched by synonyms (单位名称, 别名/简称, 单位类型, 上级单位, 区域,
职能类型/部门类型, 联络员姓名, 职务, 联系电话, 电子邮箱 …) and may sit below a title row.

    for unit in read_units("data/sample/units.csv"): ...

A unit's id is `unit_id(name)`. `parent_id` points at the unit whose name or alias matches
the 上级单位 cell in the same file (else the id that name would have). A blank 单位类型 is
inferred from the name (人民法院 -> 司法机关, 妇女联合会 -> 群团组织 …); a value that is not a
known kind or synonym is an `InputError` naming the row and field, as is a duplicate name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ingest.records import ChecklistSkip, UnitRecord
from ingest.tables.cells import NOTE, clean_text, compact, split_values
from ingest.tables.headers import HeaderMatch, find_header
from ingest.tables.model import Row, Table
from ingest.tables.read import read_document
from ingest.units.columns import UNIT_FIELDS
from pufa.errors import InputError
from pufa.laws import unit_id
from pufa.vocab import UNIT_KINDS

KIND_SYNONYMS: dict[str, tuple[str, ...]] = {
    "行政执法机关": (
        "行政执法机关", "行政机关", "执法机关", "行政执法部门", "行政执法单位", "政府部门", "政府工作部门", "执法部门",
        "行政执法", "政府",
    ),
    "司法机关": ("司法机关", "审判机关", "检察机关", "监察机关", "政法机关"),
    "党委部门": ("党委部门", "党的机关", "党委工作部门", "党委机关", "党群部门", "党委", "党委办事机构"),
    "群团组织": ("群团组织", "人民团体", "群团", "群众团体", "群团组织（人民团体）"),
    "企事业单位": ("企事业单位", "事业单位", "企业", "国有企业", "国企", "企业单位", "公益事业单位", "社会组织"),
}
_KIND_LOOKUP = {compact(alias): kind for kind, aliases in KIND_SYNONYMS.items() for alias in aliases}

_JUDICIAL = re.compile(r"人民法院|法院|人民法庭|人民检察院|检察院|监察委员会|监委")
_PARTY = re.compile(r"^(?:中共|中国共产党)|^[县区市]委(?!员会$)|党委|纪委|组织部|宣传部|统战部|政法委|网信办|编办|党校|机关工委")
_MASS = re.compile(r"工会|团[县区市]委|共青团|团委|妇女联合会|妇联|残疾人联合会|残联|科学技术协会|科协|工商业联合会|工商联|红十字会|文联|侨联")
_ENTERPRISE = re.compile(r"公司|集团|医院|学校|中学|小学|幼儿园|银行|中心$|站$|台$|馆$|融媒体")
_REGION_PART = re.compile(r".+?(?:省|自治区|自治州|市|州|盟|地区|县|区|旗)")


def normalize_kind(value: str) -> str | None:
    """The canonical kind for a written kind (人民团体 -> 群团组织), or None if unknown."""
    key = compact(value)
    if key in _KIND_LOOKUP:
        return _KIND_LOOKUP[key]
    for alias, kind in sorted(_KIND_LOOKUP.items(), key=lambda kv: -len(kv[0])):
        if alias in key:
            return kind
    return None


def infer_kind(name: str) -> str:
    """A kind guessed from a unit's name, for registers that leave 单位类型 blank."""
    if _JUDICIAL.search(name):
        return "司法机关"
    if _MASS.search(name):
        return "群团组织"
    if _PARTY.search(name):
        return "党委部门"
    if _ENTERPRISE.search(name):
        return "企事业单位"
    return "行政执法机关"


def _short_names(name: str, region: str | None) -> list[str]:
    """县公安局 for 澄河县公安局 in 澄河县, and the reverse."""
    if not region:
        return []
    parts = _REGION_PART.findall(compact(region))
    if not parts:
        return []
    local = parts[-1]
    out = []
    if name.startswith(local) and len(name) > len(local) + 1:
        out.append(local[-1] + name[len(local):])
    elif name[:1] == local[-1] and len(name) > 2 and not name.startswith(local):
        out.append(local + name[1:])
    return out


def read_units_with_skips(path: str | Path) -> tuple[list[UnitRecord], list[ChecklistSkip]]:
    """Units, and the non-empty rows that were not units (titles, notes, repeated headers)."""
    path = Path(path)
    source = str(path)
    document = read_document(path)
    headed: list[tuple[Table, HeaderMatch]] = []
    skipped: list[ChecklistSkip] = []
    for table in document.tables:
        header = find_header([row.cells for row in table.rows], UNIT_FIELDS, key_field="name")
        if header is not None and header.has("name"):
            headed.append((table, header))
        elif any(row.filled for row in table.rows):
            first = next(row for row in table.rows if row.filled)
            skipped.append(
                ChecklistSkip(source_file=source, sheet_or_table=table.name, reason="no_header", raw=first.filled[:12])
            )
    if not headed:
        raise InputError(
            "no unit register header found (expected columns such as 单位名称, 单位类型, 上级单位, 联络员姓名, 联系电话)",
            source=source,
        )
    rows: list[tuple[UnitRecord, str, int]] = []
    seen: dict[str, str] = {}
    many = len(document.tables) > 1
    for table, header in headed:
        where = f"sheet {table.name}" if document.kind == "xlsx" else (table.name if many else None)
        for index, row in enumerate(table.rows[: header.index + header.height]):
            if row.filled:
                skipped.append(_skip(source, table, row, "header" if index >= header.index else "title"))
        for row in table.rows[header.index + header.height :]:
            reason = _unit_row_reason(row, header)
            if reason:
                if reason != "blank" or any(row.cells):
                    skipped.append(_skip(source, table, row, reason))
                continue
            record = _unit(row, header, source, where)
            place = f"{where + ', ' if where else ''}row {row.number}"
            if record.name in seen:
                raise InputError(
                    f"unit {record.name!r} appears twice ({seen[record.name]} and {place})",
                    source=source,
                    location=place,
                )
            seen[record.name] = place
            rows.append((record, place, row.number))
    _resolve_parents([r for r, _, _ in rows], source, {r.name: p for r, p, _ in rows})
    return [r for r, _, _ in rows], skipped


def read_units(path: str | Path) -> Iterator[UnitRecord]:
    """The units of a register file (CSV, XLSX or a Word table), in file order."""
    units, _ = read_units_with_skips(path)
    yield from units


def _skip(source: str, table: Table, row: Row, reason: str) -> ChecklistSkip:
    return ChecklistSkip(
        source_file=source, sheet_or_table=table.name, row=row.number, reason=reason,
        raw=list(dict.fromkeys(row.filled))[:12],
    )


def _unit_row_reason(row: Row, header: HeaderMatch) -> str | None:
    """None for a unit row, else why the row is skipped."""
    filled = row.filled
    if not filled:
        return "blank"
    if header.is_repeat(row.cells):
        return "repeated_header"
    distinct = set(filled)
    if len(distinct) != 1:
        return None
    (value,) = distinct
    if NOTE.match(value):
        return "note"  # 填表说明：… / 填表人：…, wherever it was typed
    if len(filled) > 1:
        return "heading"  # a merged row such as 一、县直部门
    if not any(row.cells[c] for c in header.columns("name") if c < len(row.cells)):
        return "numbered_blank" if re.fullmatch(r"[\d.．、]+", value) else "note"
    return None


def _unit(row: Row, header: HeaderMatch, source: str, where: str | None) -> UnitRecord:
    def text(name: str) -> str:
        values = []
        for col in header.columns(name):
            value = clean_text(row.cells[col]) if col < len(row.cells) else ""
            if value and value not in values:
                values.append(value)
        return "；".join(values)

    def place(name: str) -> str:
        label = header.labels[header.columns(name)[0]] if header.columns(name) else name
        return f"{where + ', ' if where else ''}row {row.number}, field {label}"

    name = " ".join(text("name").split())
    if not name:
        raise InputError("a row with data but no unit name", source=source, location=place("name"))
    written_kind = text("kind")
    if written_kind:
        kind = normalize_kind(written_kind)
        if kind is None:
            raise InputError(
                f"unknown unit kind {written_kind!r}; expected one of {', '.join(UNIT_KINDS)}",
                source=source,
                location=place("kind"),
            )
    else:
        kind = infer_kind(name)
    region = text("region") or None
    aliases = [a for a in split_values(text("aliases")) if a != name]
    for short in _short_names(name, region):
        if short not in aliases and short != name:
            aliases.append(short)
    parent = text("parent") or None
    if parent == name:
        raise InputError("a unit cannot be its own parent", source=source, location=place("parent"))
    return UnitRecord(
        id=unit_id(name),
        name=name,
        aliases=aliases,
        kind=kind,
        parent_name=parent,
        region=region,
        dept_types=split_values(text("dept_types")),
        liaison_name=text("liaison_name") or None,
        liaison_post=text("liaison_post") or None,
        liaison_phone=text("liaison_phone") or None,
        liaison_email=text("liaison_email") or None,
        source=f"{source}:{row.number}" if not where else f"{source}[{where.removeprefix('sheet ')}]:{row.number}",
    )


def _resolve_parents(units: list[UnitRecord], source: str, places: dict[str, str]) -> None:
    by_name: dict[str, str | None] = {}
    for unit in units:
        by_name[unit.name] = unit.id
    for unit in units:
        for alias in unit.aliases:
            if alias in by_name and by_name[alias] != unit.id and alias not in {u.name for u in units}:
                by_name[alias] = None  # an alias two units share resolves to neither
            else:
                by_name.setdefault(alias, unit.id)
    for unit in units:
        if unit.parent_name:
            resolved = by_name.get(unit.parent_name)
            unit.parent_id = resolved or unit_id(unit.parent_name)
            if unit.parent_id == unit.id:
                raise InputError(
                    f"unit {unit.name!r} names itself as its parent", source=source, location=places[unit.name]
                )
