"""The shared vocabularies as graph nodes: department types, audiences, methods and key dates.

Every other ingest links to these ids (an article NAMES a department type, a checklist row
TARGETS an audience), so every load makes sure they are there. Only the nodes the store lacks or
holds otherwise are written: writing them again unchanged would stamp their tables, and so retire
every kept answer read from them (the department types of every law, the key dates of every
campaign) after each checklist upload or row edit.
"""

from __future__ import annotations

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from pufa import vocab


def _vocabulary() -> GraphBatch:
    """Department types, audiences, methods and key dates, from the shared vocabularies."""
    batch = GraphBatch()
    for term in vocab.department_types():
        batch.add_node("DepartmentType", {"id": term.id, "name": term.name, "aliases": list(term.aliases),
                                          "sector": term.kind})
    for label, terms in (("Audience", vocab.audiences()), ("Method", vocab.methods())):
        for term in terms:
            batch.add_node(label, {"id": term.id, "name": term.name, "aliases": list(term.aliases)})
    for term in vocab.key_dates():
        batch.add_node("KeyDate", {"id": term.id, "name": term.name, "aliases": list(term.aliases),
                                   "month": term.month, "day": term.day})
    return batch


def reference_batch(store: GraphStore) -> GraphBatch:
    """The vocabulary nodes `store` lacks or holds otherwise than the vocabularies say (usually none)."""
    batch = GraphBatch()
    for label, rows in _vocabulary().nodes.items():
        stored = {row["id"]: row for row in store.read(queries.nodes.all_nodes(label))}
        for row in rows:
            held = stored.get(row["id"])
            if held is None or {column: held[column] for column in row} != row:
                batch.add_node(label, row)
    return batch


def write_reference(store: GraphStore) -> dict[str, int]:
    """The vocabularies every other ingest links to, where the store lacks them (nothing written, not
    even a stamp, when it holds them all)."""
    batch = reference_batch(store)
    return GraphWriter(store).write(batch) if batch.size() else {}
