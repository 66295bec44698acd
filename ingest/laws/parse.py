"""From a law file on disk to a ParsedLawFile, and from folders to a stream of them.

Format readers only split a file into title, history and body lines (LawDocument); the
interpretation — dates, level, issuer, region, articles, repeals — is shared, so a law reads
the same whether it arrives as Markdown, plain text or Word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.decoding import read_decoded
from ingest.laws import classify
from ingest.laws.body import RawArticle, read_articles
from ingest.laws.docx import read_docx
from ingest.laws.history import read_history
from ingest.laws.markdown import read_markdown
from ingest.laws.model import LawDocument, NotALaw, ParsedLawFile, SkippedFile, article_id, version_id
from ingest.laws.plaintext import read_plaintext
from ingest.laws.statements import canonical_title, find_aliases, find_repeals, stated_effective
from pufa.errors import InputError
from pufa.laws import ArticleRecord, law_id

LAW_SUFFIXES = (".md", ".txt", ".docx")
FILE_DATE = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[）)]$")
"""产品质量法(2018-12-29).md: LawRefBook names a version by its date."""
TEMPLATE_NAME = "法律法规模版.md"
_CLOSING_ARTICLES = 3
"""How many final articles may hold the 本法自…起施行 sentence."""


def source_name(path: Path, root: Path | None) -> str:
    """The path as records cite it: relative to the scan root when there is one."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _folders(path: Path, root: Path | None) -> tuple[str, ...]:
    """Folders that may name the corpus folder: below the root and the root itself (so scanning
    …/经济法 directly still knows the category), or every folder when there is no root."""
    if root is not None:
        try:
            return (root.name, *path.relative_to(root).parts)
        except ValueError:
            pass
    return path.resolve().parts


def skip_reason(path: Path, folders: tuple[str, ...]) -> str | None:
    """Files in a law folder that are not laws, by name or place (see SKIP_REASONS)."""
    name = path.name
    if name == "_index.md":
        return "index"
    if name == TEMPLATE_NAME:
        return "template"
    if name.lower().startswith("readme"):
        return "readme"
    if classify.CASES_FOLDER in folders[:-1]:
        return "case"
    return None


def read_document(path: Path, *, source: str) -> tuple[LawDocument, str | None, str]:
    """The split file, its text encoding (None for .docx) and its format name."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path, source=source), None, "docx"
    if suffix not in LAW_SUFFIXES:
        raise InputError(f"unsupported file type {suffix or '(none)'}; expected .md, .txt or .docx", source=source)
    text, encoding = read_decoded(path)
    if suffix == ".md":
        return read_markdown(text, source=source), encoding, "markdown"
    return read_plaintext(text.splitlines(), source=source), encoding, "plaintext"


def parse_law_file(path: Path, *, root: Path | None = None) -> ParsedLawFile:
    """Parse one .md (LawRefBook), .txt (national database text) or .docx law file.

    Raises NotALaw for files that are readable but not laws (folder indexes, cases, guides)
    and InputError for files that cannot be read; both name the file."""
    path = Path(path)
    source = source_name(path, root)
    folders = _folders(path, root)
    if reason := skip_reason(path, folders):
        raise NotALaw(reason, source=source)
    document, encoding, file_format = read_document(path, source=source)
    return interpret(document, path=path, folders=folders, source=source, encoding=encoding, file_format=file_format)


def interpret(
    document: LawDocument, *, path: Path, folders: tuple[str, ...], source: str, encoding: str | None, file_format: str
) -> ParsedLawFile:
    """Dates, classification, articles and statements of one split law file."""
    history = read_history(document.history)
    file_date = FILE_DATE.search(path.stem)
    subtitle = canonical_title(document.subtitle) if document.subtitle else None
    raw_articles = read_articles(document.body, markdown=document.markdown, prefix=(subtitle,) if subtitle else ())
    if not history.dates and not file_date and not raw_articles:
        raise NotALaw("not_a_law", source=source)
    title = canonical_title(document.title)
    body_text = "\n".join(document.body)

    effective = history.effective
    if effective is None:
        closing = "\n".join(p for article in raw_articles[-_CLOSING_ARTICLES:] for p in article.paragraphs)
        stated, on_publication = stated_effective(closing if raw_articles else body_text[-600:])
        effective = stated or (history.promulgated if on_publication else None)
    passing = [day for day in (history.promulgated, *history.amended) if day]
    version_date = file_date.group(1) if file_date else max(passing or history.dates, default=None)

    folder, below = classify.top_folder(folders)
    place = classify.title_region(title) or classify.folder_province(folder, below)
    ministry = below[0] if folder == "部门规章" and below else None
    issuer = classify.issuer_of(history.issuer_text, title=title, region=place, ministry_folder=ministry)
    level = classify.level_of(folder, title, issuer)
    law = law_id(title)
    return ParsedLawFile(
        source=source,
        format=file_format,
        encoding=encoding,
        title=title,
        subtitle=subtitle,
        history=document.history,
        promulgated=history.promulgated,
        amended=history.amended,
        effective=effective,
        version_date=version_date,
        level=level,
        category=classify.category_of(folder, below),
        issuer=issuer,
        region=place if classify.is_local(level) else None,
        aliases=find_aliases(body_text),
        articles=article_records(raw_articles, law, version_id(law, version_date)),
        repeals=[repealed for repealed in find_repeals(body_text) if law_id(repealed) != law],
    )


def article_records(raw_articles: list[RawArticle], law: str, version: str) -> list[ArticleRecord]:
    """Articles with their ids; `seq` is the order in the file, starting at 1. A number that
    repeats in one text (a numbering slip) gets ``~2``, ``~3`` … after its id so ids stay unique."""
    records: list[ArticleRecord] = []
    seen: dict[str, int] = {}
    for seq, article in enumerate(raw_articles, start=1):
        identifier = article_id(version, article.number, article.suffix)
        seen[identifier] = seen.get(identifier, 0) + 1
        if seen[identifier] > 1:
            identifier = f"{identifier}~{seen[identifier]}"
        records.append(
            ArticleRecord(
                id=identifier,
                law_id=law,
                version_id=version,
                seq=seq,
                number=article.number,
                suffix=article.suffix,
                label=article.label,
                path=article.path,
                text="\n".join(article.paragraphs),
                paragraphs=article.paragraphs,
            )
        )
    return records


def law_files(directory: Path) -> list[Path]:
    """The .md, .txt and .docx files under a folder, sorted, leaving out hidden files and folders
    (.git, .lawignore)."""
    return sorted(
        file
        for file in directory.rglob("*")
        if file.suffix.lower() in LAW_SUFFIXES
        and not any(part.startswith(".") for part in file.relative_to(directory).parts)
        and file.is_file()
    )


def scan_law_paths(paths: Iterable[Path], *, root: Path | None = None) -> Iterator[ParsedLawFile | SkippedFile]:
    """Every law file under the given folders (recursively, in sorted order) or given directly.

    A folder is the root of the files found in it; files given directly are relative to
    `root` when one is given (sources and corpus folders are read from that relative path).
    A file that is not a law or cannot be read becomes a SkippedFile with its reason, and the
    scan goes on."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in law_files(path):
                yield _parse_or_skip(file, path)
        else:
            yield _parse_or_skip(path, root)


def _parse_or_skip(path: Path, root: Path | None) -> ParsedLawFile | SkippedFile:
    try:
        return parse_law_file(path, root=root)
    except NotALaw as skipped:
        return SkippedFile(path, skipped.reason, str(skipped))
    except InputError as error:
        return SkippedFile(path, "error", str(error))
