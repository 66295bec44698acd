"""Prose checklists: numbered lines such as ``1.《…》…，普法对象：…；责任部门：法规处`` become a table
with a synthetic header, so they go through the same row logic as Word and Excel tables."""

from __future__ import annotations

import re

from ingest.checklists.columns import CHECKLIST_FIELDS
from ingest.tables.model import Line, Row, Table

PROSE_COLUMNS = (
    "seq", "law", "audience", "method", "timing", "section", "person", "phone", "leader", "partners", "standard",
    "measures",
)
PROSE_HEADER = [
    "序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任部门", "责任人", "联系电话", "分管领导", "配合单位",
    "工作标准", "具体措施",
]

_ITEM = re.compile(r"^\s*(?:(\d{1,3})\s*[.．、)）](?!\d)|[（(]\s*(\d{1,3})\s*[)）]|([①-⑳]))\s*")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第[一二三四五六七八九十]+部分)\s*")


def _label_pattern() -> re.Pattern[str]:
    labels: dict[str, str] = {}
    for name, synonyms in CHECKLIST_FIELDS.items():
        if name in ("seq", "remarks", "category"):
            continue
        for synonym in synonyms:
            labels.setdefault(synonym, "law" if name == "law" else name)
    alternation = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    return re.compile(rf"(?P<label>{alternation})\s*(?:[（(][^）)]{{0,8}}[）)])?\s*[:：]")


_LABEL = _label_pattern()


def _label_field(label: str) -> str:
    for name, synonyms in CHECKLIST_FIELDS.items():
        if label in synonyms:
            return name
    return "measures"


def is_prose_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def prose_table(lines: list[Line], name: str) -> Table | None:
    """Numbered lines as table rows under a synthetic header; None if no line is numbered.

    Each non-item line is kept as a one-cell row (title, preamble, heading, signature), so
    the row logic reports it instead of losing it. A line that continues the previous item
    (a wrapped paragraph, or ``普法对象：…`` on its own line) is joined to it.
    """
    if not any(is_prose_item(line.text) or (HEADING.match(line.text) and _has_content(line.text)) for line in lines):
        return None
    rows: list[Row] = [Row(0, list(PROSE_HEADER))]
    current: tuple[Line, list[str]] | None = None
    shared: dict[str, str] = {}  # 分管领导：… on a line of its own applies to every item

    def flush() -> None:
        nonlocal current
        if current is not None:
            first, texts = current
            rows.append(_prose_row(first.number, "\n".join(texts)))
            current = None

    for line in lines:
        text = line.text
        label = _LABEL.match(text)
        if is_prose_item(text) or (HEADING.match(text) and _has_content(text)):
            flush()
            current = (line, [text])
        elif label and _label_field(label.group("label")) == "leader" and len(_LABEL.findall(text)) == 1:
            flush()
            shared["leader"] = text[label.end():].strip().strip("，,；;。 ")
            rows.append(Row(line.number, [text] + [""] * (len(PROSE_HEADER) - 1)))
        elif current is not None and _LABEL.search(text) and not HEADING.match(text):
            current[1].append(text)
        else:
            flush()
            rows.append(Row(line.number, [text] + [""] * (len(PROSE_HEADER) - 1)))
    flush()
    if shared.get("leader"):
        col = PROSE_COLUMNS.index("leader")
        for row in rows[1:]:
            if row.text is not None and not row.cells[col]:
                row.cells[col] = shared["leader"]
    return Table(name=name, rows=rows, synthetic_header=True)


def _has_content(text: str) -> bool:
    return "《" in text or bool(_LABEL.search(text))


def _prose_row(number: int, text: str) -> Row:
    body = text
    match = _ITEM.match(body) or HEADING.match(body)
    seq = ""
    if match:
        seq = match.group(0).strip()
        body = body[match.end():]
    values: dict[str, list[str]] = {}
    labels = list(_LABEL.finditer(body))
    head = body[: labels[0].start()] if labels else body
    head = head.strip().strip("，,；;。:： \n")
    if head:
        values.setdefault("law", []).append(head)
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        value = body[match.end():end].strip().strip("，,；;。 \n")
        if value:
            values.setdefault(_label_field(match.group("label")), []).append(value)
    cells = [seq] + ["；".join(values.get(name, [])) for name in PROSE_COLUMNS[1:]]
    return Row(number, cells, text=text)
