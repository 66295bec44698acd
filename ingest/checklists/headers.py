"""Map header cells to fields by synonyms and find the header row of a table.

Units write their own column names (普法内容 for 法律法规名称, 责任股室 for 责任科室 …) and put
title rows, merged titles and notes above the header. `find_header` scans the first rows for
the one that names the most known fields, and folds in a second header row when a merged
parent cell (责任主体 over 责任科室 | 责任人) splits into sub-columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.checklists.split import compact

CHECKLIST_FIELDS: dict[str, tuple[str, ...]] = {
    # order inside a tuple is priority: when two columns map to one field, the better name wins
    "law": (
        "法律法规名称", "学习宣传的法律法规", "普法依据", "法律法规规章名称", "法规名称", "法律名称",
        "重点学习宣传的法律法规", "重点普及的法律法规", "学习宣传的法律法规规章", "法律法规及规章",
        "法律法规规章", "法律法规", "普法内容", "学习宣传内容", "宣传内容", "普法重点内容", "普法重点",
        "法律依据", "执法依据", "主要内容", "内容",
    ),
    "audience": (
        "普法对象", "宣传对象", "普法受众", "宣传受众", "普及对象", "学习对象", "面向对象", "服务对象",
        "受众", "对象",
    ),
    "method": (
        "普法方式", "普法形式", "宣传方式", "宣传形式", "普法载体", "宣传载体", "普法措施", "普法方法",
        "普法途径", "宣传途径", "方式方法", "活动形式", "载体", "方式", "形式", "途径",
    ),
    "timing": (
        "时间节点", "普法时间", "完成时限", "时间安排", "宣传时间", "完成时间", "实施时间", "时间要求",
        "普法时限", "进度安排", "时限", "时间", "频次",
    ),
    "section": (
        "责任科室", "责任处室", "责任股室", "牵头科室", "责任部门", "责任股", "责任科", "承办科室",
        "具体承办科室", "主办科室", "实施科室", "牵头部门", "牵头单位", "责任单位", "责任主体",
    ),
    "person": ("责任人", "具体责任人", "责任人姓名", "责任人员", "经办人", "联系人", "负责人"),
    "phone": ("责任人电话", "联系电话", "联系方式", "电话"),
    "leader": ("分管领导", "分管局领导", "分管负责人", "责任领导", "牵头领导", "主管领导"),
    "partners": (
        "配合单位", "协同单位", "配合部门", "协同部门", "协作单位", "协办单位", "配合科室", "参与单位",
    ),
    "standard": ("工作标准", "目标要求", "工作要求", "工作目标", "完成标准", "质量标准", "标准"),
    "measures": ("具体措施", "工作措施", "主要措施", "具体工作", "工作任务", "普法任务", "实施步骤", "措施", "任务"),
    "category": ("普法类别", "项目类别", "类别", "分类", "类型"),
    "seq": ("序号", "编号", "序"),
    "remarks": ("备注", "说明"),
}
"""Checklist columns. Fields the five questions need: law, audience, method, timing, section/person."""

UNIT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "单位名称", "普法责任主体单位", "普法责任主体", "单位全称", "机构名称", "部门名称", "责任单位",
        "单位", "名称", "部门",
    ),
    "aliases": ("别名/简称", "别名", "简称", "曾用名", "其他名称", "规范简称"),
    "kind": ("单位类型", "单位性质", "单位类别", "主体类型", "类型", "类别", "性质"),
    "parent": ("上级单位", "上级部门", "主管单位", "所属单位", "隶属单位", "主管部门", "隶属"),
    "region": ("所属区域", "行政区域", "行政区划", "所在地区", "区域", "地区", "辖区"),
    "dept_types": (
        "职能类型", "部门类型", "执法主体类型", "职能部门类型", "主管部门类型", "职能类别", "履职类型",
    ),
    "liaison_name": ("联络员姓名", "联系人姓名", "联络员", "联系人", "姓名"),
    "liaison_post": ("联络员职务", "职务职级", "职务", "职级", "岗位"),
    "liaison_phone": ("联络员电话", "联络员手机", "联系人电话", "联系电话", "手机号码", "手机号", "办公电话", "电话", "手机", "联系方式"),
    "liaison_email": ("电子邮箱", "电子邮件", "e-mail", "email", "邮箱", "邮件"),
    "seq": ("序号", "编号"),
    "remarks": ("备注", "说明"),
}

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


def match_header(cell: str | None, fields: dict[str, tuple[str, ...]] = CHECKLIST_FIELDS) -> str | None:
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


def synonym_rank(cell: str, field_name: str, fields: dict[str, tuple[str, ...]] = CHECKLIST_FIELDS) -> int:
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


def _fields_of(cells: list[str], fields: dict[str, tuple[str, ...]]) -> dict[int, str]:
    return {col: name for col, cell in enumerate(cells) if (name := match_header(cell, fields))}


def find_header(
    rows: list[list[str]],
    fields: dict[str, tuple[str, ...]] = CHECKLIST_FIELDS,
    *,
    key_field: str = "law",
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


def _resolve_duplicates(found: dict[int, str], fields: dict[str, tuple[str, ...]], labels: list[str]) -> dict[int, str]:
    """When several columns name the law, the best-named one is `law`, the others `law_extra`."""
    law_cols = [col for col, name in found.items() if name == "law"]
    if len(law_cols) > 1 and "law" in fields:
        best = min(law_cols, key=lambda col: (synonym_rank(labels[col], "law", fields), col))
        for col in law_cols:
            if col != best:
                found[col] = "law_extra"
    return dict(sorted(found.items()))
