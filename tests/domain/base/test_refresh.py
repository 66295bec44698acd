"""The background refresher keeps working the last-asked answers out again until it is stopped,
and a failing refresh does not stop it."""

import threading

from domain.base.refresh import CacheRefresher
from pufa.errors import StoreUnavailable


class FlakyStore:
    """Refreshes fail the first time (the store is away), then succeed; the third call is awaited."""

    def __init__(self):
        self.calls = 0
        self.third = threading.Event()

    def refresh(self) -> int:
        self.calls += 1
        if self.calls == 1:
            raise StoreUnavailable("Neo4j is restarting")
        if self.calls == 3:
            self.third.set()
        return 1


def test_the_refresher_runs_until_stopped_and_outlives_a_failed_refresh():
    store = FlakyStore()
    refresher = CacheRefresher(store, every_seconds=0.001)
    refresher.start()
    assert store.third.wait(timeout=120), "the refresher stopped after a failed refresh"
    refresher.stop()
    calls = store.calls
    assert not refresher.running
    assert store.calls == calls
