"""The one interface both graph engines implement: reads, write transactions, the graph stamps.

Reads are shared Cypher (`graph.query.Query`), with a per-dialect override where LadybugDB and
Neo4j disagree. Writes go through a `GraphWriteTx` so that a group of writes (one checklist,
one batch of laws) lands whole or not at all. Every write transaction also stamps the graph
(GraphState, fresh tokens): the graph's own stamp, and that of each table it wrote (a label or
a relationship type, as `graph.footprint` tells from its statements). Whoever keeps answers
(domain.base.cache) keeps each until a table it read is stamped again, so a checklist upload leaves
the catalogue's answers standing. The stamps live in the graph, so writes by another process
count too. A commit also gives its stamp to each law whose parts it wrote (`Law.parts_stamp`, the
laws told from the rows and edges written: graph.schema.LAW_PARTS), so that what is worked out per
law (domain.catalogue.relevance) is read again after a catalogue write for those laws only.

Asking for the stamps costs no round trip where the store can tell (`KnownStamp`): a store
remembers the stamps its own commits wrote, and reads the graph's again only once what it knows
is older than its recheck interval (never, for a LadybugDB file only this process can write).
"""

from __future__ import annotations

import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from graph.footprint import ADJACENT, STAMPS, TABLES, Footprint, noted
from graph.query import Query, Row
from graph.schema import LAW_PARTS, NODES, RELS, node_type, rel_type

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


class GraphWriteTx(ABC):
    """Writes inside one transaction of the owning store, which notes the tables each one writes and
    the laws whose parts it writes (their `parts_stamp` is renewed at the commit)."""

    def __init__(self) -> None:
        self.written = Footprint()
        """The tables written so far; the commit stamps them."""
        self.laws = LawsWritten()

    def run(self, query: Query) -> list[Row]:
        """Run one statement in this transaction."""
        writes = query.writes
        self.written.add(writes)
        if writes is None or writes & LAW_PARTS:
            self.laws.every_law()
        return self._run(query)

    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        """Create or update nodes by `id`; every schema property is set (missing ones to null)."""
        self.written.add(frozenset([label]))
        if label in LAW_PARTS:
            self.laws.nodes(label, rows)
        return self._upsert_nodes(label, rows)

    def upsert_edges(self, rel: str, rows: Sequence[Row]) -> int:
        """Create or update edges keyed by (`src`, `dst`); both endpoints must exist."""
        self.written.add(frozenset([rel]))
        if rel in LAW_PARTS:
            self.laws.edges_from(rel, (row["src"] for row in rows))
        return self._upsert_edges(rel, rows)

    def delete_edges_from(self, rel: str, source_ids: Sequence[str]) -> None:
        """Remove every `rel` edge leaving these nodes, so a re-ingest replaces them."""
        self.written.add(frozenset([rel]))
        if rel in LAW_PARTS:
            self.laws.edges_from(rel, source_ids)
        self._delete_edges_from(rel, source_ids)

    def delete_nodes(self, label: str, ids: Sequence[str]) -> None:
        """Remove these nodes and their edges."""
        self.written.add(frozenset([label, *ADJACENT[label]]))
        if label in PART_NODES:  # their laws are read while they are still there
            self.laws.found(row["law_id"] for row in self._run(law_ids_of(label, ids)) if row["law_id"])
        elif label != "Law" and ADJACENT[label] & LAW_PARTS:
            self.laws.every_law()
        self._delete_nodes(label, ids)

    def stamp(self) -> tuple[str, frozenset[str] | None]:
        """Stamp what this transaction wrote, just before it commits: (the stamp, the tables). The laws
        whose parts it wrote get the same stamp."""
        law_ids = self.laws.resolved(self._run)
        renews_laws = law_ids is None or bool(law_ids)
        if renews_laws:
            self.written.add(frozenset(["Law"]))
        written = self.written.frozen()
        stamp, queries = new_stamps(written)
        if renews_laws:
            self._run(renew_parts_stamps(law_ids, stamp))
        for query in queries:
            self._run(query)
        return stamp, written

    @abstractmethod
    def _run(self, query: Query) -> list[Row]: ...

    @abstractmethod
    def _upsert_nodes(self, label: str, rows: Sequence[Row]) -> int: ...

    @abstractmethod
    def _upsert_edges(self, rel: str, rows: Sequence[Row]) -> int: ...

    @abstractmethod
    def _delete_edges_from(self, rel: str, source_ids: Sequence[str]) -> None: ...

    @abstractmethod
    def _delete_nodes(self, label: str, ids: Sequence[str]) -> None: ...


class GraphStore(ABC):
    """A graph database holding the Pufa schema."""

    kind: str
    location: str
    remote: bool
    """The engine is a server reached over the network (its calls wait for it), not in this process."""

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers; one call, whatever the graph holds."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables, constraints and indexes that do not exist yet (idempotent)."""

    def read(self, query: Query) -> list[Row]:
        """Run a read query and return its rows as dicts keyed by the RETURN aliases; its tables are
        noted for whatever is being worked out from them (`graph.footprint.reading`)."""
        noted(query.reads)
        return self._read(query)

    @abstractmethod
    def _read(self, query: Query) -> list[Row]: ...

    def stamps(self) -> GraphStamps | None:
        """The graph stamps (None before the first write), as this store knows them (`KnownStamp`):
        its own writes at once, other processes' within the store's recheck interval."""
        return self.known_stamp.current()

    def stamp(self) -> str | None:
        """The graph's own stamp: a token every write transaction renews."""
        stamps = self.stamps()
        return stamps.graph if stamps else None

    known_stamp: KnownStamp

    def read_stamps(self) -> GraphStamps | None:
        """The stamps as the graph holds them now: one read."""
        return GraphStamps.from_rows(self.read(GRAPH_STAMPS))

    def read_stamp(self) -> str | None:
        stamps = self.read_stamps()
        return stamps.graph if stamps else None

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[GraphWriteTx]:
        """Yield a write transaction committed on exit and rolled back on any error."""

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship (tests, benchmarks); the schema stays."""

    @abstractmethod
    def close(self) -> None: ...

    def upsert_nodes(self, label: str, rows: Iterable[Row]) -> int:
        with self.transaction() as tx:
            return tx.upsert_nodes(label, list(rows))

    def upsert_edges(self, rel: str, rows: Iterable[Row]) -> int:
        with self.transaction() as tx:
            return tx.upsert_edges(rel, list(rows))

    def counts(self) -> dict[str, int]:
        """Node count per label (a read per label): the status figure the API and the CLI show."""
        return {label: self.read(count_nodes(label))[0]["n"] for label in NODES}

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def count_nodes(label: str) -> Query:
    node_type(label)
    return Query("count_nodes", f"MATCH (n:{label}) RETURN count(n) AS n")


def full_rows(label: str, rows: Iterable[Row]) -> list[Row]:
    """Rows with exactly the schema's columns, last row winning per id (a batch may repeat one)."""
    columns = node_type(label).columns
    unique: dict[str, Row] = {}
    for row in rows:
        unique[row["id"]] = {column: row.get(column) for column in columns}
    return list(unique.values())


def full_edges(rel: str, rows: Iterable[Row]) -> list[Row]:
    """Edge rows with `src`, `dst` and the schema's properties, last row winning per pair."""
    properties = list(rel_type(rel).properties)
    unique: dict[tuple[str, str], Row] = {}
    for row in rows:
        unique[(row["src"], row["dst"])] = {
            "src": row["src"], "dst": row["dst"], **{p: row.get(p) for p in properties}
        }
    return list(unique.values())
