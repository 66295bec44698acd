"""Bulk-load N synthetic laws, units and checklist claims into each store and print rows/s.

    python -m bench.bench_stores --laws 20000 --units 2000 --claims 100000
The Neo4j half runs when PUFA_NEO4J_TEST_URI is set (scripts/neo4j-test-server.sh start).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from graph.ladybug_store import LadybugStore
from graph.store import GraphStore


def synthetic(laws: int, units: int, claims: int, seed: int = 7) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    law_rows = [{"id": f"L{i}", "title": f"测试法{i}", "short_title": f"测试法{i}", "level": "法律",
                 "status": "现行有效", "aliases": []} for i in range(laws)]
    unit_rows = [{"id": f"U{i}", "name": f"测试单位{i}", "kind": "行政执法机关"} for i in range(units)]
    checklists = [{"id": f"C{i}", "unit_id": f"U{i}", "year": 2026, "revision": 1, "current": True}
                  for i in range(units)]
    items = [{"id": f"I{i}", "checklist_id": f"C{i % units}", "row": i, "law_text": f"测试法{i % laws}"}
             for i in range(claims)]
    return {
        "Law": law_rows, "Unit": unit_rows, "Checklist": checklists, "ChecklistItem": items,
        "SUBMITTED": [{"src": c["unit_id"], "dst": c["id"]} for c in checklists],
        "HAS_ITEM": [{"src": item["checklist_id"], "dst": item["id"]} for item in items],
        "CLAIMS": [{"src": item["id"], "dst": f"L{rng.randrange(laws)}", "confidence": 1.0} for item in items],
    }


def load(store: GraphStore, data: dict[str, list[dict]], batch: int) -> tuple[int, float]:
    store.ensure_schema()
    started = time.perf_counter()
    total = 0
    for name, rows in data.items():
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            if name[0].isupper() and not name.isupper():
                store.upsert_nodes(name, chunk)
            else:
                store.upsert_edges(name, chunk)
            total += len(chunk)
    return total, time.perf_counter() - started


def main(laws: int = 20_000, units: int = 2_000, claims: int = 100_000, batch: int = 20_000) -> None:
    data = synthetic(laws, units, claims)
    table = Table(title=f"bulk load: {laws:,} laws, {units:,} units, {claims:,} claims")
    for column in ("store", "rows", "seconds", "rows/s"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as folder:
        store = LadybugStore(Path(folder) / "bench.lbug")
        rows, seconds = load(store, data, batch)
        store.close()
        table.add_row("ladybug", f"{rows:,}", f"{seconds:.1f}", f"{rows / seconds:,.0f}")
    uri = os.environ.get("PUFA_NEO4J_TEST_URI")
    if uri:
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore(uri, os.environ.get("PUFA_NEO4J_USER", "neo4j"), os.environ.get("PUFA_NEO4J_PASSWORD", ""))
        store.clear()
        rows, seconds = load(store, data, batch)
        store.close()
        table.add_row("neo4j", f"{rows:,}", f"{seconds:.1f}", f"{rows / seconds:,.0f}")
    else:
        table.add_row("neo4j", "skipped: PUFA_NEO4J_TEST_URI unset", "", "")
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
