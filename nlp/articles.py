"""Both article extractors over a batch of articles, as law ingest (~140k articles) needs them.

Neither needs a spaCy Doc: departments segment only the sentences that name one, up to the
role's cue, and audiences only the jieba blocks a term occurs in (segmentations cached), so
most articles are never segmented at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from nlp.audiences import AudienceMention, find_audiences
from nlp.departments import DepartmentMention, find_departments
from nlp.text import normalize


class ArticleFacts(BaseModel):
    """What one article says about who must act and whom it addresses."""

    departments: list[DepartmentMention] = Field(default_factory=list)
    audiences: list[AudienceMention] = Field(default_factory=list)


def analyze_articles(texts: Iterable[str]) -> list[ArticleFacts]:
    """Facts per text, in order; offsets index each text as given."""
    return [_facts(normalize(text), text) for text in texts]


def _facts(text: str, original: str) -> ArticleFacts:
    return ArticleFacts(departments=find_departments(text, original), audiences=find_audiences(text, original))
