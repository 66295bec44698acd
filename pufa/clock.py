"""The clock as a value: whatever depends on the time (login throttling, invite expiry, deadlines,
transition times) takes one, so that tests set the time instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Local wall-clock time to the second: what people read in the audit trail."""
    return datetime.now().replace(microsecond=0)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
