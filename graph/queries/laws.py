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
    """What ranks each law in scope by itself (domain importance): its title, level, region and dates, and the
    counts the catalogue ships (articles, articles addressing the public, laws citing it)."""
    clauses, params = scope.clauses()
    return Query(
        "law_standing",
        f"MATCH (l:Law) {where(clauses)} RETURN l.id AS id, l.title AS title, l.level AS level, l.region AS region, "
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


def versions_with_text(version_ids: list[str]) -> Query:
    """How many articles each version holds, and how many of them with their words."""
    return Query(
        "versions_with_text",
        "UNWIND $version_ids AS vid MATCH (:LawVersion {id: vid})-[:HAS_ARTICLE]->(a:Article) "
        "RETURN vid AS version_id, count(a) AS articles, sum(CASE WHEN a.text <> '' THEN 1 ELSE 0 END) AS with_text",
        {"version_ids": list(version_ids)},
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


def current_articles() -> Query:
    """Every article of every law's current version with its law's title, status and level, in law and
    article order: what article search indexes (nlp.search.ArticleIndex)."""
    return Query(
        "current_articles",
        "MATCH (l:Law) WHERE l.current_version IS NOT NULL "
        "MATCH (a:Article {version_id: l.current_version}) "
        "RETURN l.id AS law_id, l.title AS law_title, l.short_title AS short_title, l.status AS status, l.level AS level, "
        "a.id AS id, a.version_id AS version_id, a.seq AS seq, a.label AS label, a.path AS path, a.text AS text "
        "ORDER BY l.id, a.seq, a.id",
    )


def newest_date_of_level(level: str) -> Query:
    """The latest 公布 or amendment date among the laws of a level: where a first sync of it starts."""
    return Query(
        "newest_date_of_level",
        "MATCH (l:Law {level: $level}) WITH l, CASE WHEN l.amended IS NOT NULL AND l.amended > l.promulgated "
        "THEN l.amended ELSE l.promulgated END AS day RETURN max(day) AS newest",
        {"level": level},
    )


def laws_taking_effect(level: str, today: str) -> Query:
    """The titles of a level's laws with a version stored 尚未生效 whose effective date has come."""
    return Query(
        "laws_taking_effect",
        "MATCH (l:Law {level: $level})-[:HAS_VERSION]->(v:LawVersion {status: '尚未生效'}) "
        "WHERE v.effective IS NOT NULL AND v.effective <= $today RETURN DISTINCT l.title AS title ORDER BY title",
        {"level": level, "today": today},
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


def law_rows(law_ids: list[str]) -> Query:
    """The facts of the stored laws among `law_ids` (LawFacts), as a merge reads what is known."""
    return Query("law_rows", f"MATCH (l:Law) WHERE l.id IN $law_ids RETURN {LAW_FACTS}", {"law_ids": list(law_ids)})


def stored_current_versions(law_ids: list[str]) -> Query:
    """The stored laws among `law_ids` that have versions, with the id of their current one."""
    return Query(
        "stored_current_versions",
        "UNWIND $law_ids AS lid MATCH (l:Law {id: lid})-[:HAS_VERSION]->(:LawVersion) "
        "RETURN DISTINCT l.id AS id, l.current_version AS current_version",
        {"law_ids": list(law_ids)},
    )


def laws_with_text(law_ids: list[str]) -> Query:
    """The laws among `law_ids` with at least one article holding its words."""
    return Query(
        "laws_with_text",
        "MATCH (a:Article) WHERE a.law_id IN $law_ids AND a.text <> '' RETURN DISTINCT a.law_id AS id",
        {"law_ids": list(law_ids)},
    )


def laws_with_versions(law_ids: list[str]) -> Query:
    """Laws already stored with their texts; a catalogue-only load must not overwrite them."""
    return Query(
        "laws_with_versions",
        "UNWIND $law_ids AS lid MATCH (l:Law {id: lid})-[:HAS_VERSION]->(:LawVersion) RETURN DISTINCT l.id AS id",
        {"law_ids": list(law_ids)},
    )


def version_dates() -> Query:
    """Every stored version's law and date, for resolving a citation of one version (（2018年修正）)."""
    return Query("version_dates", "MATCH (v:LawVersion) RETURN v.law_id AS law_id, v.id AS id, v.version_date AS version_date",
                 packed=("law_id", "id", "version_date"))


def law_names() -> Query:
    """Every stored law's names and dates, for resolving citations of laws outside the shipped catalogue."""
    return Query(
        "law_names",
        "MATCH (l:Law) RETURN l.id AS id, l.title AS title, l.short_title AS short_title, l.aliases AS aliases, "
        "l.level AS level, l.status AS status, l.promulgated AS promulgated, l.effective AS effective, "
        "l.repealed_on AS repealed_on, l.current_version AS current_version, l.region AS region",
        packed=("id", "title", "short_title", "aliases", "level", "status", "promulgated", "effective", "repealed_on",
                "current_version", "region"),
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


def laws_titled(titles: list[str]) -> Query:
    """The list fields of the laws with these full titles (the key dates' and themes' own laws)."""
    return Query("laws_titled", f"MATCH (l:Law) WHERE l.title IN $titles RETURN {LAW_BRIEF}",
                 {"titles": list(titles)}, cached=True)
