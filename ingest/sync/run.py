"""`pufa catalogue sync`: what changed in the official databases since the last sync, merged
into the store, source by source and level by level, incremental and resumable.

For each source and level the store keeps a SyncState: the date the last finished run reached
(`synced_to`). A run lists the rows published from that date to today (first the new and amended
texts, then for the 国家法律法规数据库 the rows 已废止), fetches the official text of each row the
store lacks, and merges the page by the catalogue's rules (ingest.laws.load.merge_laws: a newer
version supersedes, statuses move, a text's …同时废止 repeals). After every page it notes the next page, so a run
that stops (the network, a closed laptop) resumes where it stopped; a row merged twice changes
nothing the second time. Nothing is fetched except here, when a user starts a sync.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import httpx
from pydantic import BaseModel

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.load import merge_laws, stored_law_ids
from ingest.laws.merge import IN_FORCE, PENDING, REPEALED
from ingest.reference import write_reference
from ingest.report import IngestReport, LawChange, Skipped, Tracker, no_progress, timed
from ingest.sync.flk import CATEGORY_CODES, FlkClient, ListPage
from ingest.sync.gov_rules import LEVEL as GOV_RULES_LEVEL
from ingest.sync.gov_rules import GovRulesClient
from ingest.sync.official import OfficialLaw, OfficialText, catalogue_row, text_from_docx
from pufa.config import Settings
from pufa.errors import InputError

SOURCES = {"flk": "国家法律法规数据库", "gov_rules": "国家规章库"}
LEVELS = {**{level: "flk" for level in CATEGORY_CODES}, GOV_RULES_LEVEL: "gov_rules"}
"""Every level the sync reads, with the source that holds it."""
LOCAL_LEVEL = "地方性法规"
NEEDED_SETTINGS = {"PUFA_SYNC_PROVINCE": "本省名称", "PUFA_GOV_RULES_APP_KEY": "国家规章库的访问密钥"}
"""Settings some levels need, with what each holds."""


class SyncState(BaseModel):
    id: str
    source: str
    level: str
    phase: str | None = None
    window_from: str | None = None
    window_to: str | None = None
    page: int | None = None
    synced_to: str | None = None
    updated_at: str | None = None


def http_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The sync's HTTP client: its timeout, its proxy (Settings.sync_proxy, else the environment's)."""
    return httpx.Client(timeout=settings.sync_timeout_seconds, proxy=settings.sync_proxy, transport=transport,
                        follow_redirects=True, headers={"User-Agent": "pufa-graph catalogue sync"})


def sync_catalogue(
    store: GraphStore, http: httpx.Client, settings: Settings, *, today: date, now: str,
    levels: list[str] | None = None, since: str | None = None, track: Tracker = no_progress,
) -> IngestReport:
    """Sync the levels asked (all by default) and report the laws added, amended and repealed
    (`changes`, counted in `counts` with those unchanged) and what could not be done (`skipped`: an
    interrupted level is an error, so the run counts as failed until it is resumed)."""
    for level in levels or []:
        if level not in LEVELS:
            raise InputError(f"unknown level {level!r}; one of {', '.join(LEVELS)}", source="levels")
    report = IngestReport(kind="catalogue sync")
    with timed(report):
        write_reference(store)  # the department types and audiences new articles name
        for level in levels or list(LEVELS):
            source = LEVELS[level]
            if missing := missing_setting(level, settings):
                report.skipped.append(Skipped(source=level, reason=f"未设置 {missing}（{NEEDED_SETTINGS[missing]}），未同步"))
                continue
            state = _state(store, source, level, since=since, today=today)
            try:
                _sync_level(store, _client(source, http, settings), state, settings, report, today=today, now=now,
                            track=track)
            except (httpx.HTTPError, InputError) as error:
                report.skipped.append(Skipped(source=level, reason=f"error: 同步中断（{error}），下次从第 {state.page or 1} 页继续"))
        kinds = [change.kind for change in report.changes]
        report.counts = {kind: kinds.count(kind) for kind in ("added", "amended", "in force", "repealed", "unchanged")}
        report.changes = [change for change in report.changes if change.kind != "unchanged"]
    return report


def missing_setting(level: str, settings: Settings) -> str | None:
    """The setting a level needs and lacks (a key of NEEDED_SETTINGS); without it the level is not synced."""
    if level == LOCAL_LEVEL and not settings.sync_province:
        return "PUFA_SYNC_PROVINCE"
    if LEVELS[level] == "gov_rules" and settings.gov_rules_app_key is None:
        return "PUFA_GOV_RULES_APP_KEY"
    return None


def sync_states(store: GraphStore) -> list[SyncState]:
    """Where each source and level got to, in the order the sync runs them."""
    stored = {row["id"]: SyncState.model_validate(row) for row in store.read(queries.nodes.all_nodes("SyncState"))}
    return [stored.get(_state_id(source, level)) or SyncState(id=_state_id(source, level), source=source, level=level)
            for level, source in LEVELS.items()]


def _sync_level(
    store: GraphStore, client: FlkClient | GovRulesClient, state: SyncState, settings: Settings, report: IngestReport,
    *, today: date, now: str, track: Tracker,
) -> None:
    due = [row["title"] for row in store.read(queries.laws.laws_taking_effect(state.level, today.isoformat()))]
    if due:  # versions stored 尚未生效 whose day has come: their statuses settled again
        report.changes += merge_laws(store, [{"title": title} for title in due], today=today).changes
    words = (settings.sync_province or "") if state.level == LOCAL_LEVEL else ""
    phases = ["list", "repeals"] if isinstance(client, FlkClient) else ["list"]
    for index in range(phases.index(state.phase) if state.phase in phases else 0, len(phases)):
        phase = phases[index]
        first = state.page if state.phase == phase and state.page else 1
        if isinstance(client, GovRulesClient):
            pages = client.pages(first, since=state.window_from or "")
        elif phase == "list":
            pages = client.pages(state.level, first, since=state.window_from, until=state.window_to, words=words)
        else:
            pages = client.pages(state.level, first, repealed=True, words=words)
        advance: Callable[[int], None] | None = None
        for number, page in pages:
            advance = advance or track(f"{SOURCES[state.source]} {state.level}（{_phase_name(phase)}）", page.total)
            report.files += len(page.rows) + len(page.problems)
            report.skipped += [Skipped(source=state.level, reason=f"无法读取的条目：{problem}")
                               for problem in page.problems]
            _merge_page(store, client, list(_kept(page, words)), report, today=today)
            advance(len(page.rows) + len(page.problems))
            state.phase, state.page, state.updated_at = phase, number + 1, now
            _save(store, state)
        if index + 1 < len(phases):
            state.phase, state.page = phases[index + 1], 1
            _save(store, state)
    state.synced_to, state.updated_at = state.window_to, now
    state.phase = state.page = state.window_from = state.window_to = None
    _save(store, state)


def _merge_page(store: GraphStore, client: FlkClient | GovRulesClient, rows: list[OfficialLaw], report: IngestReport,
                *, today: date) -> None:
    """Merge a page's versions in force or ahead (with their texts when the store lacks them) and its
    repeals of stored laws; a 已修改 row (an old text) or the repeal of a law never stored changes nothing."""
    stored = stored_law_ids(store, [law.title for law in rows])
    merged, texts = [], []
    for law in (replace(row, stored_id=stored.get(row.title)) for row in rows):
        if law.status in (IN_FORCE, PENDING) or (law.status == REPEALED and law.stored_id is not None):
            text = _text(client, store, law, report)
            merged.append(catalogue_row(law, text))
            texts += [text] if text is not None else []
        else:
            report.changes.append(LawChange(kind="unchanged", title=law.title, law_id=law.law_id))
    if merged:
        report.changes += merge_laws(store, merged, texts=texts, today=today).changes


def _wants_text(store: GraphStore, law: OfficialLaw) -> bool:
    """Whether merging the row will write a text: a version in force or ahead that the store lacks."""
    if law.status not in (IN_FORCE, PENDING):
        return False
    held = store.read(queries.nodes.nodes_by("LawVersion", "law_id", [law.law_id]))
    return all(version["version_date"] != law.promulgated for version in held)


def _kept(page: ListPage, words: str) -> Iterator[OfficialLaw]:
    """The rows of a page to merge: a local level's rows of the bureau's province only."""
    return (law for law in page.rows if not words or words in law.title or words in (law.issuer or ""))


def _text(client: FlkClient | GovRulesClient, store: GraphStore, law: OfficialLaw, report: IngestReport) -> OfficialText | None:
    """The row's official text when the merge will want it; None (and a problem noted) when it cannot be had."""
    if not _wants_text(store, law):
        return None
    try:
        return client.text(law) if isinstance(client, GovRulesClient) else text_from_docx(law, client.docx(law))
    except (httpx.HTTPError, InputError) as error:
        report.skipped.append(Skipped(source=law.title, reason=f"未取得正文（{error}），先按目录收录"))
        return None


def _client(source: str, http: httpx.Client, settings: Settings) -> FlkClient | GovRulesClient:
    if source == "flk":
        return FlkClient(http, settings.flk_base_url)
    return GovRulesClient(http, settings.gov_rules_url, settings.gov_rules_app_key.get_secret_value())


def _state_id(source: str, level: str) -> str:
    return f"{source}:{level}"


def _state(store: GraphStore, source: str, level: str, *, since: str | None, today: date) -> SyncState:
    """The level's state, with a window to sync when no run is under way: from the last sync (or
    `since`, or the newest date the store holds for the level) to today."""
    rows = store.read(queries.nodes.nodes_by("SyncState", "id", [_state_id(source, level)]))
    state = SyncState.model_validate(rows[0]) if rows else SyncState(id=_state_id(source, level), source=source,
                                                                        level=level)
    if state.phase is not None:
        return state
    start = since or state.synced_to or store.read(queries.laws.newest_date_of_level(level))[0]["newest"]
    state.window_from, state.window_to, state.page = start, today.isoformat(), None
    return state


def _save(store: GraphStore, state: SyncState) -> None:
    batch = GraphBatch()
    batch.add_node("SyncState", state)
    GraphWriter(store).write(batch)


def _phase_name(phase: str) -> str:
    return {"list": "新增和修改", "repeals": "废止"}[phase]
