"""Shared responsibility for comprehensive laws: who shares a law, and who should lead it.

A law is shared by the units claiming it and those acting as a type it makes its principal or a
related authority (domain.catalogue.relevance; a mention alone does not make a law a unit's). The suggested
lead (牵头单位) is the principal authority's unit; failing one, the unit whose department types the
law's duty articles name most; a unit that declared itself lead (a row of its own naming 配合单位
for the law) wins ties, and stands alone when no article names anyone. Everyone else is a co-unit.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from domain.base.asked import checklist_year, page
from domain.base.briefs import (
    article_match,
    article_sort_key,
    fetch_law_briefs,
    law_order,
    row_evidence,
    shown_items,
    strongest_first,
    unit_names,
    unit_sort_key,
)
from domain.base.cache import CachedStore, kept_until_write
from domain.base.models import EVIDENCE_SHOWN, ArticleMatchPublic, UnitBriefPublic
from domain.base.tally import Changes, Snapshot, current_claims, tally
from domain.catalogue.inference import LawDepartments, law_departments, responsible_units
from domain.catalogue.models import (
    SHARED_UNITS_PAGE,
    ArticleUnitsPublic,
    LeadPublic,
    NamedPublic,
    SharedDetailPublic,
    SharedLawPublic,
    SharedLawsPublic,
    SharedUnitPublic,
)
from domain.catalogue.relevance import OWNING_TIERS, Relevance, evidence_by_type, type_names
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from pufa.errors import NotFound

Links = dict[str, dict[str, list[Row]]]
"""Relationship -> row id -> what the row points at (id, name)."""


def shared_laws(
    store: CachedStore, scope: LawScope, *, year: int | None = None, min_units: int = 2, skip: int = 0,
    limit: int | None = 100,
) -> SharedLawsPublic:
    """Laws in scope claimed by or inferred for at least `min_units` units, most shared first."""
    year = checklist_year(store, year)
    counted = _shared_law_counts(store, scope, year, min_units)
    shown = page(counted, skip, limit)
    briefs = fetch_law_briefs(store, [law[0] for law in shown])
    return SharedLawsPublic(
        year=year, count=len(counted),
        data=[SharedLawPublic(law=briefs[law_id], units=units, claimed_units=by_claim, inferred_units=by_inference)
              for law_id, units, by_claim, by_inference, _ in shown],
    )


@kept_until_write
def _shared_law_counts(store: CachedStore, scope: LawScope, year: int | None, min_units: int) -> list[tuple]:
    """(law id, units, claimed units, inferred units, sort key) for the laws shared by `min_units`, most first."""
    signatures = _signatures(store, scope)
    claimed = current_claims(store, year).claimed
    overlap = _claims_answered_anyway(store, signatures, scope, year).counts
    counted = []
    for law_id, level, title in store.read(queries.laws.law_sort_keys(scope))[0]["laws"]:
        claims, inferred = claimed[law_id], signatures.inferred[law_id]
        units = inferred + claims - overlap[law_id]
        if units >= min_units:
            counted.append((law_id, units, claims, inferred, law_order(law_id, level, title)))
    counted.sort(key=lambda law: (-law[1], law[4]))
    return counted


@dataclass(frozen=True)
class TypeSets:
    """The units' sets of department types (a few hundred distinct sets even in a province), from the
    register alone: it outlasts checklist and catalogue writes."""

    of_unit: dict[str, frozenset[str]]
    units: Counter
    """Type set -> the units acting as exactly those types."""


@kept_until_write
def _type_sets(store: CachedStore) -> TypeSets:
    types_of_unit: dict[str, set[str]] = defaultdict(set)
    for type_id, unit_ids in responsible_units(store).items():
        for unit_id in unit_ids:
            types_of_unit[unit_id].add(type_id)
    of_unit = {unit_id: frozenset(types) for unit_id, types in types_of_unit.items()}
    return TypeSets(of_unit, Counter(of_unit.values()))


@dataclass(frozen=True)
class Signatures:
    """The laws each of the units' type sets answers for as a principal or related authority. Read-only;
    from the register and the catalogue alone, so it outlasts checklist writes."""

    type_sets: TypeSets
    laws: dict[frozenset[str], frozenset[str]]
    """Type set -> the laws it answers for."""
    inferred: Counter
    """Law id -> the units answering for it."""


@kept_until_write
def _signatures(store: CachedStore, scope: LawScope) -> Signatures:
    type_sets = _type_sets(store)
    answering = {type_id: {law_id for law_id, found in laws.items() if found.tier in OWNING_TIERS}
                 for type_id, laws in evidence_by_type(store, scope).items()}
    laws = {types: frozenset().union(*(answering.get(type_id, ()) for type_id in types)) for types in type_sets.units}
    inferred = Counter()
    for types, units in type_sets.units.items():
        for law_id in laws[types]:
            inferred[law_id] += units
    return Signatures(type_sets, laws, inferred)


ClaimsPerTypeSet = dict[frozenset[str] | None, Counter]
"""Type set (None: a unit acting as no type) -> law id -> the current checklists of its units claiming it."""


@dataclass(frozen=True)
class AnsweredAnyway:
    """Per law, the current checklists claiming it whose unit answers for it anyway (a claim counts extra
    only when the unit's types do not already answer for the law), counted with `signatures` from the
    checklists in `snapshot`; with the claims per type set they rest on, so that a catalogue write,
    which changes only what each set answers for, recounts them per set (`recounted`), not per claim."""

    signatures: Signatures
    snapshot: Snapshot
    claims: ClaimsPerTypeSet
    counts: Counter

    @classmethod
    def counted(cls, signatures: Signatures, changes: Changes) -> AnsweredAnyway:
        """Counted whole: per type set, by Counter (in C), not by a loop per claim (a province has 600,000)."""
        law_lists_per_set: dict[frozenset[str] | None, list[list[str]]] = defaultdict(list)
        for row in changes.rows:
            law_lists_per_set[signatures.type_sets.of_unit.get(row["unit_id"])].append(row["law_ids"] or [])
        claims = {types: Counter(chain.from_iterable(law_lists)) for types, law_lists in law_lists_per_set.items()}
        return cls(signatures, changes.snapshot, claims, _answered(signatures, claims))

    def recounted(self, signatures: Signatures) -> AnsweredAnyway:
        """The same claims counted with `signatures` of the same type sets (the catalogue was written)."""
        return AnsweredAnyway(signatures, self.snapshot, self.claims, _answered(signatures, self.claims))

    def updated(self, changes: Changes) -> AnsweredAnyway:
        """Brought up to date with the checklists read again (a copy: these counts may be in use; of the
        claims per set, only the changed sets' are copied)."""
        counts, claims = Counter(self.counts), dict(self.claims)
        copied = set()
        for before, now in changes.changed or ():
            for row, sign in ((before, -1), (now, 1)):
                if row is not None:
                    law_ids = set(row["law_ids"] or ())
                    types = self.signatures.type_sets.of_unit.get(row["unit_id"])
                    if types not in copied:
                        claims[types] = Counter(claims.get(types, ()))
                        copied.add(types)
                    claims[types].update(dict.fromkeys(law_ids, sign))
                    for law_id in law_ids & self.signatures.laws.get(types, frozenset()):
                        counts[law_id] += sign
        return AnsweredAnyway(self.signatures, changes.snapshot, claims, counts)


def _answered(signatures: Signatures, claims: ClaimsPerTypeSet) -> Counter:
    """Per law, the claims of units whose type set answers for it anyway."""
    counts = Counter()
    for types, claimed in claims.items():
        implied = signatures.laws.get(types)
        if implied:
            for law_id in claimed.keys() & implied:
                counts[law_id] += claimed[law_id]
    return counts


def _claims_answered_anyway(store: CachedStore, signatures: Signatures, scope: LawScope,
                            year: int | None) -> AnsweredAnyway:
    """The counts remembered for the scope and year, brought up to date: recounted per type set after a
    catalogue write, counted whole when the type sets themselves changed (a register write)."""
    key = ("claims answered anyway", scope, year)
    previous: AnsweredAnyway | None = store.remembered(key)
    if previous is not None and previous.signatures is not signatures \
            and previous.signatures.type_sets is signatures.type_sets:
        store.remember(key, previous.recounted(signatures))
    return tally(store, key, year, queries.checklists.current_claims(year),
                 queries.checklists.claims_of_checklists, functools.partial(AnsweredAnyway.counted, signatures),
                 still_good=lambda answered: answered.signatures is signatures)


@dataclass(eq=False)
class Standing:
    """What speaks for one unit leading a law: its matching articles, its rows, its declarations.
    Compared by identity (`lead in standings`: a province's group holds thousands)."""

    unit_id: str
    unit_name: str | None
    matches: list[Row] = field(default_factory=list)
    rows: int = 0
    """Its checklist rows for the law."""
    declaring_rows: int = 0
    """Those naming partner units: a declared 牵头."""
    items: list[Row] = field(default_factory=list)
    """Its rows as evidence (a campaign fetches them only for the units it shows)."""
    partner_of: set[str] = field(default_factory=set)
    relevance: Relevance | None = None
    """How the law concerns the unit's department types (None: it names none of them)."""

    @property
    def inferred(self) -> bool:
        """Not claiming the law, but answering for it as a principal or related authority."""
        return not self.rows and self.relevance is not None and self.relevance.tier in OWNING_TIERS

    @property
    def unit(self) -> UnitBriefPublic:
        return UnitBriefPublic(id=self.unit_id, name=self.unit_name)

    def add_item(self, row: Row) -> None:
        self.items.append(row)
        self.rows += 1
        self.declaring_rows += bool(row["declares"])

    @property
    def articles(self) -> int:
        return len({row["article_id"] for row in self.matches})

    @property
    def duty_articles(self) -> list[str]:
        seen = {row["article_id"]: row for row in sorted(self.matches, key=article_sort_key) if row["role"] == "duty"}
        return [row["article_label"] or article_id for article_id, row in seen.items()]

    @property
    def duty_article_count(self) -> int:
        """len(duty_articles), without sorting (a province's campaign ranks thousands of units)."""
        return len({row["article_id"] for row in self.matches if row["role"] == "duty"})

    def evidence(self) -> list[ArticleMatchPublic]:
        """The first EVIDENCE_SHOWN of its matching articles, duties first."""
        return [article_match(row) for row in strongest_first(self.matches)[:EVIDENCE_SHOWN]]

    def name_key(self) -> tuple:
        return self.unit_name or "", self.unit_id

    @property
    def principal(self) -> bool:
        return self.relevance is not None and self.relevance.tier == "principal"

    @property
    def outranks_rows(self) -> bool:
        """A principal authority, or named by a duty article: it ranks above anything rows can say."""
        return self.principal or self.duty_article_count > 0

    def rank(self) -> tuple:
        return (-self.principal, -self.duty_article_count, -bool(self.declaring_rows), -self.articles, -bool(self.rows),
                -self.rows, *self.name_key())

    @staticmethod
    def rank_by_rows(unit_id: str, unit_name: str | None, rows: int, declaring_rows: int) -> tuple:
        """`rank()` of a unit no article of the law names, from its counts alone."""
        return 0, 0, -bool(declaring_rows), 0, -bool(rows), -rows, unit_name or "", unit_id


def choose_lead(standings: list[Standing]) -> Standing | None:
    """The best-ranked unit with any evidence (an article naming its type, a type the law's issuer makes
    principal, or a row), else None.

    A principal authority or a duty article outranks anything rows can say, so when the best of the
    units an article names has either, it leads without ranking the others (a province's group
    around 宪法 holds thousands of units whose types no article names)."""
    named = min((s for s in standings if s.matches or s.principal), key=Standing.rank, default=None)
    if named is not None and named.outranks_rows:
        return named
    return min((s for s in standings if s.matches or s.rows), key=Standing.rank, default=None)


def lead_public(lead: Standing) -> LeadPublic:
    """What speaks for this unit leading, as fields a person can check (its rows must be loaded)."""
    principal = [found for found in lead.relevance.types if found.tier == "principal"] if lead.relevance else []
    names = type_names()
    declared = row_evidence(row for row in lead.items if row["declares"])
    return LeadPublic(
        unit=lead.unit, principal_articles=sorted({label for found in principal for label in found.principal_articles}),
        principal_types=sorted(names.get(found.type_id, found.type_id) for found in principal),
        principal_issuers=sorted({issuer for found in principal for issuer in found.issuers}),
        principal_implements=sorted({found.implements for found in principal if found.implements}),
        duty_articles=lead.duty_articles[:EVIDENCE_SHOWN], duty_article_count=lead.duty_article_count,
        duty_types=sorted({row["type_name"] or row["type_id"] for row in lead.matches if row["role"] == "duty"}),
        declared_row=declared[0] if declared else None, articles=lead.articles, rows=lead.rows,
    )


def standings_for_law(
    departments: LawDepartments, law_id: str, claim_rows: list[Row],
    partners: dict[str, list[Row]], names: dict[str, str | None],
) -> dict[str, Standing]:
    """Standings of the units that claim the law, are named partners, or act as a type it makes its
    principal or a related authority.

    `partners` holds the CO_UNIT links of the claiming rows by row id; `names` gives the names
    of inferred units that claim nothing.
    """
    standings: dict[str, Standing] = {}

    def standing(unit_id: str, name: str | None) -> Standing:
        return standings.setdefault(unit_id, Standing(unit_id, name))

    for row in claim_rows:
        standing(row["unit_id"], row["unit_name"]).add_item(row)
        for link in partners.get(row["item_id"], []):
            standing(link["id"], link["name"]).partner_of.add(row["unit_id"])
    for unit_id, matches, found in departments.relevances(law_id):
        if unit_id in standings or (found is not None and found.tier in OWNING_TIERS):
            held = standing(unit_id, names.get(unit_id))
            held.matches.extend(matches)
            held.relevance = found
    return standings


def shared_law(
    store: CachedStore, law_id: str, *, year: int | None = None, skip: int = 0, limit: int | None = SHARED_UNITS_PAGE,
) -> SharedDetailPublic:
    """Who shares one law: lead and co-units (a page of them: 宪法 is a province's 12,000 units'), with
    their rows, articles, audiences and methods, and which sharing units each article names."""
    law = fetch_law_briefs(store, [law_id]).get(law_id)
    if law is None:
        raise NotFound(f"no law with id {law_id!r}")
    year = checklist_year(store, year)
    claim_rows = store.read(queries.checklists.law_claims(law_id, year))
    links = _group_links({rel: store.read(queries.campaigns.law_item_links(law_id, year, rel)) for rel in ("TARGETS", "USES", "CO_UNIT")})
    departments = law_departments(store, [law_id])
    known = {row["unit_id"] for row in claim_rows} | {link["id"] for links in links["CO_UNIT"].values() for link in links}
    names = unit_names(store, set(departments.by_unit(law_id)) - known)
    standings = standings_for_law(departments, law_id, claim_rows, links["CO_UNIT"], names)
    chosen = choose_lead(list(standings.values()))
    ranked = sorted(standings.values(), key=lambda s: (s is not chosen, s.rank()))
    units = []
    for s in page(ranked, skip, limit):
        own = [row["item_id"] for row in s.items]
        items, item_count = shown_items(s.items)
        units.append(SharedUnitPublic(
            unit=s.unit, role="lead" if s is chosen else "co", claimed=bool(s.items), inferred=s.inferred,
            relevance=s.relevance.public() if s.relevance else None,
            declared_lead=bool(s.declaring_rows), declared_partner_of=sorted(s.partner_of),
            articles=s.articles, duty_articles=s.duty_article_count,
            audiences=_named(links["TARGETS"], own), methods=_named(links["USES"], own),
            items=items, item_count=item_count, evidence=s.evidence(),
        ))
    lead = lead_public(chosen) if chosen else None
    return SharedDetailPublic(law=law, year=year, lead=lead, units=units, unit_count=len(ranked),
                              articles=_article_units(ranked))


def _article_units(standings: list[Standing]) -> list[ArticleUnitsPublic]:
    """The articles naming these units' types, in reading order, each with the first units it names by name."""
    articles: dict[str, Row] = {}
    named: dict[str, dict[str, UnitBriefPublic]] = defaultdict(dict)
    for s in standings:
        for row in s.matches:
            articles.setdefault(row["article_id"], row)
            named[row["article_id"]][s.unit_id] = s.unit
    return [ArticleUnitsPublic(article_id=article_id, label=row["article_label"], unit_count=len(named[article_id]),
                               units=sorted(named[article_id].values(), key=unit_sort_key)[:EVIDENCE_SHOWN])
            for article_id, row in sorted(articles.items(), key=lambda kv: article_sort_key(kv[1]))]


def _group_links(links: dict[str, list[Row]]) -> Links:
    """Link rows per relationship, grouped by the checklist row they start from."""
    grouped: Links = {}
    for rel, rows in links.items():
        grouped[rel] = defaultdict(list)
        for link in rows:
            grouped[rel][link["item_id"]].append(link)
    return grouped


def _named(links: dict[str, list[Row]], item_ids: list[str]) -> list[NamedPublic]:
    """The distinct targets of these rows' links, sorted by name."""
    return by_name({link["id"]: link["name"] for item_id in item_ids for link in links.get(item_id, [])})


def by_name(found: dict[str, str | None]) -> list[NamedPublic]:
    return [NamedPublic(id=node_id, name=name) for node_id, name in sorted(found.items(), key=lambda kv: (kv[1] or "", kv[0]))]
