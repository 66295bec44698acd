"""What the law texts say about units: which laws name which department types, which units act as
those types, and which laws no current checklist claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from domain.base.cache import CachedStore, kept_until_write
from domain.base.tally import claimed_law_ids
from domain.catalogue.relevance import EvidenceByType, Relevance, evidence_of_laws, relevance
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row


def unclaimed_laws(store: CachedStore, scope: LawScope, year: int | None) -> list[list]:
    """Laws in scope that no current checklist of the year claims, as [id, level, title]."""
    taken = claimed_law_ids(store, year)
    return [law for law in store.read(queries.laws.law_sort_keys(scope))[0]["laws"] if law[0] not in taken]


@kept_until_write
def responsible_units(store: CachedStore) -> dict[str, frozenset[str]]:
    """Department type id → the units acting as it that answer for it: a section acting as a type its
    parent unit acts as too (县公安局交警大队 under 县公安局) is its parent's part, not a second owner."""
    units = {unit_id: parent_id for unit_id, _, parent_id in store.read(queries.units.units_overview())[0]["units"]}
    acting = {row["type_id"]: set(row["unit_ids"]) for row in store.read(queries.departments.units_by_type())}

    def parent_acts(unit_id: str, members: set[str]) -> bool:
        seen: set[str] = set()
        while (unit_id := units.get(unit_id)) is not None and unit_id not in seen:
            if unit_id in members:
                return True
            seen.add(unit_id)
        return False

    return {type_id: frozenset(unit for unit in members if not parent_acts(unit, members))
            for type_id, members in acting.items()}


def law_departments(store: CachedStore, law_ids: Iterable[str]) -> LawDepartments:
    """What the catalogue and the register say of these laws' units, kept per set of laws: it reads
    no checklist, so a campaign or a shared law right after an upload ranks its units from it."""
    return _law_departments(store, tuple(sorted(set(law_ids))))


@kept_until_write
def _law_departments(store: CachedStore, law_ids: tuple[str, ...]) -> LawDepartments:
    return LawDepartments.load(store, law_ids)


@dataclass
class LawDepartments:
    """Articles of some laws' current versions naming department types, the units acting as them,
    and the laws' evidence per type. Read-only once loaded (it is kept and shared).

    Loaded with one query for any number of laws; units come as ids, those answering for each type
    (`responsible_units`; names are looked up only for the units an answer shows, see briefs.unit_names).
    """

    matches: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    """Law id -> rows of articles_naming_types_of_laws."""
    acting: dict[str, list[str]] = field(default_factory=dict)
    """Department type id -> ids of the units answering for it."""
    evidence: EvidenceByType = field(default_factory=dict)
    """`domain.catalogue.relevance.evidence_of_laws` of the laws loaded."""
    _relevances: dict[str, list[tuple[str, list[Row], Relevance | None]]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: CachedStore, law_ids: Iterable[str]) -> LawDepartments:
        ids = sorted(set(law_ids))
        loaded = cls(evidence=evidence_of_laws(store, ids))
        for row in store.read(queries.departments.articles_naming_types_of_laws(ids)) if ids else []:
            loaded.matches[row["law_id"]].append(row)
        responsible = responsible_units(store)
        for type_id in {row["type_id"] for rows in loaded.matches.values() for row in rows} | loaded.evidence.keys():
            loaded.acting[type_id] = sorted(responsible.get(type_id, ()))
        return loaded

    @cached_property
    def types_by_unit(self) -> dict[str, frozenset[str]]:
        """Unit id -> the types (of those these laws name) it answers for; worked out once, for a
        campaign asks it for each of its groups (a province's 15,000 units)."""
        types: dict[str, set[str]] = defaultdict(set)
        for type_id, unit_ids in self.acting.items():
            for unit_id in unit_ids:
                types[unit_id].add(type_id)
        return {unit_id: frozenset(found) for unit_id, found in types.items()}

    def by_unit(self, law_id: str) -> dict[str, list[Row]]:
        """Unit id -> the law's articles naming a type the unit acts as; none for a unit whose type the law
        makes principal without an article naming it (its issuer's: 司法部 and 律师执业管理办法)."""
        found: dict[str, list[Row]] = defaultdict(list)
        for match in self.matches.get(law_id, []):
            for unit_id in self.acting.get(match["type_id"], []):
                found[unit_id].append(match)
        for type_id, of_laws in self.evidence.items():
            if law_id in of_laws:
                for unit_id in self.acting.get(type_id, []):
                    found.setdefault(unit_id, [])
        return found

    def relevances(self, law_id: str) -> list[tuple[str, list[Row], Relevance | None]]:
        """Each unit of `by_unit(law_id)` with its matching articles and the law's relevance to it,
        worked out once per law and per set of types (a province's thousands of units share a few
        hundred). Read-only."""
        if law_id not in self._relevances:
            found: dict[frozenset[str], Relevance | None] = {}
            listed = []
            for unit_id, matches in self.by_unit(law_id).items():
                types = self.types_by_unit[unit_id]
                if types not in found:
                    found[types] = relevance(self.evidence, types, law_id)
                listed.append((unit_id, matches, found[types]))
            self._relevances[law_id] = listed
        return self._relevances[law_id]
