"""What an answer was asked for: the checklist year (the working year by default), a page of rows, a deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from domain.base.cache import CachedStore
from domain.base.documents import chinese_date
from graph import queries
from graph.query import Query, Row
from pufa.errors import InputError

T = TypeVar("T")


def checklist_year(store: CachedStore, year: int | None) -> int | None:
    """The year asked for, else the working year."""
    return year if year is not None else working_year(store)


def working_year(store: CachedStore) -> int | None:
    """The one year every page and answer works in unless asked for another: the latest the bureau
    opened in 年度安排, else the latest with a current checklist (a unit's draft of next year never
    moves it)."""
    opened = store.read(queries.review.latest_opened_year())[0]["year"]
    return opened if opened is not None else store.read(queries.checklists.latest_checklist_year())[0]["year"]


def page(items: Sequence[T], skip: int, limit: int | None) -> list[T]:
    """One page of a sorted answer; no limit (exports) means all of it."""
    return list(items[skip:] if limit is None else items[skip : skip + limit])


def stored_page(store: CachedStore, page_query: Query, skip: int, count: int) -> list[Row]:
    """A page the store sorts and slices (ORDER BY … SKIP … LIMIT), not asked for when it starts past
    the last row: LadybugDB crashes the whole process (SIGSEGV) on a SKIP thousands past the end."""
    return store.read(page_query) if skip < count else []


def deadline(value: str | None, today: date, *, required: str | None) -> str | None:
    """A deadline as given (YYYY-MM-DD), not already passed; `required` says what needs one (None: optional)."""
    if not value:
        if required:
            raise InputError(f"{required} needs its deadline (YYYY-MM-DD)", location="deadline",
                             advice="请填写办理期限后重新提交。")
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date: YYYY-MM-DD", location="deadline",
                         advice="所填期限不是有效的日期，请在日期框中重新选择。") from None
    if day < today:
        raise InputError(f"the deadline {day.isoformat()} has already passed", location="deadline",
                         advice=f"期限{chinese_date(day)}已过，请填写今天或以后的日期。")
    return day.isoformat()
