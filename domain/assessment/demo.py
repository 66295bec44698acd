"""The demo's year of work: the sample county's 履职台账 (data/sample/ledgers, one workbook per unit
that kept one), entered by the bureau as it enters paper 台账, each activity's photo sent by the
unit's liaison and accepted by the demo reviewer, so that the 年度考核 of `make demo` ranks units as
diligent as a real county's and its grades spread (README, 考核评分细则)."""

from __future__ import annotations

from pathlib import Path

from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP, Actor
from domain.assessment import activities
from domain.assessment.activities import Upload
from domain.base.cache import CachedStore
from domain.checklists.demo import DEMO_PDF
from pufa.config import DATA_DIR
from pufa.laws import unit_id
from pufa.workflow import EvidenceState, Role

SAMPLE_LEDGERS = DATA_DIR / "sample" / "ledgers"
LEDGER_SUFFIX = "2026年普法履职台账.xlsx"
"""A ledger's file name: the unit's full name, then this."""


def record_sample_activities(store: CachedStore, attachments_dir: Path) -> int:
    """Enter every sample 台账 and take each new activity's evidence to 已采纳; returns the activities
    accepted now (none on a second run: entering the same ledger again changes nothing accepted)."""
    reviewer = accounts.find_account(store, "demo-reviewer")
    reviewer_actor = Actor(id=reviewer.id, username=reviewer.username, role=Role.REVIEWER, display_name="审核员")
    fresh: list[str] = []
    for path in sorted(SAMPLE_LEDGERS.glob(f"*{LEDGER_SUFFIX}")):
        unit_name = path.name.removesuffix(LEDGER_SUFFIX)
        uid = unit_id(unit_name)
        liaison = Actor(id="demo", username="demo", role=Role.LIAISON, display_name=f"{unit_name}联络员",
                        unit_id=uid, units=frozenset({uid}))
        entered = activities.import_ledger(store, BOOTSTRAP, uid, path)
        photos = {activity.id: Upload([("活动现场.pdf", DEMO_PDF)], attachments_dir, len(DEMO_PDF), 1)
                  for activity in entered.data if activity.evidence_state == EvidenceState.NONE.value}
        if photos:
            activities.add_evidence_each(store, liaison, photos)
            fresh.extend(photos)
    return activities.decide_all(store, reviewer_actor, fresh, "accept") if fresh else 0
