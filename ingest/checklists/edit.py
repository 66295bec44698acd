"""A unit's draft edited row by row in the pages, and draft revisions made from earlier rows (a fix
of a returned revision, last year's checklist): each write is one transaction (with the shared
vocabularies the rows link to, as every ingest writes them), with the row read the way an uploaded
row is (laws resolved, audiences, methods and times mapped, missing questions flagged), so the
audit and the answers treat typed and uploaded rows alike."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pydantic import BaseModel, Field, field_validator

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch
from ingest.checklists.load import ChecklistContext, write_summary
from ingest.checklists.normalize import normalize_audiences, normalize_methods, normalize_timing
from ingest.records import ChecklistItemRecord
from ingest.reference import reference_batch
from ingest.report import IngestReport
from ingest.tables.cells import clean_text, split_laws, split_values
from pufa.laws import stable_id
from pufa.workflow import State

TYPED_SOURCE = "网页填写"
ITEM_RELS = ("CLAIMS", "TARGETS", "USES", "SCHEDULED", "CO_UNIT")
"""What a row links to, all worked out again when the row changes."""


class RowFields(BaseModel):
    """The five questions of a row as typed (the partners as one text, 、-separated), cleaned as an
    uploaded cell is: NUL and control characters never reach the store."""

    law_text: str = Field(default="", max_length=2000, description="普什么：法律法规名称")
    audience_text: str = Field(default="", max_length=1000, description="对谁普：普法对象")
    method_text: str = Field(default="", max_length=1000, description="怎么普：普法方式")
    timing_text: str = Field(default="", max_length=500, description="何时普：时间节点")
    section: str = Field(default="", max_length=200, description="谁去普：责任科室")
    person: str = Field(default="", max_length=200, description="谁去普：责任人")
    partners: str = Field(default="", max_length=1000, description="配合单位")

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value: object) -> object:
        return clean_text(value) if isinstance(value, str) else value


HEADERS = {"law_text": "法律法规名称", "audience_text": "普法对象", "method_text": "普法方式",
           "timing_text": "时间节点", "section": "责任科室", "person": "责任人", "partners": "配合单位"}


@dataclass(frozen=True)
class DraftRow:
    fields: RowFields
    origin: str | None = None
    """The row of an earlier revision this one continues."""
    note: str | None = None


def row_record(fields: RowFields, row: int) -> ChecklistItemRecord:
    """A typed row read like an uploaded one."""
    law_names = split_laws(fields.law_text)
    answered = {"what": " ".join(law_names), "whom": fields.audience_text, "how": fields.method_text,
                "when": fields.timing_text, "who": fields.section + fields.person}
    audiences = normalize_audiences(fields.audience_text)
    methods = normalize_methods(fields.method_text)
    timings = normalize_timing(fields.timing_text)
    return ChecklistItemRecord(
        source_file=TYPED_SOURCE, row=row, raw={HEADERS[k]: v for k, v in fields.model_dump().items()},
        law_text=fields.law_text, law_names=law_names, audience_text=fields.audience_text,
        audiences=audiences.values, audience_ids=audiences.ids, method_text=fields.method_text,
        methods=methods.values, method_ids=methods.ids, timing_text=fields.timing_text, timings=timings.values,
        key_date_ids=timings.ids, section=fields.section or None, person=fields.person or None,
        partners=split_values(fields.partners),
        problems=[f"missing:{question}:empty" for question, value in answered.items() if not value.strip()],
        unresolved=audiences.unresolved + methods.unresolved + timings.unresolved,
    )


def write_row(store: GraphStore, checklist_id: str, fields: RowFields, item_id: str | None = None) -> str:
    """Change a row of a draft (or add one at the end); returns the row's id."""
    context = ChecklistContext(store)
    rows = {row["item_id"]: row for row in store.read(queries.review.checklist_rows(checklist_id))}
    batch = GraphBatch()
    if item_id is None:
        item_id = f"{checklist_id}#w{uuid.uuid4().hex[:10]}"
        number, origin = max((row["row"] or 0 for row in rows.values()), default=0) + 1, None
    else:
        number, origin = rows[item_id]["row"], rows[item_id]["origin"]
        for rel in ITEM_RELS:
            batch.replace_edges[rel].add(item_id)
    unit_id = store.read(queries.checklists.checklist_parts(checklist_id))[0]["unit_id"]
    context.add_item(batch, item_id, checklist_id, number, row_record(fields, number), IngestReport(kind="row"),
                     origin=origin, region=context.units.region(unit_id))
    context.add_missing_laws(batch)
    batch.extend(reference_batch(store))
    with store.transaction() as tx:
        context.writer.write_in(tx, batch)
        write_summary(tx, checklist_id)
        tx.run(queries.checklists.forget_digest(checklist_id))
    return item_id


def delete_row(store: GraphStore, checklist_id: str, item_id: str) -> None:
    with store.transaction() as tx:
        tx.delete_nodes("ChecklistItem", [item_id])
        write_summary(tx, checklist_id)
        tx.run(queries.checklists.forget_digest(checklist_id))


def write_draft(store: GraphStore, unit_id: str, year: int, revision: int, rows: list[DraftRow],
                based_on: str | None, source: str) -> str:
    """A new draft revision of these rows, in one transaction; returns its id."""
    context = ChecklistContext(store)
    checklist_id = stable_id("C", unit_id, str(year), str(revision), uuid.uuid4().hex)
    batch = GraphBatch()
    batch.add_node("Checklist", {
        "id": checklist_id, "unit_id": unit_id, "year": year, "revision": revision, "current": False,
        "source": source, "state": State.DRAFT.value, "based_on": based_on,
    })
    batch.add_edge("SUBMITTED", unit_id, checklist_id)
    report = IngestReport(kind="draft")
    for number, row in enumerate(rows, start=1):
        context.add_item(batch, f"{checklist_id}#{number}", checklist_id, number, row_record(row.fields, number), report,
                         origin=row.origin, note=row.note, region=context.units.region(unit_id))
    context.add_missing_laws(batch)
    batch.extend(reference_batch(store))
    with store.transaction() as tx:
        context.writer.write_in(tx, batch)
        write_summary(tx, checklist_id)
    return checklist_id
