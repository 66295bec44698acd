"""The limits every table reader enforces, so that no upload can exhaust the server (read at call
time: tests lower them)."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused before parsing (checklists are a few hundred KB)."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""An Office zip whose members inflate beyond this is refused (a zip bomb or a data dump)."""
MAX_ROWS = 20_000
"""Rows per sheet, table or text file."""
MAX_COLUMNS = 200
"""Non-empty columns per row."""
MAX_CELLS = 400_000
"""Cells (rows x columns) per sheet, table or text file."""
MAX_PARAGRAPHS = 20_000
"""Paragraphs per Word document, table cells' included (the longest law has a few thousand, a
checklist of 500 rows about 4,000). Counted in the XML before python-docx builds an object for
each: 400,000 empty ones fit in a 40 KB upload and took 20 s; 20,000 take about 1 s of a core."""
