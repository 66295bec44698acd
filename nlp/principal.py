"""The principal competent authority of a law (主管部门), and the relevance tier of the others.

A law names the department type that answers for it as a whole in a clause of its 总则:
"国务院X主管部门主管全国…工作", "县级以上地方人民政府X部门对本行政区域…实施统一监督管理",
"X是本市…的主管部门", "由X负责". The reader takes the department mentions of `nlp.departments`
(type, level, span) and accepts a coordinated group of them as principal when the words after it,
up to the end of its clause, hold such a cue (`Cue`).

Rules, in the order they are applied:
- Scope: the 总则 (一般规定, 总纲) articles first; a law without chapters is read whole. Only if they
  name no principal is the first later chapter that does taken (审计法 names 审计署 in its chapter
  on audit organs, 劳动合同法 in 监督检查), and there only with the stronger cues: in later chapters
  由X负责 or 负责日常监督管理 hand out sub-tasks. Enumerated items ((二)公安机关负责…) are read with
  the stronger cues only, for the same reason.
- A group is the subject of its clause: groups after 向/会同/配合… or before 的 are not principals,
  and an alias in brackets (以下简称…) belongs to the department it follows.
- A group holding a generic member (有关部门) or a collective (负有…职责的部门), an open list
  (公安、民政等部门) or more than three sectors is not singled out, so it is never principal. A
  shared clause (在各自职责范围内, 按照职责分工) yields joint principals only when nothing earlier in
  its paragraph is principal: 公安 and 工商 are co-departments after "国务院文化主管部门主管全国…",
  but "卫生行政部门、劳动保障行政部门依据各自职责，负责本行政区域…" names two joint principals.
- 人民政府 is never a sector principal: "各级人民政府领导…" states general leadership. Only a
  government office (办公厅/办公室) named 主管部门 or 主管…工作 (国务院办公厅是…主管部门, in laws
  about government itself such as 政府信息公开条例) makes "government" principal; an office that
  only coordinates (国旗法) does not. Courts, procuratorates, people's organisations (工会) and
  military departments are never principal.
- Levels are the mention's; a mention without one takes the level of the principal before it in
  the sentence (本级人民政府消防救援机构 after 县级以上地方人民政府应急管理部门). A type found
  without level is dropped when the law also names it with one (the shortened repeat).

A rule or document a department issues is its type's to enforce, whatever its text names
(`issuing_authorities`): 司法部's 律师执业管理办法 is the justice type's, each issuer's of a joint one.

`relevance_tier` gives the tier the product shows for a (law, type) pair; the rule and its
evidence are in docs/relevance-tiers.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple, Protocol

from pydantic import BaseModel

from nlp.departments import OBJECT_MARKERS, DepartmentMention, find_departments
from nlp.taxonomy import default_taxonomy
from nlp.text import normalize, sentence_spans
from nlp.unit_types import types_from_names

Cue = Literal[
    "main", "unified", "responsible", "supervises", "designated", "assigned", "joint", "coordinates", "supervised_by",
    "leads", "issuer",
]
"""main: 主管…工作; unified: 统一监督管理/统一领导, 综合监督管理; responsible: 负责全国/本行政区域…工作,
负责本条例的实施; supervises: 对…实施监督管理, 履行对…的监督管理职责, 指导、监督全国…工作, 对…进行监督、指导; designated: 是…主管部门/机关;
assigned: 由X负责/管辖/征收管理; joint: 共同做好…工作; coordinates: 指导、协调其他部门的…工作;
supervised_by: 接受X的监督管理; leads: X和其他有关部门在各自的职责范围内… in a law naming no other principal;
issuer: X issued it (发布机关), read from no article (`issuing_authorities`)."""
Tier = Literal["principal", "related", "mentioned"]


class ArticleLike(Protocol):
    id: str
    label: str
    path: str
    text: str


class LawArticle(NamedTuple):
    """One article of a law's current version, as the reader needs it."""

    id: str
    label: str
    path: str
    """Headings above the article, 编/章/节 joined by "/" ("第一章 总则"); empty without chapters."""
    text: str
    departments: tuple[DepartmentMention, ...] | None = None
    """The article's department mentions if already found (ingest has them from nlp.articles), so that
    they are not looked for again; read from `text` when None."""

    @classmethod
    def of(cls, article: ArticleLike, departments: Iterable[DepartmentMention] | None = None) -> LawArticle:
        """From any record with id, label, path and text (an ingest ArticleRecord)."""
        known = None if departments is None else tuple(departments)
        return cls(article.id, article.label, article.path, article.text, known)


class PrincipalAuthority(BaseModel):
    """A department type a law names as answering for it, at a level, and where it says so."""

    dept_type: str
    level: str | None
    article_id: str
    article_label: str
    cue: Cue
    text: str
    """The department as the article names it."""


GENERAL_CHAPTER = re.compile(r"总\s*则|总\s*纲|一般规定|通\s*则|基本规定")
_WORTH_READING = re.compile(
    r"主管|负责|监督管理|监督检查|行政管理|征收管理|统一|管辖|机关是|专门机构|共同做好|组织领导|依法管理|指导、协调|"
    r"指导[、和]?监督|监督[、和]?指导"
)
"""Articles without any of these cannot state a principal, so they are never segmented."""
_SCOPE = (
    r"(?:全国|全省|全市|全县|全区|本行政区域|本辖区|辖区|本市|本省|本县|本区|本系统|本地区|所辖|"
    r"本条例|本办法|本规定|本法|统筹)"
)
_STEERING = r"(?:(?:监督|指导|组织|协调|统筹|推进|管理|实施|领导|对)[、和]?)"
"""Verbs of running a field (监督指导, 指导协调、监督管理) between 负责 and what is run."""
_GUIDES = r"进行(?:监督[、和]?指导|指导[、和]?监督)(?:$|[,。;])"
"""对律师、律师事务所和律师协会进行监督、指导 (律师法, 公证法): supervising and guiding a field's practitioners and
their association as a whole, the clause's whole predicate, in 总则 only (a later chapter's 对X进行监督、指导 is
a sub-task); 对X进行监督 alone is any department's check."""
_CUES: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    ("designated", re.compile(
        r"^(?:[^,。;]{0,8})?是[^,。;]{0,30}?(?:主管部门|主管机关|主管机构|管理部门|管理机关|专门机构)|"
        r"^[^,。;]{0,8}?履行[^,。;]{0,10}?(?:主管部门|主管机关)的职责"
    )),
    ("main", re.compile(r"^[^。;]{0,30}?主管(?!部门|机关|机构|单位|人员)[^,。;]{0,30}?(?:工作|管理|事业|$)")),
    ("unified", re.compile(
        r"^[^。;]{0,40}?(?:统一(?:监督管理|管理|负责|履行|领导)|综合监督管理)|^[^。;]{0,30}?负责[^。;]{0,16}?综合(?:工作|管理)"
    )),
    ("responsible", re.compile(
        rf"^[^。;]{{0,30}}?负责(?!人(?!工)|解释){_STEERING}{{0,4}}{_SCOPE}|^[^。;]{{0,30}}?依法(?:组织领导|管理)[^。;]{{0,10}}?工作|"
        rf"^[^。;]{{0,8}}?(?:依照|按照|根据)(?:本条例|本办法|本规定|本法)[^。;]{{0,8}}?负责[^。;]{{0,30}}?工作|"
        rf"^[^。;]{{0,10}}?统筹(?:协调|推进|指导)?(?:全国|全省|全市|本行政区域)"
    )),
    ("supervises", re.compile(
        rf"^[^。;]{{0,40}}?(?:实施(?:统一|综合)?监督管理|进行(?:监督|行政)管理|履行对[^,。;]{{1,20}}?的监督管理职责|"
        rf"(?<!的)监督管理{_SCOPE}|(?:指导和监督|监督和指导|指导、监督|监督、指导|指导监督|监督指导){_SCOPE}|"
        rf"依法监督检查[^,。;]{{0,20}}?(?:执行|实施)[^,。;]{{0,10}}?(?:本办法|本条例|本规定|条例))"
    )),
)
"""Cues that state a principal wherever they occur."""
_GENERAL_CUES: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    ("joint", re.compile(r"^[^。;]{0,60}?共同做好")),
    ("supervises", re.compile(rf"^[^。;]{{0,40}}?{_GUIDES}")),
    ("coordinates", re.compile(r"^[^。;]{0,8}?指导、协调[^。;]{0,60}?工作")),
    ("responsible", re.compile(
        rf"^[^。;]{{0,30}}?做好{_SCOPE}[^。;]{{0,60}}?工作|"
        rf"^[^。;]{{0,30}}?(?:具体负责|负责(?!人(?!工)|解释)(?:[^。;]{{0,20}}?日常(?:工作|管理|监督)|"
        rf"{_STEERING}{{2,}}[^。;]{{0,30}}?工作|[^。;]{{0,20}}?工作的(?:统筹|组织|协调|综合协调)|"
        rf"[^。;]{{0,40}}?(?:监督管理|监督检查|监督、检查|进行监督)(?:工作)?$))"
    )),
)
"""Weaker cues, taken in 总则 only and not in enumerated items: in later chapters, and in lists
of departments' duties ((二)公安机关负责…), they give departments sub-tasks (由下级部门负责日常监督管理)."""
_ITEM = re.compile(r"\s*\((?!一\))[一二三四五六七八九十]+\)")
_ATTRIBUTIVE_GOVERNMENT = re.compile(r"规定|确定|批准|授权|决定|领导")
"""国务院规定的职责, 本级人民政府确定的部门: a government named as an attribute, not a subject."""
_OBJECT_VERBS = OBJECT_MARKERS + ("协调", "监督", "督促", "指挥", "由")
"""After these a department is the object (or, after 由, the agent of a passive: 监察委员会由人民代表大会产生，负责…),
not the subject of what follows: the clause of the department before it goes on."""
_MODIFIER = re.compile(r"的(?:部门|机构|机关|单位|案件|事项)")
"""A cue followed by 的部门 sits in a relative clause (实施监督管理的部门), not in the predicate."""
_ASSIGNED = re.compile(r"[^,。;]{0,20}?(?:负责(?!人(?!工)|解释)|管辖|统一管理|征收管理)")
_SHARED = re.compile(r"各自|职责分工|分工负责|各负其责")
_ALIAS = re.compile(r"\((?:以下(?:简|统)?称|简称)[^)]*\)")
_ALIAS_BEFORE = re.compile(r"\((?:以下(?:简|统)?称|简称)[^()]{0,6}$")
_GOVERNMENT_OFFICE = re.compile(r"(?:的)?(?:办公厅\(室\)|办公厅|办公室)")
_PREDICATE_NOUN = re.compile(r"是[^,。;]*")
"""X是…Y部门: Y names what X is, so it does not end X's clause."""
_OPEN_LIST = re.compile(r"等")
_COORDINATED = re.compile(r"(?:(?:、|和|及其|及|与|以及|或者)[\u4e00-\u9fff]{0,16})?")
_FRAME = re.compile(r"在[^,。;]*")
"""在…领导下 / 在…范围内: departments inside the frame do not end the clause."""
_MILITARY = re.compile(r"(?:军队|解放军|武装警察部队|武警部队)$")
_NOT_COMPETENT = frozenset({"court", "procuratorate"})
"""Courts and procuratorates apply the laws they popularise, but no law makes them its competent department."""
_MAX_JOINT = 3


@lru_cache(maxsize=1)
def _department_types() -> frozenset[str]:
    """Type ids a unit can act as: sectors and bodies such as 工会, not 有关部门, 人民政府 or collectives
    (负有…职责的部门, 行政机关), which stand for no one type."""
    taxonomy = default_taxonomy()[0]
    return frozenset(taxonomy.names) - set(taxonomy.covers) - {"generic", "government"}


@lru_cache(maxsize=1)
def _sectors() -> frozenset[str]:
    """Type ids that can be principal: governmental department types, and 人民政府 for its offices."""
    taxonomy = default_taxonomy()[0]
    return _department_types() - taxonomy.nongovernmental - _NOT_COMPETENT | {"government"}


def _is_general(article: LawArticle) -> bool:
    """In 总则, or before the first heading (a law whose first chapter lost its heading)."""
    return not article.path or bool(GENERAL_CHAPTER.search(article.path.split("/", 1)[0]))


def _chapters(articles: Sequence[LawArticle]) -> list[list[LawArticle]]:
    """Articles grouped by top heading, in order."""
    chapters: list[list[LawArticle]] = []
    for article in articles:
        if chapters and chapters[-1][-1].path.split("/", 1)[0] == article.path.split("/", 1)[0]:
            chapters[-1].append(article)
        else:
            chapters.append([article])
    return chapters


def find_principal_authorities(articles: Sequence[LawArticle]) -> list[PrincipalAuthority]:
    """Principal (type, level) pairs of one law, each with the first article that states it."""
    if not any(article.path for article in articles):
        return _unique(_read(articles, general=True))
    if found := _read([article for article in articles if _is_general(article)], general=True):
        return _unique(found)
    for chapter in _chapters([article for article in articles if not _is_general(article)]):
        if found := _read(chapter, general=False):
            return _unique(found)
    return _unique(_leads(articles))


_OTHERS = re.compile(r"(?:和|及|以及|、)其他")


def _leads(articles: Sequence[LawArticle]) -> list[PrincipalAuthority]:
    """In a law that names no principal by any cue, the one department it names ahead of all others
    sharing the work (消费者权益保护法 第三十二条: 各级人民政府工商行政管理部门和其他有关行政部门…在各自的职责范围内):
    the department a real list gives the law to. Two such departments name none."""
    found: list[PrincipalAuthority] = []
    for article in articles:
        text = normalize(article.text)
        if not _SHARED.search(text):
            continue
        mentions = find_departments(text, article.text, roles=False) if article.departments is None \
            else list(article.departments)
        sentence_ends = [end for _, end in sentence_spans(text)]
        for group in _groups(text, mentions):
            if len(group) != 2 or group[0].dept_type not in _sectors() - {"government"}:
                continue
            lead, others = group
            sentence_end = next((e for e in sentence_ends if e > others.end), len(text))
            if (others.dept_type != "generic" or not _OTHERS.match(text, lead.end)
                    or text[max(0, lead.start - 4):lead.start].endswith(OBJECT_MARKERS)
                    or not _SHARED.search(text, others.end, sentence_end)):
                continue
            found += [PrincipalAuthority(dept_type=dept_type, level=lead.level, article_id=article.id,
                                         article_label=article.label, cue="leads", text=lead.text)
                      for dept_type in (lead.dept_type, *lead.also)]
    return found if len({principal.dept_type for principal in found}) == 1 else []


def _unique(found: Iterable[PrincipalAuthority]) -> list[PrincipalAuthority]:
    """One per (type, level); a type without level is dropped when the law names it with one (卫生主管部门
    after 国务院卫生行政部门 is the same department, shortened)."""
    seen: dict[tuple[str, str | None], PrincipalAuthority] = {}
    for principal in found:
        seen.setdefault((principal.dept_type, principal.level), principal)
    leveled = {dept_type for dept_type, level in seen if level is not None}
    return [p for (dept_type, level), p in seen.items() if level is not None or dept_type not in leveled]


def _read(articles: Iterable[LawArticle], general: bool) -> list[PrincipalAuthority]:
    return [principal for article in articles for principal in _read_article(article, general)]


def _groups(text: str, mentions: list[DepartmentMention]) -> list[list[DepartmentMention]]:
    """Mentions joined by 、/和/及… (or sharing one head: 教育、公安部门) form one subject."""
    groups: list[list[DepartmentMention]] = []
    for mention in mentions:
        if groups and _COORDINATED.fullmatch(text, groups[-1][-1].end, mention.start):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _read_article(article: LawArticle, general: bool) -> list[PrincipalAuthority]:
    text = normalize(article.text)
    if not _WORTH_READING.search(text):
        return []
    known = article.departments
    mentions = [
        m for m in (find_departments(text, article.text, roles=False) if known is None else known)
        if not (m.dept_type == "government" and _ATTRIBUTIVE_GOVERNMENT.match(text, m.end))
    ]
    groups = _groups(text, mentions)
    sentence_ends = [end for _, end in sentence_spans(text)]
    found: list[tuple[int, PrincipalAuthority]] = []
    principal_paragraphs: set[int] = set()
    for position, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        if _ALIAS_BEFORE.search(text, 0, start) or not _is_singled_out(text, group):
            continue
        office = _GOVERNMENT_OFFICE.match(text, end) if group[-1].dept_type == "government" else None
        members = [m for m in group if m.dept_type != "government"] if office is None else group[-1:]
        if not members:
            continue
        clause_end = _clause_end(text, sentence_ends, end, groups[position + 1:])
        window = _after_alias(text[office.end() if office else end:clause_end].rstrip("。;!?\n"))
        paragraph_start = text.rfind("\n", 0, start) + 1
        cue = _cue(text, start, window, general and not _ITEM.match(text, paragraph_start))
        if cue is None or (office and cue not in ("designated", "main")):
            continue
        paragraph = text.count("\n", 0, start)
        if _SHARED.search(window) and paragraph in principal_paragraphs:
            continue
        principal_paragraphs.add(paragraph)
        for member in _predicate_or(members, window, cue):
            level = _level(text, member, mentions, found)
            found += [(member.start, PrincipalAuthority(
                dept_type=dept_type, level=level, article_id=article.id, article_label=article.label, cue=cue,
                text=member.text,
            )) for dept_type in (member.dept_type, *(t for t in member.also if t in _sectors()))]
    return [principal for _, principal in found]


def _is_singled_out(text: str, group: list[DepartmentMention]) -> bool:
    """Not an object of someone else's act (after 向/会同…, before 的), not military, only sectors (no 有关部门 or
    collective), no open list (…等部门), at most three sectors."""
    start, end = group[0].start, group[-1].end
    if text[max(0, start - 4):start].endswith(OBJECT_MARKERS) and not text.startswith("的监督管理", end):
        return False
    if _MILITARY.search(text, 0, start) or (text.startswith("的", end) and not text.startswith("的监督管理", end)):
        return False
    if any(m.dept_type not in _sectors() for m in group):
        return False
    return not _OPEN_LIST.search(text, start, end) and len(group) <= _MAX_JOINT


def _clause_end(text: str, sentence_ends: list[int], end: int, later: list[list[DepartmentMention]]) -> int:
    """The end of the sentence holding `end`, or the start of the next subject group before it."""
    sentence_end = next((e for e in sentence_ends if e > end), len(text))
    for group in later:
        start = group[0].start
        if start >= sentence_end:
            break
        between = text[end:start]
        government_only = all(m.dept_type == "government" for m in group)
        if government_only or _PREDICATE_NOUN.fullmatch(between) or _FRAME.search(between):
            continue
        if not text[max(0, start - 4):start].endswith(_OBJECT_VERBS) and not _ALIAS_BEFORE.search(text, 0, start):
            return start
    return sentence_end


def _after_alias(window: str) -> str:
    """(以下简称X) after a department belongs to it: the predicate starts after the bracket."""
    alias = _ALIAS.match(window)
    return window[alias.end():] if alias else window


def _cue(text: str, start: int, window: str, general: bool) -> Cue | None:
    if text[max(0, start - 3):start].endswith("机关是"):
        return "designated"
    if general and text[max(0, start - 2):start].endswith("接受") and window.startswith("的监督管理"):
        return "supervised_by"
    if general and text[max(0, start - 1):start] == "由" and _ASSIGNED.match(window):
        return "assigned"
    for cue, pattern in _CUES + (_GENERAL_CUES if general else ()):
        match = pattern.search(window)
        if match and not _MODIFIER.match(window, match.end()):
            return cue
    return None


def _predicate_or(members: list[DepartmentMention], window: str, cue: Cue) -> list[DepartmentMention]:
    """X是本市广播电视主管部门: the department named as the predicate says which type X acts as."""
    if cue != "designated":
        return members
    named = find_departments(window.split(",", 1)[0], roles=False)
    predicate = [m for m in named if m.dept_type in _sectors() - {"government"}]
    if len(predicate) != 1 or len(members) != 1:
        return members
    return [predicate[0].model_copy(update={
        "level": predicate[0].level or members[0].level, "text": members[0].text, "start": members[0].start,
    })]


def _level(
    text: str, member: DepartmentMention, mentions: list[DepartmentMention],
    earlier: list[tuple[int, PrincipalAuthority]],
) -> str | None:
    """The mention's level; without one (本级人民政府消防救援机构, or the second of parallel clauses:
    城乡规划主管部门负责…，城乡建设主管部门负责…) the level of the principal before it in the sentence,
    and for 县级以上地方人民政府各农业行政主管部门 that of its government."""
    if member.level:
        return member.level
    sentence_start = max(text.rfind(mark, 0, member.start) for mark in "。;\n") + 1
    previous = next((p.level for start, p in reversed(earlier) if p.level and start >= sentence_start), None)
    if previous:
        return previous
    owner = next((m for m in reversed(mentions) if m.end <= member.start), None)
    if owner and owner.dept_type == "government" and text[owner.end:member.start] in ("各", "的"):
        return owner.level
    return None


def duty_power_articles(departments: Iterable[Iterable[DepartmentMention]]) -> Counter[str]:
    """Per department type, the articles (one mention list each) that give it a duty or a power; 有关部门,
    人民政府 and collectives (负有…职责的部门) are not counted for any type."""
    counts: Counter[str] = Counter()
    for mentions in departments:
        counts.update({m.dept_type for m in mentions if m.role != "mention" and m.dept_type in _department_types()})
    return counts


RELATED_MIN_ARTICLES = 2
"""A type with duties or powers in two articles of a law carries real work in it (慈善法: 公安 investigates
fraud and punishes breaches of order); one such article is nearly always a co-department list or a single
approval, report or penalty (兵役法 第六十三条 lists 人力资源社会保障 among the departments that punish)."""


_ISSUERS = re.compile(r"[、,，;；\s]+")
"""Between the organs of a joint issuer (教育部、国家市场监督管理总局、国家卫生健康委员会)."""


def issuing_authorities(issuer: str | None) -> list[PrincipalAuthority]:
    """The department types a rule or document is enforced by because their organ issued it (发布机关): a
    部门规章 of 司法部 is the justice type's, a joint one each issuer's, a 市司法局's document the justice
    type's; old names read as the organ that took the work over in 2018 (国家工商行政管理总局: market
    regulation), as a unit's name does (data/organs.yaml). Organs no type answers for as a whole give none:
    国务院, a 人民政府 (its 地方政府规章 is no single department's), 人大常委会, courts and procuratorates.
    The organ as written stands where an article label would (`article_label`); there is no article."""
    found: dict[str, PrincipalAuthority] = {}
    for organ in filter(None, _ISSUERS.split(issuer or "")):
        for implied in types_from_names(organ, level="central"):
            if implied.type_id in _sectors() - {"government"}:
                found.setdefault(implied.type_id, PrincipalAuthority(
                    dept_type=implied.type_id, level=implied.level, article_id="", article_label=organ, cue="issuer",
                    text=organ))
    return list(found.values())


def relevance_tier(is_principal: bool, duty_power_articles: int) -> Tier:
    """principal, related or mentioned for a (law, type) pair; `duty_power_articles` counts the articles
    that give the type a duty or a power (role duty|power in nlp.departments). The law's length does not
    enter: short laws showed no better separation (docs/relevance-tiers.md)."""
    if is_principal:
        return "principal"
    return "related" if duty_power_articles >= RELATED_MIN_ARTICLES else "mentioned"
