"""Whole-graph reads of the current checklists, brought up to date instead of read again.

A province has 15,000 current checklists; a unit's upload changes one. The province-wide
answers that read one row per checklist (each one's claimed laws for `/shared`, its rows for a
key date or audience for a campaign) remember what they read (`CachedStore.remember`), and after a
checklist write read again only the checklists whose summary stamp changed (every write of a
checklist's summary renews it: graph.queries.checklists): one read of the stamps (`current_summaries`,
two short strings per checklist) and one of the few that changed, instead of every checklist's lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Protocol, TypeVar

from domain.base.cache import CachedStore, kept_until_write
from graph import queries
from graph.query import Query, Row

Snapshot = dict[str, tuple[str | None, Row | None]]
"""Current checklist id -> (its summary stamp when read, its row; None: the read had none for it)."""


@dataclass(frozen=True)
class Changes:
    """What a snapshot holds now, and how it differs from the one it was brought up from."""

    snapshot: Snapshot
    changed: list[tuple[Row | None, Row | None]] | None
    """(row before, row now) of each checklist read again, or that stopped being current; None: read
    whole (nothing to bring up to date from)."""

    @property
    def rows(self) -> list[Row]:
        return rows_of(self.snapshot)


def rows_of(snapshot: Snapshot) -> list[Row]:
    return [row for _, row in snapshot.values() if row is not None]


def brought_up_to_date(store: CachedStore, year: int | None, previous: Snapshot | None, read_all: Query,
                       read_some: Callable[[list[str]], Query]) -> Changes:
    """The rows of `read_all` per current checklist of the year (each row carries `checklist_id`
    and `stamp`): from `previous`, reading again (`read_some`) only the checklists whose stamp
    changed or that are new; with no previous, `read_all` whole."""
    [summaries] = store.read(queries.checklists.current_summaries(year))
    stamps = {checklist_id: stamp or None for checklist_id, stamp in zip(summaries["ids"], summaries["stamps"])}
    if previous is None:
        read = {row["checklist_id"]: row for row in store.read(read_all)}
        snapshot = {checklist_id: (read[checklist_id]["stamp"], read[checklist_id]) if checklist_id in read
                    else (stamp, None) for checklist_id, stamp in stamps.items()}
        return Changes(snapshot, None)
    stale = {checklist_id for checklist_id, stamp in stamps.items()
             if stamp is None or previous.get(checklist_id, (None, None))[0] != stamp}
    read = {row["checklist_id"]: row for row in store.read(read_some(sorted(stale)))} if stale else {}
    snapshot = dict(previous)
    changed = [(snapshot.pop(checklist_id)[1], None) for checklist_id in previous.keys() - stamps.keys()]
    for checklist_id in stale:
        row = read.get(checklist_id)
        changed.append((snapshot.get(checklist_id, (None, None))[1], row))
        snapshot[checklist_id] = (row["stamp"], row) if row is not None else (stamps[checklist_id], None)
    return Changes(snapshot, changed)


class Tally(Protocol):
    """Something counted from the current checklists in its `snapshot`, which can be brought up to date."""

    snapshot: Snapshot

    def updated(self, changes: Changes) -> Tally: ...


TallyT = TypeVar("TallyT", bound=Tally)


def tally(store: CachedStore, key: tuple, year: int | None, read_all: Query, read_some: Callable[[list[str]], Query],
          count: Callable[[Changes], TallyT], still_good: Callable[[TallyT], bool] = lambda _: True) -> TallyT:
    """The tally remembered under `key`, brought up to date (which `key` then remembers); counted whole
    by `count` when there is none yet, or when it is no longer `still_good` (counted with other facts)."""
    previous: TallyT | None = store.remembered(key)
    usable = previous is not None and still_good(previous)
    changes = brought_up_to_date(store, year, previous.snapshot if usable else None, read_all, read_some)
    counted = previous.updated(changes) if usable and changes.changed is not None else count(changes)
    store.remember(key, counted)
    return counted


@dataclass(frozen=True)
class Rows:
    """The rows themselves, as they are."""

    snapshot: Snapshot

    @classmethod
    def counted(cls, changes: Changes) -> Rows:
        return cls(changes.snapshot)

    def updated(self, changes: Changes) -> Rows:
        return Rows(changes.snapshot)


def current_rows(store: CachedStore, key: tuple, year: int | None, read_all: Query,
                 read_some: Callable[[list[str]], Query]) -> list[Row]:
    """`read_all`'s rows, brought up to date from those remembered under `key`."""
    return rows_of(tally(store, key, year, read_all, read_some, Rows.counted).snapshot)


@dataclass(frozen=True)
class Claims:
    """Per law, how many current checklists of a year claim it (a province: 600,000 claims of 15,000
    checklists), counted from the checklists in `snapshot`."""

    snapshot: Snapshot
    claimed: Counter

    @classmethod
    def counted(cls, changes: Changes) -> Claims:
        return cls(changes.snapshot, Counter(chain.from_iterable(row["law_ids"] or () for row in changes.rows)))

    def updated(self, changes: Changes) -> Claims:
        """Brought up to date with the checklists read again (a copy: these claims may be in use)."""
        claimed = Counter(self.claimed)
        for before, now in changes.changed or ():
            claimed.subtract(before["law_ids"] or () if before else ())
            claimed.update(now["law_ids"] or () if now else ())
        return Claims(changes.snapshot, claimed)


@kept_until_write
def current_claims(store: CachedStore, year: int | None) -> Claims:
    """The claims of the year's current checklists, brought up to date from those last counted."""
    return tally(store, ("claims", year), year, queries.checklists.current_claims(year),
                 queries.checklists.claims_of_checklists, Claims.counted)


@kept_until_write
def claimed_law_ids(store: CachedStore, year: int | None) -> frozenset[str]:
    """The laws some current checklist of the year claims."""
    return frozenset(law_id for law_id, checklists in current_claims(store, year).claimed.items() if checklists > 0)
