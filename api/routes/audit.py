"""The checklist audit of a year: submissions, missing questions, outdated laws, unresolved names."""

from fastapi import APIRouter

from api.deps import LawScopeDep, PagingDep, StoreDep, YearQuery
from domain.catalogue.models import UnitsPublic
from domain.checklists import audit
from domain.checklists.models import (
    AuditSummaryPublic,
    FlaggedItemsPublic,
    OutdatedCitationsPublic,
    UnitAuditDetailPublic,
)

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=AuditSummaryPublic)
def audit_summary(store: StoreDep, scope: LawScopeDep, paging: PagingDep, year: YearQuery = None) -> AuditSummaryPublic:
    """The bureau summary with percentages, and one row per unit (paged)."""
    return audit.audit_summary(store, year=year, scope=scope, skip=paging.skip, limit=paging.limit)


@router.get("/not-submitted", response_model=UnitsPublic)
def not_submitted(store: StoreDep, paging: PagingDep, year: YearQuery = None) -> UnitsPublic:
    return audit.not_submitted(store, year=year, skip=paging.skip, limit=paging.limit)


@router.get("/problems", response_model=FlaggedItemsPublic)
def problems(store: StoreDep, paging: PagingDep, year: YearQuery = None, unit_id: str | None = None) -> FlaggedItemsPublic:
    """Rows missing one of the five questions (law, audience, method, timing, section/person)."""
    return audit.flagged_items(store, "problems", year=year, unit_id=unit_id, skip=paging.skip, limit=paging.limit)


@router.get("/outdated", response_model=OutdatedCitationsPublic)
def outdated(
    store: StoreDep, paging: PagingDep, year: YearQuery = None, unit_id: str | None = None,
) -> OutdatedCitationsPublic:
    """Rows citing a law that is 已废止 or 已修改, with the law that replaced it."""
    return audit.outdated_citations(store, year=year, unit_id=unit_id, skip=paging.skip, limit=paging.limit)


@router.get("/unresolved", response_model=FlaggedItemsPublic)
def unresolved(
    store: StoreDep, paging: PagingDep, year: YearQuery = None, unit_id: str | None = None,
) -> FlaggedItemsPublic:
    """Rows with audiences, methods or timings that matched no known name."""
    return audit.flagged_items(store, "unresolved", year=year, unit_id=unit_id, skip=paging.skip, limit=paging.limit)


@router.get("/units/{unit_id}", response_model=UnitAuditDetailPublic)
def unit_audit(store: StoreDep, unit_id: str, year: YearQuery = None) -> UnitAuditDetailPublic:
    return audit.unit_audit(store, unit_id, year=year)
