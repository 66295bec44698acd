"""The county's three lists of the year, as a bureau issues them (xlsx or docx): the 重要时间节点清单 and
the 专项主题清单 drawn from the year's campaigns (domain.catalogue.campaign_year, with the bureau's
corrections), and the 新颁法律法规清单 (domain.checklists.yearly)."""

from __future__ import annotations

from datetime import date

from domain.accounts.accounts import Actor
from domain.base.cache import CachedStore
from domain.base.documents import Sheet, chinese_date, to_docx, to_xlsx
from domain.catalogue import campaign_year
from domain.checklists import yearly
from graph.queries.scope import LawScope
from pufa.errors import InputError
from pufa.workflow import Permission

LISTS = {"key_dates": "重要时间节点清单", "themes": "专项主题清单", "new_laws": "新颁法律法规清单"}
FORMATS = ("xlsx", "docx")


def county_list(store: CachedStore, actor: Actor, year: int, which: str, *, region: str | None = None,
                scope: LawScope = LawScope()) -> Sheet:
    """One of the three lists as a sheet (the bureau's and the coordinator's: they read every unit)."""
    actor.require(Permission.READ_ALL)
    if which == "key_dates":
        return campaign_year.key_dates_sheet(campaign_year.campaign_year(store, year, region))
    if which == "themes":
        return campaign_year.themes_sheet(campaign_year.theme_plans(store, year, region))
    if which == "new_laws":
        return yearly.new_laws_sheet(yearly.new_laws(store, actor, year, scope=scope), region)
    raise InputError(f"unknown list {which!r}; known: {', '.join(LISTS)}", source="list")


def county_list_file(store: CachedStore, actor: Actor, year: int, which: str, file_format: str, *, today: date,
                     region: str | None = None, scope: LawScope = LawScope()) -> bytes:
    """The list as an xlsx workbook or a Word document dated `today`."""
    if file_format not in FORMATS:
        raise InputError(f"unknown format {file_format!r}; known: {', '.join(FORMATS)}", source="format")
    sheet = county_list(store, actor, year, which, region=region, scope=scope)
    return to_xlsx([sheet]) if file_format == "xlsx" else to_docx([sheet], note=f"印发日期：{chinese_date(today)}")
