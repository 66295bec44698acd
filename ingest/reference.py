"""The shared vocabularies as graph nodes: department types, audiences, methods and key dates.

Every other ingest links to these ids (an article NAMES a department type, a checklist row
TARGETS an audience), so they are written first and re-written idempotently by every load.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from graph.writer import GraphBatch
from ingest.checklists import normalize
from pufa.config import DATA_DIR
from pufa.errors import InputError

DEPARTMENTS_FILE = DATA_DIR / "departments.yaml"
COMMON_DUTIES_FILE = DATA_DIR / "common_duties.yaml"
NON_TYPES = ("generic",)
"""Taxonomy ids that are not a kind of department a unit can act as (有关部门)."""


def _yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from exc


def department_type_rows(path: Path = DEPARTMENTS_FILE) -> list[dict]:
    """One row per sector (and the people's government), with every spelling laws use for it."""
    raw = _yaml(path)
    government = raw["government"]
    rows = [{"id": government["id"], "name": government["name"], "aliases": _terms(government["organs"]),
             "sector": government["id"]}]
    for sector in raw["sectors"]:
        aliases = _terms(sector.get("organs", [])) + sector.get("stems", []) + sector.get("former", [])
        rows.append({"id": sector["id"], "name": sector["name"], "aliases": sorted(set(aliases) - {sector["name"]}),
                     "sector": sector["id"]})
    return rows


def _terms(items: list[str | dict]) -> list[str]:
    return [item if isinstance(item, str) else item["term"] for item in items]


def reference_batch() -> GraphBatch:
    """Department types, audiences, methods and key dates, from the YAML files in data/."""
    batch = GraphBatch()
    for row in department_type_rows():
        batch.add_node("DepartmentType", row)
    for label, vocabulary in (("Audience", normalize.audiences()), ("Method", normalize.methods())):
        for term in vocabulary:
            batch.add_node(label, {"id": term.id, "name": term.name, "aliases": list(term.aliases)})
    for term in normalize.key_dates():
        batch.add_node("KeyDate", {"id": term.id, "name": term.name, "aliases": list(term.aliases),
                                   "month": term.month, "day": term.day})
    return batch


@lru_cache(maxsize=1)
def _common_duties() -> tuple[frozenset[str], frozenset[str]]:
    raw = _yaml(COMMON_DUTIES_FILE)
    return frozenset(raw["levels"]), frozenset(raw["titles"])


def is_common_duty(title: str, level: str | None) -> bool:
    """Whether every unit carries this law (宪法, 民法典, 党内法规, laws for public servants)."""
    levels, titles = _common_duties()
    return level in levels or title.removeprefix("中华人民共和国") in titles
