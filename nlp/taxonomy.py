"""The department taxonomy (data/departments.yaml) as the extractors read it: a lexicon of
normalised terms (levels, government, heads, stems incl. pre-2018 names, organs, generic and
collective terms), names per type id, and how levels rank and combine."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from nlp.text import normalize, trie_regex
from pufa import vocab

SEPARATORS = ("、", "和", "及", "与", "以及", "或者", "或", "及其", "和其他", "及其他", "以及其他", "或者其他")
ETC = ("等",)


@dataclass(frozen=True)
class LexiconEntry:
    kind: Literal[
        "level", "government", "stem", "organ", "head", "generic", "collective", "separator", "etc", "blocker"
    ]
    type_id: str | None = None
    level: str | None = None
    former: bool = False


@dataclass(frozen=True)
class Transfer:
    """Work that moved in the 2018 reform: a `sources` type named for it stands for `target` too."""

    work: re.Pattern[str]
    sources: frozenset[str]
    target: str


@dataclass
class DepartmentTaxonomy:
    """The parsed data/departments.yaml: names per type id, level names and ranks, and the term lexicon."""

    names: dict[str, str]
    level_names: dict[str, str]
    level_ranks: dict[str, int]
    level_and_above: dict[str, str]
    covers: dict[str, list[str]]
    nongovernmental: frozenset[str]
    lexicon: dict[str, LexiconEntry] = field(repr=False)
    transfers: tuple[Transfer, ...] = ()
    government_levels: dict[str, str] = field(default_factory=dict)
    """Level id → the type a 人民政府 named at that level is too (township, 各级 → township_government)."""

    @property
    def terms(self) -> list[str]:
        return sorted(self.lexicon)

    def joint_level(self, levels: list[str | None]) -> str | None:
        """市、县(市、区) → the lowest level named, "and above" (county_and_above); 县(市)、区 → county."""
        ranked = [level for level in levels if level in self.level_ranks]
        if not ranked:
            return levels[-1]
        if len(set(ranked)) == 1:
            return ranked[0]
        lowest = max(ranked, key=self.level_ranks.__getitem__)
        return self.level_and_above.get(lowest, lowest)


def _term(item: str | dict) -> tuple[str, str | None]:
    return (item, None) if isinstance(item, str) else (item["term"], item.get("level"))


def load_department_taxonomy(path: str | Path = vocab.DEPARTMENTS_FILE) -> DepartmentTaxonomy:
    """The taxonomy as a lexicon (terms normalised the way texts are)."""
    raw = vocab.departments(Path(path))
    lexicon: dict[str, LexiconEntry] = {}

    def add(term: str, entry: LexiconEntry) -> None:
        lexicon.setdefault(normalize(term), entry)

    government = raw["government"]
    for level_id, level in raw["levels"].items():
        reported = level_id if level.get("reported", True) else None
        for phrase in level.get("government", []):
            add(phrase, LexiconEntry("government", government["id"], reported))
        for phrase in level["phrases"]:
            add(phrase, LexiconEntry("level", level=reported))
    names = {government["id"]: government["name"]}
    for organ in government["organs"]:
        add(organ, LexiconEntry("government", government["id"]))
    for head in raw["heads"]:
        term, level = _term(head)
        add(term, LexiconEntry("head", level=level))
    for sector in raw["sectors"]:
        names[sector["id"]] = sector["name"]
        for organ in sector.get("organs", []):
            term, level = _term(organ)
            add(term, LexiconEntry("organ", sector["id"], level))
        for stem in sector.get("stems", []):
            add(stem, LexiconEntry("stem", sector["id"]))
        for stem in sector.get("former", []):
            add(stem, LexiconEntry("stem", sector["id"], former=True))
    generic = raw["generic"]
    names[generic["id"]] = generic["name"]
    for term in generic["terms"]:
        add(term, LexiconEntry("generic", generic["id"]))
    covers = {}
    for collective in raw["collectives"]:
        names[collective["id"]] = collective["name"]
        covers[collective["id"]] = collective["covers"]
        for term in collective["terms"]:
            add(term, LexiconEntry("collective", collective["id"]))
    for term in raw.get("blockers", []):
        add(term, LexiconEntry("blocker"))
    for term in SEPARATORS:
        add(term, LexiconEntry("separator"))
    for term in ETC:
        add(term, LexiconEntry("etc"))
    levels = raw["levels"]
    return DepartmentTaxonomy(
        names=names,
        level_names={level_id: level["name"] for level_id, level in levels.items()},
        level_ranks={level_id: level["rank"] for level_id, level in levels.items() if "rank" in level},
        level_and_above={level_id: level["and_above"] for level_id, level in levels.items() if "and_above" in level},
        covers=covers,
        nongovernmental=frozenset(s["id"] for s in raw["sectors"] if not s.get("governmental", True)),
        lexicon=lexicon,
        transfers=tuple(
            Transfer(trie_regex([normalize(word) for word in transfer["work"]]), frozenset(transfer["from"]),
                     transfer["to"])
            for transfer in raw.get("transfers", [])
        ),
        government_levels={level: s["id"] for s in raw["sectors"] for level in s.get("government_levels", ())},
    )


@lru_cache(maxsize=1)
def default_taxonomy() -> tuple[DepartmentTaxonomy, re.Pattern[str]]:
    taxonomy = load_department_taxonomy()
    return taxonomy, trie_regex(taxonomy.lexicon)


CUE_BLOCKERS = ("直接负责的主管人员", "负责人", "主管人员", "可能", "可靠")
"""Words jieba must keep whole so that 负责 / 主管 / 可 inside them are not read as cues."""


def department_terms() -> list[str]:
    """Taxonomy terms and cue blockers for jieba's user dictionary (市场监督管理 stays one token)."""
    return [term for term in default_taxonomy()[0].terms if len(term) > 1] + list(CUE_BLOCKERS)


