"""Sentences in a law's body that the catalogue needs: what it repeals, the short names it
defines for other instruments, and the day it takes effect.

Titles are compared in one spelling (`canonical_title`), because the same law is written
《北京市实施〈中华人民共和国食品卫生法〉办法》 in one text and with 《》 inside in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.laws.history import DATE, iso_date

BOOK_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》){1,120})》")
"""A title in book-title marks, allowing one nested title (…实施《…法》办法)."""
_TITLE_SPELLING = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "(": "（", ")": "）"})
_SPACES = re.compile(r"\s+")

_REPEAL_AFTER = re.compile(r"》(?:\s*[（(][^）)\n]{0,60}[）)])?\s*(?:也|亦|均)?(?:同时|即行|一并)?(?:予以)?废止")
"""《X》（法释〔2005〕15号）同时废止: the last title of a repealed list, right before the verb."""
_REPEAL_BEFORE = re.compile(r"(?:^|[。；\n])\s*(?:[一二三四五六七八九十]+、)?废止(?=《)")
"""二、废止《北京市反不正当竞争条例》: a repeal decision's numbered item."""
_AFTER_TITLE = re.compile(r"\s*(?:[（(][^）)\n]{0,80}[）)])?\s*(?:、|和|及|以及)?\s*")
_NOT_REPEALED = re.compile(r"关于修改|关于废止|关于修正|修正案")
"""Amending instruments named while describing a repealed law's history (…决定》修正的《X》)."""
_CITES_ARTICLE = re.compile(r"^第[0-9一二三四五六七八九十百千]+条")
_CLAUSE_ENDS = "。；\n"

_ALIAS = re.compile(
    r"《((?:[^《》\n]|《[^《》\n]*》){1,120})》\s*[（(]以下(?:简称|称)[：:]?\s*[“\"「《]?"
    r"((?:[^”\"」》（）()\n]|[（(][^（）()\n]{1,8}[）)]){1,20})[”\"」》]?[）)]"
)
"""《…》（以下简称“XX”）; the short name may hold its own parenthesis (刑法修正案（十）)."""

_IN_FORCE_ON = re.compile(rf"自\s*({DATE.pattern})\s*起(?:施行|生效|实施)")
_IN_FORCE_ON_PUBLICATION = re.compile(r"自(?:公布|发布|颁布|印发)之日起(?:施行|生效|实施)")


@dataclass(frozen=True, slots=True)
class Alias:
    """`alias` was defined in the text as the short name of the instrument titled `title`."""

    title: str
    alias: str


def canonical_title(title: str) -> str:
    """One spelling per title: no spaces, 《》 for nested titles, full-width parentheses."""
    return _SPACES.sub("", title).translate(_TITLE_SPELLING)


def find_repeals(text: str) -> list[str]:
    """Titles the text declares repealed, in order, each once.

    Two shapes are read: …《A》、…《B》同时废止 (every title in that clause except amending
    instruments and article citations) and 废止《A》、《B》 (a repeal decision's items)."""
    found: dict[str, None] = {}
    for verb in _REPEAL_AFTER.finditer(text):
        start = max(text.rfind(mark, 0, verb.start()) for mark in _CLAUSE_ENDS) + 1
        clause = text[start:verb.start() + 1]
        for title in BOOK_TITLE.finditer(clause):
            if _NOT_REPEALED.search(title.group(1)) or _CITES_ARTICLE.match(clause[title.end():]):
                continue
            found.setdefault(canonical_title(title.group(1)))
    for verb in _REPEAL_BEFORE.finditer(text):
        position = verb.end()
        while title := BOOK_TITLE.match(text, position):
            found.setdefault(canonical_title(title.group(1)))
            gap = _AFTER_TITLE.match(text, title.end())
            position = gap.end()
            if not gap.group().strip().endswith(("、", "和", "及")):
                break
    return list(found)


def find_aliases(text: str) -> list[Alias]:
    """《中华人民共和国预算法》（以下简称预算法） → Alias("中华人民共和国预算法", "预算法"), each pair once."""
    if "以下" not in text:
        return []
    pairs = {(canonical_title(m.group(1)), m.group(2).strip()) for m in _ALIAS.finditer(text)}
    return [Alias(title, alias) for title, alias in sorted(pairs) if alias]


def stated_effective(text: str) -> tuple[str | None, bool]:
    """The date an 本法自…起施行 sentence names, and whether it says 自公布之日起施行 instead.

    Callers pass the closing articles only: earlier 施行 sentences are about other things
    (本法施行前…)."""
    if match := _IN_FORCE_ON.search(text):
        return iso_date(*match.groups()[1:4]), False
    return None, bool(_IN_FORCE_ON_PUBLICATION.search(text))
