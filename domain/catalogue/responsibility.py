"""Which laws a unit answers for, behind two small functions that the checklist review, "start from
last year" and the bureau's list of new laws share.

A unit answers for the laws it is principal authority of (主管) or that give its department types
duties or powers in two articles or more (相关): `OWNING_TIERS`. Of those, a checklist is expected to
list the most important (the cut of data/ranking.yaml: domain.catalogue.importance), not all of a market
regulator's hundreds. The assessment asks for every unit at once (`laws_by_unit`). A law that only mentions its type
(提及) is not flagged as missing from its checklist: a township government is mentioned by 800 laws.
"""

from __future__ import annotations

from collections import defaultdict

from domain.base.briefs import all_unit_names, law_order
from domain.base.cache import CachedStore, kept_until_write
from domain.catalogue import coverage
from domain.catalogue.importance import LawStanding, law_standing, score, shipped_ranking
from domain.catalogue.models import ResponsibleLawPublic
from domain.catalogue.relevance import OWNING_TIERS, evidence_by_type, relevance
from graph import queries
from graph.queries.scope import LawScope
from nlp.principal import Tier


def responsible_laws(store: CachedStore, unit_id: str, scope: LawScope, top: int | None = None) -> list[ResponsibleLawPublic]:
    """The laws a unit is responsible for, most important first; `top` keeps that many (the importance cut
    of data/ranking.yaml: what a checklist is expected to list, not every law naming the unit's type)."""
    inference = coverage.Inference.load(store, unit_id, scope, include_sub_units=False)
    owned = [law_id for law_id in inference.ordered() if inference.relevances[law_id].tier in OWNING_TIERS]
    return [ResponsibleLawPublic(law=inference.laws[law_id], relevance=inference.relevances[law_id].public(),
                                 importance=round(inference.importance[law_id], 4)) for law_id in owned[:top]]


def responsible_units(store: CachedStore, scope: LawScope, law_ids: list[str]) -> dict[str, list[str]]:
    """Law id → the units responsible for it, principal authority first (as the owner suggestions rank them)."""
    return {law_id: [owner.unit.id for owner in owners if owner.relevance.tier in OWNING_TIERS]
            for law_id, owners in coverage.owner_suggestions(store, scope, law_ids, None).items()}


@kept_until_write
def laws_by_unit(store: CachedStore, scope: LawScope, tier: Tier) -> dict[str, frozenset[str]]:
    """Unit id → the laws of this tier (the unit's best over its department types) among its most important
    (`responsible_laws` with the importance cut): every unit at once, from the evidence per type kept until
    the next write."""
    evidence = evidence_by_type(store, scope)
    standing = law_standing(store, scope)
    year = standing.year(None)
    ranking = shipped_ranking()
    types_of: dict[str, set[str]] = defaultdict(set)
    for row in store.read(queries.departments.units_by_type()):
        for unit_id in row["unit_ids"]:
            types_of[unit_id].add(row["type_id"])
    names = all_unit_names(store)
    owned_by: dict[frozenset[str], tuple[set[str], dict[str, set[str]]]] = {}
    of_types: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}
    # units acting as the same types, their names holding the matters of the same laws, answer for the same laws
    found = {}
    for unit_id, type_ids in types_of.items():
        kind = frozenset(type_ids)
        if kind not in owned_by:
            owning = {law_id for type_id in kind for law_id, found_for in evidence.get(type_id, {}).items()
                      if found_for.tier in OWNING_TIERS}
            by_subject: dict[str, set[str]] = defaultdict(set)
            for law_id in owning:
                if (law := standing.laws.get(law_id)) and law.subject:
                    by_subject[law.subject].add(law_id)
            owned_by[kind] = owning, by_subject
        candidates, by_subject = owned_by[kind]
        unit_name = names.get(unit_id) or ""
        # a province's 15,000 names: look each of a name's few dozen substrings up, not every law's matter in the name
        named = frozenset(law_id for start in range(len(unit_name)) for end in range(start + 2, len(unit_name) + 1)
                          for law_id in by_subject.get(unit_name[start:end], ()))
        key = (kind, named)
        if key not in of_types:
            relevances = {law_id: relevance(evidence, kind, law_id) for law_id in candidates}
            ordered_types = sorted(kind)
            weights = {law_id: score(standing.laws.get(law_id), found_for.best,
                                     ranking.prior_of(ordered_types, law_id)[0], year, ranking.weights, unit_name)
                       for law_id, found_for in relevances.items()}
            top = sorted(candidates, key=lambda law_id: (standing.after_national(law_id), -weights[law_id],
                                                         *_law_order(standing.laws, law_id)))[:ranking.cut]
            of_types[key] = frozenset(law_id for law_id in top if relevances[law_id].tier == tier)
        if of_types[key]:
            found[unit_id] = of_types[key]
    return found


def _law_order(standing: dict[str, LawStanding], law_id: str) -> tuple:
    found = standing.get(law_id)
    return law_order(law_id, found.level if found else None, found.title if found else None)
