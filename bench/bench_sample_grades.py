"""The sample county's 年度考核 under the shipped rubric: `make demo`'s data (catalogue, units,
checklists, the units' 2026 履职台账 with accepted evidence), scored as `pufa assess compute 2026`
scores it, then the count per grade, min/median/max and every unit's total (README, 考核评分细则).

    python -m bench.bench_sample_grades [--rubric FILE]

Figures, not assertions; a few minutes (the demo's load and its some 240 evidence decisions).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from domain.assessment.demo import record_sample_activities
from domain.assessment.rubric import rubric_in_force
from domain.assessment.scoring import read_facts
from domain.assessment.versions import score_units
from domain.base.cache import CachedStore
from domain.checklists.demo import demo_accounts
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from ingest.demo import load_demo

REGION = "示例市澄河县"
YEAR = 2026


def main(rubric: Path | None = typer.Option(None, help="A rubric to score by instead of the shipped one.")) -> None:
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        store = LadybugStore(Path(folder) / "sample.lbug")
        store.ensure_schema()
        started = time.perf_counter()
        load_demo(store)
        cached = CachedStore(store)
        demo_accounts(cached)
        accepted = record_sample_activities(cached, Path(folder) / "attachments")
        console.print(f"demo loaded, {accepted} activities accepted, in {time.perf_counter() - started:.0f} s")
        in_force = rubric_in_force(rubric)
        facts = read_facts(cached, YEAR, LawScope(region=REGION), date(YEAR, 12, 6))
        scored = score_units(in_force, facts)
        store.close()
    totals = [result.total for result in scored]
    grades = Counter(in_force.grade(total).name for total in totals)
    console.print(f"{len(totals)} units: " + ", ".join(f"{g.name} {grades.get(g.name, 0)}" for g in in_force.grades)
                  + f"; min {min(totals):g}, median {statistics.median(totals):g}, max {max(totals):g}")
    table = Table("unit", "total", "grade", "activities accepted", "checklist rows")
    for result in scored:
        table.add_row(result.unit.name or result.unit.unit_id, f"{result.total:g}", in_force.grade(result.total).name,
                      str(len(result.unit.accepted_ids)), str(result.unit.items))
    console.print(table)


if __name__ == "__main__":
    typer.run(main)
