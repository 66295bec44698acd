"""LawRefBook Markdown: ``# 标题``, an optional ``# 副标题`` (a part of a split code), history
lines, ``<!-- INFO END -->``, then the body with ``##``/``###`` headings and 第X条 lines."""

from __future__ import annotations

import re

from ingest.laws.body import ARTICLE
from ingest.laws.model import LawDocument
from pufa.errors import InputError

INFO_END = "<!-- INFO END -->"
_COMMENT = re.compile(r"<!--.*?-->")


def read_markdown(text: str, *, source: str) -> LawDocument:
    """Split a LawRefBook file. Without the INFO END marker (hand-written files) the header
    ends at the first ``##`` heading or article line."""
    lines = [line.strip() for line in _without_front_matter(text).splitlines()]
    if INFO_END in text:
        end = next(index for index, line in enumerate(lines) if INFO_END in line)
        head, body = lines[:end], lines[end + 1:]
    else:
        end = next((i for i, line in enumerate(lines) if line.startswith("##") or ARTICLE.match(line)), len(lines))
        head, body = lines[:end], lines[end:]
    titles: list[str] = []
    history: list[str] = []
    for line in head:
        line = _COMMENT.sub("", line).strip()
        if line.startswith("#"):
            titles.append(line.lstrip("#").strip())
        elif line:
            history.append(line)
    titles = [title for title in titles if title]
    if not titles:
        raise InputError("no '# title' line before the body", source=source)
    body = [line for line in body if not line.startswith("<!--")]
    return LawDocument(titles[0], titles[1] if len(titles) > 1 else None, history, body, markdown=True)


def _without_front_matter(text: str) -> str:
    """Drop a leading ``---`` … ``---`` block (Hugo front matter in some corpus files)."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return text
    end = text.find("\n---", 3)
    return text[text.find("\n", end + 1) + 1:] if end != -1 else text
