"""The `pufa` command line: the same answers as the API, for people and scripts.

Our own errors print as one red line and exit 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from cli import accounts, assess, catalogue, ingest, queries
from cli.console import console, errors, print_json
from cli.serve import serve
from cli.stores import opened_store
from domain.base.status import store_status
from pufa.errors import PufaError

app = typer.Typer(help="Pufa Graph: 谁执法谁普法 law catalogue and knowledge graph.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Show which store is configured, that it answers, and how many nodes of each kind it holds
    (the answer of GET /api/v1/status)."""
    with opened_store(read_only=True) as store:
        answer = store_status(store)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    table = Table(title=f"{answer.kind} · {answer.location}")
    table.add_column("label")
    table.add_column("nodes", justify="right")
    for label, count in answer.counts.items():
        table.add_row(label, f"{count:,}")
    console.print(table)


app.command()(serve)
queries.register(app)
ingest.register(app)
catalogue.register(app)
accounts.register(app)
assess.register(app, ingest.ingest_app)


def main() -> None:
    try:
        app()
    except PufaError as exc:
        errors.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise SystemExit(1) from None
