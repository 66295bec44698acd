"""Shape of the evaluation corpus of real lists (bench/data/real_lists.jsonl).

The ranking bench reads every record as a names-only register entry, so a record without a
source URL, a unit, a law, or with an unknown source would silently distort the figures.
"""

import json
from pathlib import Path

import pytest

REAL_LISTS = Path(__file__).resolve().parents[2] / "bench" / "data" / "real_lists.jsonl"
SOURCES = {"checklist", "publicity"}
FORMS = {"list", "plan", "notice"}
"""What a checklist record was published as: a responsibility list's row, a plan's row, or a notice naming the laws."""


def shape_problems(lines: list[str]) -> list[str]:
    """Every way the given JSONL lines break the corpus's shape, one message per problem."""
    problems = []
    seen = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"line {number}: not JSON")
            continue
        url, unit, laws = record.get("url"), record.get("unit"), record.get("laws")
        if not isinstance(url, str) or not url.startswith("http"):
            problems.append(f"line {number}: url must start with http")
        if not isinstance(unit, str) or not unit.strip():
            problems.append(f"line {number}: unit is empty")
        if not isinstance(laws, list) or not laws or not all(isinstance(law, str) and law.strip() for law in laws):
            problems.append(f"line {number}: laws must be a non-empty list of names")
        if record.get("source") not in SOURCES:
            problems.append(f"line {number}: source must be one of {sorted(SOURCES)}")
        if record.get("source") == "checklist" and record.get("form") not in FORMS:
            problems.append(f"line {number}: a checklist's form must be one of {sorted(FORMS)}")
        if record.get("source") == "publicity" and "form" in record:
            problems.append(f"line {number}: only a checklist has a form")
        year = record.get("year")
        if year is not None and not isinstance(year, int):
            problems.append(f"line {number}: year must be a number or null")
        if (url, unit) in seen:
            problems.append(f"line {number}: duplicate (url, unit)")
        seen.add((url, unit))
    return problems


def test_corpus_file_has_the_expected_shape():
    lines = REAL_LISTS.read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if line.strip()]) >= 20
    assert shape_problems(lines) == []


GOOD = {
    "url": "https://example.gov.cn/a.html",
    "title": "t",
    "unit": "某县公安局",
    "region": "某县",
    "year": 2023,
    "source": "publicity",
    "laws": ["禁毒法"],
    "retrieved": "2026-12-06",
}


@pytest.mark.parametrize(
    "change",
    [
        {"url": "example.gov.cn/a.html"},
        {"unit": " "},
        {"laws": []},
        {"laws": [""]},
        {"source": "news"},
        {"year": "2023"},
        {"form": "list"},
        {"source": "checklist"},
        {"source": "checklist", "form": "news"},
    ],
)
def test_a_malformed_record_is_reported(change):
    assert shape_problems([json.dumps(GOOD, ensure_ascii=False)]) == []
    assert shape_problems([json.dumps(GOOD | change, ensure_ascii=False)]) != []


def test_a_checklist_with_its_form_is_well_formed():
    assert shape_problems([json.dumps(GOOD | {"source": "checklist", "form": "notice"}, ensure_ascii=False)]) == []


def test_a_duplicate_url_and_unit_is_reported():
    line = json.dumps(GOOD, ensure_ascii=False)
    assert shape_problems([line, line]) == ["line 2: duplicate (url, unit)"]


def test_a_line_that_is_not_json_is_reported():
    assert shape_problems(["{not json"]) == ["line 1: not JSON"]
