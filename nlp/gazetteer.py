"""The audience gazetteer (data/audiences.yaml) as the extractors read it: terms normalised the way
texts are, and the blockers that keep longer words (妇女联合会) whole."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.text import normalize
from pufa import vocab


@dataclass(frozen=True)
class AudienceGazetteer:
    """The parsed data/audiences.yaml."""

    names: dict[str, str]
    terms: dict[str, str]
    """Normalised term → audience id."""
    blockers: tuple[str, ...]


def load_audiences(path: str | Path = vocab.AUDIENCES_FILE) -> AudienceGazetteer:
    """The gazetteer, terms normalised the way texts are (simplified, half-width)."""
    entries = vocab.audiences(Path(path))
    names = {entry.id: entry.name for entry in entries}
    terms = {normalize(term): entry.id for entry in entries for term in entry.aliases}
    return AudienceGazetteer(names, terms, tuple(normalize(term) for term in vocab.audience_blockers(Path(path))))


@lru_cache(maxsize=1)
def default_gazetteer() -> AudienceGazetteer:
    return load_audiences()


def audience_terms() -> list[str]:
    """Audience terms and blockers for jieba's user dictionary."""
    gazetteer = default_gazetteer()
    return sorted(set(gazetteer.terms) | set(gazetteer.blockers))
