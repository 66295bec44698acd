"""The answer cache: a store seen through answers kept until the graph changes.

Every write transaction renews the graph stamp (graph.store), so whatever was worked out from
the graph stays right until the stamp changes. Two kinds of things are kept per stamp: the
whole-graph reads marked `Query.cached` (laws in scope, department types per law, each
checklist's claims), and aggregate answers of functions decorated `@kept_until_write`
(province-wide gap counts, campaign groups, downloads). The stamp lives in the graph, so a
write by another process (a CLI ingest into Neo4j while the API serves) is seen too: at once, or
within the store's recheck interval for a server process (`graph.store.KnownStamp`).

An answer worked out inside `CachedStore.one_stamp()` (a page, an API read) reads the stamp
once for all its parts, so its parts agree and Neo4j pays one round trip, not one per part; a
stamp that could not be read fails the rest of the request at once, without another try.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar

from graph.query import Query, Row
from graph.store import GraphStore, GraphWriteTx
from pufa.errors import NotFound, PufaError

T = TypeVar("T")
P = ParamSpec("P")

_PINNED_STAMPS: ContextVar[dict[int, str | None | PufaError] | None] = ContextVar("pinned_stamps", default=None)
"""Within `CachedStore.one_stamp()`: each cached store's stamp as first read there (or why it could not be)."""


class ReadCache:
    """Answers for one graph stamp; a new stamp empties it.

    Stamps are random tokens, never reused: a cleared graph has none (nothing is kept) and its
    next write brings a stamp this cache has not seen. Each answer keeps how it was worked out,
    so that those asked for under the previous stamp can be worked out again (`CachedStore.refresh`)."""

    def __init__(self, size: int = 128):
        """`size` answers at the most: enough for every unit page of a county between two writes; a
        province-wide campaign answer is the largest kind (about 1 MB in memory)."""
        self._size = size
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._answers: OrderedDict[tuple, tuple[Any, Callable[[], Any]]] = OrderedDict()
        self._asked_before: list[tuple[tuple, Callable[[], Any]]] = []
        """The previous stamp's keys and computations, most recently used first."""

    def get(self, stamp: str, key: tuple) -> Any:
        with self._lock:
            if stamp != self._stamp or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key][0]

    def put(self, stamp: str, key: tuple, value: Any, compute: Callable[[], Any]) -> None:
        with self._lock:
            self._advance(stamp)
            self._answers[key] = (value, compute)
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)

    def asked_before(self, stamp: str) -> list[tuple[tuple, Callable[[], Any]]]:
        """What was asked under the stamp before this one and is not worked out under this one yet."""
        with self._lock:
            self._advance(stamp)
            return [(key, compute) for key, compute in self._asked_before if key not in self._answers]

    def _advance(self, stamp: str) -> None:
        if stamp != self._stamp:
            self._asked_before = [(key, compute) for key, (_, compute) in reversed(self._answers.items())]
            self._stamp, self._answers = stamp, OrderedDict()


class CachedStore:
    """A graph store whose cached reads and kept answers last until the next write."""

    def __init__(self, store: GraphStore, *, size: int = 128):
        self.store = store
        self._cache = ReadCache(size)

    @property
    def kind(self) -> str:
        return self.store.kind

    @property
    def location(self) -> str:
        return self.store.location

    def read(self, query: Query) -> list[Row]:
        """The query's rows; those of a `cached` query are kept (each caller gets its own dicts)."""
        if not query.cached:
            return self.store.read(query)
        return [dict(row) for row in self.kept(query.key, functools.partial(self.store.read, query))]

    def one(self, query: Query, missing: str) -> Row:
        """The first row of a read by id; NotFound with `missing` (what was asked for) when there is none."""
        rows = self.read(query)
        if not rows:
            raise NotFound(missing)
        return rows[0]

    @contextmanager
    def transaction(self) -> Iterator[GraphWriteTx]:
        """A write transaction on the store; its commit renews the stamp, which retires every kept answer."""
        with self.store.transaction() as tx:
            yield tx

    def kept(self, key: tuple, compute: Callable[[], T]) -> T:
        """The value for `key` under the current stamp, worked out by `compute` the first time.

        Callers must treat it as read-only: later callers get the same object."""
        stamp = self.stamp()
        if stamp is None:
            return compute()
        value = self._cache.get(stamp, key)
        if value is None:
            value = compute()
            self._cache.put(stamp, key, value, compute)
        return value

    def holds(self, key: tuple) -> bool:
        """Whether the value for `key` is worked out under the current stamp already."""
        stamp = self.stamp()
        return stamp is not None and self._cache.get(stamp, key) is not None

    def refresh(self, limit: int = 16) -> int:
        """After a write, work out again the answers last asked for (the `limit` most recent), so
        that the next visitors find them ready; returns how many were worked out."""
        stamp = self.stamp()
        if stamp is None:
            return 0
        pending = self._cache.asked_before(stamp)[:limit]
        for key, compute in pending:
            self.kept(key, compute)
        return len(pending)

    @contextmanager
    def one_stamp(self) -> Iterator[None]:
        """Work out one answer under one graph stamp: its kept parts agree with each other, and the
        stamp is read once. Not for spans that write: their own writes would not show."""
        if _PINNED_STAMPS.get() is not None:
            yield
            return
        token = _PINNED_STAMPS.set({})
        try:
            yield
        finally:
            _PINNED_STAMPS.reset(token)

    def stamp(self) -> str | None:
        pinned = _PINNED_STAMPS.get()
        if pinned is not None and id(self) in pinned:
            stamp = pinned[id(self)]
            if isinstance(stamp, PufaError):
                raise stamp
            return stamp
        try:
            stamp = self.store.stamp()
        except PufaError as exc:
            if pinned is not None:
                pinned[id(self)] = exc
            raise
        if pinned is not None:
            pinned[id(self)] = stamp
        return stamp


def kept_until_write(compute: Callable[Concatenate[CachedStore, P], T]) -> Callable[Concatenate[CachedStore, P], T]:
    """Keep what `compute(store, …)` answers until the next write; the arguments after the store
    (hashable) are its key. For aggregate answers many visitors ask for between writes.
    `f.is_kept(store, …)` tells whether it is worked out already (then it costs nothing)."""
    name = f"{compute.__module__}.{compute.__qualname__}"

    def key(args: tuple, kwargs: dict) -> tuple:
        return name, args, tuple(sorted(kwargs.items()))

    @functools.wraps(compute)
    def kept(store: CachedStore, *args: P.args, **kwargs: P.kwargs) -> T:
        return store.kept(key(args, kwargs), functools.partial(compute, store, *args, **kwargs))

    kept.is_kept = lambda store, *args, **kwargs: store.holds(key(args, kwargs))  # type: ignore[attr-defined]
    return kept
