"""Every statement the answers and the ingest make, as small named `Query` builders, one module
per topic: `queries.laws.law_detail(law_id)`, `queries.checklists.current_claims(year)`.

Values travel only as parameters; the only text spliced into Cypher are fixed fragments
(`graph.queries.fragments`), labels from the schema, and filter clauses chosen by which filters
are set.

Written for both planners:
- A multi-hop pattern starts at a node given directly, `(u:Unit {id: $unit_id})`, or at nodes
  picked from their table, `MATCH (l:Law) WHERE l.id IN $ids`; started from `UNWIND $ids`,
  LadybugDB hash-joins whole relationship tables (a unit's claims: 1 s instead of 1 ms at
  province scale; one department type's articles in the full catalogue: 70 ms instead of 18).
  `UNWIND $ids … {id: i}` is kept for one-hop key lookups.
- A law's current version is matched first (CURRENT_VERSION), then its articles.
- Big answers come back as few rows or as counts: per-row overhead dominates in the Neo4j driver.
- Whole-graph reads that many answers share (laws in scope, types per law, claims per checklist,
  flagged rows) are `cached`: the answer cache keeps them until the next write renews the graph
  stamp.

"Current checklist" means a Checklist with `current = true` for the year asked: a unit's
latest revision of that year that is not a draft (the workflow keeps it so: domain.checklists.review).
"""

from graph.queries import (
    accounts,
    activities,
    assessment,
    audit,
    campaigns,
    checklists,
    county,
    departments,
    duty_laws,
    laws,
    nodes,
    prompts,
    review,
    units,
)

__all__ = ["accounts", "activities", "assessment", "audit", "campaigns", "checklists", "county", "departments", "duty_laws", "laws", "nodes",
           "prompts", "review", "units"]
