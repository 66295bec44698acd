"""The law page's small graph picture: the law, the units sharing it, the audiences they reach.

Three columns laid out here and drawn as SVG by the template: law → units (solid when a
checklist claims it, dashed when only the law's articles point at the unit) → audiences.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalogue.models import SharedDetailPublic

WIDTH = 860
ROW = 34
MARGIN = 24
COLUMNS = {"law": 110, "unit": 430, "audience": 750}
MAX_UNITS = 12
MAX_AUDIENCES = 12
BOX_WIDTH = 200
MAX_LABEL = 13
"""Characters that fit a node's box; the full name is the node's tooltip."""


@dataclass(frozen=True)
class Node:
    kind: str
    """law, unit or audience."""
    label: str
    x: int
    y: int
    href: str | None = None
    lead: bool = False

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= MAX_LABEL else self.label[: MAX_LABEL - 1] + "…"


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    claimed: bool


@dataclass(frozen=True)
class Picture:
    nodes: list[Node]
    edges: list[Edge]
    height: int
    hidden_units: int
    hidden_audiences: int
    width: int = WIDTH
    box_width: int = BOX_WIDTH


def law_picture(shared: SharedDetailPublic) -> Picture:
    """Lead first, then co-units as the service ranks them; the rest are counted, not drawn."""
    units = shared.units[:MAX_UNITS]
    audiences = {audience.id: audience.name or audience.id for unit in units for audience in unit.audiences}
    shown_audiences = sorted(audiences.items(), key=lambda kv: (kv[1], kv[0]))[:MAX_AUDIENCES]
    rows = max(len(units), len(shown_audiences), 1)
    height = rows * ROW + 2 * MARGIN

    def y_of(index: int, count: int) -> int:
        return MARGIN + round((rows - count) * ROW / 2) + index * ROW + ROW // 2

    law = Node("law", shared.law.short_title or shared.law.title or shared.law.id, COLUMNS["law"], height // 2)
    unit_nodes = {
        unit.unit.id: Node("unit", unit.unit.name or unit.unit.id, COLUMNS["unit"], y_of(index, len(units)),
                           href=f"/units/{unit.unit.id}", lead=unit.role == "lead")
        for index, unit in enumerate(units)
    }
    audience_nodes = {
        audience_id: Node("audience", name, COLUMNS["audience"], y_of(index, len(shown_audiences)))
        for index, (audience_id, name) in enumerate(shown_audiences)
    }
    edges = [_edge(law, unit_nodes[unit.unit.id], claimed=unit.claimed) for unit in units]
    edges += [_edge(unit_nodes[unit.unit.id], audience_nodes[audience.id], claimed=True)
              for unit in units for audience in unit.audiences if audience.id in audience_nodes]
    return Picture(
        nodes=[law, *unit_nodes.values(), *audience_nodes.values()], edges=edges, height=height,
        hidden_units=shared.unit_count - len(units), hidden_audiences=len(audiences) - len(shown_audiences),
    )


def _edge(left: Node, right: Node, *, claimed: bool) -> Edge:
    """From the right side of one box to the left side of the next column's box."""
    return Edge(left.x + BOX_WIDTH // 2, left.y, right.x - BOX_WIDTH // 2, right.y, claimed=claimed)
