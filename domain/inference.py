"""What the law texts say about units: which laws name which department types, which units act as
those types, and which laws no current checklist claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.cache import CachedStore, kept_until_write
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row


def unclaimed_laws(store: CachedStore, scope: LawScope, year: int | None) -> list[list]:
    """Laws in scope that no current checklist of the year claims, as [id, level, title]."""
    [claimed] = store.read(queries.checklists.claimed_law_ids(year))
    taken = set(claimed["law_ids"] or ())
    return [law for law in store.read(queries.laws.law_sort_keys(scope))[0]["laws"] if law[0] not in taken]


@kept_until_write
def laws_naming_types(store: CachedStore, scope: LawScope) -> dict[str, frozenset[str]]:
    """Department type id -> the laws in scope whose current version names it (every unit's
    inferred laws are a union of these, with no per-unit read)."""
    laws: dict[str, set[str]] = defaultdict(set)
    for row in store.read(queries.departments.types_named_by_law(scope)):
        for type_id in row["type_ids"]:
            laws[type_id].add(row["law_id"])
    return {type_id: frozenset(law_ids) for type_id, law_ids in laws.items()}


@dataclass
class LawDepartments:
    """Articles of some laws' current versions naming department types, and the units acting as them.

    Loaded with two queries for any number of laws; units come as ids (names are looked up only
    for the units an answer shows, see briefs.unit_names).
    """

    matches: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    """Law id -> rows of articles_naming_types_of_laws."""
    acting: dict[str, list[str]] = field(default_factory=dict)
    """Department type id -> ids of the units acting as it."""

    @classmethod
    def load(cls, store: CachedStore, law_ids: Iterable[str]) -> LawDepartments:
        loaded = cls()
        ids = sorted(set(law_ids))
        for row in store.read(queries.departments.articles_naming_types_of_laws(ids)) if ids else []:
            loaded.matches[row["law_id"]].append(row)
        type_ids = sorted({row["type_id"] for rows in loaded.matches.values() for row in rows})
        for row in store.read(queries.departments.units_acting_as(type_ids)) if type_ids else []:
            loaded.acting[row["type_id"]] = row["unit_ids"]
        return loaded

    def by_unit(self, law_id: str) -> dict[str, list[Row]]:
        """Unit id -> the law's articles naming a type the unit acts as."""
        found: dict[str, list[Row]] = defaultdict(list)
        for match in self.matches.get(law_id, []):
            for unit_id in self.acting.get(match["type_id"], []):
                found[unit_id].append(match)
        return found
