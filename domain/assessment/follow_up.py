"""The units the bureau has to follow up in a year, and why: no checklist submitted (late once the
deadline has passed), graded 不合格 in the published assessment, 普法提示 not yet settled. The dashboard's
unit table lists them from these rows, filtered by a need and paged, so that a clerk with eighty units
reaches the ones that need action without scrolling past the others."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from domain.accounts.accounts import Actor
from domain.assessment import prompts, versions
from domain.assessment.models import UnitFollowUpPublic, UnitsFollowUpPublic
from domain.base.asked import page
from domain.base.cache import CachedStore
from domain.checklists.models import AuditSummaryPublic
from domain.checklists.plan import year_plan
from pufa.errors import NotFound
from pufa.workflow import Permission, PromptState

UnitNeed = Literal["unsubmitted", "failing", "prompts"]
NEEDS: tuple[UnitNeed, ...] = ("unsubmitted", "failing", "prompts")
UNSETTLED = (PromptState.OPEN.value, PromptState.ANSWERED.value)


def _needs(row: UnitFollowUpPublic) -> set[UnitNeed]:
    return {need for need, has in (("unsubmitted", not row.audit.submitted), ("failing", row.failing),
                                   ("prompts", row.open_prompts > 0)) if has}


def units_follow_up(store: CachedStore, viewer: Actor | None, summary: AuditSummaryPublic, *, today: date,
                    need: UnitNeed | None = None, skip: int = 0, limit: int | None = None) -> UnitsFollowUpPublic:
    """The audit's unit rows (`summary`, every unit of the year) with each unit's grade and unsettled
    普法提示; those of one need when asked, by unit name. 普法提示 are the bureau's: a visitor's rows count none."""
    year = summary.year
    grades: dict[str, str] = {}
    rectify: set[str] = set()
    if year is not None:
        try:
            ranking = versions.ranking(store, None, year)
        except NotFound:
            pass
        else:
            grades = {score.unit.id: score.grade for score in ranking.data}
            rectify = {grade.name for grade in ranking.grades if grade.rectify}
    unsettled: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    if year is not None and viewer is not None and viewer.may(Permission.READ_ALL):
        for prompt in prompts.prompts(store, viewer, year=year, today=today, limit=None).data:
            if prompt.state in UNSETTLED:
                unsettled[prompt.unit.id] += 1
                overdue[prompt.unit.id] += prompt.overdue
    rows = [UnitFollowUpPublic(audit=row, grade=grades.get(row.unit.id), failing=grades.get(row.unit.id) in rectify,
                               open_prompts=unsettled[row.unit.id], overdue_prompts=overdue[row.unit.id])
            for row in summary.units.data]
    needs = Counter(need for row in rows for need in _needs(row))
    kept = [row for row in rows if need is None or need in _needs(row)]
    deadline = year_plan(store, year).checklist_deadline if year is not None else None
    return UnitsFollowUpPublic(data=page(kept, skip, limit), count=len(kept),
                               needs={name: needs[name] for name in NEEDS}, deadline=deadline,
                               deadline_past=bool(deadline) and today.isoformat() > deadline)
