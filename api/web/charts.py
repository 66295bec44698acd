"""The dashboard's bar charts as plain SVG geometry: no chart library to ship, and the page prints.

The numbers come from the domain (domain.catalogue.coverage.coverage_figures); this module only
draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalogue.models import CoverageFiguresPublic

LABEL_WIDTH = 300
BAR_WIDTH = 380
ROW_HEIGHT = 24
MAX_BARS = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int | None
    """For a share (claimed of in scope): the whole the bar's background stands for."""
    href: str | None
    y: int
    width: float
    total_width: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    hidden: int
    """Bars left out beyond MAX_BARS (the smallest)."""
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH
    row_height: int = ROW_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * self.row_height + 8

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 90


def bar_chart(title: str, rows: list[tuple[str, int, int | None, str | None]]) -> BarChart:
    """Horizontal bars for (label, value, total or None, link or None), scaled to the largest total or value."""
    shown = rows[:MAX_BARS]
    scale = max((total if total is not None else value for _, value, total, _ in shown), default=0) or 1
    bars = [
        Bar(label=label, value=value, total=total, href=href, y=index * ROW_HEIGHT + 4,
            width=round(BAR_WIDTH * value / scale, 1), total_width=round(BAR_WIDTH * (total or 0) / scale, 1))
        for index, (label, value, total, href) in enumerate(shown)
    ]
    return BarChart(title=title, bars=bars, hidden=len(rows) - len(shown))


def claims_by_unit(figures: CoverageFiguresPublic) -> BarChart:
    """Laws in scope each unit's current checklist claims, most first (units claiming none are counted
    in the title, not drawn)."""
    none = f"（另有 {figures.units_claiming_none} 个单位未认领）" if figures.units_claiming_none else ""
    return bar_chart(f"各单位认领的法律法规数{none}", [
        (row.unit.name or row.unit.id, row.claimed, None, f"/units/{row.unit.id}") for row in figures.by_unit
    ])


def claims_by_level(figures: CoverageFiguresPublic) -> BarChart:
    """Per level (位阶): laws claimed by at least one unit, of the laws in scope."""
    return bar_chart("按位阶：已认领 / 范围内法律法规",
                     [(row.level, row.claimed, row.in_scope, None) for row in figures.by_level])
