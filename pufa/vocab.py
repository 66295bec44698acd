"""The shared vocabularies, each read from its file in data/ once per process.

Department types, audiences, methods, key dates and common duties are named by laws, by
checklists and by the graph alike, so every layer takes them from here: nlp builds its
lexicons on them, ingest matches checklist cells against them and writes them as nodes, and
the answers and pages list them. A file that cannot be read is an `InputError` naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pufa.config import DATA_DIR
from pufa.errors import InputError

DEPARTMENTS_FILE = DATA_DIR / "departments.yaml"
AUDIENCES_FILE = DATA_DIR / "audiences.yaml"
METHODS_FILE = DATA_DIR / "methods.yaml"
KEY_DATES_FILE = DATA_DIR / "key_dates.yaml"
COMMON_DUTIES_FILE = DATA_DIR / "common_duties.yaml"
SEARCH_SYNONYMS_FILE = DATA_DIR / "search_synonyms.yaml"
MATTER_WORDS_FILE = DATA_DIR / "matter_words.yaml"
THEMES_FILE = DATA_DIR / "themes.yaml"

LEVELS = (
    "宪法", "法律", "行政法规", "监察法规", "地方性法规", "自治条例和单行条例",
    "部门规章", "地方政府规章", "司法解释", "党内法规", "规范性文件",
)
"""Levels (位阶), highest first: answers list laws in this order."""
STATUSES = ("现行有效", "已修改", "已废止", "尚未生效")
OUTDATED_STATUSES = ("已废止", "已修改")
"""A checklist citing a law in one of these is flagged for the bureau."""
UNIT_KINDS = ("行政执法机关", "司法机关", "党委部门", "群团组织", "企事业单位")
NON_TYPES = ("generic",)
"""Taxonomy ids that are not a kind of department a unit can act as (有关部门)."""


@lru_cache(maxsize=None)
def read_yaml(path: Path) -> Any:
    """A YAML file of data/, parsed once; callers must not change what it returns."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from exc


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: an id, its canonical name and the ways people write it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    parent: str | None = None
    month: int | None = None
    day: int | None = None
    months: tuple[int, ...] = ()
    rule: str | None = None
    leads: tuple[str, ...] = ()
    """A key date's usual lead department types, first choice first."""
    laws: tuple[str, ...] = ()
    """A key date's or a theme's own laws, by full title."""
    audiences: tuple[str, ...] = ()
    key_dates: tuple[str, ...] = ()
    """A theme's key dates."""


def departments(path: Path = DEPARTMENTS_FILE) -> dict:
    """The department taxonomy as written (levels, government, heads, sectors, collectives …)."""
    return read_yaml(path)


@lru_cache(maxsize=None)
def department_types(path: Path = DEPARTMENTS_FILE) -> tuple[Term, ...]:
    """One term per sector (and the people's government), with every spelling laws use for it."""
    raw = departments(path)
    government = raw["government"]
    found = [Term(government["id"], government["name"], tuple(_spellings(government["organs"])), kind=government["id"])]
    for sector in raw["sectors"]:
        spellings = _spellings(sector.get("organs", [])) + sector.get("stems", []) + sector.get("former", [])
        found.append(Term(sector["id"], sector["name"], tuple(sorted(set(spellings) - {sector["name"]})),
                          kind=sector["id"]))
    return tuple(found)


def _spellings(items: list[str | dict]) -> list[str]:
    return [item if isinstance(item, str) else item["term"] for item in items]


@lru_cache(maxsize=None)
def audiences(path: Path = AUDIENCES_FILE) -> tuple[Term, ...]:
    """data/audiences.yaml: who a row or an article addresses, with the terms laws and checklists use."""
    try:
        return tuple(Term(str(e["id"]), str(e["name"]), tuple(str(t) for t in e.get("terms") or ()))
                     for e in read_yaml(path)["audiences"])
    except (KeyError, TypeError) as exc:
        raise InputError(f"malformed audience vocabulary: {exc}", source=str(path)) from exc


def audience_blockers(path: Path = AUDIENCES_FILE) -> tuple[str, ...]:
    """Longer words that contain an audience term but are not that audience (妇女联合会)."""
    return tuple(str(b) for b in read_yaml(path).get("blockers") or ())


@lru_cache(maxsize=None)
def methods(path: Path = METHODS_FILE) -> tuple[Term, ...]:
    """data/methods.yaml: how a unit popularizes a law (怎么普)."""
    return _terms(path)


@lru_cache(maxsize=None)
def key_dates(path: Path = KEY_DATES_FILE) -> tuple[Term, ...]:
    """data/key_dates.yaml: the dates, weeks, months and recurrences campaigns gather around (何时普)."""
    return _terms(path)


@lru_cache(maxsize=None)
def themes(path: Path = THEMES_FILE) -> tuple[Term, ...]:
    """data/themes.yaml: the special themes (专项主题) a bureau names, with their laws and key dates."""
    return _terms(path)


def _terms(path: Path) -> tuple[Term, ...]:
    data = read_yaml(path)
    if not isinstance(data, list):
        raise InputError("expected a list of terms", source=str(path))
    terms = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise InputError("each term needs an id and a name", source=str(path), location=f"entry {number}")
        terms.append(Term(
            id=str(entry["id"]), name=str(entry["name"]), aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            kind=entry.get("kind"), parent=entry.get("parent"), month=entry.get("month"), day=entry.get("day"),
            months=tuple(entry.get("months") or ()), rule=entry.get("rule"),
            **{field: tuple(str(value) for value in entry.get(field) or ())
               for field in ("leads", "laws", "audiences", "key_dates")},
        ))
    return tuple(terms)


@dataclass(frozen=True)
class CommonDuties:
    """Laws every unit carries (宪法, 民法典, 党内法规, laws for public servants): never a gap."""

    levels: frozenset[str]
    titles: frozenset[str]

    def covers(self, title: str, level: str | None) -> bool:
        return level in self.levels or title.removeprefix("中华人民共和国") in self.titles


@lru_cache(maxsize=None)
def common_duties(path: Path = COMMON_DUTIES_FILE) -> CommonDuties:
    raw = read_yaml(path)
    return CommonDuties(frozenset(raw["levels"]), frozenset(raw["titles"]))


@lru_cache(maxsize=None)
def search_synonyms(path: Path = SEARCH_SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """How people ask → the words the laws use (醉驾 → 醉酒驾驶), for article search."""
    raw = read_yaml(path) or {}
    if not isinstance(raw, dict) or not all(isinstance(words, list) for words in raw.values()):
        raise InputError("expected a mapping of a word to a list of words", source=str(path))
    return {str(word): tuple(str(used) for used in used_words) for word, used_words in raw.items()}


@lru_cache(maxsize=None)
def matter_words(path: Path = MATTER_WORDS_FILE) -> dict[str, tuple[str, ...]]:
    """A unit's name → the words law titles use for the same matter (抗震救灾 → 地震, 戒毒 → 禁毒), for ranking."""
    raw = read_yaml(path) or {}
    if not isinstance(raw, dict) or not all(isinstance(words, list) and words for words in raw.values()):
        raise InputError("expected a mapping of a word to a list of words", source=str(path))
    if short := [str(word) for word in raw if len(str(word)) < 2]:
        raise InputError(f"name words of fewer than two characters: {short}", source=str(path))
    return {str(word): tuple(str(used) for used in used_words) for word, used_words in raw.items()}
