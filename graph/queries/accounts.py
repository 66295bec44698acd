"""Accounts and their API tokens: look-ups by name, id and token hash, and the few updates."""

from __future__ import annotations

from graph.queries.fragments import fields
from graph.query import Query

ACCOUNT_FIELDS = fields("a", ("id", "username", "display_name", "role", "unit_id", "password_hash", "invite_hash",
                              "invite_expires", "disabled", "session_epoch", "created_at", "activated_at"))


def account_by_username(username: str) -> Query:
    return Query("account_by_username", f"MATCH (a:Account) WHERE a.username = $username RETURN {ACCOUNT_FIELDS}",
                 {"username": username})


def account_by_id(account_id: str) -> Query:
    return Query("account_by_id", f"MATCH (a:Account {{id: $account_id}}) RETURN {ACCOUNT_FIELDS}",
                 {"account_id": account_id})


def all_accounts() -> Query:
    """Every account with its unit's name (an admin's list: a county has tens, a province thousands)."""
    return Query(
        "all_accounts",
        f"MATCH (a:Account) OPTIONAL MATCH (a)-[:LIAISON_OF]->(u:Unit) RETURN {ACCOUNT_FIELDS}, u.name AS unit_name",
    )


def liaison_accounts_of(unit_ids: list[str]) -> Query:
    """The liaison accounts of these units (a reviewer belonging to a unit is not its liaison)."""
    return Query(
        "liaison_accounts_of",
        f"MATCH (a:Account)-[:LIAISON_OF]->(u:Unit) WHERE u.id IN $unit_ids RETURN {ACCOUNT_FIELDS}",
        {"unit_ids": list(unit_ids)},
    )


def registered_liaisons() -> Query:
    """Units whose register row names a liaison, with the id of an account acting for the unit, if any."""
    return Query(
        "registered_liaisons",
        "MATCH (u:Unit) WHERE u.liaison_name IS NOT NULL AND u.liaison_name <> '' "
        "OPTIONAL MATCH (a:Account)-[:LIAISON_OF]->(u) "
        "RETURN u.id AS unit_id, u.name AS unit_name, u.liaison_name AS liaison_name, "
        "u.liaison_post AS liaison_post, u.liaison_email AS liaison_email, collect(a.id) AS account_ids",
    )


def set_password(account_id: str, password_hash: str, at: str) -> Query:
    """A new password: the invite code is spent and every earlier session ends."""
    return Query(
        "set_password",
        "MATCH (a:Account {id: $account_id}) SET a.password_hash = $password_hash, a.invite_hash = null, "
        "a.invite_expires = null, a.activated_at = coalesce(a.activated_at, $at), "
        "a.session_epoch = coalesce(a.session_epoch, 0) + 1 RETURN a.id AS id",
        {"account_id": account_id, "password_hash": password_hash, "at": at},
    )


def set_invite(account_id: str, invite_hash: str, expires: str) -> Query:
    """A reset: the password goes, a new invite code comes, every session ends."""
    return Query(
        "set_invite",
        "MATCH (a:Account {id: $account_id}) SET a.password_hash = null, a.invite_hash = $invite_hash, "
        "a.invite_expires = $expires, a.session_epoch = coalesce(a.session_epoch, 0) + 1 RETURN a.id AS id",
        {"account_id": account_id, "invite_hash": invite_hash, "expires": expires},
    )


def end_sessions(account_id: str, epoch: int) -> Query:
    """Sign-out: the sessions of this epoch end (a session cookie names the epoch it was issued in)."""
    return Query(
        "end_sessions",
        "MATCH (a:Account {id: $account_id}) WHERE coalesce(a.session_epoch, 0) = $epoch "
        "SET a.session_epoch = $epoch + 1 RETURN a.id AS id",
        {"account_id": account_id, "epoch": epoch},
    )


def set_disabled(account_id: str, disabled: bool) -> Query:
    return Query(
        "set_disabled",
        "MATCH (a:Account {id: $account_id}) SET a.disabled = $disabled, "
        "a.session_epoch = coalesce(a.session_epoch, 0) + 1 RETURN a.id AS id",
        {"account_id": account_id, "disabled": disabled},
    )


TOKEN_FIELDS = fields("t", ("id", "account_id", "name", "created_at", "revoked_at"))


def token_by_hash(token_hash: str) -> Query:
    return Query(
        "token_by_hash",
        f"MATCH (t:ApiToken) WHERE t.token_hash = $token_hash RETURN {TOKEN_FIELDS}",
        {"token_hash": token_hash},
    )


def tokens_of(account_id: str) -> Query:
    return Query(
        "tokens_of",
        f"MATCH (:Account {{id: $account_id}})-[:HAS_TOKEN]->(t:ApiToken) RETURN {TOKEN_FIELDS} ORDER BY t.created_at",
        {"account_id": account_id},
    )


def token_by_id(token_id: str) -> Query:
    return Query("token_by_id", f"MATCH (t:ApiToken {{id: $token_id}}) RETURN {TOKEN_FIELDS}", {"token_id": token_id})


def revoke_tokens_of(account_id: str, at: str) -> Query:
    """Every live token of an account, revoked (its password changed or was reset)."""
    return Query(
        "revoke_tokens_of",
        "MATCH (:Account {id: $account_id})-[:HAS_TOKEN]->(t:ApiToken) WHERE t.revoked_at IS NULL "
        "SET t.revoked_at = $at RETURN t.id AS id",
        {"account_id": account_id, "at": at},
    )


def revoke_token(token_id: str, at: str) -> Query:
    return Query(
        "revoke_token",
        "MATCH (t:ApiToken {id: $token_id}) SET t.revoked_at = coalesce(t.revoked_at, $at) RETURN t.id AS id",
        {"token_id": token_id, "at": at},
    )
