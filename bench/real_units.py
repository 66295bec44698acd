"""Which units of real registers get no law at all, read as a names-only register (issue 33).

    python -m bench.real_units [--corpus bench/data/real_lists.jsonl] [--names FILE]

The units are those of the evaluation corpus of real lists (each record's `unit`, exactly as written),
or one name a line from FILE. They are registered by name alone (the liaison form) in a fresh
LadybugDB holding the shipped catalogue, and each unit's `applicable` answer is asked as the API asks
it: a unit whose answer holds no law is a defect (a kind of unit the organ table or the taxonomy misses).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import typer
from rich.console import Console

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.ladybug_store import LadybugStore
from graph.store import GraphStore
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.laws import unit_id

CORPUS = Path(__file__).parent / "data" / "real_lists.jsonl"

app = typer.Typer(add_completion=False)


def corpus_unit_names(path: Path = CORPUS) -> list[str]:
    """The units of the corpus of real lists, each name once, in the order first met."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(json.loads(line)["unit"].strip() for line in lines if line.strip()))


def empty_units(store: GraphStore, names: Iterable[str]) -> list[str]:
    """The names whose unit, registered by its name alone in `store` (which holds the catalogue), gets an
    empty applicable answer. Registers the units (ids from their names), so use a store of its own."""
    names = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    with tempfile.TemporaryDirectory(prefix="pufa-real-units-") as folder:
        register = Path(folder) / "联络员登记表.csv"
        register.write_text("单位,姓名,职务,电话,邮箱\n" + "".join(
            f"{name.replace(',', '，')},联络员,科员,0000-{k:07d},u{k}@example.org\n" for k, name in enumerate(names)),
            encoding="utf-8")
        ingest_units(store, register)
    answers = CachedStore(store)
    return [name for name in names
            if coverage.applicable(answers, unit_id(name.replace(",", "，")), limit=0).inferred_count == 0]


@app.command()
def main(
    corpus: Path = typer.Option(CORPUS, help="The corpus of real lists (JSON lines with `unit`)."),
    names: Path | None = typer.Option(None, help="A file of unit names, one a line, instead of the corpus."),
) -> None:
    console = Console()
    units = [line for line in names.read_text(encoding="utf-8").splitlines() if line.strip()] if names \
        else corpus_unit_names(corpus)
    with tempfile.TemporaryDirectory(prefix="pufa-bench-real-units-") as folder:
        store = LadybugStore(Path(folder) / "real-units.lbug")
        try:
            store.ensure_schema()
            started = time.perf_counter()
            load_catalogue(store)
            empty = empty_units(store, units)
        finally:
            store.close()
    console.print(f"{len(empty)} of {len(set(units))} units get no law at all ({time.perf_counter() - started:.0f} s "
                  f"with loading the catalogue){':' if empty else ''}")
    for name in empty:
        console.print(f"  {name}")


if __name__ == "__main__":
    app()
