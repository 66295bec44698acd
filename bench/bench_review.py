"""The checklist workflow's reads at county and province scale, and one login: p50/p95 per store.

    python -m bench.bench_review                     # county (40 units) and province (15,000 units), both stores
    python -m bench.bench_review --scale county --stores ladybug

The synthetic county or province of bench.bench_queries, with its checklists spread over the
workflow's states (a tenth waiting for review, most published), is timed through the domain answers
as the API calls them (under one graph stamp per call): the review queue, the public listing (plain,
by law, by unit), one published checklist, one checklist under review with its findings; and
`accounts.login` (argon2id). Targets: p95 ≤ 50 ms (county) and ≤ 500 ms (province) for the queue and
the listing; a login ≤ 300 ms. Figures, not assertions.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from api.app import freeze_loaded_objects
from bench.bench_queries import Scale, _neo4j_store, percentile, synthetic, timed
from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP, LoginThrottle
from domain.base.cache import CachedStore
from domain.checklists import publication, review
from graph.ladybug_store import LadybugStore
from graph.migrations import summarize_checklists
from graph.schema import NODES
from graph.store import GraphStore
from pufa.workflow import Role, State
from tests.fixtures_graph import build_county

COUNTY_TARGET_MS, PROVINCE_TARGET_MS, LOGIN_TARGET_MS = 50, 500, 300
TARGETED = ("review queue", "public listing", "public listing ?law=", "public listing ?unit=")
PASSWORD = "bench password 1"
SHARE = ((State.SUBMITTED, 8), (State.RESUBMITTED, 2), (State.RETURNED, 5), (State.APPROVED, 5), (State.FILED, 5),
         (State.PUBLISHED, 65), (State.DRAFT, 10))
"""How the synthetic checklists are spread over the states (percent)."""


def load(store: GraphStore, scale: Scale, batch: int) -> dict[str, list[str]]:
    """The synthetic graph with workflow states; returns checklist ids by state."""
    build_county(store)
    rng = random.Random(5)
    data = synthetic(scale)
    by_state: dict[str, list[str]] = {state.value: [] for state, _ in SHARE}
    for row in data["Checklist"]:
        state = rng.choices([s for s, _ in SHARE], [w for _, w in SHARE])[0]
        row.update(state=state.value, current=state is not State.DRAFT, submitted_at=f"2026-03-{rng.randint(1, 28):02d}",
                   filing_number=f"备{row['id']}" if state in (State.FILED, State.PUBLISHED) else None,
                   published_on="2026-04-30" if state is State.PUBLISHED else None)
        by_state[state.value].append(row["id"])
    for name, rows in data.items():
        upsert = store.upsert_nodes if name in NODES else store.upsert_edges
        for start in range(0, len(rows), batch):
            upsert(name, rows[start : start + batch])
    summarize_checklists(store)
    return by_state


Call = Callable[[CachedStore, random.Random], object]


def calls(by_state: dict[str, list[str]], reviewer: accounts.Actor) -> dict[str, Call]:
    queued = by_state[State.SUBMITTED.value] + by_state[State.RESUBMITTED.value]
    published = by_state[State.PUBLISHED.value]
    return {
        "review queue": lambda s, rng: review.review_queue(s, reviewer, limit=50),
        "public listing": lambda s, rng: publication.published_checklists(s, limit=50),
        "public listing ?law=": lambda s, rng: publication.published_checklists(s, law="安全", limit=50),
        "public listing ?unit=": lambda s, rng: publication.published_checklists(s, unit=f"第{rng.randrange(40)}单位",
                                                                                 limit=50),
        "public checklist": lambda s, rng: publication.published_checklist(s, rng.choice(published)),
        "checklist under review": lambda s, rng: review.checklist_detail(s, reviewer, rng.choice(queued)),
    }


def measure(store: GraphStore, by_state: dict[str, list[str]], repeats: int) -> dict[str, tuple[float, float, float]]:
    answers = CachedStore(store)
    reviewer_id, _ = accounts.create_account(answers, BOOTSTRAP, "bench-reviewer", Role.REVIEWER, password=PASSWORD)
    reviewer = accounts.session_actor(answers, reviewer_id.id, accounts.session_epoch(answers, reviewer_id.id))
    freeze_loaded_objects()
    rng, results = random.Random(11), {}
    for name, call in calls(by_state, reviewer).items():
        for _ in range(repeats):
            call(answers, rng)
        with store.transaction():
            pass
        call(answers, rng)
        samples = [timed(call, answers, rng) for _ in range(repeats)]
        cold = []
        for _ in range(min(3, repeats)):
            with store.transaction():
                pass
            cold.append(timed(call, answers, rng))
        results[name] = (statistics.median(samples), percentile(samples, 0.95), max(cold))
    throttle = LoginThrottle(free_failures=10**6, per_client=10**6)
    logins = []
    for _ in range(max(10, repeats)):
        started = time.perf_counter()
        accounts.login(answers, throttle, "bench-reviewer", PASSWORD, "127.0.0.1")
        logins.append((time.perf_counter() - started) * 1000)
    results["login (argon2id)"] = (statistics.median(logins), percentile(logins, 0.95), max(logins))
    return results


def main(
    scale: str = typer.Option("all", help="county, province or all."),
    county_units: int = 40, county_laws: int = 3000, county_claims: int = 800,
    province_units: int = 15_000, province_laws: int = 5000, province_claims: int = 150_000,
    repeats: int = typer.Option(20, help="Timed calls per answer (province: a quarter, at least 5)."),
    stores: str = typer.Option("ladybug,neo4j", help="Comma-separated: ladybug, neo4j."),
    batch: int = 50_000,
) -> None:
    scales = {"county": Scale("county", county_units, county_laws, county_claims),
              "province": Scale("province", province_units, province_laws, province_claims)}
    if scale != "all" and scale not in scales:
        raise typer.BadParameter(f"unknown scale {scale!r}; use county, province or all")
    console = Console(width=170)
    for chosen in scales.values() if scale == "all" else [scales[scale]]:
        county = chosen.name == "county"
        runs = repeats if county else max(5, repeats // 4)
        columns = {}
        for kind in (name.strip() for name in stores.split(",")):
            timings = _run(kind, chosen, runs, batch, console)
            if timings is not None:
                columns[kind] = timings
        console.print(_table(chosen, columns, COUNTY_TARGET_MS if county else PROVINCE_TARGET_MS))


def _run(kind: str, scale: Scale, repeats: int, batch: int, console: Console):
    if kind == "ladybug":
        with tempfile.TemporaryDirectory(prefix="pufa-bench-review-") as folder:
            store = LadybugStore(Path(folder) / "bench.lbug")
            try:
                store.ensure_schema()
                started = time.perf_counter()
                by_state = load(store, scale, batch)
                console.print(f"ladybug: loaded {scale.name} in {time.perf_counter() - started:.0f} s")
                return measure(store, by_state, repeats)
            finally:
                store.close()
    store = _neo4j_store()
    if store is None:
        console.print("[yellow]neo4j: skipped (PUFA_NEO4J_TEST_URI unset)[/]")
        return None
    try:
        started = time.perf_counter()
        by_state = load(store, scale, batch)
        console.print(f"neo4j: loaded {scale.name} in {time.perf_counter() - started:.0f} s")
        return measure(store, by_state, repeats)
    finally:
        store.clear()
        store.close()


def _table(scale: Scale, columns: dict[str, dict[str, tuple[float, float, float]]], target: int) -> Table:
    table = Table(title=f"checklist workflow, {scale.name}: {scale.units:,} units — ms; p50/p95 of repeated calls, "
                        f"cold = slowest right after a write (target p95 ≤ {target} ms for the queue and the listing, "
                        f"a login ≤ {LOGIN_TARGET_MS} ms)")
    table.add_column("answer")
    for kind in columns:
        for column in ("p50", "p95", "cold"):
            table.add_column(f"{kind} {column}", justify="right")
    names = next(iter(columns.values())).keys() if columns else []
    for name in names:
        limit = target if name in TARGETED else LOGIN_TARGET_MS if name.startswith("login") else None
        cells = [name]
        for timings in columns.values():
            p50, p95, cold = timings[name]
            cells += [f"{p50:.1f}", _flag(p95, limit), f"{cold:.1f}"]
        table.add_row(*cells)
    return table


def _flag(ms: float, limit: float | None) -> str:
    return f"{ms:.1f}" if limit is None or ms <= limit else f"[red]{ms:.1f}[/]"


if __name__ == "__main__":
    typer.run(main)
