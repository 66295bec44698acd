"""`pufa accounts …`: the 普法办's account administration from the server's shell.

The command line acts as the bootstrap administrator (whoever runs it can read the store and
PUFA_API_TOKEN anyway). Invite codes and API tokens are printed this once; only hashes are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import console, print_json
from cli.stores import opened_store
from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP
from domain.accounts.models import InvitePublic
from domain.base import documents
from pufa.config import get_settings
from pufa.workflow import ROLE_NAMES, Role

accounts_app = typer.Typer(help="Accounts: create, invite the registered liaisons, list, disable, reset, API tokens.",
                           no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens of an account.", no_args_is_help=True)
accounts_app.add_typer(tokens_app, name="tokens")
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
AccountArg = Annotated[str, typer.Argument(help="The account's username or id.")]


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")


def _invites_table(invites: list[InvitePublic], title: str) -> Table:
    table = Table(title=title)
    for column in ("单位", "联络员", "用户名", "邀请码", "有效期至"):
        table.add_column(column)
    for invite in invites:
        table.add_row(escape(invite.account.unit.name or "") if invite.account.unit else "",
                      escape(invite.liaison_name or invite.account.display_name or ""), invite.account.username,
                      invite.code, invite.expires)
    return table


@accounts_app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="3–64 letters, digits, '.', '_' or '-'.")],
    role: Annotated[Role, typer.Option(help="admin, reviewer, liaison or coordinator.")],
    unit: Annotated[str | None, typer.Option(
        help="A liaison's unit id, or the unit a reviewer works in (whose records it never judges).")] = None,
    name: Annotated[str | None, typer.Option(help="The person's name.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """A new account with a one-time invite code (printed once): its owner sets the password at /activate."""
    settings = get_settings()
    with opened_store() as store:
        account, invite = accounts.create_account(store, BOOTSTRAP, username, role, unit_id=unit,
                                                  display_name=name, invite_days=settings.invite_days)
    if as_json:
        print_json({"account": account.model_dump(mode="json"), "invite": invite.model_dump(mode="json") if invite else None})
        return
    console.print(_invites_table([invite], f"新账号 {username}（{ROLE_NAMES[role]}）"))


@accounts_app.command("invite")
def invite(
    xlsx: Annotated[Path | None, typer.Option(help="Also write the codes to this .xlsx, to print for the units.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """A liaison account with an invite code for every unit of the register that names a liaison and has none."""
    settings = get_settings()
    with opened_store() as store:
        invites = accounts.invite_registered_liaisons(store, BOOTSTRAP, invite_days=settings.invite_days)
    if xlsx is not None:
        xlsx.write_bytes(documents.to_xlsx([accounts.invite_sheet(invites)]))
    if as_json:
        print_json(invites.model_dump(mode="json"))
        return
    console.print(_invites_table(invites.data, f"联络员账号邀请码（{invites.count} 个，仅显示一次）"))
    if xlsx is not None:
        console.print(f"written: {escape(str(xlsx))}")


@accounts_app.command("list")
def list_command(as_json: JsonOpt = False) -> None:
    """Every account with its role, unit and state."""
    with opened_store(read_only=True) as store:
        found = accounts.list_accounts(store, BOOTSTRAP)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    table = Table(title=f"accounts ({found.count})")
    for column in ("id", "username", "name", "role", "unit", "state"):
        table.add_column(column)
    for account in found.data:
        state = "disabled" if account.disabled else "active" if account.active else "invited" if account.invite_pending else "-"
        table.add_row(account.id, account.username, escape(account.display_name or ""), account.role,
                      escape(account.unit.name or account.unit.id) if account.unit else "", state)
    console.print(table)


def _set_disabled(name_or_id: str, disabled: bool) -> None:
    with opened_store() as store:
        account = accounts.set_disabled(store, BOOTSTRAP, accounts.find_account(store, name_or_id).id, disabled)
    console.print(f"{account.username}: {'disabled' if account.disabled else 'enabled'}")


@accounts_app.command("disable")
def disable(account: AccountArg) -> None:
    """Disable an account: its sessions and API tokens stop working at once."""
    _set_disabled(account, True)


@accounts_app.command("enable")
def enable(account: AccountArg) -> None:
    _set_disabled(account, False)


@accounts_app.command("reset")
def reset(account: AccountArg, as_json: JsonOpt = False) -> None:
    """Forget the password and print a new invite code (every session ends)."""
    settings = get_settings()
    with opened_store() as store:
        invite = accounts.reset_account(store, BOOTSTRAP, accounts.find_account(store, account).id,
                                        invite_days=settings.invite_days)
    if as_json:
        print_json(invite.model_dump(mode="json"))
        return
    console.print(_invites_table([invite], f"{invite.account.username} 的新邀请码"))


@tokens_app.command("create")
def token_create(account: AccountArg, name: Annotated[str, typer.Argument(help="What the token is for.")]) -> None:
    """A new API token for the account, printed once."""
    with opened_store() as store:
        token = accounts.issue_token(store, BOOTSTRAP, name, account_id=accounts.find_account(store, account).id)
    console.print(f"{token.id}\t{token.token}")


@tokens_app.command("list")
def token_list(account: AccountArg, as_json: JsonOpt = False) -> None:
    with opened_store(read_only=True) as store:
        tokens = accounts.list_tokens(store, BOOTSTRAP, accounts.find_account(store, account).id)
    if as_json:
        print_json(tokens.model_dump(mode="json"))
        return
    table = Table(title=f"API tokens of {account}")
    for column in ("id", "name", "created", "revoked"):
        table.add_column(column)
    for token in tokens.data:
        table.add_row(token.id, escape(token.name or ""), token.created_at or "", token.revoked_at or "")
    console.print(table)


@tokens_app.command("revoke")
def token_revoke(token_id: Annotated[str, typer.Argument(help="The token's id (from `tokens list`).")]) -> None:
    with opened_store() as store:
        token = accounts.revoke_token(store, BOOTSTRAP, token_id)
    console.print(f"{token.id}: revoked at {token.revoked_at}")
