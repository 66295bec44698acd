"""The annual assessment (年度考核): every assessed unit scored by the rubric from the graph, as a
new version each time it is computed; a version published freezes the year's result.

A computation reads the year's facts once for all units (domain.assessment.scoring.read_facts), scores each
unit item by item (every point with its reason and the records it rests on), grades and ranks them,
and writes the version (the rubric's text with it) in one transaction. Nothing recomputes a stored
version: records made later change only the next one, whose differences from the one before are
shown (`changes`). Publishing a version makes it the year's result for the public, and the version
published before it (if any) superseded. The public reads only published versions, and their
lines without the records behind them; the bureau reads every version; a unit reads its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import TypeAdapter

from domain.accounts.accounts import Actor
from domain.assessment.models import (
    AssessmentPublic,
    AssessmentsPublic,
    ChangesPublic,
    GradePublic,
    LineChangePublic,
    ManualScorePublic,
    RankingPublic,
    RecordPublic,
    ScoreChangePublic,
    ScoreLinePublic,
    UnitResultPublic,
    UnitScorePublic,
)
from domain.assessment.rubric import Rubric, RubricItem, manual_items, parse_rubric
from domain.assessment.scoring import MANUAL, UnitFacts, YearFacts, read_facts
from domain.base.briefs import all_law_briefs, unit_brief
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import chinese_date
from domain.base.models import UnitBriefPublic
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from graph.writer import GraphBatch, GraphWriter
from ingest.report import Tracker, no_progress
from pufa.clock import Clock, stamp, system_clock
from pufa.errors import Conflict, InputError, NotFound
from pufa.workflow import ASSESSMENT_NAMES, AssessmentState, Permission

PUBLIC_MANUAL_REASON = "经审核人员评定"
"""What the public reads for a manual item: the points, not the reviewer's own words or name."""
RECORD_KINDS = {"checklist": "清单", "row": "清单条目", "law": "法律法规", "activity": "活动", "prompt": "普法提示",
                "manual": "评定记录"}


def assessment_id(year: int, version: int) -> str:
    return f"AS{year}v{version}"


def assessment_public(row: Row) -> AssessmentPublic:
    state = AssessmentState(row["state"])
    return AssessmentPublic(**{k: row[k] for k in AssessmentPublic.model_fields if k in row and k != "state_name"},
                            state_name=ASSESSMENT_NAMES[state])


def _versions(store: CachedStore, year: int | None = None) -> list[Row]:
    """Newest first."""
    return sorted(store.read(queries.assessment.assessment_versions(year)), key=lambda r: (-r["year"], -r["version"]))


def versions(store: CachedStore, actor: Actor, year: int) -> AssessmentsPublic:
    """Every version of the year, newest first (the bureau)."""
    actor.require(Permission.READ_ALL)
    rows = _versions(store, year)
    return AssessmentsPublic(data=[assessment_public(row) for row in rows], count=len(rows))


def assessed_years(store: CachedStore, *, published_only: bool) -> list[int]:
    states = {AssessmentState.PUBLISHED.value} if published_only else {s.value for s in AssessmentState}
    return sorted({row["year"] for row in _versions(store) if row["state"] in states}, reverse=True)


def _may_see_drafts(viewer: Actor | None, unit_id: str | None = None) -> bool:
    """The bureau reads every version; a unit reads its own unit's results in every version."""
    if viewer is None:
        return False
    return viewer.may(Permission.READ_ALL) or (unit_id is not None and unit_id in viewer.units)


def version_row(store: CachedStore, year: int, version: int | None, *, drafts: bool) -> Row:
    """The version asked for, else the latest one the viewer may see (the published one for the public)."""
    rows = _versions(store, year)
    if version is not None:
        row = next((r for r in rows if r["version"] == version), None)
        if row is None or (not drafts and row["state"] != AssessmentState.PUBLISHED.value):
            raise NotFound(f"no {'' if drafts else 'published '}assessment version {version} of {year}")
        return row
    shown = rows if drafts else [r for r in rows if r["state"] == AssessmentState.PUBLISHED.value]
    if not shown:
        raise NotFound(f"no {'' if drafts else 'published '}assessment of {year} yet")
    return shown[0]


# --- computing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitTotal:
    unit: UnitFacts
    total: float
    lines: list[ScoreLinePublic]


def _line(item: RubricItem, unit: UnitFacts, year: YearFacts) -> ScoreLinePublic:
    result = item.score(unit, year)
    return ScoreLinePublic(
        item_id=item.id, name=item.name, kind=item.kind, rule=item.rule.name, max_points=item.most,
        points=result.points, reason=result.reason, records=[RecordPublic(kind=k, id=i) for k, i in result.records],
        record_count=result.record_count if result.record_count is not None else len(result.records))


def score_units(rubric: Rubric, facts: YearFacts, track: Tracker = no_progress) -> list[UnitTotal]:
    """Every unit's lines and total (never below 0), best first."""
    advance = track("scoring units", len(facts.units))
    scored = []
    for unit in facts.units.values():
        lines = [_line(item, unit, facts) for item in rubric.items]
        scored.append(UnitTotal(unit, max(0.0, round(sum(line.points for line in lines), 2)), lines))
        advance(1)
    return sorted(scored, key=lambda s: (-s.total, s.unit.name or "", s.unit.unit_id))


_LINES = TypeAdapter(list[ScoreLinePublic])
"""A result's lines as stored (JSON), written and read back in one pass: a version has a line per item per unit."""


def _lines_json(lines: list[ScoreLinePublic]) -> str:
    return _LINES.dump_json(lines).decode()


def compute(store: CachedStore, actor: Actor, year: int, rubric: Rubric, *, scope: LawScope = LawScope(),
            clock: Clock = system_clock, track: Tracker = no_progress) -> AssessmentPublic:
    """A new version of the year's assessment from the graph as it is now (its earlier versions stay)."""
    actor.require(Permission.ASSESS)
    now = clock()
    facts = read_facts(store, year, scope, now.date(), track)
    scored = score_units(rubric, facts, track)
    batch = GraphBatch()
    with store.transaction() as tx:
        tx.run(queries.review.lock_year(year))
        version = 1 + max((row["version"] for row in tx.run(queries.assessment.assessment_versions(year))), default=0)
        row = {"id": assessment_id(year, version), "year": year, "version": version,
               "state": AssessmentState.DRAFT.value, "rubric_name": rubric.name, "rubric_source": rubric.source,
               "rubric_digest": rubric.digest, "rubric_text": rubric.text, "computed_at": stamp(now),
               "computed_by": actor.label, "units": len(scored), "max_points": rubric.max_points}
        batch.add_node("Assessment", row)
        rank, previous = 0, None
        for position, result in enumerate(scored, start=1):
            if result.total != previous:
                rank, previous = position, result.total
            score_id = f"{row['id']}:{result.unit.unit_id}"
            batch.add_node("UnitScore", {
                "id": score_id, "assessment_id": row["id"], "unit_id": result.unit.unit_id,
                "unit_name": result.unit.name, "total": result.total, "grade": rubric.grade(result.total).name,
                "rank": rank, "lines": _lines_json(result.lines)})
            batch.add_edge("SCORED", row["id"], score_id)
        advance = track("writing the version", 1)
        GraphWriter(store).write_in(tx, batch)
        advance(1)
    return assessment_public(row)


def publish(store: CachedStore, actor: Actor, year: int, version: int, *, clock: Clock = system_clock) -> AssessmentPublic:
    """The version becomes the year's published result (frozen); a version published before it is superseded."""
    actor.require(Permission.ASSESS)
    target = version_row(store, year, version, drafts=True)
    with store.transaction() as tx:
        locked = tx.run(queries.assessment.lock_assessment(target["id"]))[0]
        state = AssessmentState(locked["state"])
        if state is not AssessmentState.DRAFT:
            raise Conflict(f"version {version} of {year} is {ASSESSMENT_NAMES[state]}: only a draft is published",
                           state=state.value, advice=f"这一版现为“{ASSESSMENT_NAMES[state]}”，只有草稿版本可以公布；"
                                                     "请重新计算出新版本，核对后再公布。")
        tx.run(queries.assessment.supersede_published(year, AssessmentState.PUBLISHED.value,
                                                      AssessmentState.SUPERSEDED.value, target["id"]))
        tx.run(queries.assessment.publish_assessment(target["id"], AssessmentState.PUBLISHED.value, stamp(clock()),
                                                     actor.label))
    return assessment_public(version_row(store, year, version, drafts=True))


def version_rubric(store: CachedStore, assessment: AssessmentPublic) -> Rubric:
    """The rubric a version was computed by, as it was then."""
    row = store.read(queries.assessment.assessment_rubric(assessment.id))[0]
    return parse_rubric(row["rubric_text"], row["source"])


# --- reading -------------------------------------------------------------------------------------


@kept_until_write
def _ranked(store: CachedStore, assessment_id_: str) -> list[UnitScorePublic]:
    rows = store.read(queries.assessment.ranking(assessment_id_))
    return [UnitScorePublic(unit=UnitBriefPublic(id=r["unit_id"], name=r["unit_name"]), total=r["total"],
                            grade=r["grade"], rank=r["rank"])
            for r in sorted(rows, key=lambda r: (r["rank"], r["unit_name"] or "", r["unit_id"]))]


def ranking(store: CachedStore, viewer: Actor | None, year: int, version: int | None = None) -> RankingPublic:
    """The ranking table of a version: the bureau's of any, everyone else's of the published one."""
    row = version_row(store, year, version, drafts=viewer is not None and viewer.may(Permission.READ_ALL))
    assessment = assessment_public(row)
    scores = _ranked(store, row["id"])
    grades = version_rubric(store, assessment).grades
    counts = {grade.name: 0 for grade in grades}
    for score in scores:
        counts[score.grade] = counts.get(score.grade, 0) + 1
    return RankingPublic(assessment=assessment, grades=[GradePublic(name=g.name, min=g.min, rectify=g.rectify)
                                                        for g in grades],
                         grade_counts=counts, data=scores, count=len(scores))


def score_of(row: Row) -> UnitScorePublic:
    return UnitScorePublic(unit=UnitBriefPublic(id=row["unit_id"], name=row["unit_name"]), total=row["total"],
                           grade=row["grade"], rank=row["rank"], lines=_LINES.validate_json(row["lines"] or "[]"))


def unit_result(store: CachedStore, viewer: Actor | None, year: int, unit_id: str,
                version: int | None = None) -> UnitResultPublic:
    """A unit's score line by line: the bureau and the unit itself read any version with the records
    behind each point (named) and the manual entries; the public the published version's reasons
    only (a manual item's without the reviewer's words)."""
    unit_brief(store, unit_id)
    full = _may_see_drafts(viewer, unit_id)
    row = version_row(store, year, version, drafts=full)
    found = store.read(queries.assessment.scores_with_lines(row["id"], [unit_id]))
    if not found:
        raise NotFound(f"unit {unit_id!r} is not in version {row['version']} of the {year} assessment")
    score = score_of(found[0])
    if not full:
        for line in score.lines:
            if line.rule == MANUAL and line.record_count:
                line.reason = PUBLIC_MANUAL_REASON
            line.records, line.record_count = [], 0
        return UnitResultPublic(assessment=assessment_public(row), score=score)
    _name_records(store, score)
    rubric = version_rubric(store, assessment_public(row))
    names = {item.id: item.name for item in rubric.items}
    manual = [ManualScorePublic(item_id=m["item_id"], item_name=names.get(m["item_id"]), points=m["points"],
                                reason=m["reason"], enterer=m["enterer"], entered_at=m["entered_at"])
              for m in store.read(queries.assessment.manual_scores(year, unit_id))]
    return UnitResultPublic(assessment=assessment_public(row), score=score, manual=manual)


def _name_records(store: CachedStore, score: UnitScorePublic) -> None:
    """Name the records of one unit's lines: laws, activities, rows (a few reads for one unit)."""
    wanted: dict[str, set[str]] = {"activity": set(), "row": set()}
    for line in score.lines:
        for record in line.records:
            if record.kind in wanted:
                wanted[record.kind].add(record.id)
    activities = {r["id"]: f"{chinese_date(r['held_on'])} {r['title']}"
                  for r in store.read(queries.activities.titles(sorted(wanted["activity"])))} if wanted["activity"] else {}
    rows = {r["id"]: f"第{r['row']}条 {r['law_text'] or ''}".strip()
            for r in store.read(queries.activities.row_texts(sorted(wanted["row"])))} if wanted["row"] else {}
    laws = all_law_briefs(store)
    for line in score.lines:
        for record in line.records:
            if record.kind == "law" and record.id in laws:
                record.name = laws[record.id].title
            elif record.kind == "activity":
                record.name = activities.get(record.id)
            elif record.kind == "row":
                record.name = rows.get(record.id)
            record.name = record.name or RECORD_KINDS.get(record.kind)


def scores(store: CachedStore, assessment: AssessmentPublic) -> list[UnitScorePublic]:
    """Every unit's result of a version with its lines, by rank (exports, reports, differences);
    read-only: kept until the next write."""
    return _scores(store, assessment.id)


@kept_until_write
def _scores(store: CachedStore, assessment_id_: str) -> list[UnitScorePublic]:
    rows = store.read(queries.assessment.scores_with_lines(assessment_id_))
    return [score_of(r) for r in sorted(rows, key=lambda r: (r["rank"], r["unit_name"] or "", r["unit_id"]))]


def changes(store: CachedStore, actor: Actor, year: int, version: int, against: int | None = None) -> ChangesPublic:
    """How a version differs from an earlier one (by default the one just before it): each unit whose
    total, grade, rank or any line changed, line by line."""
    actor.require(Permission.READ_ALL)
    this = assessment_public(version_row(store, year, version, drafts=True))
    earlier = [r for r in _versions(store, year) if r["version"] < version]
    base_row = (next((r for r in earlier if r["version"] == against), None) if against is not None
                else (earlier[0] if earlier else None))
    if against is not None and base_row is None:
        raise NotFound(f"no earlier assessment version {against} of {year}")
    after = {s.unit.id: s for s in scores(store, this)}
    base = assessment_public(base_row) if base_row else None
    before = {s.unit.id: s for s in scores(store, base)} if base else {}
    found = []
    for unit_id in sorted(set(after) | set(before), key=lambda u: ((after.get(u) or before[u]).rank, u)):
        change = _change(before.get(unit_id), after.get(unit_id))
        if change is not None:
            found.append(change)
    return ChangesPublic(assessment=this, against=base, data=found, count=len(found),
                         unchanged=len(set(after) | set(before)) - len(found))


def _change(before: UnitScorePublic | None, after: UnitScorePublic | None) -> ScoreChangePublic | None:
    old = {line.item_id: line for line in (before.lines if before else [])}
    new = {line.item_id: line for line in (after.lines if after else [])}
    lines = []
    for item_id in dict.fromkeys([*new, *old]):
        was, now = old.get(item_id), new.get(item_id)
        if (was.points if was else None) != (now.points if now else None):
            lines.append(LineChangePublic(item_id=item_id, name=(now or was).name, before=was.points if was else None,
                                          after=now.points if now else None, reason=now.reason if now else None))
    same = (before is not None and after is not None and before.total == after.total and before.grade == after.grade
            and before.rank == after.rank)
    if same and not lines:
        return None
    unit = (after or before).unit
    return ScoreChangePublic(
        unit=unit, total_before=before.total if before else None, total_after=after.total if after else None,
        grade_before=before.grade if before else None, grade_after=after.grade if after else None,
        rank_before=before.rank if before else None, rank_after=after.rank if after else None, lines=lines)


# --- manual items --------------------------------------------------------------------------------


def enter_manual(store: CachedStore, actor: Actor, rubric: Rubric, year: int, unit_id: str, item_id: str,
                 points: float, reason: str, *, clock: Clock = system_clock) -> ManualScorePublic:
    """A reviewer's points for a manual item of a unit's year, with the reason (never its own unit);
    the next computed version takes it."""
    actor.require(Permission.JUDGE)
    unit_brief(store, unit_id)
    actor.require_impartial(unit_id)
    item = next((i for i in manual_items(rubric) if i.id == item_id), None)
    if item is None:
        raise NotFound(f"the rubric has no manual item {item_id!r}; its manual items are "
                       f"{', '.join(i.id for i in manual_items(rubric)) or 'none'}")
    if not 0 <= points <= item.most:
        what = "points" if item.section == "items" else "points to take"
        raise InputError(f"{item.name} takes 0–{item.most:g} {what}", location="points")
    reason = reason.strip()
    if not reason:
        raise InputError("say why (督查发现的问题、测评结果)", location="reason")
    at = stamp(clock())
    entry = {"id": f"M{year}:{unit_id}:{item_id}", "unit_id": unit_id, "year": year, "item_id": item_id,
             "points": float(points), "reason": reason, "entered_by": actor.id, "enterer": actor.label,
             "entered_at": at}
    with store.transaction() as tx:
        tx.upsert_nodes("ManualScore", [entry])
        tx.upsert_edges("MANUALLY_SCORED", [{"src": unit_id, "dst": entry["id"]}])
    return ManualScorePublic(item_id=item_id, item_name=item.name, points=entry["points"], reason=reason,
                             enterer=actor.label, entered_at=at)


def default_year(store: CachedStore, viewer: Actor | None, today: date) -> int:
    """The year a page shows first: the latest assessed (published, for the public), else last year."""
    years = assessed_years(store, published_only=not (viewer and viewer.may(Permission.READ_ALL)))
    return years[0] if years else today.year - 1

