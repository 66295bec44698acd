"""What the public reads, without signing in: the published checklists of a year by unit,
searchable by law and by unit, each as a table and as xlsx and docx downloads.

Only published revisions are ever read here (the latest published one of each unit's year), and
only the checklist's own cells: no drafts, no returned revisions, no comments, no liaison's phone
or e-mail. A phone number or e-mail address typed into a cell is taken out too: a published
checklist names the responsible section and person, not how to reach them privately.
"""

from __future__ import annotations

from domain.base.asked import checklist_year
from domain.base.briefs import unit_brief
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import Sheet, WordDocument, chinese_date, to_xlsx
from domain.base.models import UnitBriefPublic
from domain.base.redaction import without_contacts
from domain.catalogue import lookup
from domain.checklists.models import (
    PublishedChecklistPublic,
    PublishedChecklistsPublic,
    PublishedDetailPublic,
    PublishedRowPublic,
)
from graph import queries
from graph.query import Row
from pufa.errors import NotFound
from pufa.workflow import State


@kept_until_write
def _published(store: CachedStore) -> list[Row]:
    """The latest published revision of each unit's year, by year (newest first) and unit name."""
    latest: dict[tuple[str, int], Row] = {}
    for row in store.read(queries.review.checklists_in_states([State.PUBLISHED.value])):
        key = (row["unit_id"], row["year"])
        if key not in latest or row["revision"] > latest[key]["revision"]:
            latest[key] = row
    return sorted(latest.values(), key=lambda r: (-(r["year"] or 0), r["unit_name"] or "", r["unit_id"]))


def _public(row: Row) -> PublishedChecklistPublic:
    return PublishedChecklistPublic(
        id=row["id"], unit=UnitBriefPublic(id=row["unit_id"], name=row["unit_name"]), year=row["year"],
        filing_number=row["filing_number"], published_on=row["published_on"], items=row["items"] or 0)


def published_years(store: CachedStore) -> list[int]:
    return sorted({row["year"] for row in _published(store)}, reverse=True)


def published_checklists(store: CachedStore, *, year: int | None = None, law: str | None = None,
                         unit: str | None = None, skip: int = 0, limit: int | None = 50) -> PublishedChecklistsPublic:
    """Published checklists (of a year), those of units whose name holds `unit`, those listing a law
    whose title, short title or alias holds `law`."""
    rows = [row for row in _published(store) if year is None or row["year"] == year]
    if unit and unit.strip():
        rows = [row for row in rows if unit.strip() in (row["unit_name"] or "")]
    if law and law.strip():
        wanted = {found.id for found in lookup.search_laws(store, law.strip(), limit=None).data}
        rows = [row for row in rows if wanted & set(row["law_ids"] or ())]
    shown = rows[skip:] if limit is None else rows[skip : skip + limit]
    return PublishedChecklistsPublic(data=[_public(row) for row in shown], count=len(rows))


def published_checklist(store: CachedStore, checklist_id: str) -> PublishedDetailPublic:
    """One published checklist row by row; any other revision is as unknown as a missing one (404)."""
    row = next((r for r in _published(store) if r["id"] == checklist_id), None)
    if row is None:
        raise NotFound(f"no published checklist with id {checklist_id!r}")
    items = sorted(store.read(queries.review.checklist_rows(checklist_id)), key=lambda r: (r["row"] or 0, r["item_id"]))
    rows = [PublishedRowPublic(
        row=number, law_text=without_contacts(item["law_text"]), audience_text=without_contacts(item["audience_text"]),
        method_text=without_contacts(item["method_text"]), timing_text=without_contacts(item["timing_text"]),
        section=without_contacts(item["section"]), person=without_contacts(item["person"]),
        partners=without_contacts("、".join(item["partners"] or [])))
        for number, item in enumerate(items, start=1)]
    return PublishedDetailPublic(checklist=_public(row), title=f"{row['unit_name']}{row['year']}年普法责任清单", rows=rows)


def _cells(row: PublishedRowPublic) -> list[object]:
    return [row.row, row.law_text, row.audience_text, row.method_text, row.timing_text, row.section, row.person,
            row.partners]


def published_xlsx(store: CachedStore, checklist_id: str) -> bytes:
    detail = published_checklist(store, checklist_id)
    note = f"备案号：{detail.checklist.filing_number or '—'}　公布日期：{chinese_date(detail.checklist.published_on)}"
    return to_xlsx([Sheet("普法责任清单", CHECKLIST_HEADER, [*map(_cells, detail.rows), [], [note]], title=detail.title)])


def published_docx(store: CachedStore, checklist_id: str) -> bytes:
    """The checklist as a landscape Word table with its title, filing number and publish date."""
    detail = published_checklist(store, checklist_id)
    document = WordDocument(landscape=True)
    document.title(detail.title, size=18)
    document.centred(f"备案号：{detail.checklist.filing_number or '—'}　　公布日期：{chinese_date(detail.checklist.published_on)}")
    document.table(CHECKLIST_HEADER, [_cells(row) for row in detail.rows])
    return document.bytes()


CHECKLIST_HEADER = ("序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室", "责任人", "配合单位")


def checklist_table(store: CachedStore, unit_id: str, *, year: int | None = None) -> Sheet:
    """A unit's current checklist as the table it publishes (向社会公布), read without signing in: no
    contact details."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    rows = sorted(store.read(queries.checklists.checklist_items(unit_id, year)), key=lambda row: (row["row"] or 0, row["item_id"]))
    table = [
        [number, *map(without_contacts, (row["law_text"], row["audience_text"], row["method_text"], row["timing_text"],
                                         row["section"], row["person"], "、".join(row["partners"] or [])))]
        for number, row in enumerate(rows, start=1)
    ]
    return Sheet("普法责任清单", CHECKLIST_HEADER, table, title=f"{unit.name}{year}年普法责任清单")
