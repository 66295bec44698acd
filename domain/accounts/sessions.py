"""Web sessions and CSRF tokens as signed values (itsdangerous), so the server keeps no session table.

A session cookie holds the account id and its session epoch, signed and time-stamped: it is
accepted for `max_age` seconds and only while the account's epoch is unchanged (disabling,
resetting or a new password raises it and so ends every session at once). The CSRF token is a
random value in a signed cookie of its own (set on the first page, renewed at login); every form
and every cookie-authenticated JSON write must send it back (form field or X-CSRF-Token header):
another site can make a browser send the cookies but cannot read them.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer

log = logging.getLogger(__name__)

SESSION_COOKIE = "pufa_session"
CSRF_COOKIE = "pufa_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class SessionClaims:
    account_id: str
    epoch: int


class Sessions:
    """Signs and reads session cookies and CSRF tokens with one secret key."""

    def __init__(self, secret_key: str | None, max_age_seconds: int):
        if not secret_key:
            log.warning("PUFA_SECRET_KEY is not set: using a random key for this process; "
                        "sessions end when it restarts and other processes will not accept them")
            secret_key = secrets.token_urlsafe(32)
        self.max_age = max_age_seconds
        self._sessions = URLSafeTimedSerializer(secret_key, salt="pufa-session")
        self._csrf = Signer(secret_key, salt="pufa-csrf")

    def issue(self, account_id: str, epoch: int) -> str:
        return self._sessions.dumps({"a": account_id, "e": epoch})

    def read(self, cookie: str | None) -> SessionClaims | None:
        """The claims of a well-signed, unexpired session cookie; None otherwise."""
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=self.max_age)
            return SessionClaims(account_id=str(data["a"]), epoch=int(data["e"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None

    def new_csrf(self) -> tuple[str, str]:
        """(token for the page, signed cookie value)."""
        token = secrets.token_urlsafe(24)
        return token, self._csrf.sign(token).decode()

    def csrf_of(self, cookie: str | None) -> str | None:
        """The token a CSRF cookie carries, if its signature holds."""
        if not cookie:
            return None
        try:
            return self._csrf.unsign(cookie).decode()
        except BadSignature:
            return None

    def csrf_matches(self, cookie: str | None, sent: str | None) -> bool:
        expected = self.csrf_of(cookie)
        return bool(expected and sent and secrets.compare_digest(expected.encode(), sent.encode()))
