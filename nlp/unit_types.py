"""Department types a unit acts as, read from its name and aliases.

Unit registers (the liaison form) name a unit — 澄河县市场监督管理局, 县市场局, the old 县工商局 — but
do not say which department types it acts as, and laws assign duties only to types. The organ
table, data/organs.yaml, says which types each organ carries after the 2018 reform; its header
gives the reading rules (parts, longest match, the last organ is the unit, composed bureaus, level).
Readings of a name part are cached, since registers repeat names, so a register of 15,000 units
resolves in a fraction of a second.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nlp.taxonomy import load_department_taxonomy
from nlp.text import normalize, trie_regex
from pufa import vocab
from pufa.config import DATA_DIR

DEFAULT_ORGANS_PATH = DATA_DIR / "organs.yaml"
Level = Literal["central", "provincial", "prefectural", "county", "township"]
LEVELS: tuple[Level, ...] = ("central", "provincial", "prefectural", "county", "township")
"""The government levels a unit sits at, highest first (the level ids of data/departments.yaml)."""
DEFAULT_LEVEL: Level = "county"
"""Registers are mostly a county's: a name stating no level is a county unit unless the caller says otherwise."""
_PART_SEPARATORS = re.compile(r"[()\[\]{}<>《》【】〔〕、/,;|\s]+")
"""Where one unit name holds several (县发展和改革局(县粮食和物资储备局)); normalised text, so ASCII."""
NAME_WORDS = ("管理", "工作", "办公室", "人民政府", "领导小组")
"""Words any unit's name may hold, besides the table's heads, divisions, institutions and brigades: never the
matter a unit is named for (`OrganTable.subject_words`)."""

MATTER_ACTIONS = ("保护", "管理", "防治", "保障", "促进")
"""What a title or a name does to its matter (湿地保护法, 林业有害生物防治检疫局): without it, the matter alone
(湿地; 林业有害生物 and 检疫)."""
_MATTER_ACTION_PATTERN = re.compile("|".join(MATTER_ACTIONS))

GOVERNMENT = "government"
"""The people's government's type id (data/departments.yaml): a brigade after it is no sector's own."""


class ImpliedType(BaseModel):
    """A department type a unit acts as, and the organ in its name (or alias) that carries it."""

    type_id: str
    via: Literal["name", "alias"]
    organ: str
    """The organ table's entry, as named today (市场监督管理局 also for 县工商局)."""
    level: Level
    function: str | None = None
    """The work behind the type where the table words it (药品零售、医疗器械经营和使用环节监管)."""


class OrganTableError(ValueError):
    """data/organs.yaml is malformed; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganType(_Strict):
    type: str
    function: str | None = None
    levels: tuple[Level, ...] | None = None


class OrganName(_Strict):
    name: str = Field(min_length=1)
    level: Level | None = None


class Organ(_Strict):
    """One entry of the table: an organ, its spellings, and the types it carries."""

    organ: str = Field(min_length=1)
    names: tuple[OrganName, ...] = Field(min_length=1)
    words: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    """One-character forms of its field, read only among other fields (农林水利局, 市农林委), never alone."""
    level: Level | None = None
    matters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(a word a unit of this organ is named for, the other matters it answers for): 法制处 → 仲裁, 行政复议."""
    types: tuple[OrganType, ...]

    @field_validator("names", mode="before")
    @classmethod
    def _plain_names(cls, names: Any) -> Any:
        return _spelled_out(names, "name")

    @field_validator("matters", mode="before")
    @classmethod
    def _matter_pairs(cls, matters: Any) -> Any:
        """The table writes a mapping; the entry keeps pairs, so that it stays hashable."""
        return tuple(matters.items()) if isinstance(matters, dict) else matters

    @field_validator("types", mode="before")
    @classmethod
    def _plain_types(cls, types: Any) -> Any:
        return _spelled_out(types, "type")


def _spelled_out(items: Any, key: str) -> Any:
    """The table writes `财政局` for `{name: 财政局}` and `finance` for `{type: finance}`."""
    return [{key: item} if isinstance(item, str) else item for item in items] if isinstance(items, list) else items


class Head(_Strict):
    head: str = Field(min_length=1)
    level: Level | None = None


class MergedName(_Strict):
    name: str = Field(min_length=1)
    organs: tuple[str, ...] = Field(min_length=2)


class BarePlace(_Strict):
    endings: tuple[str, ...] = Field(min_length=1)
    organ: str = Field(min_length=1)
    level: Level | None = None


class Wrapped(_Strict):
    """A name wrapping its place (团杨陵区委): prefix, place, one of the suffixes."""

    prefix: str = Field(min_length=1)
    suffixes: tuple[str, ...] = Field(min_length=1)
    organ: str = Field(min_length=1)


class _TableFile(_Strict):
    """The file's shape; organ and merged entries are validated one by one, to name a bad one."""

    places: dict[Level, list[str]]
    not_places: list[str] = []
    heads: list[str | Head]
    brigades: list[str]
    connectors: list[str]
    branches: list[str]
    institutions: list[str]
    bare_places: list[BarePlace] = []
    wrapped: list[Wrapped] = []
    divisions: list[str] = []
    organs: list[dict[str, Any]]
    merged: list[dict[str, Any]] = []


@dataclass(frozen=True)
class _Reading:
    """Organs named at [start, end) of a name part; `listed` spellings beat composed ones of equal length."""

    start: int
    end: int
    organs: tuple[Organ, ...]
    level: Level | None
    listed: bool
    division: str = ""
    """The name words of a division written after the organ (食品 in 市场监管局食品科), which narrow its types."""


@dataclass(frozen=True)
class _Places:
    """Place words (incl. the caller's region) → level; not-places map to None."""

    pattern: re.Pattern[str]
    levels: Mapping[str, Level | None]
    default: Level | None


def _entry_error(path: Path, kind: str, index: int, raw: Mapping[str, Any], error: ValidationError) -> OrganTableError:
    label = raw.get("organ") or raw.get("name") or raw.get("names")
    details = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in error.errors())
    return OrganTableError(f"{path}: {kind} entry {index + 1} ({label}): {details}")


def _duplicates(items: Iterable[str]) -> list[str]:
    return sorted(item for item, count in Counter(items).items() if count > 1)


def _lower(level: Level) -> Level:
    """The level below (a branch of a city bureau serves a county); township stays township."""
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


def _type_fields(organs: Sequence[Organ], taxonomy_path: Path | None) -> dict[tuple[str, str | None], tuple[str, ...]]:
    """(type id, function) → the words of its work a division's name may hold: the function's items
    (食品安全, 价格监督检查) and the type's stems in the taxonomy (知识产权, 专利, 商标)."""
    taxonomy = load_department_taxonomy(taxonomy_path or vocab.DEPARTMENTS_FILE)
    stems: dict[str, list[str]] = {}
    for term, entry in taxonomy.lexicon.items():
        if entry.kind == "stem" and entry.type_id:
            stems.setdefault(entry.type_id, []).append(term)
    return {(carried.type, carried.function): tuple(word for word in [
        *(normalize(item) for item in re.split(r"[、，,()]", carried.function or "")), *stems.get(carried.type, ())]
        if len(word) >= 2) for organ in organs for carried in organ.types}


def _stems(word_organs: Mapping[str, Organ], connectors: Sequence[str]) -> dict[str, list[tuple[str, Organ]]]:
    """Beginnings of field words that are no word themselves, with the ending they share and their organ: a
    merged bureau writes the ending once (市场和安全生产监督管理局 is 市场监督管理 + 安全生产监督管理)."""
    stems: dict[str, list[tuple[str, Organ]]] = {}
    for word, organ in word_organs.items():
        for cut in range(2, len(word) - 1):
            stem, ending = word[:cut], word[cut:]
            if stem not in word_organs and not any(connector in ending for connector in connectors):
                stems.setdefault(stem, []).append((ending, organ))
    return stems


def _acting_types(taxonomy_path: Path | None) -> set[str]:
    """Type ids a unit can act as: the taxonomy's sectors and government, not its generic or collective terms."""
    taxonomy = load_department_taxonomy(taxonomy_path or vocab.DEPARTMENTS_FILE)
    return set(taxonomy.names) - set(taxonomy.covers) - {"generic"}


class OrganTable:
    """The organ table, compiled for reading unit names; build with `load`."""

    def __init__(self, table: _TableFile, organs: Sequence[Organ], merged: Sequence[MergedName],
                 taxonomy_path: Path | None = None):
        self.organs = list(organs)
        by_organ = {organ.organ: organ for organ in organs}
        self._spellings: dict[str, tuple[tuple[Organ, ...], Level | None]] = {}
        for organ in organs:
            for name in organ.names:
                self._spellings[normalize(name.name)] = ((organ,), name.level or organ.level)
        for entry in merged:
            self._spellings[normalize(entry.name)] = (tuple(by_organ[name] for name in entry.organs), None)
        self._word_organs = {normalize(word): organ for organ in organs for word in organ.words}
        self._initials = {normalize(initial): organ for organ in organs for initial in organ.initials}
        self._field_organs = self._word_organs | self._initials
        self._stems = _stems(self._word_organs, table.connectors)
        heads = [Head(head=head) if isinstance(head, str) else head for head in table.heads]
        self._brigades = frozenset(normalize(brigade) for brigade in table.brigades)
        self._head_levels = {normalize(head.head): head.level for head in heads} | dict.fromkeys(self._brigades)
        self._word_pattern = trie_regex(self._word_organs)
        self._field_pattern = trie_regex(self._field_organs)
        words, heads_pattern = self._word_pattern.pattern, trie_regex(self._head_levels).pattern
        fields = self._field_pattern.pattern
        connectors = "|".join(map(re.escape, table.connectors))
        self._spelling_pattern = re.compile(f"(?=({trie_regex(self._spellings).pattern}))")
        self._composed_pattern = re.compile(f"(?=({fields}(?:(?:{connectors})?{fields})*)({heads_pattern}))")
        self._shared_ending_pattern = re.compile(
            f"(?=({trie_regex(self._stems).pattern})({connectors})({words})({heads_pattern}))")
        self._place_levels: dict[str, Level | None] = {
            normalize(word): level for level, words in table.places.items() for word in words
        }
        self._place_levels |= {normalize(word): None for word in table.not_places}
        self._branches = tuple(table.branches)
        self._institutions = tuple(table.institutions)
        self._bare_places = [(tuple(normalize(ending) for ending in bare.endings), by_organ[bare.organ], bare.level)
                             for bare in table.bare_places]
        self._wrapped = [(normalize(entry.prefix), tuple(normalize(suffix) for suffix in entry.suffixes),
                          by_organ[entry.organ]) for entry in table.wrapped]
        self._divisions = tuple(sorted(table.divisions, key=len, reverse=True))
        generic = [*self._head_levels, *table.divisions, *table.institutions, *table.branches, *NAME_WORDS]
        self._name_words = {normalize(word): "generic" for word in generic} | {
            word: "place" if level else "word" for word, level in self._place_levels.items()}
        self._name_word_pattern = trie_regex(self._name_words)
        self._fields = _type_fields(organs, taxonomy_path)
        self._read = lru_cache(maxsize=1 << 16)(self._read_part)
        self._places = lru_cache(maxsize=256)(self._places_for)

    @classmethod
    def load(cls, path: str | Path | None = None, taxonomy_path: str | Path | None = None) -> OrganTable:
        """Read and check the table: every entry well formed, every type in the taxonomy, no spelling twice."""
        path = Path(path or DEFAULT_ORGANS_PATH)
        raw = vocab.read_yaml(path)
        try:
            table = _TableFile.model_validate(raw)
        except ValidationError as error:
            raise OrganTableError(f"{path}: {error}") from error
        organs, merged = [], []
        for index, entry in enumerate(table.organs):
            try:
                organs.append(Organ.model_validate(entry))
            except ValidationError as error:
                raise _entry_error(path, "organ", index, entry, error) from error
        for index, entry in enumerate(table.merged):
            try:
                merged.append(MergedName.model_validate(entry))
            except ValidationError as error:
                raise _entry_error(path, "merged", index, entry, error) from error
        taxonomy = Path(taxonomy_path) if taxonomy_path else None
        cls._check(path, table, organs, merged, _acting_types(taxonomy))
        return cls(table, organs, merged, taxonomy)

    @staticmethod
    def _check(path: Path, table: _TableFile, organs: list[Organ], merged: list[MergedName],
               acting_types: set[str]) -> None:
        for organ in organs:
            if unknown := [t.type for t in organ.types if t.type not in acting_types]:
                raise OrganTableError(f"{path}: organ {organ.organ}: unknown type(s) {unknown} (not in the taxonomy)")
        known = {organ.organ for organ in organs}
        if unknown := [entry.organ for entry in [*table.bare_places, *table.wrapped] if entry.organ not in known]:
            raise OrganTableError(f"{path}: bare_places or wrapped: unknown organ(s) {unknown}")
        for entry in merged:
            if unknown := [name for name in entry.organs if name not in known]:
                raise OrganTableError(f"{path}: merged name {entry.name}: unknown organ(s) {unknown}")
        if twice := _duplicates(organ.organ for organ in organs):
            raise OrganTableError(f"{path}: organ(s) listed more than once: {twice}")
        spellings = [(normalize(n.name), organ.organ) for organ in organs for n in organ.names]
        spellings += [(normalize(entry.name), f"merged {entry.name}") for entry in merged]
        words = [(normalize(word), organ.organ) for organ in organs for word in (*organ.words, *organ.initials)]
        if long := [initial for organ in organs for initial in organ.initials if len(initial) != 1]:
            raise OrganTableError(f"{path}: initial(s) of more than one character: {long}")
        for kind, owned in (("spelling", spellings), ("word", words)):
            if twice := _duplicates(item for item, _ in owned):
                owners = {item: [owner for other, owner in owned if other == item] for item in twice}
                raise OrganTableError(f"{path}: {kind}(s) listed more than once: {owners}")

    def types_from_names(
        self, name: str, aliases: Sequence[str] = (), level: str | None = None, region: str | None = None
    ) -> list[ImpliedType]:
        """Types the unit acts as: each organ its name names, then those only an alias adds (`via`).

        `aliases` may also be one register cell (县市场监管局、县市场局). The unit's level is the first
        one its name, then its aliases, state; else `level` (the register's), else the lowest level
        of `region` (示例市澄河县 → county), else county."""
        if level is not None and level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
        if isinstance(aliases, str):
            aliases = (aliases,)
        readings: list[tuple[Literal["name", "alias"], _Reading, Level | None]] = []
        for via, text in [("name", name), *(("alias", alias) for alias in aliases)]:
            for part in _PART_SEPARATORS.split(normalize(text)):
                if part and (reading := self._read(part, region)):
                    readings.append((via, *reading))
        fallback = level or self._places(region).default or DEFAULT_LEVEL
        unit_level: Level = next((stated for _, _, stated in readings if stated), fallback)
        implied: dict[str, ImpliedType] = {}
        for via, reading, _ in readings:
            for organ in reading.organs:
                for carried in self._narrowed(organ.types, reading.division):
                    if carried.type in implied or (carried.levels and unit_level not in carried.levels):
                        continue
                    implied[carried.type] = ImpliedType(
                        type_id=carried.type, via=via, organ=organ.organ, level=unit_level, function=carried.function
                    )
        return list(implied.values())

    def subject_words(self, name: str) -> tuple[str, ...]:
        """The matters a unit's name narrows its work to (律师 in 上海市司法局律师工作管理处, 司法鉴定 in
        司法鉴定管理处, 戒毒 in 戒毒管理局): its words but places and the place names before them, generic
        words (管理, 工作, 局, 处, 中心 …) and its organ's own field, which every unit of its kind carries
        (司法 in every 司法局); of words joining matters by an action, each matter too (林业有害生物防治检疫:
        林业有害生物, 检疫); then the matters its organ's table entry adds to such a word (法制处: 仲裁, 行政复议)."""
        found: list[str] = []
        for part in _PART_SEPARATORS.split(normalize(name)):
            if not part:
                continue
            readings = self._find_organs(part) or tuple(self._fallback(part))
            own = [organ.organ for reading in readings for organ in reading.organs]
            pieces, start = [], 0
            for match in self._name_word_pattern.finditer(part):
                kind = self._name_words[match.group()]
                if kind == "word":
                    continue
                if kind == "generic":
                    pieces.append(part[start:match.start()])
                start = match.end()
            pieces.append(part[start:])
            named = [matter for piece in pieces for matter in (piece, *_MATTER_ACTION_PATTERN.split(piece))
                     if len(matter) >= 2 and not any(matter in organ for organ in own)]
            added = [matter for reading in readings for organ in reading.organs for word, more in organ.matters
                     if any(word in piece for piece in named) for matter in more]
            found += named + added
        return tuple(dict.fromkeys(found))

    def _narrowed(self, carried: tuple[OrganType, ...], division: str) -> tuple[OrganType, ...]:
        """The types of an organ whose work a division's name words (食品科 → 食品安全: market_regulation),
        or all of them when it words none."""
        kept = tuple(found for found in carried
                     if any(field[:2] in division for field in self._fields.get((found.type, found.function), ())))
        return kept or carried

    def _read_part(self, part: str, region: str | None) -> tuple[_Reading, Level | None] | None:
        """The organ a name part names (its last one) and the level the part states, if any."""
        if wrapped := self._read_wrapped(part, region):
            return wrapped
        readings = list(self._find_organs(part))
        named = bool(readings)
        readings = readings or self._fallback(part)
        if not readings:
            return None
        if self._is_own_brigade(part, readings):
            brigade = readings.pop()
            readings[-1] = replace(readings[-1], end=brigade.end)
        unit = readings[-1]
        tail = part[unit.end:]
        if named and tail.endswith(self._institutions):
            return None
        if named and (suffix := next((end for end in self._divisions if tail.endswith(end)), None)):
            unit = readings[-1] = replace(unit, division=tail[:-len(suffix)])
        if unit.level:
            return unit, unit.level
        places = self._places(region)
        if stated := self._last_place(tail, places)[0]:
            return unit, stated
        ends = (0, *(reading.end for reading in readings[:-1]))
        outside = "|".join(part[end:reading.start] for end, reading in zip(ends, readings))
        stated, area = self._last_place(outside, places)
        if stated and (tail.endswith(self._branches) or (part[:unit.end].endswith(self._branches) and area)):
            stated = _lower(stated)
        return unit, stated

    def _read_wrapped(self, part: str, region: str | None) -> tuple[_Reading, Level | None] | None:
        """团杨陵区委: the organ at the level of the place its name wraps; None unless the part is such a name."""
        for prefix, suffixes, organ in self._wrapped:
            for suffix in suffixes:
                place = part[len(prefix):-len(suffix)]
                if part.startswith(prefix) and part.endswith(suffix) and place:
                    level, rest = self._last_place(place, self._places(region))
                    if level and not rest:
                        return _Reading(0, len(part), (organ,), level, True), level
        return None

    def _fallback(self, part: str) -> list[_Reading]:
        """A part naming no organ: the organ of its first field word (林业科学技术推广中心 is forestry's, the
        field comes first), else the body of a place named alone by its longest ending (石梁镇 → 人民政府,
        莲塘社区 → 村(居)民委员会)."""
        if word := self._word_pattern.search(part):
            return [_Reading(word.start(), word.end(), (self._word_organs[word.group()],), None, False)]
        endings = [(len(ending), organ, level) for endings, organ, level in self._bare_places for ending in endings
                   if part.endswith(ending) and len(part) > len(ending)]
        if endings:
            _, organ, level = max(endings, key=lambda found: found[0])
            return [_Reading(len(part), len(part), (organ,), level, False)]
        return []

    def _is_own_brigade(self, part: str, readings: list[_Reading]) -> bool:
        """县市场监督管理局综合行政执法大队: a brigade right after a sector organ is that organ's."""
        if len(readings) < 2 or part[readings[-1].start:readings[-1].end] not in self._brigades:
            return False
        parent = readings[-2]
        return parent.end == readings[-1].start and all(
            carried.type != GOVERNMENT for organ in parent.organs for carried in organ.types
        )

    def _find_organs(self, part: str) -> tuple[_Reading, ...]:
        """Non-overlapping organ readings in reading order: the longer wins, then a listed spelling, then the first."""
        candidates = []
        for match in self._spelling_pattern.finditer(part):
            spelling = match.group(1)
            organs, level = self._spellings[spelling]
            candidates.append(_Reading(match.start(), match.start() + len(spelling), organs, level, True))
        for match in self._composed_pattern.finditer(part):
            words, head = match.group(1), match.group(2)
            fields = [field.group() for field in self._field_pattern.finditer(words)]
            if fields == [words] and words in self._initials:
                continue
            organs = tuple(dict.fromkeys(self._field_organs[field] for field in fields))
            end = match.start() + len(words) + len(head)
            candidates.append(_Reading(match.start(), end, organs, self._head_levels[head], False))
        for match in self._shared_ending_pattern.finditer(part):
            stem, connector, word, head = match.groups()
            if stem_organ := next((organ for ending, organ in self._stems[stem] if word.endswith(ending)), None):
                end = match.start() + len(stem) + len(connector) + len(word) + len(head)
                organs = tuple(dict.fromkeys((stem_organ, self._word_organs[word])))
                candidates.append(_Reading(match.start(), end, organs, self._head_levels[head], False))
        accepted: list[_Reading] = []
        for candidate in sorted(candidates, key=lambda c: (c.start - c.end, not c.listed, c.start)):
            if all(candidate.end <= other.start or other.end <= candidate.start for other in accepted):
                accepted.append(candidate)
        return tuple(sorted(accepted, key=lambda reading: reading.start))

    def _places_for(self, region: str | None) -> _Places:
        """Place words, plus the places of `region` at their levels: in 浙江省金华市义乌市 each place
        sits below the one before, so 义乌市 (a county-level city) reads as county."""
        levels = dict(self._place_levels)
        region_levels: list[Level] = []
        region = normalize(region or "")
        start = 0
        for match in trie_regex(self._place_levels).finditer(region):
            level = levels[match.group()]
            if level is None:
                continue
            if region_levels and LEVELS.index(level) <= LEVELS.index(region_levels[-1]):
                level = _lower(region_levels[-1])
            levels[region[start:match.end()]] = level
            region_levels.append(level)
            start = match.end()
        return _Places(trie_regex(levels), levels, region_levels[-1] if region_levels else None)

    @staticmethod
    def _last_place(text: str, places: _Places) -> tuple[Level | None, str]:
        """The level of the last place word in `text`, and the text after it (a branch's own area)."""
        for match in reversed(list(places.pattern.finditer(text))):
            if level := places.levels[match.group()]:
                return level, text[match.end():]
        return None, text


@lru_cache(maxsize=1)
def default_organ_table() -> OrganTable:
    """The shipped table (data/organs.yaml), loaded and checked once."""
    return OrganTable.load()


@lru_cache(maxsize=1 << 12)
def subject_words(name: str) -> tuple[str, ...]:
    """The matters a unit's name narrows its work to, by the shipped table (OrganTable.subject_words)."""
    return default_organ_table().subject_words(name)


def types_from_names(
    name: str, aliases: Sequence[str] = (), level: str | None = None, region: str | None = None
) -> list[ImpliedType]:
    """Department types a unit acts as by its name and aliases (see OrganTable.types_from_names); [] if unknown."""
    return default_organ_table().types_from_names(name, aliases, level=level, region=region)
