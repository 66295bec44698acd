"""Request dependencies the JSON routes and the pages share: the settings, the store, the ingest
jobs, the session signer, the login throttle and the clock (once per app), paging, the law scope
of the read endpoints, and who is acting (a bearer token or a session cookie, with its CSRF check)."""

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP, Actor, LoginThrottle
from domain.accounts.sessions import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, Sessions
from domain.assessment.activities import Upload
from domain.assessment.rubric import Rubric, rubric_in_force
from domain.base.cache import CachedStore
from graph.queries.scope import LawScope
from ingest.jobs import IngestJobs
from nlp.principal import Tier
from pufa.clock import Clock
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


def get_sessions(request: Request) -> Sessions:
    return request.app.state.sessions


def get_throttle(request: Request) -> LoginThrottle:
    return request.app.state.throttle


def get_clock(request: Request) -> Clock:
    return request.app.state.clock


def client_address(request: Request) -> str:
    """The client's address for the login throttle: the connection's, unless it comes from a trusted
    proxy (PUFA_TRUSTED_PROXIES), whose X-Forwarded-For then names it (its last address that is not a
    proxy). Never assumed: a header from anyone else is ignored, or rotating it would reset the limit."""
    peer = request.client.host if request.client else "unknown"
    proxies = {address.strip() for address in get_settings(request).trusted_proxies.split(",") if address.strip()}
    if peer not in proxies:
        return peer
    forwarded = [address.strip() for header in request.headers.getlist("x-forwarded-for")
                 for address in header.split(",") if address.strip()]
    return next((address for address in reversed(forwarded) if address not in proxies), peer)


def get_rubric(request: Request) -> Rubric:
    """The assessment rubric in force: the bureau's own (PUFA_ASSESSMENT_RUBRIC) or the shipped one."""
    return rubric_in_force(get_settings(request).assessment_rubric)


def evidence_upload(settings: Settings, files: list[tuple[str, bytes]]) -> Upload:
    """Evidence files as sent, with the limits of the settings (size, files per activity, the folder)."""
    return Upload(files, settings.attachments_dir, settings.max_attachment_mb << 20, settings.max_evidence_files)


SettingsDep = Annotated[Settings, Depends(get_settings)]
RubricDep = Annotated[Rubric, Depends(get_rubric)]
StoreDep = Annotated[CachedStore, Depends(get_store)]
JobsDep = Annotated[IngestJobs, Depends(get_jobs)]
SessionsDep = Annotated[Sessions, Depends(get_sessions)]
ThrottleDep = Annotated[LoginThrottle, Depends(get_throttle)]
ClockDep = Annotated[Clock, Depends(get_clock)]
ClientDep = Annotated[str, Depends(client_address)]

_bearer = HTTPBearer(auto_error=False)
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def sent_csrf(request: Request) -> str | None:
    """The CSRF token a request sends back: the X-CSRF-Token header, or the form field."""
    if header := request.headers.get(CSRF_HEADER):
        return header
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def require_csrf(request: Request) -> None:
    """Refuse an unsafe request whose CSRF token does not match the signed cookie (403)."""
    if not get_sessions(request).csrf_matches(request.cookies.get(CSRF_COOKIE), await sent_csrf(request)):
        raise Forbidden("the form is out of date or was not sent from these pages (CSRF check failed); reload the page",
                        advice="表单已过期或不是从本系统页面提交的，请刷新页面后重新提交。")


async def get_actor_or_none(
    request: Request, settings: SettingsDep, store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor | None:
    """Who is asking: a bearer token (PUFA_API_TOKEN is the bootstrap administrator, any other an
    account's API token), else the session cookie; None for the public. A cookie-authenticated
    unsafe request must also pass the CSRF check; a bearer token is not sent by browsers unasked."""
    if credentials is not None:
        expected = settings.api_token.get_secret_value() if settings.api_token else ""
        if expected and secrets.compare_digest(credentials.credentials.encode(), expected.encode()):
            return BOOTSTRAP
        return accounts.token_actor(store, credentials.credentials)
    if request.headers.get("authorization"):
        raise Unauthorized("a valid bearer token is required (Authorization: Bearer <token>)")
    claims = get_sessions(request).read(request.cookies.get(SESSION_COOKIE))
    actor = accounts.session_actor(store, claims.account_id, claims.epoch) if claims else None
    if actor is not None and request.method in UNSAFE_METHODS:
        await require_csrf(request)
    return actor


def require_actor(actor: Annotated[Actor | None, Depends(get_actor_or_none)]) -> Actor:
    if actor is None:
        raise Unauthorized("sign in, or send a bearer token (Authorization: Bearer <token>)")
    return actor


OptionalActorDep = Annotated[Actor | None, Depends(get_actor_or_none)]
ActorDep = Annotated[Actor, Depends(require_actor)]
"""The acting account (401 without one). What it may do is checked where the write lands, in the domain."""


@dataclass(frozen=True)
class Paging:
    skip: int
    limit: int


def paging(default_limit: int) -> Any:
    """The `skip` and `limit` query parameters, pages of `default_limit` rows unless asked otherwise."""

    def get_paging(
        skip: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows to return (at most {MAX_LIMIT}).")]
        = default_limit,
    ) -> Paging:
        return Paging(skip=skip, limit=limit)

    return Annotated[Paging, Depends(get_paging)]


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


PagingDep = paging(100)
LawScopeDep = Annotated[LawScope, Depends(get_law_scope)]
YearPath = Annotated[int, Path(ge=1949, le=2100, description="A year (1949–2100).")]
"""Every year in a path is bounded: an unbounded one (2^63) overflowed the store's integer, a 500."""
YearQuery = Annotated[
    int | None, Query(ge=1949, le=2100, description="Checklist year; the latest year submitted by default."),
]
TierQuery = Annotated[
    Tier | None, Query(description="Only one relevance tier: principal (主管), related (相关) or mentioned (提及)."),
]


def start_session(request: Request, response: Response, actor: Actor) -> str:
    """Set the session cookie for a signed-in actor and a fresh CSRF token (no fixation); returns the token."""
    sessions, settings = get_sessions(request), get_settings(request)
    epoch = accounts.session_epoch(request.app.state.store, actor.id)
    response.set_cookie(SESSION_COOKIE, sessions.issue(actor.id, epoch), max_age=sessions.max_age, httponly=True,
                        samesite="lax", secure=settings.cookie_secure, path="/")
    return set_csrf_cookie(request, response)


def set_csrf_cookie(request: Request, response: Response) -> str:
    token, cookie = get_sessions(request).new_csrf()
    response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict",
                        secure=get_settings(request).cookie_secure, path="/")
    return token


def csrf_token(request: Request) -> str | None:
    """The CSRF token of the request's cookie (for the page to embed), if it has a valid one."""
    return get_sessions(request).csrf_of(request.cookies.get(CSRF_COOKIE))


def end_session(request: Request, response: Response) -> None:
    """Delete the session cookie and end the session it carried (`accounts.end_sessions`)."""
    claims = get_sessions(request).read(request.cookies.get(SESSION_COOKIE))
    if claims is not None:
        accounts.end_sessions(request.app.state.store, claims.account_id, claims.epoch)
    response.delete_cookie(SESSION_COOKIE, path="/")
