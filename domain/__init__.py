"""The answers: what the justice bureau, a unit, a coordinator and the public ask of the graph,
as pydantic models that the HTTP API, the web pages and the CLI show (each a thin face over these).

Four wings over a shared base, each importing only those below it (import-linter checks it):
`assessment` (the year's scores) → `checklists` (the checklist year) → `catalogue` (laws, units and
who answers for what) → `accounts` (who acts) → `base` (the answer cache, briefs, documents)."""
