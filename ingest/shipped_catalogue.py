"""The national catalogue shipped in data/catalogue (laws with their principal authorities, the laws
they cite, versions, and the current articles that name a department type or an audience: ids and links,
no text), loaded without the corpus."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.graph import (
    ArticleLinks,
    LawGroup,
    NamedType,
    PrincipalFact,
    add_links,
    add_principals,
    lineage_batch,
    with_common_duty,
)
from ingest.records import RepealRecord
from ingest.reference import write_reference
from ingest.report import IngestReport, Tracker, no_progress, timed
from pufa import vocab
from pufa.config import DATA_DIR
from pufa.errors import InputError
from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord, law_id

CATALOGUE_DIR = DATA_DIR / "catalogue"

LAWS_FILE = CATALOGUE_DIR / "laws.jsonl"

ARTICLE_FACTS_FILE = CATALOGUE_DIR / "article_facts.jsonl.gz"
PARTY_REGULATIONS_FILE = DATA_DIR / "party_regulations.yaml"
"""The main 党内法规, which the corpus lacks and party organs' checklists cite: merged into laws.jsonl
by scripts/build_catalogue.py (titles and dates only; common duties by their level)."""


def load_catalogue(
    store: GraphStore, laws_file: Path = LAWS_FILE, facts_file: Path | None = ARTICLE_FACTS_FILE,
    *, batch_size: int = 5000, articles_per_write: int = 30_000, track: Tracker = no_progress,
) -> IngestReport:
    """The national catalogue shipped in data/catalogue: laws, versions, and the articles of current
    versions that name a department type or an audience (numbers and links only, no text).

    Whole laws per transaction, about `articles_per_write` articles each, lineage (repeals,
    implementing rules) last: a law lands whole or not at all, each transaction stays within a
    Neo4j's transaction memory (the whole catalogue in one passed a 1 GB server's 700 MB), and
    LadybugDB, which pays per transaction, writes three. Laws already stored with their texts (by
    `ingest_laws`) are left as they are."""
    report = IngestReport(kind="catalogue", files=1)
    with timed(report):
        rows = read_jsonl(laws_file)
        stored = {row["id"] for row in store.read(queries.laws.laws_with_versions([row["id"] for row in rows]))}
        rows = [row for row in rows if row["id"] not in stored]
        facts = _article_facts(facts_file, {row["id"] for row in rows}) if facts_file else {}
        write_reference(store)
        writer = GraphWriter(store, batch_size=batch_size)
        groups = list(_whole_laws(rows, facts, articles_per_write))
        advance = track("loading the law catalogue", len(rows))
        for group in groups:
            report.add_written(writer.write(_catalogue_batch(group, facts)))
            advance(len(group))
        repeals = [RepealRecord(law_id=row["id"], by_law_id=row["repealed_by"], date=row.get("repealed_on"))
                   for row in rows if row.get("repealed_by")]
        known = {row["id"] for row in rows} | stored
        parents = {row["id"]: row["parent_id"] for row in rows if row.get("parent_id") in known}
        cites = {row["id"]: [target for target in row.get("cites", []) if target in known] for row in rows}
        report.add_written(writer.write(lineage_batch([r for r in repeals if r.by_law_id in known], parents, cites)))
        report.counts = {"laws": len(rows), "already stored with texts": len(stored),
                         "linked articles": sum(map(len, facts.values()))}
    return report


def _whole_laws(rows: list[dict], facts: dict[str, list[dict]], articles: int) -> Iterator[list[dict]]:
    """The rows in groups of whole laws holding about `articles` linked articles each."""
    group, held = [], 0
    for row in rows:
        group.append(row)
        held += sum(len(facts.get(version["id"], ())) for version in row.get("versions", []))
        if held >= articles:
            yield group
            group, held = [], 0
    if group:
        yield group


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from exc


def _article_facts(path: Path, law_ids: set[str]) -> dict[str, list[dict]]:
    facts: dict[str, list[dict]] = defaultdict(list)
    if path.exists():
        for row in read_jsonl(path):
            if row["law_id"] in law_ids:
                facts[row["version_id"]].append(row)
    return facts


def _catalogue_batch(rows: list[dict], facts: dict[str, list[dict]]) -> GraphBatch:
    batch = GraphBatch()
    for row in rows:
        batch.add_node("Law", with_common_duty(LawFacts.model_validate(row)))
        for version in row.get("versions", []):
            batch.add_node("LawVersion", LawVersionRecord.model_validate(
                {**version, "law_id": row["id"], "title": row["title"]}))
            batch.add_edge("HAS_VERSION", row["id"], version["id"])
            for fact in facts.get(version["id"], []):
                batch.add_node("Article", ArticleRecord.model_validate({**fact, "text": ""}))
                batch.add_edge("HAS_ARTICLE", version["id"], fact["id"])
                add_links(batch, [ArticleLinks(fact["id"], [NamedType(*n) for n in fact["names"]], fact["audiences"])])
        add_principals(batch, {row["id"]: [PrincipalFact(*fact) for fact in row.get("principals", [])]})
    return batch


def article_fact_rows(group: LawGroup, links: list[ArticleLinks]) -> Iterator[dict]:
    """Derived facts of linked current articles for data/catalogue (ids, numbers, links; no text)."""
    by_id = {article.id: article for article in group.articles}
    for link in links:
        if link.names or link.audiences:
            article = by_id[link.article_id]
            yield {**article.model_dump(exclude={"text", "paragraphs"}), "names": [list(n) for n in link.names],
                   "audiences": link.audiences}


def party_regulation_rows(path: Path = PARTY_REGULATIONS_FILE) -> list[dict]:
    """data/party_regulations.yaml as catalogue rows (laws.jsonl's shape: no versions, no lineage)."""
    rows = []
    for number, entry in enumerate(vocab.read_yaml(path)["regulations"], start=1):
        try:
            law = LawFacts.model_validate({**entry, "id": law_id(entry["title"])})
        except (KeyError, ValidationError) as exc:
            raise InputError(f"regulation {number}: {exc}", source=str(path)) from None
        rows.append(law.model_dump() | {"versions": [], "repealed_by": None, "parent_id": None, "principals": []})
    return rows


@lru_cache(maxsize=1)
def shipped_law_rows() -> tuple[dict, ...]:
    return tuple(read_jsonl(LAWS_FILE)) if LAWS_FILE.exists() else ()
