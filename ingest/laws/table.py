"""A table of laws the bureau adds to the catalogue: 部门规章, 党内法规, local rules and normative
documents that checklists cite and the national catalogue lacks (title, level, issuer, dates,
status; one row each). The texts are optional: a law's file can follow through `ingest laws`.

    for law in read_law_table("本县规范性文件目录.xlsx"): ...

Columns are matched by the names bureaus give them (法律法规名称, 效力级别, 制定机关, 公布日期 …);
a level, status or date that cannot be read is an `InputError` naming the row and field.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ingest.laws.history import DATE, iso_date
from ingest.tables.cells import clean_text, split_values
from ingest.tables.headers import HeaderMatch, find_header
from ingest.tables.model import Row
from ingest.tables.read import read_document
from pufa import vocab
from pufa.errors import InputError
from pufa.laws import PRC, LawFacts, law_id

LAW_TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("法律法规名称", "法律法规规章名称", "法规规章名称", "法规名称", "规章名称", "文件名称", "文件标题", "标题", "名称"),
    "short_title": ("简称", "规范简称"),
    "aliases": ("别名", "其他名称", "曾用名"),
    "level": ("效力级别", "效力层级", "法律位阶", "位阶", "层级", "类别"),
    "issuer": ("制定机关", "发布机关", "颁布机关", "发文机关", "印发机关", "制定部门", "发文单位"),
    "promulgated": ("公布日期", "发布日期", "颁布日期", "通过日期", "印发日期", "发文日期"),
    "effective": ("施行日期", "生效日期", "实施日期"),
    "amended": ("修改日期", "修订日期", "修正日期"),
    "repealed_on": ("废止日期", "失效日期"),
    "status": ("时效性", "效力状态", "时效状态", "状态"),
    "region": ("适用地区", "适用区域", "地区", "区域"),
    "category": ("领域", "分类"),
    "seq": ("序号", "编号"),
    "remarks": ("备注", "说明"),
}
LEVEL_SYNONYMS = {
    "部门规章": ("部门规章", "行政规章", "规章"), "地方政府规章": ("地方政府规章", "地方规章", "政府规章"),
    "地方性法规": ("地方性法规", "地方法规"), "规范性文件": ("规范性文件", "行政规范性文件", "文件", "红头文件"),
    "党内法规": ("党内法规", "党规", "党内规范性文件"), "自治条例和单行条例": ("自治条例", "单行条例", "自治条例和单行条例"),
}
STATUS_SYNONYMS = {
    "现行有效": ("现行有效", "有效", "现行", "施行"), "已修改": ("已修改", "已修订", "已修正", "修改", "修订"),
    "已废止": ("已废止", "废止", "失效", "已失效"), "尚未生效": ("尚未生效", "未生效", "待生效"),
}
_NUMERIC_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def read_law_table(path: str | Path) -> list[LawFacts]:
    """The laws of a table file (Excel, CSV or a Word table), in file order."""
    source = str(path)
    document = read_document(path)
    laws: list[LawFacts] = []
    seen: dict[str, str] = {}
    for table in document.tables:
        header = find_header([row.cells for row in table.rows], LAW_TABLE_FIELDS, key_field="title")
        if header is None or not header.has("title"):
            continue
        where = f"sheet {table.name}, " if document.kind == "xlsx" else ""
        for row in table.rows[header.index + header.height:]:
            if not any(row.cells) or header.is_repeat(row.cells):
                continue
            law = _law(row, header, source, where)
            if law.id in seen:
                raise InputError(f"{law.title} is listed twice ({seen[law.id]} and row {row.number})", source=source,
                                 location=f"{where}row {row.number}")
            seen[law.id] = f"row {row.number}"
            laws.append(law)
    if not seen:
        raise InputError("no law table found (expected a header with 法律法规名称 and 效力级别 or 制定机关, 公布日期, 时效性)",
                         source=source)
    return laws


def _law(row: Row, header: HeaderMatch, source: str, where: str) -> LawFacts:
    def text(field: str) -> str:
        return "；".join(dict.fromkeys(clean_text(row.cells[col]) for col in header.columns(field)
                                       if col < len(row.cells) and row.cells[col]))

    def invalid(field: str, message: str) -> InputError:
        label = header.labels[header.columns(field)[0]] if header.columns(field) else field
        return InputError(message, source=source, location=f"{where}row {row.number}, field {label}")

    title = text("title").strip("《》")
    if not title:
        raise invalid("title", "a row with data but no title")
    level = _one_of(text("level"), LEVEL_SYNONYMS, vocab.LEVELS)
    if level is None:
        raise invalid("level", f"unknown level {text('level')!r}; expected one of {', '.join(vocab.LEVELS)}")
    dates = {}
    for field in ("promulgated", "effective", "amended", "repealed_on"):
        written = text(field)
        dates[field] = _iso(written)
        if written and dates[field] is None:
            raise invalid(field, f"{written!r} is not a date (write it as 2024-01-01 or 2024年1月1日)")
    written_status = text("status")
    status = _one_of(written_status, STATUS_SYNONYMS, vocab.STATUSES) if written_status else (
        "已废止" if dates["repealed_on"] else "尚未生效" if (dates["effective"] or "") > date.today().isoformat()
        else "现行有效")
    if status is None:
        raise invalid("status", f"unknown status {written_status!r}; expected one of {', '.join(vocab.STATUSES)}")
    short_title = text("short_title") or title.removeprefix(PRC)
    return LawFacts(
        id=law_id(title), title=title, short_title=short_title, level=level, status=status,
        aliases=[alias for alias in split_values(text("aliases")) if alias not in (title, short_title)],
        issuer=text("issuer") or None, region=text("region") or None, category=text("category") or None, **dates,
    )


def _one_of(written: str, synonyms: dict[str, tuple[str, ...]], canonical: tuple[str, ...]) -> str | None:
    key = "".join(written.split())
    if key in canonical:
        return key
    return next((name for name, spellings in synonyms.items() if key in spellings), None)


def _iso(written: str) -> str | None:
    """2024-01-01, 2024/1/1, 2024.1.1, 2024年1月1日 (also in Chinese numerals) as an ISO date."""
    if not written:
        return None
    if match := _NUMERIC_DATE.match(written.strip()):
        return iso_date(*match.groups())
    if match := DATE.fullmatch(written.strip()):
        return iso_date(*match.groups())
    return None
