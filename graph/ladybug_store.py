"""LadybugDB, the embedded default store.

Lookups by id go through `UNWIND $ids … {id: i}` (a primary-key probe); `WHERE id IN $list`
scans the table once per list element there. New nodes and edges are bulk-loaded with `COPY … FROM` an Arrow table (UNWIND-CREATE runs at
a few hundred edges per second there); updates of existing ones go through `LOAD FROM` the
same Arrow table. COPY aborts the process on a duplicate primary key, so rows are split into
new and existing ones before anything is copied.

Reads go through a connection of their own: LadybugDB lets them run while a write transaction
is open on the writer's connection, and they see the graph as last committed (as Neo4j's reads
do), so an upload or an ingest job does not hold up the API.

Memory staged by `COPY`/`LOAD FROM` stays pinned in the buffer pool until the connection that
ran it closes (neither COMMIT nor CHECKPOINT frees it): a long-running server would fill its
pool after some hundreds of uploads. So a transaction that staged rows ends by reopening the
connection, which costs well under a millisecond.

Only one process may open a file for writing, so the writing process knows every write: its
stamp is read from the graph once and then kept from its own commits (no read per request). A
read-only open beside the writer is allowed by the engine but sees the graph as it was when it
opened, never a later commit (tests/graph/test_ladybug_processes.py), so it keeps its stamp too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import ladybug
import pyarrow as pa

from graph.query import Query, Row
from graph.schema import BOOL, DOUBLE, INT, NODES, RELS, STRING, STRINGS, NodeType, node_type, rel_type
from graph.stamps import KnownStamp
from graph.store import GraphStore, GraphWriteTx, full_edges, full_rows
from pufa.errors import StoreError, StoreUnavailable

ARROW_TYPES = {
    STRING: pa.string(), INT: pa.int64(), BOOL: pa.bool_(), DOUBLE: pa.float64(),
    STRINGS: pa.list_(pa.string()),
}


def _arrow_table(columns: dict[str, str], rows: Sequence[Row]) -> pa.Table:
    return pa.table(
        {name: pa.array([row[name] for row in rows], ARROW_TYPES[kind]) for name, kind in columns.items()}
    )


def _ddl() -> list[str]:
    statements = [
        "CREATE NODE TABLE IF NOT EXISTS {label}({columns}, PRIMARY KEY(id))".format(
            label=node.label,
            columns=", ".join(["id STRING", *(f"{p} {t}" for p, t in node.properties.items())]),
        )
        for node in NODES.values()
    ]
    statements += [
        "CREATE REL TABLE IF NOT EXISTS {name}(FROM {source} TO {target}{props})".format(
            name=rel.name, source=rel.source, target=rel.target,
            props="".join(f", {p} {t}" for p, t in rel.properties.items()),
        )
        for rel in RELS.values()
    ]
    # A store created by an older release lacks properties added since: add them in place.
    statements += [
        f"ALTER TABLE {table.label if isinstance(table, NodeType) else table.name} ADD IF NOT EXISTS {p} {t}"
        for table in (*NODES.values(), *RELS.values())
        for p, t in table.properties.items()
    ]
    return statements


class LadybugWriteTx(GraphWriteTx):
    def __init__(self, store: LadybugStore):
        super().__init__()
        self._store = store

    def _run(self, query: Query) -> list[Row]:
        return self._store._execute(query.text("ladybug"), dict(query.params))

    def _existing_ids(self, label: str, ids: list[str]) -> set[str]:
        rows = self._store._execute(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id", {"ids": ids})
        return {row["id"] for row in rows}

    def _upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        node = node_type(label)
        rows = full_rows(label, rows)
        if not rows:
            return 0
        existing = self._existing_ids(label, [row["id"] for row in rows])
        columns = self._store.copy_columns(label)
        fresh = [row for row in rows if row["id"] not in existing]
        stale = [row for row in rows if row["id"] in existing]
        if fresh:
            self._store._staged(f"COPY {label} FROM $staged", _arrow_table(columns, fresh))
        if stale and node.properties:
            assignments = ", ".join(f"node_.{p} = {p}" for p in node.properties)
            self._store._staged(
                f"LOAD FROM $staged MATCH (node_:{label} {{id: id}}) SET {assignments}",
                _arrow_table(columns, stale),
            )
        return len(rows)

    def _upsert_edges(self, rel: str, rows: Sequence[Row]) -> int:
        kind = rel_type(rel)
        rows = full_edges(rel, rows)
        if not rows:
            return 0
        self._require_endpoints(kind.source, {row["src"] for row in rows}, rel)
        self._require_endpoints(kind.target, {row["dst"] for row in rows}, rel)
        existing = {
            (row["src"], row["dst"])
            for row in self._store._execute(
                f"UNWIND $ids AS i MATCH (a:{kind.source} {{id: i}})-[:{rel}]->(b:{kind.target}) "
                "RETURN a.id AS src, b.id AS dst",
                {"ids": sorted({row["src"] for row in rows})},
            )
        }
        columns = {"src": "STRING", "dst": "STRING", **self._store.copy_columns(rel)}
        fresh = [row for row in rows if (row["src"], row["dst"]) not in existing]
        stale = [row for row in rows if (row["src"], row["dst"]) in existing]
        if fresh:
            self._store._staged(f"COPY {rel} FROM $staged", _arrow_table(columns, fresh))
        if stale and kind.properties:
            assignments = ", ".join(f"edge_.{p} = {p}" for p in kind.properties)
            self._store._staged(
                f"LOAD FROM $staged MATCH (a:{kind.source} {{id: src}})-[edge_:{rel}]->"
                f"(b:{kind.target} {{id: dst}}) SET {assignments}",
                _arrow_table(columns, stale),
            )
        return len(rows)

    def _require_endpoints(self, label: str, ids: set[str], rel: str) -> None:
        missing = ids - self._existing_ids(label, sorted(ids))
        if missing:
            sample = ", ".join(sorted(missing)[:5])
            raise StoreError(f"{rel}: {len(missing)} {label} endpoint(s) do not exist, e.g. {sample}")

    def _delete_edges_from(self, rel: str, source_ids: Sequence[str]) -> None:
        kind = rel_type(rel)
        self._store._execute(
            f"UNWIND $ids AS i MATCH (a:{kind.source} {{id: i}})-[e:{rel}]->(:{kind.target}) DELETE e",
            {"ids": list(source_ids)},
        )

    def _delete_nodes(self, label: str, ids: Sequence[str]) -> None:
        node_type(label)
        self._store._execute(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"ids": list(ids)})


class LadybugStore(GraphStore):
    """A LadybugDB database file; one process at a time may open it for writing."""

    kind = "ladybug"
    remote = False

    def __init__(self, path: str | Path, *, read_only: bool = False, buffer_pool_mb: int = 2048):
        self.location = str(path)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(target), read_only=read_only, buffer_pool_size=buffer_pool_mb * 1024 * 1024)
            self._conn = ladybug.Connection(self._db)
            self._reader = ladybug.Connection(self._db)
        except RuntimeError as exc:
            reason = " ".join(str(exc).split())
            if "lock" in reason.lower():
                reason = f"another process holds it (only one process may open a LadybugDB file for writing): {reason}"
            raise StoreUnavailable(f"cannot open LadybugDB at {target}: {reason}") from None
        # LadybugDB connections are not meant to be shared concurrently: each of the two serves
        # one statement at a time, and a write transaction holds the writer's for its whole length.
        self._lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._in_transaction = False
        self._pinned = False
        self._columns: dict[str, dict[str, str]] = {}
        self.known_stamp = KnownStamp(self.read_stamps, recheck_seconds=None)

    def _execute(self, cypher: str, params: dict | None = None) -> list[Row]:
        """A statement on the writer's connection (writes, schema, and what a transaction reads)."""
        with self._lock:
            return _rows(self._conn, cypher, params)

    def _staged(self, cypher: str, staged: pa.Table) -> None:
        """Run a statement over an Arrow table; its memory is pinned until the connection reopens."""
        self._pinned = True
        self._execute(cypher, {"staged": staged})

    def _release_staged(self) -> None:
        if self._pinned:
            self._conn.close()
            self._conn = ladybug.Connection(self._db)
            self._pinned = False

    def ping(self) -> None:
        """The database lives in this process, so it answers while it is open. A `RETURN 1` would
        prove no more (it reads no page) and would wait behind the reader's long answers, failing
        health checks under load; under load it also cost 0.5 ms of a 0.8 ms /health."""
        if self._db.is_closed:
            raise StoreUnavailable(f"LadybugDB at {self.location} is closed")

    def ensure_schema(self) -> None:
        for statement in _ddl():
            self._execute(statement)
        self._columns.clear()

    def copy_columns(self, table: str) -> dict[str, str]:
        """A table's columns with their types in the order the table holds them: COPY and LOAD FROM
        match Arrow columns by position, and a store created by an older release has the properties
        added since (ALTER TABLE … ADD) at the end, wherever the schema declares them."""
        if table not in self._columns:
            declared = {"id": STRING, **node_type(table).properties} if table in NODES else rel_type(table).properties
            stored = [row["name"] for row in self._execute(f"CALL table_info('{table}') RETURN *")]
            self._columns[table] = {name: declared[name] for name in stored if name in declared}
        return self._columns[table]

    def _read(self, query: Query) -> list[Row]:
        with self._read_lock:
            return _rows(self._reader, query.text("ladybug"), dict(query.params))

    @contextmanager
    def transaction(self) -> Iterator[GraphWriteTx]:
        with self._lock:
            if self._in_transaction:
                raise StoreError("LadybugDB transactions do not nest")
            self._execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                tx = LadybugWriteTx(self)
                yield tx
                stamp, written = tx.stamp()
            except BaseException:
                self._rollback()
                raise
            else:
                self._commit(stamp, written)
            finally:
                self._in_transaction = False
                self._release_staged()

    def _commit(self, stamp: str, written: frozenset[str] | None) -> None:
        try:
            self._execute("COMMIT")
        except BaseException:
            self.known_stamp.forget()
            raise
        self.known_stamp.renewed(stamp, written)

    def _rollback(self) -> None:
        """Roll back, unless LadybugDB already did (it aborts a transaction an error broke)."""
        try:
            self._execute("ROLLBACK")
        except StoreError as exc:
            if "No active transaction" not in str(exc):
                raise

    def clear(self) -> None:
        try:
            self._execute("MATCH (n) DETACH DELETE n")
        except BaseException:
            self.known_stamp.forget()
            raise
        self.known_stamp.committed(None)

    def close(self) -> None:
        self._reader.close()
        self._conn.close()
        self._db.close()


def _rows(connection: ladybug.Connection, cypher: str, params: dict | None) -> list[Row]:
    try:
        result = connection.execute(cypher, params or {})
    except RuntimeError as exc:
        raise StoreError(f"LadybugDB: {exc}") from None
    columns = result.get_column_names()
    rows = [dict(zip(columns, values)) for values in result.get_all()]
    result.close()
    return rows
