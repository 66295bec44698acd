"""Bring a store up to date before use: its schema, then the derived data an older release or a
raw loader did not write (so the audit never reads a checklist without its row counts, nor weighs
every law again because none has a parts stamp)."""

from __future__ import annotations

from graph import queries
from graph.store import GraphStore
from pufa.workflow import LEGACY_STATE


def prepare(store: GraphStore) -> GraphStore:
    """Create what the schema lacks and fill in derived properties; safe to run on every start."""
    store.ensure_schema()
    stamp_law_parts(store)
    summarize_checklists(store)
    with store.transaction() as tx:
        tx.run(queries.checklists.states_of_legacy_checklists(LEGACY_STATE.value))
    return store


def stamp_law_parts(store: GraphStore) -> int:
    """Give every law a parts stamp if one lacks it (laws written by an older release), so that what
    is worked out per law is read again only for the laws written since (domain.catalogue.relevance); returns
    how many lacked one."""
    [row] = store.read(queries.laws.laws_without_parts_stamp())
    if row["n"]:
        with store.transaction() as tx:
            tx.laws.every_law()
    return row["n"]


def summarize_checklists(store: GraphStore) -> int:
    """Write row counts and claimed laws onto every checklist that lacks them; returns how many."""
    with store.transaction() as tx:
        return [tx.run(query) for query in queries.checklists.summarize_unsummarized_checklists()][-1][0]["n"]
