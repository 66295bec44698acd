"""Scores for the extractors on the labeled sets in tests/eval/ (shared by the bench and the tests).

A prediction counts as correct when its span overlaps a gold span one-to-one and every labeled
field agrees. Gold citations name the law by title; the law a prediction should resolve to is
whatever the catalogue holds under that title, and if the catalogue has no such law the right
answer is "unresolved" — so the same gold set stays valid as the catalogue grows. Principal
authorities are scored per law as sets of (type, level), without spans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.catalogue import PRC, Catalogue, name_key
from nlp.citations import Citation, extract_citations
from nlp.departments import DepartmentMention, extract_departments
from nlp.principal import PrincipalAuthority
from pufa.config import PROJECT_ROOT

EVAL_DIR = PROJECT_ROOT / "tests" / "eval"
CITATIONS_PATH = EVAL_DIR / "citations.jsonl"
DEPARTMENTS_PATH = EVAL_DIR / "departments.jsonl"
PRINCIPALS_PATH = EVAL_DIR / "principal_authorities.jsonl"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _match(
    score: Score, item_id: str, gold: Sequence[tuple[int, int, tuple]], predicted: Sequence[tuple[int, int, tuple]]
) -> None:
    """Greedy one-to-one matching on overlapping spans with equal keys."""
    unused = list(predicted)
    for start, end, key in gold:
        hit = next((p for p in unused if p[0] < end and start < p[1] and p[2] == key), None)
        if hit is None:
            score.false_negatives += 1
            score.errors.append(f"{item_id} missed {key}")
        else:
            score.true_positives += 1
            unused.remove(hit)
    score.false_positives += len(unused)
    score.errors += [f"{item_id} spurious {key}" for _, _, key in unused]


def _title_key(title: str) -> str:
    return name_key(title).replace(PRC, "")


def score_citations(
    items: Iterable[dict], catalogue: Catalogue, extract: Callable[[str, Catalogue], list[Citation]] = extract_citations
) -> Score:
    """Citation P/R/F1; the key is (law, article, suffix, paragraph, item, version year)."""
    by_title: dict[str, list[str]] = {}
    for law in catalogue:
        by_title.setdefault(_title_key(law.title), []).append(law.id)

    def expected_law(title: str | None) -> str | None:
        ids = by_title.get(_title_key(title), []) if title else []
        return ids[0] if len(ids) == 1 else None

    score = Score()
    for item in items:
        gold = [
            (c["start"], c["end"], (expected_law(c["title"]), c["article"], c["article_suffix"], c["paragraph"],
                                    c["item"], c["version_year"]))
            for c in item["citations"]
        ]
        predicted = [
            (c.start, c.end, (c.law_id, c.article, c.article_suffix, c.paragraph, c.item, c.version_year))
            for c in extract(item["text"], catalogue)
        ]
        _match(score, item["id"], gold, predicted)
    return score


def score_departments(
    items: Iterable[dict],
    extract: Callable[[str], list[DepartmentMention]] = extract_departments,
    fields: Sequence[str] = ("type", "level", "role"),
) -> Score:
    """Department P/R/F1 over the chosen fields (all three by default; () scores detection only)."""
    score = Score()
    for item in items:
        gold = [(m["start"], m["end"], tuple(m[f] for f in fields)) for m in item["mentions"]]
        predicted = [
            (m.start, m.end, tuple({"type": m.dept_type, "level": m.level, "role": m.role}[f] for f in fields))
            for m in extract(item["text"])
        ]
        _match(score, item["id"], gold, predicted)
    return score


def score_principals(
    items: Iterable[dict], found: Mapping[str, list[PrincipalAuthority]], fields: Sequence[str] = ("type", "level")
) -> Score:
    """Principal P/R/F1 per law: an item is (law, type, level), or (law, type) with fields=("type",).
    `found` holds the reader's output by item id (reading a law needs the corpus, which this module does not)."""
    score = Score()
    for item in items:
        gold = {tuple(p[f] for f in fields) for p in item["principals"]}
        predicted = {tuple({"type": p.dept_type, "level": p.level}[f] for f in fields) for p in found[item["id"]]}
        score.true_positives += len(gold & predicted)
        score.false_negatives += len(gold - predicted)
        score.false_positives += len(predicted - gold)
        score.errors += [f"{item['id']} {item['title']} missed {key}" for key in sorted(gold - predicted, key=str)]
        score.errors += [f"{item['id']} {item['title']} spurious {key}" for key in sorted(predicted - gold, key=str)]
    return score
