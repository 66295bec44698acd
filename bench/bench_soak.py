"""Reads served while hostile files are uploaded: does an attack slow everyone else down?

    python -m bench.bench_soak                            # 300 reads quiet, reads under attack, 16 hostile uploads
    python -m bench.bench_soak --reads 600 --uploads 48

The synthetic county of bench.bench_load is written to a temporary LadybugDB store and the real
server (uvicorn, one process, as `pufa serve` runs it) is started on a free loopback port, never
another interface. Reads (health, units, laws, audit) are sent `concurrency` at a time, first
alone (the quiet p95), then while an attacker uploads hostile files two at a time as the
bootstrap administrator: a .docx of 400,000 empty paragraphs (40 KB), one just under the
paragraph limit full of text (read whole, then refused: no table), a CSV just over the row limit,
and an xlsx zip bomb. Bounded in
count (`--uploads`) and in time (`--seconds`): the attack stops at whichever comes first, every
request has a timeout. Prints the read p95 under attack against the quiet p95 (target: within 2×),
how each hostile upload was answered and how long it took, and the server's peak memory (VmHWM).
Figures, not assertions.
"""

from __future__ import annotations

import asyncio
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
import httpx
import typer
from rich.console import Console
from rich.table import Table

from bench.bench_load import REQUEST_TIMEOUT, free_port, read_endpoints, start_server
from bench.bench_queries import Scale, load, percentile
from graph.ladybug_store import LadybugStore
from ingest.tables import limits

TOKEN = "bench-soak-token"
UPLOAD_TIMEOUT = 120.0
TARGET_RATIO = 2.0
READS = ("GET /health", "GET /units", "GET /laws/{id}", "GET /units/{id}", "GET /audit/units/{id}", "GET /gaps")


def word_file(paragraphs: list[str]) -> bytes:
    """A real .docx (python-docx's template) whose body is the given paragraphs, written as XML directly."""
    template = io.BytesIO()
    docx.Document().save(template)
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>" for text in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                head = data.decode().partition("<w:body>")[0]
                data = f"{head}<w:body>{body}</w:body></w:document>".encode()
            target.writestr(item, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """An xlsx whose one sheet inflates past the unzipped-size limit (a few hundred KB on the wire)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (limits.MAX_UNZIPPED_BYTES + (1 << 20)) + b"/>")
    return out.getvalue()


def hostile_files() -> list[tuple[str, bytes]]:
    row = "1,《中华人民共和国食品安全法》,企业经营者,以案释法,3月15日,法规股,张三\n"
    return [
        ("2026年清单-空段落.docx", word_file([""] * 400_000)),
        ("2026年清单-长文.docx", word_file(["普法责任清单的说明文字，一段一行。"] * (limits.MAX_PARAGRAPHS - 1000))),
        ("2026年清单-超长表.csv", ("序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"
                             + row * (limits.MAX_ROWS + 10)).encode()),
        ("2026年清单-炸弹.xlsx", zip_bomb()),
    ]


async def reads(client: httpx.AsyncClient, draws: dict, count: int, concurrency: int,
                seed: int) -> tuple[list[float], int]:
    """`count` reads drawn round-robin from `draws`, `concurrency` in flight: each one's latency in ms, and
    how many failed (not 2xx, or timed out)."""
    rng = random.Random(seed)
    names = list(draws)
    paths = [draws[names[i % len(names)]](rng) for i in range(count)]
    latencies: list[float] = []
    failures = 0

    async def worker() -> None:
        nonlocal failures
        while paths:
            path = paths.pop()
            started = time.perf_counter()
            try:
                failed = not (await client.get(path)).is_success
            except httpx.TimeoutException:
                failed = True
            latencies.append((time.perf_counter() - started) * 1000)
            failures += failed

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, failures


async def attack(client: httpx.AsyncClient, files: list[tuple[str, bytes]], uploads: int,
                 deadline: float) -> list[tuple[str, str, float]]:
    """Hostile uploads two at a time until `uploads` are sent or `deadline` passes: (file, status, seconds)."""
    queue = [files[i % len(files)] for i in range(uploads)]
    answered: list[tuple[str, str, float]] = []

    async def attacker() -> None:
        while queue and time.monotonic() < deadline:
            name, content = queue.pop(0)
            started = time.perf_counter()
            try:
                response = await client.post("/api/v1/checklists", files={"file": (name, content)},
                                             data={"unit": "澄河县市场监督管理局", "year": "2026"},
                                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=UPLOAD_TIMEOUT)
                status = str(response.status_code)
            except httpx.TimeoutException:
                status = "timeout"
            answered.append((name, status, time.perf_counter() - started))

    await asyncio.gather(attacker(), attacker())
    return answered


async def soak(port: int, scale: Scale, count: int, concurrency: int, uploads: int, seconds: float):
    draws = {name: draw for name, draw in read_endpoints(scale).items() if name in READS}
    files = hostile_files()
    pool = httpx.Limits(max_connections=concurrency + 2)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=REQUEST_TIMEOUT, limits=pool) as client:
        await reads(client, draws, len(draws) * 3, 1, 0)  # warm every query and cache
        quiet, quiet_failures = await reads(client, draws, count, concurrency, 1)
        deadline = time.monotonic() + seconds
        attacked = asyncio.create_task(attack(client, files, uploads, deadline))
        loud, loud_failures = [], 0
        while not attacked.done():  # reads for as long as the attack lasts
            more, failed = await reads(client, draws, min(count, 60), concurrency, len(loud) + 2)
            loud, loud_failures = loud + more, loud_failures + failed
        return (quiet, quiet_failures), (loud, loud_failures), await attacked


def peak_memory_mb(pid: int) -> float:
    """The server process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(
    reads_count: int = typer.Option(300, "--reads", help="Reads in the quiet phase (and at least as many under attack)."),
    concurrency: int = typer.Option(4, help="Reads in flight at a time."),
    uploads: int = typer.Option(16, help="Hostile uploads at the most."),
    seconds: float = typer.Option(120.0, help="The attack stops after this, whatever is left."),
) -> None:
    console = Console(width=None if sys.stdout.isatty() else 120)
    scale = Scale("county", 30, 3000, 600)
    with tempfile.TemporaryDirectory(prefix="pufa-soak-") as folder:
        store_path = Path(folder) / "county.lbug"
        store = LadybugStore(store_path, buffer_pool_mb=512)
        store.ensure_schema()
        load(store, scale, 50_000)
        store.close()
        port = free_port()
        os.environ["PUFA_API_TOKEN"] = TOKEN
        server = start_server(store_path, port)
        try:
            (quiet, quiet_failures), (loud, loud_failures), answered = asyncio.run(
                soak(port, scale, reads_count, concurrency, uploads, seconds))
            peak = peak_memory_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a parse still running in a worker thread
                server.kill()
                server.wait(timeout=30)
    quiet_p95, loud_p95 = percentile(quiet, 0.95), percentile(loud, 0.95)
    table = Table(title=f"reads under hostile uploads, one uvicorn process on LadybugDB (loopback), "
                        f"{concurrency} reads in flight")
    for column in ("phase", "reads", "failed", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    for phase, latencies, failed in (("quiet", quiet, quiet_failures), ("under attack", loud, loud_failures)):
        table.add_row(phase, str(len(latencies)), str(failed), f"{statistics.median(latencies):.1f}",
                      f"{percentile(latencies, 0.95):.1f}", f"{max(latencies):.1f}")
    console.print(table)
    uploads_table = Table(title="hostile uploads (two at a time)")
    for column in ("file", "answers", "median s", "max s"):
        uploads_table.add_column(column, justify="left" if column in ("file", "answers") else "right")
    for name in dict.fromkeys(name for name, *_ in answered):
        times = [took for sent, _, took in answered if sent == name]
        statuses = Counter(status for sent, status, _ in answered if sent == name)
        uploads_table.add_row(name, ", ".join(f"{count}× {status}" for status, count in sorted(statuses.items())),
                              f"{statistics.median(times):.2f}", f"{max(times):.2f}")
    console.print(uploads_table)
    ratio = loud_p95 / quiet_p95
    console.print(f"read p95 under attack / quiet: {loud_p95:.1f} / {quiet_p95:.1f} ms = "
                  f"[{'green' if ratio <= TARGET_RATIO else 'red'}]{ratio:.2f}×[/] (target ≤ {TARGET_RATIO:.0f}×); "
                  f"{len(answered)} hostile uploads; server peak memory {peak:.0f} MB")


if __name__ == "__main__":
    typer.run(main)
