"""Who may do what, and how a unit's checklist of a year moves: roles, states and transitions,
spelled once here. The domain enforces them (domain.accounts, domain.review); ingest, the faces
and the docs take their names from here.

A checklist revision moves

    draft → submitted → (returned; a new draft → resubmitted)* → approved → filed → published

and a submission not yet reviewed can be withdrawn to a draft. A returned revision stays as it
was (the record of what was sent back); the unit's fix is a new draft revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The roles an account can have. The public has no account: it reads published checklists only."""

    ADMIN = "admin"
    """普法办 administrator: opens the year, sets deadlines, manages accounts, runs bulk ingests."""
    REVIEWER = "reviewer"
    """审核人员: reviews, returns, approves, files and publishes (never what they submitted)."""
    LIAISON = "liaison"
    """单位联络员: its own unit's and its sub-units' checklists only."""
    COORDINATOR = "coordinator"
    """统筹协调: reads everything, plans campaigns; writes nothing."""


ROLE_NAMES = {Role.ADMIN: "普法办管理员", Role.REVIEWER: "审核人员", Role.LIAISON: "单位联络员", Role.COORDINATOR: "统筹协调"}


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"
    FILED = "filed"
    PUBLISHED = "published"


STATE_NAMES = {
    State.DRAFT: "草稿", State.SUBMITTED: "已报送", State.RETURNED: "已退回修改", State.RESUBMITTED: "已重新报送",
    State.APPROVED: "审核通过", State.FILED: "已备案", State.PUBLISHED: "已公布",
}
UNDER_REVIEW = frozenset({State.SUBMITTED, State.RESUBMITTED})
"""The states of the review queue."""
BOOTSTRAP_STATE = State.SUBMITTED
"""The state of a checklist the bureau enters itself (`pufa ingest checklists`, the admin's upload)."""
LEGACY_STATE = State.SUBMITTED
"""Checklists written before states existed count as submitted (they were the bureau's current ones)."""
NEW_DRAFT_AFTER = frozenset({State.RETURNED, State.PUBLISHED})
"""A unit may start a new draft revision when its latest one is in one of these (or when it has none)."""
ATTACH_IN = frozenset({State.DRAFT, State.SUBMITTED, State.RESUBMITTED})
"""The signed and stamped copy can be attached (or replaced) until the revision is approved."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    name: str
    """What the pages call it."""
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({State.DRAFT}), State.SUBMITTED, frozenset({Role.LIAISON}), "报送"),
        Transition("resubmit", frozenset({State.DRAFT}), State.RESUBMITTED, frozenset({Role.LIAISON}), "重新报送"),
        Transition("withdraw", UNDER_REVIEW, State.DRAFT, frozenset({Role.LIAISON}), "撤回"),
        Transition("return", UNDER_REVIEW, State.RETURNED, frozenset({Role.REVIEWER}), "退回修改",
                   comment_required=True),
        Transition("approve", UNDER_REVIEW, State.APPROVED, frozenset({Role.REVIEWER}), "审核通过"),
        Transition("file", frozenset({State.APPROVED}), State.FILED, frozenset({Role.REVIEWER}), "备案"),
        Transition("publish", frozenset({State.FILED}), State.PUBLISHED, frozenset({Role.REVIEWER}), "向社会公布"),
    )
}


class Permission(StrEnum):
    """Things an account may do besides the transitions (each role's list is in PERMISSIONS)."""

    MANAGE_ACCOUNTS = "manage_accounts"
    PLAN_YEAR = "plan_year"
    """Open the year and set its deadlines."""
    NOTIFY = "notify"
    """Issue reminders (提示单) and escalations (督办单) to overdue units."""
    BULK_INGEST = "bulk_ingest"
    """The unit register, law texts, the bureau's own checklist ingest."""
    READ_ALL = "read_all"
    """Every unit's checklists in every state, with comments and the audit trail."""
    EDIT_OWN = "edit_own"
    """Upload, edit rows and attach the signed copy of its own unit's (and sub-units') drafts."""
    COMMENT = "comment"
    """Row and overall comments on a checklist under review."""


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_ACCOUNTS, Permission.PLAN_YEAR, Permission.NOTIFY, Permission.BULK_INGEST,
                           Permission.READ_ALL}),
    Role.REVIEWER: frozenset({Permission.READ_ALL, Permission.COMMENT, Permission.NOTIFY}),
    Role.LIAISON: frozenset({Permission.EDIT_OWN}),
    Role.COORDINATOR: frozenset({Permission.READ_ALL}),
}


def may(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def transitions_for(role: Role) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if role in t.roles]
