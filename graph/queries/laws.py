"""Laws, their versions, links, articles and cases."""

from __future__ import annotations

from graph.queries.fragments import LAW_BRIEF, LAW_BRIEF_COLUMNS, LAW_FACTS, where
from graph.queries.scope import LawScope
from graph.query import Query


def laws_in_scope(scope: LawScope) -> Query:
    clauses, params = scope.clauses()
    return Query("laws_in_scope", f"MATCH (l:Law) {where(clauses)} RETURN {LAW_BRIEF}", params, packed=LAW_BRIEF_COLUMNS)


def count_laws_in_scope(scope: LawScope) -> Query:
    clauses, params = scope.clauses()
    return Query("count_laws_in_scope", f"MATCH (l:Law) {where(clauses)} RETURN count(l) AS n", params, cached=True)


def law_sort_keys(scope: LawScope) -> Query:
    """Laws in scope as [id, level, title], in one row."""
    clauses, params = scope.clauses()
    return Query(
        "law_sort_keys", f"MATCH (l:Law) {where(clauses)} RETURN collect([l.id, l.level, l.title]) AS laws", params,
        cached=True,
    )


def law_standing(scope: LawScope) -> Query:
    """What ranks each law in scope by itself (domain importance): its title, level and dates, and the
    counts the catalogue ships (articles, articles addressing the public, laws citing it)."""
    clauses, params = scope.clauses()
    return Query(
        "law_standing",
        f"MATCH (l:Law) {where(clauses)} RETURN l.id AS id, l.title AS title, l.level AS level, "
        "l.promulgated AS promulgated, l.amended AS amended, l.article_count AS article_count, "
        "l.public_articles AS public_articles, l.cited_by AS cited_by",
        params,
        cached=True,
    )


def all_law_briefs() -> Query:
    """Every law's list fields: answers name laws from all over the catalogue, a few at a time."""
    return Query("all_law_briefs", f"MATCH (l:Law) RETURN {LAW_BRIEF}", packed=LAW_BRIEF_COLUMNS)


def law_briefs(law_ids: list[str]) -> Query:
    """These laws' list fields, looked up by id."""
    return Query("law_briefs", f"UNWIND $law_ids AS lid MATCH (l:Law {{id: lid}}) RETURN {LAW_BRIEF}",
                 {"law_ids": list(law_ids)})


def law_detail(law_id: str) -> Query:
    return Query("law_detail", f"MATCH (l:Law {{id: $law_id}}) RETURN {LAW_FACTS}", {"law_id": law_id})


def law_versions(law_id: str) -> Query:
    return Query(
        "law_versions",
        "MATCH (:Law {id: $law_id})-[:HAS_VERSION]->(v:LawVersion) "
        "RETURN v.id AS id, v.title AS title, v.version_date AS version_date, v.status AS status, "
        "v.promulgated AS promulgated, v.effective AS effective",
        {"law_id": law_id},
    )


def law_repeals(law_id: str) -> Query:
    """The law that repealed this one and the laws this one repealed, with the dates."""
    return Query(
        "law_repeals",
        "MATCH (:Law {id: $law_id})-[r:REPEALED_BY]->(o:Law) "
        "RETURN 'repealed_by' AS link, o.id AS id, o.title AS title, o.status AS status, r.date AS date "
        "UNION ALL MATCH (:Law {id: $law_id})<-[r:REPEALED_BY]-(o:Law) "
        "RETURN 'replaces' AS link, o.id AS id, o.title AS title, o.status AS status, r.date AS date",
        {"law_id": law_id},
    )


def law_implementations(law_id: str) -> Query:
    """The laws this one implements (a 实施条例's parent law) and those implementing it."""
    return Query(
        "law_implementations",
        "MATCH (:Law {id: $law_id})-[:IMPLEMENTS]->(o:Law) "
        "RETURN 'implements' AS link, o.id AS id, o.title AS title, o.status AS status "
        "UNION ALL MATCH (:Law {id: $law_id})<-[:IMPLEMENTS]-(o:Law) "
        "RETURN 'implemented_by' AS link, o.id AS id, o.title AS title, o.status AS status",
        {"law_id": law_id},
    )


def version_articles(version_id: str, skip: int, limit: int) -> Query:
    """One page of a version's articles in reading order."""
    return Query(
        "version_articles",
        "MATCH (:LawVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article) "
        "RETURN a.id AS id, a.version_id AS version_id, a.seq AS seq, a.label AS label, a.path AS path, "
        "a.text AS text ORDER BY a.seq SKIP $skip LIMIT $limit",
        {"version_id": version_id, "skip": skip, "limit": limit},
    )


def count_version_articles(version_id: str) -> Query:
    return Query(
        "count_version_articles",
        "MATCH (:LawVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article) RETURN count(a) AS n",
        {"version_id": version_id},
    )


def search_laws(text: str) -> Query:
    """Laws whose title, short title or an alias contains the text (ranked by the caller).

    `WITH $text AS q` because LadybugDB cannot bind a parameter inside a list predicate.
    """
    return Query(
        "search_laws",
        "WITH $text AS q MATCH (l:Law) WHERE l.title CONTAINS q OR l.short_title CONTAINS q "
        f"OR any(alias IN l.aliases WHERE alias CONTAINS q) RETURN {LAW_FACTS}",
        {"text": text},
    )


def search_articles(terms: list[str]) -> Query:
    """Articles of current versions containing every one of the words (nlp.search.search_terms).

    One CONTAINS test per word: LadybugDB scans 90,000 articles 6× faster so than with all(… IN $terms).
    """
    contains = " AND ".join(f"a.text CONTAINS $term{k}" for k in range(len(terms))) or "false"
    return Query(
        "search_articles",
        f"MATCH (a:Article) WHERE {contains} MATCH (l:Law {{id: a.law_id}}) WHERE a.version_id = l.current_version "
        "RETURN l.id AS law_id, a.id AS id, a.version_id AS version_id, a.seq AS seq, a.label AS label, "
        "a.path AS path, a.text AS text",
        {f"term{k}": term for k, term in enumerate(terms)},
    )


def law_cases(law_id: str) -> Query:
    return Query(
        "law_cases",
        "MATCH (k:LawCase)-[r:CITES]->(:Law {id: $law_id}) "
        "RETURN k.id AS id, k.title AS title, k.summary AS summary, k.source AS source, r.articles AS articles",
        {"law_id": law_id},
    )


def laws_without_parts_stamp() -> Query:
    """How many laws lack a parts stamp (written by a release before stamps: graph.migrations)."""
    return Query("laws_without_parts_stamp", "MATCH (l:Law) WHERE l.parts_stamp IS NULL RETURN count(l) AS n")


def laws_with_versions(law_ids: list[str]) -> Query:
    """Laws already stored with their texts; a catalogue-only load must not overwrite them."""
    return Query(
        "laws_with_versions",
        "UNWIND $law_ids AS lid MATCH (l:Law {id: lid})-[:HAS_VERSION]->(:LawVersion) RETURN DISTINCT l.id AS id",
        {"law_ids": list(law_ids)},
    )


def law_names() -> Query:
    """Every stored law's names and dates, for resolving citations of laws outside the shipped catalogue."""
    return Query(
        "law_names",
        "MATCH (l:Law) RETURN l.id AS id, l.title AS title, l.short_title AS short_title, l.aliases AS aliases, "
        "l.level AS level, l.status AS status, l.promulgated AS promulgated, l.effective AS effective, "
        "l.repealed_on AS repealed_on, l.current_version AS current_version",
        packed=("id", "title", "short_title", "aliases", "level", "status", "promulgated", "effective", "repealed_on",
                "current_version"),
    )


def laws_changed_between(scope: LawScope, start: str, end: str) -> Query:
    """Laws in scope that came into force or were last amended between two dates (ISO, inclusive)."""
    clauses, params = scope.clauses()
    changed = ("((l.effective >= $since AND l.effective <= $until) "
               "OR (l.amended >= $since AND l.amended <= $until))")
    return Query(
        "laws_changed_between",
        f"MATCH (l:Law) {where([*clauses, changed])} RETURN {LAW_BRIEF}, l.amended AS amended",
        {**params, "since": start, "until": end},
        cached=True,
    )
