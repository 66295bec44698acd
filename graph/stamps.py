"""The graph stamps: tokens every write transaction renews, for the graph and for each table it wrote
(a label or a relationship type), and for each law whose parts it wrote (`Law.parts_stamp`).

Whoever keeps answers (domain.base.cache) keeps each until a table it read is stamped again. The
stamps live in the graph (GraphState nodes), so writes by another process count too.

Asking for the stamps costs no round trip where the store can tell (`KnownStamp`): a store
remembers the stamps its own commits wrote, and reads the graph's again only once what it knows
is older than its recheck interval (never, for a LadybugDB file only this process can write).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.footprint import STAMPS, TABLES
from graph.query import Query, Row
from graph.schema import LAW_PARTS, NODES, RELS, node_type

GRAPH = "graph"
"""The GraphState row every commit renews; the others are one per table."""
GRAPH_STAMPS = Query("graph_stamps", f"MATCH (s:{STAMPS}) RETURN s.id AS id, s.stamp AS stamp, s.epoch AS epoch")


@dataclass(frozen=True)
class GraphStamps:
    """The graph's stamp and each table's. A table no commit has stamped yet (one written by an older
    release, or never) holds the epoch: the first stamp since the graph was last empty."""

    graph: str
    epoch: str | None = None
    tables: Mapping[str, str] = field(default_factory=dict)

    def of(self, table: str) -> str | None:
        return self.tables.get(table, self.epoch)

    def renewed(self, stamp: str, written: frozenset[str] | None) -> GraphStamps:
        """After a commit that wrote these tables (None: any) under `stamp`."""
        renewed = dict.fromkeys(TABLES if written is None else written, stamp)
        return GraphStamps(stamp, self.epoch or stamp, {**self.tables, **renewed})

    @classmethod
    def from_rows(cls, rows: list[Row]) -> GraphStamps | None:
        by_id = {row["id"]: row for row in rows}
        graph = by_id.pop(GRAPH, None)
        if graph is None:
            return None
        return cls(graph["stamp"], graph["epoch"], {table: row["stamp"] for table, row in by_id.items()})


def new_stamps(written: frozenset[str] | None) -> tuple[str, list[Query]]:
    """Run by every write transaction before it commits: a fresh stamp for the graph and for the
    tables it wrote (None: every table)."""
    stamp = uuid.uuid4().hex
    tables = sorted(TABLES if written is None else written)
    return stamp, [
        Query("stamp_graph", f"MERGE (s:{STAMPS} {{id: $graph}}) SET s.stamp = $stamp, s.epoch = coalesce(s.epoch, $stamp)",
              {"graph": GRAPH, "stamp": stamp}),
        *([Query("stamp_tables", f"UNWIND $tables AS t MERGE (s:{STAMPS} {{id: t}}) SET s.stamp = $stamp",
                 {"tables": tables, "stamp": stamp})] if tables else []),
    ]


class KnownStamp:
    """The graph stamps as one store object knows them, so that asking for them is usually free.

    A commit through the store renews them at once (`renewed`), so the process always sees its own
    writes. Stamps read from the graph are trusted for `recheck_seconds`, then read again: a write
    by another process is seen within that time. `recheck_seconds=None` never reads again, for a
    store no other process can write; 0 reads every time. The clock is injected for tests."""

    def __init__(self, read: Callable[[], GraphStamps | None], *, recheck_seconds: float | None,
                 clock: Callable[[], float] = time.monotonic):
        self._read = read
        self._recheck_seconds = recheck_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._stamps: GraphStamps | None = None
        self._known_at: float | None = None
        """When the stamps were last read or committed; None: not known, read them."""
        self._changes = 0
        """Counts commits and resets, so that a read begun before one does not overwrite it."""

    def current(self) -> GraphStamps | None:
        now = self._clock()
        with self._lock:
            known_at = self._known_at
            if known_at is not None and (self._recheck_seconds is None or now - known_at < self._recheck_seconds):
                return self._stamps
            changes = self._changes
        stamps = self._read()
        with self._lock:
            if changes != self._changes:
                return self._stamps
            self._stamps, self._known_at = stamps, now
        return stamps

    def committed(self, stamps: GraphStamps | None) -> None:
        """This store left the graph with these stamps (None: it emptied the graph)."""
        with self._lock:
            self._stamps, self._known_at = stamps, self._clock()
            self._changes += 1

    def renewed(self, stamp: str, written: frozenset[str] | None) -> None:
        """This store committed `stamp` for these tables (None: any). Merged into what it knows, under
        the lock, so that two threads' commits both show; unknown stamps are read next time."""
        with self._lock:
            self._changes += 1
            if self._known_at is None:
                return
            base = self._stamps or GraphStamps(stamp)
            self._stamps, self._known_at = base.renewed(stamp, written), self._clock()

    def forget(self) -> None:
        """The stamps are not known any more (a commit whose outcome is unknown): read them next time."""
        with self._lock:
            self._known_at = None
            self._changes += 1


PART_NODES = tuple(label for label in NODES if label in LAW_PARTS and label != "Law")
"""A law's versions and articles: nodes of its parts that carry its `law_id`."""


def law_ids_of(label: str, ids: Sequence[str]) -> Query:
    """The laws these versions or articles (`label`) belong to."""
    return Query("law_ids_of", f"UNWIND $ids AS i MATCH (x:{node_type(label).label} {{id: i}}) "
                 "RETURN DISTINCT x.law_id AS law_id", {"ids": list(ids)})


def renew_parts_stamps(law_ids: Sequence[str] | None, stamp: str) -> Query:
    """Give these laws (None: every law) the commit's stamp as their `parts_stamp`."""
    if law_ids is None:
        return Query("renew_every_parts_stamp", "MATCH (l:Law) SET l.parts_stamp = $stamp", {"stamp": stamp})
    return Query("renew_parts_stamps", "UNWIND $ids AS i MATCH (l:Law {id: i}) SET l.parts_stamp = $stamp",
                 {"ids": sorted(law_ids), "stamp": stamp})


class LawsWritten:
    """The laws a transaction wrote, or one of whose parts (`LAW_PARTS`) it wrote, as it finds out."""

    def __init__(self) -> None:
        self.law_ids: set[str] | None = set()
        """None: possibly every law (a statement whose footprint holds a part, a department type deleted)."""
        self._parts: dict[str, set[str]] = {label: set() for label in PART_NODES}
        """Ids of versions and articles whose law is read at the commit (an edge leaving them was written)."""
        self._law_of: dict[str, str] = {}
        """Version and article id → law id, from the rows written."""

    def every_law(self) -> None:
        self.law_ids = None

    def found(self, law_ids: Iterable[str]) -> None:
        if self.law_ids is not None:
            self.law_ids.update(law_ids)

    def nodes(self, label: str, rows: Sequence[Row]) -> None:
        if label == "Law":
            self.found(row["id"] for row in rows)
            return
        for row in rows:
            if row.get("law_id"):
                self._law_of[row["id"]] = row["law_id"]
                self.found([row["law_id"]])
            else:
                self._parts[label].add(row["id"])

    def edges_from(self, rel: str, source_ids: Iterable[str]) -> None:
        source = RELS[rel].source
        if source == "Law":
            self.found(source_ids)
        else:
            self._parts[source].update(source_ids)

    def resolved(self, run: Callable[[Query], list[Row]]) -> set[str] | None:
        """Every law written: the versions' and articles' laws not known from their rows are read."""
        if self.law_ids is None:
            return None
        for label, ids in self._parts.items():
            unknown = sorted(ids - self._law_of.keys())
            if unknown:
                self.law_ids.update(row["law_id"] for row in run(law_ids_of(label, unknown)) if row["law_id"])
        return self.law_ids
