"""Joint campaigns around a key date, a law or an audience: groups of units, each with the lead
a shared law would have (domain.catalogue.shared_laws) and the rows the units already planned; the
planner's key-date calendar and the plan to hand out (a spreadsheet)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import chain

from domain.base.asked import checklist_year, page
from domain.base.briefs import (
    all_unit_names,
    row_evidence,
    unit_sort_key,
    where_read,
)
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import Sheet
from domain.base.models import EVIDENCE_SHOWN, UnitBriefPublic
from domain.base.tally import Changes, Snapshot, rows_of, tally
from domain.catalogue.inference import LawDepartments, law_departments
from domain.catalogue.models import (
    UNITS_SHOWN,
    CalendarEntryPublic,
    CampaignGroupPublic,
    CampaignsPublic,
    CampaignUnitPublic,
    KeyDatePublic,
    NamedPublic,
)
from domain.catalogue.relevance import OWNING_TIERS, Relevance
from domain.catalogue.shared_laws import Standing, by_name, choose_lead, lead_public
from graph import queries
from graph.query import Row
from graph.schema import rel_type
from pufa import vocab
from pufa.errors import InputError, NotFound

ANCHOR_KINDS = {"key_date": "重要节点", "law": "法律法规", "audience": "普法对象"}
"""What a campaign gathers around, as a clerk names it."""
UNDATED = "全年及周期性"


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
    (domain.base.tally), so a campaign right after an upload reads the uploaded checklist's row only, and
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
    in_region = in_region_of(store, region)
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
    in_region = in_region_of(store, region) if law_id is None else None
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
        shown_inferred = _firstby_name(inferred, units_limit, reserved=not lead_is_member)
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
        return by_name({node_id: names.get(node_id) for row in rows for node_id in row[column]})


def _firstby_name(standings: list[Standing], limit: int | None, *, reserved: bool) -> list[Standing]:
    """The first `limit` standings by name (all without a limit), one place fewer when the lead takes it."""
    if limit is None:
        return sorted(standings, key=Standing.name_key)
    return heapq.nsmallest(max(0, limit - reserved), standings, key=Standing.name_key)


def in_region_of(store: CachedStore, region: str | None) -> Callable[[str], bool]:
    """Whether a unit lies in the region asked for (every unit without one): a set's membership, since a
    province-wide read is filtered row by row (the year's campaigns ask it 45,000 times)."""
    if region is None:
        return lambda unit_id: True
    return region_units(store, region).__contains__


def region_units(store: CachedStore, region: str) -> frozenset[str]:
    """The units whose region contains `region`, found among the register's few distinct regions."""
    return frozenset().union(*(units for name, units in _units_by_region(store).items() if region in name))


@kept_until_write
def unit_regions(store: CachedStore) -> dict[str, str | None]:
    """Every unit's region, for placing inferred units in a coordinator's region."""
    return {unit_id: region for unit_id, region in store.read(queries.units.unit_regions())[0]["units"]}


@kept_until_write
def _units_by_region(store: CachedStore) -> dict[str, frozenset[str]]:
    """The units of each region the register names ('' for none): a province has some hundred."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for unit_id, region in unit_regions(store).items():
        grouped[region or ""].add(unit_id)
    return {region: frozenset(units) for region, units in grouped.items()}


def key_date_label(key_date: KeyDatePublic) -> str:
    """国家宪法日（12·4）, 安全生产月（6月）, 全年."""
    name = key_date.name or key_date.id
    if key_date.month and key_date.day:
        return f"{name}（{key_date.month}·{key_date.day}）"
    if key_date.month and name != f"{key_date.month}月":
        return f"{name}（{key_date.month}月）"
    return name


@dataclass(frozen=True)
class CalendarDate:
    key_date: KeyDatePublic
    groups: int
    """Groups of at least two units whose rows are scheduled on it."""


def key_date_calendar(store: CachedStore, *, year: int | None, region: str | None) -> dict[str, list[CalendarDate]]:
    """The planner's calendar of the shipped key dates (data/key_dates.yaml, which every ingest writes to the
    graph): month (1月 … 12月, then undated ones such as 全年, 每季度) → its key dates in day order, each with
    how many unit groups could campaign together on it."""
    calendar: dict[str, list[CalendarDate]] = {f"{month}月": [] for month in range(1, 13)}
    calendar[UNDATED] = []
    terms = sorted(vocab.key_dates(), key=lambda term: (term.month or 13, term.day or 0, term.id))
    for term in terms:
        groups = campaigns(store, key_date_id=term.id, year=year, region=region, limit=0).count
        key_date = KeyDatePublic(id=term.id, name=term.name, month=term.month, day=term.day)
        calendar[f"{term.month}月" if term.month else UNDATED].append(CalendarDate(key_date, groups))
    return calendar


def campaign_sheet(answer: CampaignsPublic) -> Sheet:
    """One row per unit and group: role, its checklist rows, audiences, methods and dates, as a plan to hand out."""
    header = ["分组", "单位", "角色", "清单条目", "普法对象", "普法方式", "时间节点"]
    rows = []
    for group in answer.data:
        lead_id = group.lead.unit.id if group.lead else None
        for unit in group.units:
            dates = [key_date_label(entry.key_date) for entry in group.calendar
                     if unit.unit.id in {member.id for member in entry.units}]
            rows.append([
                group.shared.name, unit.unit.name, "牵头单位" if unit.unit.id == lead_id else "配合单位",
                "\n".join(f"{item.law_text}（{where_read(item)}）" for item in unit.items),
                "、".join(a.name or a.id for a in unit.audiences), "、".join(m.name or m.id for m in unit.methods),
                "、".join(dates),
            ])
        for unit in group.inferred:
            role = "牵头单位" if unit.id == lead_id else "建议参加（主管或相关部门，尚无条目）"
            rows.append([group.shared.name, unit.name, role, "", "", "", ""])
    title = f"{answer.year}年联合普法活动：{ANCHOR_KINDS[answer.anchor_kind]}“{answer.anchor.name}”"
    return Sheet("联合普法活动", header, rows, title=title)
