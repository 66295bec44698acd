"""Faults: an ingest killed with SIGKILL in the middle of a write leaves the graph as it was
before that write (every law whole, with its version and all its articles, or absent), on
both stores; and a Neo4j that goes away and comes back gives 503 problem+json while it is
down and normal answers after, without restarting or recreating the app.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.neo4j_store import Neo4jStore
from graph.query import Query
from graph.store import GraphStore
from ingest.laws.load import ingest_laws
from pufa.config import PROJECT_ROOT, Settings
from tests.corpus import write_laws
from tests.fixtures_graph import build_county

LAWS_BEFORE, LAWS_KILLED = 6, 30
HOLD_AT_TRANSACTION = 3
"""The child stops before committing its 3rd transaction: two groups of laws are committed by then
(the vocabularies are there from the first ingest, so it writes none), and the third group's nodes and edges are written but not committed."""
STARTUP_SECONDS = 120

INGEST_CHILD = """
import sys, time
from contextlib import contextmanager
from pathlib import Path
from graph.registry import open_store
from ingest.laws.load import ingest_laws
from pufa.config import Settings

folder, hold_at = Path(sys.argv[1]), int(sys.argv[2])
store = open_store(Settings())
opened, started = store.transaction, 0

@contextmanager
def transaction():
    global started
    started += 1
    with opened() as tx:
        yield tx
        if started == hold_at:  # every write of this batch is done, the commit is not
            print("holding", flush=True)
            time.sleep(600)

store.transaction = transaction
ingest_laws(store, [folder], workers=1, laws_per_group=4, articles_per_write=1)
print("finished", flush=True)
"""
"""`pufa ingest laws` through the same pipeline and store registry (PUFA_STORE), in groups of four
laws per transaction, holding before one commit so the kill lands inside a transaction."""


def stored_laws(store: GraphStore) -> dict[str, tuple[int, int]]:
    """Per law in the graph: (current versions linked to it, articles of those versions)."""
    rows = store.read(Query("laws_whole", (
        "MATCH (l:Law) OPTIONAL MATCH (l)-[:HAS_VERSION]->(v:LawVersion) WHERE v.id = l.current_version "
        "OPTIONAL MATCH (v)-[:HAS_ARTICLE]->(a:Article) RETURN l.id AS id, count(DISTINCT v) AS versions, count(a) AS articles")))
    return {row["id"]: (row["versions"], row["articles"]) for row in rows}


def all_articles(store: GraphStore) -> int:
    return store.read(Query("articles", "MATCH (a:Article) RETURN count(a) AS n"))[0]["n"]


def run_and_kill_ingest(folder: Path, environment: dict[str, str]) -> None:
    """Start the ingest child, wait until it holds an uncommitted transaction, and SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, "-c", INGEST_CHILD, str(folder), str(HOLD_AT_TRANSACTION)], cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **environment}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    ready, _, _ = select.select([child.stdout], [], [], STARTUP_SECONDS)
    line = child.stdout.readline() if ready else ""
    child.send_signal(signal.SIGKILL)
    status = child.wait(timeout=30)
    errors = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert line.strip() == "holding", f"the ingest child said {line!r} instead; its stderr:\n{errors}"
    assert status == -signal.SIGKILL


@pytest.fixture(params=["ladybug", "neo4j"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[GraphStore, dict[str, str]]]:
    """A store for the parent and the PUFA_* environment that makes the ingest child open the same one.

    LadybugDB admits one writing process at a time, so the parent closes its handle while the child runs."""
    if request.param == "ladybug":
        from graph.ladybug_store import LadybugStore

        path = tmp_path / "graph.lbug"
        yield LadybugStore(path, buffer_pool_mb=256), {"PUFA_STORE": str(path), "PUFA_LADYBUG_BUFFER_MB": "256"}
    else:
        store = request.getfixturevalue("neo4j_session_store")
        store.clear()
        yield store, {"PUFA_STORE": store.location, "PUFA_NEO4J_USER": os.environ.get("PUFA_NEO4J_USER", "neo4j"),
                      "PUFA_NEO4J_PASSWORD": os.environ.get("PUFA_NEO4J_PASSWORD", "")}


def test_an_ingest_killed_mid_transaction_leaves_whole_laws_only(store_settings, tmp_path: Path):
    store, environment = store_settings
    store.ensure_schema()
    before = write_laws(tmp_path / "before", 0, LAWS_BEFORE)
    ingest_laws(store, [tmp_path / "before"], workers=1)
    assert stored_laws(store) == {law: (1, articles) for law, articles in before.items()}
    killed = write_laws(tmp_path / "killed", LAWS_BEFORE, LAWS_KILLED)
    reopen = store.kind == "ladybug"
    if reopen:
        store.close()
    run_and_kill_ingest(tmp_path / "killed", environment)
    if reopen:
        from graph.ladybug_store import LadybugStore

        store = LadybugStore(environment["PUFA_STORE"], buffer_pool_mb=256)  # recovers from its write-ahead log

    expected = before | killed
    after = stored_laws(store)
    assert {law: after[law] for law in before} == {law: (1, articles) for law, articles in before.items()}
    assert set(after) <= set(expected)
    assert all(after[law] == (1, expected[law]) for law in after)
    assert all_articles(store) == sum(expected[law] for law in after)  # no article of the killed batch is left
    committed = len(after) - LAWS_BEFORE
    assert committed == 4 * (HOLD_AT_TRANSACTION - 1)  # two groups of four committed, the third rolled back

    ingest_laws(store, [tmp_path / "killed"], workers=1)  # a rerun completes what the kill interrupted
    assert stored_laws(store) == {law: (1, articles) for law, articles in expected.items()}
    if reopen:
        store.close()


# --- Neo4j going away during service ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def neo4j_server(command: str, state: Path, port: int) -> dict[str, str]:
    """scripts/neo4j-test-server.sh start|stop with its own state folder and a fixed port (so the URI survives a restart)."""
    done = subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "neo4j-test-server.sh"), command], capture_output=True, text=True, timeout=300,
        env={**os.environ, "NEO4J_TEST_STATE": str(state), "NEO4J_TEST_PORT": str(port)}, check=True)
    return dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines() if line.startswith("export "))


@pytest.fixture
def own_neo4j(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A Neo4j server of this test's own, which it may stop and start; skipped without a Neo4j build
    unless PUFA_REQUIRE_NEO4J=1."""
    if not os.environ.get("PUFA_NEO4J_TEST_URI"):
        if os.environ.get("PUFA_REQUIRE_NEO4J") == "1":
            pytest.fail("PUFA_REQUIRE_NEO4J=1 but the Neo4j test tier is not set up")
        pytest.skip("no Neo4j test server (scripts/neo4j-test-server.sh start)")
    state, port = tmp_path / "neo4j-state", free_port()
    try:
        yield state, port
    finally:
        neo4j_server("stop", state, port)


def recovered(client: TestClient, attempts: int = 30) -> bool:
    """/health answers 200 again: the driver reconnects on its own, a request or a few after the server is back."""
    return any(client.get("/health").status_code == 200 for _ in range(attempts))


@pytest.mark.slow  # two Neo4j starts: about 40 s
def test_neo4j_restarting_gives_503_then_recovers_without_restarting_the_app(own_neo4j):
    state, port = own_neo4j
    server = neo4j_server("start", state, port)
    store = Neo4jStore(server["PUFA_NEO4J_TEST_URI"], server["PUFA_NEO4J_USER"], server["PUFA_NEO4J_PASSWORD"])
    store.ensure_schema()
    build_county(store)
    with TestClient(create_app(Settings(), store=store)) as client:
        assert client.get("/api/v1/units").json()["count"] == 7

        neo4j_server("stop", state, port)
        for path in ("/health", "/api/v1/units", "/api/v1/gaps"):
            started = time.perf_counter()
            down = client.get(path)
            # the driver gives up after RETRY_SECONDS (5 s), not its default (about 35 s in all): a bound, not a speed test
            assert time.perf_counter() - started < 30
            assert down.status_code == 503, (path, down.text)
            assert down.headers["content-type"] == "application/problem+json"
            problem = down.json()
            assert problem["title"] == "StoreUnavailable"
            assert f"Neo4j at {store.location} is unreachable" in problem["detail"]

        neo4j_server("start", state, port)
        assert recovered(client), "the app did not reconnect to the restarted Neo4j"
        assert client.get("/api/v1/units").json()["count"] == 0  # the restarted test server starts empty
    store.close()
