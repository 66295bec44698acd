"""`pufa catalogue sync` and `pufa catalogue status`: keep the law catalogue current from the
official databases (ingest.sync), and see where each source and level got to."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.console import console, errors, print_json, progress
from cli.ingest import JsonOpt, render_report
from cli.stores import opened_store
from domain.base.documents import chinese_date
from ingest.report import IngestReport
from ingest.sync.run import LEVELS, SOURCES, http_client, sync_catalogue, sync_states
from pufa.clock import stamp, system_clock
from pufa.config import get_settings

catalogue_app = typer.Typer(help="Keep the law catalogue current from the official databases.", no_args_is_help=True)
CHANGE_NAMES = {"added": "新增", "amended": "修改", "in force": "施行", "repealed": "废止"}


def register(app: typer.Typer) -> None:
    app.add_typer(catalogue_app, name="catalogue")


@catalogue_app.command("sync")
def sync_command(
    level: Annotated[list[str] | None, typer.Option(
        "--level", help=f"Only these levels (repeatable): {', '.join(LEVELS)}. Default: all.")] = None,
    since: Annotated[str | None, typer.Option(
        help="List rows published from this date (YYYY-MM-DD) instead of from the last sync.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Fetch what changed since the last sync from 国家法律法规数据库 and 国家规章库 (metadata, status,
    official text) and merge it; resumes an interrupted run. Settings: PUFA_FLK_BASE_URL,
    PUFA_GOV_RULES_URL, PUFA_GOV_RULES_APP_KEY, PUFA_SYNC_PROVINCE, PUFA_SYNC_PROXY (or HTTPS_PROXY)."""
    if since is not None:
        _check_date(since)
    settings = get_settings()
    with opened_store() as store, progress(errors, not as_json) as track, http_client(settings) as http:
        report = sync_catalogue(store, http, settings, today=date.today(), now=stamp(system_clock()),
                                levels=level or None, since=since, track=track)
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        render_sync(report, Console())
    if report.failed:
        raise typer.Exit(1)


@catalogue_app.command("status")
def status_command(as_json: JsonOpt = False) -> None:
    """Where each source and level got to: the date synced to, and a run under way."""
    with opened_store(read_only=True) as store:
        states = sync_states(store)
    if as_json:
        print_json([state.model_dump(mode="json") for state in states])
        return
    table = Table(title="目录同步")
    for column in ("来源", "位阶", "已同步至", "进行中"):
        table.add_column(column)
    for state in states:
        under_way = f"{state.phase} 第 {state.page} 页" if state.phase else ""
        table.add_row(SOURCES[state.source], state.level, chinese_date(state.synced_to) if state.synced_to else "从未同步", under_way)
    console.print(table)


def render_sync(report: IngestReport, out: Console) -> None:
    """The counts and problems as any ingest shows them, then each law changed."""
    render_report(report, out)
    if report.changes:
        table = Table(title=f"变化（{len(report.changes)}）")
        for column in ("变化", "法律法规", "说明"):
            table.add_column(column, overflow="fold")
        for change in report.changes:
            table.add_row(CHANGE_NAMES.get(change.kind, change.kind), escape(change.title), escape(change.note or ""))
        out.print(table)


def _check_date(day: str) -> None:
    try:
        date.fromisoformat(day)
    except ValueError:
        raise typer.BadParameter(f"{day!r} is not a date (YYYY-MM-DD)", param_hint="--since") from None
