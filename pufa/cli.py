"""The `pufa` command line: the same code as the API, for people and scripts.

Our own errors print as one red line and exit 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.migrations import prepare
from graph.registry import open_store
from graph.store import GraphStore
from pufa.config import get_settings
from pufa.errors import PufaError

app = typer.Typer(help="Pufa Graph: 谁执法谁普法 law catalogue and knowledge graph.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
console = Console()
errors = Console(stderr=True, soft_wrap=True)


@contextmanager
def opened_store(*, read_only: bool = False) -> Iterator[GraphStore]:
    """The configured store, checked to answer and with its schema in place."""
    store = open_store(get_settings(), read_only=read_only)
    try:
        store.ping()
        if not read_only:
            prepare(store)
        yield store
    finally:
        store.close()


def print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Show which store is configured, that it answers, and how many nodes of each kind it holds."""
    with opened_store() as store:
        counts = store.counts()
        if as_json:
            print_json({"store": store.kind, "location": store.location, "counts": counts})
            return
        table = Table(title=f"{store.kind} · {store.location}")
        table.add_column("label")
        table.add_column("nodes", justify="right")
        for label, count in counts.items():
            table.add_row(label, f"{count:,}")
        console.print(table)


@app.command()
def serve(
    host: str = typer.Option(None, help="Bind address (default PUFA_HOST)."),
    port: int = typer.Option(None, help="Port (default PUFA_PORT)."),
) -> None:
    """Run the API and web pages."""
    import uvicorn

    from api.main import create_app

    settings = get_settings()
    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port)


def main() -> None:
    try:
        app()
    except PufaError as exc:
        errors.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise SystemExit(1) from None


from pufa.cli_queries import register as register_queries  # noqa: E402  (the read commands: gaps, audit, …)

register_queries(app)

from pufa.cli_ingest import register as register_ingest  # noqa: E402  (ingest, demo, cite)

register_ingest(app)
