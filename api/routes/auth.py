"""Signing in over JSON: a session cookie (with its CSRF token) for browser scripts, the invite
code's first use, the account's own password and who is signed in. Scripts use API tokens instead."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClientDep, ClockDep, OptionalActorDep, StoreDep, ThrottleDep, end_session, start_session
from domain.accounts import accounts
from domain.accounts.accounts import Actor
from domain.accounts.models import AccountPublic
from domain.base.cache import CachedStore
from domain.base.models import UnitBriefPublic

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class ActivateRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=64, description="The one-time invite code from the 普法办.")
    password: str = Field(min_length=1, max_length=256, description="The new password (at least 8 characters).")


class PasswordRequest(BaseModel):
    current: str = Field(min_length=1, max_length=256)
    new: str = Field(min_length=1, max_length=256)


class SessionPublic(BaseModel):
    account: AccountPublic
    csrf_token: str
    """Send it back as X-CSRF-Token on every write made with the session cookie."""


class MePublic(BaseModel):
    id: str
    username: str
    display_name: str | None
    role: str
    unit: UnitBriefPublic | None
    units: list[str]
    """For a liaison: the units it acts for (its unit and sub-units)."""


def _me(actor: Actor) -> MePublic:
    return MePublic(id=actor.id, username=actor.username, display_name=actor.display_name, role=actor.role.value,
                    unit=UnitBriefPublic(id=actor.unit_id) if actor.unit_id else None, units=sorted(actor.units))


def _session(request: Request, response: Response, store: CachedStore, actor: Actor) -> SessionPublic:
    token = start_session(request, response, actor)
    return SessionPublic(account=accounts.find_account(store, actor.id), csrf_token=token)


@router.post("/login", response_model=SessionPublic)
def login(body: LoginRequest, request: Request, response: Response, store: StoreDep, throttle: ThrottleDep,
          client: ClientDep) -> SessionPublic:
    """Sign in with a username and password (401; 429 after repeated failures, with Retry-After)."""
    actor = accounts.login(store, throttle, body.username, body.password, client)
    return _session(request, response, store, actor)


@router.post("/activate", response_model=SessionPublic)
def activate(body: ActivateRequest, request: Request, response: Response, store: StoreDep, throttle: ThrottleDep,
             client: ClientDep) -> SessionPublic:
    """First use of an invite code: set the password and sign in."""
    actor = accounts.activate(store, throttle, body.username, body.code, body.password, client)
    return _session(request, response, store, actor)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, actor: OptionalActorDep) -> Response:
    """End the session at once (its cookie, copied or not, answers no more); a cookie's CSRF check applies."""
    end_session(request, response)
    response.status_code = 204
    return response


@router.get("/me", response_model=MePublic)
def me(actor: ActorDep) -> MePublic:
    return _me(actor)


@router.post("/password", status_code=204)
def change_password(body: PasswordRequest, actor: ActorDep, store: StoreDep, clock: ClockDep) -> Response:
    """A new password for one's own account; its sessions end (sign in again)."""
    accounts.change_password(store, actor, body.current, body.new, clock=clock)
    return Response(status_code=204)
