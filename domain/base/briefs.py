"""How answers name what they are about: laws, units, checklist rows and articles, and the order
they are listed in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from domain.base.cache import CachedStore, kept_until_write
from domain.base.models import (
    EVIDENCE_SHOWN,
    ArticleMatchPublic,
    ItemEvidencePublic,
    LawBriefPublic,
    UnitBriefPublic,
    UnitPublic,
)
from domain.base.redaction import without_contacts
from graph import queries
from graph.query import Row
from pufa.vocab import LEVELS

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
ROLE_RANK = {"duty": 0, "power": 1, "mention": 2}
FEW_LAWS = 200
"""Up to this many laws are read by id when every law's brief is not kept yet: right after a write,
a page of 20 shared laws reads 20 briefs (2 ms), not 5,000 (40 ms)."""


def law_brief(row: Row) -> LawBriefPublic:
    """A law as `queries.fragments.LAW_BRIEF` returns it."""
    return LawBriefPublic.model_validate({**row, "is_common": bool(row["is_common"])})


def law_sort_key(law: LawBriefPublic) -> tuple:
    """Higher-ranking levels first (宪法, 法律, 行政法规 …), then by title."""
    return law_order(law.id, law.level, law.title)


def law_order(law_id: str, level: str | None, title: str | None) -> tuple:
    return LEVEL_RANK.get(level or "", len(LEVEL_RANK)), title or "", law_id


@kept_until_write
def all_law_briefs(store: CachedStore) -> dict[str, LawBriefPublic]:
    """Every law's brief by id: answers name laws from all over the catalogue, a few at a time."""
    return {row["id"]: law_brief(row) for row in store.read(queries.laws.all_law_briefs())}


def fetch_law_briefs(store: CachedStore, law_ids: Iterable[str]) -> dict[str, LawBriefPublic]:
    """The laws among these ids."""
    ids = set(law_ids)
    if len(ids) > FEW_LAWS or all_law_briefs.is_kept(store):
        briefs = all_law_briefs(store)
        return {law_id: briefs[law_id] for law_id in ids if law_id in briefs}
    return {row["id"]: law_brief(row) for row in store.read(queries.laws.law_briefs(sorted(ids)))} if ids else {}


def item_evidence(row: Row) -> ItemEvidencePublic:
    """A row as evidence in the answers anyone may read (audit, coverage, the dashboard): its typed text
    without contact details."""
    return ItemEvidencePublic(
        unit_id=row["unit_id"], unit_name=row["unit_name"], checklist_id=row["checklist_id"],
        item_id=row["item_id"], row=row["row"], source=row["source"],
        law_text=without_contacts(row["law_text"]) if row["law_text"] is not None else None,
        surface=row.get("surface"),
    )


UPLOADED = re.compile(r"^(.+\.(?:docx|doc|xlsx|xls|csv|txt|pdf|wps))(?::\d+)?$", re.IGNORECASE)
"""A checklist file's name as ingest records it (a sheet's number after a colon)."""


def source_label(source: str | None) -> str:
    """Where a checklist came from as a clerk names it: an uploaded file by its title (上传的《…》),
    never the server's path to it; a source written in words as it is."""
    if not source:
        return "清单"
    name = PurePath(source.replace("\\", "/")).name
    uploaded = UPLOADED.match(name)
    if uploaded or name != source:
        return f"上传的《{PurePath(uploaded.group(1) if uploaded else name).stem}》"
    return source


def where_read(item: ItemEvidencePublic) -> str:
    """Where a claim was read: the file and row as the unit submitted it (上传的《…》第 3 行)."""
    where = source_label(item.source)
    return f"{where}第 {item.row} 行" if item.row is not None else where


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


def strongest_first(matches: list[Row]) -> list[Row]:
    """Articles naming a type, duties first, then powers, then mentions, each in reading order."""
    return sorted(matches, key=lambda row: (ROLE_RANK.get(row["role"], len(ROLE_RANK)), row["seq"] or 0,
                                            row["article_id"], row["type_id"]))


def shown_items(rows: Iterable[Row]) -> tuple[list[ItemEvidencePublic], int]:
    """The first EVIDENCE_SHOWN checklist rows as evidence (by unit, checklist and row), and how many there are."""
    evidence = row_evidence(rows)
    return evidence[:EVIDENCE_SHOWN], len(evidence)


def article_sort_key(row: Row) -> tuple:
    return row["seq"] if row["seq"] is not None else 0, row["article_id"], row["type_id"]


def unit_brief(store: CachedStore, unit_id: str) -> UnitBriefPublic:
    """The unit, or NotFound."""
    row = store.one(queries.units.unit_brief(unit_id), f"no unit with id {unit_id!r}")
    return UnitBriefPublic(id=row["unit_id"], name=row["unit_name"])


def unit_sort_key(unit: UnitBriefPublic) -> tuple:
    return unit.name or "", unit.id


def unit_public(row: Row) -> UnitPublic:
    return UnitPublic(
        id=row["unit_id"], name=row["unit_name"], aliases=row["aliases"] or [], kind=row["kind"], region=row["region"],
        parent_id=row["parent_id"],
    )


def unit_names(store: CachedStore, unit_ids: Iterable[str]) -> dict[str, str | None]:
    ids = sorted(set(unit_ids))
    return {row["unit_id"]: row["unit_name"] for row in store.read(queries.units.unit_briefs(ids))} if ids else {}


@kept_until_write
def all_unit_names(store: CachedStore) -> dict[str, str | None]:
    """Every unit's name by id: province-wide answers name and sort thousands of units, from the
    overview they read anyway."""
    return {unit_id: name for unit_id, name, _ in store.read(queries.units.units_overview())[0]["units"]}
