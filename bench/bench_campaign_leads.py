"""Who leads each key date's campaign in the sample county (澄河县, as `pufa demo` loads it), against the
usual lead departments of data/key_dates.yaml, and how long the year's campaigns take.

    python -m bench.bench_campaign_leads                      # loads the demo into a temporary LadybugDB
    python -m bench.bench_campaign_leads --store demo.lbug    # a store the demo is loaded in already

Prints, for every key date of the year: its usual lead departments, the county's units acting as them,
whether a campaign forms and who leads it (and how the lead was found), and whether the lead is the usual
one wherever the county has such a unit; then the year's campaigns cold (every kept answer dropped) and warm.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from domain.base.cache import CachedStore
from domain.catalogue import campaign_year
from domain.catalogue.inference import responsible_units
from graph.ladybug_store import LadybugStore
from ingest.demo import load_demo
from pufa import vocab

REGION = "示例市澄河县"


def leads_table(store: CachedStore) -> tuple[Table, int, int]:
    """The table, the key dates that form a campaign, and those whose lead is not the usual one though the
    county has a unit acting as it."""
    types = {term.id: term.name for term in vocab.department_types()}
    acting = responsible_units(store)
    by_date = {found.key_date.id: found for found in campaign_year.campaign_year(store, None, REGION).data}
    table = Table(title=f"{REGION}: the lead of every key date's campaign")
    for column in ("key date", "usual lead", "county units acting as it", "forms", "lead (how found)", "usual?"):
        table.add_column(column)
    formed = mismatched = 0
    for term in campaign_year.year_key_dates():
        found = by_date[term.id]
        usual = [unit_id for type_id in term.leads for unit_id in acting.get(type_id, ())]
        lead = found.lead.unit.id if found.lead else None
        matches = not usual or lead in usual
        formed += found.lead is not None
        mismatched += not matches
        names = {unit.unit.id: unit.unit.name for unit in [*found.units, *([found.lead] if found.lead else [])]}
        table.add_row(f"{term.name}（{found.when}）", "、".join(types.get(t, t) for t in term.leads),
                      "、".join(names.get(unit_id) or unit_id for unit_id in usual) or "—",
                      "yes" if found.lead else "NO",
                      f"{found.lead.unit.name}（{found.lead_source}）" if found.lead else "—",
                      "yes" if usual and matches else ("—" if not usual else "NO"))
    return table, formed, mismatched


def main(store_path: Path | None = typer.Option(None, "--store", help="A LadybugDB the demo is loaded in."),
         repeats: int = 20) -> None:
    console = Console(width=160)
    with tempfile.TemporaryDirectory(prefix="pufa-bench-") as folder:
        store = LadybugStore(store_path or Path(folder) / "demo.lbug")
        if store_path is None:
            store.ensure_schema()
            started = time.perf_counter()
            load_demo(store)
            console.print(f"loaded the demo in {time.perf_counter() - started:.0f} s")
        answers = CachedStore(store)
        table, formed, mismatched = leads_table(answers)
        console.print(table)
        console.print(f"{formed} of {len(campaign_year.year_key_dates())} key dates form a campaign; "
                      f"{mismatched} led by another unit than the county's usual lead")
        cold = []
        for _ in range(3):
            answers = CachedStore(store)  # nothing kept: every read and answer worked out again
            started = time.perf_counter()
            campaign_year.campaign_year(answers, None, REGION)
            cold.append((time.perf_counter() - started) * 1000)
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            campaign_year.date_campaign(answers, "childrens_day", region=REGION)
            warm.append((time.perf_counter() - started) * 1000)
        console.print(f"year's campaigns: cold {min(cold):.0f}–{max(cold):.0f} ms (a new process); "
                      f"one key date warm p50 {sorted(warm)[len(warm) // 2]:.2f} ms, max {max(warm):.2f} ms")
        store.close()


if __name__ == "__main__":
    typer.run(main)
