"""Bounded loopback load on the read endpoints: throughput, latency and errors per endpoint.

    python -m bench.bench_load                          # county scale, 200 requests per endpoint, 8 at a time
    python -m bench.bench_load --requests 1000 --concurrency 32

A county-scale LadybugDB store (the synthetic county of bench.bench_queries) is written to a
temporary folder, the real server (uvicorn, one process, as `pufa serve` runs it) is started on
a free loopback port in a subprocess, and a fixed number of requests per endpoint is sent with
asyncio + httpx, `concurrency` in flight at a time. The run stops by itself; every request has a
timeout, and anything but a 2xx counts as an error.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import typer
from rich.console import Console
from rich.table import Table

from bench.bench_queries import Scale, load, percentile
from graph.ladybug_store import LadybugStore
from pufa.config import PROJECT_ROOT

REQUEST_TIMEOUT = 30.0
STARTUP_TIMEOUT = 60.0


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0


def read_endpoints(scale: Scale) -> dict[str, callable]:
    """Endpoint label → a function drawing one request path (with its varying id) from the synthetic county."""
    unit = lambda rng: f"SU{rng.randrange(scale.units)}"  # noqa: E731
    law = lambda rng: f"SL{rng.randrange(scale.laws)}"  # noqa: E731
    return {
        "GET /health": lambda rng: "/health",
        "GET /laws?q=": lambda rng: "/api/v1/laws?q=安全&limit=50",
        "GET /laws/{id}": lambda rng: f"/api/v1/laws/{law(rng)}?limit=50",
        "GET /articles?q=": lambda rng: "/api/v1/articles?q=食品安全&limit=50",
        "GET /units": lambda rng: "/api/v1/units?limit=50",
        "GET /units/{id}": lambda rng: f"/api/v1/units/{unit(rng)}",
        "GET /units/{id}/applicable": lambda rng: f"/api/v1/units/{unit(rng)}/applicable?include_sub_units=true",
        "GET /gaps": lambda rng: "/api/v1/gaps?limit=50",
        "GET /gaps/units/{id}": lambda rng: f"/api/v1/gaps/units/{unit(rng)}?limit=50",
        "GET /shared": lambda rng: "/api/v1/shared?limit=50",
        "GET /shared/{law}": lambda rng: f"/api/v1/shared/{law(rng)}",
        "GET /campaigns?key_date_id": lambda rng: "/api/v1/campaigns?key_date_id=constitution_day&limit=20",
        "GET /audit": lambda rng: "/api/v1/audit?limit=50",
        "GET /audit/problems": lambda rng: "/api/v1/audit/problems?limit=50",
        "GET /audit/units/{id}": lambda rng: f"/api/v1/audit/units/{unit(rng)}",
        "GET /exports/units/{id}/checklist": lambda rng: "/api/v1/exports/units/UMKT/checklist",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store_path: Path, port: int) -> subprocess.Popen:
    """The API as deployed: uvicorn with the app factory, the store named by PUFA_STORE."""
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        cwd=PROJECT_ROOT, env={**os.environ, "PUFA_STORE": str(store_path), "PUFA_LADYBUG_BUFFER_MB": "512"},
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode} before answering")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"the server did not answer within {STARTUP_TIMEOUT:.0f} s")


async def hammer(base_url: str, draw, requests: int, concurrency: int, seed: int) -> Tally:
    """`requests` requests from `draw`, `concurrency` at a time; latency of each and the non-2xx count."""
    rng = random.Random(seed)
    paths = [draw(rng) for _ in range(requests)]
    tally = Tally()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            path = queue.get_nowait()
            started = time.perf_counter()
            try:
                response = await client.get(path)
                failed = not response.is_success
            except httpx.HTTPError:
                failed = True
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            tally.errors += failed

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT, limits=limits) as client:
        await client.get(draw(rng))  # warm the query plan and caches, as bench_queries does
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        tally.seconds = time.perf_counter() - started
    return tally


def report(scale: Scale, tallies: dict[str, Tally], concurrency: int) -> Table:
    table = Table(title=f"loopback load, {scale.name}: {scale.units:,} units, {scale.laws:,} laws, {scale.claims:,} claims; "
                        f"{concurrency} requests in flight, one uvicorn process on LadybugDB")
    for column in ("endpoint", "requests", "errors", "req/s", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    for name, tally in tallies.items():
        done = len(tally.latencies_ms)
        table.add_row(name, str(done), f"[{'red' if tally.errors else 'green'}]{tally.errors}[/]",
                      f"{done / tally.seconds:.0f}", f"{statistics.median(tally.latencies_ms):.1f}",
                      f"{percentile(tally.latencies_ms, 0.95):.1f}", f"{max(tally.latencies_ms):.1f}")
    total = sum(len(t.latencies_ms) for t in tallies.values())
    seconds = sum(t.seconds for t in tallies.values())
    table.add_section()
    table.add_row("all", str(total), str(sum(t.errors for t in tallies.values())), f"{total / seconds:.0f}", "", "", "")
    return table


def main(
    requests: int = typer.Option(200, help="Requests per endpoint."),
    concurrency: int = typer.Option(8, help="Requests in flight at a time."),
    units: int = 30, laws: int = 3000, claims: int = 600,
) -> None:
    console = Console(width=None if sys.stdout.isatty() else 120)
    scale = Scale("county", units, laws, claims)
    with tempfile.TemporaryDirectory(prefix="pufa-load-") as folder:
        store_path = Path(folder) / "county.lbug"
        store = LadybugStore(store_path, buffer_pool_mb=512)
        started = time.perf_counter()
        store.ensure_schema()
        load(store, scale, 50_000)
        console.print(f"loaded the {scale.name} in {time.perf_counter() - started:.0f} s")
        store.close()
        port = free_port()
        server = start_server(store_path, port)
        try:
            tallies = {
                name: asyncio.run(hammer(f"http://127.0.0.1:{port}", draw, requests, concurrency, seed))
                for seed, (name, draw) in enumerate(read_endpoints(scale).items())
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    console.print(report(scale, tallies, concurrency))


if __name__ == "__main__":
    typer.run(main)
