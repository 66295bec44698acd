"""Request bodies over the upload limit are refused before they are received.

The upload endpoints check the file they save (`api.files`), but Starlette spools a whole multipart body to
disk before an endpoint runs: without this a 100 MB upload got its 413 only after all of it had
arrived. Clients that declare a Content-Length over the limit are answered at once; chunked
bodies are counted as they arrive and cut off at the limit.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem

FORM_ENVELOPE = 64 * 1024
"""Room for the multipart boundaries and the small form fields next to the file."""


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_upload_mb: int):
        self.app = app
        self.max_upload_mb = max_upload_mb
        self.max_bytes = max_upload_mb * (1 << 20) + FORM_ENVELOPE

    def _detail(self) -> str:
        return f"the request body is larger than the {self.max_upload_mb} MB upload limit"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = problem(413, self._detail(), scope["path"], title="PayloadTooLarge",
                               headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)
