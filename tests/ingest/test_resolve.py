"""The name catalogue checklists, activities and cases resolve laws against: built once per state of
the stored laws, and built again as soon as a law is written."""

from __future__ import annotations

from graph.writer import GraphBatch, GraphWriter
from ingest.reference import write_reference
from ingest.resolve import resolver_catalogue

TITLE = "示范城市养犬管理条例"


def _add_law(store) -> None:
    batch = GraphBatch()
    batch.add_node("Law", {"id": "LDOG", "title": TITLE, "short_title": TITLE, "level": "地方性法规",
                           "status": "现行有效", "is_common": False, "aliases": []})
    GraphWriter(store).write(batch)


def test_the_catalogue_is_built_again_only_when_a_law_is_written(store):
    write_reference(store)  # a first write: the store has stamps to key on
    first = resolver_catalogue(store)
    assert resolver_catalogue(store) is first
    assert first.lookup(TITLE) == []

    write_reference(store)  # writes no law
    assert resolver_catalogue(store) is first

    _add_law(store)
    renewed = resolver_catalogue(store)
    assert renewed is not first
    assert [law.id for law in renewed.lookup(TITLE)] == ["LDOG"]
