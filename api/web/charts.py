"""The pages' bar charts: each bar a row of the page's own text (label, bar, figure), so that labels
stay as legible as the page around them at 1366 px and at 390 px; only the bar itself is drawn (a
stretched SVG without text). No chart library to ship, and the page prints.

The numbers come from the domain (domain.catalogue.coverage.coverage_figures, the assessment's
ranking); this module only draws them. A chart that cannot show every row says which it left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalogue.models import CoverageFiguresPublic

MAX_BARS = 30
"""Rows drawn of a long chart whose tail says little (the units that claim the fewest laws)."""
NAMED_HIDDEN = 10
"""Rows left out that the chart names (the rest are counted)."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    total: float | None
    """For a share (claimed of in scope, points of the most): the whole the bar's background stands for."""
    href: str | None
    share: float
    """The bar's length, in percent of the chart's scale."""
    total_share: float

    @property
    def figure(self) -> str:
        return f"{self.value:g}" + (f" / {self.total:g}" if self.total is not None else "")


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    hidden: list[str]
    """Labels of the rows left out, in the chart's order."""

    @property
    def hidden_note(self) -> str:
        """Which rows are not drawn, named (never the lowest left out silently)."""
        if not self.hidden:
            return ""
        named = "、".join(self.hidden[:NAMED_HIDDEN])
        more = f" 等 {len(self.hidden)} 项" if len(self.hidden) > NAMED_HIDDEN else ""
        return f"未画出的 {len(self.hidden)} 项：{named}{more}"


def bar_chart(title: str, rows: list[tuple[str, float, float | None, str | None]], *,
              limit: int | None = None) -> BarChart:
    """Bars for (label, value, total or None, link or None), scaled to the largest total or value;
    with a `limit`, the rows past it are named under the chart instead of drawn."""
    shown = rows if limit is None else rows[:limit]
    scale = max((total if total is not None else value for _, value, total, _ in shown), default=0) or 1
    bars = [Bar(label=label, value=value, total=total, href=href, share=round(100 * value / scale, 1),
                total_share=round(100 * (total or 0) / scale, 1))
            for label, value, total, href in shown]
    return BarChart(title=title, bars=bars, hidden=[label for label, *_ in rows[len(shown):]])


def claims_by_unit(figures: CoverageFiguresPublic) -> BarChart:
    """Laws in scope each unit's current checklist claims, most first (units claiming none are counted
    in the title, not drawn)."""
    none = f"（另有 {figures.units_claiming_none} 个单位未认领）" if figures.units_claiming_none else ""
    return bar_chart(f"各单位认领的法律法规数{none}", [
        (row.unit.name or row.unit.id, row.claimed, None, f"/units/{row.unit.id}") for row in figures.by_unit
    ], limit=MAX_BARS)


def claims_by_level(figures: CoverageFiguresPublic) -> BarChart:
    """Per level (位阶): laws claimed by at least one unit, of the laws in scope."""
    return bar_chart("按位阶：已认领 / 范围内法律法规",
                     [(row.level, row.claimed, row.in_scope, None) for row in figures.by_level])
