"""Law citations in running text: which law, version, article, paragraph and item is cited.

Candidates are found with precompiled patterns (book-title brackets, the catalogue's name
trie, 依照…条例第X条); spaCy's jieba tokens decide the one thing patterns cannot: whether a
bare name is a word of its own (公司法 in 分公司法定代表人 is not). Only sentences holding
such a name are tokenised, which keeps extraction above 200k characters/s. Patterns run on
normalised text, so full-width punctuation appears in them as ASCII.
Names that do not hit the catalogue exactly come back unresolved with ranked candidates.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from pydantic import BaseModel, Field
from spacy.language import Language
from spacy.tokens import Doc

from nlp.catalogue import PRC, Candidate, Catalogue, CatalogueLaw, name_key
from nlp.pipeline import add_user_words, blank_zh
from nlp.text import NUMBER, normalize, parse_number, sentence_spans


class Resolution(BaseModel):
    """What a law name refers to; `law_id` is None unless the catalogue names exactly one law."""

    name: str
    """The name as resolved: simplified, outer 《》 and a version suffix removed."""
    law_id: str | None = None
    title: str | None = None
    version_id: str | None = None
    version_year: int | None = None
    confidence: float = 0.0
    candidates: list[Candidate] = Field(default_factory=list)


class Citation(BaseModel):
    """One cited law (and optionally article) with its character span in the input text."""

    start: int
    end: int
    text: str
    """The input text[start:end]: the name (with version and article) as written."""
    name: str
    law_id: str | None = None
    title: str | None = None
    version_id: str | None = None
    version_year: int | None = None
    article: int | None = None
    article_suffix: int = 0
    """之二 → 2 (第二百八十七条之二); 0 for a plain article, as in ArticleRecord.suffix."""
    paragraph: int | None = None
    item: int | None = None
    confidence: float = 0.0
    """Trust in law_id: 1.0 for an exact 《title》, lower for bare names, repaired brackets,
    aliases, 该法 and unmatched versions; 0.0 when unresolved."""
    candidates: list[Candidate] = Field(default_factory=list)
    """For unresolved citations: laws sharing the name, or the nearest names, best first."""


class _Ref(NamedTuple):
    start: int
    end: int
    article: int
    suffix: int
    paragraph: int | None
    item: int | None


CONFIDENCE = {"title": 1.0, "bare": 0.95, "alias": 0.9, "open": 0.85, "close": 0.85, "anaphora": 0.8, "unknown": 0.7}
"""How far the way a name was found lowers trust in an exact catalogue hit."""

_YEAR = r"(?:1[89]\d\d|20\d\d|[一二][〇零○九八七六五四三二一]{3})"
_VERSION = re.compile(
    rf"\s*[(〔【\[]\s*({_YEAR})\s*(?:年\s*(?:修正|修订|修改)?|修正|修订|修改)\s*(?:版|本|文本)?\s*[)〕】\]]"
)
_VERSION_AT_END = re.compile(_VERSION.pattern + r"$")
_ALIAS_DEFINITION = re.compile(
    r"\s*\(\s*(?:以下简称|以下称|下称|简称)\s*:?\s*[“\"《「]?([^()“”\"《》「」,。;]{2,30}?)[”\"》」]?\s*\)"
)
_DOCUMENT_NUMBER = re.compile(r"\s*\([^()]{0,30}?(?:令\s*第?\s*\d+\s*号|[〔\[]\s*\d{4}\s*[〕\]]\s*\d+\s*号)\s*\)")
_PART = re.compile(rf"\s*(?:的|中的|中)?\s*(?:(?:第{NUMBER}[编章节]|[\u4e00-\u9fff]{{2,6}}编)\s*)+")
_COLON = re.compile(r"\s*:\s*(?=第)")
"""《…规定》：第十条 — a colon before the article (not before a quotation)."""
_ARTICLE = re.compile(rf"\s*第?\s*({NUMBER})\s*条(?:\s*之\s*({NUMBER}))?")
_PARAGRAPH = re.compile(rf"\s*第?\s*({NUMBER})\s*款")
_ITEM = re.compile(rf"\s*第?\s*\(?\s*({NUMBER}(?:\s*[、,]\s*{NUMBER})*)\s*\)?\s*项")
_COMPACT_LIST = re.compile(r"\s*[、,]\s*")
_REF_SEPARATOR = re.compile(r"\s*(?:、|,|以及|和|及|或者|或|与|至|到)\s*")
_WITH_REGULATION = re.compile(r"\s*(?:及其|及|和)(实施条例|实施细则|实施办法)")
_EXTENSION = re.compile(r"实施条例|实施细则|实施办法|修正案(?:\([一二三四五六七八九十]+\))?|若干规定")
_EVENT = re.compile(r"宣传周|宣传月|宣传日|宣誓|日|周")
"""宪法宣传周, 国家宪法日 and 民法典宣传月 are events, not citations."""
_LAW_WORD = re.compile(r"律|规(?!定)")
"""…法律/…法规 after a name ending in 法 (传染病防治法律、法规) speaks of laws in general;
食品安全法规定 still cites one."""
_ANAPHORA = re.compile(rf"(?:该|同|上述|前述)(?:法律|法|条例|规定|办法|解释|细则)(?=\s*第?\s*{NUMBER}\s*条)")
_UNKNOWN_BARE = re.compile(
    rf"(?:根据|依据|依照|按照|违反|适用|参照|援引|遵照|对照|依|据)\s*"
    rf"((?!本|该|同|上述|前述|此)(?:(?!的)[\u4e00-\u9fff]){{2,24}}?(?<![本该此同])(?:法|条例|规定|办法|细则|规则))"
    rf"(?=\s*第?\s*{NUMBER}\s*条)"
)
_OPEN_NAME = re.compile(r"[\u4e00-\u9fff、]{2,30}?(?:法典|法|条例|规定|办法|细则|规则|决定|解释)(?=第|的|规定|[,。;、和及]|$)")
_CLOSE_NAME = re.compile(r"[^\s,。;、:“”\"《》()]{2,30}$")
_CLOSE_TRIGGER = re.compile(r"^(?:根据|依据|依照|按照|违反|适用|参照|依|据)")
_BRACKET = re.compile(r"[《》]")
_INNER_TITLE = re.compile(r"[《〈<]([^《》〈〉<>]+)[》〉>]")
_IMPLEMENTED = re.compile(r"^(.+?)实施(?:条例|细则|办法)$")
"""X实施条例 / 实施细则 / 实施办法 implements X: X is a candidate for it when it does not resolve."""
_NEAR_SHORTLIST, _NEAR_OFFERED = 20, 5
"""Nearest names looked at, and offered once the implausible ones are left out."""
_ENUMERATION_SUFFIX = re.compile(r"(?:\([^()]{1,10}\))+$")
_LAW_SUFFIX = re.compile(r"(?:法|法典|条例|条令|规定|办法|细则|规则|决定|解释|批复|修正案|公约|条约|协定|通则|总则)$")
_NOT_LAW = re.compile(r"公司|有限|集团|合同(?!法)|协议(?!法)|章程|手册|须知|守则|决定书|通知书")

_STANDARD = re.compile(r"(?:^|[^A-Z])(?:GB|DB\d*|[A-Z]{2,3})(?:/[TZ])?\s*\d{2,}|(?:国家|行业|地方|团体)标准"
                       r"|技术(?:规范|标准|规程|条件|要求)$")
"""A standard, not a law: its code (GB 17761, GB/T 2260, DB11/T 123) or a title ending as standards do."""
_LOCAL_DOCUMENT = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:自治县|县|旗)(?![级委])|[县区乡镇]人民政府|人民政府办公室|规范性文件"
                             r"|关于.+的(?:通知|意见|实施意见|若干措施)$")
"""A county's (or a township's) document, or a government notice: a 规范性文件, which no law catalogue holds
(a county makes no 法规 or 规章, 立法法 第八十条, 第九十三条)."""
NOT_LAW_KINDS = {"standard": "标准", "document": "规范性文件", "topic": "主题"}
"""What a checklist names in its law column that is not a law: kept and listed apart, never unresolved."""


def not_a_law(name: str) -> str | None:
    """The kind (NOT_LAW_KINDS) of a name the catalogue does not resolve that is no law at all: a standard,
    a county's normative document, or a topic written without 《》 and without a law's form (防范和惩治统计造假);
    None for a name that may be a law the catalogue lacks."""
    core = _strip_title(normalize(name))
    if _STANDARD.search(core.upper()):
        return "standard"
    if _LOCAL_DOCUMENT.search(core):
        return "document"
    if "《" not in name and not _LAW_SUFFIX.search(_ENUMERATION_SUFFIX.sub("", core)):
        return "topic"
    return None


def looks_like_law(name: str) -> bool:
    """A title worth reporting even when the catalogue lacks it: not 《…规划》, 《…决定书》, contracts,
    nor a bare 《决定》 or 《条例》 that only an alias defined in the text could give meaning."""
    core = _ENUMERATION_SUFFIX.sub("", name)
    suffix = _LAW_SUFFIX.search(core)
    return bool(suffix) and suffix.start() >= 2 and not _NOT_LAW.search(core)


def _strip_title(name: str) -> str:
    return name.strip().removeprefix("《").removesuffix("》").strip("“”\"")


def resolve_name(name: str, catalogue: Catalogue, region: str | None = None) -> Resolution:
    """Resolve a bare law name (a checklist cell): exact catalogue hit or candidates, never a guess. Given the
    unit's `region`, a name no national law has that is one local law of that region without its place
    (禁毒条例, 省禁毒条例 for a unit in 四川省) resolves to it."""
    core = _strip_title(normalize(name))
    year = None
    if version := _VERSION_AT_END.search(core):
        year = parse_number(version.group(1))
        core = core[: version.start()].strip()
    laws = catalogue.lookup(core)
    confidence = 1.0
    if not laws:
        laws, confidence = _read_again(core, catalogue)
    if not laws and (slip := catalogue.one_slip_from(core)):
        laws, confidence = [slip], 0.8
    if not laws and region:
        laws, confidence = _local_of(core, region, catalogue), 0.85
    if len(laws) != 1:
        return Resolution(name=core, version_year=year, candidates=_candidates(core, laws, catalogue))
    law = laws[0]
    version = law.version_in_year(year) if year else None
    return Resolution(
        name=core,
        law_id=law.id,
        title=law.title,
        version_id=version.id if version else None,
        version_year=year,
        confidence=confidence if year is None or version else 0.9 * confidence,
    )


_OWN_PLACE = re.compile(r"^(?:本|我|全)?(?:省|自治区|市|州|盟|县|区|旗)(?=[\u4e00-\u9fff]{2,}(?:条例|规定|办法)$)")
"""The place word a unit writes for its own province or city before a local law's title (省禁毒条例, 本市…条例)."""


def _local_of(name: str, region: str, catalogue: Catalogue) -> list[CatalogueLaw]:
    """The local laws of the unit's region that a name without its place (or with only 省, 市) means."""
    for written in dict.fromkeys((name, _OWN_PLACE.sub("", name))):
        if laws := catalogue.local_named(written, region):
            return laws
    return []


_PART_OR_REMARK = re.compile(
    r"(?:(?:总则|物权|合同|人格权|婚姻家庭|继承|侵权责任)编(?:、(?:总则|物权|合同|人格权|婚姻家庭|继承|侵权责任)编)*"
    r"|\([^()]{1,20}\)|第[一二三四五六七八九十百]+[编章节].*)$"
)
"""What checklists write after a law's name: a part of a code (婚姻家庭编), a remark (（公益诉讼条款）)."""


def _without_part_or_remark(name: str) -> str | None:
    """The law name without a trailing part or remark, when there is one: 《民法典》婚姻家庭编 → 民法典."""
    shorter = _PART_OR_REMARK.sub("", name).strip()
    return _strip_title(shorter) if shorter and shorter != name else None


_GARBLED_PRC = re.compile(r"^中华人民(?:共?和?国?)(?=[\u4e00-\u9fff]{2,}法$)")
"""中华人民共和公路法, 中华人民国草原法, 中华人民反家庭暴力法: the prefix of a law with characters lost."""
_NICKNAME = re.compile(r"^新(?=[\u4e00-\u9fff]{1,12}法$)")
"""新固废法, 新环保法, 新消防法: the law as revised, named by its short form (its current version)."""
_BOTH_COURTS = "最高人民法院最高人民检察院"
_CONJUNCTION = re.compile(r"(?<!共)[和与]")
"""人口和计划生育 for 人口与计划生育: titles join two matters with either word (not the 和 of 共和国)."""


def _repaired(name: str) -> str | None:
    """The name with the slips pages make undone: a garbled 中华人民共和国 prefix, the 新 of a revised law's
    nickname, the 、 lost between the two courts of a joint interpretation; None when there is none."""
    repaired = name
    if not repaired.startswith(PRC):
        repaired = _GARBLED_PRC.sub(PRC, repaired)
    repaired = _NICKNAME.sub("", repaired).replace(_BOTH_COURTS, "最高人民法院、最高人民检察院")
    return repaired if repaired != name else None


def _read_again(core: str, catalogue: Catalogue) -> tuple[list[CatalogueLaw], float]:
    """The laws a name the catalogue does not hold as written means once read again, with how far to trust
    it: without a part or remark, repaired, with 和/与 exchanged, then with its place written in full."""
    shorter, repaired = _without_part_or_remark(core), _repaired(core)
    conjoined = _other_conjunction(repaired or core)
    for reading, confidence in ((shorter, 0.9), (repaired, 0.85), (conjoined, 0.85)):
        if reading and (laws := catalogue.lookup(reading)):
            return laws, confidence
    readings = [reading for reading in (shorter or core, repaired, conjoined) if reading]
    return _with_place_in_full(readings, catalogue), 0.85


def _other_conjunction(name: str) -> str | None:
    """The name with 和 and 与 exchanged (陕西省人口和计划生育条例 → 陕西省人口与计划生育条例); None without either."""
    swapped = _CONJUNCTION.sub(lambda conjunction: "与" if conjunction.group() == "和" else "和", name)
    return swapped if swapped != name else None


def _with_place_in_full(readings: list[str], catalogue: Catalogue) -> list[CatalogueLaw]:
    """The laws the readings of a name mean with the short form of its place written in full (山东无线电管理条例 →
    山东省无线电管理条例)."""
    laws = {law.id: law for name in readings for full in catalogue.place_in_full(name) for law in catalogue.lookup(full)}
    return sorted(laws.values(), key=lambda law: law.id)


def _candidates(name: str, ambiguous: list[CatalogueLaw], catalogue: Catalogue) -> list[Candidate]:
    """Laws sharing the name, else laws named inside it (关于修改〈X〉的决定 → X, X实施细则 → X), then the
    plausible readings of it (`Catalogue.plausible`): those about exactly its matter first, then a law about it
    under another kind of title (野生植物保护法 → 野生植物保护条例), then the nearest names; or none."""
    if ambiguous:
        return [Candidate(law.id, law.title, 1.0) for law in ambiguous]
    inner = [law for title in [*_INNER_TITLE.findall(name), *_IMPLEMENTED.findall(name)]
             for law in catalogue.lookup(title)]
    candidates = list(dict.fromkeys(Candidate(law.id, law.title, 1.0) for law in inner))
    seen = {candidate.law_id for candidate in candidates}
    near = [candidate for candidate in catalogue.nearest(name, limit=_NEAR_SHORTLIST)
            if candidate.law_id not in seen and catalogue.plausible(name, candidate.law_id)]
    same = [candidate for candidate in near if catalogue.same_matter(name, candidate.law_id)]
    other_kind = [Candidate(law.id, law.title, 1.0) for law in catalogue.same_subject(name) if law.id not in seen]
    ranked = list(dict.fromkeys([*same, *other_kind, *near]))
    return candidates + ranked[:_NEAR_OFFERED]


class LawNameFinder:
    """spaCy component: law-name spans of a sentence in `doc.spans["law_names"]`, labelled by how found.

    Labels: title 《…》, open (closing 》 missing), close (opening 《 missing), bare (catalogue
    name), unknown (依照…条例第X条 with a name the catalogue lacks). A span survives only on
    jieba token boundaries, which is what rejects 公司法 inside 分公司法定代表人.
    """

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None

    def bind(self, catalogue: Catalogue) -> LawNameFinder:
        self.catalogue = catalogue
        return self

    def __call__(self, doc: Doc) -> Doc:
        assert self.catalogue is not None, "bind a catalogue first"
        spans = (doc.char_span(*name) for name in candidate_names(doc.text, self.catalogue))
        doc.spans["law_names"] = [span for span in spans if span is not None]
        return doc


def candidate_names(text: str, catalogue: Catalogue) -> list[tuple[int, int, str]]:
    """(start, end, label) of every law-name candidate in a sentence, before the token check."""
    hits = list(catalogue.name_pattern.finditer(text))
    found = _bracketed_names(text, hits)
    for hit in hits:
        start, end = hit.span()
        not_a_name = _EVENT.match(text, end) or (text[end - 1] == "法" and _LAW_WORD.match(text, end))
        if _overlaps(found, start, end) or not_a_name:
            continue
        if extension := _EXTENSION.match(text, end):
            end = extension.end()
        found.append((start, end, "bare"))
    for match in _UNKNOWN_BARE.finditer(text):
        if not _overlaps(found, *match.span(1)):
            found.append((*match.span(1), "unknown"))
    return sorted(found)


@Language.factory("law_names")
def make_law_name_finder(nlp: Language, name: str) -> LawNameFinder:
    return LawNameFinder()


@lru_cache(maxsize=8)
def citation_pipeline(catalogue: Catalogue) -> Language:
    """One pipeline per catalogue (the component holds its name trie); law names go into jieba first."""
    add_user_words(catalogue.surface_names())
    nlp = blank_zh()
    nlp.add_pipe("law_names").bind(catalogue)
    return nlp


def _overlaps(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end, _ in spans)


def _bracketed_names(text: str, hits: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    """《…》 titles (outermost only: 《关于修改〈…〉的决定》 cites the decision), repairing a lost bracket."""
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[int, list[tuple[int, int, str]]]] = []
    for bracket in _BRACKET.finditer(text):
        position = bracket.start()
        if bracket.group() == "《":
            stack.append((position, []))
        elif stack:
            start, _ = stack.pop()
            (stack[-1][1] if stack else found).append((start, position + 1, "title"))
        elif name := _name_before(text, position, hits):
            found.append((name, position + 1, "close"))
    for start, nested in stack:
        found.extend(nested)
        if end := _name_after(text, start + 1, hits):
            found.append((start, end, "open"))
    return found


def _name_after(text: str, position: int, hits: list[re.Match[str]]) -> int | None:
    """End of the law name right after an unclosed 《: a catalogue name, else a law-like phrase."""
    for hit in hits:
        if hit.start() == position:
            return hit.end()
    match = _OPEN_NAME.match(text, position)
    return match.end() if match else None


def _name_before(text: str, position: int, hits: list[re.Match[str]]) -> int | None:
    """Start of the law name right before a stray 》: a catalogue name, else the phrase after 依照 etc."""
    for hit in hits:
        if hit.end() == position:
            return hit.start()
    match = _CLOSE_NAME.search(text, 0, position)
    if not match:
        return None
    trigger = _CLOSE_TRIGGER.match(match.group())
    start = match.start() + (trigger.end() if trigger else 0)
    return start if looks_like_law(text[start:position]) else None


def _parse_refs(text: str, position: int) -> list[_Ref]:
    """第X条[之X][第X款][第（X）项], lists (、和及) and ranges (至); a 款/项 list keeps the article,
    and a compact item list (第二、三、五项) gives one reference per item."""
    refs: list[_Ref] = []
    while True:
        start = position
        if article := _ARTICLE.match(text, position):
            number = parse_number(article.group(1))
            suffix = parse_number(article.group(2)) if article.group(2) else 0
            paragraph, items = None, [None]
            position = article.end()
        elif refs:
            number, suffix, paragraph, items = refs[-1].article, refs[-1].suffix, refs[-1].paragraph, [None]
        else:
            return refs
        if match := _PARAGRAPH.match(text, position):
            paragraph, position = parse_number(match.group(1)), match.end()
        if match := _ITEM.match(text, position):
            items, position = [parse_number(n) for n in _COMPACT_LIST.split(match.group(1))], match.end()
        if position == start or number is None:
            return refs
        start += _leading_space(text, start)
        refs += [_Ref(start, position, number, suffix or 0, paragraph, item) for item in items]
        separator = _REF_SEPARATOR.match(text, position)
        if not separator or not any(p.match(text, separator.end()) for p in (_ARTICLE, _PARAGRAPH, _ITEM)):
            return refs
        position = separator.end()


def _leading_space(text: str, position: int) -> int:
    return len(text[position:]) - len(text[position:].lstrip())


class _Assembler:
    """Turns name spans into citations in reading order, carrying 以下简称 aliases and 该法 forward."""

    def __init__(self, original: str, text: str, catalogue: Catalogue, names: list[tuple[int, int, str]]):
        self.original, self.text, self.catalogue = original, text, catalogue
        self.names = sorted(names)
        self.aliases: dict[str, Resolution] = {}
        self.citations: list[Citation] = []

    def run(self) -> list[Citation]:
        consumed, last, index = 0, None, 0
        while index < len(self.names):
            start, end, label = self.names[index]
            index += 1
            if start < consumed:
                continue
            resolution = self._resolve(start, end, label, last)
            if resolution is None:
                continue
            consumed = self._cite(start, end, resolution)
            last = resolution
        return self.citations

    def _resolve(self, start: int, end: int, label: str, last: Resolution | None) -> Resolution | None:
        name = _strip_title(self.text[start:end])
        if label == "anaphora":
            return last and last.model_copy(update={"confidence": min(last.confidence, CONFIDENCE[label])})
        if alias := self.aliases.get(name_key(name)):
            return alias
        resolution = resolve_name(name, self.catalogue)
        if resolution.law_id is None:
            return resolution if looks_like_law(resolution.name) else None
        return resolution.model_copy(update={"confidence": resolution.confidence * CONFIDENCE[label]})

    def _cite(self, start: int, end: int, resolution: Resolution) -> int:
        """Emit the citation(s) for one name and return where its tail (version, alias, articles) ends."""
        position = meaningful_end = end
        while True:
            if version := _VERSION.match(self.text, position):
                resolution = self._with_version(resolution, parse_number(version.group(1)))
                position = meaningful_end = version.end()
            elif alias := _ALIAS_DEFINITION.match(self.text, position):
                bracketed = self.text[alias.start(1) - 1] == "《"
                self._define_alias(alias.group(1), resolution, alias.end(), bracketed)
                position = alias.end()
            elif number := _DOCUMENT_NUMBER.match(self.text, position):
                position = number.end()
            else:
                break
        lead_in = _PART.match(self.text, position) or _COLON.match(self.text, position)
        refs = (lead_in and _parse_refs(self.text, lead_in.end())) or _parse_refs(self.text, position)
        if not refs:
            self._emit(start, meaningful_end, resolution, None)
        for number, ref in enumerate(refs):
            self._emit(start if number == 0 else ref.start, ref.end, resolution, ref)
        position = refs[-1].end if refs else position
        if regulation := _WITH_REGULATION.match(self.text, position):
            base = resolution.title or resolution.name
            companion = resolve_name(base + regulation.group(1), self.catalogue)
            if companion.law_id or looks_like_law(companion.name):
                self._emit(regulation.start(1), regulation.end(), companion, None)
            position = regulation.end()
        return position

    def _with_version(self, resolution: Resolution, year: int | None) -> Resolution:
        law = self.catalogue.get(resolution.law_id) if resolution.law_id else None
        version = law.version_in_year(year) if law and year else None
        confidence = resolution.confidence if version or not law else round(resolution.confidence * 0.9, 3)
        return resolution.model_copy(
            update={"version_year": year, "version_id": version.id if version else None, "confidence": confidence}
        )

    def _define_alias(self, alias: str, resolution: Resolution, defined_at: int, bracketed: bool) -> None:
        """Later uses of the short name mean this law. A bracketed alias recurs bracketed (and is
        found as a title); a bare one is searched for here, unless too short to trust (《决定》)."""
        self.aliases[name_key(alias)] = resolution.model_copy(
            update={"confidence": min(resolution.confidence, CONFIDENCE["alias"]) if resolution.law_id else 0.0}
        )
        if bracketed or (len(alias) < 3 and not alias.endswith("法")):
            return
        position = self.text.find(alias, defined_at)
        while position != -1:
            end = position + len(alias)
            if not _overlaps(self.names, position, end):
                bisect.insort(self.names, (position, end, "alias"))
            position = self.text.find(alias, end)

    def _emit(self, start: int, end: int, resolution: Resolution, ref: _Ref | None) -> None:
        self.citations.append(
            Citation(
                start=start,
                end=end,
                text=self.original[start:end],
                name=resolution.name,
                law_id=resolution.law_id,
                title=resolution.title,
                version_id=resolution.version_id,
                version_year=resolution.version_year,
                article=ref.article if ref else None,
                article_suffix=ref.suffix if ref else 0,
                paragraph=ref.paragraph if ref else None,
                item=ref.item if ref else None,
                confidence=round(resolution.confidence, 3),
                candidates=resolution.candidates,
            )
        )


def extract_citations(text: str, catalogue: Catalogue) -> list[Citation]:
    """Every law cited in `text`, in reading order, with offsets into `text` as given.

    A sentence whose candidates are all complete 《…》 titles needs no tokens and skips spaCy;
    the others go through the pipeline, whose component keeps only token-aligned names."""
    normalized = normalize(text)
    names = [(m.start(), m.end(), "anaphora") for m in _ANAPHORA.finditer(normalized)]
    to_tokenize = []
    for start, end in sentence_spans(normalized):
        candidates = candidate_names(normalized[start:end], catalogue)
        if any(label != "title" for _, _, label in candidates):
            to_tokenize.append((start, end))
        else:
            names += [(start + s, start + e, label) for s, e, label in candidates]
    if to_tokenize:
        docs = citation_pipeline(catalogue).pipe(normalized[s:e] for s, e in to_tokenize)
        for (offset, _), doc in zip(to_tokenize, docs):
            spans = doc.spans["law_names"]
            names += [(offset + span.start_char, offset + span.end_char, span.label_) for span in spans]
    return _Assembler(text, normalized, catalogue, names).run()
