"""Every read the query API and the CLI make, as small named `Query` builders.

Values travel only as parameters; the only text spliced into Cypher are the fixed fragments
below (labels from the schema, filter clauses chosen by which filters are set).

Written for both planners:
- A multi-hop pattern starts at a node given directly, `(u:Unit {id: $unit_id})`, or at nodes
  picked from their table, `MATCH (l:Law) WHERE l.id IN $ids`; started from `UNWIND $ids`,
  LadybugDB hash-joins whole relationship tables (a unit's claims: 1 s instead of 1 ms at
  province scale; one department type's articles in the full catalogue: 70 ms instead of 18).
  `UNWIND $ids … {id: i}` is kept for one-hop key lookups.
- A law's current version is matched first (CURRENT_VERSION), then its articles.
- Big answers come back as few rows or as counts: per-row overhead dominates in the Neo4j driver.
- Whole-graph reads that many answers share (laws in scope, types per law, claims per checklist,
  flagged rows) are `cached`: kept until the next write renews the graph stamp (graph.store).

"Current checklist" means a Checklist with `current = true` for the year asked: a unit's
latest revision of that year.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import node_type, rel_type
from graph.store import Query

OUTDATED_STATUSES = ("已废止", "已修改")

LAW_FIELDS = (
    "l.id AS law_id, l.title AS title, l.short_title AS short_title, l.level AS level, "
    "l.status AS status, l.category AS category, l.region AS region, l.effective AS effective, "
    "l.is_common AS is_common"
)
LAW_COLUMNS = tuple(field.rsplit(" AS ", 1)[1] for field in LAW_FIELDS.split(", "))
LAW_DETAIL_FIELDS = (
    f"{LAW_FIELDS}, l.aliases AS aliases, l.issuer AS issuer, l.promulgated AS promulgated, "
    "l.amended AS amended, l.repealed_on AS repealed_on, l.current_version AS current_version"
)
UNIT_FIELDS = (
    "u.id AS unit_id, u.name AS unit_name, u.aliases AS aliases, u.kind AS kind, u.region AS region, "
    "u.parent_id AS parent_id"
)
ITEM_FIELDS = (
    "u.id AS unit_id, u.name AS unit_name, c.id AS checklist_id, i.id AS item_id, i.row AS row, "
    "i.source AS source, i.law_text AS law_text"
)
ARTICLE_MATCH_FIELDS = (
    "l.id AS law_id, a.id AS article_id, a.label AS article_label, a.seq AS seq, d.id AS type_id, "
    "d.name AS type_name, n.gov_level AS gov_level, n.role AS role"
)
ARTICLE_MATCH_COLUMNS = tuple(field.rsplit(" AS ", 1)[1] for field in ARTICLE_MATCH_FIELDS.split(", "))
CURRENT_ITEM = "(u:Unit)-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)"
CURRENT = "c.current AND c.year = $year"
DECLARES = "size(i.partners) > 0"
"""A row `i` naming partner units (配合单位): its unit declares itself lead (牵头) for the row's law."""
CURRENT_VERSION = "MATCH (l)-[:HAS_VERSION]->(v:LawVersion) WHERE v.id = l.current_version"
"""Narrow a law `l` to its current version `v` before walking articles (both planners do better)."""
ANCHORS = {"key_date": "SCHEDULED", "law": "CLAIMS", "audience": "TARGETS"}
"""What a joint campaign gathers around: the rows scheduled on a key date, claiming a law, targeting an audience."""
FLAG_FIELDS = {"problems": "i.problems", "unresolved": "i.unresolved"}
FLAG_COUNTS = {"problems": "with_problems", "unresolved": "with_unresolved"}
"""The checklist property counting the rows each flag marks."""



@dataclass(frozen=True)
class LawScope:
    """Which laws an answer considers; unset filters do not filter."""

    level: str | None = None
    status: str | None = "现行有效"
    region: str | None = None
    """A unit's region (示例市澄河县): national laws plus local ones whose region it contains."""
    category: str | None = None
    effective_year: int | None = None
    include_common: bool = False
    """Common duties (宪法, 民法典: Law.is_common) are every unit's and left out unless asked."""

    def clauses(self) -> tuple[list[str], dict[str, object]]:
        """WHERE fragments on `l` and their parameters."""
        clauses: list[str] = []
        params: dict[str, object] = {}
        for name in ("level", "status", "category"):
            value = getattr(self, name)
            if value is not None:
                clauses.append(f"l.{name} = $scope_{name}")
                params[f"scope_{name}"] = value
        if self.region is not None:
            clauses.append("(l.region IS NULL OR $scope_region CONTAINS l.region)")
            params["scope_region"] = self.region
        if self.effective_year is not None:
            clauses.append("l.effective STARTS WITH $scope_year")
            params["scope_year"] = f"{self.effective_year:04d}"
        if not self.include_common:
            clauses.append("NOT coalesce(l.is_common, false)")
        return clauses, params


def _name(label: str, var: str) -> str:
    """A node's display name: a law's short title (else its title), anything else's name."""
    return f"coalesce({var}.short_title, {var}.title)" if label == "Law" else f"{var}.name"


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def _unit_start(unit_id: str | None) -> str:
    """Start at one unit, or at every unit."""
    return "MATCH (u:Unit)" if unit_id is None else "MATCH (u:Unit {id: $unit_id})"


def _unit_and_sections(include_sub_units: bool) -> str:
    """Start at one unit, and at its sections and second-level units when asked."""
    if include_sub_units:
        return "MATCH (:Unit {id: $unit_id})<-[:PART_OF*0..5]-(u:Unit)"
    return "MATCH (u:Unit {id: $unit_id})"



# --- checklists ----------------------------------------------------------------------------


def latest_checklist_year() -> Query:
    return Query("latest_checklist_year", "MATCH (c:Checklist) RETURN max(c.year) AS year", cached=True)


def current_checklists(year: int | None, unit_id: str | None = None) -> Query:
    """Current checklists of a year with their row counts (kept on the checklist)."""
    return Query(
        "current_checklists",
        f"{_unit_start(unit_id)}-[:SUBMITTED]->(c:Checklist) WHERE {CURRENT} "
        "RETURN u.id AS unit_id, c.id AS checklist_id, c.revision AS revision, c.items AS items, "
        "c.with_problems AS with_problems, c.with_unresolved AS with_unresolved",
        {"year": year, "unit_id": unit_id},
        cached=True,
        packed=("unit_id", "checklist_id", "revision", "items", "with_problems", "with_unresolved"),
    )


def current_claims(year: int | None) -> Query:
    """Each current checklist's unit and the laws its rows claim (Checklist.law_ids)."""
    return Query(
        "current_claims",
        f"MATCH (c:Checklist) WHERE {CURRENT} RETURN c.unit_id AS unit_id, c.law_ids AS law_ids",
        {"year": year},
        cached=True,
        packed=("unit_id", "law_ids"),
    )


def claimed_law_ids(year: int | None) -> Query:
    """The laws some current checklist of the year claims, in one row."""
    return Query(
        "claimed_law_ids",
        f"MATCH (c:Checklist) WHERE {CURRENT} UNWIND c.law_ids AS law_id RETURN collect(DISTINCT law_id) AS law_ids",
        {"year": year},
        cached=True,
    )


CHECKLIST_SUMMARY = (
    "OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem) "
    "WITH c, count(i) AS items, sum(CASE WHEN size(i.problems) > 0 THEN 1 ELSE 0 END) AS with_problems, "
    "sum(CASE WHEN size(i.unresolved) > 0 THEN 1 ELSE 0 END) AS with_unresolved "
    "OPTIONAL MATCH (c)-[:HAS_ITEM]->(:ChecklistItem)-[:CLAIMS]->(l:Law) "
    "WITH c, items, with_problems, with_unresolved, collect(DISTINCT l.id) AS law_ids "
    "SET c.items = items, c.with_problems = with_problems, c.with_unresolved = with_unresolved, "
    "c.law_ids = law_ids RETURN count(c) AS n"
)
"""Write checklist `c`'s row counts and claimed laws from its rows."""


def summarize_checklist(checklist_id: str) -> Query:
    """Run in the transaction that wrote the checklist's rows."""
    return Query("summarize_checklist", f"MATCH (c:Checklist {{id: $checklist_id}}) {CHECKLIST_SUMMARY}",
                 {"checklist_id": checklist_id})


def summarize_unsummarized_checklists() -> Query:
    """Checklists written before their summaries were kept (or by a raw loader) get them."""
    return Query(
        "summarize_unsummarized_checklists",
        f"MATCH (c:Checklist) WHERE c.items IS NULL OR c.law_ids IS NULL {CHECKLIST_SUMMARY}",
    )


def retire_current_checklists(unit_id: str, year: int) -> Query:
    """A unit's current checklist of a year stops being current (a new revision replaces it)."""
    return Query(
        "retire_current_checklists",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) WHERE c.year = $year AND c.current "
        "SET c.current = false RETURN count(c) AS n",
        {"unit_id": unit_id, "year": year},
    )


def unit_claims(unit_id: str, year: int | None, include_sub_units: bool = False) -> Query:
    """The rows of a unit's (and its sections') current checklists and the laws they claim."""
    return Query(
        "unit_claims",
        f"{_unit_and_sections(include_sub_units)}-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)"
        f"-[r:CLAIMS]->(l:Law) WHERE {CURRENT} RETURN {ITEM_FIELDS}, r.surface AS surface, l.id AS law_id",
        {"unit_id": unit_id, "year": year},
    )


def law_claims(law_id: str, year: int | None) -> Query:
    """The current-checklist rows of a year that claim one law, with the name as written."""
    return Query(
        "law_claims",
        f"MATCH (l:Law {{id: $law_id}})<-[r:CLAIMS]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist)"
        f"<-[:SUBMITTED]-(u:Unit) WHERE {CURRENT} "
        f"RETURN {ITEM_FIELDS}, {DECLARES} AS declares, r.surface AS surface, l.id AS law_id",
        {"law_id": law_id, "year": year},
    )


def _anchor_rows(anchor: str, region: str | None, with_unit: bool = False) -> str:
    """The anchor's rows `i` in current checklists `c` (of units `u` in a region, when given).

    One path from the anchor: LadybugDB then walks out from it instead of joining whole tables.
    """
    rel = ANCHORS[anchor]
    path = f"(:{rel_type(rel).target} {{id: $anchor_id}})<-[:{rel}]-(i:ChecklistItem)<-[:HAS_ITEM]-(c:Checklist)"
    if region is None and not with_unit:
        return f"MATCH {path} WHERE {CURRENT}"
    region_test = "" if region is None else " AND u.region CONTAINS $region"
    return f"MATCH {path}<-[:SUBMITTED]-(u:Unit) WHERE {CURRENT}{region_test}"


def _in_groups(group_rel: str) -> str:
    """Rows' groups (`g`, through `group_rel`), kept to $group_ids."""
    return f"MATCH (i)-[:{group_rel}]->(g:{rel_type(group_rel).target}) WHERE g.id IN $group_ids"


def _campaign_query(
    name: str, anchor: str, region: str | None, rest: str, params: dict, *, with_unit: bool = False,
    cached: bool = False, packed: tuple[str, ...] = (),
) -> Query:
    """The anchor's current rows (of a region's units, when given), then `rest`.

    From the anchor both engines walk every row it holds (a province's 12·4 rows: 50,000). In a
    region Neo4j starts at the region's units instead (told so: it would rather start at a
    group's law) and tests the anchor per row, a county in 20–40 ms instead of 200–340;
    LadybugDB is 8× slower that way and keeps the one path.
    """
    rows = f"{_anchor_rows(anchor, region, with_unit)} {rest}"
    if region is None:
        return Query(name, rows, params, cached=cached, packed=packed)
    rel = ANCHORS[anchor]
    regional = (f"MATCH (u:Unit) USING SCAN u:Unit WHERE u.region CONTAINS $region MATCH {CURRENT_ITEM} WHERE {CURRENT} "
                f"AND EXISTS {{ (i)-[:{rel}]->(:{rel_type(rel).target} {{id: $anchor_id}}) }} {rest}")
    return Query(name, regional, params, ladybug=rows, cached=cached, packed=packed)


def campaign_groups(anchor: str, anchor_id: str, year: int | None, group_rel: str, region: str | None) -> Query:
    """The anchor's current rows grouped by what they point at through `group_rel` (a law or an
    audience), with how many units each group has (one current checklist per unit and year).

    Counted per node, names read after: Neo4j reads properties per row otherwise (40 % slower).
    """
    target = rel_type(group_rel).target
    return _campaign_query(
        f"campaign_groups_{anchor}", anchor, region,
        f"MATCH (i)-[:{group_rel}]->(g:{target}) WITH g, count(DISTINCT c) AS units "
        f"RETURN g.id AS id, {_name(target, 'g')} AS name, units",
        {"anchor_id": anchor_id, "year": year, "region": region},
        cached=True,
        packed=("id", "name", "units"),
    )


def campaign_unit_rows(
    anchor: str, anchor_id: str, year: int | None, group_rel: str, group_ids: list[str], region: str | None,
) -> Query:
    """Per group and unit: how many of the anchor's current rows the unit has in the group, and how
    many of them name partner units (a declared 牵头). The lead is chosen from these counts, so a
    group of thousands of units is ranked without fetching their rows."""
    return _campaign_query(
        f"campaign_unit_rows_{anchor}", anchor, region,
        f"{_in_groups(group_rel)} RETURN g.id AS group_id, u.id AS unit_id, u.name AS unit_name, count(i) AS rows, "
        f"sum(CASE WHEN {DECLARES} THEN 1 ELSE 0 END) AS declaring_rows",
        {"anchor_id": anchor_id, "year": year, "group_ids": list(group_ids), "region": region},
        with_unit=True,
        packed=("group_id", "unit_id", "unit_name", "rows", "declaring_rows"),
    )


CAMPAIGN_LINKS = {"law_ids": "CLAIMS", "audience_ids": "TARGETS", "method_ids": "USES", "key_date_ids": "SCHEDULED"}
"""What a campaign shows of each row: list column -> the relationship it collects."""


def campaign_rows(
    anchor: str, anchor_id: str, year: int | None, group_rel: str, group_ids: list[str], unit_ids: list[str],
) -> Query:
    """These units' current rows for the anchor in these groups, each with the ids it links to.

    Starts at the units (the few an answer shows) rather than at a broad anchor, which is tested
    last; the links are collected per row, one optional walk each (after a WITH: without it
    LadybugDB plans the first walk over the whole relationship table, 4× slower).
    """
    rel = ANCHORS[anchor]
    collects, columns = [], []
    for column, link in CAMPAIGN_LINKS.items():
        carried = ", ".join(["u, c, i, g", *columns])
        collects.append(f"OPTIONAL MATCH (i)-[:{link}]->(t:{rel_type(link).target}) WITH {carried}, collect(t.id) AS {column}")
        columns.append(column)
    return Query(
        f"campaign_rows_{anchor}",
        f"MATCH (u:Unit) WHERE u.id IN $unit_ids MATCH {CURRENT_ITEM} WHERE {CURRENT} {_in_groups(group_rel)} "
        f"MATCH (i)-[:{rel}]->(:{rel_type(rel).target} {{id: $anchor_id}}) WITH u, c, i, g {' '.join(collects)} "
        f"RETURN {ITEM_FIELDS}, {DECLARES} AS declares, g.id AS group_id, {', '.join(columns)}",
        {"anchor_id": anchor_id, "year": year, "group_ids": list(group_ids), "unit_ids": list(unit_ids)},
    )


def display_names(label: str, ids: list[str]) -> Query:
    """Display names of some nodes of one label, by id."""
    node_type(label)
    return Query(
        f"{label.lower()}_display_names",
        f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, {_name(label, 'n')} AS name",
        {"ids": list(ids)},
    )


def law_item_links(law_id: str, year: int | None, rel: str) -> Query:
    """What the current rows claiming a law point at through TARGETS, USES or CO_UNIT."""
    target = rel_type(rel).target
    return Query(
        f"law_item_links_{rel.lower()}",
        f"{_anchor_rows('law', None)} MATCH (i)-[:{rel}]->(t:{target}) "
        f"RETURN i.id AS item_id, t.id AS id, {_name(target, 't')} AS name",
        {"anchor_id": law_id, "year": year},
    )


def flagged_rows(kind: str, unit_ids: list[str], checklist_ids: list[str]) -> Query:
    """The rows of these units' checklists with problems (a missing question) or unresolved names.

    Started at the units: from the checklists LadybugDB joins the whole HAS_ITEM table (60 ms, not 2).
    """
    field = FLAG_FIELDS[kind]
    return Query(
        f"flagged_rows_{kind}",
        f"MATCH (u:Unit) WHERE u.id IN $unit_ids MATCH {CURRENT_ITEM} WHERE c.id IN $checklist_ids "
        f"AND size({field}) > 0 RETURN {ITEM_FIELDS}, {field} AS codes",
        {"unit_ids": sorted(set(unit_ids)), "checklist_ids": list(checklist_ids)},
        cached=True,
    )


def outdated_citations(year: int | None, unit_id: str | None = None) -> Query:
    """Current-checklist rows claiming a repealed or amended law, with the law that replaced it.

    The planners disagree on where to start: LadybugDB walks from the units and filters the laws
    (3 ms in a province), Neo4j must start at the few outdated laws, collected first so that its
    planner does not start at every checklist instead (0.8 s).
    """
    unit = "(u:Unit)" if unit_id is None else "(u:Unit {id: $unit_id})"
    tail = (
        "OPTIONAL MATCH (l)-[rb:REPEALED_BY]->(n:Law) "
        f"RETURN {ITEM_FIELDS}, r.surface AS surface, l.id AS law_id, l.title AS law_title, "
        "l.status AS law_status, n.id AS replaced_by_id, n.title AS replaced_by_title, rb.date AS replaced_on"
    )
    claims = f"{unit}-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)-[r:CLAIMS]->(l:Law)"
    return Query(
        "outdated_citations",
        "MATCH (l:Law) WHERE l.status IN $statuses WITH collect(l) AS laws UNWIND laws AS l "
        f"MATCH {claims} WHERE {CURRENT} {tail}",
        {"year": year, "unit_id": unit_id, "statuses": list(OUTDATED_STATUSES)},
        ladybug=f"MATCH {claims} WHERE {CURRENT} AND l.status IN $statuses {tail}",
    )


def submitted_unit_ids(year: int | None) -> Query:
    """The units with a current checklist for the year, in one row."""
    return Query(
        "submitted_unit_ids",
        f"MATCH (c:Checklist) WHERE {CURRENT} RETURN collect(DISTINCT c.unit_id) AS unit_ids",
        {"year": year},
    )


def checklist_items(unit_id: str, year: int | None) -> Query:
    """A unit's current checklist of a year, row by row, as it will be published."""
    return Query(
        "checklist_items",
        f"MATCH (u:Unit {{id: $unit_id}})-[:SUBMITTED]->(c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem) WHERE {CURRENT} "
        f"RETURN {ITEM_FIELDS}, i.audience_text AS audience_text, i.method_text AS method_text, "
        "i.timing_text AS timing_text, i.section AS section, i.person AS person, i.partners AS partners",
        {"unit_id": unit_id, "year": year},
    )


# --- laws ---------------------------------------------------------------------------------


def laws_in_scope(scope: LawScope) -> Query:
    clauses, params = scope.clauses()
    return Query("laws_in_scope", f"MATCH (l:Law) {_where(clauses)} RETURN {LAW_FIELDS}", params, packed=LAW_COLUMNS)


def count_laws_in_scope(scope: LawScope) -> Query:
    clauses, params = scope.clauses()
    return Query("count_laws_in_scope", f"MATCH (l:Law) {_where(clauses)} RETURN count(l) AS n", params, cached=True)


def law_sort_keys(scope: LawScope) -> Query:
    """Laws in scope as [id, level, title], in one row."""
    clauses, params = scope.clauses()
    return Query(
        "law_sort_keys", f"MATCH (l:Law) {_where(clauses)} RETURN collect([l.id, l.level, l.title]) AS laws", params,
        cached=True,
    )


def all_law_briefs() -> Query:
    """Every law's list fields: answers name laws from all over the catalogue, a few at a time."""
    return Query("all_law_briefs", f"MATCH (l:Law) RETURN {LAW_FIELDS}", packed=LAW_COLUMNS)


def law_detail(law_id: str) -> Query:
    return Query("law_detail", f"MATCH (l:Law {{id: $law_id}}) RETURN {LAW_DETAIL_FIELDS}", {"law_id": law_id})


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
        f"OR any(alias IN l.aliases WHERE alias CONTAINS q) RETURN {LAW_DETAIL_FIELDS}",
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


# --- departments: which articles name which types, which units act as them -------------------


def articles_naming_types_of_laws(law_ids: list[str]) -> Query:
    """Articles of these laws' current versions and the department types they name."""
    return Query(
        "articles_naming_types_of_laws",
        f"MATCH (l:Law) WHERE l.id IN $law_ids {CURRENT_VERSION} "
        f"MATCH (v)-[:HAS_ARTICLE]->(a:Article)-[n:NAMES]->(d:DepartmentType) RETURN {ARTICLE_MATCH_FIELDS}",
        {"law_ids": list(law_ids)},
        cached=True,
        packed=ARTICLE_MATCH_COLUMNS,
    )


def articles_naming_types_in_laws(type_ids: list[str], law_ids: list[str]) -> Query:
    """Articles of these laws' current versions that name one of these department types."""
    return Query(
        "articles_naming_types_in_laws",
        f"MATCH (l:Law) WHERE l.id IN $law_ids {CURRENT_VERSION} "
        "MATCH (v)-[:HAS_ARTICLE]->(a:Article)-[n:NAMES]->(d:DepartmentType) WHERE d.id IN $type_ids "
        f"RETURN {ARTICLE_MATCH_FIELDS}",
        {"type_ids": list(type_ids), "law_ids": list(law_ids)},
        packed=ARTICLE_MATCH_COLUMNS,
    )


def types_named_by_law(scope: LawScope) -> Query:
    """For each law in scope, the department types its current version names."""
    clauses, params = scope.clauses()
    return Query(
        "types_named_by_law",
        f"MATCH (l:Law) {_where(clauses)} {CURRENT_VERSION} "
        "MATCH (v)-[:HAS_ARTICLE]->(:Article)-[:NAMES]->(d:DepartmentType) "
        "RETURN l.id AS law_id, collect(DISTINCT d.id) AS type_ids",
        params,
        cached=True,
        packed=("law_id", "type_ids"),
    )


def units_acting_as(type_ids: list[str]) -> Query:
    """The ids of the units acting as each of these department types (one row per type)."""
    return Query(
        "units_acting_as",
        "UNWIND $type_ids AS tid MATCH (d:DepartmentType {id: tid})<-[:ACTS_AS]-(u:Unit) "
        "RETURN d.id AS type_id, collect(u.id) AS unit_ids",
        {"type_ids": list(type_ids)},
        cached=True,
    )


def units_by_type() -> Query:
    """Each department type with the ids of the units acting as it (one row per type)."""
    return Query(
        "units_by_type",
        "MATCH (u:Unit)-[:ACTS_AS]->(d:DepartmentType) RETURN d.id AS type_id, collect(u.id) AS unit_ids",
        cached=True,
    )


def unit_types(unit_id: str, include_sub_units: bool = False) -> Query:
    """The department types a unit (and its sections) act as."""
    return Query(
        "unit_types",
        f"{_unit_and_sections(include_sub_units)}-[:ACTS_AS]->(d:DepartmentType) "
        "RETURN u.id AS unit_id, d.id AS type_id, d.name AS type_name",
        {"unit_id": unit_id},
    )


# --- units and vocabularies -----------------------------------------------------------------


def unit_brief(unit_id: str) -> Query:
    return Query("unit_brief", f"MATCH (u:Unit {{id: $unit_id}}) RETURN {UNIT_FIELDS}", {"unit_id": unit_id})


def unit_detail(unit_id: str) -> Query:
    return Query(
        "unit_detail",
        f"MATCH (u:Unit {{id: $unit_id}}) RETURN {UNIT_FIELDS}, u.liaison_name AS liaison_name, "
        "u.liaison_post AS liaison_post, u.liaison_phone AS liaison_phone, u.liaison_email AS liaison_email",
        {"unit_id": unit_id},
    )


def units_page(skip: int, limit: int) -> Query:
    """One page of all units by name."""
    return Query(
        "units_page", f"MATCH (u:Unit) RETURN {UNIT_FIELDS} ORDER BY u.name, u.id SKIP $skip LIMIT $limit",
        {"skip": skip, "limit": limit},
    )


def count_units() -> Query:
    return Query("count_units", "MATCH (u:Unit) RETURN count(u) AS n")


def units_overview() -> Query:
    """Every unit as [id, name, id of the unit it is part of (null at the top)], in one row."""
    return Query(
        "units_overview",
        "MATCH (u:Unit) OPTIONAL MATCH (u)-[:PART_OF]->(p:Unit) RETURN collect([u.id, u.name, p.id]) AS units",
        cached=True,
    )


def unit_briefs(unit_ids: list[str]) -> Query:
    return Query(
        "unit_briefs", f"UNWIND $unit_ids AS uid MATCH (u:Unit {{id: uid}}) RETURN {UNIT_FIELDS}",
        {"unit_ids": list(unit_ids)},
    )


def search_units(text: str) -> Query:
    return Query(
        "search_units",
        "WITH $text AS q MATCH (u:Unit) WHERE u.name CONTAINS q OR any(alias IN u.aliases WHERE alias CONTAINS q) "
        f"RETURN {UNIT_FIELDS}",
        {"text": text},
    )


def units_named(name: str) -> Query:
    """Units whose id, name or an alias is exactly this (how people type a unit on the command line)."""
    return Query(
        "units_named",
        f"WITH $name AS q MATCH (u:Unit) WHERE u.id = q OR u.name = q OR q IN u.aliases RETURN {UNIT_FIELDS}",
        {"name": name},
    )


def sub_units(unit_id: str) -> Query:
    """Sections and second-level units below a unit, at any depth up to five."""
    return Query(
        "sub_units",
        "MATCH (:Unit {id: $unit_id})<-[:PART_OF*1..5]-(u:Unit) RETURN DISTINCT u.id AS unit_id, u.name AS unit_name",
        {"unit_id": unit_id},
    )


def parent_unit(unit_id: str) -> Query:
    return Query(
        "parent_unit",
        "MATCH (:Unit {id: $unit_id})-[:PART_OF]->(u:Unit) RETURN u.id AS unit_id, u.name AS unit_name",
        {"unit_id": unit_id},
    )


def unit_checklists(unit_id: str) -> Query:
    return Query(
        "unit_checklists",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChecklistItem) "
        "RETURN c.id AS id, c.year AS year, c.revision AS revision, c.current AS current, c.source AS source, "
        "c.submitted_at AS submitted_at, count(i) AS items",
        {"unit_id": unit_id},
    )


def node_name(label: str, node_id: str) -> Query:
    """The display name of a node (a key date, an audience, a law), to check it exists."""
    node_type(label)
    return Query(
        f"{label.lower()}_name", f"MATCH (n:{label} {{id: $id}}) RETURN n.id AS id, {_name(label, 'n')} AS name",
        {"id": node_id},
    )


def key_dates(key_date_ids: list[str]) -> Query:
    return Query(
        "key_dates",
        "UNWIND $ids AS kid MATCH (k:KeyDate {id: kid}) RETURN k.id AS id, k.name AS name, k.month AS month, k.day AS day",
        {"ids": list(key_date_ids)},
    )


# --- ingest: what a write needs to know about the graph first -------------------------------------


def existing_ids(label: str, ids: list[str]) -> Query:
    """Which of these ids a node of this label already has (edges need both ends)."""
    label = node_type(label).label
    return Query(f"existing_{label}_ids", f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) RETURN n.id AS id",
                 {"ids": list(ids)})


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


def unit_directory() -> Query:
    """Every unit's id, name and aliases: checklists name their unit (and partners) in many ways."""
    return Query("unit_directory",
                 "MATCH (u:Unit) RETURN u.id AS id, u.name AS name, u.aliases AS aliases, u.region AS region")


def unit_year_checklists(unit_id: str, year: int) -> Query:
    """A unit's checklist revisions for a year, newest first: the next revision number and whether it changed."""
    return Query(
        "unit_year_checklists",
        "MATCH (:Unit {id: $unit_id})-[:SUBMITTED]->(c:Checklist) WHERE c.year = $year "
        "RETURN c.revision AS revision, c.digest AS digest ORDER BY c.revision DESC",
        {"unit_id": unit_id, "year": year},
    )
