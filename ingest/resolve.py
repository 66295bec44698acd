"""What an ingest resolves names against: the units of the register (by name, alias or short
name) and the laws of the shipped catalogue plus any the graph holds that it lacks."""

from __future__ import annotations

import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch
from ingest.laws.graph import with_common_duty
from ingest.shipped_catalogue import shipped_law_rows
from nlp.catalogue import Catalogue as NameCatalogue
from pufa.laws import LawFacts


class UnitDirectory:
    """Finds a unit by id, name or alias as checklists and their 配合单位 columns write them:
    澄河县卫健委 and 县卫健委 are the same unit, so a name also matches without its place prefix
    (the places of the registry's regions, or a bare 县/市/区), when only one unit has that name."""

    def __init__(self, rows: Iterable[dict]):
        rows = list(rows)
        self._places = sorted({part for row in rows for part in _PLACE.findall(row.get("region") or "")} | {"县", "市", "区"},
                              key=len, reverse=True)
        self._ids: dict[str, str] = {}
        self._regions: dict[str, str | None] = {row["id"]: row.get("region") for row in rows}
        place_free: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for name in (row["id"], row["name"], *(row["aliases"] or [])):
                self._ids.setdefault(_unit_key(name), row["id"])
                place_free[self._without_place(_unit_key(name))].add(row["id"])
        self._place_free = {key: next(iter(ids)) for key, ids in place_free.items() if len(ids) == 1}

    @classmethod
    def of(cls, store: GraphStore) -> UnitDirectory:
        return cls(store.read(queries.units.unit_directory()))

    def find(self, name: str | None) -> str | None:
        if not name:
            return None
        key = _unit_key(name)
        return self._ids.get(key) or self._place_free.get(self._without_place(key))

    def region(self, unit_id: str) -> str | None:
        """The region the register gives the unit: where its checklist's local law names are read."""
        return self._regions.get(unit_id)

    def _without_place(self, key: str) -> str:
        """澄河县公安局, 县公安局 → 公安局."""
        stripped = True
        while stripped:
            stripped = False
            for place in self._places:
                if key.startswith(place) and len(key) > len(place) + 1:
                    key, stripped = key[len(place):], True
                    break
        return key


_PLACE = re.compile(r"[\u4e00-\u9fff]+?(?:省|自治区|市|自治州|州|盟|县|区|旗)")


def _unit_key(name: str) -> str:
    return "".join(name.split())


def resolver_catalogue(store: GraphStore) -> NameCatalogue:
    """The shipped national catalogue plus any law stored in the graph that it lacks (`_laws_catalogue`),
    kept per store until a write stamps a table it reads: building it costs about 0.7 s, and every
    activity saved, checklist uploaded or row edited needs it, while the laws rarely change."""
    version = _laws_version(store)
    with _KEPT_LOCK:
        kept = _KEPT.get(store)
    if version is not None and kept is not None and kept[0] == version:
        return kept[1]
    catalogue = _laws_catalogue(store)
    if version is not None:
        with _KEPT_LOCK:
            _KEPT[store] = (version, catalogue)
    return catalogue


_KEPT: weakref.WeakKeyDictionary[GraphStore, tuple[tuple, NameCatalogue]] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def _laws_version(store: GraphStore) -> tuple | None:
    """The stamps of the tables the catalogue is read from (None: the store has none yet, so nothing is kept)."""
    stamps = store.stamps()
    if stamps is None:
        return None
    tables = queries.laws.law_names().reads
    versions = queries.laws.version_dates().reads
    if tables is None or versions is None:
        return (stamps.graph,)
    return tuple(stamps.of(table) for table in sorted(tables | versions))


def _laws_catalogue(store: GraphStore) -> NameCatalogue:
    """The shipped national catalogue plus any law stored in the graph that it lacks. A law the graph
    holds under an id of its own (a hand-built graph) stands for the catalogue's law of that title,
    so that a name is not ambiguous between the two and claims land on the graph's node. The versions
    are the graph's where it holds some (a sync adds them), so a name with its version (（2025年修订）)
    cites one the graph has."""
    stored = {row["id"]: {key: value for key, value in row.items() if value is not None}
              for row in store.read(queries.laws.law_names())}
    titles = {row.get("title") for row in stored.values()}
    rows = {row["id"]: row for row in shipped_law_rows() if row["id"] in stored or row.get("title") not in titles}
    for law_id, row in stored.items():
        rows.setdefault(law_id, row)
    versions: dict[str, list[dict]] = {}
    for version in store.read(queries.laws.version_dates()):
        versions.setdefault(version["law_id"], []).append(version)
    for law_id, held in versions.items():
        if law_id in rows:
            rows[law_id] = {**rows[law_id], "versions": held}
    return NameCatalogue.from_records(rows.values())


def add_catalogue_laws(store: GraphStore, batch: GraphBatch, law_ids: set[str], catalogue: NameCatalogue) -> None:
    """Add Law nodes (catalogue facts only) for the ids the graph does not hold yet."""
    stored = {row["id"] for row in store.read(queries.nodes.existing_ids("Law", sorted(law_ids)))}
    for law_id in sorted(law_ids - stored):
        law = catalogue.get(law_id)
        batch.add_node("Law", with_common_duty(LawFacts.model_validate(
            {**law.model_dump(), "short_title": law.short_title or law.title.removeprefix("中华人民共和国"),
             "level": law.level or "法律", "status": law.status or "现行有效", "current_version": None})))
