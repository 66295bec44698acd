"""How well a unit's answer to "which laws apply to us" ranks the laws its real list names.

    python -m bench.bench_ranking [bench/data/real_lists.jsonl] [--folds 5] [--seed 33] [--write]

Each record of the file (bench/data/README.md: url, unit, region, year, source checklist|publicity,
laws as written) is a unit registered by its name alone (the liaison form's 单位 column) in a fresh
embedded store loaded with the shipped catalogue; its laws are resolved as a checklist's are, in
its region (names the catalogue does not resolve to one law are counted apart, never as misses) and looked up in
the unit's `GET /units/{id}/applicable` answer (domain.catalogue.coverage.applicable, its region as the scope).
Common duties (宪法, 民法典: every unit's) and laws out of the region's scope are counted apart too.

Printed: recall within the top max(10, 2n) and the top 30 (n: the laws the record names), overall, per
source and per unit kind (its first department type), and the units whose answer is empty:

- as served: the order the answer has now (data/ranking.yaml as shipped);
- held out: the weights of domain.catalogue.importance fitted by k-fold cross-validation over units (folds by
  unit, a fixed seed), and the prior per department type (how often the real lists of units acting as
  it name a law) counted on the training folds only, each unit scored with what was fitted without it;
- in sample: fitted and scored on every unit, for comparison (what `--write` ships).

`--write` saves the weights and the prior fitted on every unit to data/ranking.yaml.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import typer
import yaml
from rich.console import Console
from rich.table import Table

from domain.base.briefs import law_order
from domain.base.cache import CachedStore
from domain.catalogue import coverage
from domain.catalogue.importance import RANKING_FILE, SIGNAL_LABELS, Ranking, locals_unplaced, shipped_ranking
from domain.catalogue.relevance import TIER_RANK
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from ingest.resolve import resolver_catalogue
from ingest.shipped_catalogue import load_catalogue, shipped_law_rows
from ingest.units.load import ingest_units
from nlp.citations import resolve_name
from pufa import vocab
from pufa.laws import unit_id

DEFAULT_LISTS = Path(__file__).resolve().parent / "data" / "real_lists.jsonl"
NO_KIND = "（无类型）"
SIGNALS = list(SIGNAL_LABELS)
PRIOR = SIGNALS.index("prior")
GRID = (-4.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
"""The values each weight is tried at, one weight at a time (coordinate ascent)."""
ROUNDS = 3
LOWERING = frozenset({"implementing", "procedure"})
"""Signals that only ever push a law down (an implementing rule after its law, an organ's own procedure
after what the public must know): their weights are fitted at or below 0, the others at or above."""
FLOORS = {"level": 1.0, "share": 0.5}
"""Weights fitted no lower than this: the level orders the bureau's gap list too, where laws and key regulations
come before departmental rules whatever the lists of one kind of unit say; the share of a law that is the unit's work
is what a unit's own duties are ranked by rather than article counts, which lists of campaign topics (most publicity
records) do not reward (issue 33)."""
START = {**dict.fromkeys(SIGNALS, 1.0), **dict.fromkeys(LOWERING, -1.0), "prior": 4.0}
"""Where every fit starts, the same for each fold: the shipped weights were fitted on every unit, so
starting from them would let the held-out fold's lists in."""


@dataclass
class Case:
    """One real list: the unit as registered, what its answer holds, and the laws it names."""

    record: dict
    kind: str
    type_ids: list[str]
    laws: list[str]
    """Resolved, in scope, not a common duty: what the ranking is scored on."""
    answer: list[str] = field(default_factory=list)
    """The inferred laws in the order served."""
    rows: list = field(default_factory=list)
    """The answer's rows (InferredLawPublic), for re-ranking."""
    titles: dict[str, str] = field(default_factory=dict)
    """The catalogue's title of each scored law, for naming the ones a ranking misses."""
    locals_unplaced: bool = False
    """Its local laws come after every national law (domain.catalogue.importance.locals_unplaced)."""

    @property
    def source(self) -> str:
        return self.record.get("source") or "?"


def read_lists(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [record for line in lines if line.strip() and (record := json.loads(line)).get("unit") and record.get("laws")]


def cutoff(case: Case) -> int:
    return max(10, 2 * len(case.laws))


@dataclass
class Scored:
    """A case as matrices: each answer row's signals, its tie order (level, title), which rows are the list's."""

    case: Case
    values: numpy.ndarray
    later: numpy.ndarray
    """Rows ranked after every national law whatever their score (Case.locals_unplaced)."""
    ties: numpy.ndarray
    targets: numpy.ndarray
    missing: int
    """Laws of the list that are not in the answer at all."""
    law_ids: list[str]

    @classmethod
    def of(cls, case: Case) -> Scored:
        law_ids = [row.law.id for row in case.rows]
        values = numpy.array([[{s.key: s.value for s in row.signals}.get(key, 0.0) for key in SIGNALS]
                              for row in case.rows], dtype=float).reshape(len(case.rows), len(SIGNALS))
        order = sorted(range(len(case.rows)), key=lambda k: law_order(law_ids[k], case.rows[k].law.level,
                                                                     case.rows[k].law.title))
        ties = numpy.empty(len(order), dtype=float)
        ties[order] = numpy.arange(len(order))
        position = {law_id: k for k, law_id in enumerate(law_ids)}
        targets = numpy.array([position[law_id] for law_id in case.laws if law_id in position], dtype=int)
        later = numpy.array([case.locals_unplaced and row.law.region is not None for row in case.rows], dtype=bool)
        return cls(case, values, later, ties, targets, len(case.laws) - len(targets), law_ids)

    def with_prior(self, ranking: Ranking, leave_out: bool) -> numpy.ndarray:
        """The signals with the prior column as `ranking` counts it (without this case's own list when it
        was counted in)."""
        values = self.values.copy()
        own = set(self.case.laws)
        for k, law_id in enumerate(self.law_ids):
            share = 0.0
            for type_id in self.case.type_ids:
                lists, named = ranking.prior.get(type_id, (0, {}))
                count = named.get(law_id, 0)
                if leave_out:
                    lists, count = lists - 1, count - (law_id in own)
                if lists > 0:
                    share = max(share, count / (lists + 2))
            values[k, PRIOR] = share
        return values

    def hits(self, values: numpy.ndarray, weights: numpy.ndarray) -> tuple[int, int]:
        """(laws of the list within max(10, 2n), within 30) when ranked by these weights."""
        if not len(self.targets):
            return 0, 0
        scores = values @ weights
        later, theirs = self.later[None, :], self.later[self.targets, None]
        ahead = (later < theirs) | ((later == theirs) & (
            (scores[None, :] > scores[self.targets, None])
            | ((scores[None, :] == scores[self.targets, None]) & (self.ties[None, :] < self.ties[self.targets, None]))))
        ranks = ahead.sum(axis=1)
        return int((ranks < cutoff(self.case)).sum()), int((ranks < 30).sum())

    def order(self, values: numpy.ndarray, weights: numpy.ndarray) -> list[str]:
        scores = values @ weights
        return [self.law_ids[k] for k in sorted(range(len(self.law_ids)),
                                                key=lambda k: (self.later[k], -scores[k], self.ties[k]))]


def counted_prior(cases: list[Case]) -> dict[str, tuple[int, dict[str, int]]]:
    """Per department type: the lists of units acting as it, and how many name each law."""
    lists: Counter = Counter()
    named: dict[str, Counter] = defaultdict(Counter)
    for case in cases:
        for type_id in dict.fromkeys(case.type_ids):
            lists[type_id] += 1
            named[type_id].update(case.laws)
    return {type_id: (lists[type_id], dict(named[type_id])) for type_id in lists}


def fit(scored: list[Scored], start: dict[str, float]) -> tuple[numpy.ndarray, Ranking]:
    """Weights that rank these cases' lists highest (within max(10, 2n), then within 30), by coordinate
    ascent over GRID from `start`; the prior counted on these cases, each scored without its own list."""
    ranking = Ranking({}, 0, 0, counted_prior([item.case for item in scored]))
    values = [item.with_prior(ranking, leave_out=True) for item in scored]
    weights = numpy.array([start.get(key, 0.0) for key in SIGNALS])

    def objective(trial: numpy.ndarray) -> tuple[int, int]:
        cut = top30 = 0
        for item, held in zip(scored, values, strict=True):
            a, b = item.hits(held, trial)
            cut, top30 = cut + a, top30 + b
        return cut + top30, cut

    best = objective(weights)
    for _ in range(ROUNDS):
        improved = False
        for k in range(len(SIGNALS)):
            for value in GRID:
                if (value > 0 and SIGNALS[k] in LOWERING) or (value < 0 and SIGNALS[k] not in LOWERING):
                    continue
                if value < FLOORS.get(SIGNALS[k], value):
                    continue
                trial = weights.copy()
                trial[k] = value
                found = objective(trial)
                if found > best:
                    best, weights, improved = found, trial, True
        if not improved:
            break
    return weights, ranking


def cross_validated(scored: list[Scored], folds: int, seed: int, start: dict[str, float]) -> dict[int, list[str]]:
    """Each case ranked by weights and a prior fitted on the other folds (folds by unit name)."""
    names = sorted({item.case.record["unit"].strip() for item in scored})
    random.Random(seed).shuffle(names)
    fold_of = {name: k % folds for k, name in enumerate(names)}
    ranked: dict[int, list[str]] = {}
    for fold in range(folds):
        training = [item for item in scored if fold_of[item.case.record["unit"].strip()] != fold]
        weights, ranking = fit(training, start)
        for item in scored:
            if fold_of[item.case.record["unit"].strip()] == fold:
                ranked[id(item.case)] = item.order(item.with_prior(ranking, leave_out=False), weights)
    return ranked


def before_order(case: Case) -> list[str]:
    """The order before importance: tier, then articles giving the type a duty or power, then naming it."""
    return [row.law.id for row in sorted(case.rows, key=lambda row: (
        TIER_RANK[row.relevance.tier], -row.relevance.acting_articles, -row.relevance.named_articles,
        law_order(row.law.id, row.law.level, row.law.title)))]


def tier_level_order(case: Case) -> list[str]:
    """The issue's quick find: tier, then level, then articles."""
    return [row.law.id for row in sorted(case.rows, key=lambda row: (
        TIER_RANK[row.relevance.tier], law_order(row.law.id, row.law.level, row.law.title)[0],
        -row.relevance.acting_articles, row.law.title))]


def write_ranking(weights: numpy.ndarray, ranking: Ranking, cases: list[Case], folds: int, seed: int,
                  held_out: tuple[float, float], path: Path = RANKING_FILE) -> None:
    """data/ranking.yaml: these weights, the prior counted on every case (law titles, not ids), the cut kept."""
    shipped = shipped_ranking()
    titles = {row.law.id: row.law.title for case in cases for row in case.rows}
    prior = {type_id: {"lists": lists, "laws": {titles[law_id]: count for law_id, count in
                                                sorted(named.items(), key=lambda kv: (-kv[1], titles.get(kv[0], "")))
                                                if law_id in titles}}
             for type_id, (lists, named) in sorted(ranking.prior.items())}
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")][:3]
    body = {
        "fitted": (f"{len(cases)} units of bench/data/real_lists.jsonl, {folds}-fold cross-validation over units "
                   f"(seed {seed}): held out {held_out[0]:.0%} within max(10, 2n), {held_out[1]:.0%} within 30"),
        "weights": {key: float(value) for key, value in zip(SIGNALS, weights, strict=True)},
        "cut": shipped.cut,
        "recent_years": shipped.recent_years,
        "prior": prior,
    }
    path.write_text("\n".join(header) + "\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")


def recall(cases: list[Case], ranked: dict[int, list[str]]) -> tuple[float, float, int]:
    """(share within max(10, 2n), share within 30, laws scored) over these cases."""
    within_cut = within_30 = total = 0
    for case in cases:
        order = {law_id: rank for rank, law_id in enumerate(ranked[id(case)])}
        for law_id in case.laws:
            rank = order.get(law_id)
            total += 1
            within_cut += rank is not None and rank < cutoff(case)
            within_30 += rank is not None and rank < 30
    return (within_cut / total if total else 0.0), (within_30 / total if total else 0.0), total


def build_cases(console: Console, records: list[dict], folder: Path) -> tuple[list[Case], Counter]:
    """Register every unit by name, resolve the laws, and read each unit's answer once."""
    store = LadybugStore(folder / "ranking.lbug")
    store.ensure_schema()
    started = time.perf_counter()
    load_catalogue(store)
    names = sorted({record["unit"].strip() for record in records})
    register = folder / "联络员登记表.csv"
    register.write_text("单位,姓名,职务,电话,邮箱\n" + "".join(
        f"{name},联络员{k},股长,0000-{k:07d},u{k}@example.org\n" for k, name in enumerate(names)), encoding="utf-8")
    report = ingest_units(store, register)
    types = {found.unit: found.types for found in report.unit_types}
    catalogue = resolver_catalogue(store)
    console.print(f"catalogue and a names-only register of {len(names)} units loaded in "
                  f"{time.perf_counter() - started:.0f} s")
    shipped = {row["id"]: row for row in shipped_law_rows()}
    regions_in_force = [row.get("region") for row in shipped.values() if row.get("status") == "现行有效"]
    common = vocab.common_duties()
    cached = CachedStore(store)
    counts: Counter = Counter()
    unresolved: Counter = Counter()
    cases: list[Case] = []
    started = time.perf_counter()
    for record in records:
        name = record["unit"].strip()
        acting = types.get(name, [])
        kind = (acting[0].organ or acting[0].type_id) if acting else NO_KIND
        answer = coverage.applicable(cached, unit_id(name), year=record.get("year"),
                                     scope=LawScope(region=record.get("region") or None), limit=None)
        in_scope = {row.law.id for row in answer.inferred}
        laws: list[str] = []
        for written in dict.fromkeys(record["laws"]):
            resolution = resolve_name(written, catalogue, region=record.get("region") or None)
            law = shipped.get(resolution.law_id) if resolution.law_id else None
            if law is None:
                counts["unresolved"] += 1
                unresolved[written] += 1
            elif common.covers(law["title"], law["level"]):
                counts["common duties (every unit's, shown apart)"] += 1
            elif law["id"] in in_scope:
                laws.append(law["id"])
            elif law.get("region") and law["region"] not in (record.get("region") or ""):
                counts["local laws of another region"] += 1
            elif law.get("status") != "现行有效":
                counts["not in force"] += 1
            else:
                laws.append(law["id"])
        laws = list(dict.fromkeys(laws))
        counts["laws scored"] += len(laws)
        cases.append(Case(record, kind, [t.type_id for t in acting], laws, [row.law.id for row in answer.inferred],
                          answer.inferred, {law_id: shipped[law_id]["title"] for law_id in laws},
                          locals_unplaced(record.get("region") or None, regions_in_force)))
    console.print(f"{len(cases)} answers read in {time.perf_counter() - started:.1f} s; names not resolved to one law "
                  "(not scored): " + "、".join(name for name, _ in unresolved.most_common(20)))
    store.close()
    return [case for case in cases if case.laws], counts


def figures_table(console: Console, title: str, cases: list[Case], orders: dict[str, dict[int, list[str]]]) -> None:
    """Recall per source and per unit kind, one column pair per ordering."""
    table = Table(title=title)
    table.add_column("units")
    table.add_column("n", justify="right")
    table.add_column("laws", justify="right")
    for name in orders:
        table.add_column(f"{name}\n≤max(10,2n)", justify="right")
        table.add_column(f"{name}\n≤30", justify="right")
    groups: dict[str, list[Case]] = {"all": cases, "units with an answer": [case for case in cases if case.answer]}
    for source in sorted({case.source for case in cases}):
        groups[f"source: {source}"] = [case for case in cases if case.source == source]
    for form in sorted({case.record["form"] for case in cases if case.record.get("form")}):
        groups[f"checklist form: {form}"] = [case for case in cases if case.record.get("form") == form]
    kinds = Counter(case.kind for case in cases)
    for kind, _ in kinds.most_common():
        groups[f"kind: {kind}"] = [case for case in cases if case.kind == kind]
    for label, members in groups.items():
        cells = []
        for order in orders.values():
            cut, top30, total = recall(members, order)
            cells += [f"{cut:.0%}", f"{top30:.0%}"]
        table.add_row(label, str(len(members)), str(sum(len(case.laws) for case in members)), *cells)
    console.print(table)


def missed(cases: list[Case], ranked: dict[int, list[str]], source: str) -> list[tuple[str, list[int | None]]]:
    """The laws this source's lists name that the ranking puts past max(10, 2n): title and each 1-based rank
    (None: not in the answer at all), most often missed first."""
    ranks: dict[str, list[int | None]] = defaultdict(list)
    for case in cases:
        if case.source != source:
            continue
        order = {law_id: rank for rank, law_id in enumerate(ranked[id(case)])}
        for law_id in case.laws:
            rank = order.get(law_id)
            if rank is None or rank >= cutoff(case):
                ranks[case.titles.get(law_id, law_id)].append(None if rank is None else rank + 1)
    return sorted(ranks.items(), key=lambda item: (-len(item[1]), item[0]))


app = typer.Typer(add_completion=False)


@app.command()
def main(
    lists: Path = typer.Argument(DEFAULT_LISTS, help="The real lists (JSON lines)."),
    folds: int = typer.Option(5, help="Cross-validation folds over units."),
    seed: int = typer.Option(33, help="Seed of the fold assignment."),
    write: bool = typer.Option(False, help="Save the weights and prior fitted on every unit to data/ranking.yaml."),
) -> None:
    console = Console(width=160)
    records = read_lists(lists)
    with tempfile.TemporaryDirectory(prefix="pufa-bench-ranking-") as folder:
        cases, counts = build_cases(console, records, Path(folder))
    console.print("names: " + ", ".join(f"{name} {value}" for name, value in counts.items()))
    scored = [Scored.of(case) for case in cases]
    started = time.perf_counter()
    held_out = cross_validated(scored, folds, seed, START)
    weights, ranking = fit(scored, START)
    in_sample = {id(item.case): item.order(item.with_prior(ranking, leave_out=False), weights) for item in scored}
    console.print(f"fitted {folds + 1} times in {time.perf_counter() - started:.0f} s; weights on every unit: "
                  + ", ".join(f"{SIGNAL_LABELS[key]} {value:g}" for key, value in zip(SIGNALS, weights, strict=True)))
    orders = {"before": {id(case): before_order(case) for case in cases},
              "tier·level": {id(case): tier_level_order(case) for case in cases},
              "as served": {id(case): case.answer for case in cases},
              "held out": held_out, "in sample": in_sample}
    figures_table(console, f"recall on {len(cases)} units of {lists.name} (held out: {folds}-fold, seed {seed})",
                  cases, orders)
    misses = missed(cases, held_out, "checklist")
    console.print("checklist laws past max(10, 2n) held out (rank, — not in the answer): " + "; ".join(
        f"{title} " + ", ".join("—" if rank is None else str(rank) for rank in ranks) for title, ranks in misses[:30]))
    if write:
        cut, top30, _ = recall(cases, held_out)
        write_ranking(weights, ranking, cases, folds, seed, (cut, top30))
        console.print(f"wrote {RANKING_FILE}")
    empty = [case for case in cases if not case.answer]
    console.print(f"units with an empty answer: {len(empty)}"
                  + "".join(f"\n  {case.record['unit']} ({case.kind})" for case in empty))


if __name__ == "__main__":
    app()
