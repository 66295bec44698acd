"""Word files: the paragraphs read as plain-text lines (see plaintext.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from ingest.laws.model import LawDocument
from ingest.laws.plaintext import read_plaintext
from ingest.tables.sniff import check_inflated, check_paragraphs
from pufa.errors import InputError


def read_docx(path: Path, *, source: str) -> LawDocument:
    """Body paragraphs in order; tables and headers are not law text. Word soft line breaks
    inside a paragraph separate lines as hard ones do."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_inflated(archive.infolist(), source)  # a zip bomb: python-docx would inflate it all into memory
        check_paragraphs(path, source)
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise InputError(f"not a readable .docx file ({error})", source=source) from error
    except InputError:
        raise
    except Exception as error:  # python-docx and lxml raise many types on a malformed package or XML
        raise InputError(f"not a readable .docx file ({type(error).__name__}: {error})", source=source) from error
    lines = [line for paragraph in document.paragraphs for line in paragraph.text.splitlines() or [""]]
    return read_plaintext(lines, source=source)
