"""The 领导干部应知应会法律法规清单 (法治宣传教育法 第三十七条): each unit lists, for its leading cadres,
the Constitution and the laws closely related to its duties, and adjusts the list as the law changes.

The graph proposes it: the Constitution, the common duties every unit has (data/common_duties.yaml),
then the laws most important to the unit (`important_laws`: the order the unit's applicable laws
come in). The unit's liaison saves the proposal or its own edit as a new version and confirms it;
versions are kept, never rewritten. The list is flagged when a law on it was amended or repealed
after its version was made, or a law that concerns the unit came into force since. Nothing here is
typed again: the laws come from the catalogue and the unit's checklist."""

from __future__ import annotations

from domain.accounts.accounts import Actor
from domain.base.briefs import law_order, unit_brief
from domain.base.cache import CachedStore
from domain.base.documents import WordDocument, chinese_date
from domain.catalogue import coverage
from domain.checklists.models import DutyLawPublic, DutyListPublic, DutyListVersionPublic
from graph import queries
from graph.query import Row
from pufa.clock import Clock, stamp, system_clock
from pufa.config import Settings
from pufa.errors import Conflict, InputError, NotFound
from pufa.workflow import Permission

OWN_LAWS = 20
"""How many of the unit's own laws the proposal lists: what leading cadres can be expected to know."""
MOST_LAWS = 200
"""The most laws a saved list may hold."""
GROUPS = {"constitution": "宪法", "common": "共性法律法规", "own": "与本单位职责密切相关的法律法规"}
STATES = {"draft": "待确认", "confirmed": "已确认"}
CHANGES = {"amended": "已修改，请核对", "repealed": "已废止，请调整", "new": "新施行，涉及本单位"}
NOT_LISTED = frozenset({"已废止", "尚未生效"})
"""A proposal leaves out laws no longer or not yet in force."""


def important_laws(store: CachedStore, unit_id: str, limit: int) -> list[str]:
    """The laws most important to a unit, most important first: the one place the list asks for this
    order (today the order of the unit's applicable laws, domain.catalogue.coverage)."""
    found = coverage.applicable(store, unit_id, limit=limit)
    ranked = [law.law.id for law in found.inferred if law.law.status not in NOT_LISTED]
    claimed = [law.law.id for law in found.claimed if law.law.status not in NOT_LISTED and not law.law.is_common]
    return list(dict.fromkeys([*ranked, *claimed]))[:limit]


def _common(store: CachedStore) -> list[Row]:
    return sorted(store.read(queries.duty_laws.common_laws()), key=lambda r: law_order(r["id"], r["level"], r["title"]))


def proposal(store: CachedStore, unit_id: str) -> list[DutyLawPublic]:
    """What the graph proposes for the unit now."""
    common = _common(store)
    listed = [DutyLawPublic(id=r["id"], title=r["title"], status=r["status"],
                            group="constitution" if r["level"] == "宪法" else "common",
                            group_name=GROUPS["constitution" if r["level"] == "宪法" else "common"]) for r in common]
    seen = {law.id for law in listed}
    own = [law_id for law_id in important_laws(store, unit_id, OWN_LAWS + len(seen)) if law_id not in seen][:OWN_LAWS]
    facts = {r["id"]: r for r in store.read(queries.duty_laws.law_changes(own))} if own else {}
    listed += [DutyLawPublic(id=law_id, title=facts[law_id]["title"], status=facts[law_id]["status"], group="own",
                             group_name=GROUPS["own"]) for law_id in own if law_id in facts]
    return listed


def _version(row: Row) -> DutyListVersionPublic:
    laws = [DutyLawPublic(id=law_id, title=title, status=status, group=group, group_name=GROUPS.get(group, group))
            for law_id, title, status, group in zip(row["law_ids"] or [], row["law_titles"] or [],
                                                    row["law_statuses"] or [], row["law_groups"] or [])]
    return DutyListVersionPublic(version=row["version"], state=row["state"], state_name=STATES[row["state"]], laws=laws,
                                 creator=row["creator"], created_at=row["created_at"], confirmed_by=row["confirmed_by"],
                                 confirmed_at=row["confirmed_at"])


def _flags(store: CachedStore, current: DutyListVersionPublic, proposed: list[DutyLawPublic]) -> list[DutyLawPublic]:
    """Laws on the list amended or repealed after it was made, and proposed laws in force since then."""
    made = (current.created_at or "")[:10]
    on_list = {law.id for law in current.laws}
    facts = {r["id"]: r for r in store.read(queries.duty_laws.law_changes(sorted(on_list | {p.id for p in proposed})))}
    flagged = []
    for law in current.laws:
        now = facts.get(law.id)
        if now is None:
            continue
        if now["status"] == "已废止" and law.status != "已废止":
            change = "repealed"
        elif (now["amended"] or "") > made or (now["status"] != law.status and now["status"] == "已修改"):
            change = "amended"
        else:
            continue
        flagged.append(law.model_copy(update={"status": now["status"], "change": change, "change_name": CHANGES[change]}))
    for law in proposed:
        now = facts.get(law.id)
        if law.id not in on_list and now and max(now["effective"] or "", now["promulgated"] or "") > made:
            flagged.append(law.model_copy(update={"change": "new", "change_name": CHANGES["new"]}))
    return flagged


def duty_list(store: CachedStore, actor: Actor, unit_id: str) -> DutyListPublic:
    """A unit's list: its versions (newest first), what changed since the latest, and the proposal."""
    actor.require_unit(unit_id)
    return _duty_list(store, unit_id)


def _duty_list(store: CachedStore, unit_id: str) -> DutyListPublic:
    unit = unit_brief(store, unit_id)
    versions = sorted((_version(row) for row in store.read(queries.duty_laws.duty_lists(unit_id))),
                      key=lambda v: -v.version)
    proposed = proposal(store, unit_id)
    current = versions[0] if versions else None
    return DutyListPublic(unit=unit, current=current, flags=_flags(store, current, proposed) if current else [],
                          proposal=proposed, versions=versions)


def save(store: CachedStore, actor: Actor, unit_id: str, law_ids: list[str] | None = None, *,
         clock: Clock = system_clock) -> DutyListPublic:
    """A new version: the graph's proposal (no `law_ids`), or the unit's own edit of it, in the order given."""
    actor.require(Permission.EDIT_OWN)
    actor.require_unit(unit_id)
    proposed = proposal(store, unit_id)
    if law_ids is None:
        laws = proposed
    else:
        wanted = list(dict.fromkeys(law_id.strip() for law_id in law_ids if law_id and law_id.strip()))
        if not wanted or len(wanted) > MOST_LAWS:
            raise InputError(f"a list holds 1 to {MOST_LAWS} laws", location="law_ids")
        facts = {r["id"]: r for r in store.read(queries.duty_laws.law_changes(wanted))}
        unknown = [law_id for law_id in wanted if law_id not in facts]
        if unknown:
            raise NotFound(f"no law with id {unknown[0]!r}")
        groups = {law.id: law.group for law in proposed}
        common = {r["id"] for r in _common(store)}
        laws = []
        for law_id in wanted:
            group = groups.get(law_id) or ("constitution" if facts[law_id]["level"] == "宪法" else
                                           "common" if law_id in common else "own")
            laws.append(DutyLawPublic(id=law_id, title=facts[law_id]["title"], status=facts[law_id]["status"],
                                      group=group, group_name=GROUPS[group]))
    at = stamp(clock())
    with store.transaction() as tx:
        [last] = tx.run(queries.duty_laws.lock_duty_lists(unit_id))
        version = int(last["version"] or 0) + 1
        list_id = f"{unit_id}#DL{version}"
        tx.upsert_nodes("DutyLawList", [{
            "id": list_id, "unit_id": unit_id, "version": version, "law_ids": [law.id for law in laws],
            "law_titles": [law.title for law in laws], "law_statuses": [law.status or "" for law in laws],
            "law_groups": [law.group for law in laws], "state": "draft", "created_by": actor.id,
            "creator": actor.label, "created_at": at, "confirmed_by": None, "confirmed_at": None}])
        tx.upsert_edges("KEEPS_LIST", [{"src": unit_id, "dst": list_id}])
    return _duty_list(store, unit_id)


def confirm(store: CachedStore, actor: Actor, unit_id: str, version: int, *, clock: Clock = system_clock) -> DutyListPublic:
    """The unit confirms its latest version: it is what its leading cadres study, and what the public reads."""
    actor.require(Permission.EDIT_OWN)
    actor.require_unit(unit_id)
    found = _duty_list(store, unit_id)
    if found.current is None or found.current.version != version:
        raise Conflict(f"version {version} is not the latest version of the list", state="superseded",
                       advice="这一版已有更新的版本，请重新打开应知应会清单，确认最新一版。")
    if found.current.state == "confirmed":
        raise Conflict(f"version {version} is already confirmed", state="confirmed",
                       advice="这一版已经确认，无需再次确认；如需调整，请勾选后保存为新版本再确认。")
    with store.transaction() as tx:
        tx.run(queries.duty_laws.confirm_duty_list(f"{unit_id}#DL{version}", actor.label, stamp(clock()), "confirmed"))
    return _duty_list(store, unit_id)


def published(store: CachedStore, unit_id: str) -> DutyListVersionPublic:
    """The latest confirmed version: what the public reads (no account)."""
    for version in _duty_list(store, unit_id).versions:
        if version.state == "confirmed":
            return version
    raise NotFound(f"unit {unit_id!r} has not confirmed its 应知应会 list")


def duty_list_docx(store: CachedStore, unit_id: str, settings: Settings, *, actor: Actor | None = None) -> bytes:
    """The list as a Word document: the latest version for the unit and the bureau, else the confirmed one."""
    unit = unit_brief(store, unit_id)
    if actor is not None:
        actor.require_unit(unit_id)
        current = _duty_list(store, unit_id).current
        if current is None:
            raise NotFound(f"unit {unit_id!r} has no 应知应会 list yet")
    else:
        current = published(store, unit_id)
    document = WordDocument()
    document.title(f"{unit.name}领导干部应知应会法律法规清单")
    document.centred(f"（第{current.version}版，{current.state_name}）")
    document.body("根据《中华人民共和国法治宣传教育法》第三十七条，列出宪法和与本单位职责密切相关的法律法规，"
                  "供领导干部学习掌握，并根据法律法规的制定、修改和废止情况适时调整。")
    for group, name in GROUPS.items():
        laws = [law for law in current.laws if law.group == group]
        if laws:
            document.heading(name)
            document.table(["序号", "名称", "时效性"], [[n, law.title, law.status] for n, law in enumerate(laws, 1)])
    confirmed = f"，{chinese_date(current.confirmed_at)}确认" if current.confirmed_at else ""
    document.signature(f"{unit.name}{confirmed}")
    return document.bytes()


def units_confirmed(store: CachedStore) -> set[str]:
    """The units with a confirmed list (the county report counts them)."""
    return {row["unit_id"] for row in store.read(queries.duty_laws.confirmed_units("confirmed"))}

