"""The LawRefBook test corpus (../shared/corpus/lawrefbook), for tests that need it.

Call `corpus_dir()` inside a test or fixture: it returns the folder, or skips the test with
the reason when the folder is absent (PUFA_CORPUS_DIR points elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pufa.config import get_settings


def corpus_dir() -> Path:
    path = get_settings().corpus_dir
    if not path.is_dir():
        pytest.skip(f"LawRefBook corpus absent: {path} (set PUFA_CORPUS_DIR or provide ../shared/corpus/lawrefbook)")
    return path
