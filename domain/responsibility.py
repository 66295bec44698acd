"""Which laws a unit answers for, behind two small functions that the checklist review, "start from
last year" and the bureau's list of new laws share.

A unit answers for the laws it is principal authority of (主管) or that give its department types
duties or powers in two articles or more (相关): `OWNING_TIERS`. A law that only mentions its type
(提及) is not flagged as missing from its checklist: a township government is mentioned by 800 laws.
"""

from __future__ import annotations

from domain import coverage
from domain.cache import CachedStore
from domain.models import ResponsibleLawPublic
from domain.relevance import OWNING_TIERS
from graph.queries.scope import LawScope


def responsible_laws(store: CachedStore, unit_id: str, scope: LawScope) -> list[ResponsibleLawPublic]:
    """The laws a unit is responsible for, principal ones first, then by level and title."""
    inference = coverage.Inference.load(store, unit_id, scope, include_sub_units=False)
    return [ResponsibleLawPublic(law=inference.laws[law_id], relevance=inference.relevances[law_id].public())
            for law_id in inference.ordered() if inference.relevances[law_id].tier in OWNING_TIERS]


def responsible_units(store: CachedStore, scope: LawScope, law_ids: list[str]) -> dict[str, list[str]]:
    """Law id → the units responsible for it, principal authority first (as the owner suggestions rank them)."""
    return {law_id: [owner.unit.id for owner in owners if owner.relevance.tier in OWNING_TIERS]
            for law_id, owners in coverage.owner_suggestions(store, scope, law_ids, None).items()}
