"""Any node by label: display names, existence, key dates."""

from __future__ import annotations

from graph.queries.fragments import display_name
from graph.query import Query
from graph.schema import node_type


def node_name(label: str, node_id: str) -> Query:
    """The display name of a node (a key date, an audience, a law), to check it exists."""
    node_type(label)
    return Query(
        f"{label.lower()}_name", f"MATCH (n:{label} {{id: $id}}) RETURN n.id AS id, {display_name(label, 'n')} AS name",
        {"id": node_id},
    )


def display_names(label: str, ids: list[str]) -> Query:
    """Display names of some nodes of one label, by id."""
    node_type(label)
    return Query(
        f"{label.lower()}_display_names",
        f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) RETURN n.id AS id, {display_name(label, 'n')} AS name",
        {"ids": list(ids)},
    )


def key_dates(key_date_ids: list[str]) -> Query:
    return Query(
        "key_dates",
        "UNWIND $ids AS kid MATCH (k:KeyDate {id: kid}) RETURN k.id AS id, k.name AS name, k.month AS month, k.day AS day",
        {"ids": list(key_date_ids)},
    )


def all_nodes(label: str) -> Query:
    """Every node of one label with all its properties (for the small vocabularies)."""
    node = node_type(label)
    return Query(f"all_{node.label}_nodes", f"MATCH (n:{node.label}) RETURN " + ", ".join(f"n.{c} AS {c}" for c in node.columns))


def existing_ids(label: str, ids: list[str]) -> Query:
    """Which of these ids a node of this label already has (edges need both ends)."""
    label = node_type(label).label
    return Query(f"existing_{label}_ids", f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) RETURN n.id AS id",
                 {"ids": list(ids)})


def nodes_by(label: str, field: str, values: list[str]) -> Query:
    """The nodes of one label whose `field` (a schema property: id, law_id …) is one of the values,
    with all their properties (to write them back changed)."""
    node = node_type(label)
    if field not in node.columns:
        raise ValueError(f"{node.label} has no property {field!r}")
    return Query(f"{node.label}_nodes_by_{field}",
                 f"MATCH (n:{node.label}) WHERE n.{field} IN $values RETURN "
                 + ", ".join(f"n.{column} AS {column}" for column in node.columns),
                 {"values": list(values)})
