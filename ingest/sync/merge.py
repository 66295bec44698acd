"""What one official row changes in the store: the one place the sync writes laws (so the
catalogue's merge rules can take its place whole).

A law is known by its identity (pufa.laws.law_id of its title) and a version by the law and its
公布日期. A row in force (现行有效, 尚未生效) newer than every stored version adds a version and
makes it current, the older ones 已修改; a law the store lacks is added (with its text when the
source gave one, else as a catalogue entry without text); a row 已废止 of a law stored in force
repeals it. Laws the new text declares repealed (…同时废止) are repealed by it (REPEALED_BY), so a
checklist citing them is told what replaced them. A row already merged changes nothing, so a
resumed run may merge a row twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws import classify
from ingest.laws.graph import LawGroup, group_batch, link_articles, with_common_duty
from ingest.report import LawChange
from ingest.sync.official import OfficialLaw, OfficialText
from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord, law_id

IN_FORCE = ("现行有效", "尚未生效")


def identified(store: GraphStore, law: OfficialLaw) -> OfficialLaw:
    """The row with the id of the law the store holds under its title (whatever made that id)."""
    rows = store.read(queries.nodes.nodes_by("Law", "title", [law.title]))
    return replace(law, stored_id=rows[0]["id"]) if rows else law


def merge_official(store: GraphStore, law: OfficialLaw, text: OfficialText | None, *, today: date) -> LawChange:
    """Write what `law` (with its text, if fetched, read with the law's identity: `identified`)
    changes; say what it changed."""
    if text is not None and law.effective is None:
        law = replace(law, effective=text.effective)
    stored = _stored_law(store, law.law_id)
    versions = _versions(store, law.law_id)
    in_force = (law.effective or "") <= today.isoformat()
    if law.status == "已废止":
        if stored is None or stored.status == "已废止":
            return _change("unchanged", law)
        _write(store, [stored.model_copy(update={"status": "已废止"})], [], [])
        return _change("repealed", law)
    if law.status not in IN_FORCE or not is_newer(law, stored, versions):
        return _change("unchanged", law)
    has_text = text is not None and bool(text.articles)
    version = LawVersionRecord(
        id=law.version_id, law_id=law.law_id, title=law.title, version_date=law.promulgated,
        status="现行有效" if in_force else "尚未生效", promulgated=law.promulgated, effective=law.effective,
        history=text.history if text else [], source=f"{law.source}:{law.source_id}",
    )
    if stored is None:
        facts = LawFacts(
            id=law.law_id, title=law.title, short_title=law.short_title, level=law.level,
            status=version.status, issuer=law.issuer, promulgated=law.promulgated, effective=law.effective,
            region=classify.title_region(law.title) if classify.is_local(law.level) else None,
            current_version=law.version_id if has_text and in_force else None,
        )
        written = [version]
    elif in_force:
        facts = _amended(stored, law, law.version_id if has_text else stored.current_version)
        written = _current_among([*versions, version], version.id)
    else:
        facts, written = stored, [version]
    repealed = _repealed_by(store, text, law) if text and in_force else []
    _write(store, [facts, *repealed], written, text.articles if has_text else [],
           repealed_by=[(old.id, law.law_id, law.effective) for old in repealed])
    return _change("added" if stored is None else "amended", law, None if has_text else "无正文")


def take_effect(store: GraphStore, level: str, *, today: date) -> list[LawChange]:
    """Versions of a level stored 尚未生效 whose day has come, made current (the older 已修改)."""
    changes = []
    for row in store.read(queries.laws.versions_taking_effect(level, today.isoformat())):
        stored, versions = _stored_law(store, row["law_id"]), _versions(store, row["law_id"])
        version = next(v for v in versions if v.id == row["version_id"])
        has_text = bool(store.read(queries.laws.count_version_articles(version.id))[0]["n"])
        first = stored.current_version is None and stored.status == "尚未生效"
        facts = stored.model_copy(update={
            "status": "现行有效", "effective": version.effective,
            "amended": stored.amended if first else version.version_date,
            "current_version": version.id if has_text else stored.current_version,
        })
        _write(store, [facts], _current_among(versions, version.id), [])
        changes.append(LawChange(kind="in force", title=stored.title, law_id=stored.id, note=version.effective))
    return changes


def _change(kind: str, law: OfficialLaw, note: str | None = None) -> LawChange:
    return LawChange(kind=kind, title=law.title, law_id=law.law_id, note=note)


def _amended(stored: LawFacts, law: OfficialLaw, current_version: str | None) -> LawFacts:
    """The law with the row's version in force."""
    return stored.model_copy(update={
        "status": "现行有效", "amended": law.promulgated, "effective": law.effective,
        "issuer": law.issuer or stored.issuer, "current_version": current_version,
    })


def _current_among(versions: list[LawVersionRecord], current: str) -> list[LawVersionRecord]:
    """The versions with `current` in force and the ones in force before it 已修改."""
    return [v.model_copy(update={"status": "现行有效"}) if v.id == current
            else v.model_copy(update={"status": "已修改"}) if v.status == "现行有效" else v for v in versions]


def wants_text(store: GraphStore, law: OfficialLaw) -> bool:
    """Whether merging the row will write a text: a version in force the store lacks."""
    if law.status not in IN_FORCE:
        return False
    return is_newer(law, _stored_law(store, law.law_id), _versions(store, law.law_id))


def is_newer(law: OfficialLaw, stored: LawFacts | None, versions: list[LawVersionRecord]) -> bool:
    """Whether the row is a version the store lacks and newer than every version it holds."""
    if stored is None:
        return True
    if any(v.id == law.version_id for v in versions):
        return False
    newest = max((v.version_date or "" for v in versions), default="")
    return (law.promulgated or "") > max(newest, stored.amended or "", stored.promulgated or "")


def _stored_law(store: GraphStore, law: str) -> LawFacts | None:
    rows = store.read(queries.nodes.nodes_by("Law", "id", [law]))
    return LawFacts.model_validate(_set(rows[0])) if rows else None


def _versions(store: GraphStore, law: str) -> list[LawVersionRecord]:
    return [LawVersionRecord.model_validate(_set(row))
            for row in store.read(queries.nodes.nodes_by("LawVersion", "law_id", [law]))]


def _set(row: dict) -> dict:
    """A stored row's properties that are set (a store written by hand or an older release lacks some)."""
    return {key: value for key, value in row.items() if value is not None}


def _repealed_by(store: GraphStore, text: OfficialText, law: OfficialLaw) -> list[LawFacts]:
    """The stored laws in force that the new text declares repealed, now 已废止."""
    repealed = []
    for title in text.repeals:
        rows = store.read(queries.nodes.nodes_by("Law", "title", [title]))
        old = _stored_law(store, rows[0]["id"] if rows else law_id(title))
        if old is not None and old.status != "已废止":
            repealed.append(old.model_copy(update={"status": "已废止", "repealed_on": law.effective}))
    return repealed


def _write(store: GraphStore, laws: list[LawFacts], versions: list[LawVersionRecord], articles: list[ArticleRecord],
           *, repealed_by: list[tuple[str, str, str | None]] = ()) -> None:
    group = LawGroup(laws, versions, articles)
    batch = group_batch(group, link_articles(group.current_articles())) if articles else GraphBatch()
    if not articles:
        for law in laws:
            batch.add_node("Law", with_common_duty(law))
        for version in versions:
            batch.add_node("LawVersion", version)
            batch.add_edge("HAS_VERSION", version.law_id, version.id)
    for old, new, day in repealed_by:
        batch.add_edge("REPEALED_BY", old, new, date=day)
    GraphWriter(store).write(batch)
