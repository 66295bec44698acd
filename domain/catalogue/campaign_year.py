"""The coordinator's year: a campaign for every key date, formed whether or not a checklist scheduled it
yet, led by the unit a county would choose, with the co-units its laws and audiences call for; the
county's 重要时间节点清单 and 专项主题清单 drawn from them; and the bureau's corrections (the lead it
chose, the units it dropped), kept across re-ingests of the register and across years.

A county that has not planned a date yet is when it needs the plan most, so nothing here waits for a
checklist: the key dates, their usual lead departments, laws and audiences come from data/key_dates.yaml
and data/themes.yaml, the units from the register, the laws' authorities from the catalogue; the rows
already scheduled only mark a unit planned and add the laws the lead answers for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from domain.accounts.accounts import Actor
from domain.base.asked import checklist_year
from domain.base.briefs import all_unit_names, fetch_law_briefs, law_brief, unit_brief
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import Sheet
from domain.base.models import LawBriefPublic, UnitBriefPublic
from domain.base.tally import Changes, Snapshot, tally
from domain.catalogue.campaigns import in_region_of, key_date_label, region_units, unit_regions
from domain.catalogue.inference import responsible_units
from domain.catalogue.models import (
    CampaignYearPublic,
    DateCampaignPublic,
    DateCampaignUnitPublic,
    KeyDatePublic,
    NamedPublic,
    ThemePlanPublic,
    ThemePlansPublic,
)
from domain.catalogue.relevance import OWNING_TIERS, TIER_RANK, TIERS, EvidenceByType, evidence_by_type, type_names
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row
from pufa import vocab
from pufa.errors import InputError, NotFound
from pufa.workflow import Permission

JUSTICE = "justice"
"""The 司法行政部门: the county's 普法办 sits at the 司法局, which leads when no other unit fits."""
LAWS_NAMED = 3
"""Laws a list's 主要内容 names before 等."""
T = TypeVar("T")


def year_key_dates() -> list[vocab.Term]:
    """The key dates a county campaigns on (those with a usual lead), in calendar order (floating ones last)."""
    return sorted((term for term in vocab.key_dates() if term.leads),
                  key=lambda term: (term.month or 13, term.day or 0, term.id))


def when(term: vocab.Term) -> str:
    """12月4日, 12月 (a week or month), or the rule of a floating date."""
    if term.month and term.day:
        return f"{term.month}月{term.day}日"
    if term.month:
        return f"{term.month}月" + (f"（{term.rule}）" if term.rule else "")
    return term.rule or "日期另定"


@dataclass(slots=True)
class _Candidate:
    """A unit considered for one campaign, with what speaks for it (a province's county weighs 2,000 a year)."""

    unit_id: str
    name: str | None
    co_lead: str | None = None
    """The date's usual lead department it acts as, when it does without leading (6·1: 共青团, 妇联)."""
    laws: dict[str, list[str]] = field(default_factory=dict)
    """Tier -> the campaign's laws (short titles) it answers for in that tier (only the tiers it has)."""
    rows: int = 0
    audiences: list[str] = field(default_factory=list)

    @property
    def tier_rank(self) -> int:
        """The strongest relevance tier of the campaign's laws to it (len(TIERS): none)."""
        return min((TIER_RANK[tier] for tier in self.laws), default=len(TIERS))

    @property
    def owned_laws(self) -> int:
        return sum(len(laws) for laws in self.laws.values())

    def reasons(self) -> list[str]:
        """Why it is in the campaign, strongest ground first."""
        found = [f"通常参与牵头（{self.co_lead}）"] if self.co_lead else []
        for tier, role in (("principal", "主管部门"), ("related", "相关职责部门")):
            laws = self.laws.get(tier)
            if laws:
                found.append("".join(laws[:2]) + (f"等{len(laws)}部法律法规" if len(laws) > 2 else "") + f"的{role}")
        if self.rows:
            found.append(f"普法责任清单已安排该节点（{self.rows}条）")
        if self.audiences:
            found.append(f"普法对象含{'、'.join(self.audiences)}")
        return found


def importance(candidate: _Candidate) -> tuple:
    """How co-units are ranked: the date's other usual lead departments first, then by the strongest tier of
    the campaign's laws to them, how many of those laws they answer for and their rows on the date. The one
    place a finer importance of a unit's laws replaces."""
    return (not candidate.co_lead, candidate.tier_rank, -candidate.owned_laws, -candidate.rows,
            candidate.name or "", candidate.unit_id)


@dataclass
class _County:
    """What every campaign of a county's year is formed from, read once for all its key dates."""

    names: dict[str, str | None]
    acting: dict[str, list[str]]
    """Department type id -> the region's units answering for it."""
    chosen: dict[str, list[str]]
    """Key date id -> the region's units the bureau chose to lead it."""
    left_out: dict[str, set[str]]
    laws_by_title: dict[str, str]
    briefs: dict[str, LawBriefPublic]
    evidence: EvidenceByType
    scheduled: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    """Key date id -> unit id -> its rows on the date."""
    scheduled_laws: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    serving: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Audience id -> the units with rows addressing it."""
    types_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Unit id -> the department types it answers for (`acting` the other way round)."""
    _owners: dict[str, dict[str, str]] = field(default_factory=dict)
    _fitting: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, store: CachedStore, year: int | None, region: str | None) -> _County:
        """Read from what other answers keep too (the catalogue's evidence per department type, the units
        answering for each type, the rows per key date), so a write reads again only what it changed; a
        county in a province looks up its own units in them, not every unit's."""
        in_region = in_region_of(store, region)
        members = region_units(store, region) if region is not None else None

        def of_region(by_unit: dict[str, T]) -> Iterable[tuple[str, T]]:
            return by_unit.items() if members is None else ((unit, by_unit[unit]) for unit in members if unit in by_unit)

        corrections = {kind: defaultdict(list) for kind in queries.campaigns.CORRECTIONS}
        for kind, by_date in corrections.items():
            for row in store.read(queries.campaigns.campaign_corrections(kind)):
                if in_region(row["unit_id"]):
                    by_date[row["key_date_id"]].append(row["unit_id"])
        named = named_laws(store)
        county = cls(
            all_unit_names(store), {},
            {date_id: sorted(units) for date_id, units in corrections["lead"].items()},
            {date_id: set(units) for date_id, units in corrections["left_out"].items()},
            {brief.title: brief.id for brief in named.values()}, dict(named), evidence_by_type(store, LawScope()),
        )
        for unit_id, type_ids in of_region(_types_of_units(store)):
            county.types_of[unit_id] = list(type_ids)
            for type_id in type_ids:
                county.acting.setdefault(type_id, []).append(unit_id)
        for unit_id, rows in of_region(_anchored(store, "key_date", year)):
            for row in rows:
                for date_id, items, laws in zip(row["anchor_ids"], row["item_ids"], row["law_ids"], strict=True):
                    county.scheduled[date_id][unit_id] |= set(items)
                    county.scheduled_laws[date_id].update(laws)
        for unit_id, rows in of_region(_anchored(store, "audience", year)):
            for row in rows:
                for audience_id in row["anchor_ids"]:
                    county.serving[audience_id].add(unit_id)
        return county

    def law_ids(self, titles: Iterable[str]) -> list[str]:
        """The catalogue's laws of these titles (those it holds)."""
        return [self.laws_by_title[title] for title in titles if title in self.laws_by_title]

    def owners(self, law_id: str) -> dict[str, str]:
        """The region's units the law makes principal or related authority, with the strongest such tier."""
        if law_id not in self._owners:
            found: dict[str, str] = {}
            for type_id, unit_ids in self.acting.items():
                evidence = self.evidence.get(type_id, {}).get(law_id)
                for unit_id in unit_ids if evidence is not None else ():
                    if unit_id not in found or TIER_RANK[evidence.tier] < TIER_RANK[found[unit_id]]:
                        found[unit_id] = evidence.tier
            self._owners[law_id] = {unit_id: tier for unit_id, tier in found.items() if tier in OWNING_TIERS}
        return self._owners[law_id]

    def first_by_rows(self, unit_ids: Iterable[str], date_id: str) -> str | None:
        rows = self.scheduled[date_id]
        return min(unit_ids, key=lambda unit_id: (-len(rows.get(unit_id, ())), self.names.get(unit_id) or "", unit_id),
                   default=None)

    def short(self, law_id: str) -> str:
        return f"《{self.briefs[law_id].short_title or self.briefs[law_id].title}》"

    def own_laws(self, term: vocab.Term) -> list[str]:
        """The date's own laws, then its themes' laws."""
        return list(dict.fromkeys(self.law_ids([*term.laws, *(t for theme in themes_of(term) for t in theme.laws)])))

    def fitting_laws(self, term: vocab.Term, lead_id: str | None) -> list[str]:
        """The laws scheduled on the date, besides its own, that its lead answers for (principal or related)."""
        if term.id not in self._fitting:
            own = set(self.own_laws(term))
            self._fitting[term.id] = sorted(law_id for law_id in self.scheduled_laws[term.id] - own
                                            if self.answers_for(lead_id, law_id))
        return self._fitting[term.id]

    def answers_for(self, unit_id: str | None, law_id: str) -> bool:
        found = (self.evidence.get(type_id, {}).get(law_id) for type_id in self.types_of.get(unit_id, ()))
        return any(evidence is not None and evidence.tier in OWNING_TIERS for evidence in found)

    def campaign(self, term: vocab.Term, lead: tuple[str | None, str | None, str]) -> DateCampaignPublic:
        """One key date's campaign with its lead (`lead_of`): its laws, its co-units ranked, each planned or
        proposed (the briefs of its fitting laws must be read)."""
        dropped = self.left_out.get(term.id, set())
        lead_id, source, lead_reason = lead
        laws = [law_id for law_id in [*self.own_laws(term), *self.fitting_laws(term, lead_id)] if law_id in self.briefs]
        candidates: dict[str, _Candidate] = {}

        def candidate(unit_id: str) -> _Candidate:
            return candidates.get(unit_id) or candidates.setdefault(
                unit_id, _Candidate(unit_id, self.names.get(unit_id), rows=len(self.scheduled[term.id].get(unit_id, ()))))

        names = type_names()
        for type_id in term.leads:
            for unit_id in self.acting.get(type_id, ()):
                if unit_id != lead_id:
                    found = candidate(unit_id)
                    found.co_lead = found.co_lead or names.get(type_id, type_id)
        for law_id in laws:
            for unit_id, tier in self.owners(law_id).items():
                candidate(unit_id).laws.setdefault(tier, []).append(self.short(law_id))
        for unit_id in self.scheduled[term.id]:
            candidate(unit_id)
        audiences = {t.id: t.name for t in vocab.audiences()}
        for audience_id in term.audiences:
            for unit_id in self.serving.get(audience_id, ()):
                candidate(unit_id).audiences.append(audiences.get(audience_id, audience_id))
        lead = None
        if lead_id is not None:
            lead = self._unit(candidate(lead_id), term.id)
            lead.reasons.insert(0, lead_reason)
        co_units = sorted((found for unit_id, found in candidates.items() if unit_id != lead_id and unit_id not in dropped),
                          key=importance)
        return DateCampaignPublic(
            key_date=KeyDatePublic(id=term.id, name=term.name, month=term.month, day=term.day), when=when(term),
            laws=[self.briefs[law_id] for law_id in laws],
            themes=[NamedPublic(id=t.id, name=t.name) for t in themes_of(term)],
            audiences=[NamedPublic(id=a, name=audiences.get(a)) for a in term.audiences],
            lead=lead, lead_source=source, units=[self._unit(found, term.id) for found in co_units],
            left_out=sorted((UnitBriefPublic(id=unit_id, name=self.names.get(unit_id)) for unit_id in dropped),
                            key=lambda unit: (unit.name or "", unit.id)),
        )

    def lead_of(self, term: vocab.Term) -> tuple[str | None, str | None, str]:
        """(unit id, how it was found, why) of the unit the bureau chose; else of the unit acting as the date's
        usual lead department (the first such department the county has); else of the principal authority of
        the date's laws; else of the 司法局."""
        dropped = self.left_out.get(term.id, set())
        if self.chosen.get(term.id):
            return self.chosen[term.id][0], "bureau", "普法办指定由本单位牵头（以后各年沿用）"
        names = type_names()
        for type_id in term.leads:
            unit_id = self.first_by_rows(set(self.acting.get(type_id, ())) - dropped, term.id)
            if unit_id is not None:
                return unit_id, "usual", f"该节点通常由{names.get(type_id, type_id)}牵头，本单位承担这一职能"
        for law_id in self.own_laws(term):
            principal = [unit_id for unit_id, tier in self.owners(law_id).items()
                         if tier == "principal" and unit_id not in dropped]
            if principal:
                return self.first_by_rows(principal, term.id), "principal", f"{self.short(law_id)}的主管部门"
        unit_id = self.first_by_rows(set(self.acting.get(JUSTICE, ())) - dropped, term.id)
        if unit_id is not None:
            return unit_id, "justice", "本县无对口牵头部门，由普法办所在的司法行政部门牵头"
        return None, None, ""

    def _unit(self, found: _Candidate, date_id: str) -> DateCampaignUnitPublic:
        rows = len(self.scheduled[date_id].get(found.unit_id, ()))
        return DateCampaignUnitPublic(unit=UnitBriefPublic(id=found.unit_id, name=found.name), planned=rows > 0,
                                      rows=rows, reasons=found.reasons())


@kept_until_write
def _anchored(store: CachedStore, anchor: str, year: int | None) -> dict[str, list[Row]]:
    """Every current checklist's rows per key date (or audience), by unit, brought up to date after a write
    and kept till the next: each county's year reads its own units' from the same province-wide rows."""
    return tally(store, ("year campaigns", anchor, year), year, queries.campaigns.anchored_rows(anchor, year),
                 lambda checklist_ids: queries.campaigns.anchored_rows(anchor, year, checklist_ids),
                 _RowsByUnit.counted).by_unit


@dataclass(frozen=True)
class _RowsByUnit:
    """The rows of the current checklists in `snapshot` by unit, brought up to date unit by unit: a write
    changes one checklist of 15,000 in a province."""

    snapshot: Snapshot
    by_unit: dict[str, list[Row]]

    @classmethod
    def counted(cls, changes: Changes) -> _RowsByUnit:
        by_unit: dict[str, list[Row]] = defaultdict(list)
        for row in changes.rows:
            by_unit[row["unit_id"]].append(row)
        return cls(changes.snapshot, dict(by_unit))

    def updated(self, changes: Changes) -> _RowsByUnit:
        """A copy (these rows may be in use) with the rows of the checklists read again replaced."""
        by_unit = dict(self.by_unit)
        for before, now in changes.changed or ():
            for row in (before, now):
                if row is not None:  # the checklist's rows as they were go, in new lists
                    by_unit[row["unit_id"]] = [held for held in by_unit.get(row["unit_id"], ())
                                               if held["checklist_id"] != row["checklist_id"]]
            if now is not None:
                by_unit[now["unit_id"]].append(now)
        return _RowsByUnit(changes.snapshot, by_unit)


@kept_until_write
def _types_of_units(store: CachedStore) -> dict[str, tuple[str, ...]]:
    """Unit id -> the department types it answers for (`responsible_units` the other way round)."""
    types: dict[str, list[str]] = defaultdict(list)
    for type_id, unit_ids in responsible_units(store).items():
        for unit_id in unit_ids:
            types[unit_id].append(type_id)
    return {unit_id: tuple(type_ids) for unit_id, type_ids in types.items()}


def themes_of(term: vocab.Term) -> list[vocab.Term]:
    return [theme for theme in vocab.themes() if term.id in theme.key_dates]


def named_laws(store: CachedStore) -> dict[str, LawBriefPublic]:
    """The catalogue's laws that the key dates and themes name by title, by id."""
    titles = sorted({title for term in [*year_key_dates(), *vocab.themes()] for title in term.laws})
    return {row["id"]: law_brief(row) for row in store.read(queries.laws.laws_titled(titles))}


@kept_until_write
def campaign_year(store: CachedStore, year: int | None = None, region: str | None = None) -> CampaignYearPublic:
    """A campaign for every key date of the year in the county (`region`: the units whose region contains it;
    None: every unit), in calendar order: the 重要时间节点清单 as the bureau would issue it."""
    year = checklist_year(store, year)
    county = _County.of(store, year, region)
    leads = {term.id: county.lead_of(term) for term in year_key_dates()}
    fitting = {law_id for term in year_key_dates() for law_id in county.fitting_laws(term, leads[term.id][0])}
    county.briefs.update(fetch_law_briefs(store, fitting))
    data = [county.campaign(term, leads[term.id]) for term in year_key_dates()]
    return CampaignYearPublic(year=year, region=region, data=data, count=len(data))


def date_campaign(store: CachedStore, key_date_id: str, *, year: int | None = None,
                  region: str | None = None) -> DateCampaignPublic:
    """One key date's campaign of the year."""
    for found in campaign_year(store, year, region).data:
        if found.key_date.id == key_date_id:
            return found
    raise NotFound(f"no key date of the year with id {key_date_id!r}")


@kept_until_write
def theme_plans(store: CachedStore, year: int | None = None, region: str | None = None) -> ThemePlansPublic:
    """The 专项主题清单: each theme the bureau names with its laws, its key dates and their units."""
    year_answer = campaign_year(store, year, region)
    by_date = {found.key_date.id: found for found in year_answer.data}
    laws_by_title = {brief.title: brief for brief in named_laws(store).values()}
    data = []
    for theme in vocab.themes():
        dated = [by_date[date_id] for date_id in theme.key_dates if date_id in by_date]
        leads = list({found.lead.unit.id: found.lead.unit for found in dated if found.lead}.values())
        lead_ids = {unit.id for unit in leads}
        units = list({unit.unit.id: unit.unit for found in dated for unit in found.units
                      if unit.unit.id not in lead_ids}.values())
        data.append(ThemePlanPublic(
            theme=NamedPublic(id=theme.id, name=theme.name),
            laws=[laws_by_title[title] for title in theme.laws if title in laws_by_title],
            key_dates=[found.key_date for found in dated], leads=leads, units=units,
        ))
    return ThemePlansPublic(year=year_answer.year, region=region, data=data, count=len(data))


# --- the bureau's corrections --------------------------------------------------------------------


def correct_lead(store: CachedStore, actor: Actor, key_date_id: str, unit_id: str | None, *,
                 region: str | None = None) -> None:
    """Make `unit_id` lead the key date's campaign in its region, for this year and the next (None: take back
    the choice made in `region`, so the usual lead leads again). The bureau's (it plans the year)."""
    actor.require(Permission.PLAN_YEAR)
    _key_date_node(store, key_date_id)
    if unit_id is not None:
        unit_brief(store, unit_id)
        region = unit_regions(store).get(unit_id)
    in_region = in_region_of(store, region)
    previous = [row["unit_id"] for row in store.read(queries.campaigns.campaign_corrections("lead"))
                if row["key_date_id"] == key_date_id and in_region(row["unit_id"])]
    with store.transaction() as tx:
        if previous:
            tx.run(queries.campaigns.clear_campaign_corrections("lead", key_date_id, previous))
        if unit_id is not None:
            tx.upsert_edges(queries.campaigns.CORRECTIONS["lead"], [_correction(actor, unit_id, key_date_id)])


def leave_out(store: CachedStore, actor: Actor, key_date_id: str, unit_id: str, *, left_out: bool = True) -> None:
    """Drop a unit from the key date's campaign (False: restore it). The bureau's, like the lead."""
    actor.require(Permission.PLAN_YEAR)
    _key_date_node(store, key_date_id)
    unit_brief(store, unit_id)
    with store.transaction() as tx:
        if left_out:
            tx.upsert_edges(queries.campaigns.CORRECTIONS["left_out"], [_correction(actor, unit_id, key_date_id)])
        else:
            tx.run(queries.campaigns.clear_campaign_corrections("left_out", key_date_id, [unit_id]))


def _key_date_node(store: CachedStore, key_date_id: str) -> None:
    if key_date_id not in {term.id for term in year_key_dates()}:
        raise InputError(f"no key date of the year with id {key_date_id!r}", source="key_date_id")
    if not store.read(queries.nodes.node_name("KeyDate", key_date_id)):
        raise NotFound(f"no KeyDate with id {key_date_id!r}")


def _correction(actor: Actor, unit_id: str, key_date_id: str) -> Row:
    return {"src": unit_id, "dst": key_date_id, "by": actor.username, "at": datetime.now(UTC).isoformat(timespec="seconds")}


# --- the lists as a bureau issues them -----------------------------------------------------------


def _unit_list(units: Iterable[DateCampaignUnitPublic]) -> str:
    """Co-units by name, a proposed one (its checklist does not schedule the date yet) marked 建议."""
    return "、".join(f"{unit.unit.name or unit.unit.id}{'' if unit.planned else '（建议）'}" for unit in units)


def _laws_named(laws: list[LawBriefPublic]) -> str:
    shown = "、".join(f"《{law.short_title or law.title}》" for law in laws[:LAWS_NAMED])
    return shown + ("等法律法规" if len(laws) > LAWS_NAMED else "")


def key_dates_sheet(answer: CampaignYearPublic) -> Sheet:
    """重要时间节点清单: each key date with its content, lead and co-units."""
    rows = []
    for number, found in enumerate(answer.data, start=1):
        content = f"围绕{found.key_date.name}开展集中普法宣传" + (f"，重点宣传{_laws_named(found.laws)}" if found.laws else "")
        rows.append([number, key_date_label(found.key_date), found.when, content,
                     found.lead.unit.name if found.lead else "（待定）", _unit_list(found.units),
                     "、".join(a.name or a.id for a in found.audiences)])
    return Sheet("重要时间节点清单", ["序号", "时间节点", "时间", "主要内容", "牵头单位", "配合单位", "普法对象"], rows,
                 title=f"{answer.region or ''}{answer.year or ''}年度普法重要时间节点清单")


def themes_sheet(answer: ThemePlansPublic) -> Sheet:
    """专项主题清单: each theme with its laws, its key dates, and the units leading and joining them."""
    rows = [[number, plan.theme.name, "、".join(f"《{law.short_title or law.title}》" for law in plan.laws),
             "、".join(key_date_label(date) for date in plan.key_dates),
             "、".join(unit.name or unit.id for unit in plan.leads), "、".join(unit.name or unit.id for unit in plan.units)]
            for number, plan in enumerate(answer.data, start=1)]
    return Sheet("专项主题清单", ["序号", "专项主题", "重点法律法规", "时间节点", "牵头单位", "参与单位"], rows,
                 title=f"{answer.region or ''}{answer.year or ''}年度普法专项主题清单")


def county_units(store: CachedStore, region: str | None) -> list[UnitBriefPublic]:
    """The region's units by name: those the bureau can choose as a lead."""
    in_region = in_region_of(store, region)
    return sorted((UnitBriefPublic(id=unit_id, name=name) for unit_id, name in all_unit_names(store).items()
                   if in_region(unit_id)), key=lambda unit: (unit.name or "", unit.id))
