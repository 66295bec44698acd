"""The annual assessment: computing a year's version at province and county scale, and the ranking's
page and API at county scale, per store.

    python -m bench.bench_assessment                         # province and county, both stores
    python -m bench.bench_assessment --scale county --stores ladybug

The synthetic county or province of bench.bench_queries (15,000 units, 5,000 laws, 150,000 checklist
rows at province scale), every checklist submitted, the year's deadline set, and a 履职台账 of
synthetic activities (300,000 in a province, 20 a unit on average) held on the key dates and for the
audiences the rows name, their evidence mostly accepted. `versions.compute` (every read, the
scoring, the version written in one transaction) is timed as the CLI and the API run it, with the
time of each phase; at county scale it runs `--computes` times. Then, over HTTP in process (the
app, its response cache and the renderer), a reviewer's ranking API and page and the public's, each
p50/p95 of repeated calls and the slowest right after a write. Targets: a province ≤ 60 s, a county
≤ 1 s, the ranking page and API p95 ≤ 50 ms at county scale. Figures, not assertions.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import typer
from fastapi.testclient import TestClient
from rich.console import Console
from rich.table import Table

from api.app import create_app
from bench.bench_queries import Scale, percentile, synthetic
from domain.accounts.accounts import BOOTSTRAP
from domain.assessment import versions
from domain.assessment.rubric import rubric_in_force
from domain.base.cache import CachedStore
from domain.checklists import plan
from graph.ladybug_store import LadybugStore
from graph.migrations import summarize_checklists
from graph.queries.scope import LawScope
from graph.registry import open_store
from graph.schema import NODES
from graph.store import GraphStore
from pufa.config import Settings
from pufa.workflow import EvidenceState, Role, State
from tests.accounts import PASSWORD, make_account, token_for
from tests.fixtures_graph import AUDIENCES, KEY_DATES, YEAR, build_county

PROVINCE_TARGET_S, COUNTY_TARGET_S, PAGE_TARGET_MS = 60, 1, 50
EVIDENCE_SHARE = ((EvidenceState.ACCEPTED, 60), (EvidenceState.PENDING, 15), (EvidenceState.REJECTED, 10),
                  (EvidenceState.NONE, 15))
"""How the synthetic activities' evidence is spread over the reviewer's decisions (percent)."""


@dataclass(frozen=True)
class Size:
    scale: Scale
    activities: int


@dataclass
class Phases:
    """A tracker (ingest.report.Tracker) that notes when each phase of a computation starts."""

    started: float = field(default_factory=time.perf_counter)
    marks: list[tuple[str, float]] = field(default_factory=list)

    def __call__(self, description: str, total: int):
        self.marks.append((description, time.perf_counter()))
        return lambda steps=1: None

    def split(self, ended: float) -> dict[str, float]:
        """Seconds per phase."""
        ends = [at for _, at in self.marks[1:]] + [ended]
        return {name: end - at for (name, at), end in zip(self.marks, ends)}


def activities(size: Size, data: dict[str, list[dict]], rng: random.Random) -> None:
    """A 台账 for the synthetic units: each activity on a key date and for an audience, most of them
    those a row of the unit's checklist names."""
    units = [row["id"] for row in data["Unit"]]
    key_dates, audiences = list(KEY_DATES), list(AUDIENCES)
    states, weights = [s.value for s, _ in EVIDENCE_SHARE], [w for _, w in EVIDENCE_SHARE]
    for k in range(size.activities):
        unit_id = units[k % len(units)] if k < len(units) else rng.choice(units)
        state = rng.choices(states, weights)[0]
        activity_id = f"SA{k}"
        data["Activity"].append({
            "id": activity_id, "unit_id": unit_id, "year": YEAR, "held_on": f"{YEAR}-{rng.randint(1, 12):02d}-15",
            "title": f"普法活动{k}", "reached": rng.randint(20, 800), "audience_ids": [rng.choice(audiences)],
            "key_date_ids": [rng.choice(key_dates)], "item_ids": [], "law_ids": [], "case_ids": [],
            "cases_published": 1 if rng.random() < 0.05 else 0, "evidence_state": state,
            "evidence_count": 0 if state == EvidenceState.NONE.value else 1, "source": "bench",
        })
        data["RECORDED"].append({"src": unit_id, "dst": activity_id})


def load(store: GraphStore, size: Size, batch: int) -> None:
    """The fixture county, the synthetic province or county with submitted checklists, the 台账."""
    build_county(store)
    rng = random.Random(19)
    data = synthetic(size.scale)
    for row in data["Checklist"]:
        row.update(state=State.SUBMITTED.value, submitted_at=f"{YEAR}-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}")
    activities(size, data, rng)
    for name, rows in data.items():
        upsert = store.upsert_nodes if name in NODES else store.upsert_edges
        for start in range(0, len(rows), batch):
            upsert(name, rows[start : start + batch])
    summarize_checklists(store)
    plan.save_plan(CachedStore(store), BOOTSTRAP, YEAR, liaison_deadline=None, checklist_deadline=f"{YEAR}-03-01",
                   notice=None)


def compute_once(store: GraphStore) -> tuple[float, dict[str, float], int]:
    """One new version from a fresh answer cache: seconds, seconds per phase, units scored."""
    rubric = rubric_in_force(None)
    phases = Phases()
    found = versions.compute(CachedStore(store), BOOTSTRAP, YEAR, rubric, scope=LawScope(), track=phases)
    ended = time.perf_counter()
    return ended - phases.started, phases.split(ended), found.units


def pages(store: GraphStore, repeats: int) -> dict[str, tuple[float, float, float]]:
    """The ranking as the reviewer and the public ask for it over HTTP: p50/p95 and cold, in ms."""
    with tempfile.TemporaryDirectory(prefix="pufa-bench-evidence-") as folder:
        app = create_app(Settings(secret_key="bench", cache_refresh_seconds=0, attachments_dir=Path(folder)), store=store)
        reviewer = make_account(store, "bench-reviewer", Role.REVIEWER)
        bearer = token_for(store, reviewer)
        latest = versions.versions(CachedStore(store), BOOTSTRAP, YEAR).data[0].version
        versions.publish(CachedStore(store), BOOTSTRAP, YEAR, latest)
        with TestClient(app) as client, TestClient(app) as signed_in:
            signed_in.post("/api/v1/auth/login", json={"username": "bench-reviewer", "password": PASSWORD})
            calls = {
                "GET /api/v1/assessments/{year}/ranking": (client, f"/api/v1/assessments/{YEAR}/ranking", bearer),
                "page /assessment (reviewer)": (signed_in, f"/assessment?year={YEAR}", {}),
                "GET /api/v1/public/assessments/{year}": (client, f"/api/v1/public/assessments/{YEAR}", {}),
                "page /public/assessment": (client, f"/public/assessment?year={YEAR}", {}),
            }
            return {name: _timed(store, *call, repeats) for name, call in calls.items()}


def _timed(store: GraphStore, client: TestClient, path: str, headers: dict, repeats: int) -> tuple[float, float, float]:
    def once() -> float:
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")
        return elapsed

    for _ in range(repeats):
        once()
    samples = [once() for _ in range(repeats)]
    cold = []
    for _ in range(3):
        with store.transaction():  # an empty write: a new graph stamp, nothing kept
            pass
        cold.append(once())
    return statistics.median(samples), percentile(samples, 0.95), max(cold)


@contextmanager
def opened(kind: str, console: Console) -> Iterator[GraphStore | None]:
    """A fresh store of this kind (Neo4j: the test server, opened as the server opens it — the graph
    stamp rechecked every PUFA_STAMP_RECHECK_MS — and emptied afterwards)."""
    if kind == "ladybug":
        with tempfile.TemporaryDirectory(prefix="pufa-bench-assessment-") as folder:
            store = LadybugStore(Path(folder) / "bench.lbug")
            try:
                store.ensure_schema()
                yield store
            finally:
                store.close()
        return
    if kind != "neo4j":
        raise typer.BadParameter(f"unknown store {kind!r}; use ladybug or neo4j")
    uri = os.environ.get("PUFA_NEO4J_TEST_URI")
    if not uri:
        console.print("[yellow]neo4j: skipped (PUFA_NEO4J_TEST_URI unset)[/]")
        yield None
        return
    store = open_store(Settings(store=uri, neo4j_user=os.environ.get("PUFA_NEO4J_USER", "neo4j"),
                                neo4j_password=os.environ.get("PUFA_NEO4J_PASSWORD", "")))  # as `pufa serve` opens it
    store.ensure_schema()
    store.clear()
    try:
        yield store
    finally:
        store.clear()
        store.close()


def main(
    scale: str = typer.Option("all", help="county, province or all."),
    county_units: int = 40, county_laws: int = 3000, county_claims: int = 800, county_activities: int = 800,
    province_units: int = 15_000, province_laws: int = 5000, province_claims: int = 150_000,
    province_activities: int = 300_000,
    computes: int = typer.Option(5, help="Computations timed at county scale (a province: one)."),
    repeats: int = typer.Option(30, help="Timed calls per page or API at county scale."),
    stores: str = typer.Option("ladybug,neo4j", help="Comma-separated: ladybug, neo4j."),
    batch: int = 50_000,
) -> None:
    sizes = {"province": Size(Scale("province", province_units, province_laws, province_claims), province_activities),
             "county": Size(Scale("county", county_units, county_laws, county_claims), county_activities)}
    if scale != "all" and scale not in sizes:
        raise typer.BadParameter(f"unknown scale {scale!r}; use county, province or all")
    console = Console(width=170)
    for chosen in sizes.values() if scale == "all" else [sizes[scale]]:
        county = chosen.scale.name == "county"
        computed, served = {}, {}
        for kind in (name.strip() for name in stores.split(",")):
            with opened(kind, console) as store:
                if store is None:
                    continue
                started = time.perf_counter()
                load(store, chosen, batch)
                console.print(f"{kind}: loaded {chosen.scale.name} ({chosen.scale.units:,} units, "
                              f"{chosen.activities:,} activities) in {time.perf_counter() - started:.0f} s")
                computed[kind] = [compute_once(store) for _ in range(computes if county else 1)]
                if county:
                    served[kind] = pages(store, repeats)
        console.print(_compute_table(chosen, computed, COUNTY_TARGET_S if county else PROVINCE_TARGET_S))
        if served:
            console.print(_pages_table(chosen, served))


def _compute_table(size: Size, computed: dict[str, list[tuple[float, dict[str, float], int]]], target: float) -> Table:
    table = Table(title=f"computing the {YEAR} assessment, {size.scale.name}: {size.scale.units:,} units, "
                        f"{size.scale.claims:,} checklist rows, {size.activities:,} activities — seconds "
                        f"(target ≤ {target:g} s; the median of the runs, the slowest, and the median's phases)")
    table.add_column("store")
    table.add_column("units scored", justify="right")
    table.add_column("median", justify="right")
    table.add_column("slowest", justify="right")
    table.add_column("phases")
    for kind, runs in computed.items():
        totals = [seconds for seconds, _, _ in runs]
        middle = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
        median = statistics.median(totals)
        table.add_row(kind, f"{middle[2]:,}", f"[{'green' if median <= target else 'red'}]{median:.2f}[/]",
                      f"{max(totals):.2f}", "; ".join(f"{name} {seconds:.2f}" for name, seconds in middle[1].items()))
    return table


def _pages_table(size: Size, served: dict[str, dict[str, tuple[float, float, float]]]) -> Table:
    table = Table(title=f"the ranking over HTTP, {size.scale.name}: {size.scale.units:,} units — ms; p50/p95 of "
                        f"repeated calls, cold = slowest right after a write (target p95 ≤ {PAGE_TARGET_MS} ms)")
    table.add_column("request")
    for kind in served:
        for column in ("p50", "p95", "cold"):
            table.add_column(f"{kind} {column}", justify="right")
    for name in next(iter(served.values())):
        cells = [name]
        for timings in served.values():
            p50, p95, cold = timings[name]
            cells += [f"{p50:.1f}", f"[{'green' if p95 <= PAGE_TARGET_MS else 'red'}]{p95:.1f}[/]", f"{cold:.1f}"]
        table.add_row(*cells)
    return table


if __name__ == "__main__":
    typer.run(main)
