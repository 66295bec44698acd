"""How much a law concerns a department type, and so the units acting as it.

Three tiers (nlp.principal.relevance_tier, docs/relevance-tiers.md): 主管 `principal`, the law
makes the type its principal competent authority; 相关 `related`, the type has a duty or a power
in at least two of its articles; 提及 `mentioned`, it is named in passing (兵役法 第六十三条 lists
人力资源社会保障 among seven departments that punish). Within a tier, more articles giving the
type a duty or a power, then more articles naming it, rank first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import zip_longest
from typing import get_args

from domain.base.cache import CachedStore, kept_until_write
from domain.catalogue.models import RelevancePublic, TierCountsPublic, TypeRelevancePublic
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from nlp.principal import Tier, relevance_tier
from pufa import vocab

TIERS: tuple[Tier, ...] = get_args(Tier)
LEADING_TYPES = frozenset({"government"})
"""Types whose duties in a law are general leadership (各级人民政府领导、组织、协调…), which nearly every law
gives them: for these the count of duty articles says nothing, so they are related to no law, only its
principal authority (a government office named 主管) or mentioned. Without this a township government
(乡镇人民政府) would be 相关 to 600 laws of the catalogue."""
TIER_RANK = {tier: rank for rank, tier in enumerate(TIERS)}
OWNING_TIERS: tuple[Tier, ...] = ("principal", "related")
"""The tiers that make a law a unit's to answer for without a claim: a mention alone does not."""


@dataclass(frozen=True)
class TypeEvidence:
    """What one law's current version says of one department type."""

    type_id: str
    tier: Tier
    acting_articles: int
    """Articles giving the type a duty or a power."""
    named_articles: int
    principal_articles: tuple[str, ...] = ()
    """Labels of the articles making it the principal authority (第六条)."""
    issuers: tuple[str, ...] = ()
    """The organs whose issuing the law makes it the principal authority (司法部: nlp.principal.issuing_authorities),
    for a law with no text too."""
    implements: str = ""
    """For a rule with no text of its own, the law it implements (消费者权益保护法), whose tier for the type it
    takes (INHERITS); its own article counts are then 0."""

    def strength(self) -> tuple:
        return TIER_RANK[self.tier], -self.acting_articles, -self.named_articles


EvidenceByType = dict[str, dict[str, TypeEvidence]]
"""Department type id → law id → what that law's current version says of the type."""


@dataclass(frozen=True)
class CatalogueEvidence:
    """`evidence_by_type` as last worked out, with each law's parts stamp then (graph.schema.LAW_PARTS):
    after a catalogue write, which renews the stamps of the laws it wrote, only those are read again."""

    stamps: dict[str, str | None]
    by_type: EvidenceByType

    def updated(self, stamps: dict[str, str | None], laws: set[str], read: EvidenceByType) -> CatalogueEvidence:
        """With the evidence of `laws` replaced by what was `read` of them (a copy: this one may be in use)."""
        changed = {type_id: {law_id: found for law_id, found in of_law.items() if law_id not in laws}
                   for type_id, of_law in self.by_type.items() if any(law_id in of_law for law_id in laws)}
        for type_id, of_law in read.items():
            changed.setdefault(type_id, dict(self.by_type.get(type_id, {}))).update(of_law)
        by_type = {**self.by_type, **changed}
        return CatalogueEvidence(stamps, {type_id: of_law for type_id, of_law in by_type.items() if of_law})


@kept_until_write
def evidence_by_type(store: CachedStore, scope: LawScope) -> EvidenceByType:
    """The evidence of the laws in scope whose current version names a type, brought up to date from
    that last worked out: a province's 5,000 laws are weighed once, then again only those written since."""
    key = ("evidence_by_type", scope)
    [read] = store.read(queries.departments.parts_stamps(scope))
    stamps = {law_id: stamp or None for law_id, stamp in zip(read["ids"], read["stamps"])}
    previous: CatalogueEvidence | None = store.remembered(key)
    if previous is None:
        evidence = CatalogueEvidence(stamps, _evidence(store.read(queries.departments.principal_types(scope)),
                                                       store.read(queries.departments.type_evidence(scope)),
                                                       store.read(queries.departments.inherited_types(scope))))
    else:
        stale = {law_id for law_id, stamp in stamps.items() if stamp is None or previous.stamps.get(law_id) != stamp}
        evidence = previous.updated(stamps, stale | (previous.stamps.keys() - stamps.keys()),
                                    evidence_of_laws(store, stale))
    store.remember(key, evidence)
    return evidence.by_type


def evidence_of_laws(store: CachedStore, law_ids: Iterable[str]) -> EvidenceByType:
    """`evidence_by_type` of these laws only: what an answer about a few laws needs, read by id right
    after a write instead of weighing every law of the catalogue."""
    ids = sorted(set(law_ids))
    if not ids:
        return {}
    return _evidence(store.read(queries.departments.principal_types_of_laws(ids)),
                     store.read(queries.departments.type_evidence_of_laws(ids)),
                     store.read(queries.departments.inherited_types_of_laws(ids)))


def _evidence(principal_rows: list[Row], evidence_rows: list[Row], inherited_rows: list[Row]) -> EvidenceByType:
    """Per type and law, its tier and counts; a law making a type principal that no article of it names (a
    rule known by its title and issuer only, 律师执业管理办法) is that type's with no article; a rule with no
    text of its own is each type's as the law it implements is (消费者权益保护法实施条例: market regulation's,
    主管 as in 消费者权益保护法), with no article."""
    principal = {(row["law_id"], row["type_id"]): _grounds(row["labels"] or (), row["cues"] or ())
                 for row in principal_rows}
    found: dict[str, dict[str, TypeEvidence]] = defaultdict(dict)
    for row in evidence_rows:
        grounds = principal.pop((row["law_id"], row["type_id"]), None)
        acting = int(row["acting"])
        found[row["type_id"]][row["law_id"]] = TypeEvidence(row["type_id"], _tier(row["type_id"], grounds is not None, acting),
                                                            acting, int(row["named"]), *(grounds or ()))
    for (law_id, type_id), grounds in principal.items():
        found[type_id][law_id] = TypeEvidence(type_id, "principal", 0, 0, *grounds)
    for row in inherited_rows:
        found[row["type_id"]].setdefault(row["law_id"], TypeEvidence(
            row["type_id"], _tier(row["type_id"], bool(row["principal"]), int(row["acting"])), 0, 0,
            implements=row["implemented"]))
    return dict(found)


def _tier(type_id: str, principal: bool, acting: int) -> Tier:
    return relevance_tier(principal, 0 if type_id in LEADING_TYPES else acting)


def _grounds(labels: Iterable[str], cues: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(article labels, issuing organs) of a PRINCIPAL edge: an `issuer` cue's label names the organ."""
    pairs = list(zip_longest(labels, cues, fillvalue=""))
    return (tuple(dict.fromkeys(label for label, cue in pairs if cue != "issuer")),
            tuple(dict.fromkeys(label for label, cue in pairs if cue == "issuer")))


@dataclass(frozen=True)
class Relevance:
    """A law's relevance to a unit: the evidence for each of the unit's types that the law names."""

    types: tuple[TypeEvidence, ...]

    @cached_property
    def best(self) -> TypeEvidence:
        """Worked out once: thousands of a province's units share one relevance (LawDepartments.relevances)."""
        return min(self.types, key=TypeEvidence.strength)

    @property
    def tier(self) -> Tier:
        return self.best.tier

    def sort_key(self) -> tuple:
        return self.best.strength()

    def public(self) -> RelevancePublic:
        names = type_names()
        return RelevancePublic(
            tier=self.tier, acting_articles=self.best.acting_articles, named_articles=self.best.named_articles,
            types=[TypeRelevancePublic(
                department_type_id=e.type_id, department_type=names.get(e.type_id), tier=e.tier,
                acting_articles=e.acting_articles, named_articles=e.named_articles,
                principal_articles=list(e.principal_articles), issuers=list(e.issuers), implements=e.implements or None,
            ) for e in sorted(self.types, key=TypeEvidence.strength)],
        )


def relevance(evidence: EvidenceByType, type_ids: Iterable[str], law_id: str) -> Relevance | None:
    """How a law concerns a unit acting as these types; None when it names none of them."""
    found = tuple(evidence[type_id][law_id] for type_id in type_ids if law_id in evidence.get(type_id, {}))
    return Relevance(found) if found else None


def tier_counts(relevances: Iterable[Relevance]) -> TierCountsPublic:
    counts = dict.fromkeys(TIERS, 0)
    for found in relevances:
        counts[found.tier] += 1
    return TierCountsPublic(**counts)


def type_names() -> dict[str, str]:
    return {term.id: term.name for term in vocab.department_types()}


TIER_MARKS = {"principal": "主管", "related": "相关", "mentioned": "提及"}
"""How the matrix and the pages write the relevance tiers."""
