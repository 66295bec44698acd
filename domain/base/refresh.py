"""Refresh-ahead: after a write, the answers people last asked for are worked out again.

A write renews the graph stamp, which empties the read cache: the first visitor after an upload
would wait for every province-wide aggregate it needs (0.5–1.5 s each). A background thread
watches the stamp (a write by this process or by another one into Neo4j) and works those
answers out in advance. LadybugDB runs one statement at a time, so requests interleave with it.
"""

from __future__ import annotations

import logging
import threading

from domain.base.cache import CachedStore
from pufa.errors import PufaError

log = logging.getLogger(__name__)


class CacheRefresher:
    """Checks the stamp every `every_seconds` and refreshes the cache when it has changed."""

    def __init__(self, store: CachedStore, every_seconds: float):
        self._store = store
        self._every = every_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pufa-cache-refresh", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop and wait for a refresh under way, so that the store can close."""
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stopping.wait(self._every):
            try:
                refreshed = self._store.refresh()
            except PufaError as exc:
                log.warning("cache refresh skipped: %s", exc)
            except Exception:
                log.exception("cache refresh failed")
            else:
                if refreshed:
                    log.info("cache refresh: %d answers worked out for the new graph stamp", refreshed)
