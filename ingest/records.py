"""Typed records the ingest adapters yield and the graph writer stores.

Adapters never talk to a store: they turn files into these records, so parsing can be
tested without a database and one writer serves every source. A law, its versions and
articles are `pufa.laws` models, which the whole project shares.
Dates are ISO strings (YYYY-MM-DD) so both stores compare them the same way.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from pufa.vocab import UNIT_KINDS


class RepealRecord(BaseModel):
    """`law_id` was repealed by `by_law_id` (a statement such as …同时废止 in the newer law)."""

    law_id: str
    by_law_id: str
    date: str | None = None


# --- Units and checklists ------------------------------------------------------------------
# Read by ingest.units (unit registers, liaison forms) and ingest.checklists (the yearly
# 普法责任清单 in Word, Excel, CSV or prose). Raw text is always kept next to what was parsed
# from it, so the justice bureau can see exactly what a unit wrote.

class UnitRecord(BaseModel):
    """A responsible unit (普法责任主体) or one of its sections / second-level units."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = Field(default=None, pattern=f"^({'|'.join(UNIT_KINDS)})$")
    parent_id: str | None = None
    parent_name: str | None = None
    """The parent as written; `parent_id` is the id of the unit of that name or alias in the same file."""
    region: str | None = None
    dept_types: list[str] = Field(default_factory=list)
    """Department types the unit acts as, as written (公安机关, 市场监督管理部门 …); not yet mapped."""
    liaison_name: str | None = None
    liaison_post: str | None = None
    liaison_phone: str | None = None
    liaison_email: str | None = None
    source: str | None = None
    """File and row the unit came from, e.g. data/sample/units.csv:12."""


class ActingType(BaseModel):
    """A department type a unit acts as, and where that came from: the register's 职能类型 column
    (`written`, which wins), the unit's name or an alias (data/organs.yaml), or the bureau's correction."""

    type_id: str
    via: Literal["written", "name", "alias", "bureau"]
    organ: str | None = None
    """For `name` and `alias`: the organ the name was read as (市场监督管理局 for 县工商局)."""


class UnitTypes(BaseModel):
    """One unit of a register and the types it acts as: what a register ingest reports per unit."""

    unit_id: str
    unit: str
    source: str | None = None
    types: list[ActingType] = Field(default_factory=list)


class ChecklistSkip(BaseModel):
    """A non-empty row that did not become an item, and why (nothing is dropped silently).

    Reasons: title, header, repeated_header, heading (a 一、系统内普法 group row), note
    (填表说明, signatures), preamble (prose text that is not a numbered item), blank (an empty separator row between items), numbered_blank
    (a row with only its number), no_header (a whole table or sheet with no recognisable
    header; `row` is None and `raw` holds its first cells).
    """

    source_file: str
    sheet_or_table: str | None = None
    row: int | None = None
    reason: str
    raw: list[str] = Field(default_factory=list)


class ChecklistItemRecord(BaseModel):
    """One row of a checklist: the raw cells and what the five questions parse to.

    `problems` holds codes ``missing:<question>:<why>`` where question is what (law), whom
    (audience), how (method), when (timing) or who (section or person), and why is
    ``no_column`` (the table has no such column) or ``empty`` (the cell is blank).
    `unresolved` holds ``audience:<value>``, ``method:<value>``, ``timing:<value>`` for values
    kept as written because no canonical id matched.
    """

    source_file: str
    sheet_or_table: str | None = None
    row: int
    raw: dict[str, str] = Field(default_factory=dict)
    """Header text (as written) -> cell text, including values carried from merged cells."""
    group: str | None = None
    """The heading row above the item (一、系统内学法用法), or its 类别 column."""
    law_text: str = ""
    law_names: list[str] = Field(default_factory=list)
    audience_text: str = ""
    audiences: list[str] = Field(default_factory=list)
    audience_ids: list[str] = Field(default_factory=list)
    method_text: str = ""
    methods: list[str] = Field(default_factory=list)
    method_ids: list[str] = Field(default_factory=list)
    timing_text: str = ""
    timings: list[str] = Field(default_factory=list)
    key_date_ids: list[str] = Field(default_factory=list)
    section: str | None = None
    person: str | None = None
    leader: str | None = None
    partners: list[str] = Field(default_factory=list)
    standard: str | None = None
    measures: str | None = None
    merged_fields: list[str] = Field(default_factory=list)
    """Fields whose value was carried from a merged cell above or beside this row."""
    problems: list[str] = Field(default_factory=list)
    unresolved: list[str] = Field(default_factory=list)


class ChecklistRecord(BaseModel):
    """A unit's checklist for a year as found in one file (a file may hold several)."""

    unit_name: str | None = None
    """As found in the title or file name, or as given by the caller; matched to a unit later."""
    unit_from: str | None = None
    """argument, title or file name."""
    year: int | None = None
    year_from: str | None = None
    title: str | None = None
    source_file: str
    file_kind: str | None = None
    """docx, xlsx, csv or text (prose lists are text or docx)."""
    encoding: str | None = None
    items: list[ChecklistItemRecord] = Field(default_factory=list)
    skipped: list[ChecklistSkip] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    """Checklist-level codes: unit:unknown, year:unknown, items:none."""
