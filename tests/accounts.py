"""Accounts for the API, page and browser tests: made through the domain as the bootstrap
administrator, signed in over HTTP, and a clock the tests set instead of sleeping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP
from domain.base.cache import CachedStore
from graph.store import GraphStore
from pufa.workflow import Role

PASSWORD = "correct horse battery"
BOOTSTRAP_TOKEN = "bootstrap-test-token"


@dataclass
class FakeClock:
    """A clock that moves only when told to."""

    now: datetime = datetime(2026, 3, 1, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_account(store: GraphStore, username: str, role: Role, unit_id: str | None = None,
                 password: str = PASSWORD, display_name: str | None = None) -> str:
    """A ready account (password set); returns its id."""
    account, _ = accounts.create_account(CachedStore(store), BOOTSTRAP, username, role, unit_id=unit_id,
                                         display_name=display_name or username, password=password)
    return account.id


def token_for(store: GraphStore, account_id: str) -> dict[str, str]:
    """Authorization headers with a fresh API token of the account."""
    token = accounts.issue_token(CachedStore(store), BOOTSTRAP, "tests", account_id=account_id)
    return {"Authorization": f"Bearer {token.token}"}


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign the client in over JSON (it keeps the cookies); returns the CSRF token to send back."""
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["csrf_token"]


class People:
    """Bearer headers per role over the test county: two unit liaisons, two reviewers, a coordinator,
    the administrator (the bootstrap token)."""

    def __init__(self, store: GraphStore):
        ids = {name: make_account(store, name, role, unit) for name, role, unit in (
            ("mkt", Role.LIAISON, "UMKT"), ("psb", Role.LIAISON, "UPSB"), ("reviewer", Role.REVIEWER, None),
            ("reviewer2", Role.REVIEWER, None), ("coordinator", Role.COORDINATOR, None))}
        self.ids = ids
        self.headers = {name: token_for(store, account_id) for name, account_id in ids.items()}
        self.headers["admin"] = {"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"}

    def __getitem__(self, name: str) -> dict[str, str]:
        return self.headers[name]
