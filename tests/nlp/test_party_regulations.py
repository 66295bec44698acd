"""data/party_regulations.yaml: well formed, unambiguous, and resolvable in the shipped catalogue
(scripts/build_catalogue.py merges it into data/catalogue/laws.jsonl)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date

import pytest
import yaml

from nlp.catalogue import DEFAULT_CATALOGUE_PATH, PRC, Catalogue, name_key
from nlp.citations import extract_citations, resolve_name
from pufa.config import DATA_DIR

REQUIRED = ("title", "short_title", "aliases", "level", "issuer", "promulgated", "effective", "amended", "status")
DATES = ("promulgated", "effective", "amended")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def regulations() -> list[dict]:
    with open(DATA_DIR / "party_regulations.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["regulations"]


@pytest.fixture(scope="module")
def law_records() -> list[dict]:
    """The shipped catalogue's laws but the party regulations merged into it."""
    with open(DEFAULT_CATALOGUE_PATH, encoding="utf-8") as lines:
        return [record for line in lines if line.strip() and (record := json.loads(line))["level"] != "党内法规"]


@pytest.fixture(scope="module")
def with_party_regulations() -> Catalogue:
    return Catalogue.load()


def test_the_shipped_catalogue_holds_every_regulation(regulations):
    shipped = {record["title"]: record for record in map(json.loads, DEFAULT_CATALOGUE_PATH.read_text("utf-8").splitlines())}
    for entry in regulations:
        assert (shipped[entry["title"]]["level"], shipped[entry["title"]]["aliases"]) == ("党内法规", entry["aliases"])


def _names(entry: dict) -> set[str]:
    return {entry["title"], entry["short_title"], *entry["aliases"]}


def _key(name: str) -> str:
    return name_key(name).removeprefix(PRC)


def test_every_entry_has_the_required_fields_and_iso_dates(regulations):
    assert 20 <= len(regulations) <= 30
    for entry in regulations:
        assert set(entry) == set(REQUIRED), entry["title"]
        assert all(entry[field] for field in ("title", "short_title", "level", "issuer", "status")), entry["title"]
        assert entry["level"] == "党内法规" and entry["status"] in ("现行有效", "已修改"), entry["title"]
        assert isinstance(entry["aliases"], list) and all(isinstance(alias, str) and alias for alias in entry["aliases"])
        dates = {field: entry[field] for field in DATES if entry[field] is not None}
        for field, value in dates.items():
            assert isinstance(value, str) and ISO_DATE.fullmatch(value), (entry["title"], field)
            date.fromisoformat(value)
        if "promulgated" in dates:
            assert all(value >= dates["promulgated"] for value in dates.values()), entry["title"]


def test_titles_and_aliases_are_unique(regulations):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in regulations:
        for name in _names(entry):
            owners[_key(name)].add(entry["title"])
    assert {name: titles for name, titles in owners.items() if len(titles) > 1} == {}


def test_no_name_collides_with_a_catalogue_law(regulations, law_records):
    catalogue = Catalogue.from_records(law_records)
    titles = {_key(record["title"]) for record in law_records}
    for entry in regulations:
        for name in _names(entry):
            assert _key(name) not in titles, name
            assert catalogue.lookup(name) == [], name


@pytest.mark.parametrize(("name", "title"), [
    ("党章", "中国共产党章程"),
    ("《中国共产党章程》", "中国共产党章程"),
    ("纪律处分条例", "中国共产党纪律处分条例"),
    ("问责条例", "中国共产党问责条例"),
    ("《党支部工作条例》", "中国共产党支部工作条例（试行）"),
    ("中国共产党支部工作条例", "中国共产党支部工作条例（试行）"),
    ("厉行节约反对浪费条例", "党政机关厉行节约反对浪费条例"),
])
def test_checklist_names_resolve_once_the_catalogue_holds_them(with_party_regulations, name, title):
    resolution = resolve_name(name, with_party_regulations)
    assert resolution.title == title and resolution.confidence == 1.0


def test_party_regulations_are_found_in_running_text(with_party_regulations):
    text = "组织党员学习《党章》《中国共产党纪律处分条例》第三条和中国共产党问责条例。"
    found = [(c.title, c.article) for c in extract_citations(text, with_party_regulations)]
    assert found == [("中国共产党章程", None), ("中国共产党纪律处分条例", 3), ("中国共产党问责条例", None)]
