"""Audiences (普法对象, "对谁普") named in checklist cells and law articles.

Terms from data/audiences.yaml are matched as whole jieba tokens with a PhraseMatcher, which is
what keeps 学生 out of 学生会 and 妇女 out of 妇女联合会 (such longer words are listed as
blockers and loaded into jieba so that they stay whole). Names inside 《…》 are law titles,
not audiences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.gazetteer import default_gazetteer
from nlp.pipeline import add_user_words, blank_zh
from nlp.terms import taxonomy_words
from nlp.text import normalize

_BOOK_TITLE = re.compile(r"《[^《》]*》")


class AudienceMention(BaseModel):
    """An audience (普法对象) named in a text, by its gazetteer id and canonical name."""

    start: int
    end: int
    text: str
    audience_id: str
    name: str


class AudienceMatcher:
    """spaCy component: `doc._.audiences`, whole-token gazetteer hits outside book-title brackets."""

    def __init__(self, nlp: Language):
        self.gazetteer = default_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab)
        for term, audience_id in self.gazetteer.terms.items():
            self.matcher.add(audience_id, [nlp.make_doc(term)])

    def __call__(self, doc: Doc) -> Doc:
        titles = [m.span() for m in _BOOK_TITLE.finditer(doc.text)]
        spans = filter_spans(Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc))
        doc._.audiences = [
            AudienceMention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                audience_id=span.label_,
                name=self.gazetteer.names[span.label_],
            )
            for span in sorted(spans, key=lambda span: span.start)
            if not any(start <= span.start_char and span.end_char <= end for start, end in titles)
        ]
        return doc


@Language.factory("audience_mentions")
def make_audience_matcher(nlp: Language, name: str) -> AudienceMatcher:
    return AudienceMatcher(nlp)


if not Doc.has_extension("audiences"):
    Doc.set_extension("audiences", default=None)


@lru_cache(maxsize=1)
def audience_pipeline() -> Language:
    """The shared tokenizer plus the audience matcher, built once (after the user dictionary)."""
    add_user_words(taxonomy_words())
    nlp = blank_zh()
    nlp.add_pipe("audience_mentions")
    return nlp


def extract_audiences(text: str) -> list[AudienceMention]:
    """Audience mentions in `text`, offsets into `text` as given."""
    doc = audience_pipeline()(normalize(text))
    return [m.model_copy(update={"text": text[m.start:m.end]}) for m in doc._.audiences]
