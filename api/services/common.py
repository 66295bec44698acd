"""Small helpers every answer uses: the default year, paging, evidence rows, sort keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from api.models import ArticleMatchPublic, ItemEvidencePublic, LawBriefPublic, UnitBriefPublic, UnitPublic
from graph import queries
from graph.store import GraphStore, Query, Row
from ingest.records import LEVELS
from pufa.errors import NotFound

T = TypeVar("T")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def checklist_year(store: GraphStore, year: int | None) -> int | None:
    """The year asked for, else the latest year any checklist was submitted for."""
    if year is not None:
        return year
    return store.read(queries.latest_checklist_year())[0]["year"]


def unclaimed_laws(store: GraphStore, scope: queries.LawScope, year: int | None) -> list[list]:
    """Laws in scope that no current checklist of the year claims, as [id, level, title]."""
    [claimed] = store.read(queries.claimed_law_ids(year))
    taken = set(claimed["law_ids"] or ())
    return [law for law in store.read(queries.law_sort_keys(scope))[0]["laws"] if law[0] not in taken]


def laws_naming_types(store: GraphStore, scope: queries.LawScope) -> dict[str, frozenset[str]]:
    """Department type id -> the laws in scope whose current version names it (kept until the next
    write: every unit's inferred laws are a union of these, with no per-unit read)."""
    def work_out() -> dict[str, frozenset[str]]:
        laws: dict[str, set[str]] = defaultdict(set)
        for row in store.read(queries.types_named_by_law(scope)):
            for type_id in row["type_ids"]:
                laws[type_id].add(row["law_id"])
        return {type_id: frozenset(law_ids) for type_id, law_ids in laws.items()}

    return store.memoized(("laws_naming_types", scope), work_out)


def page(items: Sequence[T], skip: int, limit: int | None) -> list[T]:
    """One page of a sorted answer; no limit (exports) means all of it."""
    return list(items[skip:] if limit is None else items[skip : skip + limit])


def stored_page(store: GraphStore, page_query: Query, skip: int, count: int) -> list[Row]:
    """A page the store sorts and slices (ORDER BY … SKIP … LIMIT), not asked for when it starts past
    the last row: LadybugDB crashes the whole process (SIGSEGV) on a SKIP thousands past the end."""
    return store.read(page_query) if skip < count else []


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def law_brief(row: Row) -> LawBriefPublic:
    return LawBriefPublic(
        id=row["law_id"], title=row["title"], short_title=row["short_title"], level=row["level"],
        status=row["status"], category=row["category"], region=row["region"], effective=row["effective"],
        is_common=bool(row["is_common"]),
    )


def law_sort_key(law: LawBriefPublic) -> tuple:
    """Higher-ranking levels first (宪法, 法律, 行政法规 …), then by title."""
    return law_order(law.id, law.level, law.title)


def law_order(law_id: str, level: str | None, title: str | None) -> tuple:
    return LEVEL_RANK.get(level or "", len(LEVEL_RANK)), title or "", law_id


def fetch_law_briefs(store: GraphStore, law_ids: Iterable[str]) -> dict[str, LawBriefPublic]:
    """The laws among these ids, from every law's brief (read once per graph stamp)."""
    briefs = store.memoized(("law_briefs",), lambda: {row["law_id"]: law_brief(row)
                                                       for row in store.read(queries.all_law_briefs())})
    return {law_id: briefs[law_id] for law_id in set(law_ids) if law_id in briefs}


def item_evidence(row: Row) -> ItemEvidencePublic:
    return ItemEvidencePublic(
        unit_id=row["unit_id"], unit_name=row["unit_name"], checklist_id=row["checklist_id"],
        item_id=row["item_id"], row=row["row"], source=row["source"], law_text=row["law_text"],
        surface=row.get("surface"),
    )


def item_sort_key(item: ItemEvidencePublic) -> tuple:
    return item.unit_name or "", item.unit_id, item.checklist_id, item.row or 0, item.item_id


def row_evidence(rows: Iterable[Row]) -> list[ItemEvidencePublic]:
    """Checklist rows as evidence, by unit, checklist and row."""
    return sorted(map(item_evidence, rows), key=item_sort_key)


def article_match(row: Row) -> ArticleMatchPublic:
    return ArticleMatchPublic(
        article_id=row["article_id"], label=row["article_label"], department_type_id=row["type_id"],
        department_type=row["type_name"], gov_level=row["gov_level"], role=row["role"],
    )


def article_sort_key(row: Row) -> tuple:
    return row["seq"] if row["seq"] is not None else 0, row["article_id"], row["type_id"]


def unit_brief(store: GraphStore, unit_id: str) -> UnitBriefPublic:
    """The unit, or NotFound."""
    rows = store.read(queries.unit_brief(unit_id))
    if not rows:
        raise NotFound(f"no unit with id {unit_id!r}")
    return UnitBriefPublic(id=rows[0]["unit_id"], name=rows[0]["unit_name"])


def unit_sort_key(unit: UnitBriefPublic) -> tuple:
    return unit.name or "", unit.id


def unit_public(row: Row) -> UnitPublic:
    return UnitPublic(
        id=row["unit_id"], name=row["unit_name"], aliases=row["aliases"] or [], kind=row["kind"], region=row["region"],
        parent_id=row["parent_id"],
    )


@dataclass
class LawDepartments:
    """Articles of some laws' current versions naming department types, and the units acting as them.

    Loaded with two queries for any number of laws; units come as ids (names are looked up only
    for the units an answer shows, see unit_names).
    """

    matches: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    """Law id -> rows of articles_naming_types_of_laws."""
    acting: dict[str, list[str]] = field(default_factory=dict)
    """Department type id -> ids of the units acting as it."""

    @classmethod
    def load(cls, store: GraphStore, law_ids: Iterable[str]) -> LawDepartments:
        loaded = cls()
        ids = sorted(set(law_ids))
        for row in store.read(queries.articles_naming_types_of_laws(ids)) if ids else []:
            loaded.matches[row["law_id"]].append(row)
        type_ids = sorted({row["type_id"] for rows in loaded.matches.values() for row in rows})
        for row in store.read(queries.units_acting_as(type_ids)) if type_ids else []:
            loaded.acting[row["type_id"]] = row["unit_ids"]
        return loaded

    def by_unit(self, law_id: str) -> dict[str, list[Row]]:
        """Unit id -> the law's articles naming a type the unit acts as."""
        found: dict[str, list[Row]] = defaultdict(list)
        for match in self.matches.get(law_id, []):
            for unit_id in self.acting.get(match["type_id"], []):
                found[unit_id].append(match)
        return found


def unit_names(store: GraphStore, unit_ids: Iterable[str]) -> dict[str, str | None]:
    ids = sorted(set(unit_ids))
    return {row["unit_id"]: row["unit_name"] for row in store.read(queries.unit_briefs(ids))} if ids else {}
