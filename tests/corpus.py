"""The LawRefBook test corpus (../shared/corpus/lawrefbook), for tests that need it, and small
law files written in its format for tests that must not depend on it.

Call `corpus_dir()` inside a test or fixture: it returns the folder, or skips the test with
the reason when the folder is absent (PUFA_CORPUS_DIR points elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pufa.config import get_settings
from pufa.laws import law_id


def corpus_dir() -> Path:
    path = get_settings().corpus_dir
    if not path.is_dir():
        pytest.skip(f"LawRefBook corpus absent: {path} (set PUFA_CORPUS_DIR or provide ../shared/corpus/lawrefbook)")
    return path


def article_count(index: int) -> int:
    return 3 + index % 5


def write_laws(folder: Path, first: int, count: int) -> dict[str, int]:
    """Law files 示范{i}管理条例 with 3–7 articles each; returns the expected article count by law id."""
    folder.mkdir(parents=True)
    expected = {}
    for index in range(first, first + count):
        title = f"示范{index}管理条例"
        articles = "\n\n".join(f"第{n}条 示范{index}第{n}条的内容，有关部门应当依法管理。" for n in range(1, article_count(index) + 1))
        (folder / f"{title}.md").write_text(
            f"# {title}\n\n2020年1月1日 示例市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n{articles}\n", encoding="utf-8")
        expected[law_id(title)] = article_count(index)
    return expected
