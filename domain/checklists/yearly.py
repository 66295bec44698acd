"""Year over year: a checklist against the unit's previous published one, a new draft started from
it ("start from last year": outdated laws flagged with their replacements, laws new since then
proposed as rows), and the bureau's 新颁法律法规清单 of the year."""

from __future__ import annotations

from collections import defaultdict

from domain.accounts.accounts import Actor
from domain.base.briefs import fetch_law_briefs, law_sort_key, unit_names
from domain.base.cache import CachedStore
from domain.base.documents import Sheet, chinese_date
from domain.base.models import UnitBriefPublic
from domain.catalogue import responsibility
from domain.catalogue.models import NamedPublic
from domain.checklists.audit import replacement
from domain.checklists.models import ComparisonPublic, NewLawPublic, NewLawsPublic, NewLawUnitPublic, RowChangePublic
from domain.checklists.revisions import latest_published, state_of, summary
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from ingest.checklists.edit import DraftRow, RowFields
from pufa.errors import InputError
from pufa.workflow import Permission

COMPARED = ("audience_text", "method_text", "timing_text", "section", "person")


def _previous(store: CachedStore, unit_id: str, year: int) -> Row | None:
    return latest_published(store.read(queries.review.units_checklists([unit_id])), before_year=year)


def _rows_by_laws(store: CachedStore, checklist_id: str) -> dict[str, Row]:
    """A revision's rows keyed by the laws they claim (the law text when none resolved)."""
    laws: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for claim in store.read(queries.review.row_claims(checklist_id)):
        laws[claim["item_id"]].append(claim["law_id"])
        names[claim["law_id"]] = claim["law_name"]
    keyed = {}
    for row in sorted(store.read(queries.review.checklist_rows(checklist_id)), key=lambda r: (r["row"] or 0, r["item_id"])):
        key = "、".join(sorted(names[law] for law in laws[row["item_id"]])) or (row["law_text"] or "").strip()
        keyed.setdefault(key, row)
    return keyed


def compare_with_previous(store: CachedStore, actor: Actor, checklist_id: str) -> ComparisonPublic:
    """Laws added and removed, rows added, removed and changed, against the unit's latest published
    checklist of an earlier year."""
    this = store.one(queries.review.checklist(checklist_id), f"no checklist with id {checklist_id!r}")
    actor.require_unit(this["unit_id"])
    previous = _previous(store, this["unit_id"], this["year"])
    if previous is None:
        return ComparisonPublic(checklist=summary(this), previous=None, laws_added=[], laws_removed=[], rows_added=[],
                                rows_removed=[], rows_changed=[])
    now, before = set(this["law_ids"] or ()), set(previous["law_ids"] or ())
    briefs = fetch_law_briefs(store, now | before)

    def named(law_ids: set[str]) -> list[NamedPublic]:
        return [NamedPublic(id=law.id, name=law.title) for law in sorted((briefs[i] for i in law_ids if i in briefs),
                                                                           key=law_sort_key)]

    current_rows, previous_rows = _rows_by_laws(store, checklist_id), _rows_by_laws(store, previous["id"])
    changed = []
    for key in current_rows.keys() & previous_rows.keys():
        after, was = current_rows[key], previous_rows[key]
        differs = [field for field in COMPARED if (after[field] or "") != (was[field] or "")]
        if differs:
            changed.append(RowChangePublic(key=key, before={f: was[f] or "" for f in COMPARED},
                                           after={f: after[f] or "" for f in COMPARED}, changed=differs))
    return ComparisonPublic(
        checklist=summary(this), previous=summary(previous, this["unit_name"]),
        laws_added=named(now - before), laws_removed=named(before - now),
        rows_added=sorted(current_rows.keys() - previous_rows.keys()),
        rows_removed=sorted(previous_rows.keys() - current_rows.keys()),
        rows_changed=sorted(changed, key=lambda change: change.key),
    )


def new_since(year: int) -> str:
    """Laws new or amended from the start of the previous checklist year on are "new since last year"."""
    return f"{year - 1:04d}-01-01"


def _changed_laws(store: CachedStore, year: int, scope: LawScope) -> list[Row]:
    return store.read(queries.laws.laws_changed_between(scope, new_since(year), f"{year:04d}-12-31"))


def last_year_rows(store: CachedStore, unit_id: str, year: int, scope: LawScope) -> tuple[str, list[DraftRow]]:
    """The rows of the unit's latest published checklist before `year`, each outdated law noted with its
    replacement, then a proposed row for each law new or amended since that the unit is responsible
    for and the rows do not list; with the id of the checklist they come from."""
    previous = _previous(store, unit_id, year)
    if previous is None:
        raise InputError(f"the unit has no published checklist before {year} to start from", location="from_last_year")
    claims: dict[str, list[Row]] = defaultdict(list)
    for claim in store.read(queries.review.row_claims(previous["id"])):
        claims[claim["item_id"]].append(claim)
    rows = []
    for item in sorted(store.read(queries.review.checklist_rows(previous["id"])), key=lambda r: (r["row"] or 0, r["item_id"])):
        notes = [replacement(c).note for c in claims[item["item_id"]] if c["outdated"]]
        rows.append(DraftRow(fields=RowFields(
            law_text=item["law_text"] or "", audience_text=item["audience_text"] or "",
            method_text=item["method_text"] or "", timing_text=item["timing_text"] or "", section=item["section"] or "",
            person=item["person"] or "", partners="、".join(item["partners"] or [])),
            origin=item["item_id"], note="；".join(notes) or None))
    listed = {c["law_id"] for cs in claims.values() for c in cs}
    responsible = {law.law.id for law in responsibility.responsible_laws(store, unit_id, scope)}
    for law in sorted(_changed_laws(store, year, scope), key=lambda r: (r["effective"] or "", r["title"])):
        if law["id"] in responsible and law["id"] not in listed:
            change, day = _change(law, year)
            rows.append(DraftRow(fields=RowFields(law_text=f"《{law['title']}》"),
                                 note=f"新{change}：{chinese_date(day)}{change}，本单位职责所涉，建议列入并补全普法对象、方式、时间和责任人"))
    return previous["id"], rows


def _change(law: Row, year: int) -> tuple[str, str]:
    """施行 or 修改, and its date, whichever falls in the window (the amendment when both do)."""
    since = new_since(year)
    if law["amended"] and law["amended"] >= since:
        return "修改", law["amended"]
    return "施行", law["effective"]


def new_laws(store: CachedStore, actor: Actor, year: int, *, scope: LawScope = LawScope()) -> NewLawsPublic:
    """The year's 新颁法律法规清单: each law new or amended since the start of last year, the units
    responsible for it, and whether their latest revision of the year (a draft too) lists it."""
    actor.require(Permission.READ_ALL)
    laws = sorted(_changed_laws(store, year, scope), key=lambda r: (r["effective"] or "", r["title"]))
    units = responsibility.responsible_units(store, scope, [law["id"] for law in laws])
    latest: dict[str, Row] = {}
    for row in store.read(queries.review.units_checklists(sorted({u for us in units.values() for u in us}))):
        if row["year"] == year and (row["unit_id"] not in latest or row["revision"] > latest[row["unit_id"]]["revision"]):
            latest[row["unit_id"]] = row
    law_ids = {row["id"]: set(row.get("law_ids") or ()) for row in latest.values()}
    names = unit_names(store, {u for us in units.values() for u in us})
    briefs = fetch_law_briefs(store, [law["id"] for law in laws])
    data = []
    for law in laws:
        if law["id"] not in briefs:
            continue
        change, day = _change(law, year)
        concerned = []
        for unit_id in sorted(units.get(law["id"], []), key=lambda u: (names.get(u) or "", u)):
            revision = latest.get(unit_id)
            concerned.append(NewLawUnitPublic(
                unit=UnitBriefPublic(id=unit_id, name=names.get(unit_id)),
                listed=bool(revision) and law["id"] in law_ids[revision["id"]],
                checklist_id=revision["id"] if revision else None,
                state=state_of(revision).value if revision else None))
        data.append(NewLawPublic(law=briefs[law["id"]], change=change, date=day, units=concerned))
    return NewLawsPublic(year=year, since=new_since(year), data=data, count=len(data))


def new_laws_sheet(answer: NewLawsPublic, region: str | None = None) -> Sheet:
    """新颁法律法规清单 as a bureau issues it: each law, its change and date, and the units it concerns (those whose
    checklist of the year does not list it yet marked 待列入)."""
    rows = [[number, found.law.title, found.law.level, found.change, chinese_date(found.date),
             "、".join(f"{unit.unit.name or unit.unit.id}{'' if unit.listed else '（待列入）'}" for unit in found.units)]
            for number, found in enumerate(answer.data, start=1)]
    return Sheet("新颁法律法规清单", ["序号", "法律法规", "位阶", "变化", "日期", "涉及单位"], rows,
                 title=f"{region or ''}{answer.year}年度新颁法律法规清单")
