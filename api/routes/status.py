"""The store's status for people: which store, and its nodes per label as of the last write."""

from fastapi import APIRouter

from api.deps import StoreDep
from domain.base.status import StoreStatusPublic, store_status

router = APIRouter(tags=["health"])


@router.get("/status", response_model=StoreStatusPublic)
def status(store: StoreDep) -> StoreStatusPublic:
    """The store and its node count per label (counted once per graph stamp)."""
    return store_status(store)
