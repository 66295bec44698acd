"""Files people send as proof: the signed and stamped copy of a checklist (domain.checklists.review) and the
evidence of activities and of answers to 普法提示 (佐证材料). Each file is told by its content, never by its
name (a photo renamed .pdf is still a photo; a script renamed .jpg is refused), limited in size, and
stored once under its SHA-256 in the configured folder (PUFA_ATTACHMENTS_DIR); the graph keeps its
record (Attachment, Evidence)."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pufa.errors import InputError, NotFound, PayloadTooLarge

PDF, PNG, JPEG, HEIC = "application/pdf", "image/png", "image/jpeg", "image/heic"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_NAMES = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", HEIC: "HEIC", DOCX: "Word（.docx）"}
SIGNED_COPY_KINDS = (PDF, PNG, JPEG)
"""A signed and stamped checklist is a scan: a PDF or an image."""
EVIDENCE_KINDS = (JPEG, PNG, HEIC, PDF, DOCX)
"""Evidence is what units have: phone photos (JPEG, PNG, an iPhone's HEIC), PDFs, Word documents."""
SHOWN_INLINE = frozenset({PDF, PNG, JPEG})
"""What a browser shows by itself; the others are downloaded."""
HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"})
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", HEIC: ".heic", DOCX: ".docx"}


def sniff(content: bytes) -> str | None:
    """The kind of a file by its first bytes (and, for a .docx, the parts its zip holds); None if none of ours."""
    if content.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in content[-2048:] else None
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content[4:8] == b"ftyp":
        box = content[8:min(len(content), int.from_bytes(content[:4], "big") or 32)]
        brands = {box[i:i + 4] for i in range(0, len(box), 4)}
        return HEIC if brands & HEIC_BRANDS else None
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        return DOCX if {"[Content_Types].xml", "word/document.xml"} <= names else None
    return None


@dataclass(frozen=True)
class CheckedFile:
    name: str
    media_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def check_file(file_name: str, content: bytes, kinds: tuple[str, ...], max_bytes: int, what: str) -> CheckedFile:
    """A file as sent, if it is one of `kinds` by its content and not larger than `max_bytes`; else
    413 or 422 naming the file and what it may be."""
    name = Path(file_name or "").name or what
    if len(content) > max_bytes:
        raise PayloadTooLarge(f"{name}: larger than the {max_bytes // (1 << 20)} MB limit for {what}")
    if not content:
        raise InputError("the file is empty", source=name)
    media_type = sniff(content)
    if media_type not in kinds:
        allowed = "、".join(KIND_NAMES[kind] for kind in kinds)
        found = f" (it is {KIND_NAMES[media_type]})" if media_type else ""
        raise InputError(f"not a {allowed} file{found}, checked by its content: send {what} as one of these",
                         source=name)
    return CheckedFile(name, media_type, content, hashlib.sha256(content).hexdigest())


def content_path(folder: Path, sha: str) -> Path:
    return folder / sha[:2] / sha


def store_content(folder: Path, checked: CheckedFile) -> None:
    """Written once under its hash, atomically, before the record that names it is committed: a file
    left by a failed transaction is harmless (the same content would land there again)."""
    target = content_path(folder, checked.sha256)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as out:
        out.write(checked.content)
    os.replace(out.name, target)


def keep(folder: Path, files: list[tuple[str, bytes]], kinds: tuple[str, ...], max_bytes: int,
         what: str) -> list[CheckedFile]:
    """Files as sent, each checked (check_file) before any is stored under its hash: one refused file
    keeps none of them."""
    checked = [check_file(name, content, kinds, max_bytes, what) for name, content in files]
    for file in checked:
        store_content(folder, file)
    return checked


def read_content(folder: Path, sha: str | None, what: str) -> bytes:
    path = content_path(folder, sha or "")
    if not sha or not path.is_file():
        raise NotFound(f"{what} is missing from the attachments folder")
    return path.read_bytes()
