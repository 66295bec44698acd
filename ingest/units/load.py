"""A unit register into the graph: units, their parents and the department types they act as."""

from __future__ import annotations

from pathlib import Path

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.graph import linkable_types
from ingest.reference import write_reference
from ingest.report import IngestReport, Skipped, shown, timed
from ingest.units.reader import read_units_with_skips
from nlp.departments import extract_departments


def department_type_ids(written: str) -> list[str]:
    """Department types a unit register names (公安机关、出入境管理机构) as taxonomy ids, in order.

    A collective (负有安全生产监督管理职责的部门) describes a duty the unit shares, not what it is,
    so it does not make the unit act as every sector the collective covers."""
    types, _ = linkable_types()
    found: list[str] = []
    for mention in extract_departments(written):
        if mention.dept_type in types and mention.dept_type not in found:
            found.append(mention.dept_type)
    return found


def ingest_units(store: GraphStore, path: Path) -> IngestReport:
    """A unit register (CSV/XLSX/Word table): units, their parents and the department types they act as.

    The whole file is one batch: a bad file changes nothing."""
    report = IngestReport(kind="units", files=1)
    with timed(report):
        units, skips = read_units_with_skips(shown(path))
        report.skipped = [Skipped(source=f"{s.source_file}:{s.row}", reason=s.reason) for s in skips if s.reason != "blank"]
        write_reference(store)
        parents = {unit.parent_id for unit in units if unit.parent_id}
        known = {unit.id for unit in units} | {row["id"] for row in store.read(queries.nodes.existing_ids("Unit", sorted(parents)))}
        batch = GraphBatch()
        for unit in units:
            if unit.parent_id not in known:
                unit = unit.model_copy(update={"parent_id": None})
            batch.add_node("Unit", unit.model_dump(exclude={"dept_types", "parent_name", "source"}))
            batch.replace_edges["ACTS_AS"].add(unit.id)
            batch.replace_edges["PART_OF"].add(unit.id)
            types = [type_id for written in unit.dept_types for type_id in department_type_ids(written)]
            unmapped = [written for written in unit.dept_types if not department_type_ids(written)]
            for type_id in dict.fromkeys(types):
                batch.add_edge("ACTS_AS", unit.id, type_id)
            if unmapped:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "department_types": unmapped})
            if unit.parent_id:
                batch.add_edge("PART_OF", unit.id, unit.parent_id)
            elif unit.parent_name:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "parent": unit.parent_name})
        report.add_written(GraphWriter(store).write(batch))
        report.counts = {"units": len(units), "sub-units": sum(1 for unit in units if unit.parent_id)}
    return report
