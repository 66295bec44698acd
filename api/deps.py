"""Request dependencies the JSON routes and the pages share: the settings, the store and the
ingest jobs (once per app), paging, the law scope of the read endpoints, and the bearer token
write endpoints require."""

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from domain.cache import CachedStore
from graph.queries.scope import LawScope
from ingest.jobs import IngestJobs
from nlp.principal import Tier
from pufa.config import Settings
from pufa.errors import Forbidden, Unauthorized

MAX_LIMIT = 500


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> CachedStore:
    """Async: FastAPI runs a plain dependency in a worker thread, a hop that cost /health a third of its time."""
    return request.app.state.store


def get_jobs(request: Request) -> IngestJobs:
    return request.app.state.jobs


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[CachedStore, Depends(get_store)]
JobsDep = Annotated[IngestJobs, Depends(get_jobs)]

_bearer = HTTPBearer(auto_error=False)


def require_token(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a write through only with `Authorization: Bearer <PUFA_API_TOKEN>`; no token configured, no writes."""
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not expected:
        raise Forbidden("writes are disabled: no API token is configured (set PUFA_API_TOKEN)")
    if credentials is None or not secrets.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise Unauthorized("a valid bearer token is required (Authorization: Bearer <token>)")


TokenDep = Depends(require_token)
"""For write routes: `@router.post(..., dependencies=[TokenDep])`."""


@dataclass(frozen=True)
class Paging:
    skip: int
    limit: int


def get_paging(
    skip: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows to return (at most {MAX_LIMIT}).")] = 100,
) -> Paging:
    return Paging(skip=skip, limit=limit)


def get_law_scope(
    settings: SettingsDep,
    level: Annotated[str | None, Query(description="位阶, e.g. 法律, 行政法规, 地方性法规.")] = None,
    status: Annotated[str, Query(description="时效性; `all` for any.")] = "现行有效",
    region: Annotated[str | None, Query(
        description="A unit's region: national laws plus local ones it lies in (default PUFA_REGION).")] = None,
    category: Annotated[str | None, Query(description="Category, e.g. 行政法, 经济法.")] = None,
    effective_year: Annotated[int | None, Query(ge=1949, le=2100, description="Laws in force from this year.")] = None,
    include_common: Annotated[bool, Query(description="Include common duties (宪法, 民法典 …).")] = False,
) -> LawScope:
    return LawScope.asked(level=level, status=status, region=region, category=category, effective_year=effective_year,
                          include_common=include_common, served_region=settings.region)


PagingDep = Annotated[Paging, Depends(get_paging)]
LawScopeDep = Annotated[LawScope, Depends(get_law_scope)]
YearQuery = Annotated[
    int | None, Query(ge=1949, le=2100, description="Checklist year; the latest year submitted by default."),
]
TierQuery = Annotated[
    Tier | None, Query(description="Only one relevance tier: principal (主管), related (相关) or mentioned (提及)."),
]
