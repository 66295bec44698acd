"""Both article extractors over a batch of articles, as law ingest (~140k articles) needs them.

Departments need no spaCy Doc (jieba segments only the sentences that name one, cached), so
only articles with an audience term go through the spaCy pipe, batched; the rest are not
tokenized at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pydantic import BaseModel, Field

from nlp.audiences import AudienceMention, audience_pipeline
from nlp.departments import DepartmentMention, find_departments
from nlp.gazetteer import audience_terms
from nlp.text import normalize, trie_regex


class ArticleFacts(BaseModel):
    """What one article says about who must act and whom it addresses."""

    departments: list[DepartmentMention] = Field(default_factory=list)
    audiences: list[AudienceMention] = Field(default_factory=list)


@lru_cache(maxsize=1)
def _any_audience_term() -> re.Pattern[str]:
    """Matches wherever some audience term occurs: texts without one need no spaCy parse."""
    return trie_regex(audience_terms())


def analyze_articles(texts: Iterable[str], batch_size: int = 256) -> Iterator[ArticleFacts]:
    """Facts per text, in order; offsets index each text as given."""
    texts = list(texts)
    normalized = [normalize(text) for text in texts]
    facts = [
        ArticleFacts(departments=find_departments(text, original))
        for text, original in zip(normalized, texts, strict=True)
    ]
    relevant = [i for i, text in enumerate(normalized) if _any_audience_term().search(text)]
    docs = audience_pipeline().pipe((normalized[i] for i in relevant), batch_size=batch_size)
    for i, doc in zip(relevant, docs, strict=True):
        facts[i].audiences = [m.model_copy(update={"text": texts[i][m.start:m.end]}) for m in doc._.audiences]
    return iter(facts)
