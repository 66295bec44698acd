"""Map header cells to fields by synonyms and find the header row of a table.

People write their own column names (普法内容 for 法律法规名称, 责任股室 for 责任科室 …) and put
title rows, merged titles and notes above the header. `find_header` scans the first rows for
the one that names the most known fields, and folds in a second header row when a merged
parent cell (责任主体 over 责任科室 | 责任人) splits into sub-columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.tables.cells import compact

Fields = dict[str, tuple[str, ...]]
"""Field name -> the header texts that name it, best name first (a reader's column synonyms)."""

IGNORED_FIELDS = frozenset({"seq", "remarks"})
MAX_HEADER_CHARS = 16
"""A header cell is short; a long cell that happens to contain 时间节点 is data, not a header."""

_JOINER = re.compile(r"及|和|与|或|、|/|＆|&")
_PARENS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")


def header_key(cell: str) -> str:
    """The comparable form of a header cell: no spaces, no notes in brackets, no markers."""
    key = compact(cell).lower()
    key = _PARENS.sub("", key)
    return key.strip("*★:：.。、")


def match_header(cell: str | None, fields: Fields) -> str | None:
    """The field a header cell names, or None.

    An exact synonym wins. Otherwise a compound such as 责任人及联系电话 or 普法内容和具体措施
    is judged by its first part, and within it the longest synonym the cell contains (the
    earliest on ties), so 上级单位名称 is a parent column and 普法对象（受众） an audience one.
    """
    if not cell:
        return None
    key = header_key(cell)
    if not key or len(key) > MAX_HEADER_CHARS:
        return None
    for name, synonyms in fields.items():
        if key in synonyms:
            return name
    first = _JOINER.split(key, maxsplit=1)[0] or key
    for name, synonyms in fields.items():
        if first in synonyms:
            return name
    best: tuple[int, int, str] | None = None
    for name, synonyms in fields.items():
        for synonym in synonyms:
            pos = first.find(synonym)
            if pos < 0:
                continue
            rank = (-len(synonym), pos, name)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None


def synonym_rank(cell: str, field_name: str, fields: Fields) -> int:
    """Position of the cell's name in the field's synonym list (lower is a better name)."""
    key = header_key(cell)
    synonyms = fields[field_name]
    for i, synonym in enumerate(synonyms):
        if key == synonym:
            return i
    for i, synonym in enumerate(synonyms):
        if synonym in key:
            return len(synonyms) + i
    return 2 * len(synonyms)


@dataclass
class HeaderMatch:
    """Where a table's header is and what each column holds."""

    index: int
    """Index of the (first) header row in the rows given to `find_header`."""
    height: int
    """1, or 2 when a sub-header row was folded in."""
    labels: list[str]
    """The header text of each column as written (the key of that column in an item's raw dict)."""
    fields: dict[int, str] = field(default_factory=dict)
    """Column index -> field name, for the columns that map to a known field."""
    rows: list[list[str]] = field(default_factory=list)
    """The header rows as read."""

    def columns(self, name: str) -> list[int]:
        return [col for col, f in self.fields.items() if f == name]

    def has(self, name: str) -> bool:
        return name in self.fields.values()

    def is_repeat(self, cells: list[str]) -> bool:
        """A data row that repeats a header row (a table continued across pages)."""
        for header in self.rows:
            same = sum(
                1
                for col in self.fields
                if col < min(len(cells), len(header))
                and cells[col]
                and header_key(cells[col]) == header_key(header[col])
            )
            if same >= max(2, (len(self.fields) + 1) // 2):
                return True
        return False


def _fields_of(cells: list[str], fields: Fields) -> dict[int, str]:
    return {col: name for col, cell in enumerate(cells) if (name := match_header(cell, fields))}


def find_header(
    rows: list[list[str]],
    fields: Fields,
    *,
    key_field: str,
    scan: int = 15,
    min_fields: int = 2,
) -> HeaderMatch | None:
    """The header of a table: the first row among the first `scan` that names at least
    `min_fields` distinct content fields including `key_field` (or three without it)."""
    for index, cells in enumerate(rows[:scan]):
        found = _fields_of(cells, fields)
        distinct = {name for name in found.values() if name not in IGNORED_FIELDS}
        if len(distinct) < min_fields or (key_field not in distinct and len(distinct) < 3):
            continue
        labels = [_label(cell, col) for col, cell in enumerate(cells)]
        height = 1
        if index + 1 < len(rows):
            sub = rows[index + 1]
            sub_found = _fields_of(sub, fields)
            if sub_found and _is_sub_header(cells, sub, sub_found):
                height = 2
                for col, name in sub_found.items():
                    parent = cells[col] if col < len(cells) else ""
                    found[col] = name
                    if col < len(labels):
                        labels[col] = sub[col] if not parent or parent == sub[col] else f"{parent}/{sub[col]}"
                    else:
                        labels.append(sub[col])
        labels = _dedupe(labels)
        return HeaderMatch(
            index=index,
            height=height,
            labels=labels,
            fields=_resolve_duplicates(found, fields, labels),
            rows=[list(r) for r in rows[index : index + height]],
        )
    return None


def _is_sub_header(top: list[str], sub: list[str], sub_found: dict[int, str]) -> bool:
    """Every filled cell of `sub` is a header name or the carried value of the merged cell above."""
    new = 0
    for col, cell in enumerate(sub):
        if not cell:
            continue
        above = top[col] if col < len(top) else ""
        if cell == above:
            continue
        if col not in sub_found:
            return False
        new += 1
    return new > 0


def _label(cell: str, col: int) -> str:
    text = " ".join(cell.split())
    return text or f"列{col + 1}"


def _dedupe(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        if label in seen:
            seen[label] += 1
            out.append(f"{label}（{seen[label]}）")
        else:
            seen[label] = 1
            out.append(label)
    return out


def _resolve_duplicates(found: dict[int, str], fields: Fields, labels: list[str]) -> dict[int, str]:
    """When several columns name the law, the best-named one is `law`, the others `law_extra`."""
    law_cols = [col for col, name in found.items() if name == "law"]
    if len(law_cols) > 1 and "law" in fields:
        best = min(law_cols, key=lambda col: (synonym_rank(labels[col], "law", fields), col))
        for col in law_cols:
            if col != best:
                found[col] = "law_extra"
    return dict(sorted(found.items()))
