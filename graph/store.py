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
The stamps themselves, and what a transaction wrote, are in `graph.stamps`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from graph.footprint import ADJACENT, Footprint, noted
from graph.query import Query, Row
from graph.schema import LAW_PARTS, NODES, node_type, rel_type
from graph.stamps import (
    GRAPH_STAMPS,
    PART_NODES,
    GraphStamps,
    KnownStamp,
    LawsWritten,
    law_ids_of,
    new_stamps,
    renew_parts_stamps,
)


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
