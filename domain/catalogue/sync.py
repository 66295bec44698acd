"""Where `pufa catalogue sync` got to, source by source and level by level, for the administrator
(the page 目录同步, GET /api/v1/catalogue/sync). The sync itself runs as an ingest job
(domain.checklists.intake.start_job) or from the command line."""

from __future__ import annotations

from domain.accounts.accounts import Actor
from domain.base.cache import CachedStore
from domain.catalogue.models import CatalogueSyncPublic, SyncLevelPublic
from ingest.sync.run import SOURCES, missing_setting, sync_states
from pufa.config import Settings
from pufa.workflow import Permission


def sync_overview(store: CachedStore, actor: Actor, settings: Settings) -> CatalogueSyncPublic:
    """Each level's last sync and any run under way, with the setting it lacks if it cannot sync."""
    actor.require(Permission.BULK_INGEST)
    return CatalogueSyncPublic(data=[
        SyncLevelPublic(source=SOURCES[state.source], level=state.level, synced_to=state.synced_to, phase=state.phase,
                        page=state.page, missing_setting=missing_setting(state.level, settings))
        for state in sync_states(store)
    ])

