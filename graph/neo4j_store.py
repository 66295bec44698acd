"""Neo4j, the production store, through the official driver.

Writes are batched `UNWIND $rows` statements inside one managed transaction; uniqueness
constraints on every `id` are created with IF NOT EXISTS so start-up is idempotent.

Several processes may write, so the stamp this store knows is read again once it is older than
`stamp_recheck_seconds` (PUFA_STAMP_RECHECK_MS for the service; 0, every time, by default): a
write by another process is seen within that time, this store's own writes at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial

import neo4j
from neo4j import GraphDatabase, NotificationDisabledClassification, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.query import Query, Row
from graph.schema import NODES, node_type, rel_type
from graph.stamps import KnownStamp
from graph.store import GraphStore, GraphWriteTx, full_edges, full_rows
from pufa.errors import StoreError, StoreUnavailable

UNAVAILABLE = (ServiceUnavailable, SessionExpired, OSError)
RETRY_SECONDS = 5.0
"""How long the driver keeps retrying a transaction or a connection before we answer 503. Its
defaults (30 s of retries, 30 s per connection attempt) held every request for about 35 s
while the server was down."""
CLEAR_SLICE = 50_000
CLEAR_RELATIONSHIPS = "MATCH ()-[r]->() WITH r LIMIT $slice DELETE r RETURN count(*) AS deleted"
CLEAR_NODES = "MATCH (n) WITH n LIMIT $slice DELETE n RETURN count(*) AS deleted"


def _rows(result: neo4j.Result) -> list[Row]:
    """Rows as dicts, built from plain values: 40 % faster than the driver's Record.data() on the
    thousands of rows a whole-graph read returns."""
    keys = result.keys()
    return [dict(zip(keys, values)) for values in result.values()]


def _unpacked(columns: tuple[str, ...], result: neo4j.Result) -> list[Row]:
    return [dict(zip(columns, values)) for values in result.single(strict=True)["packed"]]


def _one_line(error: object) -> str:
    return " ".join(str(error).split())


def _ddl() -> list[str]:
    statements = []
    for node in NODES.values():
        statements.append(
            f"CREATE CONSTRAINT {node.label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{node.label}) REQUIRE n.id IS UNIQUE"
        )
        statements += [
            f"CREATE INDEX {node.label.lower()}_{prop} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})"
            for prop in node.text_index
        ]
        statements += [
            f"CREATE TEXT INDEX {node.label.lower()}_{prop}_contains IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})"
            for prop in node.contains_index
        ]
    return statements


class Neo4jWriteTx(GraphWriteTx):
    def __init__(self, tx: neo4j.Transaction, batch_size: int):
        super().__init__()
        self._tx = tx
        self._batch_size = batch_size

    def _run(self, query: Query) -> list[Row]:
        return _rows(self._tx.run(query.cypher, dict(query.params)))

    def _batched(self, cypher: str, rows: list[Row]) -> None:
        for start in range(0, len(rows), self._batch_size):
            self._tx.run(cypher, rows=rows[start : start + self._batch_size]).consume()

    def _upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        node_type(label)
        rows = full_rows(label, rows)
        self._batched(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row", rows)
        return len(rows)

    def _upsert_edges(self, rel: str, rows: Sequence[Row]) -> int:
        kind = rel_type(rel)
        rows = full_edges(rel, rows)
        if not rows:
            return 0
        for label, key in ((kind.source, "src"), (kind.target, "dst")):
            ids = sorted({row[key] for row in rows})
            found = self._tx.run(
                f"MATCH (n:{label}) WHERE n.id IN $ids RETURN count(n) AS n", ids=ids
            ).single()["n"]
            if found != len(ids):
                present = {
                    r["id"] for r in self._tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id", ids=ids)
                }
                sample = ", ".join(sorted(set(ids) - present)[:5])
                raise StoreError(f"{rel}: {len(ids) - found} {label} endpoint(s) do not exist, e.g. {sample}")
        properties = ", ".join(f"e.{p} = row.{p}" for p in kind.properties)
        self._batched(
            f"UNWIND $rows AS row MATCH (a:{kind.source} {{id: row.src}}) "
            f"MATCH (b:{kind.target} {{id: row.dst}}) MERGE (a)-[e:{rel}]->(b)"
            + (f" SET {properties}" if properties else ""),
            rows,
        )
        return len(rows)

    def _delete_edges_from(self, rel: str, source_ids: Sequence[str]) -> None:
        kind = rel_type(rel)
        self._tx.run(
            f"MATCH (a:{kind.source})-[e:{rel}]->(:{kind.target}) WHERE a.id IN $ids DELETE e",
            ids=list(source_ids),
        ).consume()

    def _delete_nodes(self, label: str, ids: Sequence[str]) -> None:
        node_type(label)
        self._tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", ids=list(ids)).consume()


class Neo4jStore(GraphStore):
    kind = "neo4j"
    remote = True

    def __init__(self, uri: str, user: str, password: str, *, database: str = "neo4j", batch_size: int = 5000,
                 stamp_recheck_seconds: float = 0.0, clock: Callable[[], float] = time.monotonic):
        self.location = uri
        self._database = database
        self._batch_size = batch_size
        self.known_stamp = KnownStamp(self.read_stamps, recheck_seconds=stamp_recheck_seconds, clock=clock)
        try:
            # Optional properties are simply absent on nodes that lack them: Neo4j's "property key
            # does not exist" notes (UNRECOGNIZED) would log a warning for most reads.
            self._driver = GraphDatabase.driver(
                uri, auth=(user, password), max_transaction_retry_time=RETRY_SECONDS, connection_timeout=RETRY_SECONDS,
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED])
        except ValueError as exc:
            raise StoreUnavailable(f"invalid Neo4j URI {uri!r}: {exc}") from None

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except AuthError:
            raise StoreUnavailable(f"Neo4j at {self.location} refused the credentials (PUFA_NEO4J_USER/PASSWORD)") from None
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {self.location} is unreachable: {_one_line(exc)}") from None
        except Neo4jError as exc:
            raise StoreError(f"Neo4j: {_one_line(exc.message or exc)}") from None

    def ping(self) -> None:
        with self._translated_errors():
            self._driver.verify_connectivity()

    def ensure_schema(self) -> None:
        with self._translated_errors():
            for statement in _ddl():
                self._driver.execute_query(statement, database_=self._database)

    def _read(self, query: Query) -> list[Row]:
        cypher, transform = query.cypher, _rows
        if query.packed:
            cypher = f"CALL () {{ {query.cypher} }} RETURN collect([{', '.join(query.packed)}]) AS packed"
            transform = partial(_unpacked, query.packed)
        with self._translated_errors():
            return self._driver.execute_query(
                cypher, dict(query.params), database_=self._database, routing_=RoutingControl.READ,
                result_transformer_=transform,
            )

    @contextmanager
    def transaction(self) -> Iterator[GraphWriteTx]:
        with self._translated_errors(), self._driver.session(database=self._database) as session:
            with session.begin_transaction() as tx:
                write = Neo4jWriteTx(tx, self._batch_size)
                yield write
                stamp, written = write.stamp()
                try:
                    tx.commit()
                except BaseException:
                    self.known_stamp.forget()
                    raise
                self.known_stamp.renewed(stamp, written)

    def clear(self) -> None:
        """Relationships first, then nodes, each in slices: deleting a province's graph (millions of
        relationships) in one transaction passes Neo4j's transaction memory limit."""
        self.known_stamp.forget()
        for statement in (CLEAR_RELATIONSHIPS, CLEAR_NODES):
            deleted = 1
            while deleted:
                with self._translated_errors():
                    records, _, _ = self._driver.execute_query(
                        statement, {"slice": CLEAR_SLICE}, database_=self._database)
                deleted = records[0]["deleted"]
        self.known_stamp.committed(None)

    def close(self) -> None:
        self._driver.close()
