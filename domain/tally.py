"""Whole-graph reads of the current checklists, brought up to date instead of read again.

A province has 15,000 current checklists; a unit's upload changes one. The province-wide
answers that read one row per checklist (each one's claimed laws for `/shared`, its rows for a
key date or audience for a campaign) remember what they read (`CachedStore.remember`), and after a
checklist write read again only the checklists whose summary stamp changed (every write of a
checklist's summary renews it: graph.queries.checklists): one read of the stamps (`current_summaries`,
two short strings per checklist) and one of the few that changed, instead of every checklist's lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.cache import CachedStore
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
        return [row for _, row in self.snapshot.values() if row is not None]


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
