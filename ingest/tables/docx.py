"""Word .docx: every top-level table in order, merged cells carried into every grid cell they
cover, and the paragraphs outside tables as lines (titles, prose lists)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.tables.cells import clean_text
from ingest.tables.model import Document, Line, Row, Table, check_size, finish
from pufa.errors import InputError


def read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    source = str(path)
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"cannot read as a Word document: {exc}", source=source) from exc
    except Exception as exc:  # lxml and python-docx raise many types on malformed XML
        raise InputError(f"cannot read as a Word document ({type(exc).__name__}: {exc})", source=source) from exc
    out = Document(source=source, kind="docx")
    recent: list[str] = []
    paragraph_no = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph_no += 1
            text = clean_text(block.text)
            if text:
                out.lines.append(Line(paragraph_no, text))
                recent.append(text)
        elif isinstance(block, DocxTable):
            name = f"表格{len(out.tables) + 1}"
            out.tables.append(
                Table(name=name, rows=_docx_rows(block, source, name), context=recent[-3:], after_line=paragraph_no)
            )
            recent = []
    return out


def _docx_cell_text(cell) -> str:
    parts = [cell.text]
    for inner in cell.tables:  # a table nested in a cell: keep its text, row by row
        for row in inner.rows:
            parts.append(" ".join(clean_text(c.text) for c in row.cells))
    return clean_text("\n".join(parts))


def _docx_rows(table, source: str, name: str) -> list[Row]:
    """Rows as grid-aligned cell texts; merged cells identified by their shared ``_tc``."""
    from docx.oxml.ns import qn

    rows: list[Row] = []
    above: list = []
    cells_seen = 0
    for number, row in enumerate(table.rows, start=1):
        try:
            cells = row.cells
            before = row.grid_cols_before
        except (ValueError, IndexError, AttributeError):
            # a vMerge continuation with no cell above, or a malformed grid: read cells as they are
            texts = ["".join(node.text or "" for node in tc.iter(qn("w:t"))) for tc in row._tr.tc_lst]
            rows.append(Row(number, [clean_text(t) for t in texts]))
            above = []
            continue
        tcs = [None] * before + [c._tc for c in cells]
        texts = [""] * before + [None] * len(cells)
        merged: set[int] = set()
        cache: dict[int, str] = {}
        for j, cell in enumerate(cells, start=before):
            tc = tcs[j]
            if (j > 0 and tcs[j - 1] is tc) or (j < len(above) and above[j] is tc):
                merged.add(j)
            key = id(tc)
            if key not in cache:
                cache[key] = _docx_cell_text(cell)
            texts[j] = cache[key]
        rows.append(Row(number, texts, frozenset(merged)))
        above = tcs
        cells_seen += len(texts)
        check_size(number, cells_seen, source, name)
    return finish(rows)
