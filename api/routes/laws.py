"""Law lookup: search, detail with versions and paged articles, article text search, cases."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, StoreDep
from domain.catalogue import lookup
from domain.catalogue.models import ArticleHitsPublic, CasesPublic, LawDetailPublic, LawsPublic

router = APIRouter(tags=["laws"])


@router.get("/laws", response_model=LawsPublic)
def search_laws(
    store: StoreDep, paging: PagingDep,
    q: Annotated[str, Query(min_length=1, description="Part of a title, short title or alias (食品安全, 食安法).")],
    level: str | None = None, status: str | None = None,
) -> LawsPublic:
    """Laws by name, alias or abbreviation; exact names first."""
    return lookup.search_laws(store, q, level=level, status=status, skip=paging.skip, limit=paging.limit)


@router.get("/articles", response_model=ArticleHitsPublic)
def search_articles(
    store: StoreDep, paging: PagingDep,
    q: Annotated[str, Query(min_length=1, description="A question in plain words (醉驾怎么处罚) or the words to find; "
                                                      "the best articles first. Read up to 200 characters.")],
) -> ArticleHitsPublic:
    """Articles of current versions containing every word of the text (cut by jieba), by law and article."""
    return lookup.search_articles(store, q, skip=paging.skip, limit=paging.limit)


@router.get("/laws/{law_id}", response_model=LawDetailPublic)
def law_detail(store: StoreDep, paging: PagingDep, law_id: str, version_id: str | None = None) -> LawDetailPublic:
    """A law with its versions, repeal and implementation links, and a page of articles of one version."""
    return lookup.law_detail(store, law_id, version_id=version_id, skip=paging.skip, limit=paging.limit)


@router.get("/laws/{law_id}/cases", response_model=CasesPublic)
def law_cases(
    store: StoreDep, paging: PagingDep, law_id: str,
    article: Annotated[str | None, Query(description="An article label, e.g. 第一百二十四条.")] = None,
) -> CasesPublic:
    """Typical cases (以案释法) citing the law or one of its articles."""
    return lookup.law_cases(store, law_id, article=article, skip=paging.skip, limit=paging.limit)
