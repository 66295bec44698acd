"""Liveness and store reachability, for load balancers and for people."""

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import HealthPublic, StorePublic

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic)
def health(store: StoreDep) -> HealthPublic:
    """Answer 200 with the node counts when the store answers; StoreUnavailable gives 503."""
    store.ping()
    return HealthPublic(
        status="ok",
        store=StorePublic(kind=store.kind, location=store.location, reachable=True),
        counts=store.counts(),
    )
