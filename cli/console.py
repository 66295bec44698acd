"""Where the CLI writes: tables and progress to the terminal (rich), answers as JSON on stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.report import Advance, Tracker, no_progress

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


@contextmanager
def progress(to: Console, enabled: bool) -> Iterator[Tracker]:
    """A tracker drawing rich progress bars on `to` (none when printing JSON)."""
    if not enabled:
        yield no_progress
        return
    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=to, transient=True) as bars:
        def track(description: str, total: int) -> Advance:
            task = bars.add_task(description, total=total)
            return lambda steps=1: bars.advance(task, steps)

        yield track
