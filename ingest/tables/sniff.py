"""Which reader a file needs, from its bytes (not its extension: an .xls that is really an xlsx
zip is read as xlsx); files no reader can use are refused with what to do instead."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ingest.tables import limits
from pufa.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
"""A paragraph's start tag under any namespace prefix (an upper bound: every <p> counts)."""


def sniff(path: str | Path) -> str:
    """docx, xlsx or text, from the file's bytes; InputError for anything else."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot open file: {exc.strerror or exc}", source=source) from exc
    if size > limits.MAX_FILE_BYTES:
        raise InputError(
            f"file is {size / 1048576:.1f} MB, over the {limits.MAX_FILE_BYTES // 1048576} MB limit for a checklist",
            source=source,
        )
    if size == 0:
        raise InputError("file is empty", source=source)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        raise InputError(_ole_message(path.read_bytes()), source=source)
    if head.startswith(b"%PDF"):
        raise InputError("a PDF file; submit the checklist as .docx, .xlsx, .csv or .txt", source=source)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise InputError(
            "an image (a scanned checklist?); submit the checklist as .docx, .xlsx, .csv or .txt", source=source
        )
    if head.startswith(b"{\\rtf"):
        raise InputError("an RTF document; save it as .docx", source=source)
    return "text"


def _sniff_zip(path: Path) -> str:
    source = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError(f"damaged or truncated Office (zip) file: {exc}", source=source) from exc
    check_inflated(infos, source)
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        check_paragraphs(path, source)
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise InputError("an Excel binary workbook (.xlsb); save it as .xlsx", source=source)
    if "ppt/presentation.xml" in names:
        raise InputError("a PowerPoint file; submit the checklist as .docx or .xlsx", source=source)
    if "content.xml" in names and "mimetype" in names:
        raise InputError("an OpenDocument file (.odt/.ods); save it as .docx or .xlsx", source=source)
    raise InputError("a zip archive that is not a Word or Excel document", source=source)


def check_inflated(infos: list[zipfile.ZipInfo], source: str) -> None:
    """Refuse an Office zip whose members inflate past MAX_UNZIPPED_BYTES (a zip bomb or a data dump)."""
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_UNZIPPED_BYTES:
        raise InputError(
            f"the document inflates to {total / 1048576:.0f} MB, over the {limits.MAX_UNZIPPED_BYTES // 1048576} MB limit",
            source=source,
        )


def check_paragraphs(path: Path, source: str) -> None:
    """Refuse a Word document of more than MAX_PARAGRAPHS paragraphs, counted in its XML as it
    inflates (a few milliseconds) before python-docx builds an object for each."""
    count, tail = 0, b""
    with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as xml:
        while chunk := xml.read(1 << 20):
            window = tail + chunk
            count += len(PARAGRAPH.findall(window)) - len(PARAGRAPH.findall(tail))
            tail = window[-64:]
            if count > limits.MAX_PARAGRAPHS:
                raise InputError(f"more than {limits.MAX_PARAGRAPHS} paragraphs; 段落超过 {limits.MAX_PARAGRAPHS} 个，"
                                 "不是一份清单或法规文本", source=source)


def _ole_message(data: bytes) -> str:
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "the document is password-protected (encrypted); remove the password and submit it again"
    if has("WordDocument"):
        return "a legacy Word 97-2003 (.doc/.wps) file; save it as .docx"
    if has("Workbook") or has("Book"):
        return "a legacy Excel 97-2003 (.xls/.et) file; save it as .xlsx"
    return "a legacy binary Office (OLE) file; save it as .docx or .xlsx"
