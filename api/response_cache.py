"""Serialized answers kept per graph stamp: a repeated GET is a dictionary look-up, and a client
that still holds the answer gets 304 Not Modified.

An answer depends on the graph (named by its stamp, `domain.base.cache`), the request (path and query)
and who asks. So a 200 to a GET is kept, bytes and headers, under (path, query, viewer, gzip or
not) until the stamp changes, with a weak ETag derived from the stamp, the request, the viewer
and this deployment's settings; `If-None-Match` with it gets a 304, from any process serving the
same graph. The stamp is checked on every request, at no round trip where the store can tell
(`graph.stamps.KnownStamp`: LadybugDB's writer knows every write, Neo4j re-reads it at most every
PUFA_STAMP_RECHECK_MS), and pinned for the request (`OneStampPerRead`), so the answer is worked
out under the stamp its ETag names.

Not kept: anything but GET (HEAD is answered from a kept GET), errors and other statuses,
responses that set a cookie, say `Cache-Control: private` or `no-store`, carry their own ETag
(static files), or vary on more than Accept-Encoding; and the paths given as `skip_paths`
(`/health` must ask the store every time).

The viewer key (`viewer_of`) is the seam for accounts: `request.state.viewer` names everything
about the requester that changes an answer or whether it may be seen (a role, a unit). Whatever
sets it must run before this middleware (a middleware added after it in `create_app`); one set
later, by a dependency, comes too late to look up and so keeps the response out of the cache. A
request with no viewer set is "public" unless it carries credentials (a session cookie or an
Authorization header): then nothing told who it is for, and its answer is neither looked up nor kept.
Other cookies (the CSRF cookie every visitor gets) are not credentials; a page that embeds the
visitor's CSRF token says `Cache-Control: private` itself (api.web.render).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.accounts.sessions import SESSION_COOKIE
from domain.base.documents import XLSX_MEDIA_TYPE
from pufa.config import Settings
from pufa.errors import PufaError

PUBLIC_VIEWER = "public"
GZIP_MINIMUM_BYTES = 1024
"""Smaller bodies fit a packet or two as they are."""
GZIP_LEVEL = 6
"""zlib's default. Level 9 (Starlette's) took twice as long for 4 % fewer bytes: 1.9 against 0.9 ms
for the 110 KB gap list, which it shrinks to 5.6 KB against 5.9 KB."""
VALIDATOR_HEADERS = (b"etag", b"cache-control", b"vary", b"content-location", b"expires")
"""What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5)."""
Headers = list[tuple[bytes, bytes]]
Key = tuple[str, bytes, str, bool]


def install(app: FastAPI, settings: Settings, *, skip_paths: tuple[str, ...]) -> None:
    """The response cache over gzip, so that a kept answer is kept compressed (once per stamp)."""
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL,
                       exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, XLSX_MEDIA_TYPE))  # a zip already
    app.add_middleware(ResponseCache, settings=settings, skip_paths=skip_paths)


def viewer_of(scope: Scope) -> str | None:
    """`request.state.viewer`, set to "public" for a request without credentials; None for one
    with credentials that nothing named a viewer for."""
    state = scope.setdefault("state", {})
    viewer = state.get("viewer")
    if viewer is None and not _has_credentials(scope):
        viewer = state["viewer"] = PUBLIC_VIEWER
    return viewer


def _has_credentials(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"authorization":
            return True
        if name == b"cookie" and any(cookie.split(b"=", 1)[0].strip() == SESSION_COOKIE.encode()
                                     for cookie in value.split(b";")):
            return True
    return False


@dataclass(frozen=True)
class KeptResponse:
    status: int
    headers: Headers
    body: bytes
    etag: bytes


class KeptResponses:
    """The responses of the latest graph stamp asked for, least recently used dropped past
    `max_bytes`. Asking under a new stamp empties it; a response worked out under an older stamp
    (a slow request that began before a write) is not kept."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // 8
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._responses: OrderedDict[Key, KeptResponse] = OrderedDict()
        self._bytes = 0

    def get(self, stamp: str, key: Key) -> KeptResponse | None:
        with self._lock:
            if stamp != self._stamp:
                self._stamp, self._responses, self._bytes = stamp, OrderedDict(), 0
                return None
            kept = self._responses.get(key)
            if kept is not None:
                self._responses.move_to_end(key)
            return kept

    def put(self, stamp: str, key: Key, kept: KeptResponse) -> None:
        with self._lock:
            if stamp != self._stamp:
                return
            previous = self._responses.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._responses[key] = kept
            self._bytes += len(kept.body)
            while self._bytes > self.max_bytes:
                _, dropped = self._responses.popitem(last=False)
                self._bytes -= len(dropped.body)


def matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison, as If-None-Match calls for: `*`, or any listed tag with or without `W/`."""
    if if_none_match.strip() == b"*":
        return True
    ours = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == ours for tag in if_none_match.split(b","))


def keepable(message: Message) -> bool:
    """Whether a response (its start message) may be kept and shared by everyone with its key."""
    if message["status"] != 200:
        return False
    for name, value in message.get("headers", []):
        name = name.lower()
        if name in (b"set-cookie", b"etag"):
            return False
        if name == b"cache-control" and (b"private" in value.lower() or b"no-store" in value.lower()):
            return False
        if name == b"vary" and any(part.strip().lower() != b"accept-encoding" for part in value.split(b",")):
            return False
    return True


class ResponseCache:
    """The middleware: answers a GET from a kept response (or a 304), else records the app's answer."""

    def __init__(self, app: ASGIApp, *, settings: Settings, skip_paths: tuple[str, ...] = ()):
        self.app = app
        self._responses = KeptResponses(settings.response_cache_mb << 20)
        self._skip_paths = frozenset(skip_paths)
        self._deployment = settings.model_dump_json().encode()
        """Settings shape answers (the region served, uploads on or off): part of every ETag.
        Secrets are masked in this dump."""

    def etag(self, stamp: str, viewer: str, scope: Scope) -> bytes:
        digest = hashlib.blake2b(digest_size=12)
        for part in (self._deployment, stamp.encode(), viewer.encode(), scope["path"].encode(), scope["query_string"]):
            digest.update(part)
            digest.update(b"\0")
        return b'W/"' + digest.hexdigest().encode() + b'"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not self._responses.max_bytes
                or scope["path"] in self._skip_paths):
            await self.app(scope, receive, send)
            return
        viewer = viewer_of(scope)
        if viewer is None:
            await self.app(scope, receive, send)
            return
        try:
            stamp = scope["app"].state.store.stamp()
        except PufaError:
            stamp = None  # the app meets the same error (pinned for the request) and answers it
        if stamp is None:
            await self.app(scope, receive, send)
            return
        accepts_gzip, if_none_match = False, None
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accepts_gzip = b"gzip" in value
            elif name == b"if-none-match":
                if_none_match = value
        key = (scope["path"], scope["query_string"], viewer, accepts_gzip)
        kept = self._responses.get(stamp, key)
        if kept is not None:
            if if_none_match is not None and matches(if_none_match, kept.etag):
                await send_not_modified(send, kept.headers)
            else:
                await send({"type": "http.response.start", "status": kept.status, "headers": list(kept.headers)})
                await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else kept.body})
            return
        if scope["method"] == "HEAD":
            await self.app(scope, receive, send)
            return
        recorder = Recorder(self._responses, scope, send, stamp, key, self.etag(stamp, viewer, scope), if_none_match)
        await self.app(scope, receive, recorder.send)


def not_modified(headers: Headers) -> Message:
    """The start of a 304 standing for a 200 with these headers."""
    return {"type": "http.response.start", "status": 304,
            "headers": [(name, value) for name, value in headers if name.lower() in VALIDATOR_HEADERS]}


async def send_not_modified(send: Send, headers: Headers) -> None:
    await send(not_modified(headers))
    await send({"type": "http.response.body", "body": b""})


class Recorder:
    """Passes one response on, with its ETag if it may be kept (a 304 if the client holds it), and keeps it."""

    def __init__(self, responses: KeptResponses, scope: Scope, send: Send, stamp: str, key: Key, etag: bytes,
                 if_none_match: bytes | None):
        self._responses, self._scope, self._send = responses, scope, send
        self._stamp, self._key, self._etag, self._if_none_match = stamp, key, etag, if_none_match
        self._start: Message | None = None
        self._chunks: list[bytes] | None = None
        """The body so far, while the response may still be kept."""
        self._size = 0
        self._not_modified = False

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            message = self._started(message)
        elif kind == "http.response.body":
            if self._chunks is not None:
                self._record(message)
            if self._not_modified:
                if not message.get("more_body", False):
                    await self._send({"type": "http.response.body", "body": b""})
                return
        else:
            self._chunks = None  # pathsend, trailers: passed on as they are, not kept
        await self._send(message)

    def _started(self, message: Message) -> Message:
        # A viewer set while the answer was worked out (by a dependency) was not the one looked up.
        if not keepable(message) or viewer_of(self._scope) != self._key[2]:
            return message
        headers = list(message.get("headers", []))
        headers.append((b"etag", self._etag))
        if not any(name.lower() == b"cache-control" for name, _ in headers):
            public = self._key[2] == PUBLIC_VIEWER
            headers.append((b"cache-control", b"no-cache" if public else b"private, no-cache"))
        self._start, self._chunks = {**message, "headers": headers}, []
        if self._if_none_match is not None and matches(self._if_none_match, self._etag):
            self._not_modified = True
            return not_modified(headers)
        return self._start

    def _record(self, message: Message) -> None:
        body = message.get("body", b"")
        self._size += len(body)
        if self._size > self._responses.max_entry_bytes:
            self._chunks = None
            return
        self._chunks.append(body)
        if not message.get("more_body", False):
            kept = KeptResponse(self._start["status"], self._start["headers"], b"".join(self._chunks), self._etag)
            self._responses.put(self._stamp, self._key, kept)
