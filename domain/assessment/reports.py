"""The assessment's documents for people: a version's scores as a workbook, a unit's annual
履职报告书 (Word, a draft the unit completes and signs), and the bureau's summary for the county
(Word and Excel: submissions, coverage, the 台账, grades, 普法提示). Cells and paragraphs come
from what units typed, so every text goes through `domain.base.documents` (formulas made inert, control
characters dropped: one would fail the whole download)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.accounts.accounts import Actor
from domain.assessment import activities, prompts, versions
from domain.assessment.models import ActivitySummaryPublic, AssessmentPublic, PromptPublic, UnitScorePublic
from domain.base.briefs import fetch_law_briefs, law_sort_key, unit_brief
from domain.base.cache import CachedStore
from domain.base.documents import Sheet, WordDocument, chinese_date, to_xlsx
from domain.checklists import audit
from domain.checklists.models import AuditSummaryPublic
from graph import queries
from graph.queries.scope import LawScope
from pufa.config import Settings
from pufa.errors import NotFound
from pufa.workflow import EVIDENCE_NAMES, EvidenceState, Permission, PromptState, State


def scores_file_name(year: int, version: int) -> str:
    return f"{year}年普法责任制考核结果（第{version}版）.xlsx"


def summary_file_name(year: int, suffix: str) -> str:
    return f"{year}年普法责任制考核工作总结.{suffix}"


def report_file_name(store: CachedStore, year: int, unit_id: str) -> str:
    return f"{unit_brief(store, unit_id).name}{year}年度普法履职报告书.docx"


def _points(value: float) -> str:
    return f"{value:g}"


# --- a version's scores ----------------------------------------------------------------------------


def scores_xlsx(store: CachedStore, actor: Actor, year: int, version: int | None) -> tuple[bytes, AssessmentPublic]:
    """A version as a workbook: the ranking with each item's points, every line with its reason, the grades."""
    actor.require(Permission.READ_ALL)
    found = versions.assessment_public(versions.version_row(store, year, version, drafts=True))
    rubric = versions.version_rubric(store, found)
    every = versions.scores(store, found)
    items = list(rubric.items)
    ranking = [[s.rank, s.unit.name, s.total, s.grade,
                *({line.item_id: line.points for line in s.lines}.get(item.id) for item in items)] for s in every]
    lines = [[s.unit.name, line.name, "得分项" if line.kind == "item" else "扣分项", line.max_points, line.points,
              line.reason, line.record_count] for s in every for line in s.lines]
    counts = Counter(s.grade for s in every)
    grades = [[g.name, g.min, counts.get(g.name, 0), "是" if g.rectify else ""] for g in rubric.grades]
    title = f"{year}年度普法责任制考核（第{found.version}版，{found.state_name}，满分 {_points(found.max_points)} 分）"
    return to_xlsx([
        Sheet("得分排名", ["名次", "单位", "总分", "等次", *(f"{item.name}（{_points(item.most)}）" for item in items)],
              ranking, title=title),
        Sheet("得分明细", ["单位", "考核项目", "类型", "分值", "得分", "理由", "依据记录数"], lines),
        Sheet("等次", ["等次", "最低分", "单位数", "需限期整改"], grades, title=rubric.name),
    ]), found


# --- a unit's 履职报告书 ---------------------------------------------------------------------------


@dataclass
class UnitYear:
    """What a unit's report is drafted from."""

    name: str
    checklist: dict | None
    laws: list[str]
    activities: list[ActivitySummaryPublic]
    score: UnitScorePublic | None
    version: AssessmentPublic | None
    prompts: list[PromptPublic]


def _unit_year(store: CachedStore, actor: Actor, year: int, unit_id: str, today: date) -> UnitYear:
    unit = unit_brief(store, unit_id)
    actor.require_unit(unit_id)
    checklists = [row for row in store.read(queries.review.units_checklists([unit_id]))
                  if row["year"] == year and row["current"]]
    checklist = checklists[0] if checklists else None
    laws = sorted(fetch_law_briefs(store, checklist["law_ids"] or []).values(), key=law_sort_key) if checklist else []
    done = activities.activities(store, actor, unit_ids=[unit_id], year=year, limit=None).data
    try:
        result = versions.unit_result(store, actor, year, unit_id)
        score, version = result.score, result.assessment
    except NotFound:
        score, version = None, None
    issued = prompts.prompts(store, actor, year=year, unit_ids=[unit_id], today=today, limit=None).data
    return UnitYear(unit.name or unit_id, checklist, [law.title for law in laws], sorted(done, key=lambda a: a.held_on),
                    score, version, issued)


def unit_report_docx(store: CachedStore, actor: Actor, year: int, unit_id: str, settings: Settings, *,
                     today: date) -> bytes:
    """The unit's annual 履职报告书, drafted from its checklist, activities, score and 普法提示:
    the unit completes the last part, signs and stamps it."""
    found = _unit_year(store, actor, year, unit_id, today)
    document = WordDocument()
    document.title(f"{found.name}{year}年度普法责任制履职报告书")
    document.body(f"根据“谁执法谁普法”普法责任制有关要求，现将本单位{year}年度普法责任制落实情况报告如下。")
    document.heading("一、普法责任清单制定和公布情况")
    if found.checklist:
        c = found.checklist
        filed = f"，备案号 {c['filing_number']}" if c.get("filing_number") else ""
        published = f"，于{chinese_date(c['published_on'])}向社会公布" if c.get("published_on") else ""
        document.body(f"本单位{year}年度普法责任清单共 {c['items'] or 0} 条，列入法律法规 {len(found.laws)} 部"
                        f"{filed}{published}。")
        if found.laws:
            document.body("清单列入的主要法律法规：" + "、".join(f"《{title}》" for title in found.laws[:30])
                  + (f"等 {len(found.laws)} 部。" if len(found.laws) > 30 else "。"))
    else:
        document.body(f"本单位尚未报送{year}年度普法责任清单。")
    document.heading("二、普法履职情况")
    reached = sum(a.reached or 0 for a in found.activities)
    on_dates = sum(1 for a in found.activities if a.key_dates)
    accepted = sum(1 for a in found.activities if a.evidence_state == EvidenceState.ACCEPTED.value)
    cases = sum(a.cases_published for a in found.activities)
    document.body(f"全年开展普法活动 {len(found.activities)} 次，覆盖 {reached} 人次；其中在重要时间节点开展 {on_dates} 次，"
                    f"佐证材料经审核采纳 {accepted} 次；发布以案释法典型案例 {cases} 个。")
    if found.activities:
        document.table(["日期", "活动名称", "时间节点", "普法对象", "普法方式", "覆盖人数", "佐证材料"],
               [[a.held_on, a.title, "、".join(k.name or k.id for k in a.key_dates), a.audience_text, a.method_text,
                 a.reached, EVIDENCE_NAMES[EvidenceState(a.evidence_state)]] for a in found.activities])
    document.heading("三、年度考核情况")
    if found.score and found.version:
        state = "" if found.version.state == "published" else f"（{found.version.state_name}，以公布结果为准）"
        document.body(f"{year}年度考核第{found.version.version}版{state}：本单位得分 {_points(found.score.total)} 分"
                        f"（满分 {_points(found.version.max_points)} 分），等次“{found.score.grade}”，"
                        f"排名第 {found.score.rank} 位。")
        document.table(["考核项目", "得分", "说明"],
               [[line.name, _points(line.points), line.reason] for line in found.score.lines])
    else:
        document.body(f"{year}年度考核结果尚未产生。")
    document.heading("四、普法提示落实和整改情况")
    if found.prompts:
        document.table(["普法提示", "问题", "反馈期限", "状态"],
               [[p.reference, "；".join(p.reasons), chinese_date(p.deadline), p.state_name + ("（已逾期）" if p.overdue else "")]
                for p in found.prompts])
    else:
        document.body("本年度未收到普法提示。")
    document.heading("五、存在的问题和下一步打算")
    lost = [line for line in (found.score.lines if found.score else [])
            if (line.points < line.max_points if line.kind == "item" else line.points < 0)]
    for line in lost:
        document.body(f"{line.name}：{line.reason}。")
    document.body("（请结合本单位实际，补充存在的问题、原因分析和下一年度的工作打算。）")
    document.signature(found.name, chinese_date(today))
    return document.bytes()


# --- the county's summary -----------------------------------------------------------------------


@dataclass
class CountyYear:
    """What the bureau's summary is made of."""

    year: int
    audit: AuditSummaryPublic
    deadline: str | None
    on_time: int
    activities: dict[str, dict]
    version: AssessmentPublic | None
    scores: list[UnitScorePublic]
    prompts: list[PromptPublic]


def _county_year(store: CachedStore, actor: Actor, year: int, scope: LawScope, today: date) -> CountyYear:
    actor.require(Permission.READ_ALL)
    summary = audit.audit_summary(store, year=year, scope=scope, limit=None)
    plan = store.read(queries.review.year_plan(year))
    deadline = plan[0]["checklist_deadline"] if plan else None
    first = {row["unit_id"]: row["submitted_at"]
             for row in store.read(queries.assessment.first_submissions(year, State.DRAFT.value))}
    expected = {row.unit.id for row in summary.units.data}
    on_time = sum(1 for unit_id, sent in first.items()
                  if unit_id in expected and sent and (deadline is None or sent[:10] <= deadline))
    totals = {row["unit_id"]: row for row in store.read(queries.assessment.activity_totals(
        year, EvidenceState.ACCEPTED.value, EvidenceState.REJECTED.value))}
    try:
        row = versions.version_row(store, year, None, drafts=False)
    except NotFound:
        row = next(iter(sorted(store.read(queries.assessment.assessment_versions(year)),
                               key=lambda r: -r["version"])), None)
    version = versions.assessment_public(row) if row else None
    issued = prompts.prompts(store, actor, year=year, today=today, limit=None).data
    return CountyYear(year, summary, deadline, on_time, totals, version,
                      versions.scores(store, version) if version else [], issued)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def summary_docx(store: CachedStore, actor: Actor, year: int, settings: Settings, *, scope: LawScope,
                 today: date) -> bytes:
    found = _county_year(store, actor, year, scope, today)
    a = found.audit
    document = WordDocument()
    document.title(f"{year}年度普法责任制落实情况考核总结")
    document.heading("一、普法责任清单报送情况")
    deadline = f"（截止日期 {chinese_date(found.deadline)}）" if found.deadline else ""
    document.body(f"应报送单位 {a.units_expected} 个，已报送 {a.units_submitted} 个，报送率 {_pct(a.submitted_pct)}；"
                    f"按时报送 {found.on_time} 个{deadline}。")
    document.heading("二、清单质量和法律法规覆盖情况")
    document.body(f"各单位清单共 {a.items} 条，“五要素”齐全率 {_pct(a.items_complete_pct)}；引用已废止或已修改法律法规 "
                    f"{a.outdated_citations} 处。范围内法律法规 {a.laws_in_scope} 部，已有单位认领 {a.laws_claimed} 部，"
                    f"覆盖率 {_pct(a.law_coverage_pct)}。")
    document.heading("三、履职台账情况")
    count = sum(int(row["activities"] or 0) for row in found.activities.values())
    accepted = sum(len(row["accepted_ids"] or []) for row in found.activities.values())
    reached = sum(int(row["reached"] or 0) for row in found.activities.values())
    cases = sum(int(row["cases_published"] or 0) for row in found.activities.values())
    document.body(f"{len(found.activities)} 个单位记录普法活动 {count} 次，佐证材料经审核采纳 {accepted} 次，覆盖 {reached} 人次，"
                    f"发布以案释法典型案例 {cases} 个。")
    document.heading("四、考核结果")
    if found.version:
        grades = Counter(s.grade for s in found.scores)
        state = "" if found.version.state == "published" else f"（{found.version.state_name}）"
        document.body(f"按《{found.version.rubric_name}》考核（第{found.version.version}版{state}），共 {len(found.scores)} "
                        "个单位：" + "，".join(f"{name} {n} 个" for name, n in grades.items()) + "。")
        document.table(["名次", "单位", "得分", "等次"],
               [[s.rank, s.unit.name, _points(s.total), s.grade] for s in found.scores])
    else:
        document.body("本年度尚未计算考核结果。")
    document.heading("五、普法提示和整改情况")
    tally = prompts.tally(found.prompts)
    document.body(f"共下达普法提示 {tally.issued} 项，其中已办结 {tally.closed} 项，已反馈待审核 {tally.answered} 项，"
                    f"待反馈 {tally.open} 项（逾期 {tally.overdue} 项），通报批评 {tally.escalated} 项。")
    if found.prompts:
        document.table(["单位", "普法提示", "问题", "反馈期限", "状态"],
               [[p.unit.name, p.reference, "；".join(p.reasons), chinese_date(p.deadline),
                 p.state_name + ("（已逾期）" if p.overdue else "")] for p in found.prompts])
    document.signature(settings.bureau_name, chinese_date(today))
    return document.bytes()


def summary_xlsx(store: CachedStore, actor: Actor, year: int, *, scope: LawScope, today: date) -> bytes:
    found = _county_year(store, actor, year, scope, today)
    a = found.audit
    scores = {s.unit.id: s for s in found.scores}
    unsettled = (PromptState.OPEN.value, PromptState.ANSWERED.value)
    open_by_unit = Counter(p.unit.id for p in found.prompts if p.state in unsettled)
    overdue_by_unit = Counter(p.unit.id for p in found.prompts if p.overdue)
    units = []
    for row in a.units.data:
        totals = found.activities.get(row.unit.id, {})
        score = scores.get(row.unit.id)
        units.append([row.unit.name, "是" if row.submitted else "否", row.items, row.complete_pct, row.outdated,
                      int(totals.get("activities") or 0), len(totals.get("accepted_ids") or []),
                      int(totals.get("reached") or 0), int(totals.get("cases_published") or 0),
                      score.total if score else None, score.grade if score else None, score.rank if score else None,
                      open_by_unit.get(row.unit.id, 0), overdue_by_unit.get(row.unit.id, 0)])
    tally = prompts.tally(found.prompts)
    overview = [
        ["年度", year], ["应报送单位", a.units_expected], ["已报送单位", a.units_submitted], ["报送率%", a.submitted_pct],
        ["按时报送单位", found.on_time], ["清单条目", a.items], ["五要素齐全率%", a.items_complete_pct],
        ["引用失效法律法规", a.outdated_citations], ["法律法规覆盖率%", a.law_coverage_pct],
        ["考核版本", f"第{found.version.version}版（{found.version.state_name}）" if found.version else "尚未计算"],
        *([[f"等次：{name}", n] for name, n in Counter(s.grade for s in found.scores).items()]),
        ["普法提示", tally.issued], ["已办结", tally.closed], ["已反馈待审核", tally.answered], ["待反馈", tally.open],
        ["逾期未反馈", tally.overdue], ["通报批评", tally.escalated],
    ]
    return to_xlsx([
        Sheet("概要", ["指标", "数值"], overview, title=f"{year}年度普法责任制落实情况考核汇总"),
        Sheet("单位情况", ["单位", "已报送清单", "清单条目", "五要素齐全率%", "引用失效法律", "活动次数", "佐证采纳",
                       "覆盖人次", "发布案例", "得分", "等次", "名次", "未办结普法提示", "逾期未反馈"], units),
        Sheet("普法提示", ["单位", "普法提示", "事由", "问题", "反馈期限", "状态", "逾期"],
              [[p.unit.name, p.reference, p.kind_name, "；".join(p.reasons), p.deadline, p.state_name,
                "是" if p.overdue else ""] for p in found.prompts]),
    ])
