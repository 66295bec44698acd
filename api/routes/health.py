"""Liveness and store reachability, for load balancers and for people."""

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import StoreDep

router = APIRouter(tags=["health"])


class StorePublic(BaseModel):
    kind: str
    location: str
    reachable: bool


class HealthPublic(BaseModel):
    status: str
    store: StorePublic
    counts: dict[str, int]


@router.get("/health", response_model=HealthPublic)
def health(store: StoreDep) -> HealthPublic:
    """Answer 200 with the node counts when the store answers; StoreUnavailable gives 503."""
    store.store.ping()
    return HealthPublic(
        status="ok",
        store=StorePublic(kind=store.kind, location=store.location, reachable=True),
        counts=store.store.counts(),
    )
