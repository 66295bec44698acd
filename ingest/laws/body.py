"""A law's body as articles: 第X条 lines, the 编/章/节 they sit under, their 款 and 项.

Every format ends up as a list of stripped lines, so one reader serves Markdown (where
``##``/``###`` headings carry the structure) and plain text or Word (where 第X编/章/节 lines
do). Conventions for what an article holds:

- `label` is the article number as written, normalised to 第X条[之Y] without spaces;
- `paragraphs` are the 款: the article's first line and each following line that is not an
  item; an item line (项 （一）, or 目 1. / （1） under an item) is appended to the 款 it
  belongs to after a newline, so 款 numbering stays right and `paragraph_items` can list the
  项 of a 款 (第二十八条第一款第（三）项 is ``paragraph_items(paragraphs[0])[2]``);
- `path` is the headings above the article, outermost first, joined by `` / ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.laws.numerals import NUMERAL, to_int

ARTICLE = re.compile(rf"^第({NUMERAL})(?:条(?:之({NUMERAL}))?(?:\s+|$)|\s+条(?:之({NUMERAL}))?)")
"""第X条 then a space (or the end); 第X 条 with the space misplaced is accepted too. A line
such as 第二条规定的… continues a paragraph rather than starting an article."""
STRUCTURE = re.compile(rf"^第({NUMERAL})(编|分编|章|节)(?:\s+(.*)|$)")
STRUCTURE_RANKS = {"编": 1, "分编": 2, "章": 3, "节": 4}
UNNUMBERED_PARTS = frozenset({"附则", "序言"})
"""Parts of a code that stand outside the numbered 编 (民法典 ends with an unnumbered 附则)."""
ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[（(][0-9０-９]+[）)]|[0-9０-９]+[.．、]|[①-⑳])")
"""A line that continues the 款 above it: a 项 （一） or a 目 1. / （1） / ①."""
CLAUSE_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
"""A 项."""
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class RawArticle:
    """An article before it gets the ids of the law version it belongs to."""

    number: int
    suffix: int
    label: str
    path: str
    paragraphs: list[str] = field(default_factory=list)


def paragraph_items(paragraph: str) -> list[str]:
    """The 项 of one 款, in order: its lines that start with （一）, （二）… (目 lines are not 项)."""
    return [line for line in paragraph.split("\n")[1:] if CLAUSE_ITEM.match(line)]


def heading_label(text: str) -> str:
    """第一章  总 则 → 第一章 总则; other headings keep their words with spaces squeezed."""
    text = text.strip()
    if match := STRUCTURE.match(text):
        name = _SPACES.sub("", match.group(3) or "")
        return f"第{match.group(1)}{match.group(2)}" + (f" {name}" if name else "")
    return _SPACES.sub(" ", text)


class _Outline:
    """The headings above the current line, each with its rank (deeper ranks are larger)."""

    def __init__(self, prefix: tuple[str, ...]):
        self.prefix = prefix
        self.stack: list[tuple[int, str]] = []
        self.path = " / ".join(prefix)

    def enter(self, rank: int, label: str) -> None:
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        self.stack.append((rank, label))
        self.path = " / ".join((*self.prefix, *(label for _, label in self.stack)))


def read_articles(lines: list[str], *, markdown: bool, prefix: tuple[str, ...] = ()) -> list[RawArticle]:
    """Articles in order, from stripped lines.

    In Markdown, ``#`` headings rank by their depth; elsewhere 第X编/分编/章/节 lines (and a bare
    附则) are headings ranked by kind. Text before the first article (preamble, table of
    contents) and between a heading and the next article belongs to no article."""
    outline = _Outline(prefix)
    articles: list[RawArticle] = []
    current: RawArticle | None = None
    for line in lines:
        if not line:
            continue
        first = line[0]
        if first == "#" and markdown:
            depth = len(line) - len(line.lstrip("#"))
            label = heading_label(line[depth:])
            if label:
                outline.enter(depth, label)
            current = None
            continue
        if first == "第":
            if article := _article_start(line, outline.path):
                current = article
                articles.append(current)
                continue
            if not markdown and (match := STRUCTURE.match(line)) and looks_like_heading(line):
                outline.enter(STRUCTURE_RANKS[match.group(2)], heading_label(line))
                current = None
                continue
        if not markdown and len(line) <= 6 and _SPACES.sub("", line) in UNNUMBERED_PARTS:
            outline.enter(1, _SPACES.sub("", line))
            current = None
            continue
        if current is None:
            continue
        if current.paragraphs and ITEM.match(line):
            current.paragraphs[-1] += "\n" + line
        else:
            current.paragraphs.append(line)
    return articles


def _article_start(line: str, path: str) -> RawArticle | None:
    """The article a 第X条 line opens, None when the line only looks like one (第十十条)."""
    match = ARTICLE.match(line)
    if not match:
        return None
    suffix_numeral = match.group(2) or match.group(3)
    try:
        number, suffix = to_int(match.group(1)), to_int(suffix_numeral) if suffix_numeral else 0
    except ValueError:
        return None
    label = f"第{match.group(1)}条" + (f"之{suffix_numeral}" if suffix else "")
    article = RawArticle(number, suffix, label, path)
    if rest := line[match.end():].strip():
        article.paragraphs.append(rest)
    return article


def looks_like_heading(line: str) -> bool:
    """第三章规定的… is a sentence, 第三章　法律责任 a heading: headings are short and unpunctuated."""
    return len(line) <= 40 and not any(mark in line for mark in "。，；：")
