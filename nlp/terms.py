"""The words jieba must keep whole: department and audience terms, shared by every extractor so
that an article segments the same way whichever reads it, and law names from a catalogue."""

from __future__ import annotations

from nlp.catalogue import Catalogue
from nlp.gazetteer import audience_terms
from nlp.pipeline import JIEBA_WORD
from nlp.taxonomy import department_terms


def taxonomy_words() -> list[str]:
    """Department and audience terms (incl. audience blockers)."""
    return sorted(set(department_terms()) | set(audience_terms()))


def user_dictionary(catalogue: Catalogue | None = None) -> list[str]:
    """The generated jieba user dictionary: taxonomy terms, plus law names when a catalogue is given."""
    words = set(taxonomy_words())
    if catalogue is not None:
        words |= set(catalogue.surface_names())
    return sorted(word for word in words if JIEBA_WORD.fullmatch(word))
