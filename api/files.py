"""Files in and out of the faces, in one place for every route and page.

In: an upload is saved under its own (sanitised) name in a private temporary folder, refused once
it passes the size limit, and read by `parse` in a worker thread, never on the event loop: one
hostile file parsed there stalled every other request (a 40 KB .docx of 400,000 empty paragraphs
held /health for 20 s). At most `PARSERS_AT_ONCE` parse at a time, so a flood of uploads queues
instead of taking every worker thread the sync routes need. A problem in the file names it as sent,
never the server's temporary folder.

Out: `download` builds every file response, naming the file as people read it (RFC 5987, so
`2026年普法责任清单.xlsx` arrives as such), with an ASCII fallback for old clients.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, TypeVar
from urllib.parse import quote

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Depends, Request, Response, UploadFile

from domain.assessment.models import EvidencePublic
from domain.base.evidence import SHOWN_INLINE
from pufa.config import Settings
from pufa.errors import InputError, PayloadTooLarge

CHUNK = 1 << 20
PARSERS_AT_ONCE = 1
"""Uploads parsed at the same time; the rest wait their turn. One: a parse holds Python's lock most of
the time it runs, and with two at once the reads' event loop got a third of it (bench/bench_soak.py)."""
T = TypeVar("T")


class Uploads:
    """Receives the uploads of one app: the settings' limits and the bound on parsers at once."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.parsers = CapacityLimiter(PARSERS_AT_ONCE)

    async def parse(self, upload: UploadFile, parse: Callable[[Path], T]) -> T:
        """`parse(path)` of the upload saved to a private temporary file, in a worker thread."""
        with tempfile.TemporaryDirectory(prefix="pufa-upload-") as folder:
            path = await save_upload(upload, Path(folder), self.settings.max_upload_mb)
            try:
                return await self.off_the_loop(parse, path)
            except InputError as exc:  # kept whole (a 台账's row problems too), the folder taken out
                exc.args = tuple(str(arg).replace(str(path), path.name) for arg in exc.args)
                exc.source = exc.source and exc.source.replace(str(path), path.name)
                raise

    async def off_the_loop(self, work: Callable[..., T], *args: object) -> T:
        """`work(*args)` in a worker thread, at most PARSERS_AT_ONCE at a time (file checks: images, sheets)."""
        return await anyio.to_thread.run_sync(partial(work, *args), limiter=self.parsers)

    async def read(self, files: list[UploadFile], max_mb: int) -> list[tuple[str, bytes]]:
        """Uploaded files in memory, each refused once it passes `max_mb` (413 naming it); a file input
        left empty (one nameless empty part) is no file. The domain checks what each is."""
        return [await self.read_one(upload, max_mb) for upload in files if upload.filename]

    async def read_one(self, upload: UploadFile, max_mb: int) -> tuple[str, bytes]:
        """(name as sent, content) of one uploaded file, refused once it passes `max_mb` (413 naming it)."""
        limit = max_mb * CHUNK
        content = await upload.read(limit + 1)
        if len(content) > limit:
            raise PayloadTooLarge(f"{upload.filename}: larger than the {max_mb} MB limit for one file")
        return upload.filename or "", content


async def get_uploads(request: Request) -> Uploads:
    """Async, as `api.deps.get_store`: a plain dependency would cost a hop to a worker thread."""
    return request.app.state.uploads


UploadsDep = Annotated[Uploads, Depends(get_uploads)]


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


def download(content: bytes, media_type: str | None, file_name: str, *, inline: bool = False, status_code: int = 200,
             headers: dict[str, str] | None = None) -> Response:
    """A file to save (or, `inline`, to show) under `file_name`, Chinese and all."""
    return Response(content, status_code=status_code, media_type=media_type,
                    headers={"Content-Disposition": disposition(file_name, inline=inline), **(headers or {})})


def evidence_download(meta: EvidencePublic, content: bytes) -> Response:
    """An evidence file: photos and PDFs shown in the browser, the rest saved; never kept by a cache."""
    return download(content, meta.media_type, meta.file_name or "证明材料", inline=meta.media_type in SHOWN_INLINE,
                    headers={"Cache-Control": "private, no-store"})


def disposition(file_name: str, *, inline: bool = False) -> str:
    """Content-Disposition with the name as written (RFC 5987) and an ASCII fallback for old clients:
    its ASCII letters and digits, or `download` with the name's suffix."""
    name = Path(file_name).name or "download"
    stem, suffix = Path(name).stem, Path(name).suffix
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    fallback = (fallback if len(fallback) >= 3 else "download") + re.sub(r"[^A-Za-z0-9.]", "", suffix)
    return f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
