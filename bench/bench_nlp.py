"""Precision/recall/F1 of the nlp/ extractors on tests/eval/ and their throughput, as a table.

    python -m bench.bench_nlp [--catalogue data/catalogue/laws.jsonl] [--corpus-files 400]
Throughput is measured on one pass after `warm()`, so jieba and dictionary loading (reported
separately) are excluded; the corpus rows run extract_citations over whole corpus files and
extract_departments / analyze_articles over their articles. Department rows start with an
empty segmentation cache, so no row profits from an earlier one.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ingest.laws.parse import parse_law_file
from nlp.articles import analyze_articles
from nlp.audiences import extract_audiences
from nlp.catalogue import DEFAULT_CATALOGUE_PATH, Catalogue
from nlp.citations import extract_citations
from nlp.departments import clear_segment_cache, extract_departments
from nlp.evaluation import CITATIONS_PATH, DEPARTMENTS_PATH, Score, load_jsonl, score_citations, score_departments
from nlp.text import sentence_spans
from nlp.warm import warm
from pufa.config import get_settings
from pufa.errors import InputError

app = typer.Typer(add_completion=False)


def _timed(extract: Callable[[str], object], texts: list[str]) -> tuple[dict[str, object], float]:
    """Extraction results by text and the seconds they took (scoring is not timed)."""
    started = time.perf_counter()
    results = {text: extract(text) for text in texts}
    return results, time.perf_counter() - started


def _row(table: Table, name: str, dataset: str, texts: list[str], score: Score | None, seconds: float) -> None:
    characters = sum(map(len, texts))
    sentences = sum(len(sentence_spans(text)) for text in texts)
    metrics = [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"] if score else ["—"] * 3
    rates = [f"{characters / seconds:,.0f}", f"{sentences / seconds:,.0f}"]
    table.add_row(name, dataset, str(len(texts)), *metrics, *rates)


def _corpus_articles(documents: list[Path]) -> list[str]:
    """Article texts of the sampled corpus files that parse as laws."""
    root = get_settings().corpus_dir
    texts: list[str] = []
    for path in documents:
        try:
            texts += [article.text for article in parse_law_file(path, root=root).articles]
        except InputError:
            continue
    return texts


def _fresh(path: Path) -> Catalogue:
    """A new catalogue (empty name cache) with its pipeline and indexes warm, so rows do not share caches."""
    catalogue = Catalogue.from_jsonl(path)
    warm(catalogue)
    return catalogue


@app.command()
def main(
    catalogue_path: Path = typer.Option(DEFAULT_CATALOGUE_PATH, "--catalogue", help="laws.jsonl to resolve against"),
    corpus_files: int = typer.Option(400, help="corpus files for the whole-document throughput row (0 = skip)"),
    errors: bool = typer.Option(False, help="print every mismatch after the table"),
) -> None:
    console = Console(width=max(Console().width, 110))
    has_catalogue = catalogue_path.exists()
    if not has_catalogue:
        console.print(f"[yellow]no catalogue at {catalogue_path}: citation rows skipped[/yellow]")
    started = time.perf_counter()
    warm(Catalogue.from_jsonl(catalogue_path) if has_catalogue else None)
    console.print(f"warm-up (jieba, user dictionary, pipelines, indexes): {time.perf_counter() - started:.1f} s")

    table = Table(title="nlp/ extractors: one pass after warm-up")
    for column in ("extractor", "data", "texts", "P", "R", "F1", "chars/s", "sent/s"):
        table.add_column(column, justify="left" if column in ("extractor", "data") else "right", no_wrap=True)
    mismatches: list[str] = []
    files = sorted(get_settings().corpus_dir.rglob("*.md")) if corpus_files else []
    sample = random.Random(0).sample(files, min(corpus_files, len(files)))

    if has_catalogue:
        citations = load_jsonl(CITATIONS_PATH)
        for split in ("dev", "held_out", None):
            items = [item for item in citations if split in (None, item["split"])]
            catalogue = _fresh(catalogue_path)
            texts = [item["text"] for item in items]
            found, seconds = _timed(lambda text: extract_citations(text, catalogue), texts)
            score = score_citations(items, catalogue, extract=lambda text, _: found[text])
            _row(table, "citations", f"eval {split or 'all'}", texts, score, seconds)
        mismatches += score.errors
        if sample:
            documents = [path.read_text(encoding="utf-8") for path in sample]
            catalogue = _fresh(catalogue_path)
            _, seconds = _timed(lambda text: extract_citations(text, catalogue), documents)
            _row(table, "citations", f"{corpus_files} corpus files", documents, None, seconds)

    departments = load_jsonl(DEPARTMENTS_PATH)
    for split in ("dev", "held_out", None):
        items = [item for item in departments if split in (None, item["split"])]
        texts = [item["text"] for item in items]
        clear_segment_cache()
        found, seconds = _timed(extract_departments, texts)
        score = score_departments(items, extract=found.__getitem__)
        _row(table, "departments", f"eval {split or 'all'}", texts, score, seconds)
    mismatches += score.errors
    for fields, label in (((), "all, span only"), (("type",), "all, span+type"), (("type", "level"), "all, +level")):
        score = score_departments(departments, extract=found.__getitem__, fields=fields)
        _row(table, "departments", f"eval {label}", texts, score, seconds)
    _, seconds = _timed(extract_audiences, texts)
    _row(table, "audiences", "department eval texts", texts, None, seconds)
    if sample:
        articles = _corpus_articles(sample)
        clear_segment_cache()
        _, seconds = _timed(extract_departments, articles)
        _row(table, "departments", f"{len(articles)} corpus articles", articles, None, seconds)
        clear_segment_cache()
        started = time.perf_counter()
        list(analyze_articles(articles))
        _row(table, "articles", f"{len(articles)} corpus articles", articles, None, time.perf_counter() - started)
    console.print(table)
    if errors:
        for line in mismatches:
            console.print(line, markup=False)


if __name__ == "__main__":
    app()
