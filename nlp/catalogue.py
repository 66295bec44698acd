"""The law catalogue as the extractors see it: every name a law goes by, and near misses.

Checklists and judgments name laws loosely (with or without 中华人民共和国, by short title,
by abbreviation, in traditional script), so resolution goes through one normalised key per
name; anything that does not hit a key exactly is left unresolved with ranked candidates
rather than guessed.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from nlp.text import normalize, trie_regex
from pufa.config import DATA_DIR

DEFAULT_CATALOGUE_PATH = DATA_DIR / "catalogue" / "laws.jsonl"
PRC = "中华人民共和国"

COMMON_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "消费者权益保护法": ("消法", "消保法", "消费者权益法"),
    "治安管理处罚法": ("治安处罚法",),
    "道路交通安全法": ("道交法", "道路交通法", "交通安全法"),
    "未成年人保护法": ("未保法",),
    "民事诉讼法": ("民诉法",),
    "刑事诉讼法": ("刑诉法",),
    "行政诉讼法": ("行诉法",),
    "行政复议法": ("行复法",),
    "农村土地承包法": ("土地承包法",),
    "食品安全法": ("食安法",),
    "环境保护法": ("环保法",),
    "个人信息保护法": ("个保法", "个人信息法"),
    "网络安全法": ("网安法",),
    "数据安全法": ("数安法",),
    "反电信网络诈骗法": ("反诈法",),
    "残疾人保障法": ("残保法",),
    "固体废物污染环境防治法": ("固废法",),
    "噪声污染防治法": ("噪声法",),
    "海洋环境保护法": ("海洋环境法",),
    "公职人员政务处分法": ("政务处分法",),
    "妇女权益保障法": ("妇女权益法", "妇女权益保护法", "妇女法"),
    "老年人权益保障法": ("老年法", "老年人权益法"),
    "科学技术普及法": ("科普法",),
    "科学技术进步法": ("科技进步法",),
    "人口与计划生育法": ("计划生育法", "人口计生法"),
    "文物保护法": ("文物法",),
    "征兵工作条例": ("征兵条例",),
    "铁路运输安全保护条例": ("铁路安全保护条例",),
    "劳动争议调解仲裁法": ("劳动争议仲裁法",),
}
"""Abbreviations and names in wide use (as real lists write them), keyed by title without 中华人民共和国;
applied only to laws present.
Interpretations of these laws take them too (民诉法解释), see `interpretation_short_forms`."""

_INTERPRETATION = re.compile(
    r"^(?:最高人民法院|最高人民检察院|最高人民法院、最高人民检察院)?关于(?:在[^《》]*?中)?适用"
    r"《(?:中华人民共和国)?(?P<law>[^《》]+)》(?:的)?(?P<topic>[^《》]*?)(?:若干问题)?的(?:若干)?"
    r"(?P<kind>解释|规定)(?P<volume>\((?P<numeral>[一二三四五六七八九十]+)\))?$"
)
"""最高人民法院关于适用《X》[part or topic][若干问题]的解释/规定[（三）], on normalised titles."""
IN_FORCE = "现行有效"
_COMMON_BIGRAM = 300
"""A bigram in more names than this (条例, 规定, 中华) does not help shortlist candidates."""
_SHORTLIST = 300
"""How many keys sharing the most informative bigrams are scored exactly."""
_KIND = re.compile(r"(法典|法|条例|规定|办法|细则|规则|解释|决定|决议)$")
_PLACE_AT_START = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:省|自治区|自治州|市|县))")
"""A place a name starts with that no catalogued law belongs to (温州市…): two characters at least
before 省/市/县, so that 城市房地产管理法 names none."""
_IMPLEMENTING_TAIL = re.compile(r"法?实施$")
_KIND_FAMILIES = {"法典": "法律", "法": "法律", "条例": "条例", "规定": "规章", "办法": "规章", "细则": "规章",
                  "规则": "规章", "解释": "解释", "决定": "决定", "决议": "决定"}
"""What kind of law a title's last word makes it: a near name of another family (高层民用建筑消防安全管理规定
against a 条例 or a 法) is another kind of law, not a misspelling."""
GENERIC_WORDS = ("管理", "安全", "实施", "监督", "保护", "促进", "防治", "若干", "暂行", "试行", "工作", "有关", "关于",
                 "规范")
"""Words most titles share: a bigram touching one says nothing about what a law is about."""
_SUBJECT_MIN = 0.25
"""The least Dice coefficient of two subjects' bigrams for one to be a plausible reading of the other."""
_DROP_FROM_KEY = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』]")
_TRIAL_SUFFIX = re.compile(r"\((?:试行|暂行|草案)\)$")
_BRACKETS = re.compile(r"[《》〈〉]")


def name_key(name: str) -> str:
    """One key per spelling: simplified, half-width, no spaces, quotes or book-title brackets
    (including the <> some texts use for nested titles)."""
    return _DROP_FROM_KEY.sub("", normalize(name))


def key_variants(name: str) -> set[str]:
    """Keys a law can be looked up by exactly: as written and without 中华人民共和国."""
    key = name_key(name)
    return {variant for variant in (key, key.replace(PRC, "")) if len(variant) >= 2}


def trial_free_variants(name: str) -> set[str]:
    """The same keys without a (试行)/(暂行)/(草案) suffix: a weaker match, used only when no
    exact key matches, so 民事诉讼法 finds the current law rather than its 1982 trial version."""
    return {_TRIAL_SUFFIX.sub("", variant) for variant in key_variants(name)}


class Candidate(NamedTuple):
    law_id: str
    title: str
    score: float


class CatalogueVersion(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    version_date: str | None = None
    status: str | None = None
    promulgated: str | None = None
    effective: str | None = None


class CatalogueLaw(BaseModel):
    """A LawRecord (ingest/records.py) plus its versions and lineage, as in laws.jsonl."""

    model_config = ConfigDict(extra="ignore")

    id: str
    title: str
    short_title: str = ""
    aliases: list[str] = Field(default_factory=list)
    level: str | None = None
    status: str | None = None
    region: str | None = None
    promulgated: str | None = None
    effective: str | None = None
    amended: str | None = None
    repealed_on: str | None = None
    current_version: str | None = None
    versions: list[CatalogueVersion] = Field(default_factory=list)
    repealed_by: str | None = None
    parent_id: str | None = None

    def names(self) -> set[str]:
        """Every spelling the catalogue vouches for, before abbreviations."""
        names = {self.title, self.title.removeprefix(PRC), *self.aliases}
        if self.short_title:
            names.add(self.short_title)
        return {name for name in names if name}

    def version_in_year(self, year: int) -> CatalogueVersion | None:
        """The latest version dated in `year`: citations name versions as （2018年修正）."""
        dated = [v for v in self.versions if v.version_date and v.version_date[:4] == str(year)]
        return max(dated, key=lambda v: v.version_date or "", default=None)


def interpretation_short_forms(title: str) -> list[str]:
    """How a judicial interpretation of one law is cited, built from its title: 最高人民法院关于适用
    《中华人民共和国公司法》若干问题的规定（三） → 公司法解释(三), 公司法司法解释三, 公司法规定(三) …;
    …《民法典》婚姻家庭编的解释（一） → 民法典婚姻家庭编解释(一) and 婚姻家庭编解释(一); 有关担保制度的解释
    → 民法典担保制度解释 and 担保制度解释. The law's abbreviations count too (民诉法解释)."""
    match = _INTERPRETATION.match(normalize(title))
    if not match:
        return []
    law, topic = match["law"], match["topic"].removeprefix("有关")
    prefixes = [name + topic for name in (law, *COMMON_ABBREVIATIONS.get(law, ()))] + ([topic] if topic else [])
    kinds = ("解释", "司法解释", "规定") if match["kind"] == "规定" else ("解释", "司法解释")
    volumes = (match["volume"], match["numeral"]) if match["volume"] else ("",)
    return [prefix + kind + volume for prefix in prefixes for kind in kinds for volume in volumes]


_COURTS = re.compile(r"^(?:最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)(?=关于)")


def _without_court(law: CatalogueLaw) -> list[str]:
    """A judicial interpretation's title as lists write it without the court that made it: 最高人民法院关于审理涉及
    人民调解协议的民事案件的若干规定 → 关于审理涉及人民调解协议的民事案件的若干规定."""
    if law.level != "司法解释":
        return []
    title = normalize(law.title)
    return [shorter] if (shorter := _COURTS.sub("", title)) != title else []


def _unambiguous(pairs: Iterable[tuple[str, CatalogueLaw]]) -> Iterator[tuple[str, str]]:
    """(name, law id) for names one law holds, or one law in force among several (行政诉讼法解释 is the
    2018 interpretation, not the repealed 2000 one); names no single law holds are dropped."""
    spellings: dict[str, str] = {}
    holders: dict[str, dict[str, CatalogueLaw]] = defaultdict(dict)
    for name, law in pairs:
        key = name_key(name)
        spellings.setdefault(key, name)
        holders[key][law.id] = law
    for key, laws in holders.items():
        chosen = list(laws.values())
        if len(chosen) > 1:
            chosen = [law for law in chosen if law.status == IN_FORCE]
        if len(chosen) == 1:
            yield spellings[key], chosen[0].id


def _kind(key: str) -> str | None:
    match = _KIND.search(_TRIAL_SUFFIX.sub("", key))
    return _KIND_FAMILIES[match.group(1)] if match else None


def _place(region: str) -> str:
    """A region as names write it: 台州市 → 台州, 浙江省 → 浙江."""
    return re.sub(r"(?:省|市|自治区|特别行政区|县|区)$", "", region) or region


def _subject(key: str, region: str | None) -> str:
    """A title without its place, its kind word and 实施: what it is about (消费者权益保护法实施条例 →
    消费者权益保护)."""
    key = _TRIAL_SUFFIX.sub("", key).replace(PRC, "")
    if region:
        key = key.removeprefix(region).removeprefix(_place(region))
    return _IMPLEMENTING_TAIL.sub("", _KIND.sub("", key))


def _subject_grams(subject: str) -> set[str]:
    """The subject's bigrams, leaving out those that touch a generic word."""
    generic = [False] * len(subject)
    for word in GENERIC_WORDS:
        for match in re.finditer(re.escape(word), subject):
            generic[match.start():match.end()] = [True] * len(word)
    return {subject[i:i + 2] for i in range(len(subject) - 1) if not (generic[i] or generic[i + 1])}


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)} or {key}


_SLIP_MIN_LENGTH, _NEAR_FOR_SLIP = 6, 10


def _one_slip(written: str, known: str) -> bool:
    """Whether `written` is `known` with two neighbouring characters swapped, or one left out or added."""
    if len(written) == len(known):
        differ = [i for i, (a, b) in enumerate(zip(written, known, strict=True)) if a != b]
        return (len(differ) == 2 and differ[1] == differ[0] + 1
                and written[differ[0]] == known[differ[1]] and written[differ[1]] == known[differ[0]])
    shorter, longer = sorted((written, known), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    first = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return shorter[first:] == longer[first + 1:]


class Catalogue:
    """Name index over the laws; build with `load`, `from_jsonl` or `from_records`."""

    def __init__(self, laws: Iterable[CatalogueLaw]):
        self.laws: dict[str, CatalogueLaw] = {law.id: law for law in laws}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_trial_free_key: dict[str, set[str]] = defaultdict(set)
        self._surfaces: set[str] = set()
        for law in self.laws.values():
            for name in law.names():
                self._add_name(name, law.id)
        for title, abbreviations in COMMON_ABBREVIATIONS.items():
            owners = self._by_key.get(name_key(title).replace(PRC, ""), set())
            if len(owners) == 1:
                self._add_abbreviations(abbreviations, next(iter(owners)))
        for short_form, law_id in _unambiguous(
            (short_form, law) for law in self.laws.values()
            for short_form in [*interpretation_short_forms(law.title), *_without_court(law)]
        ):
            self._add_abbreviations((short_form,), law_id)
        self._bigram_index: dict[str, list[str]] | None = None
        self._key_grams: dict[str, set[str]] = {}
        self._nearest_cache: dict[tuple[str, int, float], list[Candidate]] = {}
        self._name_pattern: re.Pattern[str] | None = None
        self._regions: set[str] | None = None
        self._local_by_rest: dict[str, list[CatalogueLaw]] | None = None
        self._by_subject: dict[str, list[CatalogueLaw]] | None = None

    @classmethod
    def from_records(cls, records: Iterable[Mapping]) -> Catalogue:
        return cls(CatalogueLaw.model_validate(record) for record in records)

    @classmethod
    def from_jsonl(cls, path: str | Path) -> Catalogue:
        with open(path, encoding="utf-8") as lines:
            return cls.from_records(json.loads(line) for line in lines if line.strip())

    @classmethod
    def load(cls, path: str | Path | None = None) -> Catalogue:
        """The project catalogue (data/catalogue/laws.jsonl) unless another path is given."""
        path = Path(path or DEFAULT_CATALOGUE_PATH)
        if not path.exists():
            raise FileNotFoundError(f"law catalogue not found at {path}; generate it from the corpus first")
        return cls.from_jsonl(path)

    def _add_abbreviations(self, abbreviations: Iterable[str], law_id: str) -> None:
        """Abbreviations never override a name some law actually has."""
        for abbreviation in abbreviations:
            if name_key(abbreviation) not in self._by_key:
                self._add_name(abbreviation, law_id)

    def _add_name(self, name: str, law_id: str) -> None:
        """Index every key variant; keep the spelling for bare matching unless it is too short to trust."""
        for key in key_variants(name):
            self._by_key[key].add(law_id)
        for key in trial_free_variants(name):
            self._by_trial_free_key[key].add(law_id)
        surface = normalize(name).replace(" ", "")
        if not _BRACKETS.search(surface) and (len(surface) >= 3 or surface.endswith("法")):
            self._surfaces.add(surface)

    def __len__(self) -> int:
        return len(self.laws)

    def __iter__(self) -> Iterator[CatalogueLaw]:
        return iter(self.laws.values())

    def get(self, law_id: str) -> CatalogueLaw | None:
        return self.laws.get(law_id)

    def lookup(self, name: str) -> list[CatalogueLaw]:
        """Laws whose title, short title, alias or abbreviation is exactly `name`."""
        ids: set[str] = set()
        for key in key_variants(name):
            ids |= self._by_key.get(key, set())
        if not ids:
            for key in trial_free_variants(name):
                ids |= self._by_trial_free_key.get(key, set())
        return sorted((self.laws[law_id] for law_id in ids), key=lambda law: law.id)

    def surface_names(self) -> list[str]:
        """Bracket-free spellings that can appear bare in running text (jieba words, name matcher)."""
        return sorted(self._surfaces)

    @property
    def name_pattern(self) -> re.Pattern[str]:
        """Longest-match regex over all bare spellings, built as a character trie for speed."""
        if self._name_pattern is None:
            self._name_pattern = trie_regex(self._surfaces)
        return self._name_pattern

    @property
    def bigram_index(self) -> dict[str, list[str]]:
        """Character bigram → name keys containing it, for `nearest`; built on first use."""
        if self._bigram_index is None:
            index: dict[str, list[str]] = defaultdict(list)
            for key in self._by_key:
                self._key_grams[key] = _bigrams(key)
                for gram in self._key_grams[key]:
                    index[gram].append(key)
            self._bigram_index = index
        return self._bigram_index

    def build_indexes(self) -> None:
        """Build the lazy indexes now (name trie, bigram index), e.g. at start-up via nlp.warm."""
        self.name_pattern
        self.bigram_index

    def _dice_scores(self, grams: set[str], shared: Iterable[tuple[str, int]], min_score: float) -> dict[str, float]:
        """Best Dice score per law over (key, number of query bigrams it shares) pairs."""
        best: dict[str, float] = {}
        for key, count in shared:
            score = 2 * count / (len(grams) + len(self._key_grams[key]))
            if score >= min_score:
                for law_id in self._by_key[key]:
                    best[law_id] = max(best.get(law_id, 0.0), score)
        return best

    def plausible(self, name: str, law_id: str) -> bool:
        """Whether a law could be what a name that does not resolve meant: the same kind of law
        (法, 条例, 规章 …, by the title's last word); a local one only of the place the name names, if it
        names one; and about the same thing — their subjects (the title without place and kind) share
        enough bigrams that touch no generic word (管理, 安全 …). 台州市电梯安全管理规定 is not a
        reading of 高层民用建筑消防安全管理规定: they share only 安全管理规定."""
        law, key = self.laws[law_id], name_key(name)
        if _kind(key) != _kind(name_key(law.title)):
            return False
        place = max((region for region in self.regions() if key.startswith((region, _place(region)))),
                    key=len, default=None) or (match.group(1) if (match := _PLACE_AT_START.match(key)) else None)
        if law.region and place and _place(law.region) != _place(place):
            return False
        ours, theirs = _subject_grams(_subject(key, place)), _subject_grams(_subject(name_key(law.title), law.region))
        return 2 * len(ours & theirs) >= _SUBJECT_MIN * (len(ours) + len(theirs)) > 0

    def one_slip_from(self, name: str) -> CatalogueLaw | None:
        """The one law a name misspells by a single slip of the pen: two neighbouring characters
        swapped (农村地土承包法) or one character left out or added (取水许可和水资源征收管理条例), in a
        name long enough (six characters) that a slip cannot make another law's name, of the same kind and
        place (`plausible`); None when no law or more than one is that close."""
        key = name_key(name).replace(PRC, "")
        if len(key) < _SLIP_MIN_LENGTH:
            return None
        close = {candidate.law_id for candidate in self.nearest(name, limit=_NEAR_FOR_SLIP)
                 if self.plausible(name, candidate.law_id)
                 and any(_one_slip(key, other.replace(PRC, ""))
                         for known in self.laws[candidate.law_id].names() for other in key_variants(known))}
        return self.laws[close.pop()] if len(close) == 1 else None

    def local_named(self, name: str, region: str) -> list[CatalogueLaw]:
        """The local laws (in force, when one is) of a place `region` lies in whose title is `name` with that place
        before it: 禁毒条例 for a unit in 四川省乐山市井研县 is 四川省禁毒条例."""
        if self._local_by_rest is None:
            self._local_by_rest = defaultdict(list)
            for law in self.laws.values():
                if law.region:
                    key = name_key(law.title)
                    for place in dict.fromkeys((law.region, _place(law.region))):
                        if key.startswith(place) and len(key) > len(place):
                            self._local_by_rest[key[len(place):]].append(law)
        region = name_key(region)
        found = {law.id: law for law in self._local_by_rest.get(name_key(name), ())
                 if law.region and (law.region in region or len(_place(law.region)) >= 2 and _place(law.region) in region)}
        in_force = [law for law in found.values() if law.status == IN_FORCE]
        return sorted(in_force or found.values(), key=lambda law: law.id)

    def same_subject(self, name: str) -> list[CatalogueLaw]:
        """National laws about the same matter as `name` under another kind of title: a 法 written for the
        条例 that exists (野生植物保护法 → 野生植物保护条例), or the other way round."""
        if self._by_subject is None:
            self._by_subject = defaultdict(list)
            for law in self.laws.values():
                if not law.region:
                    self._by_subject[_subject(name_key(law.title), None)].append(law)
        key = name_key(name)
        return [law for law in self._by_subject.get(_subject(key, None), ())
                if _kind(key) != _kind(name_key(law.title)) and law.status == IN_FORCE]

    def same_matter(self, name: str, law_id: str) -> bool:
        """Whether a name is about exactly the law's matter (its title without place and kind)."""
        law = self.laws[law_id]
        return _subject(name_key(name), law.region) == _subject(name_key(law.title), law.region)

    def regions(self) -> set[str]:
        """Every place a local law of the catalogue belongs to."""
        if self._regions is None:
            self._regions = {law.region for law in self.laws.values() if law.region}
        return self._regions

    def place_in_full(self, name: str) -> list[str]:
        """The name read with its place written in full, one reading per region whose short form (`_place`,
        two characters at least) begins it without the full form: 山东无线电管理条例 → 山东省无线电管理条例."""
        key = name_key(name)
        return [region + key[len(_place(region)):] for region in sorted(self.regions())
                if len(_place(region)) >= 2 and key.startswith(_place(region)) and not key.startswith(region)]

    def nearest(self, name: str, limit: int = 5, min_score: float = 0.3) -> list[Candidate]:
        """Laws whose names share the most character bigrams with `name` (Dice coefficient).

        Keys are shortlisted by their rarer shared bigrams (条例, 规定 are in thousands of names and
        rank nothing), falling back to all bigrams, then scored exactly; results are cached
        because names recur."""
        query = name_key(name).replace(PRC, "")
        cached = self._nearest_cache.get((query, limit, min_score))
        if cached is not None:
            return cached
        index, grams = self.bigram_index, _bigrams(query)
        postings = [index.get(gram, []) for gram in grams]
        informative = [posting for posting in postings if len(posting) <= _COMMON_BIGRAM]
        shortlist = Counter(chain.from_iterable(informative)).most_common(_SHORTLIST)
        best = self._dice_scores(grams, ((key, len(grams & self._key_grams[key])) for key, _ in shortlist), min_score)
        best = best or self._dice_scores(grams, Counter(chain.from_iterable(postings)).items(), min_score)
        ranked = heapq.nsmallest(limit, best.items(), key=lambda item: (-item[1], self.laws[item[0]].title))
        result = [Candidate(law_id, self.laws[law_id].title, round(score, 3)) for law_id, score in ranked]
        if len(self._nearest_cache) < 10_000:
            self._nearest_cache[(query, limit, min_score)] = result
        return result
