"""Typical cases (以案释法 material): ``# 标题``, then ``##`` sections such as 基本案情, 裁判结果
and 案例分析, citing laws as 《…》第X条. The citations are kept as written; resolving them to
catalogue articles is the citation extractor's job."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.decoding import read_decoded
from ingest.laws.markdown import INFO_END
from ingest.laws.model import ParsedCase
from ingest.laws.numerals import NUMERAL
from pufa.errors import InputError

CITATION = re.compile(
    rf"《[^《》\n]{{2,80}}》(?:[（(][^）)\n]{{1,12}}[）)])?第{NUMERAL}条(?:之{NUMERAL})?"
    rf"(?:第{NUMERAL}款)?(?:第[（(]?{NUMERAL}[）)]?项)?"
)
"""《民法典》第153条第2款, 《中华人民共和国消费者权益保护法》（2013年修正）第五十五条第一款第（一）项."""


def parse_case_file(path: Path) -> ParsedCase:
    """The case's title, its sections by heading, and every 《…》第X条 citation in its text."""
    text, _ = read_decoded(path)
    source = Path(path).as_posix()
    title = None
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("<!--") or INFO_END in line:
            continue
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif line.startswith("# ") and title is None:
            title = line[2:].strip()
        elif current is not None:
            current.append(line)
    if not title:
        raise InputError("no '# title' line", source=source)
    return ParsedCase(
        source=source,
        title=title,
        sections={heading: "\n".join(lines) for heading, lines in sections.items()},
        citations=[match.group() for match in CITATION.finditer(text)],
    )
