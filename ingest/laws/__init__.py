"""Law files → typed law records: a pure parsing layer, no database.

    for item in scan_law_paths([corpus]):          # ParsedLawFile or SkippedFile
        ...
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))

Formats: LawRefBook Markdown (.md), national-database plain text (.txt, UTF-8 or GBK) and
Word (.docx). Case files (案例/) are read separately by `parse_case_file`.
"""

from ingest.laws.body import paragraph_items
from ingest.laws.cases import parse_case_file
from ingest.laws.catalogue import Catalogue, build_catalogue
from ingest.laws.model import SKIP_REASONS, NotALaw, ParsedCase, ParsedLawFile, SkippedFile
from ingest.laws.parse import law_files, parse_law_file, scan_law_paths
from ingest.laws.statements import Alias

__all__ = [
    "SKIP_REASONS",
    "Alias",
    "Catalogue",
    "NotALaw",
    "ParsedCase",
    "ParsedLawFile",
    "SkippedFile",
    "build_catalogue",
    "law_files",
    "paragraph_items",
    "parse_case_file",
    "parse_law_file",
    "scan_law_paths",
]
