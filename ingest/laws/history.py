"""A law's history note: when it was passed, amended and put in force, and by whom.

LawRefBook writes one event per line (``2017年11月4日 …第二次修正``); the national database
writes them in one parenthesis (``（2009年2月28日…通过　根据2015年4月24日…修正）``) and lines
sometimes break inside a date. So the note is read as one string cut at every date: each
date owns the words up to the next date, and those words say what happened on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.laws.numerals import to_int

_YEAR = "[0-9０-９〇零○一二三四五六七八九]{4}"
_DAY = "[0-9０-９一二三四五六七八九十]{1,3}"
DATE = re.compile(rf"({_YEAR})\s*年\s*({_DAY})\s*月\s*({_DAY})\s*日")
"""A written date; Chinese numerals (二〇二〇年五月二十八日) are allowed for body sentences."""

_TITLE = re.compile(r"《[^》]*》")
_AMENDED = re.compile(r"修正|修订|修改")
_AMENDING_INSTRUMENT = re.compile(r"的《[^》]*(?:修正案|修改|决定)[^》]*》")
"""…通过的《刑法修正案（二）》: the law was amended by another instrument passed that day."""
_IN_FORCE = re.compile(r"施行|生效")
_PASSED = re.compile(r"通过|公布|发布|颁布|批准|审议|印发|制定")
_IN_FORCE_ON_PUBLICATION = re.compile(r"(?:公布|发布|颁布|印发)之日(?:起)?(?:施行|生效)")


def iso_date(year: str, month: str, day: str) -> str | None:
    """ISO date from numeral strings, None when they do not make a calendar date."""
    try:
        return date(to_int(year), to_int(month), to_int(day)).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class History:
    """Dates read from a history note; `issuer_text` is the wording of the first passing event
    (of the first event when none says it passed the law), which names the issuing body."""

    promulgated: str | None = None
    amended: list[str] = field(default_factory=list)
    effective: str | None = None
    in_force_on_publication: bool = False
    issuer_text: str | None = None
    dates: list[str] = field(default_factory=list)
    """Every event date in order, whatever the event."""


def read_history(lines: list[str]) -> History:
    """Classify each dated event: amendments (修正/修订, or passing an amending instrument) win over
    entry into force (施行), which wins over passing (通过/公布/批准…); 公布施行 counts as both."""
    note = "".join(lines)
    history = History(in_force_on_publication=bool(_IN_FORCE_ON_PUBLICATION.search(note)))
    matches = list(DATE.finditer(note))
    passed: list[str] = []
    for index, match in enumerate(matches):
        day = iso_date(*match.groups())
        if day is None:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(note)
        words = note[match.end():end]
        bare = _TITLE.sub("", words)
        history.dates.append(day)
        if _AMENDED.search(bare) or _AMENDING_INSTRUMENT.search(words):
            history.amended.append(day)
            continue
        if _IN_FORCE.search(bare):
            history.effective = day
        if _PASSED.search(bare):
            passed.append(day)
            if history.issuer_text is None:
                history.issuer_text = words.strip()
    if history.issuer_text is None and matches:
        history.issuer_text = note[matches[0].end():matches[1].start() if len(matches) > 1 else len(note)].strip()
    history.amended.sort()
    if passed:
        history.promulgated = min(passed)
    if history.effective is None and history.in_force_on_publication:
        history.effective = history.promulgated
    return history
