"""The configured store, opened for one command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graph.migrations import prepare
from graph.registry import open_store
from graph.store import GraphStore
from pufa.config import get_settings


@contextmanager
def opened_store(*, read_only: bool = False) -> Iterator[GraphStore]:
    """The configured store, checked to answer and with its schema in place."""
    store = open_store(get_settings(), read_only=read_only)
    try:
        store.ping()
        if not read_only:
            prepare(store)
        yield store
    finally:
        store.close()
