"""What an official database says about one law: its facts (a row of its list) and, when fetched,
its text cut into articles. Both sources' clients (flk, gov_rules) return these, and the sync merges
them (`catalogue_row`) by the catalogue's own rules (ingest.laws.merge through ingest.laws.load.merge_laws)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ingest.laws import classify
from ingest.laws.body import read_articles
from ingest.laws.docx import read_docx
from ingest.laws.history import read_history
from ingest.laws.merge import REPEALED
from ingest.laws.model import LawDocument, version_id
from ingest.laws.parse import article_records
from ingest.laws.plaintext import read_plaintext
from ingest.laws.statements import canonical_title, find_repeals, stated_effective
from pufa.laws import PRC, ArticleRecord, law_id

CLOSING_ARTICLES = 3
"""The last articles, where a text says when it comes into force."""


@dataclass(frozen=True, slots=True)
class OfficialLaw:
    """One row of an official list: a law's title, level, issuer, dates and status as the source says."""

    source: str
    """Which source it comes from: a key of ingest.sync.run.SOURCES."""
    source_id: str
    """The source's own id of the row (flk's bbbs, the 规章库's page address)."""
    title: str
    level: str
    status: str
    promulgated: str | None = None
    effective: str | None = None
    issuer: str | None = None
    stored_id: str | None = None
    """The id of the law the store holds under this title, when it holds one (ingest.laws.load.stored_law_ids)."""

    @property
    def law_id(self) -> str:
        return self.stored_id or law_id(self.title)

    @property
    def version_id(self) -> str:
        return version_id(self.law_id, self.promulgated)

    @property
    def short_title(self) -> str:
        return self.title.removeprefix(PRC)


@dataclass(slots=True)
class OfficialText:
    """The articles of one official text (of the version `version_id`), and the titles it declares repealed (…同时废止)."""

    version_id: str
    articles: list[ArticleRecord]
    repeals: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    effective: str | None = None
    """When the text says it comes into force (its history, else its closing 自…起施行)."""


def catalogue_row(law: OfficialLaw, text: OfficialText | None) -> dict:
    """The row as a catalogue row for ingest.laws.load.merge_laws: a version in force or ahead
    (dated by its 公布日期, in force from its 施行日期, else from the day its text states), or the
    source's word that the law is 已废止 (no version: the list's dates are of the text repealed).
    The 公布日期 is the law's first passing only for a law the store lacks; of a stored law's row it
    dates an amendment."""
    if law.status == REPEALED:
        return {"title": law.title, "status": REPEALED}
    effective = law.effective or (text.effective if text else None)
    promulgated = law.promulgated if law.stored_id is None else None
    return {
        "title": law.title, "short_title": law.short_title, "level": law.level, "issuer": law.issuer,
        "region": classify.title_region(law.title) if classify.is_local(law.level) else None,
        "promulgated": promulgated, "effective": effective, "repeals": text.repeals if text else [],
        "versions": [{"id": law.version_id, "version_date": law.promulgated, "status": None,
                      "promulgated": promulgated, "effective": effective,
                      "history": text.history if text else [], "source": f"{law.source}:{law.source_id}"}],
    }


def official_title(title: str) -> str:
    """A title as the project spells it (book-title marks and spaces dropped)."""
    return canonical_title(title.strip().strip("《》"))


def text_from_lines(law: OfficialLaw, lines: list[str]) -> OfficialText:
    """The articles of a text given as lines (a page's text), with ids of `law`'s version."""
    return _text(law, read_plaintext(lines, source=law.title))


def text_from_docx(law: OfficialLaw, content: bytes) -> OfficialText:
    """The articles of an official .docx (python-docx reads files, so it passes through a temporary one)."""
    with tempfile.TemporaryDirectory(prefix="pufa-sync-") as folder:
        path = Path(folder) / "text.docx"
        path.write_bytes(content)
        return _text(law, read_docx(path, source=f"{law.title}.docx"))


def _text(law: OfficialLaw, document: LawDocument) -> OfficialText:
    raw = read_articles(document.body, markdown=False)
    repeals = [title for title in find_repeals("\n".join(document.body)) if law_id(title) != law.law_id]
    stated, _ = stated_effective("\n".join(p for article in raw[-CLOSING_ARTICLES:] for p in article.paragraphs))
    return OfficialText(law.version_id, article_records(raw, law.law_id, law.version_id), repeals=repeals,
                        history=document.history, effective=read_history(document.history).effective or stated)
