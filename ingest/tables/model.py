"""What every table reader returns: a document of tables (rows of cell strings with their
original row numbers) and the text lines around them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.tables import limits
from pufa.errors import InputError


@dataclass
class Row:
    number: int
    """1-based row in the sheet/table, or line in a text file, as a person would look it up."""
    cells: list[str]
    merged: frozenset[int] = frozenset()
    """Columns whose value was carried from a merged cell that starts elsewhere."""
    text: str | None = None
    """The original line(s) of a row built from a prose list."""

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c]


@dataclass
class Table:
    name: str
    """Sheet name, 表格N for Word tables, or the file kind for text."""
    rows: list[Row]
    context: list[str] = field(default_factory=list)
    """Text just before the table (Word paragraphs), where its title usually is."""
    synthetic_header: bool = False
    """True for a table built from a prose list: its first row is our header, not the file's."""
    after_line: int = 0
    """Word: how many body paragraphs come before the table (Line.number of the last one)."""


@dataclass
class Line:
    number: int
    text: str


@dataclass
class Document:
    source: str
    kind: str
    """docx, xlsx, csv or text."""
    tables: list[Table] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    """Paragraphs outside tables (docx) or the lines of a text file."""
    encoding: str | None = None


def check_size(rows: int, cells: int, source: str, where: str | None, at: int | None = None) -> None:
    """Refuse a sheet, table or text past limits.MAX_ROWS rows or limits.MAX_CELLS cells; `at` is the row/line to name."""
    location = f"{where}, row {at or rows}" if where else f"line {at or rows}"
    if rows > limits.MAX_ROWS:
        raise InputError(f"more than {limits.MAX_ROWS} rows; a checklist is not this long", source=source, location=location)
    if cells > limits.MAX_CELLS:
        raise InputError(f"more than {limits.MAX_CELLS} cells; a checklist is not this large", source=source, location=location)


def trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def finish(rows: list[Row]) -> list[Row]:
    """Drop trailing empty rows and pad every row to the table's width."""
    while rows and not any(rows[-1].cells):
        rows.pop()
    width = max((len(trim(r.cells)) for r in rows), default=0)
    for row in rows:
        row.cells = (row.cells + [""] * width)[:width]
    return rows
