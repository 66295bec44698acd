"""The shared vocabularies as graph nodes: department types, audiences, methods and key dates.

Every other ingest links to these ids (an article NAMES a department type, a checklist row
TARGETS an audience), so they are written first and re-written idempotently by every load.
"""

from __future__ import annotations

from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from pufa import vocab


def reference_batch() -> GraphBatch:
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


def write_reference(store: GraphStore) -> dict[str, int]:
    """The vocabularies every other ingest links to; idempotent and small."""
    return GraphWriter(store).write(reference_batch())
