"""The bureau corrects the department types a unit acts as (the register and the unit's name may
miss or mistake them); clearing the correction brings back what the register and the name say."""

from __future__ import annotations

from domain.accounts.accounts import Actor
from domain.base.briefs import unit_brief
from domain.base.cache import CachedStore
from graph import queries
from ingest.units.load import acting_types
from pufa import vocab
from pufa.errors import InputError
from pufa.workflow import Permission


def correct_unit_types(store: CachedStore, actor: Actor, unit_id: str, type_ids: list[str] | None) -> None:
    """Make the unit act as exactly `type_ids` (None: as its register row and name imply), in one transaction.
    Register data: the administrators' (as the register itself)."""
    actor.require(Permission.BULK_INGEST)
    unit_brief(store, unit_id)
    if type_ids is not None:
        known = {term.id for term in vocab.department_types()}
        unknown = [type_id for type_id in type_ids if type_id not in known]
        if unknown:
            raise InputError(f"unknown department type(s) {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}",
                             source="type_ids")
        type_ids = list(dict.fromkeys(type_ids))
    [unit] = store.read(queries.units.unit_type_sources(unit_id))
    types = acting_types(unit["name"], unit["aliases"] or [], unit["region"], unit["written"], type_ids)
    with store.transaction() as tx:
        tx.run(queries.units.correct_types(unit_id, type_ids))
        tx.delete_edges_from("ACTS_AS", [unit_id])
        tx.upsert_edges("ACTS_AS", [{"src": unit_id, "dst": acting.type_id, "via": acting.via, "organ": acting.organ}
                                    for acting in types])
