"""Lookups: law search, law detail with versions and articles, units, and cases by law or article.

Article search ranks the current articles by BM25 over the words of a question in plain words,
widened by the words the laws use for its colloquial ones (nlp.search); the index of every current
article is built on the first search and kept until a law is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from domain.base.asked import page, stored_page
from domain.base.briefs import fetch_law_briefs, law_sort_key, unit_public
from domain.base.cache import CachedStore, kept_until_write
from domain.base.models import UnitBriefPublic
from domain.catalogue.models import (
    ActingTypePublic,
    ArticleHitPublic,
    ArticleHitsPublic,
    ArticlePublic,
    ArticlesPublic,
    CasePublic,
    CasesPublic,
    ChecklistPublic,
    LawDetailPublic,
    LawLinkPublic,
    LawPublic,
    LawsPublic,
    LawVersionPublic,
    LiaisonPublic,
    UnitDetailPublic,
    UnitsPublic,
)
from graph import queries
from graph.query import Row
from nlp.search import ArticleIndex, prior, query_terms
from pufa.errors import InputError, NotFound


def search_laws(
    store: CachedStore, text: str, *, level: str | None = None, status: str | None = None, skip: int = 0,
    limit: int | None = 100,
) -> LawsPublic:
    """Laws whose title, short title or an alias contains the text; exact names first, then shorter titles."""
    text = _query_text(text)
    found = [
        _law(row) for row in store.read(queries.laws.search_laws(text))
        if (level is None or row["level"] == level) and (status is None or row["status"] == status)
    ]

    def relevance(law: LawPublic) -> tuple:
        exact = text in (law.title, law.short_title, *law.aliases)
        return not exact, not (law.short_title or "").startswith(text), len(law.title or ""), *law_sort_key(law)

    found.sort(key=relevance)
    return LawsPublic(data=page(found, skip, limit), count=len(found))


def resolve_law(store: CachedStore, text: str) -> LawPublic:
    """A law given by id, or by an exact title, short title or alias (as people type it)."""
    rows = store.read(queries.laws.law_detail(text))
    if rows:
        return _law(rows[0])
    exact = [law for law in search_laws(store, text, limit=500).data if text in (law.title, law.short_title, *law.aliases)]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise NotFound(f"no law with id or name {text!r}")
    raise InputError(f"{text!r} names {len(exact)} laws: " + ", ".join(f"{law.id} {law.title}" for law in exact))


def law_detail(
    store: CachedStore, law_id: str, *, version_id: str | None = None, skip: int = 0, limit: int = 100,
) -> LawDetailPublic:
    """A law, its versions and links, and one page of a version's articles (the current one by default)."""
    law = _law(store.one(queries.laws.law_detail(law_id), f"no law with id {law_id!r}"))
    versions = sorted(
        (LawVersionPublic(**row) for row in store.read(queries.laws.law_versions(law_id))),
        key=lambda version: (version.version_date or "", version.id),
    )
    version_id = version_id or law.current_version
    if version_id is not None and version_id not in {version.id for version in versions}:
        raise NotFound(f"law {law_id!r} has no version {version_id!r}")
    links: dict[str, list[LawLinkPublic]] = {"repealed_by": [], "replaces": [], "implements": [], "implemented_by": []}
    for row in store.read(queries.laws.law_repeals(law_id)) + store.read(queries.laws.law_implementations(law_id)):
        links[row.pop("link")].append(LawLinkPublic(**row))
    articles = ArticlesPublic(data=[], count=0)
    if version_id is not None:
        count = store.read(queries.laws.count_version_articles(version_id))[0]["n"]
        rows = stored_page(store, queries.laws.version_articles(version_id, skip, limit), skip, count)
        articles = ArticlesPublic(data=[ArticlePublic(**row) for row in rows], count=count)
    return LawDetailPublic(
        law=law, versions=versions, version_id=version_id, articles=articles,
        **{kind: sorted(found, key=lambda link: (link.title or "", link.id)) for kind, found in links.items()},
    )


@dataclass(frozen=True)
class SearchedArticles:
    """Every current article, indexed for search, and each one's law and place (by index position)."""

    index: ArticleIndex
    articles: list[tuple[str, str, str | None, int | None, str | None, str | None]]
    """(law id, article id, version id, seq, label, path) per position."""


@kept_until_write
def article_index(store: CachedStore) -> SearchedArticles:
    """The article search index: built from one read of every current article, kept until a law is written."""
    laws: dict[str, int] = {}
    titles: list[str] = []
    texts, of_law, priors, articles = [], [], [], []
    for row in store.read(queries.laws.current_articles()):
        if row["law_id"] not in laws:
            laws[row["law_id"]] = len(titles)
            titles.append(row["short_title"] or row["law_title"] or "")
        texts.append(row["text"] or "")
        of_law.append(laws[row["law_id"]])
        priors.append(prior(row["level"], row["status"]))
        articles.append((row["law_id"], row["id"], row["version_id"], row["seq"], row["label"], row["path"]))
    return SearchedArticles(ArticleIndex(texts, of_law, titles, priors), articles)


def search_articles(store: CachedStore, text: str, *, skip: int = 0, limit: int | None = 100) -> ArticleHitsPublic:
    """Current articles answering a question in plain words (醉驾怎么处罚), best first."""
    searched = article_index(store)
    ranked = searched.index.search(query_terms(_query_text(text)))
    shown = page(ranked, skip, limit)
    laws = fetch_law_briefs(store, {searched.articles[position][0] for position, _ in shown})
    hits = []
    for position, _ in shown:
        law_id, article_id, version_id, seq, label, path = searched.articles[position]
        hits.append(ArticleHitPublic(law=laws[law_id], article=ArticlePublic(
            id=article_id, version_id=version_id, seq=seq, label=label, path=path,
            text=searched.index.text(position))))
    return ArticleHitsPublic(data=hits, count=len(ranked))


def law_cases(
    store: CachedStore, law_id: str, *, article: str | None = None, skip: int = 0, limit: int | None = 100,
) -> CasesPublic:
    """Cases citing a law, or one of its articles by label (第一百二十四条); a case's source is its file's
    name, never the server's corpus folder."""
    if law_id not in fetch_law_briefs(store, [law_id]):
        raise NotFound(f"no law with id {law_id!r}")
    cases = sorted(
        (CasePublic(**{**row, "articles": row["articles"] or [],
                       "source": PurePosixPath(row["source"]).name if row["source"] else None})
         for row in store.read(queries.laws.law_cases(law_id))),
        key=lambda case: (case.title or "", case.id),
    )
    if article is not None:
        cases = [case for case in cases if article in case.articles]
    return CasesPublic(data=page(cases, skip, limit), count=len(cases))


def list_units(store: CachedStore, *, text: str | None = None, skip: int = 0, limit: int = 100) -> UnitsPublic:
    """All units by name (paged in the store), or those whose name or an alias contains the text."""
    if text is None:
        count = store.read(queries.units.count_units())[0]["n"]
        return UnitsPublic(data=[unit_public(row) for row in stored_page(store, queries.units.units_page(skip, limit), skip, count)],
                           count=count)
    units = sorted((unit_public(row) for row in store.read(queries.units.search_units(_query_text(text)))),
                   key=lambda unit: (unit.name or "", unit.id))
    return UnitsPublic(data=page(units, skip, limit), count=len(units))


def resolve_unit(store: CachedStore, text: str) -> UnitBriefPublic:
    """A unit given by id, full name or alias (as people type it on the command line)."""
    found = store.read(queries.units.units_named(text))
    if len(found) == 1:
        return UnitBriefPublic(id=found[0]["unit_id"], name=found[0]["unit_name"])
    if not found:
        raise NotFound(f"no unit with id, name or alias {text!r}", advice=f"没有名为“{text}”的单位，请从列表中选择单位名称。")
    raise InputError(f"{text!r} names {len(found)} units: " + ", ".join(f"{row['unit_id']} {row['unit_name']}" for row in found),
                     advice=f"“{text}”对应 {len(found)} 个单位（{'、'.join(row['unit_name'] for row in found)}），请输入完整名称。")


def unit_detail(store: CachedStore, unit_id: str, *, show_liaison: bool = True) -> UnitDetailPublic:
    """A unit with its parent, sections, department types and checklist revisions; its liaison's
    contact details only when asked (for an account that reads the unit)."""
    found = store.one(queries.units.unit_detail(unit_id), f"no unit with id {unit_id!r}")
    unit = unit_public(found)
    parent = store.read(queries.units.parent_unit(unit_id))
    children = store.read(queries.units.sub_units(unit_id))
    return UnitDetailPublic(
        unit=unit, liaison=LiaisonPublic(**{field: found[f"liaison_{field}"] for field in ("name", "post", "phone", "email")})
        if show_liaison else LiaisonPublic(),
        parent=UnitBriefPublic(id=parent[0]["unit_id"], name=parent[0]["unit_name"]) if parent else None,
        sub_units=sorted((UnitBriefPublic(id=row["unit_id"], name=row["unit_name"]) for row in children),
                         key=lambda sub: (sub.name or "", sub.id)),
        department_types=sorted(
            (ActingTypePublic(id=row["type_id"], name=row["type_name"], via=row["via"], organ=row["organ"])
             for row in store.read(queries.departments.unit_types(unit_id))),
            key=lambda named: (named.name or "", named.id),
        ),
        checklists=sorted(
            (ChecklistPublic(**row) for row in store.read(queries.checklists.unit_checklists(unit_id))),
            key=lambda checklist: (-(checklist.year or 0), -(checklist.revision or 0), checklist.id),
        ),
    )


def _law(row: Row) -> LawPublic:
    """A law as `queries.fragments.LAW_FACTS` returns it."""
    return LawPublic.model_validate({**row, "aliases": row["aliases"] or [], "is_common": bool(row["is_common"])})


def _query_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise InputError("the search text is empty")
    return text
