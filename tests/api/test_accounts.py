"""Accounts, sessions, API tokens and invite codes over /api/v1, on both stores: who may sign in,
how often, what a session or token lets through, and that no secret is kept in the clear."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.query import Query
from graph.schema import node_type
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, PASSWORD, FakeClock, make_account, sign_in, token_for
from tests.fixtures_graph import build_county

V1 = "/api/v1"
BOOTSTRAP = {"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(store, clock):
    build_county(store)
    return create_app(Settings(api_token=BOOTSTRAP_TOKEN, secret_key="test-secret", cache_refresh_seconds=0),
                      store=store, clock=clock)


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client


def stored_text(store) -> str:
    """Every property of every account and token as stored, to look for secrets in the clear."""
    found = []
    for label in ("Account", "ApiToken"):
        columns = ", ".join(f"n.{p} AS {p}" for p in node_type(label).properties)
        found += store.read(Query("everything", f"MATCH (n:{label}) RETURN {columns}"))
    return repr(found)


def test_sign_in_sets_a_signed_http_only_cookie(client, store):
    make_account(store, "reviewer1", Role.REVIEWER)
    response = client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD})
    assert response.status_code == 200, response.text
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("pufa_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session
    assert any(c.startswith("pufa_csrf=") and "SameSite=strict" in c for c in cookies)
    assert response.json()["account"]["role"] == "reviewer" and "password_hash" not in response.text
    assert client.get(f"{V1}/auth/me").json()["username"] == "reviewer1"
    assert PASSWORD not in stored_text(store) and "$argon2id$" in stored_text(store)


@pytest.mark.parametrize(("username", "password"), [("reviewer1", "wrong password"), ("nobody", PASSWORD)])
def test_a_wrong_name_or_password_is_401_problem(client, store, username, password):
    make_account(store, "reviewer1", Role.REVIEWER)
    response = client.post(f"{V1}/auth/login", json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_failed_logins_of_an_address_on_an_account_back_off_then_release(client, store, clock):
    """Three free failures, then each waits twice as long as the one before (2 s, 4 s …)."""
    make_account(store, "reviewer1", Role.REVIEWER)
    for _ in range(3):
        assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": "nope-nope"}).status_code == 401
    refused = client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "3"
    clock.advance(seconds=3)
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": "nope-nope"}).status_code == 401
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD}).headers[
        "retry-after"] == "5"
    clock.advance(seconds=5)
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD}).status_code == 200


def test_failed_logins_are_throttled_per_client(client, store):
    make_account(store, "reviewer1", Role.REVIEWER)
    for number in range(20):
        client.post(f"{V1}/auth/login", json={"username": f"guess{number}", "password": "nope-nope"})
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD}).status_code == 429


def test_cookie_writes_need_the_csrf_token_bearer_writes_do_not(client, store):
    make_account(store, "admin1", Role.ADMIN)
    csrf = sign_in(client, "admin1")
    body = {"username": "coord1", "role": "coordinator"}
    assert client.post(f"{V1}/accounts", json=body).status_code == 403
    assert client.post(f"{V1}/accounts", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post(f"{V1}/accounts", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    client.cookies.clear()
    assert client.post(f"{V1}/accounts", json={**body, "username": "coord2"}, headers=BOOTSTRAP).status_code == 201


def test_invites_from_the_register_hashed_spent_once_and_expiring(client, store, clock):
    response = client.post(f"{V1}/accounts/invites", headers=BOOTSTRAP)
    assert response.status_code == 201
    invites = response.json()["data"]
    assert len(invites) == 7 and {i["account"]["role"] for i in invites} == {"liaison"}
    assert client.post(f"{V1}/accounts/invites", headers=BOOTSTRAP).json()["count"] == 0  # one step, once
    assert not any(invite["code"] in stored_text(store) for invite in invites)
    first, second = invites[0], invites[1]
    activate = {"username": first["account"]["username"], "code": first["code"].lower(), "password": "new password 1"}
    assert client.post(f"{V1}/auth/activate", json=activate).status_code == 200
    me = client.get(f"{V1}/auth/me").json()
    assert me["role"] == "liaison" and me["unit"]["id"] == first["account"]["unit"]["id"]
    assert client.post(f"{V1}/auth/activate", json=activate).status_code == 401  # spent
    clock.advance(days=15)
    late = {"username": second["account"]["username"], "code": second["code"], "password": "new password 2"}
    assert client.post(f"{V1}/auth/activate", json=late).status_code == 401  # expired
    assert client.post(f"{V1}/auth/activate", json={**late, "password": "short"}).status_code == 422


def test_api_tokens_are_shown_once_hashed_at_rest_and_revocable(client, store):
    make_account(store, "coord1", Role.COORDINATOR)
    csrf = sign_in(client, "coord1")
    created = client.post(f"{V1}/accounts/me/tokens", json={"name": "sync script"}, headers={"X-CSRF-Token": csrf})
    assert created.status_code == 201
    token = created.json()["token"]
    assert token not in stored_text(store)
    listed = client.get(f"{V1}/accounts/me/tokens").json()
    assert listed["count"] == 1 and "token" not in listed["data"][0]
    client.cookies.clear()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"{V1}/auth/me", headers=headers).json()["username"] == "coord1"
    revoked = client.delete(f"{V1}/accounts/me/tokens/{created.json()['id']}", headers=headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get(f"{V1}/auth/me", headers=headers).status_code == 401


def test_disabling_ends_sessions_and_tokens_reset_issues_a_new_code(client, store):
    account_id = make_account(store, "reviewer1", Role.REVIEWER)
    headers = token_for(store, account_id)
    sign_in(client, "reviewer1")
    assert client.post(f"{V1}/accounts/{account_id}/disable", headers=BOOTSTRAP).json()["disabled"] is True
    assert client.get(f"{V1}/auth/me").status_code == 401
    client.cookies.clear()
    assert client.get(f"{V1}/auth/me", headers=headers).status_code == 401
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD}).status_code == 401
    client.post(f"{V1}/accounts/{account_id}/enable", headers=BOOTSTRAP)
    invite = client.post(f"{V1}/accounts/{account_id}/reset", headers=BOOTSTRAP).json()
    assert client.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD}).status_code == 401
    activate = {"username": "reviewer1", "code": invite["code"], "password": "another password"}
    assert client.post(f"{V1}/auth/activate", json=activate).status_code == 200


@pytest.mark.parametrize(("role", "unit"), [(Role.LIAISON, "UPSB"), (Role.REVIEWER, None), (Role.COORDINATOR, None)])
def test_only_the_administrator_manages_accounts_and_loads_the_register(client, store, role, unit):
    headers = token_for(store, make_account(store, "someone", role, unit))
    assert client.get(f"{V1}/accounts", headers=headers).status_code == 403
    assert client.post(f"{V1}/accounts", json={"username": "x-new", "role": "admin"}, headers=headers).status_code == 403
    assert client.post(f"{V1}/accounts/invites", headers=headers).status_code == 403
    register = ("units.csv", "序号,单位名称\n1,澄河县新单位\n".encode(), "text/csv")
    assert client.post(f"{V1}/units", files={"file": register}, headers=headers).status_code == 403
    assert client.post(f"{V1}/ingest/jobs", json={"kind": "catalogue"}, headers=headers).status_code == 403


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/accounts"), ("POST", "/accounts/invites"), ("GET", "/auth/me"), ("POST", "/units"),
    ("POST", "/checklists"), ("POST", "/ingest/jobs"), ("GET", "/accounts/me/tokens"),
])
def test_no_credential_is_401_and_a_bad_one_too(client, method, path):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic czNjcmV0"}):
        response = client.request(method, V1 + path, headers=headers)
        assert response.status_code == 401, (path, headers, response.text)
        assert response.headers["content-type"] == "application/problem+json"


def test_liaisons_contact_details_only_for_accounts_that_read_the_unit(client, store):
    assert client.get(f"{V1}/units/UPSB").json()["liaison"]["phone"] is None
    other = token_for(store, make_account(store, "edu-liaison", Role.LIAISON, "UEDU"))
    assert client.get(f"{V1}/units/UPSB", headers=other).json()["liaison"]["phone"] is None
    own = token_for(store, make_account(store, "psb-liaison", Role.LIAISON, "UPSB"))
    assert client.get(f"{V1}/units/UPSB", headers=own).json()["liaison"]["phone"] == "0000-7000111"
    reviewer = token_for(store, make_account(store, "reviewer1", Role.REVIEWER))
    assert client.get(f"{V1}/units/UPSB", headers=reviewer).json()["liaison"]["phone"] == "0000-7000111"
