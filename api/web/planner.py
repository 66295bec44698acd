"""The campaign planner's key-date calendar and its spreadsheet export.

The calendar lists the shipped key dates (data/key_dates.yaml, which every ingest writes to the
graph) by month, each with how many unit groups could campaign together on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.web.render import ANCHOR_KINDS, evidence, key_date_label
from domain.base.cache import CachedStore
from domain.base.documents import Sheet
from domain.catalogue import campaigns
from domain.catalogue.models import CampaignsPublic, KeyDatePublic
from pufa import vocab

UNDATED = "全年及周期性"


@dataclass(frozen=True)
class CalendarDate:
    key_date: KeyDatePublic
    groups: int
    """Groups of at least two units whose rows are scheduled on it."""


def key_date_calendar(store: CachedStore, *, year: int | None, region: str | None) -> dict[str, list[CalendarDate]]:
    """Month (1月 … 12月, then undated ones such as 全年, 每季度) → its key dates, in day order."""
    calendar: dict[str, list[CalendarDate]] = {f"{month}月": [] for month in range(1, 13)}
    calendar[UNDATED] = []
    terms = sorted(vocab.key_dates(), key=lambda term: (term.month or 13, term.day or 0, term.id))
    for term in terms:
        groups = campaigns.campaigns(store, key_date_id=term.id, year=year, region=region, limit=0).count
        key_date = KeyDatePublic(id=term.id, name=term.name, month=term.month, day=term.day)
        calendar[f"{term.month}月" if term.month else UNDATED].append(CalendarDate(key_date, groups))
    return calendar


def campaign_sheet(answer: CampaignsPublic) -> Sheet:
    """One row per unit and group: role, its checklist rows, audiences, methods and dates, as a plan to hand out."""
    header = ["分组", "单位", "角色", "清单条目", "普法对象", "普法方式", "时间节点"]
    rows = []
    for group in answer.data:
        lead_id = group.lead.unit.id if group.lead else None
        for unit in group.units:
            dates = [key_date_label(entry.key_date) for entry in group.calendar
                     if unit.unit.id in {member.id for member in entry.units}]
            rows.append([
                group.shared.name, unit.unit.name, "牵头单位" if unit.unit.id == lead_id else "配合单位",
                "\n".join(f"{item.law_text}（{evidence(item)}）" for item in unit.items),
                "、".join(a.name or a.id for a in unit.audiences), "、".join(m.name or m.id for m in unit.methods),
                "、".join(dates),
            ])
        for unit in group.inferred:
            role = "牵头单位" if unit.id == lead_id else "建议参加（主管或相关部门，尚无条目）"
            rows.append([group.shared.name, unit.name, role, "", "", "", ""])
    title = f"{answer.year}年联合普法活动：{ANCHOR_KINDS[answer.anchor_kind]}“{answer.anchor.name}”"
    return Sheet("联合普法活动", header, rows, title=title)
