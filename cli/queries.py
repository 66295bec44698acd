"""Read commands: the API's answers on the command line, as rich tables or as --json.

They call the same domain answers as /api/v1, so `pufa gaps --json` and GET /api/v1/gaps agree.
`register(app)` adds them to the `pufa` app (cli.main calls it once).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape

from cli import render
from cli.console import console, print_json
from cli.stores import opened_store
from domain.base import documents
from domain.base.asked import checklist_year
from domain.base.cache import CachedStore
from domain.catalogue import campaigns as campaigns_service
from domain.catalogue import coverage, lookup, shared_laws
from domain.catalogue.models import UNITS_SHOWN
from domain.catalogue.relevance import TIERS
from domain.checklists import audit as audit_service
from domain.checklists import publication
from graph.queries.scope import LawScope
from pufa.config import get_settings

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (as the API returns it) instead of tables.")]
YearOpt = Annotated[int | None, typer.Option(help="Checklist year (default: the latest submitted).")]
LevelOpt = Annotated[str | None, typer.Option(help="位阶, e.g. 法律, 行政法规, 地方性法规.")]
StatusOpt = Annotated[str, typer.Option(help="时效性; 'all' for any.")]
RegionOpt = Annotated[str | None, typer.Option(help="A unit's region: national laws plus local ones it lies in.")]
CategoryOpt = Annotated[str | None, typer.Option(help="Category, e.g. 行政法.")]
CommonOpt = Annotated[bool, typer.Option("--include-common", help="Include common duties (宪法, 民法典 …).")]
SkipOpt = Annotated[int, typer.Option(min=0, help="Rows to skip.")]
LimitOpt = Annotated[int, typer.Option(min=1, help="Rows to show.")]

Tier = Enum("Tier", {name: name for name in TIERS}, type=str)
"""主管 principal, 相关 related, 提及 mentioned (domain.catalogue.relevance)."""
GapTier = Enum("GapTier", {name: name for name in (*TIERS, coverage.UNOWNED)}, type=str)

export_app = typer.Typer(help="Write the coverage matrix, the audit report or a unit's checklist to a file.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    for command in (gaps, applicable, shared, campaigns, audit):
        app.command()(command)
    app.command("law-search")(law_search)
    app.add_typer(export_app, name="export")


def _scope(level: str | None, status: str, region: str | None, category: str | None, include_common: bool) -> LawScope:
    return LawScope.asked(level=level, status=status, region=region, category=category, include_common=include_common,
                          served_region=get_settings().region)


def _answer(as_json: bool, compute: Callable[[CachedStore], BaseModel], render: Callable[[BaseModel, Console], None]) -> None:
    """Compute an answer on the configured store, then print it."""
    with opened_store(read_only=True) as store:
        answer = compute(store)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        render(answer, console)


def gaps(
    unit: Annotated[str | None, typer.Option(help="A unit (id, name or alias): laws its functions imply that it omits.")] = None,
    sub_units: Annotated[bool, typer.Option("--sub-units", help="With --unit: count its sections too.")] = False,
    tier: Annotated[GapTier | None, typer.Option(help="Only one relevance tier (unowned: naming no local unit).")] = None,
    year: YearOpt = None, level: LevelOpt = None, status: StatusOpt = "现行有效", region: RegionOpt = None,
    category: CategoryOpt = None, include_common: CommonOpt = False, owners: Annotated[int, typer.Option(min=0)] = 3,
    skip: SkipOpt = 0, limit: LimitOpt = 50, as_json: JsonOpt = False,
) -> None:
    """Laws no unit's current checklist claims, those a local unit answers for first, with suggested owners;
    or, with --unit, the laws its functions imply that it omits, most important first."""
    scope = _scope(level, status, region, category, include_common)
    asked = tier.value if tier else None
    if unit is None:
        _answer(as_json, lambda store: coverage.coverage_gaps(
            store, scope, year=year, tier=asked, skip=skip, limit=limit, owners=owners), render.render_gaps)
    elif asked == coverage.UNOWNED:
        raise typer.BadParameter("a unit's own gaps all name its types; use principal, related or mentioned", param_hint="--tier")
    else:
        _answer(as_json, lambda store: coverage.unit_gaps(
            store, lookup.resolve_unit(store, unit).id, year=year, scope=scope, include_sub_units=sub_units, tier=asked,
            skip=skip, limit=limit), render.render_unit_gaps)


def applicable(
    unit: Annotated[str, typer.Argument(help="Unit id, full name or alias.")],
    sub_units: Annotated[bool, typer.Option("--sub-units", help="Include sections and second-level units.")] = False,
    tier: Annotated[Tier | None, typer.Option(help="Only the inferred laws of one relevance tier.")] = None,
    year: YearOpt = None, level: LevelOpt = None, status: StatusOpt = "现行有效", region: RegionOpt = None,
    category: CategoryOpt = None, include_common: CommonOpt = False, skip: SkipOpt = 0, limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Laws a unit claims, laws its department types imply, most important first (with the articles; a page),
    and claims no article supports."""
    scope = _scope(level, status, region, category, include_common)
    _answer(as_json, lambda store: coverage.applicable(
        store, lookup.resolve_unit(store, unit).id, year=year, scope=scope, include_sub_units=sub_units,
        tier=tier.value if tier else None, skip=skip, limit=limit), render.render_applicable)


def shared(
    law: Annotated[str | None, typer.Argument(help="A law (id, title, short title or alias) to show in detail.")] = None,
    min_units: Annotated[int, typer.Option(min=1, help="Least units sharing a law.")] = 2,
    year: YearOpt = None, level: LevelOpt = None, status: StatusOpt = "现行有效", region: RegionOpt = None,
    category: CategoryOpt = None, include_common: CommonOpt = False, skip: SkipOpt = 0, limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Laws several units share; with LAW, a page of its units, their roles and the suggested lead."""
    if law is None:
        scope = _scope(level, status, region, category, include_common)
        _answer(as_json, lambda store: shared_laws.shared_laws(
            store, scope, year=year, min_units=min_units, skip=skip, limit=limit), render.render_shared_laws)
    else:
        _answer(as_json, lambda store: shared_laws.shared_law(store, lookup.resolve_law(store, law).id, year=year,
                                                          skip=skip, limit=limit), render.render_shared_law)


def campaigns(
    key_date: Annotated[str | None, typer.Option(help="Key date id, e.g. constitution_day.")] = None,
    law: Annotated[str | None, typer.Option(help="Law id, title, short title or alias.")] = None,
    audience: Annotated[str | None, typer.Option(help="Audience id, e.g. students.")] = None,
    region: Annotated[str | None, typer.Option(help="Only units whose region contains this.")] = None,
    min_units: Annotated[int, typer.Option(min=1, help="Least units in a group.")] = 2,
    units_limit: Annotated[int, typer.Option(min=1, help="Units shown per group (the lead first).")] = UNITS_SHOWN,
    year: YearOpt = None, as_json: JsonOpt = False,
) -> None:
    """Joint campaigns around one key date, law or audience: groups, suggested lead, calendar."""
    _answer(as_json, lambda store: campaigns_service.campaigns(
        store, key_date_id=key_date, law_id=lookup.resolve_law(store, law).id if law else None,
        audience_id=audience, year=year, region=region, min_units=min_units, units_limit=units_limit),
        render.render_campaigns)


def audit(
    unit: Annotated[str | None, typer.Option(help="One unit (id, name or alias) in detail.")] = None,
    year: YearOpt = None, skip: SkipOpt = 0, limit: LimitOpt = 100, as_json: JsonOpt = False,
) -> None:
    """The checklist audit: who has not submitted, rows missing a question, outdated laws, unresolved names."""
    if unit is None:
        _answer(as_json, lambda store: audit_service.audit_summary(store, year=year, skip=skip, limit=limit),
                render.render_audit)
    else:
        _answer(as_json, lambda store: audit_service.unit_audit(store, lookup.resolve_unit(store, unit).id, year=year),
                render.render_unit_audit)


def law_search(
    text: Annotated[str, typer.Argument(help="Part of a title, short title or alias; with --articles, a question in plain words.")],
    articles: Annotated[bool, typer.Option("--articles", help="Search the current articles, best first (醉驾怎么处罚).")] = False,
    level: LevelOpt = None, status: Annotated[str | None, typer.Option(help="时效性.")] = None,
    skip: SkipOpt = 0, limit: LimitOpt = 50, as_json: JsonOpt = False,
) -> None:
    """Find laws by name, alias or abbreviation, or articles by their text."""
    if articles:
        _answer(as_json, lambda store: lookup.search_articles(store, text, skip=skip, limit=limit), render.render_article_hits)
    else:
        _answer(as_json, lambda store: lookup.search_laws(store, text, level=level, status=status, skip=skip, limit=limit),
                render.render_laws)


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


FormatOpt = Annotated[ExportFormat, typer.Option("--format", help="xlsx (Excel) or csv (UTF-8 with BOM).")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: a name in the current folder).")]


class ExportPublic(BaseModel):
    path: str
    bytes: int


def _export(as_json: bool, out: Path | None, year: int | None,
            make: Callable[[CachedStore, int | None], tuple[bytes, str]]) -> None:
    """Write what `make` returns (content, default file name) for the resolved year."""

    def compute(store: CachedStore) -> ExportPublic:
        content, default_name = make(store, checklist_year(store, year))
        target = out or Path(default_name)
        target.write_bytes(content)
        return ExportPublic(path=str(target), bytes=len(content))

    _answer(as_json, compute, lambda answer, console: console.print(f"wrote {escape(answer.path)} ({answer.bytes:,} bytes)"))


@export_app.command("coverage")
def export_coverage(
    format: FormatOpt = ExportFormat.xlsx, out: OutOpt = None, year: YearOpt = None, level: LevelOpt = None,
    status: StatusOpt = "现行有效", region: RegionOpt = None, category: CategoryOpt = None,
    include_common: CommonOpt = False, as_json: JsonOpt = False,
) -> None:
    """The coverage matrix: laws in scope × units (认领 claimed, 推定 inferred)."""
    kind = format.value
    scope = _scope(level, status, region, category, include_common)

    def make(store: CachedStore, resolved: int | None) -> tuple[bytes, str]:
        sheet = coverage.coverage_matrix(store, year=resolved, scope=scope)
        content = documents.to_xlsx([sheet]) if kind == "xlsx" else documents.to_csv(sheet)
        return content, f"coverage-{resolved}.{kind}"

    _export(as_json, out, year, make)


@export_app.command("audit")
def export_audit(format: FormatOpt = ExportFormat.xlsx, out: OutOpt = None, year: YearOpt = None, as_json: JsonOpt = False) -> None:
    """The audit report: summary, units and findings (xlsx), or every finding as one table (csv)."""
    kind = format.value

    def make(store: CachedStore, resolved: int | None) -> tuple[bytes, str]:
        if kind == "xlsx":
            content = documents.to_xlsx(audit_service.audit_report(store, year=resolved))
        else:
            content = documents.to_csv(audit_service.audit_findings(store, resolved))
        return content, f"audit-{resolved}.{kind}"

    _export(as_json, out, year, make)


@export_app.command("checklist")
def export_checklist(
    unit: Annotated[str, typer.Argument(help="Unit id, full name or alias.")], out: OutOpt = None,
    year: YearOpt = None, as_json: JsonOpt = False,
) -> None:
    """A unit's current checklist as the table it publishes (xlsx)."""

    def make(store: CachedStore, resolved: int | None) -> tuple[bytes, str]:
        unit_id = lookup.resolve_unit(store, unit).id
        content = documents.to_xlsx([publication.checklist_table(store, unit_id, year=resolved)])
        return content, f"checklist-{documents.safe_file_part(unit_id)}-{resolved}.xlsx"

    _export(as_json, out, year, make)
