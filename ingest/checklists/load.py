"""Checklists into the graph: each unit's checklist for a year becomes a new revision in one
transaction (the previous one stays as history); identical resubmissions write nothing.

The bureau's own ingest (`pufa ingest checklists`, the administrator's upload) enters a revision
as submitted and current, with its transition recorded; a liaison's upload enters it as a draft
(never current), replacing the unit's open draft of that year if it has one."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from graph import queries
from graph.store import GraphStore, GraphWriteTx
from graph.writer import GraphBatch, GraphWriter
from ingest.checklists.reader import parse_file_name, read_checklist
from ingest.records import ChecklistItemRecord, ChecklistRecord
from ingest.reference import write_reference
from ingest.report import IngestReport, Skipped, Tracker, no_progress, shown, timed
from ingest.resolve import UnitDirectory, add_catalogue_laws, resolver_catalogue
from nlp.citations import NOT_LAW_KINDS, not_a_law, resolve_name
from pufa.clock import stamp, system_clock
from pufa.errors import Conflict, Forbidden, InputError, PufaError
from pufa.laws import stable_id
from pufa.workflow import BOOTSTRAP_STATE, State

BeforeWrite = Callable[[str, int], None]
"""Called with (unit id, year) before a checklist is written; raises Forbidden or Conflict to stop it."""


def ingest_checklists(
    store: GraphStore, paths: Iterable[Path], *, unit: str | None = None, year: int | None = None,
    track: Tracker = no_progress, submitted_at: str | None = None, state: State = BOOTSTRAP_STATE,
    actor_id: str = "bootstrap", actor: str = "普法办录入", before_write: BeforeWrite | None = None,
    uploaded: bool = False,
) -> IngestReport:
    """Checklist files; each unit's checklist for a year replaces the previous revision atomically.

    A file that cannot be read, or whose unit is not in the registry, is reported and changes
    nothing; the other files still load. Re-submitting identical content writes nothing. A
    `before_write` that refuses (Forbidden, Conflict) stops the ingest: it is the caller's rule. An
    `uploaded` file is named by its own name alone: its folder is the server's private temporary one."""
    paths = [shown(path) for path in paths]
    report = IngestReport(kind="checklists", files=len(paths))
    with timed(report):
        write_reference(store)
        context = ChecklistContext(store)
        writing = _Writing(state, submitted_at or stamp(system_clock()), actor_id, actor, before_write)
        advance = track("reading checklists", len(paths))
        for path in paths:
            try:
                records = read_checklist(path, unit=unit, year=year, source=path.name if uploaded else None)
                for (unit_id, record_year), merged in _by_unit_year(records, context.units, path).items():
                    context.write(unit_id, record_year, merged, report, writing)
            except (Forbidden, Conflict):
                raise
            except PufaError as exc:
                report.skipped.append(Skipped(source=str(path), reason=f"error: {exc}"))
            advance(1)
    return report


def _by_unit_year(
    records: list[ChecklistRecord], units: UnitDirectory, path: Path,
) -> dict[tuple[str, int], list[ChecklistRecord]]:
    grouped: dict[tuple[str, int], list[ChecklistRecord]] = defaultdict(list)
    for record in records:
        unit_id = units.find(record.unit_name) or units.find(parse_file_name(path)[0])
        if unit_id is None:
            found = f"{record.unit_name!r} (from the {record.unit_from})" if record.unit_name else "no unit name"
            raise InputError(f"unit not in the registry: {found}; ingest the unit register first or pass --unit",
                             source=str(path))
        if record.year is None:
            raise InputError("no year in the title or file name; pass --year", source=str(path))
        grouped[(unit_id, record.year)].append(record)
    return grouped


@dataclass(frozen=True)
class _Writing:
    state: State
    at: str
    actor_id: str
    actor: str
    before_write: BeforeWrite | None


class ChecklistContext:
    """What writing checklists needs from the graph, read once per ingest (or row edit)."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.units = UnitDirectory.of(store)
        self.catalogue = resolver_catalogue(store)
        self.writer = GraphWriter(store)

    def write(self, unit_id: str, year: int, records: list[ChecklistRecord], report: IngestReport,
              writing: _Writing) -> None:
        if writing.before_write is not None:
            writing.before_write(unit_id, year)
        items = [item for record in records for item in record.items]
        digest = _digest(items)
        revisions = self.store.read(queries.checklists.unit_year_checklists(unit_id, year))
        source = ", ".join(dict.fromkeys(record.source_file for record in records))
        draft = writing.state is State.DRAFT
        latest = revisions[0] if revisions else None
        open_draft = latest if latest and latest["state"] == State.DRAFT else None
        if latest and latest["digest"] == digest and (not draft or open_draft):
            report.skipped.append(Skipped(source=source, reason=f"unchanged: same content as revision "
                                                                   f"{latest['revision']} of {year}"))
            return
        revision = open_draft["revision"] if open_draft else (latest["revision"] if latest else 0) + 1
        checklist_id = stable_id("C", unit_id, str(year), str(revision), *([digest] if draft else []))
        batch = GraphBatch()
        if open_draft:
            replaced = self.store.read(queries.checklists.checklist_parts(open_draft["id"]))[0]
            batch.delete_nodes["ChecklistItem"].update(replaced["item_ids"])
            batch.delete_nodes["Attachment"].update(replaced["attachment_ids"])
            batch.delete_nodes["Checklist"].add(open_draft["id"])
        batch.add_node("Checklist", {
            "id": checklist_id, "unit_id": unit_id, "year": year, "revision": revision, "current": not draft,
            "source": source, "submitted_at": None if draft else writing.at, "digest": digest,
            "state": writing.state.value, "submitted_by": None if draft else writing.actor_id,
            "based_on": latest["id"] if latest and not open_draft else (open_draft or {}).get("based_on"),
        })
        batch.add_edge("SUBMITTED", unit_id, checklist_id)
        for row, item in enumerate(items, start=1):
            self.add_item(batch, f"{checklist_id}#{row}", checklist_id, row, item, report, region=self.units.region(unit_id))
        self.add_missing_laws(batch)
        with self.store.transaction() as tx:
            if not draft:
                tx.run(queries.checklists.retire_current_checklists(unit_id, year))
            report.add_written(self.writer.write_in(tx, batch))
            write_summary(tx, checklist_id)
            if not draft:
                record_transition(tx, checklist_id, "submit", None, writing.state, writing.actor_id, writing.actor,
                                  writing.at, f"录入文件《{PurePath(source.split(':')[0]).stem}》")
        report.skipped += [Skipped(source=f"{s.source_file}:{s.sheet_or_table or ''}:{s.row or ''}", reason=s.reason)
                           for record in records for s in record.skipped if s.reason not in ("blank", "header")]
        counts = Counter(report.counts)
        counts.update({"checklists": 1, "items": len(items)})
        report.counts = dict(counts)
        report.checklist_ids.append(checklist_id)

    def add_item(self, batch: GraphBatch, item_id: str, checklist_id: str, row: int, item: ChecklistItemRecord,
                 report: IngestReport, *, origin: str | None = None, note: str | None = None,
                 region: str | None = None) -> None:
        """One row; its law names resolved in the unit's `region` (省禁毒条例 is that province's)."""
        where = f"{item.source_file}:{item.sheet_or_table + ':' if item.sheet_or_table else ''}{item.row}"
        unresolved, not_laws = list(item.unresolved), []
        claims: dict[str, tuple[float, str, str | None]] = {}
        for name in item.law_names:
            resolution = resolve_name(name, self.catalogue, region=region)
            if resolution.law_id:  # a name with its version (（2012年修正）) cites that version
                claims.setdefault(resolution.law_id, (resolution.confidence, name, resolution.version_id))
            elif kind := not_a_law(name):  # a standard, a county's document, a topic: listed, not unresolved
                not_laws.append(f"{kind}:{name}")
                report.not_laws.append({"source": where, "name": name, "kind": NOT_LAW_KINDS[kind]})
            else:
                unresolved.append(f"law:{name}")
                report.unresolved.append({"source": where, "law": name,
                                          "candidates": [c.title for c in resolution.candidates[:3]]})
        partners = []
        for partner in item.partners:
            partner_id = self.units.find(partner)
            if partner_id:
                partners.append(partner_id)
            else:
                unresolved.append(f"partner:{partner}")
        batch.add_node("ChecklistItem", {
            "id": item_id, "checklist_id": checklist_id, "row": row, "source": where,
            "raw": json.dumps(item.raw, ensure_ascii=False), "law_text": item.law_text,
            "audience_text": item.audience_text, "method_text": item.method_text, "timing_text": item.timing_text,
            "section": item.section, "person": item.person, "partners": item.partners, "problems": item.problems,
            "unresolved": unresolved, "origin": origin, "note": note, "not_laws": not_laws,
        })
        batch.add_edge("HAS_ITEM", checklist_id, item_id)
        for law_id, (confidence, surface, version_id) in claims.items():
            batch.add_edge("CLAIMS", item_id, law_id, confidence=confidence, surface=surface, version_id=version_id)
        for rel, targets in (("TARGETS", item.audience_ids), ("USES", item.method_ids),
                             ("SCHEDULED", item.key_date_ids), ("CO_UNIT", partners)):
            for target in dict.fromkeys(targets):
                batch.add_edge(rel, item_id, target)

    def add_missing_laws(self, batch: GraphBatch) -> None:
        """Laws claimed but not yet in the graph come in from the catalogue, so every claim lands."""
        add_catalogue_laws(self.store, batch, {row["dst"] for row in batch.edges.get("CLAIMS", [])}, self.catalogue)


def _digest(items: list[ChecklistItemRecord]) -> str:
    """Content identity of a submission: the rows as written, not where the file was."""
    content = [(item.group, sorted(item.raw.items())) for item in items]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


def write_summary(tx: GraphWriteTx, checklist_id: str) -> None:
    """A checklist's counts, claimed laws and rows per key date and audience, from its rows as this
    transaction left them (every write of rows ends with it)."""
    for query in queries.checklists.summarize_checklist(checklist_id):
        tx.run(query)


def record_transition(tx: GraphWriteTx, checklist_id: str, action: str, source: State | None, target: State,
                      actor_id: str, actor: str, at: str, comment: str | None) -> None:
    """One entry of a checklist's audit trail, in the transaction that made the change."""
    transition_id = f"{checklist_id}@{uuid.uuid4().hex[:12]}"
    tx.upsert_nodes("Transition", [{
        "seq": time.time_ns(),
        "id": transition_id, "checklist_id": checklist_id, "action": action,
        "from_state": source.value if source else None, "to_state": target.value, "actor_id": actor_id,
        "actor": actor, "at": at, "comment": comment,
    }])
    tx.upsert_edges("HAS_TRANSITION", [{"src": checklist_id, "dst": transition_id}])
