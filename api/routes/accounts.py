"""Accounts (the 普法办 administrator): list, create, invite every registered liaison, disable,
reset; and API tokens (one's own, or an administrator's for anyone)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, SettingsDep, StoreDep
from api.files import download
from domain.accounts import accounts
from domain.accounts.models import (
    AccountPublic,
    AccountsPublic,
    ApiTokenPublic,
    ApiTokensPublic,
    InvitePublic,
    InvitesPublic,
    NewApiTokenPublic,
)
from domain.base import documents
from pufa.workflow import Role

router = APIRouter(prefix="/accounts", tags=["accounts"])


class AccountCreate(BaseModel):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    role: Role
    unit_id: str | None = Field(default=None, max_length=200, description="A liaison's unit, or the unit a reviewer works in (never judged by them).")
    display_name: str | None = Field(default=None, max_length=100)
    password: str | None = Field(default=None, max_length=256,
                                 description="Set it now; without it the answer carries a one-time invite code.")


class AccountCreatedPublic(BaseModel):
    account: AccountPublic
    invite: InvitePublic | None


class TokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the token is for (a script, a machine).")


AccountQuery = Annotated[str | None, Query(max_length=64, description="Another account's id (administrators only).")]


@router.get("", response_model=AccountsPublic)
def list_accounts(actor: ActorDep, store: StoreDep) -> AccountsPublic:
    return accounts.list_accounts(store, actor)


@router.post("", response_model=AccountCreatedPublic, status_code=201)
def create_account(body: AccountCreate, actor: ActorDep, store: StoreDep, settings: SettingsDep,
                   clock: ClockDep) -> AccountCreatedPublic:
    """A new account; without a password, its one-time invite code is in the answer (shown once)."""
    account, invite = accounts.create_account(
        store, actor, body.username, body.role, unit_id=body.unit_id, display_name=body.display_name,
        password=body.password, clock=clock, invite_days=settings.invite_days)
    return AccountCreatedPublic(account=account, invite=invite)


@router.post("/invites", response_model=InvitesPublic, status_code=201)
def invite_liaisons(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> InvitesPublic:
    """A liaison account with an invite code for every registered liaison's unit that has none (codes shown once)."""
    return accounts.invite_registered_liaisons(store, actor, clock=clock, invite_days=settings.invite_days)


@router.post("/invites.xlsx", response_class=Response,
             responses={201: {"content": {documents.XLSX_MEDIA_TYPE: {}}}}, status_code=201)
def invite_liaisons_xlsx(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    """The same as a spreadsheet the bureau prints and hands out (codes shown this once)."""
    invites = accounts.invite_registered_liaisons(store, actor, clock=clock, invite_days=settings.invite_days)
    return download(documents.to_xlsx([accounts.invite_sheet(invites)]), documents.XLSX_MEDIA_TYPE,
                    accounts.INVITES_FILE_NAME, status_code=201)


@router.post("/{account_id}/disable", response_model=AccountPublic)
def disable(account_id: str, actor: ActorDep, store: StoreDep) -> AccountPublic:
    """Disable an account: its sessions and API tokens stop working at once."""
    return accounts.set_disabled(store, actor, account_id, True)


@router.post("/{account_id}/enable", response_model=AccountPublic)
def enable(account_id: str, actor: ActorDep, store: StoreDep) -> AccountPublic:
    return accounts.set_disabled(store, actor, account_id, False)


@router.post("/{account_id}/reset", response_model=InvitePublic)
def reset(account_id: str, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> InvitePublic:
    """Forget the password and issue a new invite code (shown once)."""
    return accounts.reset_account(store, actor, account_id, clock=clock, invite_days=settings.invite_days)


@router.get("/me/tokens", response_model=ApiTokensPublic)
def list_tokens(actor: ActorDep, store: StoreDep, account_id: AccountQuery = None) -> ApiTokensPublic:
    return accounts.list_tokens(store, actor, account_id)


@router.post("/me/tokens", response_model=NewApiTokenPublic, status_code=201)
def issue_token(body: TokenCreate, actor: ActorDep, store: StoreDep, clock: ClockDep,
                account_id: AccountQuery = None) -> NewApiTokenPublic:
    """A new API token (the token is in this answer only; only its hash is kept)."""
    return accounts.issue_token(store, actor, body.name, account_id=account_id, clock=clock)


@router.delete("/me/tokens/{token_id}", response_model=ApiTokenPublic)
def revoke_token(token_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep) -> ApiTokenPublic:
    return accounts.revoke_token(store, actor, token_id, clock=clock)
