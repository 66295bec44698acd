"""The `store` fixture runs a test once on LadybugDB and once on a real Neo4j.

Neo4j comes from scripts/neo4j-test-server.sh (PUFA_NEO4J_TEST_URI). Without it the Neo4j
half is skipped, unless PUFA_REQUIRE_NEO4J=1 (as in CI), where a missing server is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from graph.store import GraphStore

STORE_KINDS = ["ladybug", "neo4j"]


def open_neo4j_test_store(**options) -> GraphStore:
    """A store on the test server; `options` for Neo4jStore (by default the stamp is read every time)."""
    from graph.neo4j_store import Neo4jStore

    uri = os.environ.get("PUFA_NEO4J_TEST_URI")
    if not uri:
        message = "no Neo4j test server: run `eval \"$(scripts/neo4j-test-server.sh start)\"` first"
        if os.environ.get("PUFA_REQUIRE_NEO4J") == "1":
            pytest.fail(f"PUFA_REQUIRE_NEO4J=1 but {message}")
        pytest.skip(message)
    store = Neo4jStore(
        uri, os.environ.get("PUFA_NEO4J_USER", "neo4j"), os.environ.get("PUFA_NEO4J_PASSWORD", ""), batch_size=500,
        **options,
    )
    store.ping()
    return store


@pytest.fixture(scope="session")
def neo4j_session_store() -> Iterator[GraphStore]:
    store = open_neo4j_test_store()
    store.ensure_schema()
    yield store
    store.close()


def _empty_store(request: pytest.FixtureRequest, folder: Path) -> Iterator[GraphStore]:
    if request.param == "ladybug":
        store = LadybugStore(folder / "graph.lbug")
        store.ensure_schema()
        yield store
        store.close()
    else:
        store = request.getfixturevalue("neo4j_session_store")
        store.clear()
        yield store


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:
    """An empty store with the schema, of each kind in turn."""
    yield from _empty_store(request, tmp_path)


@pytest.fixture(scope="module", params=STORE_KINDS)
def module_store(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[GraphStore]:
    """The same, one for a module whose tests each write records of their own and read only those
    (built once, not once a test)."""
    yield from _empty_store(request, tmp_path_factory.mktemp("module-store"))
