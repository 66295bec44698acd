"""The HTTP service: the JSON API under /api/v1 and the web pages, over one store per process.

It is built by `create_app` (uvicorn's factory: `uvicorn api.app:create_app --factory`, which
`pufa serve` runs); tests pass their own store.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems, response_cache
from api.files import Uploads
from api.limits import BodySizeLimit
from api.routes import (
    accounts,
    activities,
    assessment,
    audit,
    auth,
    campaigns,
    checklists,
    county_report,
    duty_laws,
    exports,
    gaps,
    health,
    ingest,
    laws,
    plan,
    prompts,
    public,
    shared,
    status,
    units,
)
from api.web import install as install_web_pages
from domain.accounts.accounts import LoginThrottle
from domain.accounts.sessions import Sessions
from domain.assessment.rubric import rubric_in_force
from domain.base.cache import CachedStore
from domain.base.refresh import CacheRefresher
from graph.migrations import prepare
from graph.registry import open_store
from graph.store import GraphStore
from ingest.jobs import IngestJobs
from pufa.clock import Clock, system_clock
from pufa.config import Settings, get_settings

API_V1 = "/api/v1"


FULL_COLLECTION_EVERY = 1000
"""Middle-generation collections per full one (CPython's default: 10): a full collection walks every
kept answer and remembered tally, 110–140 ms for a province's, which at 10 (or 100) came every few
cold answers and made one in three or four take 0.3–0.4 s instead of 0.15. At 1000 it comes once
per some 7 million allocations; cycles among young objects are collected as often as before."""


SWITCH_INTERVAL_SECONDS = 0.001
"""How long a thread holding Python's lock keeps it while another waits (CPython's default: 5 ms). An
upload parsing in a worker thread made every read wait up to 5 ms at each of its steps: with 1 ms a
read under attack is much closer to a quiet one (bench/bench_soak.py)."""


def share_the_interpreter() -> None:
    """Let the event loop take Python's lock back from a parsing worker thread within 1 ms."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


def freeze_loaded_objects() -> None:
    """Put everything loaded so far (libraries, the jieba dictionary) out of the garbage
    collector's sight: its full collections walked them all, 50 ms pauses that made one answer
    in twenty slow; and make full collections rarer (FULL_COLLECTION_EVERY)."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class OneStampPerRead:
    """Answer each GET under one graph stamp (`CachedStore.one_stamp`): a page built from several
    answers reads the stamp once and shows one state of the graph."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        with scope["app"].state.store.one_stamp():
            await self.app(scope, receive, send)


PAGE_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                                 b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
"""The pages run no script and are never framed: a script or a frame smuggled into a cell stays text."""


class SecurityHeaders:
    """Every answer says nosniff; every page also carries PAGE_SECURITY_HEADERS."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", [])
                           if name.lower() != b"x-content-type-options"]
                headers.append((b"x-content-type-options", b"nosniff"))
                if any(name.lower() == b"content-type" and value.startswith(b"text/html") for name, value in headers):
                    headers += PAGE_SECURITY_HEADERS
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None, store: GraphStore | None = None, clock: Clock = system_clock) -> FastAPI:
    """Build the app; tests pass their own store (and a clock they set), the server opens the configured one."""
    settings = settings or get_settings()
    rubric_in_force(settings.assessment_rubric)  # read and checked now: a bad rubric stops the start, naming line and field

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        graph = store or open_store(settings)
        app.state.store = CachedStore(graph)
        app.state.jobs = IngestJobs(graph, settings.corpus_dir)
        refresher = None
        if owned:
            prepare(graph)
            if settings.cache_refresh_seconds > 0:
                refresher = CacheRefresher(app.state.store, settings.cache_refresh_seconds)
                refresher.start()
            freeze_loaded_objects()
            share_the_interpreter()
        try:
            yield
        finally:
            app.state.jobs.wait()
            if refresher is not None:
                refresher.stop()
            if owned:
                graph.close()

    app = FastAPI(title="Pufa Graph", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.clock = clock
    app.state.uploads = Uploads(settings)
    app.state.sessions = Sessions(settings.secret_key.get_secret_value() if settings.secret_key else None,
                                  int(settings.session_hours * 3600))
    app.state.throttle = LoginThrottle(settings.login_free_failures, settings.login_failures_per_client,
                                       timedelta(minutes=settings.login_window_minutes), clock,
                                       timedelta(seconds=settings.login_backoff_seconds))
    problems.install(app)
    app.add_middleware(BodySizeLimit, max_upload_mb=settings.max_upload_mb)
    response_cache.install(app, settings, skip_paths=("/health",))
    app.add_middleware(OneStampPerRead)
    app.add_middleware(SecurityHeaders)
    app.include_router(health.router)
    for router in (laws.router, units.router, gaps.router, shared.router, campaigns.router, audit.router,
                   exports.router, ingest.router, status.router, auth.router, accounts.router, checklists.router,
                   plan.router, public.router, activities.router, assessment.router,
                   prompts.router, duty_laws.router, county_report.router):
        app.include_router(router, prefix=API_V1)
    install_web_pages(app)
    return app
