"""Precision/recall/F1 of the nlp/ extractors on tests/eval/ and their throughput, as a table.

    python -m bench.bench_nlp [--catalogue data/catalogue/laws.jsonl] [--corpus-files 400]
Throughput is measured on one pass after `warm()`, so jieba and dictionary loading (reported
separately) are excluded; the corpus rows run extract_citations over whole corpus files,
extract_departments / analyze_articles over their articles and find_principal_authorities over
their laws. Department and principal rows start with an empty segmentation cache, so no row
profits from an earlier one. Principal rows need the corpus (the eval set names laws, not texts).
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
from nlp.departments import extract_departments
from nlp.evaluation import (
    CITATIONS_PATH,
    DEPARTMENTS_PATH,
    PRINCIPALS_PATH,
    Score,
    load_jsonl,
    score_citations,
    score_departments,
    score_principals,
)
from nlp.pipeline import clear_jieba_cache
from nlp.principal import LawArticle, PrincipalAuthority, find_principal_authorities
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


def _corpus_laws(documents: list[Path]) -> list[list[LawArticle]]:
    """The articles of each sampled corpus file that parses as a law."""
    root = get_settings().corpus_dir
    laws: list[list[LawArticle]] = []
    for path in documents:
        try:
            laws.append([LawArticle.of(article) for article in parse_law_file(path, root=root).articles])
        except InputError:
            continue
    return laws


def _timed_principals(laws: dict[str, list[LawArticle]]) -> tuple[dict[str, list[PrincipalAuthority]], float]:
    """Principals by law id from a cold segmentation cache, and the seconds they took."""
    clear_jieba_cache()
    started = time.perf_counter()
    found = {law_id: find_principal_authorities(articles) for law_id, articles in laws.items()}
    return found, time.perf_counter() - started


def _principal_rows(table: Table) -> list[str]:
    """P/R/F1 on tests/eval/principal_authorities.jsonl per split (type and level), then type only."""
    root = get_settings().corpus_dir
    items = load_jsonl(PRINCIPALS_PATH)
    laws = {
        item["id"]: [LawArticle.of(article) for article in parse_law_file(root / item["source"], root=root).articles]
        for item in items
    }
    for split in ("dev", "held_out", None):
        chosen = [item for item in items if split in (None, item["split"])]
        found, seconds = _timed_principals({item["id"]: laws[item["id"]] for item in chosen})
        texts = [article.text for item in chosen for article in laws[item["id"]]]
        _row(table, "principals", f"eval {split or 'all'}, {len(chosen)} laws", texts, score_principals(chosen, found),
             seconds)
    _row(table, "principals", "eval all, type only", texts, score_principals(items, found, fields=("type",)), seconds)
    return score_principals(items, found).errors


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
        clear_jieba_cache()
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
        laws = _corpus_laws(sample)
        articles = [article.text for law in laws for article in law]
        clear_jieba_cache()
        _, seconds = _timed(extract_departments, articles)
        _row(table, "departments", f"{len(articles)} corpus articles", articles, None, seconds)
        clear_jieba_cache()
        started = time.perf_counter()
        facts = iter(analyze_articles(articles))
        _row(table, "articles", f"{len(articles)} corpus articles", articles, None, time.perf_counter() - started)
        known = [[article._replace(departments=tuple(next(facts).departments)) for article in law] for law in laws]
    if get_settings().corpus_dir.is_dir():
        mismatches += _principal_rows(table)
        if sample:
            _, seconds = _timed_principals(dict(enumerate(laws)))
            _row(table, "principals", f"{len(laws)} corpus laws", articles, None, seconds)
            _, seconds = _timed_principals(dict(enumerate(known)))
            _row(table, "principals", f"{len(laws)} laws, mentions known", articles, None, seconds)
    else:
        console.print(f"[yellow]no corpus at {get_settings().corpus_dir}: principal rows skipped[/yellow]")
    console.print(table)
    if errors:
        for line in mismatches:
            console.print(line, markup=False)


if __name__ == "__main__":
    app()
