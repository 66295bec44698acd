"""Regression gate on the labeled sets in tests/eval/ (see tests/eval/README.md).

Departments need no catalogue and always run. Citations are scored against the project
catalogue, data/catalogue/laws.jsonl (NLP_EVAL_CATALOGUE may point elsewhere); without it
that test is skipped, because resolving titles is half of what it measures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.catalogue import DEFAULT_CATALOGUE_PATH, Catalogue
from nlp.evaluation import CITATIONS_PATH, DEPARTMENTS_PATH, load_jsonl, score_citations, score_departments

CITATION_F1 = 0.95
DEPARTMENT_F1 = 0.90


def test_eval_sets_are_big_enough():
    citations = load_jsonl(CITATIONS_PATH)
    departments = load_jsonl(DEPARTMENTS_PATH)
    assert len(citations) >= 150 and sum(len(item["citations"]) for item in citations) >= 150
    assert any(not item["citations"] for item in citations), "negatives are part of the set"
    assert sum(len(item["mentions"]) for item in departments) >= 150


def test_department_f1_on_type_level_and_role():
    score = score_departments(load_jsonl(DEPARTMENTS_PATH))
    assert score.f1 >= DEPARTMENT_F1, "\n".join(score.errors)


def test_citation_f1_with_the_full_catalogue():
    path = Path(os.environ.get("NLP_EVAL_CATALOGUE", DEFAULT_CATALOGUE_PATH))
    if not path.exists():
        pytest.skip(f"citation eval needs the full law catalogue at {path} (generate data/catalogue/laws.jsonl)")
    score = score_citations(load_jsonl(CITATIONS_PATH), Catalogue.from_jsonl(path))
    assert score.f1 >= CITATION_F1, "\n".join(score.errors)
