"""The assessment's answers: activities and their evidence, the rubric, scores and rankings, findings and 普法提示.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of them.
"""

from pydantic import BaseModel

from domain.base.models import UnitBriefPublic
from domain.catalogue.models import NamedPublic
from domain.checklists.models import ActionPublic, UnitAuditPublic

# --- the annual assessment: activities, scores, rankings ------------------------------------


class EvidencePublic(BaseModel):
    """An evidence file's record (the file itself is downloaded on its own)."""

    id: str
    file_name: str | None = None
    media_type: str | None = None
    size: int | None = None
    uploaded_by: str | None = None
    uploaded_at: str | None = None


class EventPublic(BaseModel):
    """One step of an activity's evidence decisions or of a 普法提示."""

    id: str
    action: str
    name: str
    from_state: str | None = None
    to_state: str | None = None
    actor: str | None = None
    at: str | None = None
    comment: str | None = None
    deadline: str | None = None
    evidence: list[EvidencePublic] = []


class ActivitySummaryPublic(BaseModel):
    """An activity of a unit's 履职台账 as a list shows it."""

    id: str
    unit: UnitBriefPublic
    year: int
    held_on: str
    title: str
    key_dates: list[NamedPublic] = []
    audience_text: str | None = None
    method_text: str | None = None
    place: str | None = None
    reached: int | None = None
    cases_published: int = 0
    evidence_state: str
    evidence_state_name: str
    evidence_reason: str | None = None
    """Why the reviewer did not accept it (or what they noted accepting it)."""
    evidence_count: int = 0
    recorder: str | None = None
    recorded_at: str | None = None


class ActivitiesPublic(BaseModel):
    data: list[ActivitySummaryPublic]
    count: int


class CaseUsePublic(BaseModel):
    id: str
    name: str | None = None
    published: bool
    """The unit released the case with this activity (else it used one from the case library)."""


class ActivityDetailPublic(BaseModel):
    activity: ActivitySummaryPublic
    description: str | None = None
    key_date_text: str | None = None
    law_text: str | None = None
    source: str | None = None
    laws: list[NamedPublic] = []
    audiences: list[NamedPublic] = []
    methods: list[NamedPublic] = []
    rows: list[NamedPublic] = []
    """The checklist rows it served (id, the row's law text)."""
    cases: list[CaseUsePublic] = []
    unresolved: list[str] = []
    """Audiences and methods as written that the vocabularies do not know (kept as written)."""
    evidence: list[EvidencePublic] = []
    history: list[EventPublic] = []
    actions: list[ActionPublic] = []
    """The decisions the asking account may take on its evidence."""
    editable: bool = False
    """The asking account may change it, add files or delete it (its own unit's, evidence not accepted)."""


class ServableRowPublic(BaseModel):
    """A row of the unit's current checklist an activity may serve."""

    item_id: str
    row: int | None = None
    law_text: str | None = None
    audience_text: str | None = None


class RubricItemPublic(BaseModel):
    id: str
    name: str
    kind: str
    """item (得分项) or deduction (扣分项)."""
    rule: str
    rule_name: str
    points: float
    """The most an item gives; the most a deduction takes (its cap)."""
    params: dict[str, object] = {}
    manual: bool = False
    """A reviewer enters its points with a reason."""


class GradePublic(BaseModel):
    name: str
    min: float
    rectify: bool = False
    """Units of this grade are issued a 普法提示 for each item they lost points on (限期整改)."""


class RubricPublic(BaseModel):
    name: str
    source: str
    digest: str
    max_points: float
    items: list[RubricItemPublic]
    deductions: list[RubricItemPublic]
    grades: list[GradePublic]


class RecordPublic(BaseModel):
    """A record a point rests on: a checklist, a row, a law, an activity, a 普法提示."""

    kind: str
    id: str
    name: str | None = None


class ScoreLinePublic(BaseModel):
    """One rubric item of a unit's score: its points, why, and the records behind them."""

    item_id: str
    name: str
    kind: str
    rule: str
    max_points: float
    points: float
    """Negative for a deduction."""
    reason: str
    records: list[RecordPublic] = []
    """The first records (record_count has them all); not shown to the public."""
    record_count: int = 0


class UnitScorePublic(BaseModel):
    unit: UnitBriefPublic
    total: float
    grade: str
    rank: int
    lines: list[ScoreLinePublic] = []


class AssessmentPublic(BaseModel):
    """One computed version of a year's assessment."""

    id: str
    year: int
    version: int
    state: str
    state_name: str
    rubric_name: str | None = None
    rubric_digest: str | None = None
    computed_at: str | None = None
    computed_by: str | None = None
    published_at: str | None = None
    published_by: str | None = None
    units: int = 0
    max_points: float = 0


class AssessmentsPublic(BaseModel):
    data: list[AssessmentPublic]
    count: int


class RankingPublic(BaseModel):
    assessment: AssessmentPublic
    grades: list[GradePublic]
    grade_counts: dict[str, int]
    data: list[UnitScorePublic]
    """By rank (then unit name); without their lines."""
    count: int


class ManualScorePublic(BaseModel):
    item_id: str
    item_name: str | None = None
    points: float
    reason: str
    enterer: str | None = None
    entered_at: str | None = None


class UnitResultPublic(BaseModel):
    """A unit's score in one version, line by line, with the manual entries the next version will take."""

    assessment: AssessmentPublic
    score: UnitScorePublic
    manual: list[ManualScorePublic] = []


class LineChangePublic(BaseModel):
    item_id: str
    name: str
    before: float | None
    after: float | None
    reason: str | None = None
    """Why it scores what it scores now."""


class ScoreChangePublic(BaseModel):
    unit: UnitBriefPublic
    total_before: float | None
    total_after: float | None
    grade_before: str | None
    grade_after: str | None
    rank_before: int | None
    rank_after: int | None
    lines: list[LineChangePublic]


class ChangesPublic(BaseModel):
    """How a version differs from an earlier one: the units whose score, grade, rank or lines changed."""

    assessment: AssessmentPublic
    against: AssessmentPublic | None
    data: list[ScoreChangePublic]
    count: int
    unchanged: int


class ImportedActivitiesPublic(BaseModel):
    """A 台账 spreadsheet imported whole: the activities written (re-imported rows update theirs)."""

    data: list[ActivitySummaryPublic]
    count: int
    skipped: list[str] = []
    """Rows left as they were: their activity's evidence was already accepted."""


# --- 普法提示 (domain.assessment.prompts) ---------------------------------------------------------------


class GroundPublic(BaseModel):
    """A failure the bureau finds in a unit's year, with its reasons: the ground a 普法提示 is issued on."""

    kind: str
    kind_name: str
    reasons: list[str]


class GroundsPublic(BaseModel):
    unit: UnitBriefPublic
    year: int
    data: list[GroundPublic]


class PromptPublic(BaseModel):
    """A 普法提示 (法治宣传教育法 第五十七条): what the unit did not do, and by when it reports back."""

    id: str
    unit: UnitBriefPublic
    year: int
    number: int
    reference: str
    """〔2026〕第3号."""
    kind: str
    kind_name: str
    reasons: list[str]
    text: str | None = None
    deadline: str
    state: str
    state_name: str
    overdue: bool
    """Still open after its deadline: the reviewer may escalate it to 通报批评."""
    creator: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    sent_to: str | None = None
    sent_at: str | None = None
    assessment_id: str | None = None
    """The published assessment version whose finding it was issued from (with its rubric item)."""
    item_id: str | None = None


class PromptTallyPublic(BaseModel):
    """What the dashboard, the assessment and the county report count."""

    issued: int = 0
    open: int = 0
    answered: int = 0
    closed: int = 0
    escalated: int = 0
    overdue: int = 0


class PromptsPublic(BaseModel):
    data: list[PromptPublic]
    count: int
    tally: PromptTallyPublic
    """Of every 普法提示 asked for, before the state and overdue filters."""


class IssuedPromptsPublic(BaseModel):
    """The 普法提示 issued from a published assessment's findings."""

    data: list[PromptPublic]
    count: int
    skipped: list[str] = []
    """Why a unit got none for an item (already issued, the reviewer's own unit)."""


class PromptDetailPublic(BaseModel):
    prompt: PromptPublic
    history: list[EventPublic]
    evidence: list[EvidencePublic]
    actions: list[ActionPublic]


# --- the county's annual report (domain.assessment.county_report) -------------------------------------


class CountyFigurePublic(BaseModel):
    """One figure of the report, with the section it stands in and what it is read from."""

    section: str
    name: str
    value: int | float | str | None
    shown: str
    """The value as the report prints it (80.0 → 80, none → —)."""
    source: str
    """The input it reuses (what units or the bureau already entered), named for the clerk."""


class KeyDateFigurePublic(BaseModel):
    name: str
    activities: int
    units: int
    reached: int


class CountyReportPublic(BaseModel):
    year: int
    figures: list[CountyFigurePublic]
    key_dates: list[KeyDateFigurePublic]
    """Campaigns held by key date, the busiest first."""


# --- the units to follow up (the dashboard's unit table) ---------------------------------------------


class UnitFollowUpPublic(BaseModel):
    """A unit's row of the bureau's overview: its checklist's audit and what the bureau has to follow up."""

    audit: UnitAuditPublic
    grade: str | None = None
    """Its grade in the year's published assessment (none before one is published)."""
    failing: bool = False
    """That grade asks for rectification (不合格)."""
    open_prompts: int = 0
    """Its 普法提示 not yet settled: to answer, or answered and awaiting review (counted for the bureau only)."""
    overdue_prompts: int = 0


class UnitsFollowUpPublic(BaseModel):
    data: list[UnitFollowUpPublic]
    count: int
    """Of the units the need asked for (every unit when none)."""
    needs: dict[str, int]
    """Units per need (unsubmitted, failing, prompts), over every unit."""
    deadline: str | None
    """The year's checklist deadline, when the bureau set one."""
    deadline_past: bool
    """Today is after it: a unit without a checklist is late."""
