"""The county's annual report on 法治宣传教育 (法治宣传教育法 第五十六条: the bureau evaluates and
publishes; 第五十八条: the government reports to the standing committee of its people's congress).

Every figure is read from what units and the bureau already entered, through the answers the pages
give (the audit, the coverage gaps, the year's plan, the 台账, the 普法提示, the published ranking),
so the report never asks a unit for anything twice and always equals what the pages show. The
bureau downloads it as a Word draft it edits and sends, with the figures in an Excel annex."""

from __future__ import annotations

from datetime import date

from domain.accounts.accounts import Actor
from domain.assessment import prompts, versions
from domain.assessment.models import CountyFigurePublic, CountyReportPublic, KeyDateFigurePublic
from domain.base.cache import CachedStore
from domain.base.documents import Sheet, WordDocument, chinese_date, to_xlsx
from domain.catalogue import coverage, responsibility
from domain.checklists import audit, duty_laws, plan
from graph import queries
from graph.queries.scope import LawScope
from pufa.config import Settings
from pufa.errors import NotFound
from pufa.workflow import EvidenceState, Permission, State

SECTIONS = ("一、普法责任清单", "二、法律法规覆盖", "三、普法活动", "四、普法提示和反馈", "五、领导干部应知应会法律法规清单",
            "六、年度考核")
CHECKLISTS, COVERAGE, ACTIVITIES, PROMPTS, DUTY_LISTS, GRADES = SECTIONS


def _pct(part: int, whole: int) -> float | None:
    return audit.pct(part, whole)


def county_report(store: CachedStore, actor: Actor, year: int, *, scope: LawScope = LawScope(),
                  today: date) -> CountyReportPublic:
    """The year's figures, each with the input it reuses."""
    actor.require(Permission.READ_ALL)
    summary = audit.audit_summary(store, year=year, scope=scope, limit=None)
    states = plan.overview(store, actor, year, today=today).states
    principal = frozenset().union(*responsibility.laws_by_unit(store, scope, "principal").values())
    unclaimed_principal = coverage.coverage_gaps(store, scope, year=year, limit=0).counts.principal
    totals = store.read(queries.assessment.activity_totals(year, EvidenceState.ACCEPTED.value,
                                                           EvidenceState.REJECTED.value))
    key_dates = sorted((KeyDateFigurePublic(name=row["name"] or row["key_date_id"], activities=int(row["activities"]),
                                            units=int(row["units"]), reached=int(row["reached"] or 0))
                        for row in store.read(queries.county.activities_by_key_date(year))),
                       key=lambda k: (-k.activities, k.name))
    tally = prompts.year_tally(store, year, today)
    units = {unit_id for unit_id, _, part_of in store.read(queries.units.units_overview())[0]["units"] if part_of is None}
    filed = states.get(State.FILED.value, 0) + states.get(State.PUBLISHED.value, 0)
    covered = len(principal) - unclaimed_principal
    figures = [
        (CHECKLISTS, "应报送单位", summary.units_expected, "单位名录"),
        (CHECKLISTS, "已报送清单的单位", summary.units_submitted, "各单位报送的普法责任清单"),
        (CHECKLISTS, "报送率（%）", summary.submitted_pct, "各单位报送的普法责任清单"),
        (CHECKLISTS, "已备案的单位", filed, "审核人员的备案记录"),
        (CHECKLISTS, "已向社会公布的单位", states.get(State.PUBLISHED.value, 0), "审核人员的公布记录"),
        (CHECKLISTS, "清单条目", summary.items, "各单位报送的普法责任清单"),
        (CHECKLISTS, "“五要素”齐全率（%）", summary.items_complete_pct, "各单位报送的普法责任清单"),
        (COVERAGE, "本县单位主管的法律法规", len(principal), "法律法规库与单位职能"),
        (COVERAGE, "其中已列入清单", covered, "各单位报送的普法责任清单"),
        (COVERAGE, "主管法律法规覆盖率（%）", _pct(covered, len(principal)), "各单位报送的普法责任清单"),
        (COVERAGE, "范围内法律法规覆盖率（%）", summary.law_coverage_pct, "各单位报送的普法责任清单"),
        (ACTIVITIES, "记录普法活动的单位", len(totals), "各单位履职台账"),
        (ACTIVITIES, "普法活动", sum(int(r["activities"] or 0) for r in totals), "各单位履职台账"),
        (ACTIVITIES, "覆盖人次", sum(int(r["reached"] or 0) for r in totals), "各单位履职台账"),
        (ACTIVITIES, "佐证材料经审核采纳的活动", sum(len(r["accepted_ids"] or []) for r in totals), "审核人员对佐证材料的审核"),
        (ACTIVITIES, "发布以案释法典型案例", sum(int(r["cases_published"] or 0) for r in totals), "各单位履职台账"),
        (ACTIVITIES, "开展了活动的重要时间节点", len(key_dates), "各单位履职台账"),
        (PROMPTS, "下达普法提示", tally.issued, "普法提示记录"),
        (PROMPTS, "单位已反馈（含已办结）", tally.answered + tally.closed, "各单位的反馈"),
        (PROMPTS, "已办结", tally.closed, "审核人员的办结记录"),
        (PROMPTS, "逾期未反馈", tally.overdue, "普法提示记录"),
        (PROMPTS, "通报批评", tally.escalated, "审核人员的通报批评记录"),
        (DUTY_LISTS, "已确认清单的单位", len(duty_laws.units_confirmed(store) & units), "各单位确认的清单"),
    ]
    try:
        ranking = versions.ranking(store, None, year)
    except NotFound:
        figures.append((GRADES, "考核结果", "尚未公布", "年度考核"))
    else:
        figures.append((GRADES, "考核版本", f"第{ranking.assessment.version}版（已公布）", "年度考核"))
        figures += [(GRADES, f"{grade}（个）", n, "年度考核（依据以上各项记录计算）")
                    for grade, n in ranking.grade_counts.items()]
    return CountyReportPublic(year=year, key_dates=key_dates, figures=[
        CountyFigurePublic(section=section, name=name, value=value, shown=_shown(value), source=source)
        for section, name, value, source in figures])


def _shown(value: object) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def county_report_docx(store: CachedStore, actor: Actor, year: int, settings: Settings, *,
                       scope: LawScope = LawScope(), today: date) -> bytes:
    """The report as a Word draft: a paragraph of figures per section, the key dates as a table."""
    found = county_report(store, actor, year, scope=scope, today=today)
    document = WordDocument()
    document.title(f"关于{year}年度法治宣传教育工作情况的报告")
    document.body(f"根据《中华人民共和国法治宣传教育法》第五十六条、第五十八条，现将本县{year}年度法治宣传教育工作情况"
                  "报告如下（以下数据均来自普法责任清单系统中各单位已报送的清单、履职台账和反馈，截至"
                  f"{chinese_date(today)}）。")
    for section in SECTIONS:
        shown = [f for f in found.figures if f.section == section]
        document.heading(section)
        document.body("；".join(f"{f.name} {f.shown}" for f in shown) + "。")
        if section == ACTIVITIES and found.key_dates:
            document.table(["重要时间节点", "活动次数", "开展单位", "覆盖人次"],
                           [[k.name, k.activities, k.units, k.reached] for k in found.key_dates])
    document.heading("七、下一步工作")
    document.body("（请结合本县实际填写。）")
    document.signature(settings.bureau_name, chinese_date(today))
    return document.bytes()


def county_report_xlsx(store: CachedStore, actor: Actor, year: int, *, scope: LawScope = LawScope(),
                       today: date) -> bytes:
    """The annex: every figure with the input it reuses, and the campaigns by key date."""
    found = county_report(store, actor, year, scope=scope, today=today)
    return to_xlsx([
        Sheet("数据", ["部分", "指标", "数值", "数据来源"], [[f.section, f.name, f.value, f.source] for f in found.figures],
              title=f"{year}年度法治宣传教育工作情况报告附表"),
        Sheet("重要时间节点", ["重要时间节点", "活动次数", "开展单位", "覆盖人次"],
              [[k.name, k.activities, k.units, k.reached] for k in found.key_dates]),
    ])
