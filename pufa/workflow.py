"""Who may do what, and how a unit's checklist of a year moves: roles, states and transitions,
spelled once here. The domain enforces them (domain.accounts.accounts, domain.checklists.review); ingest, the faces
and the docs take their names from here.

A checklist revision moves

    draft → submitted → (returned; a new draft → resubmitted)* → approved → filed → published

and a submission not yet reviewed can be withdrawn to a draft. A returned revision stays as it
was (the record of what was sent back); the unit's fix is a new draft revision.

The year ends in the assessment (年度考核): units record what they did (履职台账) with evidence that
a reviewer accepts or rejects; the bureau computes scores (a new version each time) and publishes
one, which freezes it. Under the 法治宣传教育法 any failure the bureau finds (an assessment finding
included: what a unit must 整改) is a 普法提示 (第五十七条, 第五十九条) that moves

    open → answered → closed, or back to open (returned); open past its deadline → escalated (通报批评)
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


class Permission(StrEnum):
    """Things an account may do; a role is the set of them it holds (its entry in ROLES)."""

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
    """Upload, edit rows, attach the signed copy of, submit and withdraw its own unit's (and sub-units')
    checklists."""
    REVIEW = "review"
    """Return, approve, file and publish the checklists under review (never one the account submitted)."""
    COMMENT = "comment"
    """Row and overall comments on a checklist under review."""
    RECORD_ACTIVITIES = "record_activities"
    """Record its own units' activities (履职台账) with evidence, and answer their 普法提示."""
    JUDGE = "judge"
    """Accept or reject an activity's evidence, enter manual score items, close, return and escalate
    普法提示 — never for the reviewer's own unit."""
    ASSESS = "assess"
    """Compute the year's assessment (a new version) and publish a version."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[StrEnum]
    target: StrEnum
    permission: Permission
    """What an account must be allowed to take this step (its role's entry in ROLES says)."""
    name: str
    """What the pages call it."""
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({State.DRAFT}), State.SUBMITTED, Permission.EDIT_OWN, "报送"),
        Transition("resubmit", frozenset({State.DRAFT}), State.RESUBMITTED, Permission.EDIT_OWN, "重新报送"),
        Transition("withdraw", UNDER_REVIEW, State.DRAFT, Permission.EDIT_OWN, "撤回"),
        Transition("return", UNDER_REVIEW, State.RETURNED, Permission.REVIEW, "退回修改",
                   comment_required=True),
        Transition("approve", UNDER_REVIEW, State.APPROVED, Permission.REVIEW, "审核通过"),
        Transition("file", frozenset({State.APPROVED}), State.FILED, Permission.REVIEW, "备案"),
        Transition("publish", frozenset({State.FILED}), State.PUBLISHED, Permission.REVIEW, "向社会公布"),
    )
}


class UnitTie(StrEnum):
    """How an account of a role stands to a unit of the register."""

    NONE = "none"
    """The bureau's roles: no unit."""
    MAY_BELONG = "may_belong"
    """It may belong to a unit (the bureau's own 司法局 is a responsible unit): it acts for none, and
    judges none of its own."""
    ACTS_FOR = "acts_for"
    """It has a unit and acts for it and its sub-units only."""


@dataclass(frozen=True)
class MenuItem:
    path: str
    name: str


@dataclass(frozen=True)
class RoleEntry:
    """Everything a role is: adding a role adds one of these (and its tests), nothing else."""

    name: str
    """What the pages and the audit trail call it."""
    permissions: frozenset[Permission]
    home: str
    """The page it lands on after signing in: its next steps."""
    menu: tuple[MenuItem, ...]
    unit: UnitTie = UnitTie.NONE


PUBLIC_MENU = (MenuItem("/public", "公开清单"), MenuItem("/public/assessment", "考核结果"))
"""What everyone reads, signed in or not (the menu's first entries)."""
VISITOR_MENU = (MenuItem("/", "工作总览"), MenuItem("/campaigns", "联合普法活动策划"))
"""The rest of a visitor's menu (no account)."""
_BUREAU_MENU = (MenuItem("/", "工作总览"), MenuItem("/review", "审核队列"), MenuItem("/plan", "年度安排"),
                MenuItem("/activities/review", "台账审核"), MenuItem("/assessment", "年度考核"),
                MenuItem("/prompts", "普法提示"), MenuItem("/shared", "共有法律"),
                MenuItem("/campaigns/year", "重要时间节点"), MenuItem("/campaigns", "联合普法活动策划"),
                MenuItem("/county-report", "工作报告"))

ROLES: dict[Role, RoleEntry] = {
    Role.ADMIN: RoleEntry(
        "普法办管理员",
        frozenset({Permission.MANAGE_ACCOUNTS, Permission.PLAN_YEAR, Permission.NOTIFY, Permission.BULK_INGEST,
                   Permission.READ_ALL, Permission.ASSESS}),
        home="/plan", menu=(*_BUREAU_MENU, MenuItem("/accounts", "账号管理"), MenuItem("/catalogue/sync", "目录同步"))),
    Role.REVIEWER: RoleEntry(
        "审核人员",
        frozenset({Permission.READ_ALL, Permission.COMMENT, Permission.REVIEW, Permission.NOTIFY, Permission.JUDGE,
                   Permission.ASSESS}),
        home="/review", menu=_BUREAU_MENU, unit=UnitTie.MAY_BELONG),
    Role.LIAISON: RoleEntry(
        "单位联络员", frozenset({Permission.EDIT_OWN, Permission.RECORD_ACTIVITIES}),
        home="/my", menu=(MenuItem("/my", "我的清单"), MenuItem("/activities", "履职台账"),
                          MenuItem("/prompts", "普法提示"),
                          MenuItem("/duty-laws", "应知应会清单")),
        unit=UnitTie.ACTS_FOR),
    Role.COORDINATOR: RoleEntry(
        "统筹协调", frozenset({Permission.READ_ALL}),
        home="/", menu=(MenuItem("/", "工作总览"), MenuItem("/shared", "共有法律"), MenuItem("/campaigns/year", "重要时间节点"),
                        MenuItem("/campaigns", "联合普法活动策划"), MenuItem("/plan", "年度安排"), MenuItem("/assessment", "年度考核"),
                        MenuItem("/prompts", "普法提示"), MenuItem("/county-report", "工作报告"))),
}
ROLE_NAMES = {role: entry.name for role, entry in ROLES.items()}
"""The Chinese name of each role (from its entry)."""


def may(role: Role, permission: Permission) -> bool:
    return permission in ROLES[role].permissions


def transitions_for(role: Role) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if may(role, t.permission)]


# --- the annual assessment ---------------------------------------------------------------------


class EvidenceState(StrEnum):
    """An activity's evidence as the reviewer judged it."""

    NONE = "none"
    """No file attached yet."""
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


EVIDENCE_NAMES = {EvidenceState.NONE: "未上传佐证", EvidenceState.PENDING: "待审核", EvidenceState.ACCEPTED: "已采纳",
                  EvidenceState.REJECTED: "未采纳"}
EVIDENCE_STEPS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("accept", frozenset({EvidenceState.PENDING, EvidenceState.REJECTED}), EvidenceState.ACCEPTED,
                   Permission.JUDGE, "采纳佐证"),
        Transition("reject", frozenset({EvidenceState.PENDING, EvidenceState.ACCEPTED}), EvidenceState.REJECTED,
                   Permission.JUDGE, "不予采纳", comment_required=True),
    )
}
"""A reviewer's decision on an activity's evidence; a new file puts it back to pending."""
LOCKED_EVIDENCE = frozenset({EvidenceState.ACCEPTED})
"""An activity whose evidence was accepted can no longer be changed or deleted by its unit."""


class AssessmentState(StrEnum):
    DRAFT = "draft"
    """Computed, seen by the bureau only."""
    PUBLISHED = "published"
    """The year's result: frozen, and what the public reads."""
    SUPERSEDED = "superseded"
    """Published once, replaced by a later published version (kept)."""


ASSESSMENT_NAMES = {AssessmentState.DRAFT: "草稿（未公布）", AssessmentState.PUBLISHED: "已公布",
                    AssessmentState.SUPERSEDED: "已被新版本取代"}


EVENT_NAMES = {"upload": "上传佐证材料", **{step.action: step.name for step in EVIDENCE_STEPS.values()}}
"""How an activity's evidence history names each kind of step: the steps above, and files added."""


# --- 普法提示 (法治宣传教育法 第五十七条, 第五十九条) ----------------------------------------------


class PromptState(StrEnum):
    OPEN = "open"
    """Issued: the unit is to take measures and report back by the deadline."""
    ANSWERED = "answered"
    """The unit reported what it did (反馈); the reviewer decides."""
    CLOSED = "closed"
    ESCALATED = "escalated"
    """Not acted on in time: on the bureau's 通报批评 list."""


PROMPT_NAMES = {PromptState.OPEN: "待反馈", PromptState.ANSWERED: "已反馈，待审核", PromptState.CLOSED: "已办结",
                PromptState.ESCALATED: "已通报批评"}
PROMPT_STEPS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("answer", frozenset({PromptState.OPEN}), PromptState.ANSWERED, Permission.RECORD_ACTIVITIES,
                   "反馈落实情况", comment_required=True),
        Transition("close", frozenset({PromptState.ANSWERED}), PromptState.CLOSED, Permission.JUDGE,
                   "审核办结"),
        Transition("return", frozenset({PromptState.ANSWERED}), PromptState.OPEN, Permission.JUDGE,
                   "退回继续落实", comment_required=True),
        Transition("escalate", frozenset({PromptState.OPEN}), PromptState.ESCALATED, Permission.JUDGE,
                   "通报批评", comment_required=True),
    )
}
"""A 普法提示: issued by a reviewer from a finding (never for the reviewer's own unit), answered by the
unit's liaison with what it did and evidence, closed or returned by the reviewer; one still open
after its deadline may be escalated to the 通报批评 list. Every step is an Event, kept."""
PROMPT_EVENT_NAMES = {"issue": "下达普法提示", **{step.action: step.name for step in PROMPT_STEPS.values()}}
