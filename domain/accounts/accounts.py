"""Accounts: who acts, with which role, for which units; passwords, invite codes, API tokens, and
the throttle on failed logins.

Passwords are argon2id hashes (pwdlib). Invite codes and API tokens are long random secrets,
kept as their SHA-256 (looked up by it; a slow hash buys nothing for 60+ random bits, and the
throttle and expiry bound guessing). The rules of who may do what are `pufa.workflow`'s; every
write here is checked against the acting `Actor`, whichever face it came through.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from domain.accounts.models import (
    AccountPublic,
    AccountsPublic,
    ApiTokenPublic,
    ApiTokensPublic,
    InvitePublic,
    InvitesPublic,
    NewApiTokenPublic,
)
from domain.base.cache import CachedStore
from domain.base.documents import Sheet
from domain.base.models import UnitBriefPublic
from graph import queries
from graph.query import Query, Row
from pufa.clock import Clock, stamp, system_clock
from pufa.errors import Conflict, Forbidden, InputError, NotFound, TooManyRequests, Unauthorized
from pufa.workflow import ROLE_NAMES, ROLES, Permission, Role, RoleEntry, UnitTie, may

PASSWORDS = PasswordHash((Argon2Hasher(memory_cost=19456, time_cost=2, parallelism=1),))
"""argon2id at OWASP's first recommended setting (19 MiB, 2 passes): ~30 ms a check here."""
_DUMMY_HASH = PASSWORDS.hash("no such account")
"""Checked against when the account does not exist, so that timing does not tell names apart."""
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 8
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: codes are typed from paper."""
TOKEN_PREFIX = "pufa_"
BOOTSTRAP_ID = "bootstrap"


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account (or the bootstrap administrator) with its role and, for a liaison,
    the units it acts for (its unit and every sub-unit). A reviewer may belong to a unit too (the
    bureau's own 司法局 is a responsible unit): it acts for none, but judges none of its own."""

    id: str
    username: str
    role: Role
    display_name: str | None = None
    unit_id: str | None = None
    units: frozenset[str] = frozenset()
    home_units: frozenset[str] = frozenset()
    """The account's own unit and its sub-units, whatever its role."""

    @property
    def entry(self) -> RoleEntry:
        """Its role's name, home and menu (the pages build the menu from it)."""
        return ROLES[self.role]

    @property
    def label(self) -> str:
        """How the audit trail names the actor."""
        return f"{self.display_name or self.username}（{ROLE_NAMES[self.role]}）"

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise Forbidden(f"{ROLE_NAMES[self.role]} may not do this ({permission.value})",
                            advice=f"{ROLE_NAMES[self.role]}的账号不能办理此事项；如需办理，请联系普法办。")

    def may_read_unit(self, unit_id: str) -> bool:
        return self.may(Permission.READ_ALL) or unit_id in self.units

    def require_unit(self, unit_id: str) -> None:
        """A liaison acts only for its unit and sub-units; the bureau's roles read every unit."""
        if not self.may_read_unit(unit_id):
            raise Forbidden(f"account {self.username!r} does not act for unit {unit_id!r}",
                            advice="您的账号只能查看和办理本单位（及下属单位）的事项。")

    def unit_record(self, store: CachedStore, query: Query, missing: str) -> Row:
        """The one record `query` finds (404 `missing` if none), if the account may read its unit's
        records (its `unit_id`; 403 otherwise)."""
        row = store.one(query, missing)
        self.require_unit(row["unit_id"])
        return row

    def require_impartial(self, unit_id: str) -> None:
        """A reviewer never judges, scores or accepts its own unit's records."""
        if unit_id in self.home_units:
            raise Forbidden(f"account {self.username!r} belongs to unit {unit_id!r} and may not judge its own records",
                            advice="审核人员不审核本单位的事项，请由其他审核人员办理。")


BOOTSTRAP = Actor(id=BOOTSTRAP_ID, username=BOOTSTRAP_ID, role=Role.ADMIN, display_name="初始管理员（PUFA_API_TOKEN）")
"""The shared PUFA_API_TOKEN (and the CLI): an administrator who creates the first accounts."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_invite_code() -> str:
    """Twelve characters in three groups (60 bits): ABCD-EFGH-JKLM."""
    raw = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _canonical_code(code: str) -> str:
    letters = re.sub(r"[^A-Za-z0-9]", "", code).upper()
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password needs at least {MIN_PASSWORD} characters", location="password",
                         advice=f"密码至少 {MIN_PASSWORD} 个字符。")
    if len(password) > 256:
        raise InputError("the password is longer than 256 characters", location="password")


def account_public(row: Row, unit_name: str | None = None) -> AccountPublic:
    disabled = bool(row["disabled"])
    return AccountPublic(
        id=row["id"], username=row["username"], display_name=row["display_name"], role=row["role"],
        unit=UnitBriefPublic(id=row["unit_id"], name=unit_name) if row["unit_id"] else None,
        active=bool(row["password_hash"]) and not disabled, disabled=disabled,
        invite_pending=bool(row["invite_hash"]), created_at=row["created_at"], activated_at=row["activated_at"],
    )


def _actor(store: CachedStore, row: Row) -> Actor:
    role = Role(row["role"])
    home: frozenset[str] = frozenset()
    if row["unit_id"]:
        below = store.read(queries.units.sub_units(row["unit_id"]))
        home = frozenset({row["unit_id"], *(r["unit_id"] for r in below)})
    return Actor(id=row["id"], username=row["username"], role=role, display_name=row["display_name"],
                 unit_id=row["unit_id"], units=home if ROLES[role].unit is UnitTie.ACTS_FOR else frozenset(), home_units=home)


def _account_row(store: CachedStore, account_id: str) -> Row:
    return store.one(queries.accounts.account_by_id(account_id), f"no account with id {account_id!r}")


# --- failed logins -------------------------------------------------------------------------------


@dataclass
class LoginThrottle:
    """Failed logins slow down the one who fails, never lock out the one who knows the password.

    Counted per (client address, account) pair: after `free_failures` within the window each further
    failure of the pair doubles its wait (`first_backoff` seconds, then 2×, 4× …, at most the window).
    A wrong guess from one address never shuts the account's owner out at another: five bad passwords
    used to lock an account even against the right one, which let anyone lock everyone out. An
    address that tries many accounts is refused past `per_client` failures within the window (it
    hurts only that address). Kept in the process, not the graph: a write per failed attempt would
    renew the graph stamp and so let anyone empty the answer cache by mistyping a password. Several
    server processes each count their own."""

    free_failures: int = 3
    per_client: int = 20
    window: timedelta = timedelta(minutes=15)
    clock: Clock = system_clock
    first_backoff: timedelta = timedelta(seconds=2)
    _failures: dict[tuple[str, ...], deque[datetime]] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, username: str, client: str) -> None:
        """Raise TooManyRequests while the pair waits out its backoff, or the address is over its limit."""
        now = self.clock()
        with self._lock:
            pair = self._recent(("pair", client, username.lower()), now)
            over = len(pair) - self.free_failures
            if over >= 0:
                wait = min(self.first_backoff * (1 << min(over, 20)), self.window)
                if now < pair[-1] + wait:
                    self._refuse(pair[-1] + wait - now, "this account from this address")
            everyone = self._recent(("client", client), now)
            if len(everyone) >= self.per_client:
                self._refuse(everyone[0] + self.window - now, "this address")

    def failed(self, username: str, client: str) -> None:
        now = self.clock()
        with self._lock:
            for key in (("pair", client, username.lower()), ("client", client)):
                self._recent(key, now).append(now)

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            self._failures.pop(("pair", client, username.lower()), None)

    @staticmethod
    def _refuse(wait: timedelta, who: str) -> None:
        retry = int(wait.total_seconds()) + 1
        raise TooManyRequests(f"too many failed logins for {who}; try again in {retry} s", retry_after=retry)

    def _recent(self, key: tuple[str, ...], now: datetime) -> deque[datetime]:
        failures = self._failures[key]
        while failures and failures[0] + self.window <= now:
            failures.popleft()
        return failures


# --- signing in ----------------------------------------------------------------------------------


def login(store: CachedStore, throttle: LoginThrottle, username: str, password: str, client: str) -> Actor:
    """The actor for a username and password; Unauthorized (the same for a wrong name or password)."""
    throttle.check(username, client)
    rows = store.read(queries.accounts.account_by_username(username))
    row = rows[0] if rows else None
    stored = row["password_hash"] if row and row["password_hash"] else _DUMMY_HASH
    valid, _ = PASSWORDS.verify_and_update(password, stored)
    if row is None or not row["password_hash"] or not valid or row["disabled"]:
        throttle.failed(username, client)
        raise Unauthorized("wrong username or password, or the account is disabled")
    throttle.succeeded(username, client)
    return _actor(store, row)


def activate(store: CachedStore, throttle: LoginThrottle, username: str, code: str, password: str, client: str) -> Actor:
    """First use: a valid, unexpired invite code sets the password (the code is spent)."""
    throttle.check(username, client)
    check_password(password)
    rows = store.read(queries.accounts.account_by_username(username))
    row = rows[0] if rows else None
    now = stamp(throttle.clock())
    if (row is None or row["disabled"] or not row["invite_hash"] or row["invite_expires"] < now
            or not secrets.compare_digest(row["invite_hash"], digest(_canonical_code(code)))):
        throttle.failed(username, client)
        raise Unauthorized("the invite code is wrong, spent or expired; ask the 普法办 for a new one")
    with store.transaction() as tx:
        tx.run(queries.accounts.set_password(row["id"], PASSWORDS.hash(password), now))
    throttle.succeeded(username, client)
    return _actor(store, _account_row(store, row["id"]))


def session_actor(store: CachedStore, account_id: str, epoch: int) -> Actor | None:
    """The actor a session names, while the account is active and the session not ended."""
    rows = store.read(queries.accounts.account_by_id(account_id))
    if not rows:
        return None
    row = rows[0]
    if row["disabled"] or not row["password_hash"] or (row["session_epoch"] or 0) != epoch:
        return None
    return _actor(store, row)


def end_sessions(store: CachedStore, account_id: str, epoch: int) -> None:
    """Sign-out ends the session at once, not when its cookie expires: the account's epoch moves on, so
    every cookie of the old one (this browser's, a copied one, another device's) stops answering."""
    with store.transaction() as tx:
        tx.run(queries.accounts.end_sessions(account_id, epoch))


def session_epoch(store: CachedStore, account_id: str) -> int:
    return _account_row(store, account_id)["session_epoch"] or 0


def token_actor(store: CachedStore, token: str) -> Actor:
    """The actor an API token belongs to; Unauthorized for an unknown or revoked token or a disabled account."""
    rows = store.read(queries.accounts.token_by_hash(digest(token))) if token.startswith(TOKEN_PREFIX) else []
    if not rows or rows[0]["revoked_at"]:
        raise Unauthorized("the bearer token is not valid (unknown or revoked)")
    account = store.read(queries.accounts.account_by_id(rows[0]["account_id"]))
    if not account or account[0]["disabled"]:
        raise Unauthorized("the bearer token's account is disabled")
    return _actor(store, account[0])


# --- managing accounts -----------------------------------------------------------------------------


def create_account(
    store: CachedStore, actor: Actor, username: str, role: Role, *, unit_id: str | None = None,
    display_name: str | None = None, password: str | None = None, clock: Clock = system_clock,
    invite_days: int = 14,
) -> tuple[AccountPublic, InvitePublic | None]:
    """A new account, with a password or else a one-time invite code (returned once)."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    if not USERNAME.match(username):
        raise InputError("3–64 letters, digits, '.', '_' or '-'", location="username",
                         advice="用户名由 3–64 个英文字母、数字或“.”“_”“-”组成。")
    tie = ROLES[role].unit
    if tie is UnitTie.ACTS_FOR and not unit_id:
        raise InputError(f"a {role.value} account needs its unit", location="unit_id",
                         advice=f"{ROLES[role].name}账号须选择所在单位。")
    if tie is UnitTie.NONE and unit_id:
        raise InputError(f"a {role.value} account belongs to no unit", location="unit_id",
                         advice=f"{ROLES[role].name}账号不属于任何单位，请不要选择单位。")
    unit_name = None
    if unit_id:
        units = store.read(queries.units.unit_brief(unit_id))
        if not units:
            raise NotFound(f"no unit with id {unit_id!r}")
        unit_name = units[0]["unit_name"]
    if store.read(queries.accounts.account_by_username(username)):
        raise Conflict(f"an account named {username!r} already exists",
                       advice="该用户名已被使用，请换一个用户名（如在后面加上姓名拼音）。")
    if password is not None:
        check_password(password)
    now = clock()
    code = new_invite_code() if password is None else None
    expires = stamp(now + timedelta(days=invite_days))
    row = {
        "id": f"A{uuid.uuid4().hex[:12]}", "username": username, "display_name": display_name, "role": role.value,
        "unit_id": unit_id, "password_hash": PASSWORDS.hash(password) if password is not None else None,
        "invite_hash": digest(code) if code else None, "invite_expires": expires if code else None,
        "disabled": False, "session_epoch": 0, "created_at": stamp(now),
        "activated_at": stamp(now) if password is not None else None,
    }
    with store.transaction() as tx:
        tx.upsert_nodes("Account", [row])
        if tie is UnitTie.ACTS_FOR:
            tx.upsert_edges("LIAISON_OF", [{"src": row["id"], "dst": unit_id}])
    account = account_public(row, unit_name)
    return account, InvitePublic(account=account, code=code, expires=expires) if code else None


def new_liaison_username(taken: set[str]) -> str:
    """An invited liaison's username: lx- and eight random characters (40 bits), printed on the invite
    sheet beside the unit. Never the unit's id: those are public, and a list of every liaison's name
    was all an attacker needed to aim failed logins at all of them."""
    while True:
        username = "lx-" + "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8)).lower()
        if username not in taken:
            return username


def invite_registered_liaisons(store: CachedStore, actor: Actor, *, clock: Clock = system_clock,
                               invite_days: int = 14) -> InvitesPublic:
    """One liaison account with an invite code for every unit of the register that names a liaison
    and has no account yet, written in one transaction; the codes are returned this once."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    now = clock()
    expires = stamp(now + timedelta(days=invite_days))
    taken = {row["username"] for row in store.read(queries.accounts.all_accounts())}
    accounts, edges, invites = [], [], []
    for unit in sorted(store.read(queries.accounts.registered_liaisons()), key=lambda r: (r["unit_name"] or "", r["unit_id"])):
        if unit["account_ids"]:
            continue
        username = new_liaison_username(taken)
        taken.add(username)
        code = new_invite_code()
        row = {
            "id": f"A{uuid.uuid4().hex[:12]}", "username": username, "display_name": unit["liaison_name"],
            "role": Role.LIAISON.value, "unit_id": unit["unit_id"], "password_hash": None,
            "invite_hash": digest(code), "invite_expires": expires, "disabled": False, "session_epoch": 0,
            "created_at": stamp(now), "activated_at": None,
        }
        accounts.append(row)
        edges.append({"src": row["id"], "dst": unit["unit_id"]})
        invites.append(InvitePublic(account=account_public(row, unit["unit_name"]), code=code, expires=expires,
                                    liaison_name=unit["liaison_name"]))
    if accounts:
        with store.transaction() as tx:
            tx.upsert_nodes("Account", accounts)
            tx.upsert_edges("LIAISON_OF", edges)
    return InvitesPublic(data=invites, count=len(invites))


def list_accounts(store: CachedStore, actor: Actor) -> AccountsPublic:
    actor.require(Permission.MANAGE_ACCOUNTS)
    rows = sorted(store.read(queries.accounts.all_accounts()), key=lambda r: (r["role"], r["username"]))
    return AccountsPublic(data=[account_public(row, row["unit_name"]) for row in rows], count=len(rows))


def find_account(store: CachedStore, name_or_id: str) -> AccountPublic:
    """An account by id or username (how the CLI names one)."""
    rows = store.read(queries.accounts.account_by_id(name_or_id)) or store.read(
        queries.accounts.account_by_username(name_or_id))
    if not rows:
        raise NotFound(f"no account with id or username {name_or_id!r}")
    return account_public(rows[0])


def set_disabled(store: CachedStore, actor: Actor, account_id: str, disabled: bool = True) -> AccountPublic:
    """Disable (every session and token stops working) or enable an account."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    _account_row(store, account_id)
    if disabled and account_id == actor.id:
        raise Conflict("an administrator cannot disable their own account",
                       advice="不能停用自己正在使用的账号；如需停用，请由另一位管理员办理。")
    with store.transaction() as tx:
        tx.run(queries.accounts.set_disabled(account_id, disabled))
    return account_public(_account_row(store, account_id))


def reset_account(store: CachedStore, actor: Actor, account_id: str, *, clock: Clock = system_clock,
                  invite_days: int = 14) -> InvitePublic:
    """Forget the password and issue a new invite code (every session and API token ends); the code is
    returned once."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    _account_row(store, account_id)
    code = new_invite_code()
    expires = stamp(clock() + timedelta(days=invite_days))
    with store.transaction() as tx:
        tx.run(queries.accounts.set_invite(account_id, digest(code), expires))
        tx.run(queries.accounts.revoke_tokens_of(account_id, stamp(clock())))
    return InvitePublic(account=account_public(_account_row(store, account_id)), code=code, expires=expires)


def change_password(store: CachedStore, actor: Actor, current: str, new: str, *, clock: Clock = system_clock) -> None:
    """An account's own new password; every session and API token of the account ends (one who stole
    either is shut out by the change that answers the theft)."""
    row = _own_account(store, actor)
    if not row["password_hash"] or not PASSWORDS.verify(current, row["password_hash"]):
        raise Forbidden("the current password is wrong", advice="当前密码不正确，请重新输入；忘记密码请联系普法办管理员重置。")
    check_password(new)
    with store.transaction() as tx:
        tx.run(queries.accounts.set_password(actor.id, PASSWORDS.hash(new), stamp(clock())))
        tx.run(queries.accounts.revoke_tokens_of(actor.id, stamp(clock())))


# --- API tokens ------------------------------------------------------------------------------------


def _own_account(store: CachedStore, actor: Actor) -> Row:
    if actor.id == BOOTSTRAP_ID:
        raise Forbidden("the bootstrap token has no account: create an account for yourself first",
                        advice="初始管理员没有自己的账号，请先在“账号管理”中为自己新建一个账号。")
    return _account_row(store, actor.id)


def _token_owner(store: CachedStore, actor: Actor, account_id: str | None) -> str:
    """Whose tokens: one's own, or (an administrator) anyone's."""
    if account_id is None or account_id == actor.id:
        return _own_account(store, actor)["id"]
    actor.require(Permission.MANAGE_ACCOUNTS)
    return _account_row(store, account_id)["id"]


def issue_token(store: CachedStore, actor: Actor, name: str, *, account_id: str | None = None,
                clock: Clock = system_clock) -> NewApiTokenPublic:
    """A new API token for the actor's own account (or, by an administrator, for another): shown once."""
    owner = _token_owner(store, actor, account_id)
    name = name.strip()
    if not name or len(name) > 100:
        raise InputError("give the token a name of 1–100 characters", location="name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = {"id": f"T{uuid.uuid4().hex[:12]}", "account_id": owner, "name": name, "token_hash": digest(token),
           "created_at": stamp(clock()), "revoked_at": None}
    with store.transaction() as tx:
        tx.upsert_nodes("ApiToken", [row])
        tx.upsert_edges("HAS_TOKEN", [{"src": owner, "dst": row["id"]}])
    return NewApiTokenPublic(id=row["id"], name=name, created_at=row["created_at"], token=token)


def list_tokens(store: CachedStore, actor: Actor, account_id: str | None = None) -> ApiTokensPublic:
    owner = _token_owner(store, actor, account_id)
    tokens = [ApiTokenPublic(**{k: row[k] for k in ("id", "name", "created_at", "revoked_at")})
              for row in store.read(queries.accounts.tokens_of(owner))]
    return ApiTokensPublic(data=tokens, count=len(tokens))


def revoke_token(store: CachedStore, actor: Actor, token_id: str, *, clock: Clock = system_clock) -> ApiTokenPublic:
    """Revoke one's own token (or, an administrator, anyone's); revoking twice keeps the first time."""
    token = store.one(queries.accounts.token_by_id(token_id), f"no API token with id {token_id!r}")
    _token_owner(store, actor, token["account_id"])
    with store.transaction() as tx:
        tx.run(queries.accounts.revoke_token(token_id, stamp(clock())))
    row = store.read(queries.accounts.token_by_id(token_id))[0]
    return ApiTokenPublic(**{k: row[k] for k in ("id", "name", "created_at", "revoked_at")})


INVITES_FILE_NAME = "联络员账号邀请单.xlsx"


def invite_sheet(invites: InvitesPublic) -> Sheet:
    """The invite codes as the bureau prints them and hands them to each unit's liaison."""
    rows = [[number, invite.account.unit.name if invite.account.unit else None, invite.liaison_name,
             invite.account.username, invite.code, invite.expires]
            for number, invite in enumerate(invites.data, start=1)]
    return Sheet("联络员账号", ["序号", "单位", "联络员", "用户名", "邀请码", "有效期至"], rows,
                 title="普法责任清单系统 单位联络员账号（首次登录用邀请码设置密码；邀请码仅能使用一次，请妥善保管）")
