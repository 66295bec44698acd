"""The rubric's rules, in one registry (`RULES`): what each computes for a unit from its facts, and
the facts themselves, read for every unit of a year in a few aggregated graph reads (never one
round trip per unit: a province has 15,000 units and 300,000 activities).

A rule gives points (an item, up to its `points`) or takes them (a deduction, `per` each shortfall
up to its `cap`), always with a reason in Chinese and the records it rests on: the checklist, its
rows, the laws missing, the activities that count, the 普法提示 not acted on. Manual rules take a
reviewer's entry (督查 findings, public evaluation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.base.cache import CachedStore
from domain.base.documents import chinese_date
from domain.catalogue import responsibility
from domain.catalogue.relevance import OWNING_TIERS
from domain.checklists.audit import replacement
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from ingest.checklists.normalize import key_dates
from ingest.report import Tracker, no_progress
from pufa.workflow import EvidenceState, PromptState, State

RECORDS_KEPT = 20
"""Records kept per line (the count has them all): enough to check a point, small for a province."""


# --- the facts a rule reads --------------------------------------------------------------------


@dataclass
class Met:
    """A key date or audience a checklist names, and the activities that met it."""

    name: str
    activity_ids: list[str]


@dataclass
class UnitFacts:
    unit_id: str
    name: str | None
    checklist_id: str | None = None
    items: int = 0
    with_problems: int = 0
    claimed: frozenset[str] = frozenset()
    first_submitted: str | None = None
    outdated: list[Row] = field(default_factory=list)
    owned: dict[str, frozenset[str]] = field(default_factory=dict)
    """Tier → the laws the unit is responsible for at that best tier (domain.catalogue.responsibility)."""
    key_dates: dict[str, Met] = field(default_factory=dict)
    audiences: dict[str, Met] = field(default_factory=dict)
    activities: int = 0
    accepted_ids: list[str] = field(default_factory=list)
    rejected: int = 0
    cases_published: int = 0
    publishing_ids: list[str] = field(default_factory=list)
    unacted_prompts: list[str] = field(default_factory=list)
    """普法提示 not acted on in time: escalated, or open past the deadline."""
    manual: dict[str, Row] = field(default_factory=dict)
    """Rubric item id → the reviewer's entry."""


@dataclass
class YearFacts:
    year: int
    today: date
    checklist_deadline: str | None
    units: dict[str, UnitFacts]


def _int(value: object) -> int:
    return int(value or 0)


def read_facts(store: CachedStore, year: int, scope: LawScope, today: date, track: Tracker = no_progress) -> YearFacts:
    """Every assessed unit's facts for the year: the units expected to submit (not part of another)
    and any other unit with a current checklist, as the audit counts them."""
    reads = (
        "units", "checklists", "claims", "first submissions", "outdated citations", "responsible laws",
        "key dates met", "audiences reached", "activities", "普法提示", "manual entries",
    )
    advance = track("reading the year's records", len(reads))
    units = store.read(queries.units.units_overview())[0]["units"]
    checklists = {row["unit_id"]: row for row in sorted(store.read(queries.audit.current_checklists(year)),
                                                       key=lambda row: row["revision"] or 0)}
    advance(1)
    assessed = {unit_id: UnitFacts(unit_id, name) for unit_id, name, part_of in units
                if part_of is None or unit_id in checklists}
    for unit_id, row in checklists.items():
        facts = assessed[unit_id]
        facts.checklist_id, facts.items, facts.with_problems = row["checklist_id"], _int(row["items"]), _int(
            row["with_problems"])
    advance(1)
    for row in store.read(queries.checklists.current_claims(year)):
        if row["unit_id"] in assessed:
            assessed[row["unit_id"]].claimed |= frozenset(row["law_ids"] or ())
    advance(1)
    for row in store.read(queries.assessment.first_submissions(year, State.DRAFT.value)):
        if row["unit_id"] in assessed:
            assessed[row["unit_id"]].first_submitted = row["submitted_at"]
    advance(1)
    for row in store.read(queries.audit.outdated_citations(year)):
        if row["unit_id"] in assessed:
            assessed[row["unit_id"]].outdated.append(row)
    advance(1)
    for tier in OWNING_TIERS:
        for unit_id, law_ids in responsibility.laws_by_unit(store, scope, tier).items():
            if unit_id in assessed:
                assessed[unit_id].owned[tier] = law_ids
    advance(1)
    for query, target in ((queries.assessment.checklist_key_dates(year), "key_dates"),
                          (queries.assessment.checklist_audiences(year), "audiences")):
        for row in store.read(query):
            if row["unit_id"] in assessed:
                getattr(assessed[row["unit_id"]], target).update(
                    (named_id, Met(name or named_id, [])) for named_id, name in row["named"] or ())
    for row in store.read(queries.assessment.activity_marks(year)):
        facts = assessed.get(row["unit_id"])
        if facts is None:
            continue
        for met in [facts.key_dates.get(k) for k in row["key_date_ids"] or ()] + [
                facts.audiences.get(t) for t in row["audience_ids"] or ()]:
            if met is not None:
                met.activity_ids.append(row["id"])
    for facts in assessed.values():
        for met in [*facts.key_dates.values(), *facts.audiences.values()]:
            met.activity_ids.sort()
    advance(2)
    totals = queries.assessment.activity_totals(year, EvidenceState.ACCEPTED.value, EvidenceState.REJECTED.value)
    for row in store.read(totals):
        facts = assessed.get(row["unit_id"])
        if facts is not None:
            facts.activities, facts.rejected = _int(row["activities"]), _int(row["rejected"])
            facts.accepted_ids = sorted(row["accepted_ids"] or [])
            facts.cases_published, facts.publishing_ids = _int(row["cases_published"]), sorted(row["publishing_ids"] or [])
    advance(1)
    for row in store.read(queries.prompts.unacted_prompts(year, today.isoformat(), PromptState.OPEN.value,
                                                          PromptState.ESCALATED.value)):
        if row["unit_id"] in assessed:
            assessed[row["unit_id"]].unacted_prompts = sorted(row["prompt_ids"])
    advance(1)
    for row in store.read(queries.assessment.manual_scores(year)):
        if row["unit_id"] in assessed:
            assessed[row["unit_id"]].manual[row["item_id"]] = row
    advance(1)
    plan = store.read(queries.review.year_plan(year))
    return YearFacts(year=year, today=today, checklist_deadline=plan[0]["checklist_deadline"] if plan else None,
                     units=assessed)


# --- what a rule gives ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    """What a rule gives (or, negative, takes), why, and the records it rests on as (kind, id)."""

    points: float
    reason: str
    records: tuple[tuple[str, str], ...] = ()
    record_count: int | None = None

    @classmethod
    def of(cls, points: float, reason: str, records: list[tuple[str, str]] | None = None) -> Scored:
        found = records or []
        return cls(round(points, 2), reason, tuple(found[:RECORDS_KEPT]), len(found))


class ItemParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    points: float = Field(gt=0, le=1000, description="The most the item gives.")


class LatePointsParams(ItemParams):
    late_points: float = Field(default=0, ge=0, description="Points for a checklist sent after the deadline.")


class RowsParams(ItemParams):
    min_rows: int = Field(default=3, ge=1, le=1000, description="Rows a checklist needs before the item counts: a "
                          "shorter list earns nothing here, so that a list which says less never scores more.")


class TierParams(ItemParams):
    least_laws: int = Field(default=5, ge=1, le=1000, description="Laws a checklist lists for full points when the unit "
                            "is authority for none of the tiers (else listing one law would score full).")
    tiers: list[Literal["principal", "related"]] = Field(default=["principal"], min_length=1,
                                                         description="principal (主管) and/or related (相关).")


class TargetParams(ItemParams):
    target: int = Field(ge=1, le=10_000, description="How many give the full points.")


class DeductionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    per: float = Field(gt=0, le=100, description="Points taken for each shortfall.")
    cap: float = Field(gt=0, le=1000, description="The most the deduction takes.")


class RequiredParams(DeductionParams):
    required: int = Field(ge=1, le=10_000, description="Activities each unit is to report in the year.")


class ManualDeductionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cap: float = Field(gt=0, le=1000, description="The most a reviewer may take.")


def _share(points: float, part: int, whole: int) -> float:
    return points * part / whole if whole else points


def _names(found: dict[str, Met], ids: list[str], limit: int = 5) -> str:
    shown = "、".join(found[i].name for i in ids[:limit])
    return shown + (f" 等 {len(ids)} 项" if len(ids) > limit else "")


NO_CHECKLIST = "未报送本年度普法责任清单"


def checklist_on_time(unit: UnitFacts, year: YearFacts, params: LatePointsParams) -> Scored:
    if unit.first_submitted is None:
        return Scored.of(0, NO_CHECKLIST)
    sent = unit.first_submitted[:10]
    records = [("checklist", unit.checklist_id)] if unit.checklist_id else []
    if year.checklist_deadline is None:
        return Scored.of(params.points, f"{chinese_date(sent)}报送（本年度未设报送截止日期）", records)
    due = chinese_date(year.checklist_deadline)
    if sent <= year.checklist_deadline:
        return Scored.of(params.points, f"{chinese_date(sent)}报送，在截止日期{due}前", records)
    return Scored.of(params.late_points, f"逾期报送：{chinese_date(sent)}报送，截止日期{due}", records)


def _too_short(unit: UnitFacts, params: RowsParams) -> Scored | None:
    """No points for a missing, empty or near-empty list (fewer rows than `min_rows`)."""
    if unit.checklist_id is None:
        return Scored.of(0, NO_CHECKLIST)
    if unit.items < params.min_rows:
        return Scored.of(0, f"清单仅 {unit.items} 条，不足 {params.min_rows} 条，本项不得分", [("checklist", unit.checklist_id)])
    return None


def five_questions(unit: UnitFacts, year: YearFacts, params: RowsParams) -> Scored:
    if (short := _too_short(unit, params)) is not None:
        return short
    complete = unit.items - unit.with_problems
    return Scored.of(_share(params.points, complete, unit.items),
                     f"清单 {unit.items} 条中 {complete} 条“五要素”（普什么、对谁普、怎么普、何时普、谁去普）齐全",
                     [("checklist", unit.checklist_id)])


def principal_laws_listed(unit: UnitFacts, year: YearFacts, params: TierParams) -> Scored:
    if unit.checklist_id is None:
        return Scored.of(0, NO_CHECKLIST)
    owned = frozenset().union(*(unit.owned.get(tier, frozenset()) for tier in params.tiers))
    tiers = "、".join({"principal": "主管", "related": "相关"}[tier] for tier in params.tiers)
    if not owned:
        listed = len(unit.claimed)
        return Scored.of(_share(params.points, min(listed, params.least_laws), params.least_laws),
                         f"没有法律法规以本单位的部门类型为{tiers}部门；清单列入法律法规 {listed} 部"
                         f"（{params.least_laws} 部得满分）", [("checklist", unit.checklist_id)])
    missing = sorted(owned - unit.claimed)
    listed = len(owned) - len(missing)
    reason = f"按重要性应列入的{tiers}法律法规 {len(owned)} 部，清单列入 {listed} 部"
    if missing:
        reason += f"，未列 {len(missing)} 部"
    return Scored.of(_share(params.points, listed, len(owned)), reason, [("law", law_id) for law_id in missing])


def no_outdated_laws(unit: UnitFacts, year: YearFacts, params: RowsParams) -> Scored:
    if (short := _too_short(unit, params)) is not None:
        return short
    if not unit.outdated:
        return Scored.of(params.points, "清单未引用已废止或已修改的法律法规", [("checklist", unit.checklist_id)])
    titles = "、".join(dict.fromkeys(replacement(row).note for row in unit.outdated))
    return Scored.of(0, f"清单引用已废止或已修改的法律法规 {len(unit.outdated)} 处：{titles}",
                     [("row", row["item_id"]) for row in unit.outdated])


def _met(found: dict[str, Met], what: str, params: ItemParams, skip: frozenset[str] = frozenset()) -> Scored:
    wanted = sorted((i for i in found if i not in skip), key=lambda i: found[i].name)
    if not wanted:
        return Scored.of(0, f"清单未列具体的{what}，本项不得分")
    met = [i for i in wanted if found[i].activity_ids]
    missed = [i for i in wanted if not found[i].activity_ids]
    reason = f"清单所列{what} {len(wanted)} 个，开展了活动的 {len(met)} 个"
    if missed:
        reason += f"；未开展：{_names(found, missed)}"
    witnesses = list(dict.fromkeys(found[i].activity_ids[0] for i in met))
    return Scored.of(_share(params.points, len(met), len(wanted)), reason, [("activity", i) for i in witnesses])


RECURRENCES = frozenset(term.id for term in key_dates() if term.kind == "recurrence")
"""全年, 每月, 每季度 …: a timing, not a date an activity can be held on."""


def key_date_activities(unit: UnitFacts, year: YearFacts, params: ItemParams) -> Scored:
    if unit.checklist_id is None:
        return Scored.of(0, NO_CHECKLIST)
    return _met(unit.key_dates, "重要时间节点", params, skip=RECURRENCES)


def audiences_reached(unit: UnitFacts, year: YearFacts, params: ItemParams) -> Scored:
    if unit.checklist_id is None:
        return Scored.of(0, NO_CHECKLIST)
    return _met(unit.audiences, "普法对象", params)


def evidenced_activities(unit: UnitFacts, year: YearFacts, params: TargetParams) -> Scored:
    accepted = len(unit.accepted_ids)
    return Scored.of(_share(params.points, min(accepted, params.target), params.target),
                     f"佐证材料经审核采纳的活动 {accepted} 次（{params.target} 次得满分）",
                     [("activity", i) for i in unit.accepted_ids])


def cases_published(unit: UnitFacts, year: YearFacts, params: TargetParams) -> Scored:
    return Scored.of(_share(params.points, min(unit.cases_published, params.target), params.target),
                     f"发布以案释法典型案例 {unit.cases_published} 个（{params.target} 个得满分）",
                     [("activity", i) for i in unit.publishing_ids])


def activities_short(unit: UnitFacts, year: YearFacts, params: RequiredParams) -> Scored:
    counted = unit.activities - unit.rejected
    short = max(0, params.required - counted)
    if not short:
        return Scored.of(0, f"报送普法活动 {counted} 条，达到应报 {params.required} 条")
    return Scored.of(-min(params.cap, short * params.per),
                     f"报送普法活动 {counted} 条（佐证未采纳的不计），少于应报 {params.required} 条 {short} 条，"
                     f"每条扣 {params.per:g} 分，最多扣 {params.cap:g} 分")


def outdated_citations(unit: UnitFacts, year: YearFacts, params: DeductionParams) -> Scored:
    if not unit.outdated:
        return Scored.of(0, "未引用已废止或已修改的法律法规")
    return Scored.of(-min(params.cap, len(unit.outdated) * params.per),
                     f"引用已废止或已修改的法律法规 {len(unit.outdated)} 处，每处扣 {params.per:g} 分，最多扣 {params.cap:g} 分",
                     [("row", row["item_id"]) for row in unit.outdated])


def incomplete_rows(unit: UnitFacts, year: YearFacts, params: DeductionParams) -> Scored:
    if not unit.with_problems:
        return Scored.of(0, "清单条目“五要素”均齐全" if unit.checklist_id else NO_CHECKLIST)
    return Scored.of(-min(params.cap, unit.with_problems * params.per),
                     f"{unit.with_problems} 条清单条目缺少“五要素”之一，每条扣 {params.per:g} 分，最多扣 {params.cap:g} 分",
                     [("checklist", unit.checklist_id)] if unit.checklist_id else [])


def unacted_prompts(unit: UnitFacts, year: YearFacts, params: DeductionParams) -> Scored:
    """法治宣传教育法 第五十九条: a 普法提示 the unit did not act on in time."""
    if not unit.unacted_prompts:
        return Scored.of(0, "没有逾期未反馈或被通报批评的普法提示")
    count = len(unit.unacted_prompts)
    return Scored.of(-min(params.cap, count * params.per),
                     f"截至{chinese_date(year.today)}普法提示逾期未反馈或被通报批评 {count} 项，每项扣 {params.per:g} 分，"
                     f"最多扣 {params.cap:g} 分", [("prompt", i) for i in unit.unacted_prompts])


def manual_item(item_id: str, unit: UnitFacts, most: float, sign: int) -> Scored:
    """A reviewer's entry, clamped to what the rubric allows (the rubric may have changed since)."""
    entry = unit.manual.get(item_id)
    if entry is None:
        return Scored.of(0, "尚未评定")
    points = max(0.0, min(most, float(entry["points"])))
    return Scored.of(sign * points, f"{entry['reason']}（{entry['enterer']}，{chinese_date(entry['entered_at'])}）",
                     [("manual", entry["id"])])


Compute = Callable[[UnitFacts, YearFacts, BaseModel], Scored]


@dataclass(frozen=True)
class Rule:
    """A rubric rule: where it may stand (items, deductions), its parameters, what it computes."""

    name: str
    title: str
    params: dict[str, type[BaseModel]]
    """Section (items, deductions) → the parameters it takes there."""
    compute: Compute | None = None
    """None for the manual rule, whose points a reviewer enters."""

    @property
    def manual(self) -> bool:
        return self.compute is None


MANUAL = "manual"
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("checklist_on_time", "按时报送普法责任清单（以第一次报送时间为准）", {"items": LatePointsParams}, checklist_on_time),
        Rule("five_questions", "清单条目“五要素”齐全的比例", {"items": RowsParams}, five_questions),
        Rule("principal_laws_listed", "本单位按重要性排前列的主管（或相关）法律法规列入清单的比例", {"items": TierParams},
             principal_laws_listed),
        Rule("no_outdated_laws", "清单未引用已废止、已修改的法律法规", {"items": RowsParams}, no_outdated_laws),
        Rule("key_date_activities", "清单所列重要时间节点开展了活动的比例", {"items": ItemParams}, key_date_activities),
        Rule("evidenced_activities", "佐证材料经审核采纳的活动次数", {"items": TargetParams}, evidenced_activities),
        Rule("cases_published", "发布以案释法典型案例的个数", {"items": TargetParams}, cases_published),
        Rule("audiences_reached", "清单所列普法对象开展了活动的比例", {"items": ItemParams}, audiences_reached),
        Rule("activities_short", "普法活动少报送，每条扣分", {"deductions": RequiredParams}, activities_short),
        Rule("outdated_citations", "引用失效法律法规，每处扣分", {"deductions": DeductionParams}, outdated_citations),
        Rule("incomplete_rows", "清单条目缺少“五要素”，每条扣分", {"deductions": DeductionParams}, incomplete_rows),
        Rule("unacted_prompts", "普法提示逾期未反馈或被通报批评，每项扣分", {"deductions": DeductionParams},
             unacted_prompts),
        Rule(MANUAL, "审核人员评定并说明理由（督查发现、社会评价等）",
             {"items": ItemParams, "deductions": ManualDeductionParams}),
    )
}


def most(params: BaseModel) -> float:
    """What an item may give, or a deduction take."""
    return float(params.points if isinstance(params, ItemParams) else params.cap)
