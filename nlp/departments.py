"""Competent departments named in law articles: which type, at which level, with a duty or a power.

Laws assign work to department *types* ("县级以上地方人民政府生态环境主管部门"), and a county
unit acts as one or more of them; these mentions are how the graph links laws to the units
that must popularise them. Mentions are read from a lexicon built from data/departments.yaml
(levels, sector stems incl. pre-2018 names, heads, organs, generic and collective terms);
phrases joined by 、/和/及 form one group that shares its role, which comes from the first
modal or verb after the group, read on jieba tokens so that 应 inside 应急 or 可 inside 许可 is
not taken for a modal. Only the text after a group is segmented, and segmentations are cached,
so texts naming no department never reach jieba. Texts are normalised first (full-width
punctuation becomes ASCII).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, pairwise
from typing import Literal

from pydantic import BaseModel, Field

from nlp.pipeline import add_user_words, jieba_offsets
from nlp.taxonomy import DepartmentTaxonomy, LexiconEntry, default_taxonomy
from nlp.terms import taxonomy_words
from nlp.text import normalize, sentence_spans

Role = Literal["duty", "power", "mention"]

DUTY_CUES = frozenset({"应当", "应", "必须", "须", "负责", "承担", "履行", "不得", "应予", "要", "各负其责"})
POWER_CUES = frozenset({
    "有权", "可以", "可", "责令", "处", "处以", "罚款", "没收", "吊销", "暂扣", "查封", "扣押", "取缔", "收缴",
    "处罚", "查处", "处理", "批准", "拘留", "警告", "决定", "审批", "核发", "颁发", "撤销", "注销", "强制",
    "许可", "核准", "裁定", "同意", "指定", "核定", "管辖",
})
TASK_VERBS = frozenset({
    "加强", "做好", "组织", "指导", "协调", "建立", "制定", "编制", "开展", "推进", "保障", "督促", "落实",
    "统筹", "监督", "管理", "主管", "实施", "帮助",
})
"""Bare verbs that state a responsibility (县级以上人民政府加强…) unless 由 makes the department the
designated authority (由…制定 grants the power to make it)."""
TASK_PREFIXES = frozenset({
    "加强", "做好", "组织", "指导", "协调", "建立", "制定", "编制", "开展", "推进", "督促", "落实", "统筹",
})
"""jieba often fuses a task verb with its object (统筹规划, 建立健全); these verbs also count as a
token's prefix (not 主管/管理/监督, which start nouns such as 主管人员)."""
OBJECT_MARKERS = (
    "向", "对", "给", "报", "报请", "报送", "报告", "移送", "移交", "通报", "通知", "告知", "接受", "配合", "协助",
    "请求", "申请", "提请", "抄送", "征求", "征得", "取得", "会商", "委托", "举报", "投诉", "控告", "检举", "反映",
    "提交", "与", "同", "受", "会同", "收到", "在", "引导", "组织", "督促", "指导", "支持", "鼓励", "要求", "建议",
    "听取", "邀请", "指令", "简称",
)
"""A department right after these is the object (or junior partner) of someone else's act."""
_APPROVAL = re.compile(r"(?:的)?(?:批准|审批|核准|同意|许可|认可|指定)")
_DESIGNATION = re.compile(r"(?:由|(?<![已曾])经(?![营济费]))[^,。;:、]{0,10}$")
"""由X…/经X批准 name the competent authority: a power unless a duty is stated."""
_COORDINATION_GAP = re.compile(
    r"(?:、|和|及其|及|与|以及|或者|或)(?:(?!应当|应|可以|负责|必须|由|经|向|对)[\u4e00-\u9fff()]){0,10}"
)
_DUTY_HOLDERS = re.compile(
    r"(?<![不未])(?:其他)?(?:负有|履行|承担)(?P<work>[^,。;:、]{2,20}?)(?:职责|职能)的(?:有关|相关)?(?:部门|机关|机构)"
)
_DUTY_HOLDER_NOISE = re.compile(r"^其他|(?<=的)(?:有关|相关)")
"""负有…监督管理职责的部门 in any wording; the ones listed as collectives keep their id, one naming a sector's
work (履行工商行政管理职责的部门) is that sector's department, others are generic."""
_TASK_NAMED = re.compile(r"(?<![不未])负责(?!本|全|对)(?:管理)?[^,。;:、()]{2,16}?的(?:部门|机构)")
"""负责特种设备安全监督管理的部门: one department named by its task, of the sector whose stem the task holds."""
SENTENCE_END = frozenset({"。", ";", "!", "?", "\n"})
FRAME_ENDS = frozenset({"时", "同时", "后", "前", "中", "内", "期间", ","})
"""在…时 / 在…范围内 frames set the scene; cues inside them (在处理事故时) are not the subject's."""
LEVEL_SEPARATORS = ("、", "和", "或者", "及", "以及")


class DepartmentMention(BaseModel):
    """A department type named in a text, at a level of government, with the role the text gives it."""

    start: int
    end: int
    text: str
    dept_type: str
    """A sector id from data/departments.yaml, "government", "generic" or a collective id."""
    name: str
    level: str | None = None
    role: Role = "mention"
    former_name: str | None = None
    """The pre-2018 name the text used (环境保护 for today's 生态环境), if any."""
    covers: list[str] = Field(default_factory=list)
    """Sectors a collective mention (负有安全生产监督管理职责的部门) stands for."""
    also: list[str] = Field(default_factory=list)
    """Types the mention stands for besides its own: today's holder of work moved in 2018 (林业主管部门 in a
    sentence on 森林防火 is 应急管理's too), and township_government for 乡、镇人民政府
    (data/departments.yaml: transfers, government_level)."""


@dataclass
class _Token:
    start: int
    end: int
    text: str
    entry: LexiconEntry


def _lexicon_tokens(text: str, taxonomy: DepartmentTaxonomy, pattern: re.Pattern[str]) -> list[_Token]:
    """Lexicon hits and the collective pattern, with level phrases folded into what they qualify:
    a relative qualifier (上一级, 所在地) widens the next token, 区、县(市) + 人民政府 becomes one
    government, and joint levels (市、县(市、区)人民政府) merge into one token."""
    hits = [(m.start(), m.end(), taxonomy.lexicon[m.group()]) for m in pattern.finditer(text)]
    hits = [hit for hit in hits if hit[2].kind != "blocker"]
    for match in _DUTY_HOLDERS.finditer(text):
        entry = taxonomy.lexicon.get(_DUTY_HOLDER_NOISE.sub("", match.group())) or _work_sector(
            match.group("work"), taxonomy, pattern)
        hits = [hit for hit in hits if hit[1] <= match.start() or hit[0] >= match.end()] + [(*match.span(), entry)]
    for match in _TASK_NAMED.finditer(text):
        entry = taxonomy.lexicon.get(match.group()) or _task_sector(match.group(), taxonomy, pattern)
        hits = [hit for hit in hits if hit[1] <= match.start() or hit[0] >= match.end()] + [(*match.span(), entry)]
    tokens: list[_Token] = []
    for start, end, entry in sorted(hits, key=lambda hit: hit[0]):
        token = _Token(start, end, text[start:end], entry)
        previous = tokens[-1] if tokens else None
        if previous and previous.end == start and previous.entry.kind == "level":
            if previous.entry.level is None:
                token = replace(token, start=previous.start, text=text[previous.start:end])
                tokens.pop()
            elif entry.kind == "government" and entry.level is None:
                token = replace(token, start=previous.start, text=text[previous.start:end],
                                entry=replace(entry, level=previous.entry.level))
                tokens.pop()
        elif (
            len(tokens) >= 2
            and entry.kind in ("level", "government")
            and tokens[-1].entry.kind == "separator" and tokens[-1].text in LEVEL_SEPARATORS
            and tokens[-2].entry.kind == "level" and tokens[-2].entry.level is not None
            and tokens[-2].end == tokens[-1].start and tokens[-1].end == start
        ):
            first = tokens[-2]
            level = taxonomy.joint_level([first.entry.level, entry.level])
            token = _Token(first.start, end, text[first.start:end], replace(entry, level=level))
            del tokens[-2:]
        tokens.append(token)
    return _with_fillers(text, tokens)


def _task_sector(phrase: str, taxonomy: DepartmentTaxonomy, pattern: re.Pattern[str]) -> LexiconEntry:
    """The sector of the longest stem inside a task description, as a complete organ; generic without one."""
    stems = [m.group() for m in pattern.finditer(phrase) if taxonomy.lexicon[m.group()].kind == "stem"]
    if not stems:
        return LexiconEntry("collective", "generic")
    return replace(taxonomy.lexicon[max(stems, key=len)], kind="organ")


def _work_sector(work: str, taxonomy: DepartmentTaxonomy, pattern: re.Pattern[str]) -> LexiconEntry:
    """履行工商行政管理职责的部门 is the sector whose stem the work starts with; work that starts otherwise
    (网络数据安全监管, 个人信息保护) is shared by several departments: generic."""
    stem = pattern.match(work)
    if stem and taxonomy.lexicon[stem.group()].kind == "stem":
        return replace(taxonomy.lexicon[stem.group()], kind="organ")
    return LexiconEntry("collective", "generic")


_FILLER = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _with_fillers(text: str, tokens: list[_Token]) -> list[_Token]:
    """Unknown members of a department list (财政、大数据发展、审计等部门) become placeholder stems,
    so one name missing from the taxonomy does not break the list apart. A gap counts only
    between list separators, or between a level and a separator that leads to a known member."""
    result: list[_Token] = []
    for index, token in enumerate(tokens):
        result.append(token)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        if following is None or not _FILLER.fullmatch(text, token.end, following.start):
            continue
        in_list = (
            token.entry.kind == "separator" and following.entry.kind in ("separator", "etc")
            and len(result) >= 2 and result[-2].entry.kind in ("stem", "organ") and result[-2].end == token.start
        )
        opens_list = (
            token.entry.kind in ("level", "government") and following.text == "、"
            and after is not None and after.start == following.end and after.entry.kind in ("stem", "organ")
        )
        if in_list or opens_list:
            result.append(_Token(token.end, following.start, text[token.end:following.start], LexiconEntry("stem")))
    return result


@dataclass
class _Phrase:
    """Adjacent lexicon tokens read as one subject or object: its members share level and role."""

    start: int
    end: int
    members: list[DepartmentMention]


_DEPARTMENT_KINDS = frozenset({"stem", "organ", "generic", "collective"})


class _PhraseReader:
    """Consumes adjacent tokens while they fit `[level] member (、member)* [等] head (和 member …)`."""

    def __init__(self, taxonomy: DepartmentTaxonomy):
        self.taxonomy = taxonomy
        self.level: str | None = None
        self.level_start: int | None = None
        self.members: list[DepartmentMention] = []
        self.pending: list[_Token] = []
        self.end: int | None = None
        self.after_etc = False

    def feed(self, token: _Token, following: _Token | None) -> bool:
        """Take `token` if it continues the phrase; `following` decides whether a level or 、 leads on."""
        if self.end is not None and token.start != self.end:
            return False
        kind = token.entry.kind
        leads_on = following is not None and following.start == token.end
        if self.end is None and kind in ("level", "government"):
            self.level, self.level_start = token.entry.level, token.start
            if not (leads_on and following.entry.kind in _DEPARTMENT_KINDS | {"head"}):
                if kind != "government":
                    return False
                self._add(token.start, token.end, token.entry)
        elif self.end is None and kind not in _DEPARTMENT_KINDS:
            return False
        elif kind == "stem":
            self.pending.append(token)
        elif kind == "head" and not self.pending and self.level_start is not None and not self.members:
            self._add(token.start, token.end, LexiconEntry("generic", "generic"))
        elif kind == "head" or (kind == "generic" and self.pending and self.after_etc):
            if not self.pending:
                return False
            self._close(token)
        elif kind == "generic" and self.pending:
            self._close(token, shared=True)
            self._add(token.start, token.end, token.entry)
        elif kind in ("organ", "generic", "collective"):
            if self.pending:
                return False
            self._add(token.start, token.end, token.entry)
        elif kind in ("separator", "etc"):
            allowed = _DEPARTMENT_KINDS | ({"head", "generic"} if kind == "etc" else set())
            if not (leads_on and following.entry.kind in allowed):
                return False
        else:
            return False
        self.after_etc = kind == "etc"
        self.end = token.end
        return True

    def _add(self, start: int, end: int, entry: LexiconEntry, level: str | None = None, former: str | None = None) -> None:
        if not self.members and self.level_start is not None:
            start = self.level_start
        type_id = entry.type_id or "generic"
        phrase_level = None if type_id in self.taxonomy.nongovernmental else self.level
        self.members.append(
            DepartmentMention(
                start=start, end=end, text="", dept_type=type_id, name=self.taxonomy.names[type_id],
                level=entry.level or phrase_level or level, former_name=former,
                covers=self.taxonomy.covers.get(type_id, []),
            )
        )

    def _close(self, head: _Token, shared: bool = False) -> None:
        """A head (主管部门) completes the stems waiting for it. Stems written together without a
        separator (规划国土资源) are one department, named by the last; the last reaches the head
        unless the head belongs to a following generic member (城乡规划及其他有关主管部门).
        Unknown list members (filler) only keep the list together."""
        groups: list[list[_Token]] = []
        for stem in self.pending:
            if groups and groups[-1][-1].end == stem.start:
                groups[-1].append(stem)
            else:
                groups.append([stem])
        for position, group in enumerate(groups):
            if group[-1].entry.type_id is None:
                continue
            end = head.end if position == len(groups) - 1 and not shared else group[-1].end
            former = next((stem.text for stem in group if stem.entry.former), None)
            self._add(group[0].start, end, group[-1].entry, head.entry.level, former)
        self.pending.clear()

    def phrase(self) -> _Phrase | None:
        if not self.members:
            return None
        return _Phrase(self.members[0].start, max(m.end for m in self.members), self.members)


def _read_phrases(tokens: list[_Token], taxonomy: DepartmentTaxonomy) -> list[_Phrase]:
    phrases, index = [], 0
    while index < len(tokens):
        reader = _PhraseReader(taxonomy)
        start = index
        while index < len(tokens) and reader.feed(tokens[index], next(iter(tokens[index + 1:index + 2]), None)):
            index += 1
        if index == start:
            index += 1
        if phrase := reader.phrase():
            phrases.append(phrase)
    return phrases


def _coordination_groups(text: str, phrases: list[_Phrase]) -> list[list[_Phrase]]:
    """Phrases joined by 、/和/及/或者 (乡镇人民政府、街道办事处和…) share one context and one role."""
    groups: list[list[_Phrase]] = []
    for phrase in phrases:
        coordinated = _COORDINATION_GAP.fullmatch(text, groups[-1][-1].end, phrase.start) if groups else None
        if coordinated and not _is_object(text, phrase.start):
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
    return groups


def _is_object(text: str, start: int) -> bool:
    return text[max(0, start - 4):start].endswith(OBJECT_MARKERS)


_FOUNDED = re.compile(r"(?:设置|设立|举办|开办|兴办|建立)[\u4e00-\u9fff]{0,4}$")
"""县级以上人民政府…设置专门学校实施…: what a subject founds does not end the subject's clause."""


def _is_founded(text: str, start: int) -> bool:
    return bool(_FOUNDED.search(text, max(0, start - 10), start))


class _SentenceWords:
    """jieba words from where a group ends to the end of its sentence, segmented as they are read:
    only sentences that hold a department are segmented, from the start of the jieba block (run of
    han/alphanumerics) holding the group's end, since jieba segments each such block on its own, and
    only as far as the role's cue. Law boilerplate repeats, so segmentations are cached."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [end for _, end in sentence_spans(text)]
        self.block_starts = [match.end() for match in _NOT_IN_BLOCK.finditer(text)]

    def after(self, position: int) -> Iterator[tuple[int, str]]:
        """(offset, word) for the words starting at or after `position`, to the end of its sentence;
        spaces are dropped as spaCy's tokenizer drops them."""
        index = bisect.bisect_right(self.ends, position)
        if index == len(self.ends):
            return
        block = bisect.bisect_right(self.block_starts, position)
        start = self.block_starts[block - 1] if block else 0
        for offset, word in jieba_offsets(self.text[start:self.ends[index]]):
            if start + offset >= position and (not word.isspace() or word in SENTENCE_END):
                yield start + offset, word


_NOT_IN_BLOCK = re.compile(r"[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")
"""Characters outside jieba's han blocks (its re_han_default): a block starts after each one."""


def _group_role(text: str, words: _SentenceWords, group: list[_Phrase], later: list[list[_Phrase]]) -> Role:
    """duty or power from the first cue after the group, read to the sentence end but stopping at
    the next group that is a subject (objects and 会同 partners are read through); objects of
    向/报告… are mentions unless approval follows (报市公安局批准); 由/经 designate a power."""
    start, end = group[0].start, group[-1].end
    if _is_object(text, start):
        return "power" if _APPROVAL.match(text, end) else "mention"
    if text.startswith("的", end):
        return "mention"
    designated = bool(_DESIGNATION.search(text, max(0, start - 12), start))
    stop = next((g[0].start for g in later if not _is_object(text, g[0].start) and not _is_founded(text, g[0].start)),
                len(text))
    in_frame = False
    for (offset, word), (_, next_word) in pairwise(chain(words.after(end), [(len(text), "")])):
        if offset >= stop or word in SENTENCE_END:
            break
        if word == "在" or (in_frame and word in FRAME_ENDS):
            in_frame = word == "在"
            continue
        if in_frame:
            continue
        relative_clause = next_word == "的"
        is_task = word in TASK_VERBS or word[:2] in TASK_PREFIXES
        if word in DUTY_CUES or (is_task and not designated and not relative_clause):
            return "duty"
        if word in POWER_CUES:
            return "power"
    return "power" if designated else "mention"


def find_departments(text: str, original: str | None = None, roles: bool = True) -> list[DepartmentMention]:
    """Mentions in normalised `text`, their `text` cut from `original` (same length) if given.
    Texts without a lexicon hit cost one regex scan: jieba runs only where a role must be read, and
    not at all with roles=False (every mention then has role "mention"; spans, types and levels are
    the same)."""
    taxonomy, pattern = default_taxonomy()
    phrases = _read_phrases(_lexicon_tokens(text, taxonomy, pattern), taxonomy)
    if not phrases:
        return []
    if roles:
        load_departments()
    groups = _coordination_groups(text, phrases)
    words = _SentenceWords(text) if roles else None
    source = text if original is None else original
    sentences = sentence_spans(text)
    mentions: list[DepartmentMention] = []
    for position, group in enumerate(groups):
        role = _group_role(text, words, group, groups[position + 1:]) if words else "mention"
        mentions += [
            member.model_copy(update={"role": role, "text": source[member.start:member.end],
                                      "also": _also(text, sentences, member, taxonomy)})
            for phrase in group for member in phrase.members
        ]
    return mentions


def _also(text: str, sentences: list[tuple[int, int]], mention: DepartmentMention,
          taxonomy: DepartmentTaxonomy) -> list[str]:
    """The types a mention stands for besides its own (DepartmentMention.also)."""
    if mention.dept_type == "government":
        township = taxonomy.government_levels.get(mention.level or "")
        return [township] if township else []
    transfers = [t for t in taxonomy.transfers if mention.dept_type in t.sources]
    if not transfers:
        return []
    start, end = next(((s, e) for s, e in sentences if s <= mention.start < e), (0, len(text)))
    return list(dict.fromkeys(t.target for t in transfers if t.work.search(text, start, end)))


@lru_cache(maxsize=1)
def load_departments() -> None:
    """The taxonomy, and its terms in jieba's dictionary (they must segment whole before roles are read), once."""
    default_taxonomy()
    add_user_words(taxonomy_words())


def extract_departments(article_text: str) -> list[DepartmentMention]:
    """Department mentions in an article, offsets into `article_text` as given."""
    return find_departments(normalize(article_text), article_text)
