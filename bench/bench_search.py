"""Article search on the LawRefBook corpus: hit rate on questions with known answers, time per query,
and the index's build time and memory.

    .venv/bin/python -m bench.bench_search [--store PATH.lbug] [--corpus DIR] [--questions FILE]

Without --store the corpus is ingested into a temporary LadybugDB store first (about 80 s).
bench/search_questions.jsonl holds 36 questions people ask in plain words (醉驾怎么处罚,
同事借钱不还, 小作坊要办证吗 …), each with the laws and article numbers that answer it (chosen by
reading the corpus; no law text). A question is a hit at k when one of its answers is among the
first k articles. Queries go through domain search (the index is built on the first and kept until
a law is written), as `GET /api/v1/articles?q=` runs them.
"""

from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from domain.base.cache import CachedStore
from domain.catalogue import lookup
from graph.ladybug_store import LadybugStore
from ingest.laws.load import ingest_laws
from pufa.config import get_settings
from pufa.laws import PRC

app = typer.Typer(add_completion=False)
QUESTIONS = Path(__file__).parent / "search_questions.jsonl"
CUTOFFS = (1, 5, 10)


def first_answer(store: CachedStore, question: dict) -> int | None:
    """The rank (0-based) of the first right article among the first 10, or None."""
    wanted = {(law, label) for law, labels in question["answers"].items() for label in labels}
    hits = lookup.search_articles(store, question["q"], limit=max(CUTOFFS)).data
    found = [(hit.law.title.removeprefix(PRC), hit.article.label) for hit in hits]
    return next((rank for rank, hit in enumerate(found) if hit in wanted), None)


@app.command()
def main(
    store_path: Path = typer.Option(None, "--store", help="An embedded store holding the corpus (default: ingest it)."),
    corpus: Path = typer.Option(None, help="Corpus folder to ingest (default PUFA_CORPUS_DIR)."),
    questions_file: Path = typer.Option(QUESTIONS, "--questions", help="Questions with their answers (JSON lines)."),
) -> None:
    console = Console()
    questions = [json.loads(line) for line in questions_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="pufa-bench-search-") as folder:
        if store_path is None:
            raw = LadybugStore(Path(folder) / "corpus.lbug")
            raw.ensure_schema()
            started = time.perf_counter()
            ingest_laws(raw, [corpus or get_settings().corpus_dir], workers=2)
            console.print(f"corpus ingested in {time.perf_counter() - started:.0f} s")
        else:
            raw = LadybugStore(store_path, read_only=True)
        store = CachedStore(raw)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        index = lookup.article_index(store)
        build = time.perf_counter() - started
        memory = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        ranks, times = [], []
        for question in questions:
            started = time.perf_counter()
            ranks.append(first_answer(store, question))
            times.append(time.perf_counter() - started)
        raw.close()

    table = Table(title=f"article search: {len(questions)} questions, {index.index.size:,} current articles")
    table.add_column("what")
    table.add_column("figure", justify="right")
    table.add_row("index build (read every current article + index), s", f"{build:.2f}")
    table.add_row("peak memory growth while built (max RSS), MB", f"{memory:.0f}")
    table.add_row("index arrays kept, MB", f"{index.index.nbytes / 2**20:.0f}")
    for cutoff in CUTOFFS:
        hits = sum(1 for rank in ranks if rank is not None and rank < cutoff)
        table.add_row(f"right article in top {cutoff}", f"{hits}/{len(questions)} ({hits / len(questions):.0%})")
    times.sort()
    table.add_row("p50 per query, ms", f"{statistics.median(times) * 1000:.0f}")
    table.add_row("p95 per query, ms", f"{times[max(0, int(len(times) * 0.95) - 1)] * 1000:.0f}")
    console.print(table)
    missed = [question["q"] for question, rank in zip(questions, ranks, strict=True) if rank is None or rank >= 5]
    if missed:
        console.print("not in the top 5: " + "、".join(missed))


if __name__ == "__main__":
    app()
