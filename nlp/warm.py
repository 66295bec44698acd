"""Pay jieba's and the pipelines' loading (~2 s) at start-up instead of during the first request."""

from __future__ import annotations

from nlp.audiences import load_audience_terms
from nlp.catalogue import Catalogue
from nlp.citations import citation_pipeline
from nlp.departments import load_departments
from nlp.pipeline import add_user_words
from nlp.terms import user_dictionary


def warm(catalogue: Catalogue | None = None) -> None:
    """Load jieba, the user dictionary and every pipeline now (idempotent, thread-safe)."""
    add_user_words(user_dictionary(catalogue))
    load_departments()
    load_audience_terms()
    if catalogue is not None:
        catalogue.build_indexes()
        citation_pipeline(catalogue)
