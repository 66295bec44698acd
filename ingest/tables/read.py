"""Read the tables and text lines out of a submitted file, whatever its real format.

`read_document` sniffs the content (not the extension: an ``.xls`` that is really an xlsx zip
is read as xlsx) and returns every table as rows of cell strings with their original row
numbers, plus the text lines around them:

* Word ``.docx``: every top-level table in order; merged cells (a horizontal span is the
  same ``_tc`` element repeated, a vertical merge is a ``vMerge`` continuation whose ``_tc``
  is the one above) carry the merged value into every grid cell they cover; paragraphs
  outside tables are kept as lines (titles, prose lists).
* Excel ``.xlsx``/``.xlsm``: every worksheet, read with openpyxl in read-only mode; merged
  ranges (parsed from the sheet XML, which read-only mode does not expose) are filled with
  the value of their top-left cell.
* Text ``.csv``/``.tsv``/``.txt``: UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030 (a
  superset of GBK/GB2312); the delimiter is sniffed. Lines are kept for prose lists.

Everything that makes a file unusable raises `pufa.errors.InputError` naming the file and,
where it applies, the sheet, row or line: encrypted or legacy binary Office files, damaged
zips, oversized files or sheets, undecodable text.
"""

from __future__ import annotations

from pathlib import Path

from ingest.tables.docx import read_docx
from ingest.tables.model import Document
from ingest.tables.sniff import sniff
from ingest.tables.text import read_text
from ingest.tables.xlsx import read_xlsx


def read_document(path: str | Path) -> Document:
    path = Path(path)
    kind = sniff(path)
    if kind == "docx":
        return read_docx(path)
    if kind == "xlsx":
        return read_xlsx(path)
    return read_text(path)
