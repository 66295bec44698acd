"""The checklist year's answers: the audit, the review, the plan and overdue units, comparisons, new laws and what the public reads.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of them.
"""

from pydantic import BaseModel

from domain.base.models import ItemEvidencePublic, LawBriefPublic, UnitBriefPublic
from domain.catalogue.models import NamedPublic, ResponsibleLawPublic

# --- checklist audit ------------------------------------------------------------------------------


class FlaggedItemPublic(BaseModel):
    item: ItemEvidencePublic
    codes: list[str]
    """problems (missing:<question>:<why>) or unresolved names (timing:适时)."""
    missing: list[str]
    """For problems: the questions not answered (what, whom, how, when, who)."""


class FlaggedItemsPublic(BaseModel):
    year: int | None
    data: list[FlaggedItemPublic]
    count: int


class ReplacementPublic(BaseModel):
    """A law a row claims that is repealed or amended, or the version it names (（2012年修正）) that is
    no longer current (status 已修改), and what replaced it: a law, or the version now in force."""

    law: NamedPublic
    status: str | None
    replaced_by: NamedPublic | None
    cited_version: str | None = None
    """The date of the version the row names (2012年10月26日), when it names one."""
    current_version: str | None = None
    """The date of the law's version in force, when a cited version is 已修改."""
    note: str
    """The finding in one sentence: 《…》（2012年10月26日版本）已修改，现行版本为2025年6月27日版本."""


class OutdatedCitationPublic(ReplacementPublic):
    item: ItemEvidencePublic
    replaced_on: str | None


class OutdatedCitationsPublic(BaseModel):
    year: int | None
    data: list[OutdatedCitationPublic]
    count: int


class UnitAuditPublic(BaseModel):
    unit: UnitBriefPublic
    submitted: bool
    checklist_id: str | None = None
    revision: int | None = None
    items: int = 0
    with_problems: int = 0
    with_unresolved: int = 0
    outdated: int = 0
    complete_pct: float | None = None
    """Share of rows answering all five questions."""


class UnitAuditsPublic(BaseModel):
    data: list[UnitAuditPublic]
    count: int


class AuditSummaryPublic(BaseModel):
    """The bureau's view of a year: who submitted, how complete, how much law is covered."""

    year: int | None
    units_expected: int
    """Top-level units (not PART_OF another); sections' own checklists are listed but not expected."""
    units_submitted: int
    submitted_pct: float | None
    items: int
    items_with_problems: int
    items_complete_pct: float | None
    items_with_unresolved: int
    outdated_citations: int
    laws_in_scope: int
    laws_claimed: int
    law_coverage_pct: float | None
    units: UnitAuditsPublic


class UnitAuditDetailPublic(BaseModel):
    audit: UnitAuditPublic
    year: int | None
    problems: list[FlaggedItemPublic]
    outdated: list[OutdatedCitationPublic]
    unresolved: list[FlaggedItemPublic]


# --- the checklist workflow ---------------------------------------------------------------------


class ChecklistSummaryPublic(BaseModel):
    """One revision of a unit's checklist of a year, with its state."""

    id: str
    unit: UnitBriefPublic
    year: int | None = None
    revision: int | None = None
    state: str
    state_name: str
    current: bool = False
    submitted_at: str | None = None
    items: int = 0
    with_problems: int = 0
    with_unresolved: int = 0
    filing_number: str | None = None
    filed_on: str | None = None
    published_on: str | None = None
    based_on: str | None = None


class UnitYearPublic(BaseModel):
    """Where a unit's checklist of a year stands for its liaison, and the steps open to it next:
    new_draft, upload, continue, take_over (the revision the bureau entered: withdraw it to a draft
    and edit it), wait, withdraw, revise."""

    unit: UnitBriefPublic
    year: int
    latest: ChecklistSummaryPublic | None = None
    entered_by_bureau: bool = False
    steps: list[str]


class ChecklistSummariesPublic(BaseModel):
    data: list[ChecklistSummaryPublic]
    count: int


class CommentPublic(BaseModel):
    id: str
    checklist_id: str
    item_id: str | None
    row: int | None = None
    law_text: str | None = None
    """The row as it read when the comment was made."""
    text: str
    author: str | None = None
    at: str | None = None


class RowReviewPublic(BaseModel):
    """A row with what the system finds in it and what reviewers said about it."""

    item_id: str
    row: int | None
    law_text: str | None = None
    audience_text: str | None = None
    method_text: str | None = None
    timing_text: str | None = None
    section: str | None = None
    person: str | None = None
    partners: list[str] = []
    source: str | None = None
    laws: list[NamedPublic] = []
    missing: list[str] = []
    """The questions of the five it does not answer (what, whom, how, when, who)."""
    outdated: list[ReplacementPublic] = []
    unresolved: list[str] = []
    not_laws: list[str] = []
    """What the law column names that is no law (standard:…, document:…, topic:…), never unresolved."""
    note: str | None = None
    origin: str | None = None
    comments: list[CommentPublic] = []


class TransitionPublic(BaseModel):
    id: str
    checklist_id: str
    action: str
    name: str
    from_state: str | None
    to_state: str
    actor: str | None
    at: str | None
    comment: str | None


class AttachmentPublic(BaseModel):
    id: str
    file_name: str | None
    media_type: str | None
    size: int | None
    sha256: str | None
    uploaded_by: str | None = None
    uploaded_at: str | None = None


class ActionPublic(BaseModel):
    """A step the asking account may take now, as the pages offer it."""

    action: str
    name: str
    comment_required: bool = False


class ChecklistDetailPublic(BaseModel):
    checklist: ChecklistSummaryPublic
    rows: list[RowReviewPublic]
    comments: list[CommentPublic]
    """Overall comments (not on a row), of this revision and the ones it continues."""
    missing_laws: list[ResponsibleLawPublic]
    """Of the unit's `missing_cut` most important laws it is responsible for, those no row claims."""
    missing_cut: int
    trail: list[TransitionPublic]
    """Every step of the unit's revisions of the year, oldest first."""
    attachment: AttachmentPublic | None
    actions: list[ActionPublic]
    editable: bool
    """The asking account may change rows and upload (a draft of its own unit)."""


class ReviewQueuePublic(BaseModel):
    data: list[ChecklistSummaryPublic]
    count: int


class RowChangePublic(BaseModel):
    """A row of this year's checklist set against last year's row for the same laws."""

    key: str
    """The laws the rows claim (or the law text as written, when none resolved)."""
    before: dict[str, str]
    after: dict[str, str]
    changed: list[str]
    """The fields that differ (audience_text, method_text, timing_text, section, person)."""


class ComparisonPublic(BaseModel):
    checklist: ChecklistSummaryPublic
    previous: ChecklistSummaryPublic | None
    """The unit's latest published checklist of an earlier year (none: nothing to compare)."""
    laws_added: list[NamedPublic]
    laws_removed: list[NamedPublic]
    rows_added: list[str]
    rows_removed: list[str]
    rows_changed: list[RowChangePublic]


class NewLawUnitPublic(BaseModel):
    unit: UnitBriefPublic
    listed: bool
    """Its latest revision of the year (a draft too) lists the law."""
    checklist_id: str | None = None
    state: str | None = None


class NewLawPublic(BaseModel):
    law: LawBriefPublic
    change: str
    """施行 (came into force) or 修改 (amended) in the window."""
    date: str | None
    units: list[NewLawUnitPublic]


class NewLawsPublic(BaseModel):
    """The year's 新颁法律法规清单: laws new or amended since the start of last year, who they concern."""

    year: int
    since: str
    data: list[NewLawPublic]
    count: int


# --- publication (no login: published checklists only) ---------------------------------------------


class PublishedChecklistPublic(BaseModel):
    """A published checklist as the public sees it: no drafts, comments or contact details."""

    id: str
    unit: UnitBriefPublic
    year: int
    filing_number: str | None = None
    published_on: str | None = None
    items: int = 0


class PublishedChecklistsPublic(BaseModel):
    data: list[PublishedChecklistPublic]
    count: int


class PublishedRowPublic(BaseModel):
    row: int
    law_text: str
    audience_text: str
    method_text: str
    timing_text: str
    section: str
    person: str
    partners: str


class PublishedDetailPublic(BaseModel):
    checklist: PublishedChecklistPublic
    title: str
    rows: list[PublishedRowPublic]


# --- the year's plan ----------------------------------------------------------------------------


class YearPlanPublic(BaseModel):
    year: int
    opened_at: str | None = None
    opened_by: str | None = None
    liaison_deadline: str | None = None
    checklist_deadline: str | None = None
    notice: str | None = None


class OverdueUnitPublic(BaseModel):
    unit: UnitBriefPublic
    liaison_name: str | None = None
    has_email: bool = False
    state: str | None = None
    """Its latest revision's state, if it has one (a draft does not count as submitted)."""


class OverduePublic(BaseModel):
    """Top-level units that have not done something by a deadline."""

    deadline: str | None
    past: bool
    """Today is after the deadline: these units are overdue (before it, they are still pending)."""
    data: list[OverdueUnitPublic]
    count: int


class YearOverviewPublic(BaseModel):
    plan: YearPlanPublic
    today: str
    liaisons: OverduePublic
    """Units whose liaison has not registered (no active liaison account)."""
    checklists: OverduePublic
    """Units with no revision of the year submitted to the bureau."""
    states: dict[str, int]
    """Units' latest revisions of the year by state."""


class SentNoticePublic(BaseModel):
    unit: UnitBriefPublic
    to: str | None
    sent: bool
    reason: str | None = None


class SentNoticesPublic(BaseModel):
    data: list[SentNoticePublic]
    count: int


# --- 领导干部应知应会法律法规清单 (domain.checklists.duty_laws) -------------------------------------------


class DutyLawPublic(BaseModel):
    """A law on a unit's 应知应会 list: its group, its status, and what changed since the list was made."""

    id: str
    title: str
    status: str | None = None
    group: str
    group_name: str
    change: str | None = None
    """amended, repealed or new: why the list needs adjusting (第三十七条: 适时调整)."""
    change_name: str | None = None


class DutyListVersionPublic(BaseModel):
    version: int
    state: str
    state_name: str
    laws: list[DutyLawPublic]
    creator: str | None = None
    created_at: str | None = None
    confirmed_by: str | None = None
    confirmed_at: str | None = None


class DutyListPublic(BaseModel):
    """A unit's list: the latest version with what changed since, what the graph proposes now, and the
    earlier versions (newest first, kept)."""

    unit: UnitBriefPublic
    current: DutyListVersionPublic | None = None
    flags: list[DutyLawPublic]
    """Laws on the current version amended or repealed since, and new laws that concern the unit."""
    proposal: list[DutyLawPublic]
    versions: list[DutyListVersionPublic]
