"""The answers' models: what the API returns as JSON, the CLI prints and the pages render.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of
them. Laws derive from the project's one law model (pufa.laws).
"""

from pydantic import BaseModel

from nlp.citations import Citation
from pufa.laws import LawBrief, LawFacts, as_read_back

# --- shared pieces -----------------------------------------------------------------------------
# Every answer carries its evidence: the checklist row (unit, checklist, row, source) a claim
# comes from, and the article (id, label) and department type an inference comes from.

EVIDENCE_SHOWN = 5
"""Articles or checklist rows an answer lists per law and unit; a count beside the list has them all
(`article_count`, `articles`, `item_count`: the law's or the unit's page shows them)."""
UNITS_SHOWN = 10
"""Units a campaign group lists by default besides its lead (`unit_count` has them all, the plan to hand
out lists every one): a page of 20 groups around 12·4 in a province is 40 KB, not 200."""
SHARED_UNITS_PAGE = 20
"""Units a page of one shared law lists by default (`unit_count` has them all): 宪法 is a province's
12,000 units', and a page of 100 was 75–116 KB."""


class NamedPublic(BaseModel):
    id: str
    name: str | None = None


LawBriefPublic = as_read_back(LawBrief, "LawBriefPublic", "A law as every answer naming it shows it.")


class UnitBriefPublic(BaseModel):
    id: str
    name: str | None = None


class ItemEvidencePublic(BaseModel):
    """A checklist row: where a claim, a problem or a schedule was read."""

    unit_id: str
    unit_name: str | None = None
    checklist_id: str
    item_id: str
    row: int | None = None
    source: str | None = None
    law_text: str | None = None
    surface: str | None = None


class ArticleMatchPublic(BaseModel):
    """An article of a law's current version naming a department type a unit acts as."""

    article_id: str
    label: str | None = None
    department_type_id: str
    department_type: str | None = None
    gov_level: str | None = None
    role: str | None = None


# --- coverage: gaps and applicable legislation -------------------------------------------------


class TypeRelevancePublic(BaseModel):
    """What a law's current version gives one department type: its tier and the counts behind it."""

    department_type_id: str
    department_type: str | None = None
    tier: str
    """principal (主管: the law makes it its principal competent authority), related (相关: a duty or a
    power in at least two articles) or mentioned (提及)."""
    acting_articles: int
    """Articles giving the type a duty or a power."""
    named_articles: int
    principal_articles: list[str] = []
    """The articles making it the principal authority (第六条)."""


class RelevancePublic(BaseModel):
    """Why a law concerns a unit: the best tier over the unit's department types the law names, and each."""

    tier: str
    acting_articles: int
    named_articles: int
    types: list[TypeRelevancePublic]


class TierCountsPublic(BaseModel):
    principal: int = 0
    related: int = 0
    mentioned: int = 0


class OwnerSuggestionPublic(BaseModel):
    unit: UnitBriefPublic
    relevance: RelevancePublic
    articles: int
    """Articles naming a department type the unit acts as."""
    duty_articles: int
    evidence: list[ArticleMatchPublic]
    """The first EVIDENCE_SHOWN of those articles."""


class GapPublic(BaseModel):
    law: LawBriefPublic
    tier: str | None
    """The best relevance of the law to any local unit: principal is a real gap (a unit answers for the
    law), mentioned a law that only names local types in passing; None when it names none of them."""
    suggested_owners: list[OwnerSuggestionPublic]


class GapsPublic(BaseModel):
    year: int | None
    data: list[GapPublic]
    count: int
    counts: TierCountsPublic
    """The unclaimed laws of each tier (before `tier` filtering)."""
    unowned: int
    """Unclaimed laws naming no local unit's department type."""


class InferredLawPublic(BaseModel):
    law: LawBriefPublic
    unit_ids: list[str]
    """The units (of those asked about) acting as a named department type."""
    relevance: RelevancePublic
    articles: list[ArticleMatchPublic]
    """The first EVIDENCE_SHOWN articles naming the unit's department types, strongest role first."""
    article_count: int


class ResponsibleLawPublic(BaseModel):
    """A law a unit answers for without claiming it, and why (主管 or 相关)."""

    law: LawBriefPublic
    relevance: RelevancePublic


class ClaimedLawPublic(BaseModel):
    law: LawBriefPublic
    items: list[ItemEvidencePublic]
    """The first EVIDENCE_SHOWN of the unit's rows claiming it; `item_count` counts them all."""
    item_count: int = 0
    relevance: RelevancePublic | None = None
    """None when no article of the law names the unit's department types."""
    articles: list[ArticleMatchPublic] = []
    """The first EVIDENCE_SHOWN of its articles naming the unit's department types."""
    article_count: int = 0


class UnitGapsPublic(BaseModel):
    unit: UnitBriefPublic
    unit_ids: list[str]
    year: int | None
    data: list[InferredLawPublic]
    count: int
    counts: TierCountsPublic
    """The missing laws of each tier (before `tier` filtering)."""


class ApplicablePublic(BaseModel):
    unit: UnitBriefPublic
    unit_ids: list[str]
    """The unit and, when asked for, its sub-units (PART_OF)."""
    year: int | None
    claimed: list[ClaimedLawPublic]
    """By relevance, then level and title."""
    inferred: list[InferredLawPublic]
    """A page of them (skip, limit), by relevance (tier, then the articles behind it), then level and title."""
    inferred_count: int
    inferred_counts: TierCountsPublic
    """The inferred laws of each tier (before `tier` filtering)."""
    claimed_not_inferred: list[ClaimedLawPublic]
    """Claimed laws no article ties to the unit's department types (common duties left out)."""


# --- shared responsibility and joint campaigns --------------------------------------------------


class SharedLawPublic(BaseModel):
    law: LawBriefPublic
    units: int
    """Units claiming it or acting as a type it makes its principal or a related authority (each once)."""
    claimed_units: int
    inferred_units: int
    """Units acting as a principal or related type of the law."""


class SharedLawsPublic(BaseModel):
    year: int | None
    data: list[SharedLawPublic]
    count: int


class LeadPublic(BaseModel):
    """The suggested 牵头单位 and what speaks for it, strongest first: the law makes its department type the
    principal authority; its types carry duty articles; it declared 牵头 (a row of its own naming
    partner units); its types are only mentioned; it has the most rows for the law."""

    unit: UnitBriefPublic
    principal_articles: list[str] = []
    """Articles making one of its types the law's principal authority."""
    principal_types: list[str] = []
    duty_articles: list[str] = []
    """The first EVIDENCE_SHOWN articles giving one of its types a duty (labels, reading order)."""
    duty_article_count: int = 0
    duty_types: list[str] = []
    declared_row: ItemEvidencePublic | None = None
    """Its first row naming partner units for the law."""
    articles: int = 0
    """Articles naming one of its types at all."""
    rows: int = 0
    """Its checklist rows for the law (for a campaign: for the anchor too)."""


class SharedUnitPublic(BaseModel):
    unit: UnitBriefPublic
    role: str
    """lead (牵头) or co (配合)."""
    claimed: bool
    inferred: bool
    """It does not claim the law, but the law makes one of its types the principal or a related authority."""
    relevance: RelevancePublic | None = None
    declared_lead: bool
    """A row of its own claiming the law names partner units (配合单位)."""
    declared_partner_of: list[str]
    """Units whose rows name this unit as a partner for the law."""
    articles: int
    """Articles naming one of its department types."""
    duty_articles: int
    audiences: list[NamedPublic]
    methods: list[NamedPublic]
    items: list[ItemEvidencePublic]
    """The first EVIDENCE_SHOWN of its rows claiming the law; `item_count` counts them all."""
    item_count: int
    evidence: list[ArticleMatchPublic]
    """The first EVIDENCE_SHOWN articles naming its types, duties first (`articles` counts them all)."""


class ArticleUnitsPublic(BaseModel):
    """An article of the law naming the department types of units sharing it."""

    article_id: str
    label: str | None = None
    units: list[UnitBriefPublic]
    """The first EVIDENCE_SHOWN of them by name; `unit_count` counts them all."""
    unit_count: int


class SharedDetailPublic(BaseModel):
    law: LawBriefPublic
    year: int | None
    lead: LeadPublic | None
    units: list[SharedUnitPublic]
    """A page of them (skip, limit): the lead first, then the others by rank."""
    unit_count: int
    articles: list[ArticleUnitsPublic]
    """The law's articles naming a sharing unit's type, in reading order."""


class KeyDatePublic(BaseModel):
    id: str
    name: str | None = None
    month: int | None = None
    day: int | None = None


class CalendarEntryPublic(BaseModel):
    key_date: KeyDatePublic
    units: list[UnitBriefPublic]


class CampaignUnitPublic(BaseModel):
    unit: UnitBriefPublic
    audiences: list[NamedPublic]
    methods: list[NamedPublic]
    items: list[ItemEvidencePublic]
    """The first EVIDENCE_SHOWN of its rows in the group; `item_count` counts them all (and `audiences`,
    `methods` cover them all)."""
    item_count: int


class CampaignGroupPublic(BaseModel):
    """Units whose rows for the anchor share one law (or, for a law anchor, one audience)."""

    shared: NamedPublic
    shared_kind: str
    """law or audience."""
    unit_count: int
    """All units with rows in the group; `units` shows the lead and the first others by name (units_limit)."""
    units: list[CampaignUnitPublic]
    inferred: list[UnitBriefPublic] = []
    """For a law group: units with no row for it whose type the law makes principal or related authority
    (the first units_limit by name; the lead first when it is one of them)."""
    inferred_count: int = 0
    laws: list[NamedPublic]
    audiences: list[NamedPublic]
    lead: LeadPublic | None
    calendar: list[CalendarEntryPublic]


class CampaignsPublic(BaseModel):
    anchor: NamedPublic
    anchor_kind: str
    """key_date, law or audience."""
    year: int | None
    data: list[CampaignGroupPublic]
    count: int


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


class OutdatedCitationPublic(BaseModel):
    item: ItemEvidencePublic
    law: NamedPublic
    status: str | None
    replaced_by: NamedPublic | None
    replaced_on: str | None


class OutdatedCitationsPublic(BaseModel):
    year: int | None
    data: list[OutdatedCitationPublic]
    count: int


class UnitPublic(BaseModel):
    id: str
    name: str | None = None
    aliases: list[str] = []
    kind: str | None = None
    region: str | None = None
    parent_id: str | None = None


class UnitsPublic(BaseModel):
    data: list[UnitPublic]
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


# --- lookup -------------------------------------------------------------------------------------


LawPublic = as_read_back(LawFacts, "LawPublic", "A law with everything the catalogue holds about it.")


class LawsPublic(BaseModel):
    data: list[LawPublic]
    count: int


class LawVersionPublic(BaseModel):
    id: str
    title: str | None = None
    version_date: str | None = None
    status: str | None = None
    promulgated: str | None = None
    effective: str | None = None


class LawLinkPublic(BaseModel):
    id: str
    title: str | None = None
    status: str | None = None
    date: str | None = None


class ArticlePublic(BaseModel):
    id: str
    version_id: str | None = None
    seq: int | None = None
    label: str | None = None
    path: str | None = None
    text: str | None = None


class ArticlesPublic(BaseModel):
    data: list[ArticlePublic]
    count: int


class LawDetailPublic(BaseModel):
    law: LawPublic
    versions: list[LawVersionPublic]
    repealed_by: list[LawLinkPublic]
    replaces: list[LawLinkPublic]
    implements: list[LawLinkPublic]
    implemented_by: list[LawLinkPublic]
    version_id: str | None
    """The version whose articles are listed (the current one unless asked)."""
    articles: ArticlesPublic


class ArticleHitPublic(BaseModel):
    law: LawBriefPublic
    article: ArticlePublic


class ArticleHitsPublic(BaseModel):
    data: list[ArticleHitPublic]
    count: int


class ChecklistPublic(BaseModel):
    id: str
    year: int | None = None
    revision: int | None = None
    current: bool | None = None
    source: str | None = None
    submitted_at: str | None = None
    items: int = 0


class LiaisonPublic(BaseModel):
    """The unit's 普法联络员 (Annex 1 of the county plan)."""

    name: str | None = None
    post: str | None = None
    phone: str | None = None
    email: str | None = None


class ActingTypePublic(NamedPublic):
    """A department type a unit acts as, and why: `via` written (the register's 职能类型), name or
    alias (read from it through data/organs.yaml; `organ` is what it was read as), bureau (corrected)."""

    via: str | None = None
    organ: str | None = None


class UnitDetailPublic(BaseModel):
    unit: UnitPublic
    liaison: LiaisonPublic
    parent: UnitBriefPublic | None
    sub_units: list[UnitBriefPublic]
    department_types: list[ActingTypePublic]
    checklists: list[ChecklistPublic]


class CasePublic(BaseModel):
    id: str
    title: str | None = None
    summary: str | None = None
    source: str | None = None
    articles: list[str] = []


class CasesPublic(BaseModel):
    data: list[CasePublic]
    count: int


class CitationsPublic(BaseModel):
    """Citations found in a text, resolved to the catalogue (nlp.citations.Citation)."""

    data: list[Citation]
    count: int


# --- accounts -------------------------------------------------------------------------------------


class AccountPublic(BaseModel):
    """An account as its owner and the administrator see it; never a hash."""

    id: str
    username: str
    display_name: str | None = None
    role: str
    unit: UnitBriefPublic | None = None
    active: bool
    """It has a password and is not disabled."""
    disabled: bool = False
    invite_pending: bool = False
    created_at: str | None = None
    activated_at: str | None = None


class AccountsPublic(BaseModel):
    data: list[AccountPublic]
    count: int


class InvitePublic(BaseModel):
    """A one-time invite code, shown once (only its hash is kept)."""

    account: AccountPublic
    code: str
    expires: str
    liaison_name: str | None = None


class InvitesPublic(BaseModel):
    data: list[InvitePublic]
    count: int


class ApiTokenPublic(BaseModel):
    id: str
    name: str | None = None
    created_at: str | None = None
    revoked_at: str | None = None


class ApiTokensPublic(BaseModel):
    data: list[ApiTokenPublic]
    count: int


class NewApiTokenPublic(ApiTokenPublic):
    token: str
    """The bearer token itself: shown this once."""


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


class ChecklistSummariesPublic(BaseModel):
    data: list[ChecklistSummaryPublic]
    count: int


class ReplacementPublic(BaseModel):
    """A law a row claims that is repealed or amended, and what replaced it."""

    law: NamedPublic
    status: str | None
    replaced_by: NamedPublic | None


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
    """Laws the unit is responsible for that no row claims."""
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


# --- the annual assessment: activities, scores, rectifications ------------------------------------


class EvidencePublic(BaseModel):
    """An evidence file's record (the file itself is downloaded on its own)."""

    id: str
    file_name: str | None = None
    media_type: str | None = None
    size: int | None = None
    uploaded_by: str | None = None
    uploaded_at: str | None = None


class EventPublic(BaseModel):
    """One step of an activity's evidence decisions or of a rectification."""

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
    """Units of this grade are ordered to fix their gaps (限期整改)."""


class RubricPublic(BaseModel):
    name: str
    source: str
    digest: str
    max_points: float
    items: list[RubricItemPublic]
    deductions: list[RubricItemPublic]
    grades: list[GradePublic]


class RecordPublic(BaseModel):
    """A record a point rests on: a checklist, a row, a law, an activity, a rectification."""

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


class FindingPublic(BaseModel):
    """A rectification (限期整改) a unit must fix by its deadline."""

    id: str
    unit: UnitBriefPublic
    year: int
    assessment_id: str | None = None
    item_id: str | None = None
    item_name: str | None = None
    text: str
    deadline: str
    state: str
    state_name: str
    overdue: bool
    """Still open after its deadline."""
    creator: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class FindingsPublic(BaseModel):
    data: list[FindingPublic]
    count: int
    overdue: int
    counts: dict[str, int]
    """By state."""


class FindingDetailPublic(BaseModel):
    finding: FindingPublic
    history: list[EventPublic]
    """Issued, answered, closed, reopened: oldest first, never rewritten."""
    evidence: list[EvidencePublic]
    actions: list[ActionPublic]


class IssuedFindingsPublic(BaseModel):
    data: list[FindingPublic]
    count: int
    skipped: list[str] = []
    """Why a unit got none (already issued, the reviewer's own unit)."""


class ImportedActivitiesPublic(BaseModel):
    """A 台账 spreadsheet imported whole: the activities written (re-imported rows update theirs)."""

    data: list[ActivitySummaryPublic]
    count: int
    skipped: list[str] = []
    """Rows left as they were: their activity's evidence was already accepted."""
