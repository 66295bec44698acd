"""Map audiences, methods and timings as units write them to canonical ids.

Methods, key dates and recurrences, and audiences come from the shared vocabularies
(`pufa.vocab`: data/methods.yaml, key_dates.yaml, audiences.yaml), audiences plus the
checklist spellings in `EXTRA_AUDIENCE_TERMS`. Matching is by alias containment,
longest alias first and without overlaps, so one value may carry several ids
("中小学生及家长" -> students, parents). A value that matches nothing is kept as
written and reported in `Normalized.unresolved`; nothing is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.tables.cells import split_values
from pufa import vocab
from pufa.errors import InputError
from pufa.vocab import Term

EXTRA_AUDIENCE_TERMS: dict[str, tuple[str, ...]] = {
    "public_servants": (
        "干警", "民警", "辅警", "检察官", "法官", "全体干部", "全局干部", "全院干警", "全局民警", "系统内", "本系统",
        "干部", "领导班子", "班子成员", "中心组成员", "中层干部", "科级干部", "工作人员", "执法队员",
    ),
    "students": ("团员", "少先队员", "学校师生", "适龄青年"),
    "teachers": ("老师", "校长", "学校管理人员", "教育工作者"),
    "businesses": (
        "企业负责人", "企业主", "经营主体", "经营单位", "用工单位", "施工单位", "建设单位", "运输企业", "物业服务企业",
        "生产企业", "医药机构", "药店", "餐饮", "网约车平台", "平台企业", "排污单位", "使用单位", "社会单位", "食堂",
        "旅行社", "网吧", "娱乐场所", "测绘单位", "物业公司", "采矿企业", "社会组织",
    ),
    "workers": (
        "企业职工", "企业员工", "求职者", "高校毕业生", "一线工人", "施工人员", "工人", "快递员", "外卖骑手", "管理人员",
        "导游", "工薪阶层", "采编人员",
    ),
    "farmers": ("种植户", "养殖户", "种粮大户", "林农", "牧民", "农民专业合作社", "家庭农场", "沿线村民", "沿河村民"),
    "residents": (
        "小区业主", "业主", "辖区居民", "全体公民", "公民", "社会各界", "辖区群众", "全县群众", "社会大众", "进山人员",
        "困难群众",
    ),
    "administrative_counterparts": (
        "管理相对人", "相对人", "执法对象", "办事群众", "申请人", "被检查单位", "被审计单位", "调查对象",
    ),
    "women": ("妇女群众", "女性"),
    "elderly": ("空巢老人", "养老机构"),
    "drivers": ("电动自行车", "骑行者", "行人"),
    "medical_staff": ("医疗机构", "医师", "护士", "乡村医生", "卫生健康系统"),
    "patients": ("孕产妇",),
    "veterans": ("优抚对象", "军人军属", "烈属"),
    "inmates": ("社区服刑人员", "安置帮教对象"),
    "consumers": ("购房者",),
    "netizens": ("网友", "自媒体", "网络主播"),
}
"""How checklists write audiences that data/audiences.yaml does not list; each maps to an id of that
file and is ignored if the id is not there (so the two never disagree)."""


@dataclass
class Normalized:
    """A cell split into values, the ids they map to, and the values that map to nothing."""

    values: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Comparable text: NFKC, lower case, no spaces or quotes, dots between digits unified."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\s“”\"'‘’「」『』]", "", text)
    return re.sub(r"(?<=\d)[·•‧・∙⋅．]", "·", text)


class Vocabulary:
    """Terms and their aliases, matched by longest non-overlapping containment."""

    def __init__(self, terms: list[Term], *, source: str = "vocabulary", blockers: tuple[str, ...] = ()):
        self.terms = {t.id: t for t in terms}
        if len(self.terms) != len(terms):
            raise InputError("duplicate id", source=source)
        pairs: dict[str, str] = {}
        for term in terms:
            for alias in (term.name, *term.aliases):
                key = fold(str(alias))
                if key and key not in pairs:
                    pairs[key] = term.id
        for blocker in blockers:  # longer words that contain an alias but are not the term (妇女联合会)
            pairs.setdefault(fold(blocker), "")
        self._aliases = sorted(pairs.items(), key=lambda kv: -len(kv[0]))

    def __contains__(self, term_id: str) -> bool:
        return term_id in self.terms

    def __iter__(self):
        return iter(self.terms.values())

    def find(self, text: str) -> list[str]:
        """Ids whose aliases occur in `text`, in order of appearance."""
        folded = fold(text)
        taken = [False] * len(folded)
        hits: list[tuple[int, str]] = []
        for alias, term_id in self._aliases:
            start = 0
            while (pos := folded.find(alias, start)) >= 0:
                end = pos + len(alias)
                start = pos + 1
                if any(taken[pos:end]) or not _digit_bounded(folded, pos, end, alias):
                    continue
                for i in range(pos, end):
                    taken[i] = True
                hits.append((pos, term_id))
        ids: list[str] = []
        for _, term_id in sorted(hits):
            if term_id and term_id not in ids:
                ids.append(term_id)
        return ids


def _digit_bounded(text: str, start: int, end: int, alias: str) -> bool:
    """An alias that starts or ends with a digit must not be part of a longer number."""
    if alias[0].isdigit() and start > 0 and (text[start - 1].isdigit() or text[start - 1] in "·."):
        return False
    if alias[-1].isdigit() and end < len(text) and (text[end].isdigit() or text[end] in "·."):
        return False
    return True


@lru_cache(maxsize=1)
def methods() -> Vocabulary:
    return Vocabulary(list(vocab.methods()), source=str(vocab.METHODS_FILE))


@lru_cache(maxsize=1)
def key_dates() -> Vocabulary:
    return Vocabulary(list(vocab.key_dates()), source=str(vocab.KEY_DATES_FILE))


@lru_cache(maxsize=1)
def audiences() -> Vocabulary:
    """The shared audiences (data/audiences.yaml) plus the checklist spellings of EXTRA_AUDIENCE_TERMS."""
    terms = [Term(term.id, term.name, term.aliases + EXTRA_AUDIENCE_TERMS.get(term.id, ())) for term in vocab.audiences()]
    return Vocabulary(terms, source=str(vocab.AUDIENCES_FILE), blockers=vocab.audience_blockers())


def _normalize(text: str | None, vocab: Vocabulary, kind: str) -> Normalized:
    out = Normalized(values=split_values(text))
    for value in out.values:
        ids = vocab.find(value)
        if not ids:
            out.unresolved.append(f"{kind}:{value}")
        for term_id in ids:
            if term_id not in out.ids:
                out.ids.append(term_id)
    return out


def normalize_audiences(text: str | None) -> Normalized:
    return _copy(_audiences_cached(text or ""))


@lru_cache(maxsize=4096)
def _audiences_cached(text: str) -> Normalized:
    return _normalize(text, audiences(), "audience")


def _copy(n: Normalized) -> Normalized:
    """Results are cached (cells repeat a lot); hand out copies so callers may mutate them."""
    return Normalized(values=list(n.values), ids=list(n.ids), unresolved=list(n.unresolved))


_INTO = re.compile(r"^(?:送法|法律|法治|普法)?进[\u4e00-\u9fff]{1,6}$")


def normalize_methods(text: str | None) -> Normalized:
    """Methods; a value that only names a key date (安全生产月, “6·25”土地日宣传) is a theme-day
    campaign, and 进养老机构-style values are one of the 法律六进."""
    return _copy(_methods_cached(text or ""))


@lru_cache(maxsize=4096)
def _methods_cached(text: str) -> Normalized:
    vocab = methods()
    out = _normalize(text, vocab, "method")
    dates = key_dates()
    still: list[str] = []
    for entry in out.unresolved:
        value = entry.split(":", 1)[1]
        fallback = None
        named = [
            i for i in dates.find(value) if not i.startswith("month_") and dates.terms[i].kind in ("day", "week", "month")
        ]
        if named and "theme_day" in vocab:
            fallback = "theme_day"
        elif _INTO.match(fold(value)) and "law_six_into" in vocab:
            fallback = "law_six_into"
        if fallback:
            if fallback not in out.ids:
                out.ids.append(fallback)
        else:
            still.append(entry)
    out.unresolved = still
    return out


# --- timing -------------------------------------------------------------------------------

_FULL_DATE = re.compile(r"(?<!\d)20\d{2}\s*[-/.·年]\s*(\d{1,2})\s*[-/.·月]\s*(\d{1,2})(?:\s*日|号)?(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d·.])(\d{1,2})\s*月\s*(\d{1,2})\s*(?:日|号)")
_DOT_DATE = re.compile(r"(?<![\d·.])(\d{1,2})\s*[·.]\s*(\d{1,2})(?![\d·.])")
_MONTH_RANGE = re.compile(r"(?<![\d·.])(\d{1,2})\s*(?:月)?\s*(?:-|—|–|~|至|到)\s*(\d{1,2})\s*月")
_MONTH = re.compile(r"(?<![\d·.])(\d{1,2})\s*月")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_YEAR_ONLY = re.compile(r"^(?:20\d{2}\s*年度?|每年|年度|本年度|年内|当年)$")
_WEAK_ALL_YEAR = re.compile(r"每年|年度|年内")


def _month_id(month: int) -> str:
    return f"month_{month:02d}"


def _timing_ids(value: str, vocab: Vocabulary) -> list[str]:
    text = fold(value)
    ids: list[str] = []
    if any(not i.startswith("month_") for i in vocab.find(_BRACKETED.sub("", text))):
        # 宪法宣传周（12月1日-7日）: the dates in brackets describe the named week
        text = _BRACKETED.sub("", text)

    def add(term_id: str | None) -> None:
        if term_id and term_id in vocab and term_id not in ids:
            ids.append(term_id)

    by_day = {(t.month, t.day): t.id for t in vocab if t.kind == "day" and t.month and t.day}

    def day(m: str, d: str) -> str | None:
        month, dom = int(m), int(d)
        if not (1 <= month <= 12 and 1 <= dom <= 31):
            return None
        return by_day.get((month, dom)) or _month_id(month)

    for pattern in (_FULL_DATE, _MONTH_DAY, _DOT_DATE):
        for match in pattern.finditer(text):
            term_id = day(match.group(1), match.group(2))
            if term_id:
                add(term_id)
                text = text.replace(match.group(0), " " * len(match.group(0)), 1)
    for match in _MONTH_RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if 1 <= first <= last <= 12:
            for month in range(first, last + 1):
                add(_month_id(month))
            text = text.replace(match.group(0), " " * len(match.group(0)), 1)
    for match in _MONTH.finditer(text):
        month = int(match.group(1))
        if 1 <= month <= 12:
            add(_month_id(month))
    for term_id in vocab.find(text):
        add(term_id)
    if not ids and (_YEAR_ONLY.match(text.strip()) or _WEAK_ALL_YEAR.search(text)):
        add("all_year")
    # a month already covered by a named date in the same value is not repeated (6月安全生产月)
    covered = {vocab.terms[i].month for i in ids if not i.startswith("month_") and vocab.terms[i].month}
    return [i for i in ids if not (i.startswith("month_") and vocab.terms[i].month in covered)]


def normalize_timing(text: str | None) -> Normalized:
    """Timings: key dates (12·4 -> constitution_day), months (3-4月), recurrences (每季度)."""
    return _copy(_timing_cached(text or ""))


@lru_cache(maxsize=4096)
def _timing_cached(text: str) -> Normalized:
    vocab = key_dates()
    out = Normalized(values=split_values(text))
    for value in out.values:
        ids = _timing_ids(value, vocab)
        if not ids:
            out.unresolved.append(f"timing:{value}")
        for term_id in ids:
            if term_id not in out.ids:
                out.ids.append(term_id)
    return out
