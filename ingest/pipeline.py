"""Files in, graph out: the ingest commands (`pufa ingest …`, the upload endpoints, `pufa demo`).

Adapters (ingest.laws, ingest.units, ingest.checklists) turn files into typed records without
touching a store; this module resolves those records against what the graph already holds
and writes them through `GraphWriter`, one atomic batch per consistent piece (a group of
whole laws, one unit's checklist for one year). Each function returns a report saying what
was written, what was skipped and why, and what could not be resolved.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.checklists import read_checklist
from ingest.checklists.reader import parse_file_name
from ingest.laws import ParsedLawFile, SkippedFile, build_catalogue, law_files, parse_case_file, scan_law_paths
from ingest.laws.graph import (
    ArticleLinks,
    LawGroup,
    NamedType,
    add_links,
    group_batch,
    law_groups,
    lineage_batch,
    link_articles,
    linkable_types,
    with_common_duty,
)
from ingest.laws.model import article_id
from ingest.laws.numerals import to_chinese
from ingest.records import (
    ArticleRecord,
    ChecklistItemRecord,
    ChecklistRecord,
    LawRecord,
    LawVersionRecord,
    RepealRecord,
    stable_id,
)
from ingest.reference import reference_batch
from ingest.units import read_units_with_skips
from nlp.catalogue import Catalogue as NameCatalogue
from nlp.citations import extract_citations, resolve_name
from nlp.departments import extract_departments
from pufa.config import DATA_DIR
from pufa.errors import InputError, PufaError

CATALOGUE_DIR = DATA_DIR / "catalogue"
LAWS_FILE = CATALOGUE_DIR / "laws.jsonl"
ARTICLE_FACTS_FILE = CATALOGUE_DIR / "article_facts.jsonl.gz"
CASE_SUMMARY_CHARS = 400

Advance = Callable[[int], None]
Tracker = Callable[[str, int], Advance]
"""`tracker(description, total)` starts a progress bar and returns its advance function."""


def no_progress(description: str, total: int) -> Advance:
    return lambda steps=1: None


class Skipped(BaseModel):
    """Something in the input that was not stored, and why."""

    source: str
    reason: str


class IngestReport(BaseModel):
    """What one ingest did: rows written per label/relationship, what was skipped, what was not resolved."""

    kind: str
    files: int = 0
    counts: dict[str, int] = Field(default_factory=dict)
    written: dict[str, int] = Field(default_factory=dict)
    skipped: list[Skipped] = Field(default_factory=list)
    unresolved: list[dict] = Field(default_factory=list)
    seconds: float = 0.0

    def add_written(self, written: dict[str, int]) -> None:
        for name, count in written.items():
            self.written[name] = self.written.get(name, 0) + count

    @property
    def failed(self) -> list[Skipped]:
        """Skips that are errors (an unreadable or unusable file), not deliberate omissions."""
        return [skip for skip in self.skipped if skip.reason.startswith("error")]


@contextmanager
def _timed(report: IngestReport) -> Iterator[IngestReport]:
    started = datetime.now()
    yield report
    report.seconds = round((datetime.now() - started).total_seconds(), 2)


def shown(path: Path) -> Path:
    """A path as people should read it in sources and reports: relative to here when it lies below."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def write_reference(store: GraphStore) -> dict[str, int]:
    """The vocabularies every other ingest links to; idempotent and small."""
    return GraphWriter(store).write(reference_batch())


# --- laws ------------------------------------------------------------------------------------


def expand_law_paths(paths: Iterable[Path]) -> tuple[list[Path], Path | None]:
    """Files as given and the law files under folders, with the folder to name sources from."""
    files: list[Path] = []
    roots: list[Path] = []
    for path in map(shown, paths):
        if path.is_dir():
            files += law_files(path)
            roots.append(path)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("no such file or folder", source=str(path))
    return files, roots[0] if len(roots) == 1 else None


def ingest_laws(
    store: GraphStore, paths: Iterable[Path], *, today: date | None = None, workers: int = 2,
    laws_per_group: int = 100, articles_per_write: int = 40_000, batch_size: int = 5000,
    track: Tracker = no_progress,
) -> IngestReport:
    """Parse law files, merge them into laws and versions, link articles, write whole laws per transaction.

    Article analysis (departments, audiences) runs in `workers` processes, `laws_per_group` laws
    at a time, while this one writes; a transaction holds whole laws and about `articles_per_write`
    articles (LadybugDB pays per transaction, so few large ones are much faster)."""
    report = IngestReport(kind="laws")
    with _timed(report):
        files, root = expand_law_paths(paths)
        report.files = len(files)
        parsed: list[ParsedLawFile] = []
        advance = track("parsing law files", len(files))
        for item in scan_law_paths(files, root=root):
            if isinstance(item, SkippedFile):
                reason = item.reason if item.reason != "error" else f"error: {item.message}"
                report.skipped.append(Skipped(source=str(item.path), reason=reason))
            else:
                parsed.append(item)
            advance(1)
        catalogue = build_catalogue(parsed, today=today)
        report.skipped += [Skipped(source=source, reason="duplicate: the same version is in another file")
                           for source in catalogue.duplicates]
        write_reference(store)
        placeholders = [law.id for law in catalogue.laws if not law.current_version]
        stored = {row["id"] for row in store.read(queries.laws_with_versions(placeholders))}
        writer = GraphWriter(store, batch_size=batch_size)
        groups = list(law_groups(catalogue, laws_per_group=laws_per_group, skip=stored))
        advance = track("analysing and writing laws", sum(len(group.laws) for group in groups))
        pending, pending_laws = GraphBatch(), 0
        for group, links in zip(groups, _linked(groups, workers), strict=True):
            pending.extend(group_batch(group, links))
            pending_laws += len(group.laws)
            if len(pending.nodes["Article"]) >= articles_per_write:
                report.add_written(writer.write(pending))
                advance(pending_laws)
                pending, pending_laws = GraphBatch(), 0
        pending.extend(lineage_batch(catalogue.repeals, catalogue.parents))
        report.add_written(writer.write(pending))
        advance(pending_laws)
        report.counts = {"laws": len(catalogue.laws) - len(stored), "versions": len(catalogue.versions),
                         "articles": len(catalogue.articles), "repeals": len(catalogue.repeals)}
    return report


def _linked(groups: list[LawGroup], workers: int) -> Iterator[list[ArticleLinks]]:
    """Each group's article links, in order; computed ahead in worker processes when workers > 1."""
    work = [group.current_articles() for group in groups]
    if workers <= 1 or len(groups) <= 1:
        yield from map(link_articles, work)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(link_articles, work)


# --- the shipped catalogue --------------------------------------------------------------------


def load_catalogue(
    store: GraphStore, laws_file: Path = LAWS_FILE, facts_file: Path | None = ARTICLE_FACTS_FILE,
    *, batch_size: int = 5000, track: Tracker = no_progress,
) -> IngestReport:
    """The national catalogue shipped in data/catalogue: laws, versions, and the articles of current
    versions that name a department type or an audience (numbers and links only, no text).

    One transaction: the catalogue lands whole or not at all (and LadybugDB loads one large
    transaction several times faster, in less memory, than many small ones). Laws already
    stored with their texts (by `ingest_laws`) are left as they are."""
    report = IngestReport(kind="catalogue", files=1)
    with _timed(report):
        rows = _jsonl(laws_file)
        stored = {row["id"] for row in store.read(queries.laws_with_versions([row["id"] for row in rows]))}
        rows = [row for row in rows if row["id"] not in stored]
        facts = _article_facts(facts_file, {row["id"] for row in rows}) if facts_file else {}
        write_reference(store)
        batch = _catalogue_batch(rows, facts)
        repeals = [RepealRecord(law_id=row["id"], by_law_id=row["repealed_by"], date=row.get("repealed_on"))
                   for row in rows if row.get("repealed_by")]
        known = {row["id"] for row in rows} | stored
        parents = {row["id"]: row["parent_id"] for row in rows if row.get("parent_id") in known}
        batch.extend(lineage_batch([r for r in repeals if r.by_law_id in known], parents))
        advance = track("loading the law catalogue", 1)
        report.add_written(GraphWriter(store, batch_size=batch_size).write(batch))
        advance(1)
        report.counts = {"laws": len(rows), "already stored with texts": len(stored),
                         "linked articles": sum(map(len, facts.values()))}
    return report


def _jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from exc


def _article_facts(path: Path, law_ids: set[str]) -> dict[str, list[dict]]:
    facts: dict[str, list[dict]] = defaultdict(list)
    if path.exists():
        for row in _jsonl(path):
            if row["law_id"] in law_ids:
                facts[row["version_id"]].append(row)
    return facts


def _catalogue_batch(rows: list[dict], facts: dict[str, list[dict]]) -> GraphBatch:
    batch = GraphBatch()
    for row in rows:
        batch.add_node("Law", with_common_duty(LawRecord.model_validate(row)))
        for version in row.get("versions", []):
            batch.add_node("LawVersion", LawVersionRecord.model_validate(
                {**version, "law_id": row["id"], "title": row["title"]}))
            batch.add_edge("HAS_VERSION", row["id"], version["id"])
            for fact in facts.get(version["id"], []):
                batch.add_node("Article", ArticleRecord.model_validate({**fact, "text": ""}))
                batch.add_edge("HAS_ARTICLE", version["id"], fact["id"])
                add_links(batch, [ArticleLinks(fact["id"], [NamedType(*n) for n in fact["names"]], fact["audiences"])])
    return batch


def article_fact_rows(group: LawGroup, links: list[ArticleLinks]) -> Iterator[dict]:
    """Derived facts of linked current articles for data/catalogue (ids, numbers, links; no text)."""
    by_id = {article.id: article for article in group.articles}
    for link in links:
        if link.names or link.audiences:
            article = by_id[link.article_id]
            yield {**article.model_dump(exclude={"text", "paragraphs"}), "names": [list(n) for n in link.names],
                   "audiences": link.audiences}


# --- units -----------------------------------------------------------------------------------


def department_type_ids(written: str) -> list[str]:
    """Department types a unit register names (公安机关、出入境管理机构) as taxonomy ids, in order.

    A collective (负有安全生产监督管理职责的部门) describes a duty the unit shares, not what it is,
    so it does not make the unit act as every sector the collective covers."""
    types, _ = linkable_types()
    found: list[str] = []
    for mention in extract_departments(written):
        if mention.dept_type in types and mention.dept_type not in found:
            found.append(mention.dept_type)
    return found


def ingest_units(store: GraphStore, path: Path) -> IngestReport:
    """A unit register (CSV/XLSX/Word table): units, their parents and the department types they act as.

    The whole file is one batch: a bad file changes nothing."""
    report = IngestReport(kind="units", files=1)
    with _timed(report):
        units, skips = read_units_with_skips(shown(path))
        report.skipped = [Skipped(source=f"{s.source_file}:{s.row}", reason=s.reason) for s in skips if s.reason != "blank"]
        write_reference(store)
        parents = {unit.parent_id for unit in units if unit.parent_id}
        known = {unit.id for unit in units} | {row["id"] for row in store.read(queries.existing_ids("Unit", sorted(parents)))}
        batch = GraphBatch()
        for unit in units:
            if unit.parent_id not in known:
                unit = unit.model_copy(update={"parent_id": None})
            batch.add_node("Unit", unit.model_dump(exclude={"dept_types", "parent_name", "source"}))
            batch.replace_edges["ACTS_AS"].add(unit.id)
            batch.replace_edges["PART_OF"].add(unit.id)
            types = [type_id for written in unit.dept_types for type_id in department_type_ids(written)]
            unmapped = [written for written in unit.dept_types if not department_type_ids(written)]
            for type_id in dict.fromkeys(types):
                batch.add_edge("ACTS_AS", unit.id, type_id)
            if unmapped:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "department_types": unmapped})
            if unit.parent_id:
                batch.add_edge("PART_OF", unit.id, unit.parent_id)
            elif unit.parent_name:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "parent": unit.parent_name})
        report.add_written(GraphWriter(store).write(batch))
        report.counts = {"units": len(units), "sub-units": sum(1 for unit in units if unit.parent_id)}
    return report


class UnitDirectory:
    """Finds a unit by id, name or alias as checklists and their 配合单位 columns write them:
    澄河县卫健委 and 县卫健委 are the same unit, so a name also matches without its place prefix
    (the places of the registry's regions, or a bare 县/市/区), when only one unit has that name."""

    def __init__(self, rows: Iterable[dict]):
        rows = list(rows)
        self._places = sorted({part for row in rows for part in _PLACE.findall(row.get("region") or "")} | {"县", "市", "区"},
                              key=len, reverse=True)
        self._ids: dict[str, str] = {}
        place_free: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for name in (row["id"], row["name"], *(row["aliases"] or [])):
                self._ids.setdefault(_unit_key(name), row["id"])
                place_free[self._without_place(_unit_key(name))].add(row["id"])
        self._place_free = {key: next(iter(ids)) for key, ids in place_free.items() if len(ids) == 1}

    @classmethod
    def of(cls, store: GraphStore) -> UnitDirectory:
        return cls(store.read(queries.unit_directory()))

    def find(self, name: str | None) -> str | None:
        if not name:
            return None
        key = _unit_key(name)
        return self._ids.get(key) or self._place_free.get(self._without_place(key))

    def _without_place(self, key: str) -> str:
        """澄河县公安局, 县公安局 → 公安局."""
        stripped = True
        while stripped:
            stripped = False
            for place in self._places:
                if key.startswith(place) and len(key) > len(place) + 1:
                    key, stripped = key[len(place):], True
                    break
        return key


_PLACE = re.compile(r"[\u4e00-\u9fff]+?(?:省|自治区|市|自治州|州|盟|县|区|旗)")


def _unit_key(name: str) -> str:
    return "".join(name.split())


# --- checklists --------------------------------------------------------------------------------


def resolver_catalogue(store: GraphStore) -> NameCatalogue:
    """The shipped national catalogue plus any law stored in the graph that it lacks."""
    rows = {row["id"]: row for row in _shipped_catalogue_rows()}
    for row in store.read(queries.law_names()):
        if row["id"] not in rows:
            rows[row["id"]] = {key: value for key, value in row.items() if value is not None}
    return NameCatalogue.from_records(rows.values())


@lru_cache(maxsize=1)
def _shipped_catalogue_rows() -> tuple[dict, ...]:
    return tuple(_jsonl(LAWS_FILE)) if LAWS_FILE.exists() else ()


def ingest_checklists(
    store: GraphStore, paths: Iterable[Path], *, unit: str | None = None, year: int | None = None,
    track: Tracker = no_progress, submitted_at: str | None = None,
) -> IngestReport:
    """Checklist files; each unit's checklist for a year replaces the previous revision atomically.

    A file that cannot be read, or whose unit is not in the registry, is reported and changes
    nothing; the other files still load. Re-submitting identical content writes nothing."""
    paths = [shown(path) for path in paths]
    report = IngestReport(kind="checklists", files=len(paths))
    with _timed(report):
        write_reference(store)
        context = _ChecklistContext(store)
        advance = track("reading checklists", len(paths))
        for path in paths:
            try:
                records = read_checklist(path, unit=unit, year=year)
                for (unit_id, record_year), merged in _by_unit_year(records, context.units, path).items():
                    context.write(unit_id, record_year, merged, report, submitted_at)
            except PufaError as exc:
                report.skipped.append(Skipped(source=str(path), reason=f"error: {exc}"))
            advance(1)
    return report


def _by_unit_year(
    records: list[ChecklistRecord], units: UnitDirectory, path: Path,
) -> dict[tuple[str, int], list[ChecklistRecord]]:
    grouped: dict[tuple[str, int], list[ChecklistRecord]] = defaultdict(list)
    for record in records:
        unit_id = units.find(record.unit_name) or units.find(parse_file_name(path)[0])
        if unit_id is None:
            found = f"{record.unit_name!r} (from the {record.unit_from})" if record.unit_name else "no unit name"
            raise InputError(f"unit not in the registry: {found}; ingest the unit register first or pass --unit",
                             source=str(path))
        if record.year is None:
            raise InputError("no year in the title or file name; pass --year", source=str(path))
        grouped[(unit_id, record.year)].append(record)
    return grouped


class _ChecklistContext:
    """What writing checklists needs from the graph, read once per ingest."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.units = UnitDirectory.of(store)
        self.catalogue = resolver_catalogue(store)
        self.writer = GraphWriter(store)

    def write(self, unit_id: str, year: int, records: list[ChecklistRecord], report: IngestReport,
              submitted_at: str | None) -> None:
        items = [item for record in records for item in record.items]
        digest = _digest(items)
        revisions = self.store.read(queries.unit_year_checklists(unit_id, year))
        source = ", ".join(dict.fromkeys(record.source_file for record in records))
        if revisions and revisions[0]["digest"] == digest:
            report.skipped.append(Skipped(source=source, reason=f"unchanged: same content as revision "
                                                                   f"{revisions[0]['revision']} of {year}"))
            return
        revision = (revisions[0]["revision"] if revisions else 0) + 1
        checklist_id = stable_id("C", unit_id, str(year), str(revision))
        batch = GraphBatch()
        batch.add_node("Checklist", {
            "id": checklist_id, "unit_id": unit_id, "year": year, "revision": revision, "current": True,
            "source": source, "submitted_at": submitted_at or datetime.now().isoformat(timespec="seconds"),
            "digest": digest,
        })
        batch.add_edge("SUBMITTED", unit_id, checklist_id)
        for row, item in enumerate(items, start=1):
            self._add_item(batch, f"{checklist_id}#{row}", checklist_id, row, item, report)
        self._add_missing_laws(batch)
        with self.store.transaction() as tx:
            tx.run(queries.retire_current_checklists(unit_id, year))
            report.add_written(self.writer.write_in(tx, batch))
            tx.run(queries.summarize_checklist(checklist_id))
        report.skipped += [Skipped(source=f"{s.source_file}:{s.sheet_or_table or ''}:{s.row or ''}", reason=s.reason)
                           for record in records for s in record.skipped if s.reason not in ("blank", "header")]
        counts = Counter(report.counts)
        counts.update({"checklists": 1, "items": len(items)})
        report.counts = dict(counts)

    def _add_item(self, batch: GraphBatch, item_id: str, checklist_id: str, row: int, item: ChecklistItemRecord,
                  report: IngestReport) -> None:
        where = f"{item.source_file}:{item.sheet_or_table + ':' if item.sheet_or_table else ''}{item.row}"
        unresolved = list(item.unresolved)
        claims: dict[str, tuple[float, str]] = {}
        for name in item.law_names:
            resolution = resolve_name(name, self.catalogue)
            if resolution.law_id:
                claims.setdefault(resolution.law_id, (resolution.confidence, name))
            else:
                unresolved.append(f"law:{name}")
                report.unresolved.append({"source": where, "law": name,
                                          "candidates": [c.title for c in resolution.candidates[:3]]})
        partners = []
        for partner in item.partners:
            partner_id = self.units.find(partner)
            if partner_id:
                partners.append(partner_id)
            else:
                unresolved.append(f"partner:{partner}")
        batch.add_node("ChecklistItem", {
            "id": item_id, "checklist_id": checklist_id, "row": row, "source": where,
            "raw": json.dumps(item.raw, ensure_ascii=False), "law_text": item.law_text,
            "audience_text": item.audience_text, "method_text": item.method_text, "timing_text": item.timing_text,
            "section": item.section, "person": item.person, "partners": item.partners, "problems": item.problems,
            "unresolved": unresolved,
        })
        batch.add_edge("HAS_ITEM", checklist_id, item_id)
        for law_id, (confidence, surface) in claims.items():
            batch.add_edge("CLAIMS", item_id, law_id, confidence=confidence, surface=surface)
        for rel, targets in (("TARGETS", item.audience_ids), ("USES", item.method_ids),
                             ("SCHEDULED", item.key_date_ids), ("CO_UNIT", partners)):
            for target in dict.fromkeys(targets):
                batch.add_edge(rel, item_id, target)

    def _add_missing_laws(self, batch: GraphBatch) -> None:
        """Laws claimed but not yet in the graph come in from the catalogue, so every claim lands."""
        add_catalogue_laws(self.store, batch, {row["dst"] for row in batch.edges.get("CLAIMS", [])}, self.catalogue)


def add_catalogue_laws(store: GraphStore, batch: GraphBatch, law_ids: set[str], catalogue: NameCatalogue) -> None:
    """Add Law nodes (catalogue facts only) for the ids the graph does not hold yet."""
    stored = {row["id"] for row in store.read(queries.existing_ids("Law", sorted(law_ids)))}
    for law_id in sorted(law_ids - stored):
        law = catalogue.get(law_id)
        batch.add_node("Law", with_common_duty(LawRecord.model_validate(
            {**law.model_dump(), "short_title": law.short_title or law.title.removeprefix("中华人民共和国"),
             "level": law.level or "法律", "status": law.status or "现行有效", "current_version": None})))


def _digest(items: list[ChecklistItemRecord]) -> str:
    """Content identity of a submission: the rows as written, not where the file was."""
    content = [(item.group, sorted(item.raw.items())) for item in items]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


# --- cases ------------------------------------------------------------------------------------


def ingest_cases(store: GraphStore, paths: Iterable[Path], *, track: Tracker = no_progress) -> IngestReport:
    """Typical cases (以案释法): a LawCase per file, citing the laws and current articles it names."""
    files: list[Path] = []
    for path in map(shown, paths):
        files += sorted(p for p in path.rglob("*.md") if p.name != "_index.md") if path.is_dir() else [path]
    report = IngestReport(kind="cases", files=len(files))
    with _timed(report):
        catalogue = resolver_catalogue(store)
        batch = GraphBatch()
        advance = track("reading cases", len(files))
        cited_articles: dict[str, set[str]] = defaultdict(set)
        for path in files:
            try:
                case = parse_case_file(path)
            except PufaError as exc:
                report.skipped.append(Skipped(source=str(path), reason=f"error: {exc}"))
                advance(1)
                continue
            # the file is named after the case (甲诉乙…纠纷案); its '# ' heading states the holding
            name = Path(case.source).stem
            case_id = stable_id("K", name)
            summary = "\n".join([case.title, *case.sections.values()])[:CASE_SUMMARY_CHARS]
            batch.add_node("LawCase", {"id": case_id, "title": name, "summary": summary, "source": case.source})
            batch.replace_edges["CITES"].add(case_id)
            batch.replace_edges["CITES_ARTICLE"].add(case_id)
            articles: dict[str, list[str]] = defaultdict(list)
            for citation in extract_citations("\n".join(case.sections.values()), catalogue):
                if not citation.law_id:
                    report.unresolved.append({"source": case.source, "law": citation.name})
                    continue
                label = _article_label(citation.article, citation.article_suffix)
                if label and label not in articles[citation.law_id]:
                    articles[citation.law_id].append(label)
                    law = catalogue.get(citation.law_id)
                    if law and law.current_version:
                        cited_articles[case_id].add(article_id(law.current_version, citation.article,
                                                               citation.article_suffix))
                articles.setdefault(citation.law_id, [])
            for law_id, labels in articles.items():
                batch.add_edge("CITES", case_id, law_id, articles=labels)
            advance(1)
        add_catalogue_laws(store, batch, {row["dst"] for row in batch.edges.get("CITES", [])}, catalogue)
        wanted = sorted(set().union(*cited_articles.values())) if cited_articles else []
        present = {row["id"] for row in store.read(queries.existing_ids("Article", wanted))}
        for case_id, article_ids in cited_articles.items():
            for target in sorted(article_ids & present):
                batch.add_edge("CITES_ARTICLE", case_id, target)
        report.add_written(GraphWriter(store).write(batch))
        report.counts = {"cases": len(batch.nodes.get("LawCase", [])), "laws cited": len(batch.edges.get("CITES", [])),
                         "articles cited": len(batch.edges.get("CITES_ARTICLE", []))}
    return report


def _article_label(number: int | None, suffix: int) -> str | None:
    if number is None:
        return None
    return f"第{to_chinese(number)}条" + (f"之{to_chinese(suffix)}" if suffix else "")
