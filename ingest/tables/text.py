"""Text .csv/.tsv/.txt, decoded by the one policy of `ingest.decoding`; the delimiter is sniffed, and the
lines are kept for prose lists."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ingest.decoding import decode_text
from ingest.tables import limits
from ingest.tables.cells import clean_text
from ingest.tables.model import Document, Line, Row, Table, check_size, finish, trim
from pufa.errors import InputError

_DELIMITERS = (",", "\t", ";", "|")


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    sample_lines = [line for line in text.splitlines()[:60] if line.strip()]
    if not sample_lines:
        return None
    best: tuple[int, int, str] | None = None
    sample = "\n".join(sample_lines)
    for delimiter in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (wide.count(mode), mode, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < 2:
        return None
    return best[2]


def read_text(path: Path) -> Document:
    source = str(path)
    text, encoding = decode_text(path.read_bytes(), source)
    out = Document(source=source, kind="text", encoding=encoding)
    physical = text.splitlines()
    check_size(len(physical), len(physical), source, None)
    out.lines = [Line(i, clean_text(line)) for i, line in enumerate(physical, start=1) if clean_text(line)]
    suffix = path.suffix.lower()
    delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    if suffix in (".csv", ".tsv") and delimiter is None:
        delimiter = ","
    if delimiter is not None:
        out.kind = "csv"
        out.tables.append(Table(name=suffix.lstrip(".") or "text", rows=_delimited_rows(text, delimiter, source)))
    return out


def _delimited_rows(text: str, delimiter: str, source: str) -> list[Row]:
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    cells_seen = 0
    try:
        for record in reader:
            cells = trim([clean_text(c) for c in record])
            if len(cells) > limits.MAX_COLUMNS:
                raise InputError(
                    f"{len(cells)} columns, over the limit of {limits.MAX_COLUMNS}", source=source, location=f"line {start}"
                )
            cells_seen += len(cells)
            check_size(len(rows) + 1, cells_seen, source, None, start)
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed delimited text: {exc}", source=source, location=f"line {reader.line_num}") from exc
    return finish(rows)
