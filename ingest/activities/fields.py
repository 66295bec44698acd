"""One activity as a unit writes it, and what it reads to: the date (2026年3月15日, 2026-03-15,
2026/3/15, 2026.3.15), the key dates it was held on or for (named, 国家宪法日 or 12·4, or found from
the date: 3月15日 is 3·15, a day in June is 安全生产月 and the second quarter), the audiences and
methods mapped through the shared vocabularies as checklist rows are (ingest.checklists.normalize),
and the laws it names resolved against the catalogue. A value that cannot be used is an
`InputError` naming its field; audiences and methods that match nothing are kept as written and
listed in `unresolved`, as a checklist row's are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, Field

from ingest.checklists.normalize import key_dates, normalize_audiences, normalize_methods, normalize_timing
from ingest.tables.cells import split_laws
from nlp.catalogue import Catalogue
from nlp.citations import resolve_name
from pufa.errors import InputError

FIELD_NAMES = {
    "held_on": "活动日期", "title": "活动名称", "key_date": "重要时间节点", "item_ids": "对应清单条目",
    "law_text": "普及的法律法规", "audience_text": "普法对象", "method_text": "普法方式", "place": "活动地点",
    "reached": "覆盖人数", "description": "活动情况", "case_ids": "使用的以案释法案例", "published_cases": "发布的典型案例",
}
"""How the pages, the 台账 spreadsheet and the error messages name each field."""
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*$")
DERIVED_KINDS = frozenset({"day", "month", "period"})
"""Key dates an activity's date alone places it on: a fixed day, a named or numbered month, a
quarter or vacation. Weeks and floating days (宪法宣传周, 全民国防教育日) count when named."""


class PublishedCase(BaseModel):
    """A typical case (以案释法) the unit released with the activity."""

    title: str = Field(min_length=1, max_length=200, description="案例名称")
    summary: str = Field(default="", max_length=2000, description="基本案情与释法要点")


class ActivityFields(BaseModel):
    """An activity as the unit records it."""

    held_on: str = Field(min_length=1, max_length=40, description="活动日期：2026-03-15 或 2026年3月15日")
    title: str = Field(min_length=1, max_length=200, description="活动名称")
    key_date: str = Field(default="", max_length=100,
                          description="重要时间节点（如 国家宪法日、3·15）；空着则按日期推定")
    item_ids: list[str] = Field(default_factory=list, max_length=100, description="对应本单位清单的条目（编号）")
    law_text: str = Field(default="", max_length=2000, description="普及的法律法规，可多部，以顿号分隔")
    audience_text: str = Field(default="", max_length=500, description="普法对象，如 青少年、企业经营者")
    method_text: str = Field(default="", max_length=500, description="普法方式，如 专题讲座、以案释法")
    place: str = Field(default="", max_length=200, description="活动地点")
    reached: int | None = Field(default=None, ge=0, le=100_000_000, description="覆盖人数")
    description: str = Field(default="", max_length=5000, description="活动情况")
    case_ids: list[str] = Field(default_factory=list, max_length=50, description="使用的以案释法案例（案例库编号）")
    published_cases: list[PublishedCase] = Field(default_factory=list, max_length=20, description="发布的典型案例")


@dataclass
class ActivityRecord:
    """An activity read: ISO date, year, the ids it links to, and what matched nothing."""

    fields: ActivityFields
    held_on: str
    year: int
    key_date_ids: list[str]
    audience_ids: list[str]
    method_ids: list[str]
    law_ids: list[str]
    unresolved: list[str] = field(default_factory=list)


def parse_date(text: str, location: str = "held_on") -> date:
    """2026-03-15, 2026年3月15日, 2026/3/15, 2026.3.15 (a spreadsheet's date cell reads as the first)."""
    match = _DATE.match(text or "")
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            pass
    raise InputError(f"{text!r} is not a date: write it as 2026-03-15 or 2026年3月15日", location=location)


def date_key_dates(day: date) -> list[str]:
    """The key dates a day falls on by itself (see DERIVED_KINDS)."""
    found = []
    for term in key_dates():
        if term.kind not in DERIVED_KINDS:
            continue
        if term.kind == "day" and term.month == day.month and term.day == day.day:
            found.append(term.id)
        elif term.kind == "month" and term.month == day.month and term.day is None:
            found.append(term.id)
        elif term.kind == "period" and day.month in term.months:
            found.append(term.id)
    return found


def named_key_dates(text: str) -> list[str]:
    """The key dates a 时间节点 cell names (国家宪法日, 3·15, 安全生产月), recurrences (全年) left out."""
    if not text.strip():
        return []
    vocabulary = key_dates()
    found = normalize_timing(text)
    named = [term_id for term_id in found.ids if vocabulary.terms[term_id].kind != "recurrence"]
    if not named:
        raise InputError(f"{text!r} names no key date we know (e.g. 国家宪法日, 3·15, 安全生产月); leave it empty "
                         "and the date decides", location="key_date")
    return named


def resolve_laws(text: str, catalogue: Catalogue) -> list[str]:
    """The laws a cell names, each resolved to one law of the catalogue; an InputError names those
    that resolve to none (with the nearest titles) rather than guessing."""
    law_ids, unknown = [], []
    for name in split_laws(text):
        resolution = resolve_name(name, catalogue)
        if resolution.law_id:
            if resolution.law_id not in law_ids:
                law_ids.append(resolution.law_id)
        else:
            near = "、".join(f"《{candidate.title}》" for candidate in resolution.candidates[:3])
            unknown.append(f"{name}" + (f"（是否指 {near}）" if near else ""))
    if unknown:
        raise InputError(f"laws not found in the catalogue: {'；'.join(unknown)}", location="law_text")
    return law_ids


def read_activity(fields: ActivityFields, catalogue: Catalogue, *, today: date) -> ActivityRecord:
    """The activity as the graph keeps it; `today` refuses dates in the future."""
    held = parse_date(fields.held_on)
    if held > today:
        raise InputError(f"{held.isoformat()} is after today ({today.isoformat()}): record activities once they "
                         "are held", location="held_on")
    audiences = normalize_audiences(fields.audience_text)
    methods = normalize_methods(fields.method_text)
    key_date_ids = list(dict.fromkeys(named_key_dates(fields.key_date) + date_key_dates(held)))
    return ActivityRecord(
        fields=fields, held_on=held.isoformat(), year=held.year, key_date_ids=key_date_ids,
        audience_ids=audiences.ids, method_ids=methods.ids, law_ids=resolve_laws(fields.law_text, catalogue),
        unresolved=audiences.unresolved + methods.unresolved,
    )
