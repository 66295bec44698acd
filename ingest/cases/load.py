"""Typical cases (以案释法) into the graph: a LawCase per file, citing the laws and the current
articles it names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.cases.parse import parse_case_file
from ingest.laws.model import article_id
from ingest.laws.numerals import to_chinese
from ingest.report import IngestReport, Skipped, Tracker, no_progress, shown, timed
from ingest.resolve import add_catalogue_laws, resolver_catalogue
from nlp.citations import extract_citations
from pufa.errors import PufaError
from pufa.laws import stable_id

CASE_SUMMARY_CHARS = 400


def ingest_cases(store: GraphStore, paths: Iterable[Path], *, track: Tracker = no_progress) -> IngestReport:
    """Typical cases (以案释法): a LawCase per file, citing the laws and current articles it names."""
    files: list[Path] = []
    for path in map(shown, paths):
        files += sorted(p for p in path.rglob("*.md") if p.name != "_index.md") if path.is_dir() else [path]
    report = IngestReport(kind="cases", files=len(files))
    with timed(report):
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
        present = {row["id"] for row in store.read(queries.nodes.existing_ids("Article", wanted))}
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
