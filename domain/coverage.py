"""Which laws are covered: bureau-wide gaps, a unit's applicable laws and its own gaps.

A law is *claimed* when a row of a current checklist cites it, and *inferred* for a unit when
an article of the law's current version names a department type the unit acts as.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass

from domain.asked import checklist_year, page
from domain.briefs import (
    article_match,
    article_sort_key,
    fetch_law_briefs,
    item_evidence,
    item_sort_key,
    law_order,
    law_sort_key,
    unit_brief,
    unit_names,
)
from domain.cache import CachedStore
from domain.inference import LawDepartments, laws_naming_types, unclaimed_laws
from domain.models import (
    ApplicablePublic,
    ArticleMatchPublic,
    ClaimedLawPublic,
    GapPublic,
    GapsPublic,
    InferredLawPublic,
    LawBriefPublic,
    OwnerSuggestionPublic,
    UnitBriefPublic,
    UnitGapsPublic,
)
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row


def coverage_gaps(
    store: CachedStore, scope: LawScope, *, year: int | None = None, skip: int = 0, limit: int | None = 100,
    owners: int = 5,
) -> GapsPublic:
    """Laws in scope that no unit's current checklist claims, with suggested owners for the page shown."""
    year = checklist_year(store, year)
    ordered = sorted(unclaimed_laws(store, scope, year), key=lambda law: law_order(*law))
    shown = [law[0] for law in page(ordered, skip, limit)]
    briefs = fetch_law_briefs(store, shown)
    suggestions = owner_suggestions(store, shown, owners)
    return GapsPublic(
        year=year, count=len(ordered),
        data=[GapPublic(law=briefs[law_id], suggested_owners=suggestions[law_id]) for law_id in shown],
    )


def owner_suggestions(store: CachedStore, law_ids: list[str], limit: int | None) -> dict[str, list[OwnerSuggestionPublic]]:
    """Units ranked by how many articles of each law name a department type they act as
    (then by duty articles, then by id)."""
    departments = LawDepartments.load(store, law_ids)
    ranked = {
        law_id: sorted(
            (owner_suggestion(UnitBriefPublic(id=unit_id), matches) for unit_id, matches in departments.by_unit(law_id).items()),
            key=lambda owner: (-owner.articles, -owner.duty_articles, owner.unit.id),
        )[:limit]
        for law_id in law_ids
    }
    names = unit_names(store, {owner.unit.id for owners in ranked.values() for owner in owners})
    for owners in ranked.values():
        for owner in owners:
            owner.unit.name = names.get(owner.unit.id)
    return ranked


def owner_suggestion(unit: UnitBriefPublic, matches: list[Row]) -> OwnerSuggestionPublic:
    """A unit's claim to own a law: its matching articles, counted once each."""
    articles = {row["article_id"] for row in matches}
    duty = {row["article_id"] for row in matches if row["role"] == "duty"}
    return OwnerSuggestionPublic(
        unit=unit, articles=len(articles), duty_articles=len(duty),
        evidence=[article_match(row) for row in sorted(matches, key=article_sort_key)],
    )


def applicable(
    store: CachedStore, unit_id: str, *, year: int | None = None, scope: LawScope = LawScope(),
    include_sub_units: bool = False, skip: int = 0, limit: int | None = 100,
) -> ApplicablePublic:
    """What a unit (and optionally its sections) claims, with the articles supporting each claim;
    what its functions imply (a page: a county's market regulator is named by 1,100 laws); and
    the claims no article supports."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    inference = Inference.load(store, unit_id, scope, include_sub_units)
    claims = _claims_by_law(store, unit_id, year, include_sub_units)
    inferred = inference.ordered()
    shown = page(inferred, skip, limit)
    articles = inference.articles(store, [*claims, *shown])
    claimed_laws = fetch_law_briefs(store, claims)
    claimed = sorted(
        (ClaimedLawPublic(law=claimed_laws[law_id], items=sorted(items, key=item_sort_key),
                          articles=articles.get(law_id, []))
         for law_id, items in claims.items()),
        key=lambda law: law_sort_key(law.law),
    )
    return ApplicablePublic(
        unit=unit, unit_ids=_unit_and_sub_units(store, unit_id, include_sub_units), year=year, claimed=claimed,
        inferred=[inference.public(law_id, articles.get(law_id, [])) for law_id in shown], inferred_count=len(inferred),
        claimed_not_inferred=[law for law in claimed if not law.articles and not law.law.is_common],
    )


def unit_gaps(
    store: CachedStore, unit_id: str, *, year: int | None = None, scope: LawScope = LawScope(),
    include_sub_units: bool = False, skip: int = 0, limit: int | None = 100,
) -> UnitGapsPublic:
    """Laws a unit's department types imply that its current checklist does not claim."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    inference = Inference.load(store, unit_id, scope, include_sub_units)
    claimed = {row["law_id"] for row in store.read(queries.checklists.unit_claims(unit_id, year, include_sub_units))}
    missing = inference.ordered(leaving_out=claimed)
    shown = page(missing, skip, limit)
    articles = inference.articles(store, shown)
    return UnitGapsPublic(
        unit=unit, unit_ids=_unit_and_sub_units(store, unit_id, include_sub_units), year=year,
        data=[inference.public(law_id, articles.get(law_id, [])) for law_id in shown], count=len(missing),
    )


@dataclass
class Inference:
    """The laws whose current articles name a department type a unit (or its sections) acts as.

    Worked out from the catalogue's laws per type (kept until the next write); the articles
    supporting them are read only for the laws an answer shows (a market regulator's 1,100 laws
    have 8,000 such articles).
    """

    units_by_type: dict[str, set[str]]
    types_by_law: dict[str, set[str]]
    laws: dict[str, LawBriefPublic]

    @classmethod
    def load(cls, store: CachedStore, unit_id: str, scope: LawScope, include_sub_units: bool) -> Inference:
        units_by_type: dict[str, set[str]] = defaultdict(set)
        for row in store.read(queries.departments.unit_types(unit_id, include_sub_units)):
            units_by_type[row["type_id"]].add(row["unit_id"])
        laws_naming = laws_naming_types(store, scope)
        types_by_law: dict[str, set[str]] = defaultdict(set)
        for type_id in units_by_type:
            for law_id in laws_naming.get(type_id, ()):
                types_by_law[law_id].add(type_id)
        return cls(units_by_type, types_by_law, fetch_law_briefs(store, types_by_law))

    def ordered(self, leaving_out: Container[str] = ()) -> list[str]:
        return sorted((law_id for law_id in self.types_by_law if law_id not in leaving_out),
                      key=lambda law_id: law_sort_key(self.laws[law_id]))

    def articles(self, store: CachedStore, law_ids: list[str]) -> dict[str, list[ArticleMatchPublic]]:
        """Law id -> its articles naming one of the unit's types, for those of these laws it infers."""
        inferred = sorted({law_id for law_id in law_ids if law_id in self.types_by_law})
        matches: dict[str, list[Row]] = defaultdict(list)
        if inferred:
            for row in store.read(queries.departments.articles_naming_types_in_laws(sorted(self.units_by_type), inferred)):
                matches[row["law_id"]].append(row)
        return {law_id: [article_match(row) for row in sorted(rows, key=article_sort_key)]
                for law_id, rows in matches.items()}

    def public(self, law_id: str, articles: list[ArticleMatchPublic]) -> InferredLawPublic:
        units = {unit for type_id in self.types_by_law[law_id] for unit in self.units_by_type[type_id]}
        return InferredLawPublic(law=self.laws[law_id], unit_ids=sorted(units), articles=articles)


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
