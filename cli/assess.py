"""`pufa assess …`: the annual assessment from the server's shell, as the 普法办 (the bootstrap
administrator): check the rubric, compute a version (with progress bars), publish it, print the
ranking or what changed, write the workbooks and the county's summary, list the overdue
普法提示; and `pufa ingest activities`, a unit's paper 台账 entered by the bureau."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import console, errors, print_json, progress
from cli.stores import opened_store
from domain.accounts.accounts import BOOTSTRAP
from domain.assessment import activities, prompts, versions
from domain.assessment import reports as assessment_reports
from domain.assessment.models import RankingPublic, RubricPublic
from domain.assessment.rubric import load_rubric, rubric_in_force
from domain.catalogue import lookup
from graph.queries.scope import LawScope
from pufa.config import get_settings
from pufa.workflow import AssessmentState

assess_app = typer.Typer(help="The annual assessment (年度考核): rubric, compute, publish, ranking, reports.",
                         no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
YearArg = Annotated[int, typer.Argument(min=1949, max=2100, help="The assessed year.")]
VersionOpt = Annotated[int | None, typer.Option(min=1, help="A version (the latest by default).")]


def register(app: typer.Typer, ingest: typer.Typer) -> None:
    app.add_typer(assess_app, name="assess")
    ingest.command("activities")(activities_command)


def _scope() -> LawScope:
    return LawScope.asked(served_region=get_settings().region)


def _rubric_table(rubric: RubricPublic) -> Table:
    table = Table(title=f"{rubric.name} — 满分 {rubric.max_points:g} · {rubric.source}")
    for column in ("id", "项目", "类型", "分值", "规则", "参数"):
        table.add_column(column, overflow="fold")
    for item in [*rubric.items, *rubric.deductions]:
        table.add_row(item.id, escape(item.name), "得分项" if item.kind == "item" else "扣分项", f"{item.points:g}",
                      escape(f"{item.rule}: {item.rule_name}"), escape(", ".join(f"{k}={v}" for k, v in item.params.items())))
    table.caption = "等次：" + "；".join(f"{g.name} ≥ {g.min:g}{'（限期整改）' if g.rectify else ''}" for g in rubric.grades)
    return table


@assess_app.command("rubric")
def rubric_command(
    path: Annotated[Path | None, typer.Argument(help="A rubric file to check (default: the one in force).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a rubric (every problem with its line and field) and show its items, deductions and grades."""
    rubric = (load_rubric(path) if path else rubric_in_force(get_settings().assessment_rubric)).public()
    if as_json:
        print_json(rubric.model_dump(mode="json"))
        return
    console.print(_rubric_table(rubric))


def _ranking_table(ranking: RankingPublic, shown: int | None) -> Table:
    a = ranking.assessment
    counts = "，".join(f"{name} {n}" for name, n in ranking.grade_counts.items())
    table = Table(title=f"{a.year}年度考核 第{a.version}版（{a.state_name}）— {ranking.count} 个单位：{counts}")
    for column, justify in (("名次", "right"), ("单位", "left"), ("得分", "right"), ("等次", "left")):
        table.add_column(column, justify=justify)
    for score in ranking.data[:shown]:
        table.add_row(str(score.rank), escape(score.unit.name or score.unit.id), f"{score.total:g}", score.grade)
    if shown is not None and ranking.count > shown:
        table.caption = f"另有 {ranking.count - shown} 个单位（--all 全部列出，--xlsx 写入文件）"
    return table


@assess_app.command("compute")
def compute_command(year: YearArg, as_json: JsonOpt = False) -> None:
    """A new version of the year's assessment from the graph as it is now (earlier versions stay)."""
    rubric = rubric_in_force(get_settings().assessment_rubric)
    with opened_store() as store, progress(errors, not as_json) as track:
        found = versions.compute(store, BOOTSTRAP, year, rubric, scope=_scope(), track=track)
        ranking = versions.ranking(store, BOOTSTRAP, year, found.version)
    if as_json:
        print_json(ranking.model_dump(mode="json"))
        return
    console.print(_ranking_table(ranking, 20))
    console.print(f"[green]computed[/] version {found.version} of {year} (a draft: `pufa assess publish {year} "
                  f"--version {found.version}` makes it the year's result)")


@assess_app.command("publish")
def publish_command(year: YearArg, version: VersionOpt = None, as_json: JsonOpt = False) -> None:
    """Publish a version (by default the latest draft): it becomes the year's result, frozen."""
    with opened_store() as store:
        if version is None:
            drafts = [v for v in versions.versions(store, BOOTSTRAP, year).data if v.state == AssessmentState.DRAFT]
            if not drafts:
                errors.print(f"[red]error:[/] no draft version of {year} to publish; compute one first")
                raise typer.Exit(1)
            version = drafts[0].version
        found = versions.publish(store, BOOTSTRAP, year, version)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    console.print(f"[green]published[/] version {found.version} of {year} ({found.published_at})")


@assess_app.command("ranking")
def ranking_command(
    year: YearArg, version: VersionOpt = None,
    xlsx: Annotated[Path | None, typer.Option(help="Also write the scores, every line with its reason, to this .xlsx.")]
    = None,
    every: Annotated[bool, typer.Option("--all", help="List every unit (default: the first 50).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The ranking of a version: rank, unit, total, grade."""
    with opened_store(read_only=True) as store:
        ranking = versions.ranking(store, BOOTSTRAP, year, version)
        if xlsx is not None:
            content, _ = assessment_reports.scores_xlsx(store, BOOTSTRAP, year, ranking.assessment.version)
            xlsx.write_bytes(content)
    if as_json:
        print_json(ranking.model_dump(mode="json"))
        return
    console.print(_ranking_table(ranking, None if every else 50))


@assess_app.command("changes")
def changes_command(
    year: YearArg, version: Annotated[int, typer.Argument(min=1, help="The version to compare.")],
    against: Annotated[int | None, typer.Option(min=1, help="The earlier version (the one before by default).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The units whose total, grade, rank or lines differ from an earlier version."""
    with opened_store(read_only=True) as store:
        found = versions.changes(store, BOOTSTRAP, year, version, against)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    base = f"第{found.against.version}版" if found.against else "（无更早版本）"
    table = Table(title=f"{year}年度考核 第{version}版 与 {base} 相比：{found.count} 个单位变化，{found.unchanged} 个不变")
    for column in ("单位", "得分", "等次", "名次", "变化的项目"):
        table.add_column(column, overflow="fold")
    for change in found.data:
        table.add_row(escape(change.unit.name or change.unit.id), f"{change.total_before} → {change.total_after}",
                      f"{change.grade_before} → {change.grade_after}", f"{change.rank_before} → {change.rank_after}",
                      escape("；".join(f"{line.name} {line.before} → {line.after}" for line in change.lines)))
    console.print(table)


@assess_app.command("summary")
def summary_command(
    year: YearArg,
    docx: Annotated[Path | None, typer.Option(help="The county's summary as Word.")] = None,
    xlsx: Annotated[Path | None, typer.Option(help="The county's summary as Excel.")] = None,
) -> None:
    """The bureau's summary for the county: submissions, coverage, the 台账, grades, 普法提示."""
    if docx is None and xlsx is None:
        raise typer.BadParameter("give --docx, --xlsx or both")
    settings = get_settings()
    with opened_store(read_only=True) as store:
        if docx is not None:
            docx.write_bytes(assessment_reports.summary_docx(store, BOOTSTRAP, year, settings, scope=_scope(),
                                                             today=date.today()))
        if xlsx is not None:
            xlsx.write_bytes(assessment_reports.summary_xlsx(store, BOOTSTRAP, year, scope=_scope(), today=date.today()))
    console.print(f"[green]written[/] {', '.join(str(p) for p in (docx, xlsx) if p)}")


@assess_app.command("overdue")
def overdue_command(
    year: Annotated[int | None, typer.Option(min=1949, max=2100, help="Only this year's.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """普法提示 still open past their deadline (逾期未反馈), an assessment's 整改 among them."""
    with opened_store(read_only=True) as store:
        found = prompts.prompts(store, BOOTSTRAP, year=year, overdue_only=True, today=date.today(), limit=None)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    table = Table(title=f"普法提示逾期未反馈 {found.count} 项")
    for column in ("单位", "普法提示", "问题", "反馈期限"):
        table.add_column(column, overflow="fold")
    for prompt in found.data:
        table.add_row(escape(prompt.unit.name or prompt.unit.id), prompt.reference, escape("；".join(prompt.reasons)),
                      prompt.deadline)
    console.print(table)


def activities_command(
    path: Annotated[Path, typer.Argument(help="A unit's 台账 (xlsx, csv or a Word table), one activity a row.")],
    unit: Annotated[str, typer.Option(help="Whose 台账 (the unit's id, name or alias).")],
    as_json: JsonOpt = False,
) -> None:
    """A unit's 台账 of activities, entered by the 普法办: written whole, or every row's problem listed."""
    with opened_store() as store:
        imported = activities.import_ledger(store, BOOTSTRAP, lookup.resolve_unit(store, unit).id, path)
    if as_json:
        print_json(imported.model_dump(mode="json"))
        return
    table = Table(title=f"{path.name}: {imported.count} activities written")
    for column in ("日期", "活动名称", "普法对象", "覆盖人数"):
        table.add_column(column, overflow="fold")
    for activity in imported.data:
        table.add_row(activity.held_on, escape(activity.title), escape(activity.audience_text or ""),
                      str(activity.reached or ""))
    console.print(table)
    for skipped in imported.skipped:
        console.print(f"[yellow]skipped[/] {escape(skipped)}")
