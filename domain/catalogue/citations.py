"""Law citations in any text, resolved to the shipped catalogue: one answer for the API and the CLI.

The catalogue of names is read once per process (a few hundred milliseconds), not per request."""

from __future__ import annotations

from functools import lru_cache

from domain.catalogue.models import CitationsPublic
from nlp.catalogue import Catalogue
from nlp.citations import extract_citations


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    return Catalogue.load()


def citations_in(text: str) -> CitationsPublic:
    """Each citation with its law, version, article, paragraph and item; unresolved names keep candidates."""
    found = extract_citations(text, _catalogue())
    return CitationsPublic(data=found, count=len(found))
