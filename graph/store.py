"""The one interface both graph engines implement.

Reads are shared Cypher (`Query`), with a per-dialect override where LadybugDB and Neo4j
disagree. Writes go through a `GraphWriteTx` so that a group of writes (one checklist,
one batch of laws) lands whole or not at all.

Every write transaction also stamps the graph (GraphState.stamp, a fresh token). The few
whole-graph reads that every aggregate answer starts from (laws in scope, department types
per law, each checklist's claims) are marked `cached` and kept until the stamp changes; the
stamp lives in the graph, so writes by another process (a CLI ingest into Neo4j) count too.
An answer worked out inside `GraphStore.one_stamp()` reads the stamp once for all its parts.
"""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.schema import NODES, node_type, rel_type

Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    """A named, parameterized Cypher statement; values only ever travel as parameters."""

    name: str
    cypher: str
    params: Mapping[str, Any] = field(default_factory=dict)
    ladybug: str | None = None
    """LadybugDB's spelling of the same statement, where the dialects differ."""
    cached: bool = False
    """Keep the answer until the next write (for whole-graph reads that many answers share)."""
    packed: tuple[str, ...] = ()
    """The RETURN aliases of a read of thousands of small rows. Neo4j's driver pays ~20 µs a
    record, so the Neo4j store fetches such rows packed into one list (2–3× faster); LadybugDB
    reads them as they are (packing costs it more)."""

    def text(self, dialect: str) -> str:
        return self.ladybug if dialect == "ladybug" and self.ladybug else self.cypher

    @property
    def key(self) -> tuple:
        return self.name, self.cypher, repr(sorted(self.params.items()))


_PINNED_STAMPS: ContextVar[dict[int, str | None] | None] = ContextVar("pinned_stamps", default=None)
"""Within `GraphStore.one_stamp()`: each store's stamp as first read there."""

GRAPH_STAMP = Query("graph_stamp", "MATCH (s:GraphState {id: 'graph'}) RETURN s.stamp AS stamp")


def new_stamp() -> Query:
    """Run by every write transaction before it commits."""
    return Query("new_stamp", "MERGE (s:GraphState {id: 'graph'}) SET s.stamp = $stamp", {"stamp": uuid.uuid4().hex})


class ReadCache:
    """Answers of `cached` queries and memoized values for one graph stamp; a new stamp empties it.

    Stamps are random tokens, never reused: a cleared graph has none (nothing is kept) and its
    next write brings a stamp this cache has not seen. Each answer keeps how it was worked out,
    so that those asked for under the previous stamp can be worked out again (`GraphStore.refresh`)."""

    def __init__(self, size: int = 128):
        """`size` answers at the most: enough for every unit page of a county between two writes; a
        province-wide campaign answer is the largest kind (about 1 MB in memory)."""
        self._size = size
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._answers: OrderedDict[tuple, tuple[Any, Callable[[], Any]]] = OrderedDict()
        self._asked_before: list[tuple[tuple, Callable[[], Any]]] = []
        """The previous stamp's keys and computations, most recently used first."""

    def get(self, stamp: str, key: tuple) -> Any:
        with self._lock:
            if stamp != self._stamp or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key][0]

    def put(self, stamp: str, key: tuple, value: Any, compute: Callable[[], Any]) -> None:
        with self._lock:
            self._advance(stamp)
            self._answers[key] = (value, compute)
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)

    def asked_before(self, stamp: str) -> list[tuple[tuple, Callable[[], Any]]]:
        """What was asked under the stamp before this one and is not worked out under this one yet."""
        with self._lock:
            self._advance(stamp)
            return [(key, compute) for key, compute in self._asked_before if key not in self._answers]

    def _advance(self, stamp: str) -> None:
        if stamp != self._stamp:
            self._asked_before = [(key, compute) for key, (_, compute) in reversed(self._answers.items())]
            self._stamp, self._answers = stamp, OrderedDict()


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

    def __init__(self) -> None:
        self._cache = ReadCache()

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables, constraints and indexes that do not exist yet (idempotent)."""

    def read(self, query: Query) -> list[Row]:
        """Run a read query and return its rows as dicts keyed by the RETURN aliases."""
        if not query.cached:
            return self._read(query)
        return [dict(row) for row in self.memoized(query.key, lambda: self._read(query))]

    def memoized(self, key: tuple, compute: Callable[[], T]) -> T:
        """A value worked out from the whole graph (an aggregate answer), kept until the next write.

        Callers must treat it as read-only: later callers get the same object."""
        stamp = self._stamp()
        if stamp is None:
            return compute()
        value = self._cache.get(stamp, key)
        if value is None:
            value = compute()
            self._cache.put(stamp, key, value, compute)
        return value

    def refresh(self, limit: int = 16) -> int:
        """After a write, work out again the answers last asked for (the `limit` most recent), so
        that the next visitors find them ready; returns how many were worked out."""
        stamp = self._stamp()
        if stamp is None:
            return 0
        pending = self._cache.asked_before(stamp)[:limit]
        for key, compute in pending:
            self.memoized(key, compute)
        return len(pending)

    @contextmanager
    def one_stamp(self) -> Iterator[None]:
        """Work out one answer (a page, an API read) under one graph stamp: its cached parts agree
        with each other, and the stamp is read once, not once per part (2 ms each on Neo4j).
        Not for spans that write: their own writes would not show."""
        if _PINNED_STAMPS.get() is not None:
            yield
            return
        token = _PINNED_STAMPS.set({})
        try:
            yield
        finally:
            _PINNED_STAMPS.reset(token)

    def _stamp(self) -> str | None:
        pinned = _PINNED_STAMPS.get()
        if pinned is not None and id(self) in pinned:
            return pinned[id(self)]
        stamps = self._read(GRAPH_STAMP)
        stamp = stamps[0]["stamp"] if stamps else None
        if pinned is not None:
            pinned[id(self)] = stamp
        return stamp

    @abstractmethod
    def _read(self, query: Query) -> list[Row]:
        """Run a read query on the engine."""

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
        """Node count per label: the cheap health figure the API and the CLI show."""
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
