"""Plain text as the national law database (flk.npc.gov.cn) gives it: the title line, the
history in one parenthesis, an optional 目录, then 第X编/章/节 heading lines and 第X条 lines."""

from __future__ import annotations

import re

from ingest.laws.history import DATE
from ingest.laws.model import LawDocument
from pufa.errors import InputError

_VERSION_NOTE = re.compile(r"[（(]\d{4}年(?:修正|修订|修改)(?:本|文本)?[）)]$")
"""中华人民共和国会计法（2017年修正）: the database labels versions in the title."""
_EVENT_START = re.compile(r"\s+(?=\d{4}\s*年|根据)")


def read_plaintext(lines: list[str], *, source: str) -> LawDocument:
    """Title, then either a parenthesised history note or history lines that start with a date."""
    lines = [line.strip() for line in lines]
    position = next((i for i, line in enumerate(lines) if line), None)
    if position is None:
        raise InputError("empty file", source=source)
    title = _VERSION_NOTE.sub("", lines[position])
    position += 1
    history: list[str] = []
    while position < len(lines) and not lines[position]:
        position += 1
    if position < len(lines) and lines[position][:1] in "（(" and DATE.search(lines[position]):
        note, position = _parenthesis(lines, position)
        history = [event for event in _EVENT_START.split(note) if event]
    else:
        while position < len(lines) and (not lines[position] or DATE.match(lines[position])):
            if lines[position]:
                history.append(lines[position])
            position += 1
    return LawDocument(title, None, history, lines[position:], markdown=False)


def _parenthesis(lines: list[str], start: int) -> tuple[str, int]:
    """The text inside a parenthesis that may span lines, and the index of the line after it."""
    depth, parts = 0, []
    for index in range(start, len(lines)):
        line = lines[index]
        parts.append(line)
        depth += line.count("（") + line.count("(") - line.count("）") - line.count(")")
        if depth <= 0:
            return " ".join(parts)[1:-1].strip(), index + 1
    return " ".join(parts)[1:].strip(), len(lines)
