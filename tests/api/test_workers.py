"""`pufa serve --workers 2` on Neo4j: both processes answer, and a write made elsewhere (here by
the test, as a CLI ingest would) is seen by every answer once the recheck interval has passed
(0 ms here, so at once)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pufa.config import PROJECT_ROOT
from tests.fixtures_graph import build_county

START_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def units_count(base: str) -> int:
    with urllib.request.urlopen(f"{base}/api/v1/units", timeout=30) as response:  # a new connection each time
        return json.load(response)["count"]


def worker_processes(supervisor: int) -> list[int]:
    """uvicorn's worker processes under its supervisor (spawned children, not multiprocessing's helpers)."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    return [int(pid) for pid in children
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_two_worker_processes_on_neo4j_see_a_write_made_elsewhere(neo4j_session_store):
    store = neo4j_session_store
    store.clear()
    build_county(store)
    port = free_port()
    environment = {**os.environ, "PUFA_STORE": os.environ["PUFA_NEO4J_TEST_URI"], "PUFA_STAMP_RECHECK_MS": "0",
                   "PUFA_CACHE_REFRESH_SECONDS": "0"}
    server = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "serve", "--workers", "2", "--port", str(port)],
        cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                assert units_count(base) == 7
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"pufa serve --workers 2 did not answer within {START_SECONDS} s")
                time.sleep(0.2)
        assert len(worker_processes(server.pid)) == 2
        store.upsert_nodes("Unit", [{"id": "UNEW", "name": "县新设局", "kind": "行政执法机关"}])
        assert [units_count(base) for _ in range(8)] == [8] * 8
    finally:
        server.terminate()
        server.wait(timeout=60)
        store.clear()
