"""Requests per second of the served read endpoints and pages under wrk, next to a trivial endpoint.

    python -m bench.bench_serve                          # the sample county, 10 s per endpoint
    python -m bench.bench_serve --duration 5 --store var/pufa.lbug   # an embedded store already loaded

One `pufa serve` process (the embedded store, the sample county on the full shipped catalogue, as
`pufa demo` loads it) and one trivial FastAPI app returning a small dict, each alone on loopback;
wrk (Debian's `wrk`: `apt-get install wrk`) drives each endpoint with one thread and 16 connections
for `--duration` seconds after a warming call, so what is measured is an answer served again, as
most visitors get it between two writes. Each row gives the endpoint's requests per second and its
ratio to the trivial endpoint's. Targets: cached JSON reads ≥ 0.33 of the trivial endpoint,
`/health` ≥ 0.5, the dashboard page ≥ 0.05. Figures, not pass/fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import typer
from rich.console import Console
from rich.table import Table

SAMPLE_REGION = "示例市澄河县"
TRIVIAL_APP = """
from fastapi import FastAPI
app = FastAPI()

@app.get("/")
async def root():
    return {"status": "ok", "service": "trivial"}
"""
START_SECONDS = 180
TARGETS = {"json": 0.33, "health": 0.5, "dashboard": 0.05}


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    kind: str
    """`json` (a cached JSON read), `health`, `dashboard`, `page`, or `other` (no target)."""
    headers: dict[str, str] = field(default_factory=dict)
    revalidate: bool = False
    """Send If-None-Match with the ETag of the warming call (a browser coming back)."""

    @property
    def target(self) -> float | None:
        return TARGETS.get(self.kind)


@dataclass(frozen=True)
class Measured:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad: int
    """Responses that were neither 2xx nor 3xx, and socket errors."""
    status: int
    size: int


GZIP = {"Accept-Encoding": "gzip"}


def endpoints(unit: str, law: str) -> list[Endpoint]:
    search = quote("食品安全")
    return [
        Endpoint("/health", "/health", "health"),
        Endpoint("/api/v1/status", "/api/v1/status", "json"),
        Endpoint("/api/v1/gaps?limit=20", "/api/v1/gaps?limit=20", "json"),
        Endpoint("/api/v1/gaps?limit=20 (gzip)", "/api/v1/gaps?limit=20", "json", GZIP),
        Endpoint("/api/v1/gaps?limit=20 (If-None-Match)", "/api/v1/gaps?limit=20", "json", revalidate=True),
        Endpoint("/api/v1/units/{id}/applicable?limit=20", f"/api/v1/units/{unit}/applicable?limit=20", "json"),
        Endpoint("/api/v1/laws?q=食品安全", f"/api/v1/laws?q={search}", "json"),
        Endpoint("/api/v1/articles?q=食品安全", f"/api/v1/articles?q={search}&limit=20", "json"),
        Endpoint("/api/v1/shared?limit=20", "/api/v1/shared?limit=20", "json"),
        Endpoint("/api/v1/audit?limit=20", "/api/v1/audit?limit=20", "json"),
        Endpoint("/ (dashboard)", "/", "dashboard"),
        Endpoint("/ (dashboard, gzip)", "/", "dashboard", GZIP),
        Endpoint("/units/{id} (page, gzip)", f"/units/{unit}", "page", GZIP),
        Endpoint("/laws/{id} (page, gzip)", f"/laws/{law}", "page", GZIP),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextmanager
def server(command: list[str], port: int, env: dict[str, str], cwd: Path | None = None):
    """A server process on loopback, answering /health or / before it is handed out; stopped after."""
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {process.stderr.read()[-2000:]}")
            try:
                fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{' '.join(command)} did not answer within {START_SECONDS} s") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, headers: dict[str, str], duration: int, connections: int) -> tuple[float, float, float, int]:
    """Requests/s, p50 and p99 in ms, and the count of bad responses and socket errors."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: float(v) * UNIT_MS[u] for p, v, u in LATENCY.findall(out)}
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rate, latency.get("50", 0.0), latency.get("99", 0.0), bad


def measure(base: str, endpoint: Endpoint, duration: int, connections: int) -> Measured | str:
    """Warm the endpoint, then drive it; a string says why it was not driven."""
    url = base + endpoint.path
    fetch(url, endpoint.headers)
    status, headers, body = fetch(url, endpoint.headers)
    sent = dict(endpoint.headers)
    if endpoint.revalidate:
        etag = headers.get("ETag") or headers.get("etag")
        if not etag:
            return "no ETag"
        sent["If-None-Match"] = etag
        status, _, body = fetch(url, sent)
    rate, p50, p99, bad = wrk(url, sent, duration, connections)
    return Measured(rate, p50, p99, bad, status, len(body))


def sample_store(folder: Path) -> Path:
    """The sample county on the full shipped catalogue in a new embedded store, as `pufa demo` loads it."""
    from graph.ladybug_store import LadybugStore
    from ingest.demo import load_demo
    from pufa.config import get_settings

    path = folder / "serve.lbug"
    with LadybugStore(path) as store:
        store.ensure_schema()
        load_demo(store, cases_dir=get_settings().corpus_dir / "案例")
    return path


def stored_ids(path: Path) -> tuple[str, str]:
    """The market regulator (the unit with the most laws to show) and the food safety law."""
    from graph.ladybug_store import LadybugStore
    from graph.query import Query

    with LadybugStore(path, read_only=True, buffer_pool_mb=256) as store:
        def first(cypher: str) -> str:
            return store.read(Query("bench_serve_ids", cypher))[0]["v"]

        unit = first("MATCH (u:Unit) WHERE u.name CONTAINS '市场监督管理局' RETURN u.id AS v ORDER BY v LIMIT 1")
        law = first("MATCH (l:Law) WHERE l.title = '中华人民共和国食品安全法' RETURN l.id AS v LIMIT 1")
    return unit, law


def report(console: Console, results: dict[str, Measured | str], trivial: Measured, title: str) -> None:
    table = Table(title=title)
    for column in ("endpoint", "status", "bytes", "req/s", "ratio", "target", "p50 ms", "p99 ms", "bad"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    table.add_row("trivial FastAPI endpoint", str(trivial.status), f"{trivial.size:,}",
                  f"{trivial.requests_per_second:,.0f}", "1.00", "", f"{trivial.p50_ms:.2f}", f"{trivial.p99_ms:.2f}",
                  str(trivial.bad))
    for name, (endpoint, result) in results.items():
        if isinstance(result, str):
            table.add_row(name, "", "", result, "", "", "", "", "")
            continue
        ratio = result.requests_per_second / trivial.requests_per_second
        target = endpoint.target
        mark = "" if target is None else f"≥ {target:.2f} " + ("[green]met[/]" if ratio >= target else "[red]missed[/]")
        if result.status not in (200, 304):
            mark = f"[red]answered {result.status}[/]"
        table.add_row(name, str(result.status), f"{result.size:,}", f"{result.requests_per_second:,.0f}",
                      f"{ratio:.3f}", mark, f"{result.p50_ms:.2f}", f"{result.p99_ms:.2f}", str(result.bad))
    console.print(table)


def main(
    duration: int = typer.Option(10, min=1, max=120, help="Seconds of load per endpoint."),
    connections: int = typer.Option(16, min=1, max=256, help="wrk connections (one thread)."),
    store: Path = typer.Option(None, help="An embedded store already loaded (default: load the sample county)."),
    only: str = typer.Option("", help="Drive only endpoints whose name contains this text."),
) -> None:
    console = Console(width=200)
    if shutil.which("wrk") is None:
        console.print("[red]wrk is not installed[/]: apt-get install wrk (Debian's package)")
        raise typer.Exit(1)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="pufa-bench-serve-") as folder:
        if store is None:
            console.print("loading the sample county on the full shipped catalogue …")
            started = time.perf_counter()
            store = sample_store(Path(folder))
            console.print(f"loaded in {time.perf_counter() - started:.0f} s")
        unit, law = stored_ids(store)
        trivial_dir = Path(folder) / "trivial"
        trivial_dir.mkdir()
        (trivial_dir / "trivial_app.py").write_text(TRIVIAL_APP, encoding="utf-8")
        uvicorn = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--log-level", "warning", "--no-access-log"]
        port = free_port()
        with server([*uvicorn, "--port", str(port), "trivial_app:app"], port, {}, cwd=trivial_dir) as base:
            trivial = measure(base, Endpoint("trivial", "/", "other"), duration, connections)
        port = free_port()
        pufa = [str(Path(sys.executable).parent / "pufa"), "serve", "--port", str(port)]
        environment = {"PUFA_STORE": str(store), "PUFA_REGION": SAMPLE_REGION, "PUFA_HOST": "127.0.0.1"}
        results: dict[str, tuple[Endpoint, Measured | str]] = {}
        with server(pufa, port, environment, cwd=root) as base:
            for endpoint in endpoints(unit, law):
                if only in endpoint.name:
                    results[endpoint.name] = (endpoint, measure(base, endpoint, duration, connections))
                    console.print(f"  {endpoint.name} …", highlight=False)
    report(console, results, trivial,
           f"one `pufa serve` process vs a trivial FastAPI endpoint · wrk -t1 -c{connections} -d{duration}s · loopback")


if __name__ == "__main__":
    typer.run(main)
