"""The answer cache over both stores: cached reads and kept answers last until a table they read is
written, one answer reads the stamps once, refresh works out again what a write made stale."""


from collections import Counter

import pytest

from domain.base.cache import CachedStore, kept_until_write
from graph.query import Query
from pufa.errors import StoreUnavailable
from tests.conftest import open_neo4j_test_store
from tests.graph.test_stores import LAWS, _laws

LAW_COUNT = Query("law_count", "MATCH (l:Law) RETURN count(l) AS n", cached=True)


def counted_reads(store, monkeypatch) -> list[str]:
    """The names of the queries that reach the engine from now on."""
    engine_reads = []
    engine_read = store.read
    monkeypatch.setattr(store, "read", lambda query: engine_reads.append(query.name) or engine_read(query))
    return engine_reads


def test_a_cached_read_is_served_again_until_the_next_write(store, monkeypatch):
    _laws(store)
    engine_reads = counted_reads(store, monkeypatch)
    cached = CachedStore(store)
    assert [cached.read(LAW_COUNT)[0]["n"] for _ in range(3)] == [3, 3, 3]
    assert engine_reads.count("law_count") == 1
    store.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
    assert cached.read(LAW_COUNT)[0]["n"] == 4
    assert engine_reads.count("law_count") == 2


WORKED_OUT: Counter[str] = Counter()


@kept_until_write
def law_count(store: CachedStore, asked_by: str) -> int:
    """The laws' count, worked out once per stamp for each asker (WORKED_OUT counts how often)."""
    WORKED_OUT[asked_by] += 1
    return len(store.read(LAWS))


def test_one_answer_reads_the_stamp_once_and_the_next_answer_sees_writes(store, monkeypatch):
    _laws(store)
    stamps = []
    stamp = store.stamps
    monkeypatch.setattr(store, "stamps", lambda: stamps.append(1) or stamp())
    cached = CachedStore(store)
    with cached.one_stamp():
        assert [cached.read(LAW_COUNT)[0]["n"] for _ in range(3)] == [3, 3, 3]
        assert law_count(cached, "stamp test") == 3
    assert len(stamps) == 1
    store.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
    with cached.one_stamp():
        assert cached.read(LAW_COUNT)[0]["n"] == 4
    assert len(stamps) == 2


@kept_until_write
def laws_per_unit(store: CachedStore) -> float:
    """Built on another kept answer: it read what that one read."""
    WORKED_OUT["per unit"] += 1
    units = store.read(Query("unit_count", "MATCH (u:Unit) RETURN count(u) AS n"))[0]["n"]
    return law_count(store, "laws per unit") / max(units, 1)


@kept_until_write
def node_count(store: CachedStore) -> int:
    """A statement whose tables cannot be told: any write retires it."""
    WORKED_OUT["nodes"] += 1
    return store.read(Query("node_count", "MATCH (n) RETURN count(n) AS n"))[0]["n"]


def test_a_kept_answer_lasts_until_a_table_it_read_is_written(store):
    _laws(store)
    store.upsert_nodes("Unit", [{"id": "U1", "name": "县卫健委"}])
    cached = CachedStore(store)
    all_nodes = Query("all_nodes", "MATCH (n) RETURN count(n) AS n")
    assert (law_count(cached, "tables"), laws_per_unit(cached)) == (3, 3.0)
    assert node_count(cached) == store.read(all_nodes)[0]["n"]
    store.upsert_nodes("Audience", [{"id": "A1", "name": "青少年"}])  # neither laws nor units
    assert (law_count(cached, "tables"), laws_per_unit(cached)) == (3, 3.0)
    assert node_count(cached) == store.read(all_nodes)[0]["n"]
    assert (WORKED_OUT["tables"], WORKED_OUT["per unit"], WORKED_OUT["nodes"]) == (1, 1, 2)
    store.upsert_nodes("Unit", [{"id": "U2", "name": "县教育局"}])
    assert (law_count(cached, "tables"), laws_per_unit(cached)) == (3, 1.5)
    assert (WORKED_OUT["tables"], WORKED_OUT["per unit"]) == (1, 2)
    store.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])  # read by the kept part the other one used
    assert laws_per_unit(cached) == 2.0 and WORKED_OUT["per unit"] == 3
    with store.transaction() as tx:  # a write whose tables cannot be told retires everything
        tx.run(Query("rename", "MATCH (n) WHERE n.id = $id SET n.name = $name", {"id": "U1", "name": "卫健委"}))
    assert (law_count(cached, "tables"), laws_per_unit(cached)) == (4, 2.0)
    assert (WORKED_OUT.pop("tables"), WORKED_OUT.pop("per unit"), WORKED_OUT.pop("nodes")) == (2, 4, 2)
    assert WORKED_OUT.pop("laws per unit") == 3


def test_kept_answers_are_keyed_by_their_arguments(store):
    _laws(store)
    cached = CachedStore(store)
    assert [law_count(cached, asker) for asker in ("first", "first", "second")] == [3, 3, 3]
    assert (WORKED_OUT.pop("first"), WORKED_OUT.pop("second")) == (1, 1)


def test_refresh_works_out_again_what_was_asked_before_the_last_write(store):
    _laws(store)
    cached = CachedStore(store)
    assert law_count(cached, "refresh test") == 3
    store.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
    assert cached.refresh() == 1
    assert WORKED_OUT["refresh test"] == 2
    assert law_count(cached, "refresh test") == 4
    assert (WORKED_OUT.pop("refresh test"), cached.refresh()) == (2, 0)


def test_a_write_by_another_process_renews_cached_reads(neo4j_session_store):
    """Neo4j serves several processes (LadybugDB only one writer): a CLI ingest must not leave the API
    answering from before it."""
    store = neo4j_session_store
    store.clear()
    _laws(store)
    cached = CachedStore(store)
    assert cached.read(LAW_COUNT)[0]["n"] == 3
    other = open_neo4j_test_store()
    try:
        other.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
    finally:
        other.close()
    assert cached.read(LAW_COUNT)[0]["n"] == 4
    store.clear()


def test_a_stamp_that_could_not_be_read_fails_the_rest_of_the_request_at_once(store, monkeypatch):
    """The response cache asks for the stamp before the answer does: Neo4j being away must cost one
    wait of the driver's, not two."""
    _laws(store)
    tries = []

    def unreachable():
        tries.append(1)
        raise StoreUnavailable("Neo4j is restarting")

    monkeypatch.setattr(store, "stamps", unreachable)
    cached = CachedStore(store)
    with cached.one_stamp():
        for _ in range(2):
            with pytest.raises(StoreUnavailable):
                cached.read(LAW_COUNT)
    assert len(tries) == 1
