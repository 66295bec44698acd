"""Decoding law files: UTF-8 (with or without BOM) or GB18030/GBK, decided strictly.

The national database and older office tools emit GBK; everything else is UTF-8. Both
decoders are run strictly and the first that reads the whole file wins, so a file is never
half-garbled: one that neither reads is refused with its name.
"""

from __future__ import annotations

from pathlib import Path

from pufa.errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in this order. UTF-8 first: GB18030 would also accept many UTF-8 byte strings."""


def decode(data: bytes, *, source: str) -> tuple[str, str]:
    """The text and the encoding that read it ("utf-8", "utf-8-sig" when a BOM was present, "gb18030")."""
    if b"\x00" in data:
        raise InputError("binary or UTF-16 file (NUL bytes); save it as UTF-8 or GBK text", source=source)
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise InputError("neither UTF-8 nor GB18030/GBK text", source=source)


def read_text(path: Path) -> tuple[str, str]:
    """Decode a text file; see `decode`. OS errors become InputError naming the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", source=str(path)) from error
    return decode(data, source=str(path))
