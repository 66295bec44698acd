"""The graph stamp as a store knows it: its own commits at once, another process's writes within
the recheck interval (Neo4j), and no read per request where nobody else can write (LadybugDB)."""

from graph.stamps import GraphStamps, KnownStamp
from tests.conftest import open_neo4j_test_store

S1, S2, S3 = GraphStamps("s1"), GraphStamps("s2"), GraphStamps("s3")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Graph:
    """The stamp in the graph, and how often it was read."""

    def __init__(self, stamp: GraphStamps | None):
        self.stamp, self.reads = stamp, 0

    def read(self) -> GraphStamps | None:
        self.reads += 1
        return self.stamp


def test_a_read_stamp_is_trusted_for_the_recheck_interval_and_own_commits_at_once():
    graph, clock = Graph(S1), Clock()
    known = KnownStamp(graph.read, recheck_seconds=0.5, clock=clock)
    assert [known.current() for _ in range(3)] == [S1] * 3
    assert graph.reads == 1
    graph.stamp = S2  # another process writes
    clock.now += 0.4
    assert known.current() == S1
    clock.now += 0.1
    assert known.current() == S2
    known.committed(S3)  # this store writes
    assert known.current() == S3
    assert graph.reads == 2
    known.forget()
    assert known.current() == S2  # what the graph holds


def test_zero_reads_every_time_and_none_never_again():
    graph = Graph(S1)
    every_time = KnownStamp(graph.read, recheck_seconds=0)
    assert [every_time.current() for _ in range(3)] == [S1] * 3
    assert graph.reads == 3
    graph.reads = 0
    never_again = KnownStamp(graph.read, recheck_seconds=None)
    graph.stamp = S2
    assert [never_again.current() for _ in range(3)] == [S2] * 3
    never_again.committed(None)
    assert never_again.current() is None
    assert graph.reads == 1


def test_a_read_begun_before_a_commit_does_not_hide_it():
    """A request reads the old stamp while this process commits: the commit must still show."""
    clock = Clock()
    known: KnownStamp

    def slow_read() -> GraphStamps:
        known.committed(S2)  # lands while the read is on its way
        return S1

    known = KnownStamp(slow_read, recheck_seconds=10, clock=clock)
    assert known.current() == S2
    assert known.current() == S2


def test_a_commit_renews_the_tables_it_wrote_and_keeps_the_others():
    graph = Graph(GraphStamps("s1", "s0", {"Law": "s0", "Unit": "s1"}))
    known = KnownStamp(graph.read, recheck_seconds=None)
    known.current()
    known.renewed("s2", frozenset({"Checklist"}))
    after = known.current()
    assert (after.graph, after.of("Law"), after.of("Unit"), after.of("Checklist"), after.of("Audience")) == (
        "s2", "s0", "s1", "s2", "s0")  # a table never stamped holds the epoch
    known.renewed("s3", None)  # a write that may have touched any table
    assert {known.current().of(table) for table in ("Law", "Unit", "Checklist", "Audience")} == {"s3"}
    assert graph.reads == 1


def test_every_store_sees_its_own_writes_without_reading_the_stamp(store, monkeypatch):
    store.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
    store.stamp()  # known from here on (a commit merges into what the store knows)
    reads = []
    read = store.read
    monkeypatch.setattr(store, "read", lambda query: reads.append(query.name) or read(query))
    first = store.stamp()
    store.upsert_nodes("Law", [{"id": "L2", "title": "民法典"}])
    second = store.stamp()
    assert first != second and second == store.read_stamp()
    store.clear()
    assert store.stamp() is None
    if store.kind == "ladybug":
        assert reads == ["graph_stamps"]  # the one read_stamp() above
    else:
        assert reads.count("graph_stamps") == 4  # the test store rechecks every time (0 ms)


def test_neo4j_sees_another_process_write_once_the_recheck_interval_has_passed(neo4j_session_store):
    writer = neo4j_session_store
    writer.clear()
    writer.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
    clock = Clock()
    reader = open_neo4j_test_store(stamp_recheck_seconds=0.5, clock=clock)
    try:
        before = reader.stamp()
        writer.upsert_nodes("Law", [{"id": "L2", "title": "民法典"}])
        clock.now += 0.49
        assert reader.stamp() == before
        clock.now += 0.01
        assert reader.stamp() == writer.stamp() != before
        reader.upsert_nodes("Law", [{"id": "L3", "title": "刑法"}])
        assert reader.stamp() == reader.read_stamp()  # its own write at once, within the interval
    finally:
        reader.close()
        writer.clear()
