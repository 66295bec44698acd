"""One decoding policy for every text file the service reads (law texts, cases, text tables).

UTF-8 (with or without BOM), UTF-16 with a byte-order mark (Excel's "Unicode text"), or GB18030
(a superset of GBK/GB2312, what the national database and older office tools write). Each is run
strictly and the first that reads the whole file wins, so a file is never half-garbled; UTF-16
without a BOM, binary data and anything that reads as neither is refused naming the file and,
where it can, the line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from pufa.errors import InputError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SAMPLE = 65536
"""Bytes looked at for NULs and control characters: enough to tell binary from text."""
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""The control characters (Unicode category Cc) other than tab, line feed, form feed and carriage return:
many of them in a text mean it is binary data."""


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding): "utf-8", "utf-8-sig", "utf-16" or "gb18030"; InputError naming `source` otherwise."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}",
                                 source=source, location=f"line {_line_of(data, exc.start)}") from exc
    if b"\x00" in data[:SAMPLE]:
        raise InputError("binary data or UTF-16 without a byte-order mark (NUL bytes), not text; "
                         "save it as UTF-8 or GBK/GB18030", source=source)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            # the encoding that decoded further is the one the file was meant to be in
            exc, name = (utf8_error, "UTF-8") if utf8_error.start >= gb_error.start else (gb_error, "GBK/GB18030")
            raise InputError(
                f"text is neither UTF-8 nor GBK/GB18030 (mostly {name}, but byte 0x{data[exc.start]:02x} is invalid); "
                "save it as UTF-8", source=source, location=f"line {_line_of(data, exc.start)}") from gb_error
    controls = len(CONTROLS.findall(text, 0, SAMPLE))
    if controls > max(8, len(text[:SAMPLE]) // 200):
        raise InputError(f"binary data ({controls} control characters), not text", source=source)
    return text, encoding


def read_decoded(path: Path, source: str | None = None) -> tuple[str, str]:
    """A text file decoded by `decode_text`; an unreadable file is an InputError naming it."""
    source = source or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", source=source) from error
    return decode_text(data, source)


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1
