"""The law catalogue as graph batches: laws with their versions, articles and what articles name.

A batch holds whole laws (every version and article of each), so a law is in the graph
completely or not at all. Department types and audiences are linked for the articles of
current versions only: older texts are history, and the questions asked (who should own a
law in force) are about the text in force. Lineage (REPEALED_BY, IMPLEMENTS) crosses batches
and is written last, once every law it joins exists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from graph.writer import GraphBatch
from ingest.laws.catalogue import Catalogue
from ingest.records import RepealRecord
from nlp.articles import ArticleFacts, analyze_articles
from nlp.principal import LawArticle, find_principal_authorities, issuing_authorities
from nlp.taxonomy import default_taxonomy
from pufa import vocab
from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord

ROLE_STRENGTH = {"duty": 2, "power": 1, "mention": 0}


class NamedType(NamedTuple):
    """An article naming a department type: NAMES edge properties."""

    type_id: str
    gov_level: str | None
    role: str
    surface: str


class ArticleLinks(NamedTuple):
    """What an article links to: department types it names, audiences it concerns."""

    article_id: str
    names: list[NamedType]
    audiences: list[str]


@lru_cache(maxsize=1)
def linkable_types() -> tuple[frozenset[str], dict[str, list[str]]]:
    """Type ids a NAMES edge may point to, and what each collective mention stands for."""
    types = frozenset(term.id for term in vocab.department_types()) - set(vocab.NON_TYPES)
    return types, default_taxonomy()[0].covers


def named_types(facts: ArticleFacts) -> list[NamedType]:
    """One NamedType per type the article names: the strongest role, the first level and spelling.

    A collective mention (负有安全生产监督管理职责的部门) names each type it covers, and a mention names the
    types it also stands for (林业主管部门 on 森林防火 names 应急管理 too; 乡镇人民政府 a township's type)."""
    types, covers = linkable_types()
    best: dict[str, NamedType] = {}
    for mention in facts.departments:
        for type_id in [*covers.get(mention.dept_type, [mention.dept_type]), *mention.also]:
            if type_id not in types:
                continue
            held = best.get(type_id)
            if held is None or ROLE_STRENGTH[mention.role] > ROLE_STRENGTH[held.role]:
                best[type_id] = NamedType(type_id, mention.level, mention.role, mention.text)
    return list(best.values())


class PrincipalFact(NamedTuple):
    """A law's principal competent authority (PRINCIPAL edge properties): the type, at a level, and the
    article that makes it so with the cue read there."""

    type_id: str
    gov_level: str | None
    article_id: str
    article_label: str
    cue: str


def issuer_facts(issuer: str | None) -> list[PrincipalFact]:
    """A law's principal authorities by the organ that issued it (nlp.principal.issuing_authorities), also
    for a law with no text: cue `issuer`, no article id, the organ as written (司法部) for the label."""
    return [PrincipalFact(p.dept_type, p.level, p.article_id, p.article_label, p.cue) for p in issuing_authorities(issuer)]


class InheritedFact(NamedTuple):
    """What the law an implementing rule implements says of a department type (INHERITS edge properties):
    a rule whose text the catalogue lacks (消费者权益保护法实施条例, known by its title) concerns the type
    as its law does."""

    type_id: str
    law_id: str
    """The law it implements."""
    principal: bool
    acting: int
    """That law's current articles giving the type a duty or a power."""


ACTING_ROLES = frozenset({"duty", "power"})
"""The roles a relevance tier counts (graph.queries.departments.TYPE_EVIDENCE counts the same)."""


def inherited_facts(parents: Mapping[str, str], texted: Container[str], principals: Mapping[str, Sequence[PrincipalFact]],
                    named: Mapping[str, Sequence[NamedType]]) -> dict[str, list[InheritedFact]]:
    """Rule id → what the law it implements (`parents`) says of each type it names or makes principal, for
    the rules with no text (not in `texted`) and no principal authority of their own (an issuer's):
    `named` holds every NAMES of a law's current articles, one per article and type. A rule with a text
    speaks for itself: its own articles say which of its law's departments it concerns."""
    found: dict[str, list[InheritedFact]] = {}
    for law_id, parent in sorted(parents.items()):
        if law_id in texted or principals.get(law_id):
            continue
        principal = {fact.type_id for fact in principals.get(parent, ())}
        acting = Counter(link.type_id for link in named.get(parent, ()) if link.role in ACTING_ROLES)
        types = principal | {link.type_id for link in named.get(parent, ())}
        if types:
            found[law_id] = [InheritedFact(type_id, parent, type_id in principal, acting[type_id]) for type_id in sorted(types)]
    return found


def with_issuers(principals: dict[str, list[PrincipalFact]], laws: Iterable[LawFacts]) -> dict[str, list[PrincipalFact]]:
    """`principals` read from the laws' texts, with those their issuers add."""
    found = dict(principals)
    for law in laws:
        if issued := issuer_facts(law.issuer):
            found[law.id] = [*found.get(law.id, []), *issued]
    return found


class LinkedLaws(NamedTuple):
    """What the current articles of a group of laws link to, and each law's principal authorities."""

    links: list[ArticleLinks]
    principals: dict[str, list[PrincipalFact]]


def link_articles(laws: Sequence[tuple[str, Sequence[LawArticle]]]) -> LinkedLaws:
    """(law id, current articles) → their links and principals; top level so worker processes can run it."""
    articles = [article for _, law_articles in laws for article in law_articles]
    facts = analyze_articles(article.text for article in articles)
    links = [ArticleLinks(article.id, named_types(fact), sorted({m.audience_id for m in fact.audiences}))
             for article, fact in zip(articles, facts, strict=True)]
    found = iter(facts)
    principals: dict[str, list[PrincipalFact]] = {}
    for law_id, law_articles in laws:
        read = [article._replace(departments=tuple(next(found).departments)) for article in law_articles]
        principals[law_id] = [PrincipalFact(p.dept_type, p.level, p.article_id, p.article_label, p.cue)
                              for p in find_principal_authorities(read)]
    return LinkedLaws(links, principals)


class LawGroup(NamedTuple):
    """Whole laws: each with all its versions and their articles."""

    laws: list[LawFacts]
    versions: list[LawVersionRecord]
    articles: list[ArticleRecord]

    def current_articles(self) -> list[tuple[str, list[LawArticle]]]:
        """Each law with a text and the articles of its current version, in reading order."""
        by_version: dict[str, list[LawArticle]] = {}
        for article in self.articles:
            by_version.setdefault(article.version_id, []).append(
                LawArticle(article.id, article.label, article.path, article.text))
        return [(law.id, by_version[law.current_version]) for law in self.laws if law.current_version in by_version]


def law_groups(catalogue: Catalogue, *, laws_per_group: int, skip: Iterable[str] = ()) -> Iterator[LawGroup]:
    """The catalogue in groups of whole laws, leaving out the law ids in `skip`."""
    skipped = set(skip)
    versions: dict[str, list[LawVersionRecord]] = {}
    for version in catalogue.versions:
        versions.setdefault(version.law_id, []).append(version)
    articles: dict[str, list[ArticleRecord]] = {}
    for article in catalogue.articles:
        articles.setdefault(article.version_id, []).append(article)
    laws = [law for law in catalogue.laws if law.id not in skipped]
    for start in range(0, len(laws), laws_per_group):
        chunk = laws[start:start + laws_per_group]
        chunk_versions = [version for law in chunk for version in versions.get(law.id, [])]
        yield LawGroup(chunk, chunk_versions, [a for v in chunk_versions for a in articles.get(v.id, [])])


def with_common_duty(law: LawFacts) -> LawFacts:
    return law.model_copy(update={"is_common": vocab.common_duties().covers(law.title, law.level)})


def group_batch(group: LawGroup, linked: LinkedLaws) -> GraphBatch:
    """Nodes and edges of whole laws; NAMES/CONCERNS of their articles and PRINCIPAL of the laws are
    replaced, not added to, and a law written with its text inherits no longer (INHERITS dropped)."""
    batch = GraphBatch()
    for law in group.laws:
        batch.add_node("Law", with_common_duty(law))
    for version in group.versions:
        batch.add_node("LawVersion", version)
        batch.add_edge("HAS_VERSION", version.law_id, version.id)
    for article in group.articles:
        batch.add_node("Article", article)
        batch.add_edge("HAS_ARTICLE", article.version_id, article.id)
    add_links(batch, linked.links)
    add_principals(batch, with_issuers(linked.principals, group.laws))
    batch.replace_edges["INHERITS"].update(linked.principals)
    return batch


def add_links(batch: GraphBatch, links: Iterable[ArticleLinks]) -> None:
    for article in links:
        batch.replace_edges["NAMES"].add(article.article_id)
        batch.replace_edges["CONCERNS"].add(article.article_id)
        for named in article.names:
            batch.add_edge("NAMES", article.article_id, named.type_id, gov_level=named.gov_level, role=named.role,
                           surface=named.surface)
        for audience_id in article.audiences:
            batch.add_edge("CONCERNS", article.article_id, audience_id)


def add_principals(batch: GraphBatch, principals: dict[str, list[PrincipalFact]]) -> None:
    """One PRINCIPAL edge per (law, type), holding every article and level that makes the type principal."""
    for law_id, facts in principals.items():
        batch.replace_edges["PRINCIPAL"].add(law_id)
        by_type: dict[str, list[PrincipalFact]] = {}
        for fact in facts:
            by_type.setdefault(fact.type_id, []).append(fact)
        for type_id, held in by_type.items():
            batch.add_edge("PRINCIPAL", law_id, type_id, article_ids=[f.article_id for f in held],
                           article_labels=[f.article_label for f in held], gov_levels=[f.gov_level or "" for f in held],
                           cues=[f.cue for f in held])


def add_inherited(batch: GraphBatch, inherited: Mapping[str, Sequence[InheritedFact]]) -> None:
    """The INHERITS edges of these rules, in place of any they had."""
    for law_id, facts in inherited.items():
        batch.replace_edges["INHERITS"].add(law_id)
        for fact in facts:
            batch.add_edge("INHERITS", law_id, fact.type_id, law_id=fact.law_id, principal=fact.principal, acting=fact.acting)


def lineage_batch(repeals: Iterable[RepealRecord], parents: dict[str, str],
                  cites: dict[str, list[str]] | None = None) -> GraphBatch:
    """REPEALED_BY, IMPLEMENTS and REFERS_TO between laws already written."""
    batch = GraphBatch()
    for repeal in repeals:
        batch.add_edge("REPEALED_BY", repeal.law_id, repeal.by_law_id, date=repeal.date)
    for law_id, parent_id in parents.items():
        batch.add_edge("IMPLEMENTS", law_id, parent_id)
    for law_id, targets in (cites or {}).items():
        for target in targets:
            batch.add_edge("REFERS_TO", law_id, target)
    return batch
