"""The catalogue's answers: laws, articles, cases and units; which laws apply to a unit and why; gaps; shared laws and campaigns.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of them.
"""

from pydantic import BaseModel

from domain.base.models import (
    ArticleMatchPublic,
    ItemEvidencePublic,
    LawBriefPublic,
    UnitBriefPublic,
    UnitPublic,
)
from nlp.citations import Citation
from pufa.laws import LawFacts, as_read_back

UNITS_SHOWN = 10
"""Units a campaign group lists by default besides its lead (`unit_count` has them all, the plan to hand
out lists every one): a page of 20 groups around 12·4 in a province is 40 KB, not 200."""
SHARED_UNITS_PAGE = 20
"""Units a page of one shared law lists by default (`unit_count` has them all): 宪法 is a province's
12,000 units', and a page of 100 was 75–116 KB."""


class NamedPublic(BaseModel):
    id: str
    name: str | None = None


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
    issuers: list[str] = []
    """The organs whose issuing the law makes it the principal authority (发布机关: 司法部)."""
    implements: str | None = None
    """For a rule with no text of its own, the law it implements (消费者权益保护法): the tier is that law's for
    the type, and the counts are 0."""


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


class SignalPublic(BaseModel):
    """One signal of a law's importance to a unit (domain.catalogue.importance): its value and weight, in Chinese."""

    key: str
    label: str
    """What it is (位阶, 面向社会, 同类单位清单常列)."""
    detail: str
    """What it is for this law (法律, 38/86 条面向公众)."""
    value: float
    """In [0, 1]: what the weight multiplies."""
    weight: float
    """Its weight (data/ranking.yaml); the importance is the sum of value × weight."""


class InferredLawPublic(BaseModel):
    law: LawBriefPublic
    unit_ids: list[str]
    """The units (of those asked about) acting as a named department type."""
    relevance: RelevancePublic
    importance: float
    """How important the law is to the unit: answers list the most important first."""
    signals: list[SignalPublic]
    """The signals that placed it (those with a value), each with its weight."""
    articles: list[ArticleMatchPublic]
    """The first EVIDENCE_SHOWN articles naming the unit's department types, strongest role first."""
    article_count: int


class ResponsibleLawPublic(BaseModel):
    """A law a unit answers for without claiming it, and why (主管 or 相关, among its most important)."""

    law: LawBriefPublic
    relevance: RelevancePublic
    importance: float


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
    """A page of them (skip, limit), most important first (domain.catalogue.importance), then level and title."""
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
    principal_issuers: list[str] = []
    """Organs whose issuing the law makes one of its types the principal authority (司法部)."""
    principal_implements: list[str] = []
    """For a rule with no text of its own, the law it implements, which makes one of its types the principal authority."""
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


class DateCampaignUnitPublic(BaseModel):
    """A unit in a key date's campaign: whether its checklist already schedules the date, and why it is there."""

    unit: UnitBriefPublic
    planned: bool
    """Its current checklist of the year has rows on the date (planned); else the unit is proposed."""
    rows: int
    """Its rows on the date."""
    reasons: list[str]
    """Why it is in the campaign, as the bureau reads it (Chinese)."""


class DateCampaignPublic(BaseModel):
    """One key date's campaign in a county, formed whether or not any checklist scheduled the date."""

    key_date: KeyDatePublic
    when: str
    """The date as a clerk writes it (12月4日, 6月, or the rule of a floating date)."""
    laws: list[LawBriefPublic]
    """Its own laws, its themes' laws, then the laws scheduled on it that its lead answers for."""
    themes: list[NamedPublic]
    audiences: list[NamedPublic]
    lead: DateCampaignUnitPublic | None
    lead_source: str | None
    """bureau (the bureau chose it), usual (it acts as the date's usual lead department), principal (the principal
    authority of the date's laws) or justice (the 普法办 at the 司法局, when no other unit fits)."""
    units: list[DateCampaignUnitPublic]
    """The co-units, most important first."""
    left_out: list[UnitBriefPublic]
    """Units the bureau dropped from this campaign (it can restore them)."""


class CampaignYearPublic(BaseModel):
    """The coordinator's year: a campaign for every key date (重要时间节点清单)."""

    year: int | None
    region: str | None
    data: list[DateCampaignPublic]
    count: int


class ThemePlanPublic(BaseModel):
    """One special theme (专项主题) of the year: its laws, the key dates serving it, and their units."""

    theme: NamedPublic
    laws: list[LawBriefPublic]
    key_dates: list[KeyDatePublic]
    leads: list[UnitBriefPublic]
    """The leads of its key dates' campaigns."""
    units: list[UnitBriefPublic]
    """Their co-units, most important first."""


class ThemePlansPublic(BaseModel):
    """The county's 专项主题清单."""

    year: int | None
    region: str | None
    data: list[ThemePlanPublic]
    count: int


class UnitsPublic(BaseModel):
    data: list[UnitPublic]
    count: int


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


class UnitClaimsPublic(BaseModel):
    unit: UnitBriefPublic
    claimed: int
    """Laws in scope the unit's current checklist claims."""


class LevelClaimsPublic(BaseModel):
    level: str
    claimed: int
    """Laws of this level claimed by at least one unit."""
    in_scope: int


class CoverageFiguresPublic(BaseModel):
    """What the dashboard's charts draw: claims per unit (most first; units claiming none left out,
    said by `units_claiming_none`) and per level (in the vocabulary's order)."""

    year: int | None
    by_unit: list[UnitClaimsPublic]
    units_claiming_none: int
    by_level: list[LevelClaimsPublic]


class SyncLevelPublic(BaseModel):
    """Where the catalogue sync got to for one level of one source (ingest.sync.run.SyncState)."""

    source: str
    """The official database, by name (国家法律法规数据库, 国家规章库)."""
    level: str
    synced_to: str | None = None
    """The date the last finished sync reached; None: never synced."""
    phase: str | None = None
    """While a run is under way or interrupted: list (new and amended texts) or repeals."""
    page: int | None = None
    """The page it resumes at."""
    missing_setting: str | None = None
    """The setting this level needs and lacks (PUFA_SYNC_PROVINCE, PUFA_GOV_RULES_APP_KEY): it is not synced."""


class CatalogueSyncPublic(BaseModel):
    data: list[SyncLevelPublic]
