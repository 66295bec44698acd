"""Shared responsibility for comprehensive laws, and joint campaigns around a date, law or audience.

A law is shared by the units claiming it and those acting as a type it makes its principal or a
related authority (domain.relevance; a mention alone does not make a law a unit's). The suggested
lead (牵头单位) is the principal authority's unit; failing one, the unit whose department types the
law's duty articles name most; a unit that declared itself lead (a row of its own naming 配合单位
for the law) wins ties, and stands alone when no article names anyone. Everyone else is a co-unit.
"""

from __future__ import annotations

import functools
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import chain

from domain.asked import checklist_year, page
from domain.briefs import (
    all_unit_names,
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
from domain.cache import CachedStore, kept_until_write
from domain.inference import LawDepartments, law_departments, responsible_units
from domain.models import (
    EVIDENCE_SHOWN,
    SHARED_UNITS_PAGE,
    UNITS_SHOWN,
    ArticleMatchPublic,
    ArticleUnitsPublic,
    CalendarEntryPublic,
    CampaignGroupPublic,
    CampaignsPublic,
    CampaignUnitPublic,
    KeyDatePublic,
    LeadPublic,
    NamedPublic,
    SharedDetailPublic,
    SharedLawPublic,
    SharedLawsPublic,
    SharedUnitPublic,
    UnitBriefPublic,
)
from domain.relevance import OWNING_TIERS, Relevance, evidence_by_type, type_names
from domain.tally import Changes, Snapshot, current_claims, rows_of, tally
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from graph.schema import rel_type
from pufa.errors import InputError, NotFound

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
    """The best-ranked unit with any evidence (an article naming its type, or a row), else None.

    A principal authority or a duty article outranks anything rows can say, so when the best of the
    units an article names has either, it leads without ranking the others (a province's group
    around 宪法 holds thousands of units whose types no article names)."""
    named = min((s for s in standings if s.matches), key=Standing.rank, default=None)
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


@kept_until_write
def campaigns(
    store: CachedStore, *, key_date_id: str | None = None, law_id: str | None = None, audience_id: str | None = None,
    year: int | None = None, region: str | None = None, min_units: int = 2, skip: int = 0, limit: int | None = 100,
    units_limit: int | None = UNITS_SHOWN, items_shown: int | None = EVIDENCE_SHOWN,
) -> CampaignsPublic:
    """Groups of units that could run a joint campaign around one key date, law or audience.

    Rows of current checklists are taken for the anchor; for a key date or an audience they
    are grouped by the law they claim, for a law by the audience they target. A group needs
    `min_units` units; groups are sorted by size. The lead is chosen among all of a group's
    units; the group shows the lead and then the first `units_limit` units by name (in a
    province a group around 宪法 holds thousands), and its laws, audiences and calendar are
    those of the units shown, each with its first `items_shown` rows (None: all, for the plan to hand
    out). `region` keeps the units whose region contains it (a county's coordinator in a
    province-wide graph).
    """
    anchors = {"key_date": (key_date_id, "KeyDate"), "law": (law_id, "Law"), "audience": (audience_id, "Audience")}
    given = [(kind, value, label) for kind, (value, label) in anchors.items() if value]
    if len(given) != 1:
        raise InputError("give exactly one of key_date_id, law_id, audience_id")
    anchor_kind, anchor_id, label = given[0]
    found = store.read(queries.nodes.node_name(label, anchor_id))
    if not found:
        raise NotFound(f"no {label} with id {anchor_id!r}")
    year = checklist_year(store, year)
    shared_kind = "audience" if anchor_kind == "law" else "law"
    members, counts = _members(store, anchor_kind, anchor_id, year, region)
    groups = [(group_id, len(group.rows)) for group_id, group in counts.items() if len(group.rows) >= min_units]
    shown = page(_largest_first(store, "Audience" if shared_kind == "audience" else "Law", groups, skip, limit),
                 skip, limit)
    answer = CampaignsPublic(
        anchor=NamedPublic(id=anchor_id, name=found[0]["name"]), anchor_kind=anchor_kind, year=year, data=[],
        count=len(groups),
    )
    if not shown:
        return answer
    plans = _weighed(store, (anchor_kind, anchor_id, year, region, skip, limit, units_limit), shown, counts,
                     law_id=anchor_id if anchor_kind == "law" else None, region=region, units_limit=units_limit)
    shown_units = {s.unit_id for plan in plans for s in plan.units}
    members_of: dict[str, list[Row]] = defaultdict(list)
    for member in members:
        if member["unit_id"] in shown_units:
            members_of[member["unit_id"]].append(member)
    item_ids = {(plan.shared.id, s.unit_id): _item_ids(members_of[s.unit_id], plan.shared.id)
                for plan in plans for s in plan.units}
    wanted = sorted({item_id for ids in item_ids.values() for item_id in ids})
    rows = {row["item_id"]: row for row in store.read(queries.campaigns.campaign_rows(wanted))} if wanted else {}
    items = {(plan.shared.id, s.unit_id): [{**rows[item_id], "unit_id": s.unit_id, "unit_name": s.unit_name}
                                           for item_id in dict.fromkeys(item_ids[plan.shared.id, s.unit_id])
                                           if item_id in rows]
             for plan in plans for s in plan.units}
    link_names = _LinkNames.of(store, list(rows.values()))
    answer.data = [plan.group(shared_kind, link_names, items_shown, items) for plan in plans]
    return answer


def _largest_first(store: CachedStore, label: str, groups: list[tuple[str, int]], skip: int,
                   limit: int | None) -> list[NamedPublic]:
    """Groups by size, then name: names are read only for the groups as large as the page's last one."""
    groups = sorted(groups, key=lambda group: -group[1])
    end = len(groups) if limit is None else min(len(groups), skip + limit)
    if not end:
        return []
    candidates = [group for group in groups if group[1] >= groups[end - 1][1]]
    names = {row["id"]: row["name"] for row in store.read(queries.nodes.display_names(label, [g for g, _ in candidates]))}
    candidates.sort(key=lambda group: (-group[1], names.get(group[0]) or "", group[0]))
    return [NamedPublic(id=group_id, name=names.get(group_id)) for group_id, _ in candidates]


@kept_until_write
def _members(store: CachedStore, anchor_kind: str, anchor_id: str, year: int | None,
             region: str | None) -> tuple[list[Row], dict[str, GroupCounts]]:
    """The anchor's campaign_members rows (a province's are 14,000), kept as they are (read-only), and
    each group's units and their rows.

    Around a key date or an audience they are brought up to date from those this process read last
    (domain.tally), so a campaign right after an upload reads the uploaded checklist's row only, and
    recounts only the groups whose counts it changed."""
    if queries.campaigns.ANCHORS[anchor_kind] not in queries.campaigns.SUMMARY_OF:
        rows = store.read(queries.campaigns.campaign_members(anchor_kind, anchor_id, year, region))
        return rows, GroupCounts.of_members(rows)
    members = tally(store, ("campaign members", anchor_kind, anchor_id, year), year,
                    queries.campaigns.campaign_members(anchor_kind, anchor_id, year, None),
                    lambda checklist_ids: queries.campaigns.campaign_members_of(anchor_kind, anchor_id, checklist_ids),
                    Members.counted)
    if region is None:
        return rows_of(members.snapshot), members.groups
    in_region = _in_region(store, region)
    rows = [row for row in rows_of(members.snapshot) if in_region(row["unit_id"])]
    return rows, GroupCounts.of_members(rows)


@dataclass(frozen=True)
class GroupCounts:
    """One campaign group's units, each with its rows in the group and those naming partner units.

    Never changed once made: a write that changes a group's counts makes it new ones, so a group
    whose counts are the same object as last time has the same lead and units (`_weighed`)."""

    rows: dict[str, int]
    declaring: dict[str, int]
    """Only the units with such rows."""

    def of(self, unit_id: str) -> tuple[int, int]:
        return self.rows.get(unit_id, 0), self.declaring.get(unit_id, 0)

    @staticmethod
    def added_by(member: Row) -> dict[tuple[str, str], list[int]]:
        """(group id, unit id) -> [rows, declaring rows] one member row adds: every row per group it is
        in, and the distinct rows naming partner units."""
        added: dict[tuple[str, str], list[int]] = {}
        unit_id, declaring = member["unit_id"], set(member["declaring_item_ids"] or ())
        for group_id in member["group_ids"]:
            added.setdefault((group_id, unit_id), [0, 0])[0] += 1
        for item_id, group_id in set(zip(member["item_ids"], member["group_ids"])) if declaring else ():
            if item_id in declaring:
                added[group_id, unit_id][1] += 1
        return added

    @classmethod
    def of_members(cls, members: list[Row]) -> dict[str, GroupCounts]:
        """Group id -> its counts, from these member rows."""
        groups: dict[str, GroupCounts] = {}
        for member in members:
            for (group_id, unit_id), (rows, declaring) in cls.added_by(member).items():
                group = groups.get(group_id) or groups.setdefault(group_id, cls({}, {}))
                group.rows[unit_id] = group.rows.get(unit_id, 0) + rows
                if declaring:
                    group.declaring[unit_id] = group.declaring.get(unit_id, 0) + declaring
        return groups

    def changed_by(self, change: dict[str, list[int]]) -> GroupCounts | None:
        """New counts with these units' rows and declaring rows changed by these (None: no unit is left)."""
        counts = {"rows": dict(self.rows), "declaring": dict(self.declaring)}
        for unit_id, by in change.items():
            for held, changed in zip(counts.values(), by):
                now = held.pop(unit_id, 0) + changed
                if now > 0:
                    held[unit_id] = now
        return GroupCounts(**counts) if counts["rows"] else None


@dataclass(frozen=True)
class Members:
    """A campaign anchor's members (one campaign_members row per current checklist) and each group's
    counts, counted from the checklists in `snapshot`."""

    snapshot: Snapshot
    groups: dict[str, GroupCounts]

    @classmethod
    def counted(cls, changes: Changes) -> Members:
        return cls(changes.snapshot, GroupCounts.of_members(changes.rows))

    def updated(self, changes: Changes) -> Members:
        """Brought up to date with the checklists read again (a copy: these may be in use); a group's
        counts stay the same object unless a checklist changed them."""
        change: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for row, sign in chain.from_iterable(((before, -1), (now, 1)) for before, now in changes.changed or ()):
            for (group_id, unit_id), added in GroupCounts.added_by(row).items() if row else ():
                by = change[group_id].setdefault(unit_id, [0, 0])
                by[0] += sign * added[0]
                by[1] += sign * added[1]
        groups = dict(self.groups)
        for group_id, by_unit in change.items():
            by_unit = {unit_id: by for unit_id, by in by_unit.items() if any(by)}
            if by_unit:
                counted = groups.pop(group_id, GroupCounts({}, {})).changed_by(by_unit)
                if counted is not None:
                    groups[group_id] = counted
        return Members(changes.snapshot, groups)


def _item_ids(members: list[Row], group_id: str) -> list[str]:
    """The ids of these members' rows in one group."""
    return [item_id for member in members for item_id, group in zip(member["item_ids"], member["group_ids"])
            if group == group_id]


def _weighed(store: CachedStore, key: tuple, shown: list[NamedPublic], counts: dict[str, GroupCounts], *,
             law_id: str | None, region: str | None, units_limit: int | None) -> list[_GroupPlan]:
    """The plans of these groups, each weighed again only when what it is weighed from is not what it
    was last time for the same page of the same campaign (`key`): its counts (a checklist write changes
    a few groups' counts), the laws' department types, the units' names and regions.

    `law_id` is the law audience groups are weighed by (None: each group is a law, and the units
    answering for it without a row are looked for too, in `region` if one is given)."""
    # Read on every call, even when every plan is reused: they are kept reads (free while fresh), and
    # reading them puts their tables in the answer's footprint, so a write to them retires the answer.
    departments = law_departments(store, [law_id] if law_id else [group.id for group in shown])
    names = all_unit_names(store)
    regions = unit_regions(store) if region is not None and law_id is None else None
    in_region = _in_region(store, region) if law_id is None else None
    previous: dict[str, tuple[tuple, _GroupPlan]] = store.remembered(("campaign plans", *key)) or {}
    weighed = {}
    for group in shown:
        sources = (counts[group.id], departments, names, regions)
        kept = previous.get(group.id)
        if kept is not None and all(now is then for now, then in zip(sources, kept[0])):
            weighed[group.id] = kept
        else:
            weighed[group.id] = sources, _GroupPlan.of(departments, group, law_id or group.id, counts[group.id],
                                                       units_limit, names, in_region)
    store.remember(("campaign plans", *key), weighed)
    return [weighed[group.id][1] for group in shown]


@dataclass(frozen=True)
class _GroupPlan:
    """One campaign group: its lead, chosen among all its units by their counts, the units it shows, and
    (for a law) the units answering for the law without a row for the anchor. Read-only: it is kept
    for the next call (`_weighed`), so the rows a call shows are passed to `group`."""

    shared: NamedPublic
    unit_count: int
    lead: Standing | None
    units: list[Standing]
    inferred: list[Standing]
    inferred_count: int

    @classmethod
    def of(cls, departments: LawDepartments, shared: NamedPublic, law_id: str, counts: GroupCounts,
           units_limit: int | None, names: dict[str, str | None], in_region: Callable[[str], bool] | None) -> _GroupPlan:
        """`in_region` (None: no inferred units, as for an audience group) keeps the inferred units of
        the region; `names` names them."""

        def standing(unit_id: str, matches: list[Row] = (), found: Relevance | None = None) -> Standing:
            rows, declaring = counts.of(unit_id)
            return Standing(unit_id, names.get(unit_id), matches=list(matches), rows=rows, declaring_rows=declaring,
                            relevance=found)

        members = counts.rows
        named: dict[str, Standing] = {}
        answering: list[Standing] = []
        for unit_id, matches, found in departments.relevances(law_id):
            if unit_id in members:
                named[unit_id] = standing(unit_id, matches, found)
            elif in_region is not None and found is not None and found.tier in OWNING_TIERS and in_region(unit_id):
                answering.append(standing(unit_id, matches, found))
        lead = choose_lead([*named.values(), *answering])
        if lead is None or not lead.outranks_rows:  # rows decide: weigh every unit by its counts
            by_rows = min(((Standing.rank_by_rows(unit_id, names.get(unit_id), *counts.of(unit_id)), unit_id)
                           for unit_id in members if unit_id not in named), default=None)
            if by_rows is not None and (lead is None or by_rows[0] < lead.rank()):
                lead = standing(by_rows[1])
        lead_is_member = lead.unit_id in members
        others = (unit_id for unit_id in members if unit_id != lead.unit_id)
        first = (sorted(others, key=lambda unit_id: (names.get(unit_id) or "", unit_id)) if units_limit is None else
                 heapq.nsmallest(max(0, units_limit - lead_is_member), others,
                                 key=lambda unit_id: (names.get(unit_id) or "", unit_id)))
        shown = [named.get(unit_id) or standing(unit_id) for unit_id in first]
        inferred = [s for s in answering if s is not lead]
        shown_inferred = _first_by_name(inferred, units_limit, reserved=not lead_is_member)
        return cls(shared, len(members), lead, [lead, *shown] if lead_is_member else shown,
                   [lead, *shown_inferred] if not lead_is_member else shown_inferred, len(answering))

    def group(self, shared_kind: str, names: _LinkNames, items_shown: int | None,
              items: dict[tuple[str, str], list[Row]]) -> CampaignGroupPublic:
        """The group as shown, with `items`: (group id, unit id) -> the unit's rows in the group, as read
        for this call."""
        units = sorted(self.units, key=Standing.name_key)
        items_of = {s.unit_id: items.get((self.shared.id, s.unit_id), []) for s in units}
        rows = [row for s in units for row in items_of[s.unit_id]]
        by_date: dict[str, dict[str, UnitBriefPublic]] = defaultdict(dict)
        for s in units:
            for row in items_of[s.unit_id]:
                for date_id in row["key_date_ids"]:
                    by_date[date_id][s.unit_id] = s.unit
        calendar = sorted(
            (CalendarEntryPublic(key_date=names.key_dates[date_id], units=sorted(units_on.values(), key=unit_sort_key))
             for date_id, units_on in by_date.items()),
            key=lambda entry: (entry.key_date.month or 13, entry.key_date.day or 0, entry.key_date.id),
        )
        return CampaignGroupPublic(
            shared=self.shared, shared_kind=shared_kind, unit_count=self.unit_count,
            units=[CampaignUnitPublic(
                unit=s.unit, items=page(row_evidence(items_of[s.unit_id]), 0, items_shown),
                item_count=len(items_of[s.unit_id]), audiences=names.named("audience_ids", items_of[s.unit_id]),
                methods=names.named("method_ids", items_of[s.unit_id]),
            ) for s in units],
            laws=names.named("law_ids", rows), audiences=names.named("audience_ids", rows),
            inferred=[s.unit for s in self.inferred], inferred_count=self.inferred_count,
            lead=lead_public(replace(self.lead, items=items_of.get(self.lead.unit_id, []))) if self.lead else None,
            calendar=calendar,
        )


@dataclass
class _LinkNames:
    """Names of what campaign rows link to, by list column, looked up once for all groups."""

    by_column: dict[str, dict[str, str | None]]
    key_dates: dict[str, KeyDatePublic]

    @classmethod
    def of(cls, store: CachedStore, rows: list[Row]) -> _LinkNames:
        by_column = {}
        for column, rel in queries.campaigns.CAMPAIGN_LINKS.items():
            ids = sorted({node_id for row in rows for node_id in row[column]})
            label = rel_type(rel).target
            by_column[column] = {found["id"]: found["name"] for found in store.read(queries.nodes.display_names(label, ids))} if ids else {}
        date_ids = sorted(by_column["key_date_ids"])
        key_dates = {row["id"]: KeyDatePublic(**row) for row in store.read(queries.nodes.key_dates(date_ids))} if date_ids else {}
        return cls(by_column, key_dates)

    def named(self, column: str, rows: list[Row]) -> list[NamedPublic]:
        """The distinct targets of these rows' links in one column, sorted by name."""
        names = self.by_column[column]
        return _by_name({node_id: names.get(node_id) for row in rows for node_id in row[column]})


def _first_by_name(standings: list[Standing], limit: int | None, *, reserved: bool) -> list[Standing]:
    """The first `limit` standings by name (all without a limit), one place fewer when the lead takes it."""
    if limit is None:
        return sorted(standings, key=Standing.name_key)
    return heapq.nsmallest(max(0, limit - reserved), standings, key=Standing.name_key)


def _in_region(store: CachedStore, region: str | None) -> Callable[[str], bool]:
    """Whether a unit lies in the region asked for (every unit without one)."""
    if region is None:
        return lambda unit_id: True
    regions = unit_regions(store)
    return lambda unit_id: region in (regions.get(unit_id) or "")


@kept_until_write
def unit_regions(store: CachedStore) -> dict[str, str | None]:
    """Every unit's region, for placing inferred units in a coordinator's region."""
    return {unit_id: region for unit_id, region in store.read(queries.units.unit_regions())[0]["units"]}


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
    return _by_name({link["id"]: link["name"] for item_id in item_ids for link in links.get(item_id, [])})


def _by_name(found: dict[str, str | None]) -> list[NamedPublic]:
    return [NamedPublic(id=node_id, name=name) for node_id, name in sorted(found.items(), key=lambda kv: (kv[1] or "", kv[0]))]
