"""The accounts' models: an account, its invites and its API tokens, as the administrator reads them.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of them.
"""

from pydantic import BaseModel

from domain.base.models import UnitBriefPublic

# --- accounts -------------------------------------------------------------------------------------


class AccountPublic(BaseModel):
    """An account as its owner and the administrator see it; never a hash."""

    id: str
    username: str
    display_name: str | None = None
    role: str
    unit: UnitBriefPublic | None = None
    active: bool
    """It has a password and is not disabled."""
    disabled: bool = False
    invite_pending: bool = False
    created_at: str | None = None
    activated_at: str | None = None


class AccountsPublic(BaseModel):
    data: list[AccountPublic]
    count: int


class InvitePublic(BaseModel):
    """A one-time invite code, shown once (only its hash is kept)."""

    account: AccountPublic
    code: str
    expires: str
    liaison_name: str | None = None


class InvitesPublic(BaseModel):
    data: list[InvitePublic]
    count: int


class ApiTokenPublic(BaseModel):
    id: str
    name: str | None = None
    created_at: str | None = None
    revoked_at: str | None = None


class ApiTokensPublic(BaseModel):
    data: list[ApiTokenPublic]
    count: int


class NewApiTokenPublic(ApiTokenPublic):
    token: str
    """The bearer token itself: shown this once."""
