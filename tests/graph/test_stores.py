"""Every store operation, run on both engines against the same expected answers."""

import threading

import pytest

from graph.query import Query
from pufa.errors import StoreError
from tests.fixtures_graph import LAWS as LAWS_OF_COUNTY
from tests.fixtures_graph import build_county

LAWS = Query(
    "laws",
    "MATCH (l:Law) RETURN l.id AS id, l.title AS title, l.aliases AS aliases, l.is_common AS common "
    "ORDER BY id",
)
REPEALS = Query(
    "repeals", "MATCH (a:Law)-[r:REPEALED_BY]->(b:Law) RETURN a.id AS old, b.id AS new, r.date AS date ORDER BY old"
)


def _laws(store):
    store.upsert_nodes(
        "Law",
        [
            {"id": "L1", "title": "合同法", "aliases": ["合同法"], "is_common": False},
            {"id": "L2", "title": "民法典", "aliases": [], "is_common": True},
            {"id": "L3", "title": "物权法"},
        ],
    )


def test_schema_is_idempotent(store):
    store.ensure_schema()
    store.ensure_schema()
    assert store.counts()["Law"] == 0


def test_upsert_nodes_creates_then_updates_without_duplicates(store):
    _laws(store)
    store.upsert_nodes("Law", [{"id": "L1", "title": "中华人民共和国合同法", "aliases": ["旧合同法", "合同法"]}])
    rows = store.read(LAWS)
    assert [r["id"] for r in rows] == ["L1", "L2", "L3"]
    assert rows[0]["title"] == "中华人民共和国合同法"
    assert rows[0]["aliases"] == ["旧合同法", "合同法"]
    assert rows[1]["common"] is True
    assert rows[2]["title"] == "物权法"


def test_upsert_nodes_last_row_wins_within_a_batch(store):
    store.upsert_nodes("Law", [{"id": "L1", "title": "a"}, {"id": "L1", "title": "b"}])
    assert [(r["id"], r["title"]) for r in store.read(LAWS)] == [("L1", "b")]


def test_upsert_edges_is_idempotent_and_updates_properties(store):
    _laws(store)
    store.upsert_edges("REPEALED_BY", [{"src": "L1", "dst": "L2", "date": "2021-01-01"}])
    store.upsert_edges(
        "REPEALED_BY",
        [{"src": "L1", "dst": "L2", "date": "2021-01-02"}, {"src": "L3", "dst": "L2", "date": "2021-01-01"}],
    )
    assert store.read(REPEALS) == [
        {"old": "L1", "new": "L2", "date": "2021-01-02"},
        {"old": "L3", "new": "L2", "date": "2021-01-01"},
    ]


def test_edges_to_missing_nodes_fail_and_write_nothing(store):
    _laws(store)
    with pytest.raises(StoreError, match="Law endpoint.*do not exist.*L9"):
        store.upsert_edges("REPEALED_BY", [{"src": "L1", "dst": "L2"}, {"src": "L1", "dst": "L9"}])
    assert store.read(REPEALS) == []


def test_transaction_rolls_back_every_write_on_error(store):
    _laws(store)
    with pytest.raises(RuntimeError, match="halfway"):
        with store.transaction() as tx:
            tx.delete_nodes("Law", ["L1"])
            tx.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
            raise RuntimeError("failure halfway")
    assert [r["id"] for r in store.read(LAWS)] == ["L1", "L2", "L3"]


def test_delete_edges_from_and_delete_nodes(store):
    _laws(store)
    store.upsert_edges("REPEALED_BY", [{"src": "L1", "dst": "L2"}, {"src": "L3", "dst": "L2"}])
    with store.transaction() as tx:
        tx.delete_edges_from("REPEALED_BY", ["L1"])
    assert [r["old"] for r in store.read(REPEALS)] == ["L3"]
    with store.transaction() as tx:
        tx.delete_nodes("Law", ["L2"])
    assert [r["id"] for r in store.read(LAWS)] == ["L1", "L3"]
    assert store.read(REPEALS) == []


def test_parameters_are_never_interpreted_as_cypher(store):
    hostile = "x'}) DETACH DELETE n //"
    store.upsert_nodes("Law", [{"id": "L1", "title": hostile}])
    found = store.read(Query("by_title", "MATCH (l:Law) WHERE l.title = $t RETURN l.id AS id", {"t": hostile}))
    assert found == [{"id": "L1"}]


def test_a_packed_read_gives_the_rows_of_the_plain_read(store):
    packed = Query(LAWS.name, LAWS.cypher, packed=("id", "title", "aliases", "common"))
    assert store.read(packed) == []
    _laws(store)
    assert store.read(packed) == store.read(LAWS) == [
        {"id": "L1", "title": "合同法", "aliases": ["合同法"], "common": False},
        {"id": "L2", "title": "民法典", "aliases": [], "common": True},
        {"id": "L3", "title": "物权法", "aliases": None, "common": None},
    ]


def test_counts_cover_every_label(store):
    _laws(store)
    counts = store.counts()
    assert counts["Law"] == 3
    assert counts["Article"] == 0
    assert "ChecklistItem" in counts


def test_many_small_bulk_writes_fit_a_small_ladybug_buffer_pool(tmp_path):
    """Staged COPY/LOAD FROM memory is given back after each transaction, so a server can take uploads for ever.

    Without the reconnect, a 64 MB pool is full after about 18 such transactions."""
    from graph.ladybug_store import LadybugStore

    store = LadybugStore(tmp_path / "small.lbug", buffer_pool_mb=64)
    store.ensure_schema()
    for upload in range(60):
        ids = [f"L{upload}-{n}" for n in range(50)]
        with store.transaction() as tx:
            tx.upsert_nodes("Law", [{"id": law_id, "title": f"法{law_id}"} for law_id in ids])
            tx.upsert_edges("REPEALED_BY", [{"src": law_id, "dst": ids[0], "date": "2026-01-01"} for law_id in ids[1:]])
            tx.upsert_nodes("Law", [{"id": law_id, "title": f"新法{law_id}"} for law_id in ids[:10]])
    assert store.counts()["Law"] == 3000
    store.close()


def test_clear_deletes_every_node_and_relationship_but_keeps_the_schema(store):
    _laws(store)
    store.upsert_edges("REPEALED_BY", [{"src": "L1", "dst": "L2", "date": "2021-01-01"}])
    store.clear()
    assert set(store.counts().values()) == {0}
    assert store.read(REPEALS) == []
    _laws(store)
    assert store.counts()["Law"] == 3


LAW_COUNT = Query("law_count", "MATCH (l:Law) RETURN count(l) AS n")


def test_reads_go_on_while_a_write_transaction_is_open_and_see_the_last_commit(store):
    """An upload or an ingest job holds a transaction for seconds: the API's reads must not wait for it."""
    _laws(store)
    answers = []
    with store.transaction() as tx:
        tx.upsert_nodes("Law", [{"id": "L4", "title": "新法"}])
        reader = threading.Thread(target=lambda: answers.append(store.read(LAW_COUNT)[0]["n"]))
        reader.start()
        reader.join(timeout=120)  # a bound for a broken store, not a speed test
        assert not reader.is_alive(), "a read waited for the open write transaction"
    assert answers == [3]
    assert store.read(LAW_COUNT)[0]["n"] == 4


PARTS_STAMPS = Query("parts_stamps", "MATCH (l:Law) RETURN l.id AS id, l.parts_stamp AS stamp ORDER BY id")


def test_a_commit_renews_the_parts_stamp_of_the_laws_whose_parts_it_wrote_and_of_no_other(store):
    """Versions and articles lead to their law through `law_id`, the rows written or, for an edge
    leaving them alone, the graph: so an article's NAMES written by themselves renew its law's stamp."""
    build_county(store)

    def renewed(write) -> set[str]:
        before = {row["id"]: row["stamp"] for row in store.read(PARTS_STAMPS)}
        with store.transaction() as tx:
            write(tx)
        after = {row["id"]: row["stamp"] for row in store.read(PARTS_STAMPS)}
        assert None not in after.values()
        assert {after[law_id] for law_id in after.keys() & before.keys() if after[law_id] != before[law_id]} <= {
            store.read_stamps().of("Law")}  # the commit's own stamp
        return {law_id for law_id in after if after[law_id] != before.get(law_id)}

    assert renewed(lambda tx: tx.upsert_edges("NAMES", [{"src": "LDOG@2019/第五条", "dst": "education", "role": "duty"}])) \
        == {"LDOG"}
    assert renewed(lambda tx: tx.delete_edges_from("HAS_ARTICLE", ["LENV@2014"])) == {"LENV"}
    assert renewed(lambda tx: tx.delete_nodes("Article", ["LMINOR@2020/第七条"])) == {"LMINOR"}
    assert renewed(lambda tx: tx.upsert_edges("PRINCIPAL", [{"src": "LWILD", "dst": "ecology_environment"}])) == {"LWILD"}
    assert renewed(lambda tx: tx.upsert_nodes("LawVersion", [{"id": "LSAFE@2026", "law_id": "LSAFE"}])) == {"LSAFE"}
    assert renewed(lambda tx: tx.upsert_nodes("Unit", [{"id": "UNEW", "name": "澄河县新单位"}])) == set()
    assert renewed(lambda tx: tx.upsert_edges("REPEALED_BY", [{"src": "LDOG", "dst": "LCIV"}])) == set()
    assert renewed(lambda tx: tx.delete_nodes("DepartmentType", ["traffic_police"])) == set(LAWS_OF_COUNTY)
