"""The dashboard's bar charts as plain SVG geometry: no chart library to ship, and the page prints.

The numbers come from the coverage matrix (exports.coverage_matrix), the one answer that has
every law in scope with its level and every unit's claims; it is read here by its column names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.base.documents import Sheet
from domain.catalogue.coverage import CLAIMED

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


def claims_by_unit(matrix: Sheet, unit_ids: dict[str, str]) -> BarChart:
    """Laws in scope each unit's current checklist claims, most first; units claiming none left out.

    `unit_ids` maps the matrix's column names to unit ids for the links to unit pages."""
    first_unit = matrix.header.index("缺口") + 1
    counts = Counter()
    for row in matrix.rows:
        for name, cell in zip(matrix.header[first_unit:], row[first_unit:], strict=True):
            if CLAIMED in str(cell):
                counts[name] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return bar_chart("各单位认领的法律法规数", [
        (name, n, None, f"/units/{unit_ids[name]}" if name in unit_ids else None) for name, n in ranked
    ])


def claims_by_level(matrix: Sheet, levels: list[str]) -> BarChart:
    """Per level (位阶, in the given order): laws claimed by at least one unit, of the laws in scope."""
    level_at, claimed_at = matrix.header.index("位阶"), matrix.header.index("认领单位数")
    in_scope, claimed = Counter(), Counter()
    for row in matrix.rows:
        level = row[level_at] or "未标明位阶"
        in_scope[level] += 1
        claimed[level] += int(row[claimed_at]) > 0
    order = [level for level in levels if level in in_scope] + sorted(set(in_scope) - set(levels))
    return bar_chart("按位阶：已认领 / 范围内法律法规", [(level, claimed[level], in_scope[level], None) for level in order])
