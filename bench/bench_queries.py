"""p50/p95 latency of each read endpoint, through the service layer, per store and scale.

    python -m bench.bench_queries                                  # sample, county and province, both stores
    python -m bench.bench_queries --scale county --repeats 50
    python -m bench.bench_queries --province-units 1500 --province-claims 60000   # a tenth of a province
    python -m bench.bench_queries --scale province --only "GET /shared,GET /audit"   # these endpoints only
    python -m bench.bench_queries --scale province --keep /tmp/pufa-bench   # load once, reuse on the next runs

Sample: the sample county 澄河县 (its unit register and checklists) on the full shipped
catalogue, as `pufa demo` loads it (with the corpus's cases when ../shared is beside the
repository). County: the hand-built county of tests/fixtures_graph.py plus synthetic laws (with
articles naming department types), units and checklists. Province: the same generator at
15,000 units and 600,000 claims. Each call also serializes its answer to JSON, as the API does. The Neo4j
half runs when PUFA_NEO4J_TEST_URI is set (scripts/neo4j-test-server.sh start). Targets:
p95 ≤ 50 ms at county scale, ≤ 500 ms at province scale; spreadsheet downloads ≤ 1 s.
Repeated calls find the whole-graph reads and aggregate answers kept since the last write; the
cold column times calls made each right after a write, which work everything out again.
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from api.app import freeze_loaded_objects
from domain.base import documents
from domain.base.cache import CachedStore
from domain.catalogue import campaign_year, campaigns, coverage, lookup, shared_laws
from domain.checklists import audit, publication
from graph.ladybug_store import LadybugStore
from graph.migrations import summarize_checklists
from graph.queries.scope import LawScope
from graph.query import Query
from graph.schema import NODES
from graph.store import GraphStore
from ingest.checklists.load import write_summary
from ingest.demo import load_demo
from ingest.reference import write_reference
from pufa.config import get_settings
from tests.fixtures_graph import AUDIENCES, DEPARTMENT_TYPES, KEY_DATES, METHODS, YEAR, build_county

COUNTY_TARGET_MS, PROVINCE_TARGET_MS = 50, 500
EXPORT_TARGET_MS = 1000
"""Spreadsheet downloads (a county's coverage matrix has 100,000 cells) are held to their own target."""
CITIES = ["示例市", "东城市", "西城市", "南城市", "北城市", "中城市", "江城市", "山城市", "海城市", "湖城市"]
LEVELS = [("法律", 20), ("行政法规", 25), ("地方性法规", 45), ("部门规章", 10)]
COMMON_LAWS = ["LCON", "LCIV"]


@dataclass(frozen=True)
class Arguments:
    """What the endpoints' varying arguments are drawn from, and their fixed ones."""

    units: Sequence[str]
    laws: Sequence[str]
    regions: Sequence[str]
    """For campaigns in a region."""
    gap_region: str
    case_law: str
    checklist_unit: str


@dataclass(frozen=True)
class Workload:
    """A graph to time the endpoints on: how it is loaded and where their arguments come from."""

    name: str
    title: str
    target_ms: int
    repeats: int
    load: Callable[[GraphStore], object]
    arguments: Callable[[GraphStore], Arguments]
    exports: bool = True


@dataclass(frozen=True)
class Scale:
    name: str
    units: int
    laws: int
    claims: int
    articles_per_law: int = 12
    department_types: int = 40

    def workload(self, repeats: int, batch: int) -> Workload:
        county = self.name == "county"
        return Workload(
            self.name, f"{self.name}: {self.units:,} units, {self.laws:,} laws, {self.claims:,} claims",
            COUNTY_TARGET_MS if county else PROVINCE_TARGET_MS, repeats if county else max(3, repeats // 4),
            lambda store: load(store, self, batch), lambda store: self.arguments(), exports=county,
        )

    def counties(self) -> list[str]:
        """The counties' names, each naming one county only: a region holds the units whose region contains
        it, so 测试县1 would be eleven counties (测试县1, 测试县10 … 测试县19) of a province's hundred."""
        names = [f"测试县{n}" for n in range(max(1, self.units // 150))]
        return [name for name in names if not any(other != name and other.startswith(name) for other in names)]

    def arguments(self) -> Arguments:
        return Arguments(
            units=[f"SU{j}" for j in range(self.units)], laws=[f"SL{i}" for i in range(self.laws)],
            regions=self.counties(), gap_region="示例市测试县0",
            case_law="LFOOD", checklist_unit="UMKT",
        )


def sample_workload(repeats: int) -> Workload:
    """The sample county on the full catalogue, as `pufa demo` loads it."""
    cases = get_settings().corpus_dir / "案例"
    return Workload("sample", "sample county 澄河县 on the full shipped catalogue", COUNTY_TARGET_MS, repeats,
                    lambda store: load_demo(store, cases_dir=cases), stored_arguments)


def stored_arguments(store: GraphStore) -> Arguments:
    def column(cypher: str) -> list[str]:
        return [row["v"] for row in store.read(Query("bench_arguments", cypher))]

    units, laws = column("MATCH (u:Unit) RETURN u.id AS v ORDER BY v"), column("MATCH (l:Law) RETURN l.id AS v ORDER BY v")
    regions = column("MATCH (u:Unit) WHERE u.region IS NOT NULL RETURN DISTINCT u.region AS v ORDER BY v")
    cited = column("MATCH (:LawCase)-[:CITES]->(l:Law) RETURN l.id AS v ORDER BY v LIMIT 1")
    submitting = column("MATCH (u:Unit)-[:SUBMITTED]->(c:Checklist) WHERE c.current RETURN u.id AS v ORDER BY v LIMIT 1")
    return Arguments(units=units, laws=laws, regions=regions, gap_region=regions[0], case_law=(cited or laws)[0],
                     checklist_unit=submitting[0])


def synthetic(scale: Scale, seed: int = 7) -> dict[str, list[dict]]:
    """Rows per label and relationship, on top of the fixture county (whose ids they reuse)."""
    rng = random.Random(seed)
    principal_rng = random.Random(seed + 1)  # its own draws: the rest of the graph is as before principals
    types = list(DEPARTMENT_TYPES) + [f"T{k}" for k in range(scale.department_types - len(DEPARTMENT_TYPES))]
    data: dict[str, list[dict]] = defaultdict(list)
    data["DepartmentType"] = [{"id": t, "name": f"第{k}类主管部门", "aliases": []} for k, t in enumerate(types)
                              if t not in DEPARTMENT_TYPES]
    laws_by_type: dict[str, list[str]] = defaultdict(list)
    current: list[str] = []
    for i in range(scale.laws):
        law_id, level = f"SL{i}", rng.choices([lv for lv, _ in LEVELS], [w for _, w in LEVELS])[0]
        primary = rng.choice(types)
        status = "已废止" if rng.random() < 0.15 else "现行有效"
        data["Law"].append({
            "id": law_id, "title": f"{'安全' if i % 7 == 0 else ''}测试管理{level}{i}", "short_title": f"测试法{i}",
            "aliases": [f"测{i}"], "level": level, "category": "行政法", "status": status,
            "region": rng.choice(CITIES) if level == "地方性法规" else None, "effective": f"{2000 + i % 25}-01-01",
            "current_version": f"{law_id}@v", "is_common": False,
        })
        data["LawVersion"].append({"id": f"{law_id}@v", "law_id": law_id, "title": f"测试法{i}", "status": status})
        data["HAS_VERSION"].append({"src": law_id, "dst": f"{law_id}@v"})
        if status == "已废止" and current:
            data["REPEALED_BY"].append({"src": law_id, "dst": rng.choice(current), "date": "2021-01-01"})
        elif status == "现行有效":
            current.append(law_id)
            laws_by_type[primary].append(law_id)
            if principal_rng.random() < 0.6:  # as in the catalogue: most laws in force name a principal authority
                data["PRINCIPAL"].append({"src": law_id, "dst": primary, "article_ids": [f"{law_id}@v/1"],
                                          "article_labels": ["第1条"], "gov_levels": ["county_and_above"],
                                          "cues": ["supervises"]})
        for seq in range(1, scale.articles_per_law + 1):
            article_id = f"{law_id}@v/{seq}"
            data["Article"].append({"id": article_id, "law_id": law_id, "version_id": f"{law_id}@v", "seq": seq,
                                    "number": seq, "label": f"第{seq}条", "text": f"第{seq}条 有关部门应当加强监督管理和宣传教育。"})
            data["HAS_ARTICLE"].append({"src": f"{law_id}@v", "dst": article_id})
            if rng.random() < 0.4:
                named = primary if rng.random() < 0.7 else rng.choice(types)
                role = rng.choices(["duty", "power", "mention"], [5, 3, 2])[0]
                data["NAMES"].append({"src": article_id, "dst": named, "gov_level": "county_and_above", "role": role})
    _units_and_checklists(scale, rng, types, laws_by_type, current, data)
    return data


def _units_and_checklists(scale: Scale, rng: random.Random, types: list[str], laws_by_type: dict[str, list[str]],
                          current: list[str], data: dict[str, list[dict]]) -> None:
    submitting = max(1, round(scale.units * 0.95))
    per_unit = max(1, math.ceil(scale.claims / submitting))
    top_level: list[str] = []
    claims = 0
    for j in range(scale.units):
        unit_id = f"SU{j}"
        parent = rng.choice(top_level) if top_level and rng.random() < 0.1 else None
        data["Unit"].append({"id": unit_id, "name": f"测试县{j // 150}第{j}单位", "aliases": [], "kind": "行政执法机关",
                             "region": f"{CITIES[j % len(CITIES)]}测试县{j // 150}", "parent_id": parent})
        if parent:
            data["PART_OF"].append({"src": unit_id, "dst": parent})
        else:
            top_level.append(unit_id)
        unit_types = rng.sample(types, rng.choices([0, 1, 2], [5, 80, 15])[0])
        data["ACTS_AS"] += [{"src": unit_id, "dst": t} for t in unit_types]
        if j >= submitting:
            continue
        checklist_id = f"SC{j}"
        data["Checklist"].append({"id": checklist_id, "unit_id": unit_id, "year": YEAR, "revision": 1, "current": True,
                                  "source": f"{unit_id}.xlsx"})
        data["SUBMITTED"].append({"src": unit_id, "dst": checklist_id})
        implied = [law for t in unit_types for law in laws_by_type[t]]
        for row in range(1, min(per_unit, scale.claims - claims) + 1):
            item_id = f"{checklist_id}#{row}"
            pick = rng.random()
            law = rng.choice(implied) if implied and pick < 0.6 else rng.choice(COMMON_LAWS) if pick < 0.7 else rng.choice(current)
            data["ChecklistItem"].append({
                "id": item_id, "checklist_id": checklist_id, "row": row, "source": f"{unit_id}.xlsx:{row + 1}",
                "law_text": f"《{law}》", "problems": ["missing:when:empty"] if rng.random() < 0.1 else [],
                "unresolved": ["timing:适时"] if rng.random() < 0.05 else [],
            })
            data["HAS_ITEM"].append({"src": checklist_id, "dst": item_id})
            data["CLAIMS"].append({"src": item_id, "dst": law, "confidence": 1.0})
            data["TARGETS"].append({"src": item_id, "dst": rng.choice(list(AUDIENCES))})
            data["USES"].append({"src": item_id, "dst": rng.choice(list(METHODS))})
            if rng.random() < 0.25:
                data["SCHEDULED"].append({"src": item_id, "dst": rng.choice(list(KEY_DATES))})
            if rng.random() < 0.02:
                data["CO_UNIT"].append({"src": item_id, "dst": f"SU{rng.randrange(scale.units)}"})
            claims += 1


def load(store: GraphStore, scale: Scale, batch: int) -> None:
    """Write the fixture county and the synthetic rows."""
    build_county(store)
    for name, rows in synthetic(scale).items():
        upsert = store.upsert_nodes if name in NODES else store.upsert_edges
        for start in range(0, len(rows), batch):
            upsert(name, rows[start : start + batch])
    summarize_checklists(store)


Endpoint = Callable[[CachedStore, random.Random], object]


def endpoints(arguments: Arguments, exports: bool) -> dict[str, Endpoint]:
    """One call per endpoint, its varying argument drawn at random (a unit, a law, a region)."""
    unit = lambda rng: rng.choice(arguments.units)  # noqa: E731
    law = lambda rng: rng.choice(arguments.laws)  # noqa: E731
    region = lambda rng: rng.choice(arguments.regions)  # noqa: E731
    calls: dict[str, Endpoint] = {
        "GET /gaps": lambda s, rng: coverage.coverage_gaps(s, LawScope(), limit=50),
        "GET /gaps?region=…": lambda s, rng: coverage.coverage_gaps(s, LawScope(region=arguments.gap_region), limit=50),
        "GET /gaps/units/{id}": lambda s, rng: coverage.unit_gaps(s, unit(rng), limit=50),
        "GET /units/{id}/applicable": lambda s, rng: coverage.applicable(s, unit(rng), include_sub_units=True),
        "GET /shared": lambda s, rng: shared_laws.shared_laws(s, LawScope(), limit=50),
        "GET /shared/{law}": lambda s, rng: shared_laws.shared_law(s, law(rng)),
        "GET /campaigns?key_date_id": lambda s, rng: campaigns.campaigns(s, key_date_id="constitution_day", limit=20),
        "GET /campaigns?key_date_id&region": lambda s, rng: campaigns.campaigns(
            s, key_date_id="constitution_day", region=region(rng), limit=20),
        "GET /campaigns?law_id": lambda s, rng: campaigns.campaigns(s, law_id=law(rng), limit=20),
        "GET /campaigns?audience_id": lambda s, rng: campaigns.campaigns(s, audience_id="students", limit=20),
        "GET /campaigns/year?region": lambda s, rng: campaign_year.campaign_year(s, None, region(rng)),
        "GET /campaigns/year/{key_date}?region": lambda s, rng: campaign_year.date_campaign(
            s, rng.choice(["constitution_day", "childrens_day", "consumer_rights_day", "environment_day"]),
            region=region(rng)),
        "GET /audit": lambda s, rng: audit.audit_summary(s, limit=50),
        "GET /audit/not-submitted": lambda s, rng: audit.not_submitted(s, limit=50),
        "GET /audit/problems": lambda s, rng: audit.flagged_items(s, "problems", limit=50),
        "GET /audit/outdated": lambda s, rng: audit.outdated_citations(s, limit=50),
        "GET /audit/units/{id}": lambda s, rng: audit.unit_audit(s, unit(rng)),
        "GET /laws?q=": lambda s, rng: lookup.search_laws(s, "安全", limit=50),
        "GET /laws/{id}": lambda s, rng: lookup.law_detail(s, law(rng), limit=50),
        "GET /articles?q=": lambda s, rng: lookup.search_articles(s, "食品安全", limit=50),
        "GET /laws/{id}/cases": lambda s, rng: lookup.law_cases(s, arguments.case_law),
        "GET /units": lambda s, rng: lookup.list_units(s, limit=50),
        "GET /units/{id}": lambda s, rng: lookup.unit_detail(s, unit(rng)),
    }
    if exports:
        calls["GET /exports/coverage (xlsx)"] = lambda s, rng: coverage.coverage_download(
            s, year=None, scope=LawScope(), file_format="xlsx")
        calls["GET /exports/audit (xlsx)"] = lambda s, rng: audit.audit_download(
            s, year=None, scope=LawScope(), file_format="xlsx")
        calls["GET /campaigns/lists/key_dates (docx)"] = lambda s, rng: documents.to_docx(
            [campaign_year.key_dates_sheet(campaign_year.campaign_year(s, None, None))])
        calls["GET /exports/units/{id}/checklist"] = lambda s, rng: documents.to_xlsx(
            [publication.checklist_table(s, arguments.checklist_unit)])
    return calls


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (with few samples p95 is the slowest call)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


Timings = dict[str, tuple[float, float, float, float, float]]
"""Endpoint -> p50 and p95 of repeated calls, the slowest call right after a checklist write and
right after a catalogue write, and the largest answer's JSON in KB."""


def timed(call: Endpoint, store: CachedStore, rng: random.Random) -> tuple[float, int]:
    """Milliseconds of one call and the size of its answer as JSON (bytes; 0 for a download)."""
    started = time.perf_counter()
    with store.one_stamp():  # as the API answers each GET
        answer = call(store, rng)
        size = len(answer.model_dump_json()) if hasattr(answer, "model_dump_json") else 0
    return (time.perf_counter() - started) * 1000, size


def checklist_write(store: GraphStore, rng: random.Random) -> None:
    """What a unit's upload or a review step does around its rows: the vocabularies made sure of (as
    every load does), then one current checklist's counts, claims and rows per key date and audience
    written again (the Checklist, ROWS_ON and ROWS_FOR tables)."""
    write_reference(store)
    checklist_id = rng.choice(store.read(CURRENT_CHECKLISTS)[0]["ids"])
    with store.transaction() as tx:
        write_summary(tx, checklist_id)


def catalogue_write(store: GraphStore, rng: random.Random) -> None:
    """What a law ingest does to the Law table: one law written again as it is."""
    store.upsert_nodes("Law", [rng.choice(store.read(SOME_LAWS))])


CURRENT_CHECKLISTS = Query("bench_current_checklists", "MATCH (c:Checklist) WHERE c.current RETURN collect(c.id) AS ids")
SOME_LAWS = Query("bench_some_laws", "MATCH (l:Law) RETURN " + ", ".join(f"l.{c} AS {c}" for c in NODES["Law"].columns)
                  + " LIMIT 50")


def measure(store: GraphStore, workload: Workload, only: Sequence[str] = ()) -> Timings:
    """Repeated calls (warm: whole-graph reads and aggregate answers are kept until a table they
    read is written), and calls each right after a write (cold): a checklist write, which leaves
    what is worked out from the catalogue and the register standing, and a catalogue write, which
    retires nearly everything; `only` names the endpoints to time (all when empty)."""
    rng = random.Random(11)
    results = {}
    answers = CachedStore(store)  # as the API sees the store
    freeze_loaded_objects()  # as the API does once it has started
    for name, call in endpoints(workload.arguments(store), workload.exports).items():
        if only and name not in only:
            continue
        for _ in range(workload.repeats):  # query plans and the server's compiled code, as in a running service
            call(answers, rng)
        checklist_write(store, rng)  # ... those of bringing an answer up to date too
        call(answers, rng)
        catalogue_write(store, rng)  # ... but the answers themselves worked out again
        call(answers, rng)  # the whole-graph reads every answer shares
        calls = [timed(call, answers, rng) for _ in range(workload.repeats)]
        samples = [ms for ms, _ in calls]
        cold = {}
        for write in (checklist_write, catalogue_write):
            cold[write] = []
            for _ in range(min(3, workload.repeats)):
                write(store, rng)
                cold[write].append(timed(call, answers, rng)[0])
        results[name] = (statistics.median(samples), percentile(samples, 0.95), max(cold[checklist_write]),
                         max(cold[catalogue_write]), max(size for _, size in calls) / 1000)
    return results


def _neo4j_store() -> GraphStore | None:
    uri = os.environ.get("PUFA_NEO4J_TEST_URI")
    if not uri:
        return None
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(uri, os.environ.get("PUFA_NEO4J_USER", "neo4j"), os.environ.get("PUFA_NEO4J_PASSWORD", ""))


def main(
    scale: str = typer.Option("all", help="sample, county, province or all."),
    county_units: int = 30, county_laws: int = 3000, county_claims: int = 600,
    province_units: int = 15_000, province_laws: int = 5000, province_claims: int = 600_000,
    repeats: int = typer.Option(20, help="Timed calls per endpoint (province: a quarter, at least 3)."),
    stores: str = typer.Option("ladybug,neo4j", help="Comma-separated: ladybug, neo4j."),
    batch: int = 50_000,
    only: str = typer.Option("", help="Comma-separated endpoint names to time, as the table names them; all when empty."),
    keep: Path | None = typer.Option(None, help="A folder where each workload's LadybugDB graph is kept and the Neo4j "
                                                "graph left loaded, for the next run to reuse instead of loading again."),
) -> None:
    workloads = {
        "sample": sample_workload(repeats),
        "county": Scale("county", county_units, county_laws, county_claims).workload(repeats, batch),
        "province": Scale("province", province_units, province_laws, province_claims).workload(repeats, batch),
    }
    if scale != "all" and scale not in workloads:
        raise typer.BadParameter(f"unknown scale {scale!r}; use {', '.join(workloads)} or all")
    chosen = [name.strip() for name in only.split(",") if name.strip()]
    unknown = set(chosen) - set(endpoints(Scale("county", 1, 1, 1).arguments(), exports=True))
    if unknown:
        raise typer.BadParameter(f"unknown endpoints {', '.join(sorted(unknown))}")
    console = Console()
    for workload in workloads.values() if scale == "all" else [workloads[scale]]:
        columns = {}
        for kind in (name.strip() for name in stores.split(",")):
            timings = _run(kind, workload, console, chosen, keep)
            if timings is not None:
                columns[kind] = timings
        console.print(_table(workload, columns))


def _run(kind: str, workload: Workload, console: Console, only: Sequence[str], keep: Path | None) -> Timings | None:
    """Load a fresh store of this kind with the workload's graph (or reuse the one kept) and time every endpoint on it."""
    if kind == "ladybug":
        with tempfile.TemporaryDirectory(prefix="pufa-bench-") as folder:
            store = LadybugStore((keep or Path(folder)) / f"{workload.name}.lbug")
            try:
                console.print(f"ladybug: {_loaded(store, workload, keep)}")
                timings = measure(store, workload, only)
                _note(store, workload, keep)
                return timings
            finally:
                store.close()
    if kind != "neo4j":
        raise typer.BadParameter(f"unknown store {kind!r}; use ladybug or neo4j")
    store = _neo4j_store()
    if store is None:
        console.print("[yellow]neo4j: skipped (PUFA_NEO4J_TEST_URI unset)[/]")
        return None
    try:
        console.print(f"neo4j: {_loaded(store, workload, keep)}")
        timings = measure(store, workload, only)
        _note(store, workload, keep)
        console.print(_table(workload, {"neo4j": timings}))
        return timings
    finally:
        if keep is None:
            store.clear()  # leave the shared test server empty
        store.close()


def _loaded(store: GraphStore, workload: Workload, keep: Path | None) -> str:
    """Load the workload's graph, unless `keep` notes that the store holds it (`_note`), and say how long it took."""
    store.ensure_schema()
    noted = _noted(store, workload, keep) if keep is not None else None
    if noted is not None and noted.exists():
        if json.loads(noted.read_text()) == store.counts():
            return f"reused the {workload.name} graph kept in {keep}"
        noted.unlink()  # a load cut short leaves no note
    store.clear()
    started = time.perf_counter()
    workload.load(store)
    return f"loaded {workload.name} in {time.perf_counter() - started:.0f} s"


def _note(store: GraphStore, workload: Workload, keep: Path | None) -> None:
    """Note in `keep` the node counts of the workload's graph as a whole run leaves it (with the bench's
    writes), for the next run to tell that it can reuse it."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        _noted(store, workload, keep).write_text(json.dumps(store.counts()))


def _noted(store: GraphStore, workload: Workload, keep: Path) -> Path:
    return keep / f"{workload.name}.{store.kind}.json"


def _table(workload: Workload, columns: dict[str, Timings]) -> Table:
    table = Table(title=f"{workload.title} — ms; p50/p95 of repeated calls, cold = slowest right after a "
                        f"checklist write, cold law = after a catalogue write, "
                        f"KB = the largest answer as JSON (target p95 ≤ {workload.target_ms} ms, downloads ≤ {EXPORT_TARGET_MS} ms)")
    table.add_column("endpoint")
    for kind in columns:
        for column in ("p50", "p95", "cold", "cold law", "KB"):
            table.add_column(f"{kind} {column}", justify="right")
    for name in next(iter(columns.values()), {}):
        target = EXPORT_TARGET_MS if name.startswith("GET /exports") else workload.target_ms
        cells = []
        for timings in columns.values():
            p50, p95, cold, cold_law, size = timings[name]
            cells += [_cell(p50, None), _cell(p95, target), _cell(cold, target), _cell(cold_law, target),
                      _cell(size, None)]
        table.add_row(name, *cells)
    return table


def _cell(ms: float, target: float | None) -> str:
    """Figures measured against the target are green or red."""
    if target is None:
        return f"{ms:.1f}"
    return f"[{'green' if ms <= target else 'red'}]{ms:.1f}[/]"


if __name__ == "__main__":
    typer.run(main)
