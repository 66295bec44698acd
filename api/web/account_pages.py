"""Signing in and accounts, as pages: 登录, first use of an invite code (首次登录), 退出, 我的账号
(password, API tokens) and 账号管理 for the 普法办 administrator."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import (
    ActorDep,
    ClientDep,
    ClockDep,
    SettingsDep,
    StoreDep,
    ThrottleDep,
    end_session,
    require_csrf,
    start_session,
)
from api.files import download
from api.web.render import render
from api.web.routing import page_router
from domain.accounts import accounts
from domain.accounts.accounts import Actor
from domain.base import documents
from domain.base.briefs import all_unit_names
from domain.catalogue import lookup
from pufa.errors import InputError, TooManyRequests, Unauthorized
from pufa.workflow import Permission, Role

router = page_router()
Text = Annotated[str, Form(max_length=256)]
OptionalText = Annotated[str | None, Form(max_length=256)]


def _next(target: str | None, actor: Actor) -> str:
    """Only a path of this site (never //elsewhere), else the role's own start page."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return actor.entry.home


def _signed_in(request: Request, actor: Actor, target: str | None) -> Response:
    response = RedirectResponse(_next(target, actor), status_code=303)
    start_session(request, response, actor)
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", next=next, error=None, username="")


@router.post("/login")
async def login_form(
    request: Request, store: StoreDep, throttle: ThrottleDep, client: ClientDep, username: Text, password: Text,
    next: OptionalText = None,
) -> Response:
    await require_csrf(request)
    try:
        actor = accounts.login(store, throttle, username, password, client)
    except (Unauthorized, TooManyRequests) as exc:
        status, error = (429, f"登录失败次数过多，请 {exc.retry_after} 秒后再试。") if isinstance(exc, TooManyRequests) \
            else (401, "用户名或密码不正确，或账号已停用。")
        return render(request, "login.html", status_code=status, next=next, error=error, username=username)
    return _signed_in(request, actor, next)


@router.get("/activate")
def activate_page(request: Request, username: str = "") -> HTMLResponse:
    return render(request, "activate.html", error=None, username=username)


@router.post("/activate")
async def activate_form(
    request: Request, store: StoreDep, throttle: ThrottleDep, client: ClientDep, username: Text, code: Text,
    password: Text, password_again: Text,
) -> Response:
    await require_csrf(request)
    error, status = None, 200
    if password != password_again:
        error, status = "两次输入的密码不一致。", 422
    else:
        try:
            actor = accounts.activate(store, throttle, username, code, password, client)
        except InputError:
            error, status = f"密码至少 {accounts.MIN_PASSWORD} 个字符。", 422
        except TooManyRequests as exc:
            error, status = f"尝试次数过多，请 {exc.retry_after} 秒后再试。", 429
        except Unauthorized:
            error, status = "邀请码不正确、已使用或已过期，请向普法办索取新的邀请码。", 401
    if error:
        return render(request, "activate.html", status_code=status, error=error, username=username)
    return _signed_in(request, actor, None)


@router.post("/logout")
async def logout_form(request: Request) -> Response:
    await require_csrf(request)
    response = RedirectResponse("/public", status_code=303)
    end_session(request, response)
    return response


@router.get("/account")
def account_page(request: Request, actor: ActorDep, store: StoreDep) -> HTMLResponse:
    """我的账号: change the password, issue and revoke API tokens."""
    tokens = accounts.list_tokens(store, actor) if actor.id != accounts.BOOTSTRAP_ID else None
    return render(request, "account.html", tokens=tokens, new_token=None, message=None)


@router.post("/account/tokens")
def new_token_form(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, name: Text) -> HTMLResponse:
    token = accounts.issue_token(store, actor, name, clock=clock)
    return render(request, "account.html", tokens=accounts.list_tokens(store, actor), new_token=token, message=None)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token_form(token_id: str, actor: ActorDep, store: StoreDep, clock: ClockDep) -> Response:
    accounts.revoke_token(store, actor, token_id, clock=clock)
    return RedirectResponse("/account", status_code=303)


@router.post("/account/password")
def password_form(request: Request, actor: ActorDep, store: StoreDep, clock: ClockDep, current: Text,
                  new: Text) -> Response:
    accounts.change_password(store, actor, current, new, clock=clock)
    response = RedirectResponse("/login?next=/account", status_code=303)
    end_session(request, response)
    return response


@router.get("/accounts")
def accounts_page(request: Request, actor: ActorDep, store: StoreDep) -> HTMLResponse:
    """账号管理: every account, new accounts, invite codes for the registered liaisons."""
    return render(request, "accounts.html", accounts=accounts.list_accounts(store, actor), created=None,
                  roles=list(Role), unit_choices=sorted(filter(None, all_unit_names(store).values())))


@router.post("/accounts")
def create_account_form(
    request: Request, actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep, username: Text,
    role: Annotated[Role, Form()], display_name: OptionalText = None, unit: OptionalText = None,
) -> HTMLResponse:
    unit_id = lookup.resolve_unit(store, unit.strip()).id if unit and unit.strip() else None
    _, invite = accounts.create_account(store, actor, username.strip(), role, unit_id=unit_id,
                                        display_name=display_name, clock=clock, invite_days=settings.invite_days)
    return render(request, "accounts.html", accounts=accounts.list_accounts(store, actor),
                  created=[invite] if invite else [], roles=list(Role),
                  unit_choices=sorted(filter(None, all_unit_names(store).values())))


@router.post("/accounts/invites.xlsx")
def invites_form(actor: ActorDep, store: StoreDep, settings: SettingsDep, clock: ClockDep) -> Response:
    """Accounts for every registered liaison still without one, their codes as a sheet to print (shown once)."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    invites = accounts.invite_registered_liaisons(store, actor, clock=clock, invite_days=settings.invite_days)
    return download(documents.to_xlsx([accounts.invite_sheet(invites)]), documents.XLSX_MEDIA_TYPE,
                    accounts.INVITES_FILE_NAME)


@router.post("/accounts/{account_id}/{action}")
def account_action_form(request: Request, account_id: str, action: str, actor: ActorDep, store: StoreDep,
                        settings: SettingsDep, clock: ClockDep) -> Response:
    if action == "reset":
        invite = accounts.reset_account(store, actor, account_id, clock=clock, invite_days=settings.invite_days)
        return render(request, "accounts.html", accounts=accounts.list_accounts(store, actor), created=[invite],
                      roles=list(Role), unit_choices=sorted(filter(None, all_unit_names(store).values())))
    if action not in ("disable", "enable"):
        raise InputError(f"unknown account action {action!r}", location="action")
    accounts.set_disabled(store, actor, account_id, action == "disable")
    return RedirectResponse("/accounts", status_code=303)
