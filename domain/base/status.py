"""The store's status: which store, and how many nodes of each kind it holds.

Counting reads every label (a dozen queries), so it is kept until the next write and asked for
at `/api/v1/status` and by `pufa status`; `/health` only pings the store.
"""

from __future__ import annotations

from pydantic import BaseModel

from domain.base.cache import CachedStore, kept_until_write


class StoreStatusPublic(BaseModel):
    kind: str
    location: str
    counts: dict[str, int]
    """Nodes per label."""


@kept_until_write
def store_status(store: CachedStore) -> StoreStatusPublic:
    return StoreStatusPublic(kind=store.kind, location=store.location, counts=store.counts())
