"""Read commands: the API's answers on the command line, as rich tables or as --json.

They call the same services as /api/v1, so `pufa gaps --json` and GET /api/v1/gaps agree.
`register(app)` adds them to the `pufa` app (pufa/cli.py calls it once).
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
from rich.table import Table

from api.models import (
    ApplicablePublic,
    ArticleHitsPublic,
    ArticleMatchPublic,
    AuditSummaryPublic,
    CampaignsPublic,
    ClaimedLawPublic,
    GapsPublic,
    InferredLawPublic,
    ItemEvidencePublic,
    LawBriefPublic,
    LawsPublic,
    NamedPublic,
    SharedDetailPublic,
    SharedLawsPublic,
    UnitAuditDetailPublic,
    UnitGapsPublic,
)
from api.services import audit as audit_service
from api.services import coverage, exports, lookup, sharing
from api.services.common import checklist_year
from graph.queries import LawScope
from graph.store import GraphStore
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

export_app = typer.Typer(help="Write the coverage matrix, the audit report or a unit's checklist to a file.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    for command in (gaps, applicable, shared, campaigns, audit):
        app.command()(command)
    app.command("law-search")(law_search)
    app.add_typer(export_app, name="export")


def _scope(level: str | None, status: str, region: str | None, category: str | None, include_common: bool) -> LawScope:
    return LawScope(level=level, status=None if status == "all" else status, region=region or get_settings().region,
                    category=category, include_common=include_common)


def _answer(as_json: bool, compute: Callable[[GraphStore], BaseModel], render: Callable[[BaseModel, Console], None]) -> None:
    """Compute an answer on the configured store, then print it."""
    from pufa.cli import console, opened_store, print_json  # pufa.cli imports this module to register it

    with opened_store(read_only=True) as store:
        answer = compute(store)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        render(answer, console)


def gaps(
    unit: Annotated[str | None, typer.Option(help="A unit (id, name or alias): laws its functions imply that it omits.")] = None,
    sub_units: Annotated[bool, typer.Option("--sub-units", help="With --unit: count its sections too.")] = False,
    year: YearOpt = None, level: LevelOpt = None, status: StatusOpt = "现行有效", region: RegionOpt = None,
    category: CategoryOpt = None, include_common: CommonOpt = False, owners: Annotated[int, typer.Option(min=0)] = 3,
    skip: SkipOpt = 0, limit: LimitOpt = 50, as_json: JsonOpt = False,
) -> None:
    """Laws no unit's current checklist claims, with suggested owners; or, with --unit, one unit's gaps."""
    scope = _scope(level, status, region, category, include_common)
    if unit is None:
        _answer(as_json, lambda store: coverage.coverage_gaps(
            store, scope, year=year, skip=skip, limit=limit, owners=owners), _render_gaps)
    else:
        _answer(as_json, lambda store: coverage.unit_gaps(
            store, lookup.resolve_unit(store, unit).id, year=year, scope=scope, include_sub_units=sub_units,
            skip=skip, limit=limit), _render_unit_gaps)


def applicable(
    unit: Annotated[str, typer.Argument(help="Unit id, full name or alias.")],
    sub_units: Annotated[bool, typer.Option("--sub-units", help="Include sections and second-level units.")] = False,
    year: YearOpt = None, skip: SkipOpt = 0, limit: LimitOpt = 50, as_json: JsonOpt = False,
) -> None:
    """Laws a unit claims, laws its department types imply (with the articles; a page), and claims no article supports."""
    _answer(as_json, lambda store: coverage.applicable(
        store, lookup.resolve_unit(store, unit).id, year=year, include_sub_units=sub_units, skip=skip, limit=limit),
        _render_applicable)


def shared(
    law: Annotated[str | None, typer.Argument(help="A law (id, title, short title or alias) to show in detail.")] = None,
    min_units: Annotated[int, typer.Option(min=1, help="Least units sharing a law.")] = 2,
    year: YearOpt = None, level: LevelOpt = None, status: StatusOpt = "现行有效", region: RegionOpt = None,
    category: CategoryOpt = None, include_common: CommonOpt = False, skip: SkipOpt = 0, limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Laws several units share; with LAW, its units, their roles and the suggested lead."""
    if law is None:
        scope = _scope(level, status, region, category, include_common)
        _answer(as_json, lambda store: sharing.shared_laws(
            store, scope, year=year, min_units=min_units, skip=skip, limit=limit), _render_shared_laws)
    else:
        _answer(as_json, lambda store: sharing.shared_law(store, lookup.resolve_law(store, law).id, year=year),
                _render_shared_law)


def campaigns(
    key_date: Annotated[str | None, typer.Option(help="Key date id, e.g. constitution_day.")] = None,
    law: Annotated[str | None, typer.Option(help="Law id, title, short title or alias.")] = None,
    audience: Annotated[str | None, typer.Option(help="Audience id, e.g. students.")] = None,
    region: Annotated[str | None, typer.Option(help="Only units whose region contains this.")] = None,
    min_units: Annotated[int, typer.Option(min=1, help="Least units in a group.")] = 2,
    units_limit: Annotated[int, typer.Option(min=1, help="Units shown per group (the lead first).")] = 50,
    year: YearOpt = None, as_json: JsonOpt = False,
) -> None:
    """Joint campaigns around one key date, law or audience: groups, suggested lead, calendar."""
    _answer(as_json, lambda store: sharing.campaigns(
        store, key_date_id=key_date, law_id=lookup.resolve_law(store, law).id if law else None,
        audience_id=audience, year=year, region=region, min_units=min_units, units_limit=units_limit),
        _render_campaigns)


def audit(
    unit: Annotated[str | None, typer.Option(help="One unit (id, name or alias) in detail.")] = None,
    year: YearOpt = None, skip: SkipOpt = 0, limit: LimitOpt = 100, as_json: JsonOpt = False,
) -> None:
    """The checklist audit: who has not submitted, rows missing a question, outdated laws, unresolved names."""
    if unit is None:
        _answer(as_json, lambda store: audit_service.audit_summary(store, year=year, skip=skip, limit=limit),
                _render_audit)
    else:
        _answer(as_json, lambda store: audit_service.unit_audit(store, lookup.resolve_unit(store, unit).id, year=year),
                _render_unit_audit)


def law_search(
    text: Annotated[str, typer.Argument(help="Part of a title, short title or alias; with --articles, article text.")],
    articles: Annotated[bool, typer.Option("--articles", help="Search article text (a plain substring scan).")] = False,
    level: LevelOpt = None, status: Annotated[str | None, typer.Option(help="时效性.")] = None,
    skip: SkipOpt = 0, limit: LimitOpt = 50, as_json: JsonOpt = False,
) -> None:
    """Find laws by name, alias or abbreviation, or articles by their text."""
    if articles:
        _answer(as_json, lambda store: lookup.search_articles(store, text, skip=skip, limit=limit), _render_article_hits)
    else:
        _answer(as_json, lambda store: lookup.search_laws(store, text, level=level, status=status, skip=skip, limit=limit),
                _render_laws)


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


FormatOpt = Annotated[ExportFormat, typer.Option("--format", help="xlsx (Excel) or csv (UTF-8 with BOM).")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: a name in the current folder).")]


class ExportPublic(BaseModel):
    path: str
    bytes: int


def _export(as_json: bool, out: Path | None, year: int | None,
            make: Callable[[GraphStore, int | None], tuple[bytes, str]]) -> None:
    """Write what `make` returns (content, default file name) for the resolved year."""

    def compute(store: GraphStore) -> ExportPublic:
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

    def make(store: GraphStore, resolved: int | None) -> tuple[bytes, str]:
        sheet = exports.coverage_matrix(store, year=resolved, scope=scope)
        content = exports.to_xlsx([sheet]) if kind == "xlsx" else exports.to_csv(sheet)
        return content, f"coverage-{resolved}.{kind}"

    _export(as_json, out, year, make)


@export_app.command("audit")
def export_audit(format: FormatOpt = ExportFormat.xlsx, out: OutOpt = None, year: YearOpt = None, as_json: JsonOpt = False) -> None:
    """The audit report: summary, units and findings (xlsx), or every finding as one table (csv)."""
    kind = format.value

    def make(store: GraphStore, resolved: int | None) -> tuple[bytes, str]:
        if kind == "xlsx":
            content = exports.to_xlsx(exports.audit_report(store, year=resolved))
        else:
            content = exports.to_csv(exports.audit_findings(store, resolved))
        return content, f"audit-{resolved}.{kind}"

    _export(as_json, out, year, make)


@export_app.command("checklist")
def export_checklist(
    unit: Annotated[str, typer.Argument(help="Unit id, full name or alias.")], out: OutOpt = None,
    year: YearOpt = None, as_json: JsonOpt = False,
) -> None:
    """A unit's current checklist as the table it publishes (xlsx)."""

    def make(store: GraphStore, resolved: int | None) -> tuple[bytes, str]:
        unit_id = lookup.resolve_unit(store, unit).id
        content = exports.to_xlsx([exports.checklist_table(store, unit_id, year=resolved)])
        return content, f"checklist-{exports.safe_file_part(unit_id)}-{resolved}.xlsx"

    _export(as_json, out, year, make)


# --- rendering ------------------------------------------------------------------------------


def _law(law: LawBriefPublic) -> str:
    return escape(f"{law.short_title or law.title} ({law.id})")


def _names(named: list[NamedPublic]) -> str:
    return escape("、".join(n.name or n.id for n in named))


def _articles(matches: list[ArticleMatchPublic]) -> str:
    return escape("; ".join(f"{m.label} {m.department_type}·{m.role}" for m in matches))


def _rows(items: list[ItemEvidencePublic]) -> str:
    return escape("; ".join(f"{item.unit_name} row {item.row}" for item in items))


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    return table


def _render_gaps(answer: GapsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws in scope unclaimed in {answer.year}", "law", "level", "suggested owners", "evidence")
    for gap in answer.data:
        owners = "\n".join(f"{o.unit.name} ({o.articles} articles, {o.duty_articles} duty)" for o in gap.suggested_owners)
        evidence = "\n".join(_articles(o.evidence) for o in gap.suggested_owners)
        table.add_row(_law(gap.law), escape(gap.law.level or ""), escape(owners) or "—", evidence)
    console.print(table)


def _inferred_table(title: str, laws: list[InferredLawPublic]) -> Table:
    table = _table(title, "law", "articles naming the unit's department types")
    for law in laws:
        table.add_row(_law(law.law), _articles(law.articles))
    return table


def _claimed_table(title: str, laws: list[ClaimedLawPublic]) -> Table:
    table = _table(title, "law", "status", "checklist rows")
    for law in laws:
        table.add_row(_law(law.law), escape(law.law.status or ""), _rows(law.items))
    return table


def _render_unit_gaps(answer: UnitGapsPublic, console: Console) -> None:
    console.print(_inferred_table(f"{answer.unit.name}: {answer.count} laws its functions imply, missing in {answer.year}",
                                  answer.data))


def _render_applicable(answer: ApplicablePublic, console: Console) -> None:
    console.print(_claimed_table(f"{answer.unit.name}: claimed in {answer.year}", answer.claimed))
    console.print(_inferred_table(f"{answer.unit.name}: {answer.inferred_count} laws inferred from its department types",
                                  answer.inferred))
    console.print(_claimed_table("claimed but not inferred (common duties left out)", answer.claimed_not_inferred))


def _render_shared_laws(answer: SharedLawsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws shared in {answer.year}", "law", "units", "claimed by", "inferred for")
    for law in answer.data:
        table.add_row(_law(law.law), str(law.units), str(law.claimed_units), str(law.inferred_units))
    console.print(table)


def _render_shared_law(answer: SharedDetailPublic, console: Console) -> None:
    if answer.lead:
        console.print(f"suggested lead: [bold]{escape(answer.lead.unit.name or answer.lead.unit.id)}[/] — "
                      f"{escape(answer.lead.reason)}")
    table = _table(f"{_law(answer.law)} in {answer.year}", "role", "unit", "claimed", "duty/articles", "audiences",
                   "methods")
    for unit in answer.units:
        table.add_row(unit.role, escape(unit.unit.name or unit.unit.id), "yes" if unit.claimed else "",
                      f"{unit.duty_articles}/{unit.articles}", _names(unit.audiences), _names(unit.methods))
    console.print(table)


def _render_campaigns(answer: CampaignsPublic, console: Console) -> None:
    console.print(f"{answer.count} joint campaign group(s) around {escape(answer.anchor.name or answer.anchor.id)} "
                  f"({answer.anchor_kind}) in {answer.year}")
    for group in answer.data:
        shown = f" ({len(group.units)} of {group.unit_count} units shown)" if len(group.units) < group.unit_count else ""
        table = _table(f"{group.shared_kind}: {group.shared.name}{shown}", "unit", "audiences", "methods", "rows")
        for unit in group.units:
            table.add_row(escape(unit.unit.name or unit.unit.id), _names(unit.audiences), _names(unit.methods),
                          _rows(unit.items))
        console.print(table)
        if group.lead:
            console.print(f"  lead: {escape(group.lead.unit.name or '')} — {escape(group.lead.reason)}")
        for entry in group.calendar:
            day = f"{entry.key_date.month}·{entry.key_date.day}" if entry.key_date.day else f"{entry.key_date.month}月"
            console.print(f"  {day} {escape(entry.key_date.name or '')}: {escape('、'.join(u.name or u.id for u in entry.units))}")


def _render_audit(answer: AuditSummaryPublic, console: Console) -> None:
    console.print(
        f"{answer.year}: {answer.units_submitted}/{answer.units_expected} units submitted ({answer.submitted_pct}%), "
        f"{answer.items} rows, {answer.items_complete_pct}% complete, {answer.outdated_citations} outdated citations, "
        f"{answer.items_with_unresolved} rows with unresolved names; laws covered {answer.laws_claimed}/"
        f"{answer.laws_in_scope} ({answer.law_coverage_pct}%)"
    )
    table = _table(f"units ({answer.units.count})", "unit", "submitted", "rows", "problems", "outdated", "unresolved",
                   "complete %")
    for row in answer.units.data:
        table.add_row(escape(row.unit.name or row.unit.id), "yes" if row.submitted else "[red]no[/]", str(row.items),
                      str(row.with_problems), str(row.outdated), str(row.with_unresolved),
                      "" if row.complete_pct is None else str(row.complete_pct))
    console.print(table)


def _render_unit_audit(answer: UnitAuditDetailPublic, console: Console) -> None:
    row = answer.audit
    console.print(f"{escape(row.unit.name or row.unit.id)} {answer.year}: "
                  + (f"checklist {row.checklist_id} rev {row.revision}, {row.items} rows" if row.submitted
                     else "[red]not submitted[/]"))
    table = _table("findings", "row", "finding", "law as written")
    for flagged in answer.problems:
        table.add_row(str(flagged.item.row), escape("missing " + ", ".join(flagged.missing)), escape(flagged.item.law_text or ""))
    for citation in answer.outdated:
        replaced = f" → {citation.replaced_by.name}" if citation.replaced_by else ""
        table.add_row(str(citation.item.row), escape(f"{citation.law.name} {citation.status}{replaced}"),
                      escape(citation.item.law_text or ""))
    for flagged in answer.unresolved:
        table.add_row(str(flagged.item.row), escape("unresolved " + "、".join(flagged.codes)), escape(flagged.item.law_text or ""))
    console.print(table)


def _render_laws(answer: LawsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws", "id", "title", "level", "status", "aliases")
    for law in answer.data:
        table.add_row(escape(law.id), escape(law.title or ""), escape(law.level or ""), escape(law.status or ""),
                      escape("、".join(law.aliases)))
    console.print(table)


def _render_article_hits(answer: ArticleHitsPublic, console: Console) -> None:
    table = _table(f"{answer.count} articles (plain substring match)", "law", "article", "text")
    for hit in answer.data:
        table.add_row(_law(hit.law), escape(hit.article.label or ""), escape(hit.article.text or ""))
    console.print(table)
