"""Which laws are covered: bureau-wide gaps, a unit's applicable laws and its own gaps.

A law is *claimed* when a row of a current checklist cites it, and *inferred* for a unit when an
article of the law's current version names a department type the unit acts as. Inferred laws come
most important first (domain.catalogue.importance: the tier of domain.catalogue.relevance, the law's level, whether it
addresses the public, the unit's share of it …), so that a unit sees first the laws it would
popularize; the bureau's gaps come by tier (those a local unit is 主管 for first), then importance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container
from dataclasses import dataclass, replace
from typing import Literal

from domain.base.asked import checklist_year, page
from domain.base.briefs import (
    article_match,
    fetch_law_briefs,
    item_evidence,
    item_sort_key,
    law_brief,
    law_order,
    law_sort_key,
    strongest_first,
    unit_brief,
    unit_names,
)
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import Sheet, as_file
from domain.base.models import EVIDENCE_SHOWN, ArticleMatchPublic, LawBriefPublic, UnitBriefPublic
from domain.catalogue.importance import (
    SIGNAL_LABELS,
    LawStanding,
    law_standing,
    score,
    shipped_ranking,
    signals,
)
from domain.catalogue.inference import law_departments, responsible_units, unclaimed_laws
from domain.catalogue.models import (
    ApplicablePublic,
    ClaimedLawPublic,
    CoverageFiguresPublic,
    GapPublic,
    GapsPublic,
    InferredLawPublic,
    LevelClaimsPublic,
    OwnerSuggestionPublic,
    SignalPublic,
    TierCountsPublic,
    UnitClaimsPublic,
    UnitGapsPublic,
)
from domain.catalogue.relevance import TIER_MARKS, TIER_RANK, TIERS, Relevance, evidence_by_type, relevance, tier_counts
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from nlp.principal import Tier
from pufa import vocab

UNOWNED = "unowned"
"""The gaps' filter for unclaimed laws naming no local unit's department type."""
GapTier = Literal[Tier, "unowned"]


def coverage_gaps(
    store: CachedStore, scope: LawScope, *, year: int | None = None, tier: GapTier | None = None, skip: int = 0,
    limit: int | None = 100, owners: int = 5,
) -> GapsPublic:
    """Laws in scope that no unit's current checklist claims, those a local unit answers for first, with
    suggested owners for the page shown; `tier` keeps one tier (or `unowned`)."""
    year = checklist_year(store, year)
    ranked = _ranked_gaps(store, scope, year)
    counts = TierCountsPublic(**{name: sum(1 for _, found in ranked if found == name) for name in TIERS})
    kept = [law_id for law_id, found in ranked if tier is None or (found or UNOWNED) == tier]
    shown = page(kept, skip, limit)
    briefs = fetch_law_briefs(store, shown)
    suggestions = owner_suggestions(store, scope, shown, owners)
    tiers = dict(ranked)
    return GapsPublic(
        year=year, count=len(kept), counts=counts, unowned=sum(1 for _, found in ranked if found is None),
        data=[GapPublic(law=briefs[law_id], tier=tiers[law_id], suggested_owners=suggestions[law_id]) for law_id in shown],
    )


@kept_until_write
def _ranked_gaps(store: CachedStore, scope: LawScope, year: int | None) -> list[tuple[str, Tier | None]]:
    """(law id, the best tier any local unit has for it) of the unclaimed laws: those a local unit is 主管
    for first, then 相关, 提及 and the laws naming no local unit; within a tier the most important to the
    unit it concerns most (domain.catalogue.importance), national laws and key regulations first (KEY_LEVELS)."""
    evidence = evidence_by_type(store, scope)
    standing = law_standing(store, scope)
    ranking = shipped_ranking()
    asked = standing.year(year)
    best: dict[str, tuple[int, bool, bool, float]] = {}
    for type_id in responsible_units(store):
        for law_id, found in evidence.get(type_id, {}).items():
            weight = score(standing.laws.get(law_id), found, ranking.prior_of((type_id,), law_id)[0], asked,
                           ranking.weights)
            held = (TIER_RANK[found.tier], standing.after_national(law_id), standing.minor(law_id), -weight)
            if law_id not in best or held < best[law_id]:
                best[law_id] = held
    unowned = len(TIERS)

    def rank(law: tuple) -> tuple:
        law_id = law[0]
        found = standing.laws.get(law_id)
        return best.get(law_id, (unowned, standing.after_national(law_id), standing.minor(law_id),
                                 -(found.base if found else 0.0))), law_order(*law)

    ordered = sorted(unclaimed_laws(store, scope, year), key=rank)
    return [(law_id, TIERS[best[law_id][0]] if law_id in best else None) for law_id, *_ in ordered]


def owner_suggestions(
    store: CachedStore, scope: LawScope, law_ids: list[str], limit: int | None,
) -> dict[str, list[OwnerSuggestionPublic]]:
    """Per law, the local units acting as a department type it names, most relevant first (the principal
    authority's unit leads; then the articles giving its types a duty or a power)."""
    departments = law_departments(store, law_ids)
    ranked: dict[str, list[tuple[Relevance, str, list[Row]]]] = {}
    for law_id in law_ids:
        found = [(r, unit_id, matches) for unit_id, matches, r in departments.relevances(law_id)]
        ranked[law_id] = sorted(((r, unit_id, matches) for r, unit_id, matches in found if r),
                                key=lambda owner: (owner[0].sort_key(), owner[1]))[:limit]
    names = unit_names(store, {unit_id for owners in ranked.values() for _, unit_id, _ in owners})
    return {law_id: [owner_suggestion(UnitBriefPublic(id=unit_id, name=names.get(unit_id)), found, matches)
                     for found, unit_id, matches in owners]
            for law_id, owners in ranked.items()}


def owner_suggestion(unit: UnitBriefPublic, found: Relevance, matches: list[Row]) -> OwnerSuggestionPublic:
    """A unit's claim to own a law: its relevance, and its matching articles counted once each."""
    articles = {row["article_id"] for row in matches}
    duty = {row["article_id"] for row in matches if row["role"] == "duty"}
    return OwnerSuggestionPublic(
        unit=unit, relevance=found.public(), articles=len(articles), duty_articles=len(duty),
        evidence=[article_match(row) for row in strongest_first(matches)[:EVIDENCE_SHOWN]],
    )


def applicable(
    store: CachedStore, unit_id: str, *, year: int | None = None, scope: LawScope = LawScope(),
    include_sub_units: bool = False, tier: Tier | None = None, skip: int = 0, limit: int | None = 100,
) -> ApplicablePublic:
    """What a unit (and optionally its sections) claims, with its relevance and supporting articles; a page
    of what its functions imply (a county's market regulator is named by 1,100 laws), most important
    first (domain.catalogue.importance) and optionally one tier; and the claims no article supports."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    inference = Inference.load(store, unit_id, scope, include_sub_units, year)
    claims = _claims_by_law(store, unit_id, year, include_sub_units)
    inferred = inference.ordered(tier=tier)
    shown = page(inferred, skip, limit)
    articles = inference.articles(store, [*claims, *shown])
    claimed_laws = fetch_law_briefs(store, claims)
    claimed = sorted(
        (inference.claimed(claimed_laws[law_id], sorted(items, key=item_sort_key), articles.get(law_id, []))
         for law_id, items in claims.items()),
        key=lambda law: (TIER_RANK[law.relevance.tier] if law.relevance else len(TIERS), *law_sort_key(law.law)),
    )
    return ApplicablePublic(
        unit=unit, unit_ids=_unit_and_sub_units(store, unit_id, include_sub_units), year=year, claimed=claimed,
        inferred=[inference.public(law_id, articles.get(law_id, [])) for law_id in shown], inferred_count=len(inferred),
        inferred_counts=inference.counts(),
        claimed_not_inferred=[law for law in claimed if law.relevance is None and not law.law.is_common],
    )


def unit_gaps(
    store: CachedStore, unit_id: str, *, year: int | None = None, scope: LawScope = LawScope(),
    include_sub_units: bool = False, tier: Tier | None = None, skip: int = 0, limit: int | None = 100,
) -> UnitGapsPublic:
    """Laws a unit's department types imply that its current checklist does not claim, most important first."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    inference = Inference.load(store, unit_id, scope, include_sub_units, year)
    claimed = {row["law_id"] for row in store.read(queries.checklists.unit_claims(unit_id, year, include_sub_units))}
    missing = inference.ordered(leaving_out=claimed, tier=tier)
    shown = page(missing, skip, limit)
    articles = inference.articles(store, shown)
    return UnitGapsPublic(
        unit=unit, unit_ids=_unit_and_sub_units(store, unit_id, include_sub_units), year=year,
        data=[inference.public(law_id, articles.get(law_id, [])) for law_id in shown], count=len(missing),
        counts=inference.counts(leaving_out=claimed),
    )


@dataclass
class Inference:
    """The laws whose current articles name a department type a unit (or its sections) acts as, with
    their relevance to it.

    Worked out from the catalogue's evidence per type (kept until the next write); the articles
    supporting them are read only for the laws an answer shows (a market regulator's 1,100 laws
    have 8,000 such articles).
    """

    units_by_type: dict[str, set[str]]
    relevances: dict[str, Relevance]
    laws: dict[str, LawBriefPublic]
    standing: dict[str, LawStanding]
    year: int
    """The year new and newly amended laws are counted up to."""
    importance: dict[str, float]
    unit_name: str
    """The unit's own name: a law whose matter it holds (戒毒管理局, 戒毒条例) ranks higher (domain importance)."""
    after_national: frozenset[str]
    """Local laws ranked after every national law, asked for no region (importance.locals_unplaced)."""

    @classmethod
    def load(cls, store: CachedStore, unit_id: str, scope: LawScope, include_sub_units: bool,
             year: int | None = None) -> Inference:
        """The unit's laws in `scope`; asked for no region, in the region the unit is registered in, if any."""
        unit = store.one(queries.units.unit_brief(unit_id), f"no unit with id {unit_id!r}")
        if scope.region is None and unit["region"]:
            scope = replace(scope, region=unit["region"])
        units_by_type: dict[str, set[str]] = defaultdict(set)
        for row in store.read(queries.departments.unit_types(unit_id, include_sub_units)):
            units_by_type[row["type_id"]].add(row["unit_id"])
        evidence = evidence_by_type(store, scope)
        law_ids = {law_id for type_id in units_by_type for law_id in evidence.get(type_id, ())}
        relevances = {law_id: relevance(evidence, units_by_type, law_id) for law_id in law_ids}
        standing = law_standing(store, scope)
        asked = standing.year(year)
        ranking = shipped_ranking()
        type_ids = sorted(units_by_type)
        unit_name = unit["unit_name"] or ""
        importance = {law_id: score(standing.laws.get(law_id), found.best, ranking.prior_of(type_ids, law_id)[0], asked,
                                    ranking.weights, unit_name) for law_id, found in relevances.items()}
        return cls(units_by_type, relevances, fetch_law_briefs(store, relevances), standing.laws, asked, importance,
                   unit_name, frozenset(filter(standing.after_national, relevances)))

    def ordered(self, leaving_out: Container[str] = (), tier: Tier | None = None) -> list[str]:
        """Most important first (domain.catalogue.importance; asked for no region, national laws before local
        ones), then by level and title."""
        kept = (law_id for law_id, found in self.relevances.items()
                if law_id not in leaving_out and (tier is None or found.tier == tier))
        return sorted(kept, key=lambda law_id: (law_id in self.after_national, -self.importance[law_id],
                                                *law_sort_key(self.laws[law_id])))

    def signals(self, law_id: str) -> list[SignalPublic]:
        """The signals the law has (value not 0): those that placed it; the others add nothing."""
        ranking = shipped_ranking()
        found = signals(self.standing.get(law_id), self.relevances[law_id].best,
                        ranking.prior_of(sorted(self.units_by_type), law_id), self.year, self.unit_name)
        return [SignalPublic(key=signal.key, label=SIGNAL_LABELS[signal.key], detail=signal.detail,
                             value=round(signal.value, 4), weight=ranking.weights[signal.key])
                for signal in found if signal.value]

    def counts(self, leaving_out: Container[str] = ()) -> TierCountsPublic:
        return tier_counts(found for law_id, found in self.relevances.items() if law_id not in leaving_out)

    def articles(self, store: CachedStore, law_ids: list[str]) -> dict[str, list[Row]]:
        """Law id -> its articles naming one of the unit's types, for those of these laws it infers."""
        inferred = sorted({law_id for law_id in law_ids if law_id in self.relevances})
        matches: dict[str, list[Row]] = defaultdict(list)
        if inferred:
            for row in store.read(queries.departments.articles_naming_types_in_laws(sorted(self.units_by_type), inferred)):
                matches[row["law_id"]].append(row)
        return matches

    def public(self, law_id: str, matches: list[Row]) -> InferredLawPublic:
        units = {unit for found in self.relevances[law_id].types for unit in self.units_by_type[found.type_id]}
        return InferredLawPublic(law=self.laws[law_id], unit_ids=sorted(units), relevance=self.relevances[law_id].public(),
                                 importance=round(self.importance[law_id], 4), signals=self.signals(law_id),
                                 articles=_shown(matches), article_count=_count(matches))

    def claimed(self, law: LawBriefPublic, items: list, matches: list[Row]) -> ClaimedLawPublic:
        found = self.relevances.get(law.id)
        return ClaimedLawPublic(law=law, items=items[:EVIDENCE_SHOWN], item_count=len(items),
                                relevance=found.public() if found else None,
                                articles=_shown(matches), article_count=_count(matches))


def _shown(matches: list[Row]) -> list[ArticleMatchPublic]:
    return [article_match(row) for row in strongest_first(matches)[:EVIDENCE_SHOWN]]


def _count(matches: list[Row]) -> int:
    return len({row["article_id"] for row in matches})


def _unit_and_sub_units(store: CachedStore, unit_id: str, include_sub_units: bool) -> list[str]:
    if not include_sub_units:
        return [unit_id]
    return [unit_id, *sorted(row["unit_id"] for row in store.read(queries.units.sub_units(unit_id)))]


def _claims_by_law(store: CachedStore, unit_id: str, year: int | None, include_sub_units: bool) -> dict[str, list]:
    """Law id -> the checklist rows (of the unit and optionally its sections) that claim it."""
    items_by_law: dict[str, list] = defaultdict(list)
    for row in store.read(queries.checklists.unit_claims(unit_id, year, include_sub_units)):
        items_by_law[row["law_id"]].append(item_evidence(row))
    return items_by_law


CLAIMED = "认领"
"""How the coverage matrix and its chart mark a claimed law."""


@kept_until_write
def coverage_download(store: CachedStore, *, year: int | None, scope: LawScope, file_format: str) -> bytes:
    """The coverage matrix as a file (a county's has 100,000 cells)."""
    return as_file([coverage_matrix(store, year=checklist_year(store, year), scope=scope)], file_format)


def claiming_units_by_law(store: CachedStore, year: int | None) -> dict[str, list[str]]:
    """For each claimed law, the units whose current checklist of the year claims it."""
    units: dict[str, list[str]] = defaultdict(list)
    for row in store.read(queries.checklists.current_claims(year)):
        for law_id in row["law_ids"] or ():
            units[law_id].append(row["unit_id"])
    return units


def coverage_matrix(store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope()) -> Sheet:
    """Laws in scope (rows) × units (columns): 认领 where a current checklist claims the law; 主管, 相关 or
    提及 where its articles name a department type the unit acts as (the best tier); both, or blank."""
    year = checklist_year(store, year)
    laws = sorted((law_brief(row) for row in store.read(queries.laws.laws_in_scope(scope))), key=law_sort_key)
    units = sorted(store.read(queries.units.units_overview())[0]["units"], key=lambda unit: (unit[1] or "", unit[0]))
    marks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for law_id, unit_ids in claiming_units_by_law(store, year).items():
        for unit_id in unit_ids:
            marks[(law_id, unit_id)].add(CLAIMED)
    units_by_type = {row["type_id"]: row["unit_ids"] for row in store.read(queries.departments.units_by_type())}
    best: dict[tuple[str, str], str] = {}
    for type_id, laws_naming in evidence_by_type(store, scope).items():
        for law_id, found in laws_naming.items():
            for unit_id in units_by_type.get(type_id, []):
                held = best.get((law_id, unit_id))
                if held is None or TIER_RANK[found.tier] < TIER_RANK[held]:
                    best[(law_id, unit_id)] = found.tier
    for (law_id, unit_id), tier in best.items():
        marks[(law_id, unit_id)].add(TIER_MARKS[tier])
    order = (CLAIMED, *TIER_MARKS.values())
    rows = []
    for law in laws:
        cells = ["+".join(sorted(marks.get((law.id, unit_id), ()), key=order.index)) for unit_id, *_ in units]
        claimed = sum(CLAIMED in cell for cell in cells)
        rows.append([law.id, law.title, law.level, law.status, claimed, "是" if claimed == 0 else "", *cells])
    header = ["法规编号", "法律法规名称", "位阶", "时效性", "认领单位数", "缺口", *(name for _, name, _ in units)]
    return Sheet(f"覆盖矩阵{year}", header, rows, title=f"{year}年普法责任覆盖矩阵（认领=清单列入；主管=法律以其部门类型为主管部门，"
                 "相关=两条以上条文赋予其职责或职权，提及=条文仅提及）")


NO_LEVEL = "未标明位阶"
"""How the figures name laws whose level the catalogue does not give."""


@kept_until_write
def coverage_figures(store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope()) -> CoverageFiguresPublic:
    """The coverage counted for charts: laws in scope each unit claims, and per level the laws claimed of
    those in scope (the coverage matrix's figures, without building the matrix)."""
    year = checklist_year(store, year)
    laws = {row["id"]: law_brief(row) for row in store.read(queries.laws.laws_in_scope(scope))}
    units = {unit_id: name for unit_id, name, *_ in store.read(queries.units.units_overview())[0]["units"]}
    per_unit: Counter[str] = Counter()
    claimed_laws: set[str] = set()
    for law_id, unit_ids in claiming_units_by_law(store, year).items():
        if law_id in laws:
            claimed_laws.add(law_id)
            per_unit.update(set(unit_ids))
    by_unit = sorted((UnitClaimsPublic(unit=UnitBriefPublic(id=unit_id, name=units.get(unit_id)), claimed=n)
                      for unit_id, n in per_unit.items()), key=lambda row: (-row.claimed, row.unit.name or "", row.unit.id))
    in_scope = Counter(law.level or NO_LEVEL for law in laws.values())
    claimed = Counter(laws[law_id].level or NO_LEVEL for law_id in claimed_laws)
    order = [level for level in vocab.LEVELS if level in in_scope] + sorted(set(in_scope) - set(vocab.LEVELS))
    return CoverageFiguresPublic(
        year=year, by_unit=by_unit, units_claiming_none=len(set(units) - set(per_unit)),
        by_level=[LevelClaimsPublic(level=level, claimed=claimed[level], in_scope=in_scope[level]) for level in order])

