"""Shared responsibility for comprehensive laws, and joint campaigns around a date, law or audience.

The suggested lead (牵头单位) is the unit whose department types the law's duty articles name
most; a unit that declared itself lead (a row of its own naming 配合单位 for the law) wins ties,
and stands alone when no article names anyone. Everyone else is a co-unit (配合单位).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from api.models import (
    ArticleMatchPublic,
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
from api.services.common import (
    LawDepartments,
    article_match,
    article_sort_key,
    checklist_year,
    fetch_law_briefs,
    law_order,
    page,
    row_evidence,
    unit_names,
    unit_sort_key,
)
from graph import queries
from graph.queries import LawScope
from graph.store import GraphStore, Row
from pufa.errors import InputError, NotFound

ITEM_RELS = ("CLAIMS", "TARGETS", "USES", "SCHEDULED", "CO_UNIT")
Links = dict[str, dict[str, list[Row]]]
"""Relationship -> row id -> what the row points at (id, name)."""


def shared_laws(
    store: GraphStore, scope: LawScope, *, year: int | None = None, min_units: int = 2, skip: int = 0,
    limit: int | None = 100,
) -> SharedLawsPublic:
    """Laws in scope claimed by or inferred for at least `min_units` units, most shared first."""
    year = checklist_year(store, year)
    counted = store.memoized(("shared_law_counts", year, scope, min_units),
                             lambda: _shared_law_counts(store, scope, year, min_units))
    shown = page(counted, skip, limit)
    briefs = fetch_law_briefs(store, [law[0] for law in shown])
    return SharedLawsPublic(
        year=year, count=len(counted),
        data=[SharedLawPublic(law=briefs[law_id], units=units, claimed_units=by_claim, inferred_units=by_inference)
              for law_id, units, by_claim, by_inference, _ in shown],
    )


def _shared_law_counts(store: GraphStore, scope: LawScope, year: int | None, min_units: int) -> list[tuple]:
    """(law id, units, claimed units, inferred units, sort key) for the laws shared by `min_units`, most first.

    Units are counted through their sets of department types (a few hundred distinct sets even
    in a province): a law's inferred units are summed per set, and a claim counts extra only
    when the claiming unit's set names none of the law's types.
    """
    types_of_unit: dict[str, set[str]] = defaultdict(set)
    for row in store.read(queries.units_by_type()):
        for unit_id in row["unit_ids"]:
            types_of_unit[unit_id].add(row["type_id"])
    signature_of = {unit_id: frozenset(types) for unit_id, types in types_of_unit.items()}
    signatures = Counter(signature_of.values())
    laws_naming: dict[str, set[str]] = defaultdict(set)
    for row in store.read(queries.types_named_by_law(scope)):
        for type_id in row["type_ids"]:
            laws_naming[type_id].add(row["law_id"])
    inferred_laws = {s: set().union(*(laws_naming[type_id] for type_id in s)) for s in signatures}
    inferred = Counter()
    for signature, units in signatures.items():
        for law_id in inferred_laws[signature]:
            inferred[law_id] += units
    claimed, claimed_only = Counter(), Counter()
    for row in store.read(queries.current_claims(year)):
        law_ids = row["law_ids"] or []
        claimed.update(law_ids)
        claimed_only.update(set(law_ids) - inferred_laws.get(signature_of.get(row["unit_id"]), set()))
    counted = []
    for law_id, level, title in store.read(queries.law_sort_keys(scope))[0]["laws"]:
        units = inferred[law_id] + claimed_only[law_id]
        if units >= min_units:
            counted.append((law_id, units, claimed[law_id], inferred[law_id], law_order(law_id, level, title)))
    counted.sort(key=lambda law: (-law[1], law[4]))
    return counted


@dataclass
class Standing:
    """What speaks for one unit leading a law: its matching articles, its rows, its declarations."""

    unit: UnitBriefPublic
    matches: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)
    """Its checklist rows for the law (made into evidence only for the units an answer shows)."""
    declaring_items: list[Row] = field(default_factory=list)
    """Its rows for the law that name partner units: a declared 牵头."""
    partner_of: set[str] = field(default_factory=set)

    @property
    def articles(self) -> int:
        return len({row["article_id"] for row in self.matches})

    @property
    def duty_articles(self) -> list[str]:
        seen = {row["article_id"]: row for row in sorted(self.matches, key=article_sort_key) if row["role"] == "duty"}
        return [row["article_label"] or article_id for article_id, row in seen.items()]

    def evidence(self) -> list[ArticleMatchPublic]:
        return [article_match(row) for row in sorted(self.matches, key=article_sort_key)]

    def rank(self) -> tuple:
        return (-len(self.duty_articles), -bool(self.declaring_items), -self.articles, -bool(self.items),
                -len(self.items), *unit_sort_key(self.unit))


def suggest_lead(standings: list[Standing]) -> LeadPublic | None:
    """The best-ranked unit with a reason a person can check, or None without any evidence."""
    candidates = sorted((s for s in standings if s.matches or s.items), key=Standing.rank)
    if not candidates:
        return None
    best = candidates[0]
    reasons = []
    if best.duty_articles:
        types = sorted({row["type_name"] or row["type_id"] for row in best.matches if row["role"] == "duty"})
        reasons.append(
            f"its department type {'、'.join(types)} is named by {len(best.duty_articles)} duty article(s) "
            f"of the current version ({'、'.join(best.duty_articles)})"
        )
    if best.declaring_items:
        first = row_evidence(best.declaring_items)[0]
        reasons.append(f"it declared 牵头: its checklist row {first.row} ({first.source or first.checklist_id}) names partner units")
    if not reasons and best.articles:
        reasons.append(f"its department types are named by {best.articles} article(s), none stating a duty")
    if not reasons:
        reasons.append(
            f"no article names these units' department types and none declared 牵头; it has the most rows "
            f"for it ({len(best.items)}, ties broken by name)"
        )
    return LeadPublic(unit=best.unit, reason="; ".join(reasons))


def standings_for_law(
    departments: LawDepartments, law_id: str, claim_rows: list[Row], partners: dict[str, list[Row]],
    names: dict[str, str | None], unit_ids: set[str] | None = None,
) -> dict[str, Standing]:
    """Standings of the units that claim the law, are inferred for it or are named partners.

    `partners` holds the CO_UNIT links of the claiming rows by row id; `names` gives the names
    of inferred units that claim nothing; `unit_ids` restricts the units to those (a campaign group).
    """
    standings: dict[str, Standing] = {}

    def standing(unit_id: str, name: str | None) -> Standing:
        return standings.setdefault(unit_id, Standing(UnitBriefPublic(id=unit_id, name=name)))

    for row in claim_rows:
        claimant = standing(row["unit_id"], row["unit_name"])
        claimant.items.append(row)
        named = partners.get(row["item_id"], [])
        if named:
            claimant.declaring_items.append(row)
        for link in named:
            if unit_ids is None or link["id"] in unit_ids:
                standing(link["id"], link["name"]).partner_of.add(row["unit_id"])
    for unit_id, matches in departments.by_unit(law_id).items():
        if unit_ids is None or unit_id in unit_ids:
            standing(unit_id, names.get(unit_id)).matches.extend(matches)
    return standings


def shared_law(store: GraphStore, law_id: str, *, year: int | None = None) -> SharedDetailPublic:
    """Who shares one law: lead and co-units, with their rows, articles, audiences and methods."""
    law = fetch_law_briefs(store, [law_id]).get(law_id)
    if law is None:
        raise NotFound(f"no law with id {law_id!r}")
    year = checklist_year(store, year)
    claim_rows = store.read(queries.law_claims(law_id, year))
    links = _group_links({rel: store.read(queries.law_item_links(law_id, year, rel)) for rel in ("TARGETS", "USES", "CO_UNIT")})
    departments = LawDepartments.load(store, [law_id])
    known = {row["unit_id"] for row in claim_rows} | {link["id"] for links in links["CO_UNIT"].values() for link in links}
    names = unit_names(store, set(departments.by_unit(law_id)) - known)
    standings = standings_for_law(departments, law_id, claim_rows, links["CO_UNIT"], names)
    lead = suggest_lead(list(standings.values()))
    units = []
    for s in sorted(standings.values(), key=lambda s: (lead is None or s.unit.id != lead.unit.id, s.rank())):
        own = [row["item_id"] for row in s.items]
        units.append(SharedUnitPublic(
            unit=s.unit, role="lead" if lead and s.unit.id == lead.unit.id else "co", claimed=bool(s.items),
            declared_lead=bool(s.declaring_items), declared_partner_of=sorted(s.partner_of),
            articles=s.articles, duty_articles=len(s.duty_articles),
            audiences=_named(links["TARGETS"], own), methods=_named(links["USES"], own),
            items=row_evidence(s.items), evidence=s.evidence(),
        ))
    return SharedDetailPublic(law=law, year=year, lead=lead, units=units)


def campaigns(
    store: GraphStore, *, key_date_id: str | None = None, law_id: str | None = None, audience_id: str | None = None,
    year: int | None = None, region: str | None = None, min_units: int = 2, skip: int = 0, limit: int | None = 100,
    units_limit: int | None = 50,
) -> CampaignsPublic:
    """Groups of units that could run a joint campaign around one key date, law or audience.

    Rows of current checklists are taken for the anchor; for a key date or an audience they
    are grouped by the law they claim, for a law by the audience they target. A group needs
    `min_units` units; groups are sorted by size. The lead is chosen among all of a group's
    units; the group shows the lead and then the first `units_limit` units by name (in a
    province a group around 宪法 holds thousands), and its laws, audiences and calendar are
    those of the units shown. `region` keeps the units whose region contains it (a county's
    coordinator in a province-wide graph).
    """
    key = ("campaigns", key_date_id, law_id, audience_id, year, region, min_units, skip, limit, units_limit)
    return store.memoized(key, lambda: _campaigns(
        store, key_date_id=key_date_id, law_id=law_id, audience_id=audience_id, year=year, region=region,
        min_units=min_units, skip=skip, limit=limit, units_limit=units_limit))


def _campaigns(
    store: GraphStore, *, key_date_id: str | None = None, law_id: str | None = None, audience_id: str | None = None,
    year: int | None = None, region: str | None = None, min_units: int = 2, skip: int = 0, limit: int | None = 100,
    units_limit: int | None = 50,
) -> CampaignsPublic:
    """Work out `campaigns` (kept per graph stamp)."""
    anchors = {"key_date": (key_date_id, "KeyDate"), "law": (law_id, "Law"), "audience": (audience_id, "Audience")}
    given = [(kind, value, label) for kind, (value, label) in anchors.items() if value]
    if len(given) != 1:
        raise InputError("give exactly one of key_date_id, law_id, audience_id")
    anchor_kind, anchor_id, label = given[0]
    found = store.read(queries.node_name(label, anchor_id))
    if not found:
        raise NotFound(f"no {label} with id {anchor_id!r}")
    year = checklist_year(store, year)
    group_rel, shared_kind = ("TARGETS", "audience") if anchor_kind == "law" else ("CLAIMS", "law")
    sizes = [row for row in store.read(queries.campaign_groups(anchor_kind, anchor_id, year, group_rel, region))
             if row["units"] >= min_units]
    sizes.sort(key=lambda row: (-row["units"], row["name"] or "", row["id"]))
    shown = page(sizes, skip, limit)
    answer = CampaignsPublic(
        anchor=NamedPublic(id=anchor_id, name=found[0]["name"]), anchor_kind=anchor_kind, year=year, data=[],
        count=len(sizes),
    )
    if not shown:
        return answer
    group_ids = [row["id"] for row in shown]
    members: dict[str, list[Row]] = defaultdict(list)
    for row in store.read(queries.campaign_items(anchor_kind, anchor_id, year, group_rel, group_ids, region)):
        members[row.pop("group_id")].append(row)
    links = _group_links({
        rel: store.read(queries.campaign_item_links(anchor_kind, anchor_id, year, group_rel, group_ids, region, rel))
        for rel in ITEM_RELS
    })
    departments = LawDepartments.load(store, group_ids if shared_kind == "law" else [anchor_id])
    plans = [
        _GroupPlan.of(departments, NamedPublic(id=row["id"], name=row["name"]),
                      row["id"] if shared_kind == "law" else anchor_id, members[row["id"]], links["CO_UNIT"],
                      units_limit)
        for row in shown
    ]
    key_dates = _key_dates(store, links["SCHEDULED"])
    answer.data = [plan.group(shared_kind, links, key_dates) for plan in plans]
    return answer


@dataclass
class _GroupPlan:
    """One campaign group before its rows' links are fetched: its lead and the units it shows."""

    shared: NamedPublic
    unit_count: int
    lead: LeadPublic | None
    units: list[Standing]

    @classmethod
    def of(cls, departments: LawDepartments, shared: NamedPublic, law_id: str, rows: list[Row],
           partners: dict[str, list[Row]], units_limit: int | None) -> _GroupPlan:
        unit_ids = {row["unit_id"] for row in rows}
        names = {row["unit_id"]: row["unit_name"] for row in rows}
        standings = standings_for_law(departments, law_id, rows, partners, names, unit_ids)
        lead = suggest_lead(list(standings.values()))
        ordered = sorted(standings.values(), key=lambda s: (lead is None or s.unit.id != lead.unit.id,
                                                             *unit_sort_key(s.unit)))
        return cls(shared, len(standings), lead, page(ordered, 0, units_limit))

    def group(self, shared_kind: str, links: Links, key_dates: dict[str, KeyDatePublic]) -> CampaignGroupPublic:
        units = sorted(self.units, key=lambda s: unit_sort_key(s.unit))
        item_ids = [row["item_id"] for s in units for row in s.items]
        by_date: dict[str, dict[str, UnitBriefPublic]] = defaultdict(dict)
        for s in units:
            for row in s.items:
                for link in links["SCHEDULED"].get(row["item_id"], []):
                    by_date[link["id"]][s.unit.id] = s.unit
        calendar = sorted(
            (CalendarEntryPublic(key_date=key_dates[date_id], units=sorted(units_on.values(), key=unit_sort_key))
             for date_id, units_on in by_date.items()),
            key=lambda entry: (entry.key_date.month or 13, entry.key_date.day or 0, entry.key_date.id),
        )
        return CampaignGroupPublic(
            shared=self.shared, shared_kind=shared_kind, unit_count=self.unit_count,
            units=[CampaignUnitPublic(
                unit=s.unit, items=row_evidence(s.items),
                audiences=_named(links["TARGETS"], [row["item_id"] for row in s.items]),
                methods=_named(links["USES"], [row["item_id"] for row in s.items]),
            ) for s in units],
            laws=_named(links["CLAIMS"], item_ids), audiences=_named(links["TARGETS"], item_ids), lead=self.lead,
            calendar=calendar,
        )


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
    found = {link["id"]: link["name"] for item_id in item_ids for link in links.get(item_id, [])}
    return [NamedPublic(id=node_id, name=name) for node_id, name in sorted(found.items(), key=lambda kv: (kv[1] or "", kv[0]))]


def _key_dates(store: GraphStore, scheduled: dict[str, list[Row]]) -> dict[str, KeyDatePublic]:
    ids = sorted({link["id"] for links in scheduled.values() for link in links})
    if not ids:
        return {}
    return {row["id"]: KeyDatePublic(**row) for row in store.read(queries.key_dates(ids))}
