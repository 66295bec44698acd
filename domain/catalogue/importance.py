"""How important a law is to a unit: what makes it one the unit would popularize, as a score from
explainable signals (docs/relevance-tiers.md, "Importance").

Per (law, unit): the tier (主管, 相关, 提及), whether the unit's type is principal because its organ issued
the law (司法部 and 律师执业管理办法), and the unit's share of the law's articles (not their count).
Per law, worked out once per write (`law_standing`): its level (法律 before 行政法规 before 部门规章
before local rules), whether it is an implementing rule (after its law) or a rule of an organ's own
procedure (公安机关办理刑事案件程序规定), how much of it addresses the public (公民, 企业, 经营者), how
many laws in force cite it (REFERS_TO), whether it is new or newly amended, and the matter its title
names (戒毒条例: 戒毒), which counts for a unit whose own name holds it (戒毒管理局) or words it otherwise
(抗震救灾办公室 and 地震监测管理条例, data/matter_words.yaml). Per department type:
how often real lists of units acting as it name the law (a prior counted from the evaluation corpus).
The weights and the prior live in data/ranking.yaml, fitted by bench/bench_ranking.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import chinese_date
from domain.catalogue.relevance import TypeEvidence
from graph import queries
from graph.queries.scope import LawScope
from nlp.law_titles import implementing_rule, own_procedure, title_subject
from nlp.unit_types import MATTER_ACTIONS, subject_words
from pufa import vocab
from pufa.config import DATA_DIR
from pufa.errors import InputError
from pufa.laws import law_id

RANKING_FILE = DATA_DIR / "ranking.yaml"

SIGNAL_LABELS: dict[str, str] = {
    "principal": "主管部门",
    "issuer": "发布机关",
    "related": "负有职责",
    "level": "位阶",
    "implementing": "实施性规定",
    "procedure": "内部程序规定",
    "public": "面向社会",
    "share": "本单位条文占比",
    "centrality": "被其他法规引用",
    "recent": "新颁或新修订",
    "named": "单位名称所指",
    "prior": "同类单位清单常列",
}
"""Each signal of the score, as the unit page names it."""

LEVEL_VALUE: dict[str, float] = {
    "宪法": 1.0, "法律": 1.0, "行政法规": 0.75, "监察法规": 0.6, "党内法规": 0.5, "部门规章": 0.45,
    "地方性法规": 0.35, "自治条例和单行条例": 0.35, "地方政府规章": 0.25, "司法解释": 0.2, "规范性文件": 0.1,
}
"""The level signal: a 法律 before a 行政法规 before a 部门规章 before local rules."""
KEY_LEVELS = frozenset({"宪法", "法律", "行政法规"})
"""National laws and key regulations: the bureau's gap list opens with them within each tier."""


@dataclass(frozen=True)
class Ranking:
    """data/ranking.yaml: the weight of each signal, the importance cut the bureau checks lists
    against, and the prior per department type."""

    weights: dict[str, float]
    cut: int
    """A unit's top laws (by importance, of those it is 主管 for) that a checklist is expected to list."""
    recent_years: int
    prior: dict[str, tuple[int, dict[str, int]]]
    """Department type id → (real lists of units acting as it, law id → how many of them name it)."""

    def prior_of(self, type_ids: list[str] | tuple[str, ...], law: str) -> tuple[float, int, int]:
        """(share, lists naming it, lists) of the unit's type whose real lists name the law most often;
        smoothed so that one list of one kind says little."""
        best = (0.0, 0, 0)
        for type_id in type_ids:
            lists, named = self.prior.get(type_id, (0, {}))
            count = named.get(law, 0)
            share = count / (lists + 2) if lists else 0.0
            if share > best[0]:
                best = (share, count, lists)
        return best


def read_ranking(path: Path = RANKING_FILE) -> Ranking:
    data = vocab.read_yaml(path)
    try:
        weights = {key: float(data["weights"].get(key, 0.0)) for key in SIGNAL_LABELS}
        prior = {type_id: (int(entry["lists"]), {law_id(title): int(count) for title, count in entry["laws"].items()})
                 for type_id, entry in (data.get("prior") or {}).items()}
        return Ranking(weights, int(data["cut"]), int(data["recent_years"]), prior)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"ranking parameters: {exc}", source=str(path)) from None


@lru_cache(maxsize=1)
def shipped_ranking() -> Ranking:
    return read_ranking()


CENTRALITY_SCALE = math.log1p(100)
"""Cited by 100 laws in force counts as fully central (宪法-like laws are cited by hundreds)."""


@dataclass(frozen=True)
class LawStanding:
    """What ranks a law by itself, whoever asks."""

    title: str
    level: str
    implementing: bool
    procedure: bool
    public: float
    """Share of its current articles addressing the public."""
    public_articles: int
    article_count: int
    cited_by: int
    changed: str | None
    """When it was passed or last amended: new or newly amended in the `recent_years` up to the year asked."""
    subject: str = ""
    """The matter its title names (nlp.law_titles.title_subject): a unit whose name holds it is named for the law."""
    region: str | None = None
    """For a local law, its region."""
    base: float = 0.0
    """The weighted sum of `values`: the signals that are the law's own, whoever asks."""

    def values(self) -> dict[str, float]:
        return {"level": LEVEL_VALUE.get(self.level, 0.0), "implementing": float(self.implementing),
                "procedure": float(self.procedure), "public": self.public,
                "centrality": min(1.0, math.log1p(self.cited_by) / CENTRALITY_SCALE)}

    def names(self, unit_name: str) -> str:
        """The matter of the law a unit of this name is named after, or "": the law's whole matter (戒毒管理局 and
        戒毒条例, 水文局 and 水文条例; 网湖湿地管理局 and 湿地保护法, by the matter without its action), a
        matter the name narrows the unit to that the title holds (律师工作管理处 and 律师执业管理办法, 检疫 of
        林业有害生物防治检疫局 and 植物检疫条例, 法制处 and 仲裁法 by the matters its organ adds; never a place, a
        generic word or the field of every 司法局), or a matter the name words as the laws do not (抗震救灾办公室
        and 地震监测管理条例, data/matter_words.yaml)."""
        if not unit_name:
            return ""
        if self.subject and self.subject in unit_name:
            return self.subject
        if (matter := _core_matter(self.subject)) and matter in unit_name:
            return matter
        if narrowed := next((word for word in subject_words(unit_name) if word in self.title), ""):
            return narrowed
        return next((word for word, used in vocab.matter_words().items()
                     if word in unit_name and any(law_word in self.title for law_word in used)), "")

    def recent(self, year: int) -> bool:
        return self.changed is not None and year - shipped_ranking().recent_years < int(self.changed[:4]) <= year


def _core_matter(subject: str) -> str:
    """The title's matter without its action (湿地保护 → 湿地), or "" when none is left to match on."""
    for action in MATTER_ACTIONS:
        if subject.endswith(action) and len(subject) - len(action) >= 2:
            return subject[: -len(action)]
    return ""


@dataclass(frozen=True)
class CatalogueStanding:
    laws: dict[str, LawStanding]
    newest_year: int
    """The year of the newest law in scope: what "new" is measured from when no year is asked."""
    locals_unplaced: bool = False
    """Asked for no region, the scope holds local laws of several regions (`locals_unplaced`)."""

    def year(self, asked: int | None) -> int:
        return asked or self.newest_year

    def minor(self, law_id: str) -> bool:
        """Whether the law is below the key levels (a 部门规章, a local rule …): the gap list chases it later."""
        found = self.laws.get(law_id)
        return found is None or found.level not in KEY_LEVELS

    def after_national(self, law_id: str) -> bool:
        """Whether the law is a local one ranked after every national law (`locals_unplaced`)."""
        found = self.laws.get(law_id)
        return self.locals_unplaced and found is not None and found.region is not None


def locals_unplaced(asked_region: str | None, law_regions: Iterable[str | None]) -> bool:
    """Whether local laws come after every national law: asked for no region, with the local laws of several
    regions in scope, a local law may be any province's (a unit registered without a region would otherwise
    find 浙江省安全生产条例 before 抗旱条例); a bureau that loaded its own province's rules alone keeps them in place."""
    return asked_region is None and len({region for region in law_regions if region}) > 1


@kept_until_write
def law_standing(store: CachedStore, scope: LawScope) -> CatalogueStanding:
    """Every law in scope's standing, worked out once per write, not per request."""
    weights = shipped_ranking().weights
    laws = {}
    for row in store.read(queries.laws.law_standing(scope)):
        title = row["title"] or ""
        articles = int(row["article_count"] or 0)
        public = int(row["public_articles"] or 0)
        found = LawStanding(
            title=title, level=row["level"] or "", implementing=implementing_rule(title), procedure=own_procedure(title),
            public=public / articles if articles else 0.0, public_articles=public, article_count=articles,
            cited_by=int(row["cited_by"] or 0),
            changed=max(filter(None, (row["promulgated"], row["amended"])), default=None), subject=title_subject(title),
            region=row["region"],
        )
        laws[row["id"]] = replace(found, base=sum(weights[key] * value for key, value in found.values().items()))
    newest = max((found.changed for found in laws.values() if found.changed), default=None)
    return CatalogueStanding(laws, int(newest[:4]) if newest else date.today().year,
                             locals_unplaced(scope.region, (found.region for found in laws.values())))


def unit_share(standing: LawStanding | None, best: TypeEvidence) -> float:
    """The unit's share of the law's articles: those giving its type a duty or power, of all."""
    return min(1.0, best.acting_articles / standing.article_count) if standing and standing.article_count else 0.0


def score(standing: LawStanding | None, best: TypeEvidence, prior: float, year: int, weights: dict[str, float],
          unit_name: str = "") -> float:
    """`importance` of `signals`, without building them: what orders a unit's thousand laws per request.
    `unit_name` is the unit's own name; empty when ranking for a department type, not one unit."""
    found = 0.0
    if standing is not None:
        found = (standing.base + weights["share"] * unit_share(standing, best) + weights["recent"] * standing.recent(year)
                 + weights["named"] * bool(standing.names(unit_name)))
    return (found + weights["principal"] * (best.tier == "principal") + weights["issuer"] * bool(best.issuers)
            + weights["related"] * (best.tier == "related") + weights["prior"] * prior)


@dataclass(frozen=True)
class Signal:
    key: str
    value: float
    """The signal's value in [0, 1], what its weight multiplies."""
    detail: str
    """What it is for this law, in Chinese (法律, 24%, 被 57 部法规引用)."""


def signals(standing: LawStanding | None, best: TypeEvidence, prior: tuple[float, int, int], year: int,
            unit_name: str = "") -> list[Signal]:
    """The signals placing a law for a unit: its strongest tier's evidence (for a rule with no text, the tier of the
    law it implements: 实施《消费者权益保护法》), the law's standing, the prior."""
    implementing = f"实施《{best.implements}》" if best.implements else ""
    found = [Signal("principal", float(best.tier == "principal"), (implementing or "是") if best.tier == "principal" else "否"),
             Signal("issuer", float(bool(best.issuers)), "、".join(best.issuers) or "否"),
             Signal("related", float(best.tier == "related"), implementing or f"{best.acting_articles} 条规定其职责或权力")]
    if standing is not None:
        values = standing.values()
        share = unit_share(standing, best)
        recent = standing.recent(year)
        named_for = standing.names(unit_name)
        found += [
            Signal("level", values["level"], standing.level or "未知"),
            Signal("implementing", values["implementing"], "是" if standing.implementing else "否"),
            Signal("procedure", values["procedure"], "是" if standing.procedure else "否"),
            Signal("public", values["public"], f"{standing.public_articles}/{standing.article_count} 条面向公众"),
            Signal("share", share, f"{share:.0%}（{best.acting_articles}/{standing.article_count} 条）"),
            Signal("centrality", values["centrality"], f"被 {standing.cited_by} 部现行法规引用"),
            Signal("recent", float(recent), f"{chinese_date(standing.changed)}通过或修改" if recent and standing.changed else "否"),
            Signal("named", float(bool(named_for)), _named_detail(named_for, unit_name)),
        ]
    share, named, lists = prior
    found.append(Signal("prior", share, f"{lists} 份同类清单中 {named} 份列入" if lists else "无同类清单"))
    return found


def _named_detail(named_for: str, unit_name: str) -> str:
    """单位名称含「戒毒」 when the name holds the matter; 单位职能含「仲裁」 when its organ's table adds it to a word
    the name holds (市局法制处: nlp.unit_types.OrganTable.subject_words)."""
    if not named_for:
        return "否"
    return f"单位名称含「{named_for}」" if named_for in unit_name else f"单位职能含「{named_for}」"
