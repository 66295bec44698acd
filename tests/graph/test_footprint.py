"""What a statement reads and writes, told from its text: exact for the project's shapes, None
("any table") whenever it cannot be sure, and the project's own hot writes told exactly."""

import pytest

from graph import queries
from graph.footprint import ADJACENT, read_tables, written_tables


@pytest.mark.parametrize(("cypher", "tables"), [
    ("MATCH (c:Checklist) WHERE c.current RETURN c.law_ids AS law_ids", {"Checklist"}),
    ("MATCH (l:Law)-[:HAS_VERSION]->(v) RETURN v.id AS id", {"Law", "HAS_VERSION", "LawVersion"}),
    ("MATCH (c:Checklist)-[r:ROWS_ON|ROWS_FOR]->() RETURN r.item_ids", {"Checklist", "ROWS_ON", "ROWS_FOR", "KeyDate",
                                                                        "Audience"}),
    ("MATCH (l:Law) WHERE l.title = 'MATCH (n) -- (m)' RETURN count(l) AS n", {"Law"}),  # text in a string
    ("MATCH (v:LawVersion) WITH v MATCH (v)-[:HAS_ARTICLE]->(a) RETURN size(collect(a)) AS n",
     {"LawVersion", "HAS_ARTICLE", "Article"}),
])
def test_reads_name_their_tables_and_the_ends_of_their_relationships(cypher, tables):
    assert read_tables(cypher) == tables


@pytest.mark.parametrize("cypher", [
    "MATCH (n) RETURN count(n) AS n",
    "MATCH (u:Unit)-[r]->(x) RETURN type(r)",
    "MATCH (u:Unit)-->(x) RETURN x.id",
    "MATCH (u:Unit {id: $id}) MATCH (x) WHERE x.id = u.parent_id RETURN x.name",
    "CALL db.labels() YIELD label RETURN label",
])
def test_reads_that_may_touch_any_table_say_so(cypher):
    assert read_tables(cypher) is None


@pytest.mark.parametrize(("cypher", "tables"), [
    ("MATCH (c:Checklist {id: $id})-[:HAS_ITEM]->(i:ChecklistItem)-[:CLAIMS]->(l:Law) "
     "WITH c, collect(DISTINCT l.id) AS ids SET c.law_ids = ids, c.items = size(ids)", {"Checklist"}),
    ("UNWIND $rows AS row MERGE (n:Law {id: row.id}) SET n = row", {"Law"}),
    ("MATCH (c:Checklist {id: $id}) MATCH (c)-[r:ROWS_ON|ROWS_FOR]->() DELETE r", {"ROWS_ON", "ROWS_FOR"}),
    ("MATCH (a:Checklist {id: $id}), (k:KeyDate {id: $k}) CREATE (a)-[:ROWS_ON {item_ids: $ids}]->(k)", {"ROWS_ON"}),
    ("MATCH (u:Unit {id: $id}) DETACH DELETE u", {"Unit", *ADJACENT["Unit"]}),
    ("MATCH (l:Law) WHERE l.status = 'SET x = 1' RETURN l.id AS id", set()),
])
def test_writes_name_only_what_they_change(cypher, tables):
    assert written_tables(cypher) == tables


@pytest.mark.parametrize("cypher", [
    "MATCH (n) WHERE n.id = $id SET n.name = $name",
    "MATCH (u:Unit)-[r]->() DELETE r",
    "MATCH (c:Checklist) WITH c AS checklist SET checklist.current = false",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
])
def test_writes_that_may_touch_any_table_say_so(cypher):
    assert written_tables(cypher) is None


def test_a_checklist_summary_writes_the_checklist_and_its_rows_per_date_and_audience_only():
    """The write every checklist row change ends with: it must leave the catalogue's and the
    register's answers standing."""
    written = set()
    for query in queries.checklists.summarize_checklist("C1"):
        assert query.writes is not None, query.name
        written |= query.writes
    assert written == {"Checklist", "ROWS_ON", "ROWS_FOR"}


def test_every_store_stamps_only_the_tables_a_transaction_wrote(store):
    store.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
    store.upsert_nodes("Unit", [{"id": "U1", "name": "县卫健委"}])
    before = store.read_stamps()
    with store.transaction() as tx:
        tx.run(queries.units.correct_types("U1", []))
    after = store.read_stamps()
    assert after == store.stamps() and after.graph != before.graph
    assert after.of("Law") == before.of("Law") and after.of("Unit") != before.of("Unit")
    assert {table for table in after.tables if after.of(table) == after.graph} == set(queries.units.correct_types("U1", []).writes)
