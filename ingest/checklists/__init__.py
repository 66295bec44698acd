"""Read responsibility checklists (普法责任清单) as units really submit them.

    from ingest.checklists import read_checklist
    for checklist in read_checklist("2026_县公安局_普法责任清单.docx"):
        for item in checklist.items: ...

Modules: `tables` (files -> tables and lines, by sniffed content type), `headers` (header
row and column synonyms), `split` (several laws or values in one cell), `normalize`
(audiences, methods and timings -> canonical ids), `reader` (rows -> records).
"""

from ingest.checklists.reader import parse_file_name, parse_title, read_checklist
from ingest.checklists.tables import MAX_CELLS, MAX_FILE_BYTES, MAX_ROWS, read_document, sniff

__all__ = [
    "MAX_CELLS", "MAX_FILE_BYTES", "MAX_ROWS", "parse_file_name", "parse_title", "read_checklist", "read_document",
    "sniff",
]
