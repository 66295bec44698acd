"""The one writer every ingest path uses: typed rows in, atomic batches out.

A `GraphBatch` is a unit of consistency (a group of laws, one checklist revision): its
edge replacements, nodes and edges are written in one transaction, nodes first so
edges find their endpoints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from graph.query import Row
from graph.schema import NODES, RELS
from graph.store import GraphStore, GraphWriteTx


@dataclass
class GraphBatch:
    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    edges: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    replace_edges: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Edges of these types leaving these node ids are dropped before the batch's edges land."""
    delete_nodes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_node(self, label: str, row: Row | BaseModel) -> None:
        self.nodes[label].append(row.model_dump() if isinstance(row, BaseModel) else row)

    def add_edge(self, rel: str, src: str, dst: str, **properties: object) -> None:
        self.edges[rel].append({"src": src, "dst": dst, **properties})

    def extend(self, other: GraphBatch) -> None:
        for label, rows in other.nodes.items():
            self.nodes[label].extend(rows)
        for rel, rows in other.edges.items():
            self.edges[rel].extend(rows)
        for rel, ids in other.replace_edges.items():
            self.replace_edges[rel].update(ids)
        for label, ids in other.delete_nodes.items():
            self.delete_nodes[label].update(ids)

    def size(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.edges.values()))


class GraphWriter:
    """Writes batches through an injected store, `batch_size` rows per statement."""

    def __init__(self, store: GraphStore, *, batch_size: int = 5000):
        self.store = store
        self.batch_size = batch_size

    def write(self, batch: GraphBatch) -> dict[str, int]:
        """Write one batch atomically and return the rows written per label/relationship."""
        with self.store.transaction() as tx:
            return self.write_in(tx, batch)

    def write_in(self, tx: GraphWriteTx, batch: GraphBatch) -> dict[str, int]:
        """Write a batch inside a transaction the caller owns (to add its own statements)."""
        written: dict[str, int] = {}
        for rel in RELS:
            if batch.replace_edges.get(rel):
                tx.delete_edges_from(rel, sorted(batch.replace_edges[rel]))
        for label in NODES:
            if batch.delete_nodes.get(label):
                tx.delete_nodes(label, sorted(batch.delete_nodes[label]))
        for label in NODES:
            written[label] = self._chunked(tx.upsert_nodes, label, batch.nodes.get(label, []))
        for rel in RELS:
            written[rel] = self._chunked(tx.upsert_edges, rel, batch.edges.get(rel, []))
        return {name: count for name, count in written.items() if count}

    def write_all(self, batches: Iterable[GraphBatch]) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for batch in batches:
            for name, count in self.write(batch).items():
                totals[name] += count
        return dict(totals)

    def _chunked(self, upsert, name: str, rows: Sequence[Row]) -> int:
        return sum(upsert(name, rows[start : start + self.batch_size]) for start in range(0, len(rows), self.batch_size))
