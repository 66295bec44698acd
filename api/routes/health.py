"""Liveness and store reachability, for load balancers and healthchecks: one ping, never cached.
The node counts are at /api/v1/status (`routes.status`)."""

from fastapi import APIRouter, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep

router = APIRouter(tags=["health"])


class StorePublic(BaseModel):
    kind: str
    location: str
    reachable: bool


class HealthPublic(BaseModel):
    status: str
    store: StorePublic


@router.get("/health", response_model=HealthPublic)
async def health(store: StoreDep, response: Response) -> HealthPublic:
    """200 when the store answers a ping; StoreUnavailable gives 503. Counts are at /api/v1/status.

    On the event loop: an embedded store's ping answers at once, and a worker thread would double
    the cost of the call; a remote store's ping waits for the network, in a worker thread."""
    if store.remote:
        await run_in_threadpool(store.ping)
    else:
        store.ping()
    response.headers["Cache-Control"] = "no-store"
    return HealthPublic(status="ok", store=StorePublic(kind=store.kind, location=store.location, reachable=True))

