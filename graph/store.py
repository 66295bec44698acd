"""The one interface both graph engines implement: reads, write transactions, the graph stamp.

Reads are shared Cypher (`graph.query.Query`), with a per-dialect override where LadybugDB and
Neo4j disagree. Writes go through a `GraphWriteTx` so that a group of writes (one checklist,
one batch of laws) lands whole or not at all. Every write transaction also stamps the graph
(GraphState.stamp, a fresh token): whoever keeps answers (domain.cache) keeps them until the
stamp changes. The stamp lives in the graph, so writes by another process count too.

Asking for the stamp costs no round trip where the store can tell (`KnownStamp`): a store
remembers the stamp its own commits wrote, and reads the graph's again only once what it knows
is older than its recheck interval (never, for a LadybugDB file only this process can write).
"""

from __future__ import annotations

import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from graph.query import Query, Row
from graph.schema import NODES, node_type, rel_type

GRAPH_STAMP = Query("graph_stamp", "MATCH (s:GraphState {id: 'graph'}) RETURN s.stamp AS stamp")


def new_stamp() -> Query:
    """Run by every write transaction before it commits; `params["stamp"]` is the new stamp."""
    return Query("new_stamp", "MERGE (s:GraphState {id: 'graph'}) SET s.stamp = $stamp", {"stamp": uuid.uuid4().hex})


class KnownStamp:
    """The graph stamp as one store object knows it, so that asking for it is usually free.

    A commit through the store sets it at once (`committed`), so the process always sees its own
    writes. A stamp read from the graph is trusted for `recheck_seconds`, then read again: a write
    by another process is seen within that time. `recheck_seconds=None` never reads again, for a
    store no other process can write; 0 reads every time. The clock is injected for tests."""

    def __init__(self, read: Callable[[], str | None], *, recheck_seconds: float | None,
                 clock: Callable[[], float] = time.monotonic):
        self._read = read
        self._recheck_seconds = recheck_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._known_at: float | None = None
        """When the stamp was last read or committed; None: not known, read it."""
        self._changes = 0
        """Counts commits and resets, so that a read begun before one does not overwrite it."""

    def current(self) -> str | None:
        now = self._clock()
        with self._lock:
            known_at = self._known_at
            if known_at is not None and (self._recheck_seconds is None or now - known_at < self._recheck_seconds):
                return self._stamp
            changes = self._changes
        stamp = self._read()
        with self._lock:
            if changes != self._changes:
                return self._stamp
            self._stamp, self._known_at = stamp, now
        return stamp

    def committed(self, stamp: str | None) -> None:
        """This store wrote `stamp` (None: it emptied the graph)."""
        with self._lock:
            self._stamp, self._known_at = stamp, self._clock()
            self._changes += 1

    def forget(self) -> None:
        """The stamp is not known any more (a commit whose outcome is unknown): read it next time."""
        with self._lock:
            self._known_at = None
            self._changes += 1


class GraphWriteTx(ABC):
    """Writes inside one transaction of the owning store."""

    @abstractmethod
    def run(self, query: Query) -> list[Row]:
        """Run one statement in this transaction."""

    @abstractmethod
    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        """Create or update nodes by `id`; every schema property is set (missing ones to null)."""

    @abstractmethod
    def upsert_edges(self, rel: str, rows: Sequence[Row]) -> int:
        """Create or update edges keyed by (`src`, `dst`); both endpoints must exist."""

    @abstractmethod
    def delete_edges_from(self, rel: str, source_ids: Sequence[str]) -> None:
        """Remove every `rel` edge leaving these nodes, so a re-ingest replaces them."""

    @abstractmethod
    def delete_nodes(self, label: str, ids: Sequence[str]) -> None:
        """Remove these nodes and their edges."""


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

    @abstractmethod
    def read(self, query: Query) -> list[Row]:
        """Run a read query and return its rows as dicts keyed by the RETURN aliases."""

    def stamp(self) -> str | None:
        """The graph stamp: a token every write transaction renews (None before the first write),
        as this store knows it (`KnownStamp`): its own writes at once, other processes' within the
        store's recheck interval."""
        return self.known_stamp.current()

    known_stamp: KnownStamp

    def read_stamp(self) -> str | None:
        """The stamp as the graph holds it now: one read."""
        stamps = self.read(GRAPH_STAMP)
        return stamps[0]["stamp"] if stamps else None

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
