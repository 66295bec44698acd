"""What LadybugDB lets other processes do with a file one process holds for writing: a second
writer is refused; a read-only open is allowed but sees the graph as it was when it opened, never
a later commit. So the embedded store is served by one process (README, Serving); several
processes need Neo4j."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph.ladybug_store import LadybugStore
from graph.query import Query
from pufa.config import PROJECT_ROOT
from pufa.errors import StoreUnavailable

WRITER = """
import sys
from graph.ladybug_store import LadybugStore
store = LadybugStore(sys.argv[1], buffer_pool_mb=64)
store.ensure_schema()
store.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
print("wrote L1", store.stamp(), flush=True)
sys.stdin.readline()
store.upsert_nodes("Law", [{"id": "L2", "title": "民法典"}])
store._execute("CHECKPOINT")  # into the data file, out of the write-ahead log
print("wrote L2", store.stamp(), flush=True)
sys.stdin.readline()
store.close()
"""
LAWS = Query("laws", "MATCH (l:Law) RETURN l.id AS id ORDER BY id")


@pytest.fixture
def writer(tmp_path):
    """Another process holding the file for writing, which writes L1, then L2 (and checkpoints) when told."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "held.lbug")], cwd=PROJECT_ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def next_write() -> str:
        line = process.stdout.readline()
        assert line.startswith("wrote"), line
        return line.split()[-1]

    try:
        yield tmp_path / "held.lbug", process, next_write
    finally:
        process.kill()
        process.wait()


def test_a_read_only_process_sees_the_graph_as_it_was_when_it_opened(writer):
    path, process, next_write = writer
    first_stamp = next_write()
    with pytest.raises(StoreUnavailable, match="another process holds it"):
        LadybugStore(path, buffer_pool_mb=64)
    reader = LadybugStore(path, read_only=True, buffer_pool_mb=64)
    try:
        assert [row["id"] for row in reader.read(LAWS)] == ["L1"]
        assert reader.read_stamp() == first_stamp
        process.stdin.write("\n")
        process.stdin.flush()
        second_stamp = next_write()
        assert [row["id"] for row in reader.read(LAWS)] == ["L1"]  # committed and checkpointed since: not seen
        assert reader.read_stamp() == first_stamp != second_stamp
    finally:
        reader.close()
    with LadybugStore(path, read_only=True, buffer_pool_mb=64) as reopened:
        assert [row["id"] for row in reopened.read(LAWS)] == ["L1", "L2"]
        assert reopened.read_stamp() == second_stamp
