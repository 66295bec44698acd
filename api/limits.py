"""Request bodies over the upload limit are refused before they are received.

The upload endpoints check the file they save, but Starlette spools a whole multipart body to
disk before an endpoint runs: without this a 100 MB upload got its 413 only after all of it had
arrived. Clients that declare a Content-Length over the limit are answered at once; chunked
bodies are counted as they arrive and cut off at the limit.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import HTTPException, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem
from pufa.errors import InputError, PayloadTooLarge

CHUNK = 1 << 20
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


async def save_upload(upload: UploadFile, folder: Path, max_mb: int) -> Path:
    """An upload on disk under its own (sanitised) name, refused once it passes the size limit."""
    name = Path(upload.filename or "").name
    if not name or name.startswith("."):
        raise InputError("the upload has no file name", source="upload")
    limit = max_mb * CHUNK
    target, size = folder / name, 0
    with open(target, "wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"{name}: larger than the {max_mb} MB upload limit")
            out.write(chunk)
    return target
