"""The answers: what the justice bureau, a unit, a coordinator and the public ask of the graph,
as pydantic models that the HTTP API, the web pages and the CLI show (each a thin face over these)."""
