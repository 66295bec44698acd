"""The configured store, opened once for one command and seen through the answer cache, as the API sees it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from domain.base.cache import CachedStore
from graph.migrations import prepare
from graph.registry import open_store
from pufa.config import get_settings


@contextmanager
def opened_store(*, read_only: bool = False) -> Iterator[CachedStore]:
    """The configured store, checked to answer and with its schema in place."""
    store = open_store(get_settings(), read_only=read_only)
    try:
        store.ping()
        if not read_only:
            prepare(store)
        yield CachedStore(store)
    finally:
        store.close()
