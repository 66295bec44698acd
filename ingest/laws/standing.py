"""What the catalogue alone tells of a law's weight, counted once at catalogue build
(scripts/build_catalogue.py) and shipped as derived facts: the articles of its current version, those
addressing the public, and which laws its text cites by name, so that a unit's answer ranks laws by
importance without reading texts per request (domain importance)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from ingest.laws.catalogue import Catalogue
from nlp.catalogue import Catalogue as NameCatalogue
from nlp.citations import resolve_name

_BRACKETED = re.compile(r"《([^《》]{2,60})》")
"""A law cited by its name in book-title brackets: how one law's text refers to another."""


def law_citations(catalogue: Catalogue) -> dict[str, list[str]]:
    """Law id → the catalogued laws its current text cites by name (itself left out), sorted."""
    names = NameCatalogue.from_records(catalogue.law_rows())
    current = {law.current_version: law.id for law in catalogue.laws if law.current_version}
    resolved: dict[str, str | None] = {}
    cites: dict[str, set[str]] = defaultdict(set)
    for article in catalogue.articles:
        law_id = current.get(article.version_id)
        if law_id is None:
            continue
        for name in _BRACKETED.findall(article.text):
            if name not in resolved:
                resolved[name] = resolve_name(name, names).law_id
            target = resolved[name]
            if target and target != law_id:
                cites[law_id].add(target)
    return {law_id: sorted(targets) for law_id, targets in cites.items()}


def law_standing(catalogue: Catalogue, public_article_laws: Iterable[str],
                 cites: dict[str, list[str]]) -> dict[str, dict]:
    """Law id → its `article_count`, `public_articles` and `cited_by` (pufa.laws.LawFacts), for laws
    with a current text; `public_article_laws` holds the law id of each current article naming an
    audience, once per article."""
    current = {law.current_version: law.id for law in catalogue.laws if law.current_version}
    articles = Counter(current[article.version_id] for article in catalogue.articles if article.version_id in current)
    public = Counter(public_article_laws)
    in_force = {law.id for law in catalogue.laws if law.status == "现行有效"}
    cited_by = Counter(target for law_id, targets in cites.items() if law_id in in_force for target in targets)
    return {law_id: {"article_count": count, "public_articles": public[law_id], "cited_by": cited_by[law_id]}
            for law_id, count in articles.items()}
