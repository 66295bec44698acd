"""Which laws an answer considers (level, status, region, category, common duties)."""

from __future__ import annotations

from dataclasses import dataclass

ANY_STATUS = "all"
"""How people ask for laws of every status (`?status=all`, `--status all`)."""


@dataclass(frozen=True)
class LawScope:
    """Unset filters do not filter."""

    level: str | None = None
    status: str | None = "现行有效"
    region: str | None = None
    """A unit's region (示例市澄河县): national laws plus local ones whose region it contains."""
    category: str | None = None
    effective_year: int | None = None
    include_common: bool = False
    """Common duties (宪法, 民法典: Law.is_common) are every unit's and left out unless asked."""

    @classmethod
    def asked(cls, *, level: str | None = None, status: str = "现行有效", region: str | None = None,
              category: str | None = None, effective_year: int | None = None, include_common: bool = False,
              served_region: str | None = None) -> LawScope:
        """The scope as the API's query parameters and the CLI's options give it: `all` statuses
        means no status filter, and no region means the jurisdiction served (PUFA_REGION)."""
        return cls(level=level, status=None if status == ANY_STATUS else status, region=region or served_region,
                   category=category, effective_year=effective_year, include_common=include_common)

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
