"""The assessment rubric (考核评分细则): a YAML file of scored items, deductions with caps and
grades. data/assessment_rubric.yaml ships with the project; the bureau's own copy
(PUFA_ASSESSMENT_RUBRIC) overrides it. It is read once per process and checked whole against the
rule registry (domain.assessment.scoring.RULES): a rubric that does not parse, names an unknown rule, or gives
a rule a parameter it does not take is refused, each problem with its line and field.

    name: 普法责任制落实情况年度考核评分细则
    items:                        # 得分项: each gives up to `points`
      - id: on_time
        name: 按时报送普法责任清单
        rule: checklist_on_time
        points: 10
    deductions:                   # 扣分项: `per` each shortfall, at most `cap`
      - id: info_short
        name: 普法信息少报送
        rule: activities_short
        required: 12
        per: 0.25
        cap: 3
    grades:                       # highest first; the lowest starts at 0
      - {name: 优秀, min: 90}
      - {name: 不合格, min: 0, rectify: true}
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from domain.assessment.models import GradePublic, RubricItemPublic, RubricPublic
from domain.assessment.scoring import MANUAL, RULES, Rule, Scored, UnitFacts, YearFacts, manual_item, most
from pufa.config import DATA_DIR
from pufa.errors import InputError, InputErrors

RUBRIC_FILE = DATA_DIR / "assessment_rubric.yaml"
SECTIONS = {"items": "item", "deductions": "deduction"}
"""The rubric's sections and the kind of line each gives."""
ITEM_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
TOP_FIELDS = ("name", "items", "deductions", "grades")
ENTRY_FIELDS = ("id", "name", "rule")
GRADE_FIELDS = ("name", "min", "rectify")


@dataclass(frozen=True)
class RubricItem:
    id: str
    name: str
    section: str
    rule: Rule
    params: BaseModel

    @property
    def kind(self) -> str:
        return SECTIONS[self.section]

    @property
    def most(self) -> float:
        """What the item may give, or the deduction take."""
        return most(self.params)

    def score(self, unit: UnitFacts, year: YearFacts) -> Scored:
        if self.rule.compute is None:
            return manual_item(self.id, unit, self.most, 1 if self.section == "items" else -1)
        return self.rule.compute(unit, year, self.params)

    def public(self) -> RubricItemPublic:
        params = self.params.model_dump(exclude={"points", "cap"})
        return RubricItemPublic(id=self.id, name=self.name, kind=self.kind, rule=self.rule.name, rule_name=self.rule.title,
                                points=self.most, params=params, manual=self.rule.manual)


@dataclass(frozen=True)
class Grade:
    name: str
    min: float
    rectify: bool = False


@dataclass(frozen=True)
class Rubric:
    name: str
    source: str
    text: str
    items: tuple[RubricItem, ...]
    grades: tuple[Grade, ...]
    """Highest first."""

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def max_points(self) -> float:
        return round(sum(item.most for item in self.items if item.section == "items"), 2)

    def grade(self, total: float) -> Grade:
        return next((grade for grade in self.grades if total >= grade.min), self.grades[-1])

    def item(self, item_id: str) -> RubricItem | None:
        return next((item for item in self.items if item.id == item_id), None)

    def public(self) -> RubricPublic:
        return RubricPublic(
            name=self.name, source=self.source, digest=self.digest, max_points=self.max_points,
            items=[item.public() for item in self.items if item.section == "items"],
            deductions=[item.public() for item in self.items if item.section == "deductions"],
            grades=[GradePublic(name=g.name, min=g.min, rectify=g.rectify) for g in self.grades])


class _Lines:
    """Where each value of the YAML stands: path (keys and indexes) → line."""

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        self._walk(yaml.compose(text), ())

    def _walk(self, node: yaml.Node | None, path: tuple) -> None:
        if node is None:
            return
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._walk(value, (*path, key.value))
                self.lines[(*path, key.value)] = key.start_mark.line + 1  # a field's problem is on its key's line
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                self._walk(value, (*path, index))

    def at(self, path: tuple) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _field(path: tuple) -> str:
    """('items', 2, 'rule') → items[2].rule"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(top)"


class _Problems:
    def __init__(self, source: str, lines: _Lines):
        self.source, self.lines, self.found = source, lines, []

    def add(self, path: tuple, message: str) -> None:
        self.found.append(InputError(message, source=self.source, location=f"line {self.lines.at(path)}, {_field(path)}"))


@lru_cache(maxsize=32)
def parse_rubric(text: str, source: str) -> Rubric:
    """A rubric from its YAML text, or InputError(s) naming the line and field of every problem;
    parsed once per process (every version's ranking reads the rubric it was computed by)."""
    try:
        raw = yaml.safe_load(text)
        lines = _Lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise InputError(f"does not parse as YAML: {getattr(exc, 'problem', None) or exc}", source=source,
                         location=where) from None
    problems = _Problems(source, lines)
    if not isinstance(raw, dict):
        raise InputError("a rubric is a mapping with name, items, deductions and grades", source=source,
                         location="line 1")
    for key in raw:
        if key not in TOP_FIELDS:
            problems.add((key,), f"unknown field; a rubric has {', '.join(TOP_FIELDS)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(("name",), "the rubric needs a name (考核评分细则的名称)")
    items = _entries(raw, problems)
    ceiling = None if problems.found else sum(item.most for item in items if item.section == "items")
    grades = _grades(raw.get("grades"), problems, ceiling)
    if problems.found:
        raise problems.found[0] if len(problems.found) == 1 else InputErrors(problems.found, source=source)
    return Rubric(name=str(name).strip(), source=source, text=text, items=tuple(items), grades=tuple(grades))


def _entries(raw: dict, problems: _Problems) -> list[RubricItem]:
    found: list[RubricItem] = []
    seen: set[str] = set()
    if not isinstance(raw.get("items"), list) or not raw["items"]:
        problems.add(("items",), "the rubric needs a list of scored items")
    for section in SECTIONS:
        entries = raw.get(section) or []
        if not isinstance(entries, list):
            problems.add((section,), "expected a list")
            continue
        for index, entry in enumerate(entries):
            path = (section, index)
            if not isinstance(entry, dict):
                problems.add(path, "expected a mapping with id, name, rule and the rule's parameters")
                continue
            item = _entry(section, path, entry, problems, seen)
            if item is not None:
                found.append(item)
    return found


def _entry(section: str, path: tuple, entry: dict[str, Any], problems: _Problems, seen: set[str]) -> RubricItem | None:
    item_id, name, rule_name = entry.get("id"), entry.get("name"), entry.get("rule")
    ok = True
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
        problems.add((*path, "id"), "an id of letters, digits, _ or - (starting with a letter)")
        ok = False
    elif item_id in seen:
        problems.add((*path, "id"), f"the id {item_id!r} is used twice")
        ok = False
    else:
        seen.add(item_id)
    if not isinstance(name, str) or not name.strip():
        problems.add((*path, "name"), "each item needs a name (how the score sheet calls it)")
        ok = False
    rule = RULES.get(rule_name) if isinstance(rule_name, str) else None
    if rule is None:
        problems.add((*path, "rule"), f"unknown rule {rule_name!r}; the rules are {', '.join(RULES)}")
        return None
    if section not in rule.params:
        where = " and ".join(rule.params)
        problems.add((*path, "rule"), f"the rule {rule.name!r} belongs under {where}, not {section}")
        return None
    try:
        params = rule.params[section].model_validate({k: v for k, v in entry.items() if k not in ENTRY_FIELDS})
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = "not a parameter of this rule" if error["type"] == "extra_forbidden" else error["msg"]
            hint = f" (rule {rule.name}: {', '.join(rule.params[section].model_fields)})"
            problems.add((*path, *loc), message + hint)
        return None
    return RubricItem(id=item_id, name=name.strip(), section=section, rule=rule, params=params) if ok else None


def _grades(raw: object, problems: _Problems, max_points: float | None) -> list[Grade]:
    """The grades, highest first; `max_points` (unknown while items are wrong) bounds their least totals."""
    if not isinstance(raw, list) or not raw:
        problems.add(("grades",), "the rubric needs its grades (优秀, 良好, 合格, 不合格) with the least total of each")
        return []
    grades: list[Grade] = []
    for index, entry in enumerate(raw):
        path = ("grades", index)
        if not isinstance(entry, dict):
            problems.add(path, "expected a mapping with name, min and optionally rectify")
            continue
        for key in entry:
            if key not in GRADE_FIELDS:
                problems.add((*path, key), f"unknown field; a grade has {', '.join(GRADE_FIELDS)}")
        name, least, rectify = entry.get("name"), entry.get("min"), entry.get("rectify", False)
        if not isinstance(name, str) or not name.strip():
            problems.add((*path, "name"), "each grade needs a name")
            continue
        if isinstance(least, bool) or not isinstance(least, int | float) or least < 0:
            problems.add((*path, "min"), "the least total of the grade, a number ≥ 0")
            continue
        if max_points is not None and least > max_points:
            problems.add((*path, "min"), f"{least} is above the most a unit can score ({max_points:g})")
        if not isinstance(rectify, bool):
            problems.add((*path, "rectify"), "true or false")
            continue
        grades.append(Grade(name=name.strip(), min=float(least), rectify=rectify))
    ordered = sorted(grades, key=lambda grade: -grade.min)
    if len({grade.min for grade in grades}) != len(grades) or len({grade.name for grade in grades}) != len(grades):
        problems.add(("grades",), "each grade needs its own name and its own least total")
    if ordered and ordered[-1].min != 0:
        problems.add(("grades",), "the lowest grade must start at 0, so that every total has a grade")
    return ordered


@lru_cache(maxsize=8)
def load_rubric(path: Path) -> Rubric:
    """A rubric file, read and checked once per process."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the rubric: {exc}", source=str(path)) from None
    return parse_rubric(text, str(path))


def rubric_in_force(override: Path | None) -> Rubric:
    """The bureau's own rubric when it set one (PUFA_ASSESSMENT_RUBRIC), else the shipped one."""
    return load_rubric(override or RUBRIC_FILE)


def manual_items(rubric: Rubric) -> list[RubricItem]:
    return [item for item in rubric.items if item.rule.name == MANUAL]
