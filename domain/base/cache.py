"""The answer cache: a store seen through answers kept until the graph changes under them.

Every write transaction stamps the tables it wrote (graph.store), so whatever was worked out from
some tables stays right until one of them is stamped again: a checklist upload leaves the
catalogue's answers (type evidence, sort keys) and the register's (units and their types)
standing. Two kinds of things are kept: the whole-graph reads marked `Query.cached` (laws in
scope, department types per law, each checklist's claims), and aggregate answers of functions
decorated `@kept_until_write` (province-wide gap counts, campaign groups, downloads). What an
answer read is noted as it is worked out: every read through the store adds the tables its
statement reads (`Query.reads`), and a kept part it uses adds its own. A statement whose tables
cannot be told makes the answer depend on the whole graph's stamp, as every answer once did.
The stamps live in the graph, so a write by another process (a CLI ingest into Neo4j while the
API serves) is seen too: at once, or within the store's recheck interval for a server process
(`graph.stamps.KnownStamp`).

An answer worked out inside `CachedStore.one_stamp()` (a page, an API read) reads the stamps
once for all its parts, so its parts agree and Neo4j pays one round trip, not one per part; stamps
that could not be read fail the rest of the request at once, without another try.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from graph.footprint import noted, reading
from graph.query import Query, Row
from graph.stamps import GraphStamps
from graph.store import GraphStore, GraphWriteTx
from pufa.errors import NotFound, PufaError

T = TypeVar("T")
P = ParamSpec("P")

_PINNED_STAMPS: ContextVar[dict[int, GraphStamps | None | PufaError] | None] = ContextVar("pinned_stamps", default=None)
"""Within `CachedStore.one_stamp()`: each cached store's stamps as first read there (or why they could not be)."""


def _version(stamps: GraphStamps, tables: frozenset[str] | None) -> tuple:
    """What must stay the same for an answer that read these tables (None: the whole graph)."""
    if tables is None:
        return (stamps.graph,)
    return tuple(stamps.of(table) for table in sorted(tables))


@dataclass
class _Kept:
    value: Any
    compute: Callable[[], Any]
    tables: frozenset[str] | None
    version: tuple
    answer: bool
    """An answer visitors ask for, which `refresh` works out again; not a read that answers share,
    which is read again only when an answer needs it."""


class ReadCache:
    """Answers, each with the tables it read and their stamps when it was worked out.

    Stamps are random tokens, never reused, so an answer whose tables carry the stamps it was
    worked out under is still right. Each answer keeps how it was worked out, so that those whose
    tables have been written since can be worked out again (`CachedStore.refresh`)."""

    def __init__(self, size: int = 128):
        """`size` answers at the most, the least recently used dropped first: enough for every unit
        page of a county; a province-wide campaign answer is the largest kind (about 1 MB in memory)."""
        self._size = size
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple, _Kept] = OrderedDict()

    def get(self, stamps: GraphStamps, key: tuple) -> _Kept | None:
        """The answer for `key` if its tables have not been written since it was worked out."""
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or _version(stamps, kept.tables) != kept.version:
                return None
            self._answers.move_to_end(key)
            return kept

    def put(self, stamps: GraphStamps, key: tuple, value: Any, compute: Callable[[], Any],
            tables: frozenset[str] | None, *, answer: bool) -> None:
        """Keep a value worked out from these tables under these stamps (read before it was begun)."""
        with self._lock:
            self._answers[key] = _Kept(value, compute, tables, _version(stamps, tables), answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)

    def stale(self, stamps: GraphStamps) -> list[tuple[tuple, Callable[[], Any]]]:
        """The answers whose tables have been written since, most recently used first."""
        with self._lock:
            return [(key, kept.compute) for key, kept in reversed(self._answers.items())
                    if kept.answer and _version(stamps, kept.tables) != kept.version]


class CachedStore(GraphStore):
    """A graph store whose cached reads and kept answers last until the next write. It is a store
    itself (every call not about keeping goes to the store it wraps), so the domain hands it to ingest
    and writers as it is."""

    def __init__(self, store: GraphStore, *, size: int = 128, remembered: int = 32):
        self._store = store
        self._cache = ReadCache(size)
        self._remembered: OrderedDict[tuple, Any] = OrderedDict()
        self._remembered_size = remembered
        self._remembered_lock = threading.Lock()

    @property
    def kind(self) -> str:
        return self._store.kind

    @property
    def location(self) -> str:
        return self._store.location

    @property
    def remote(self) -> bool:
        return self._store.remote

    def ping(self) -> None:
        self._store.ping()

    def ensure_schema(self) -> None:
        self._store.ensure_schema()

    def clear(self) -> None:
        self._store.clear()

    def close(self) -> None:
        self._store.close()

    def _read(self, query: Query) -> list[Row]:
        return self._store.read(query)

    def counts(self) -> dict[str, int]:
        return self._store.counts()

    def read(self, query: Query) -> list[Row]:
        """The query's rows; those of a `cached` query are kept (each caller gets its own dicts)."""
        if not query.cached:
            return self._store.read(query)
        return [dict(row) for row in self._kept(query.key, functools.partial(self._store.read, query), answer=False)]

    def one(self, query: Query, missing: str) -> Row:
        """The first row of a read by id; NotFound with `missing` (what was asked for) when there is none."""
        rows = self.read(query)
        if not rows:
            raise NotFound(missing)
        return rows[0]

    @contextmanager
    def transaction(self) -> Iterator[GraphWriteTx]:
        """A write transaction on the store; its commit stamps the tables it wrote, which retires the
        answers kept from them."""
        with self._store.transaction() as tx:
            yield tx

    def kept(self, key: tuple, compute: Callable[[], T]) -> T:
        """The value for `key`, worked out by `compute` the first time and again once a table it read
        has been written since (every store read notes its tables: `graph.footprint`).

        Callers must treat it as read-only: later callers get the same object."""
        return self._kept(key, compute, answer=True)

    def _kept(self, key: tuple, compute: Callable[[], T], *, answer: bool) -> T:
        stamps = self.stamps()
        if stamps is None:
            return compute()
        kept = self._cache.get(stamps, key)
        if kept is not None:
            noted(kept.tables)  # an answer using this one read its tables too
            return kept.value
        with reading() as footprint:
            value = compute()
        self._cache.put(stamps, key, value, compute, footprint.frozen(), answer=answer)
        return value

    def remembered(self, key: tuple) -> Any:
        """What was last `remember`ed for `key` (None: nothing). Unlike a kept answer it outlasts every
        write, so it is never an answer itself: it is where an answer is brought up to date from
        (domain.base.tally), and must carry what tells how far it is out of date. Read-only."""
        with self._remembered_lock:
            if key in self._remembered:
                self._remembered.move_to_end(key)
            return self._remembered.get(key)

    def remember(self, key: tuple, value: Any) -> None:
        """Replace what is remembered for `key` (the least recently used of `remembered` keys go first)."""
        with self._remembered_lock:
            self._remembered[key] = value
            self._remembered.move_to_end(key)
            while len(self._remembered) > self._remembered_size:
                self._remembered.popitem(last=False)

    def holds(self, key: tuple) -> bool:
        """Whether the value for `key` is worked out and still good."""
        stamps = self.stamps()
        return stamps is not None and self._cache.get(stamps, key) is not None

    def refresh(self, limit: int = 16) -> int:
        """After a write, work out again the answers last asked for (the `limit` most recent) whose
        tables it wrote, so that the next visitors find them ready (the shared reads they rest on are
        read again only as they need them); returns how many were worked out."""
        stamps = self.stamps()
        if stamps is None:
            return 0
        pending = self._cache.stale(stamps)[:limit]
        for key, compute in pending:
            self.kept(key, compute)
        return len(pending)

    @contextmanager
    def one_stamp(self) -> Iterator[None]:
        """Work out one answer under one set of graph stamps: its kept parts agree with each other, and
        the stamps are read once. Not for spans that write: their own writes would not show."""
        if _PINNED_STAMPS.get() is not None:
            yield
            return
        token = _PINNED_STAMPS.set({})
        try:
            yield
        finally:
            _PINNED_STAMPS.reset(token)

    def stamp(self) -> str | None:
        """The graph's own stamp (renewed by every write): what a response's ETag derives from."""
        stamps = self.stamps()
        return stamps.graph if stamps else None

    def stamps(self) -> GraphStamps | None:
        pinned = _PINNED_STAMPS.get()
        if pinned is not None and id(self) in pinned:
            stamps = pinned[id(self)]
            if isinstance(stamps, PufaError):
                raise stamps
            return stamps
        try:
            stamps = self._store.stamps()
        except PufaError as exc:
            if pinned is not None:
                pinned[id(self)] = exc
            raise
        if pinned is not None:
            pinned[id(self)] = stamps
        return stamps


def kept_until_write(compute: Callable[Concatenate[CachedStore, P], T]) -> Callable[Concatenate[CachedStore, P], T]:
    """Keep what `compute(store, …)` answers until the next write to a table it read; the arguments
    after the store (hashable) are its key. For aggregate answers many visitors ask for between writes.
    It must read the graph through the store only (what else it depends on belongs in its arguments).
    `f.is_kept(store, …)` tells whether it is worked out already (then it costs nothing)."""
    name = f"{compute.__module__}.{compute.__qualname__}"

    def key(args: tuple, kwargs: dict) -> tuple:
        return name, args, tuple(sorted(kwargs.items()))

    @functools.wraps(compute)
    def kept(store: CachedStore, *args: P.args, **kwargs: P.kwargs) -> T:
        return store.kept(key(args, kwargs), functools.partial(compute, store, *args, **kwargs))

    kept.is_kept = lambda store, *args, **kwargs: store.holds(key(args, kwargs))  # type: ignore[attr-defined]
    return kept
