"""A unit register into the graph: units, their parents and the department types they act as.

Registers as units fill them in (the liaison form: 单位, 姓名, 职务, 电话, 邮箱) have no 职能类型
column, so a unit acts as the types its name and aliases imply (nlp.unit_types, data/organs.yaml);
a written 职能类型 overrides them, and a correction by the bureau overrides both until it clears it.
"""

from __future__ import annotations

from pathlib import Path

from graph import queries
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.laws.graph import linkable_types
from ingest.records import ActingType, UnitRecord, UnitTypes
from ingest.reference import write_reference
from ingest.report import IngestReport, Skipped, UnitWithoutLaws, shown, timed
from ingest.units.reader import read_units_with_skips
from nlp.departments import extract_departments
from nlp.unit_types import types_from_names
from pufa import vocab

NO_TYPE = "未能从单位名称识别出它的职能类型，推断不出任何适用的法律法规"
NO_LAW = "它的职能类型（{types}）在现行法律法规中均未出现，推断不出任何适用的法律法规"
REMEDY = ("请在单位名册的“职能类型”一栏填写该单位执法或管理所属的部门类型（如：市场监督管理部门、卫生健康部门），"
          "然后重新上传名册")


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


def understood(written: str) -> bool:
    """A 职能类型 cell names a type, or a collective (负有安全生产监督管理职责的部门), which is read and
    deliberately not acted as (see department_type_ids): only a cell naming neither is unresolved."""
    return bool(department_type_ids(written)) or any(
        mention.dept_type in linkable_types()[1] for mention in extract_departments(written))


def written_type_ids(unit: UnitRecord) -> list[str]:
    """The types the register's 职能类型 cells name, as taxonomy ids."""
    return list(dict.fromkeys(type_id for text in unit.dept_types for type_id in department_type_ids(text)))


def acting_types(name: str, aliases: list[str], region: str | None, written: list[str] | None,
                 corrected: list[str] | None) -> list[ActingType]:
    """The types a unit acts as: the bureau's correction, else what the register writes, else what
    its name and aliases imply."""
    if corrected is not None:
        return [ActingType(type_id=type_id, via="bureau") for type_id in corrected]
    if written:
        return [ActingType(type_id=type_id, via="written") for type_id in written]
    implied = types_from_names(name, aliases, region=region)
    return [ActingType(type_id=found.type_id, via=found.via, organ=found.organ) for found in implied]


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
        corrections = {row["unit_id"]: row["type_ids"]
                       for row in store.read(queries.units.corrected_types([unit.id for unit in units]))}
        batch = GraphBatch()
        for unit in units:
            if unit.parent_id not in known:
                unit = unit.model_copy(update={"parent_id": None})
            written = written_type_ids(unit)
            batch.add_node("Unit", {**unit.model_dump(exclude={"dept_types", "parent_name", "source"}),
                                    "types_written": written, "types_corrected": corrections.get(unit.id)})
            batch.replace_edges["ACTS_AS"].add(unit.id)
            batch.replace_edges["PART_OF"].add(unit.id)
            types = acting_types(unit.name, unit.aliases, unit.region, written, corrections.get(unit.id))
            for acting in types:
                batch.add_edge("ACTS_AS", unit.id, acting.type_id, via=acting.via, organ=acting.organ)
            report.unit_types.append(UnitTypes(unit_id=unit.id, unit=unit.name, source=unit.source, types=types))
            unmapped = [written for written in unit.dept_types if not understood(written)]
            if unmapped:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "department_types": unmapped})
            if unit.parent_id:
                batch.add_edge("PART_OF", unit.id, unit.parent_id)
            elif unit.parent_name:
                report.unresolved.append({"source": unit.source, "unit": unit.name, "parent": unit.parent_name})
        report.add_written(GraphWriter(store).write(batch))
        report.units_without_laws = units_without_laws(store, report.unit_types)
        report.counts = {"units": len(units), "sub-units": sum(1 for unit in units if unit.parent_id),
                         "units acting as no department type": sum(1 for found in report.unit_types if not found.types),
                         "units getting no law": len(report.units_without_laws)}
    return report


def units_without_laws(store: GraphStore, units: list[UnitTypes]) -> list[UnitWithoutLaws]:
    """The units none of whose types a law in force names, each with the problem and the remedy in Chinese.
    Before any law is loaded no unit can get one, so none is singled out."""
    named = {row["type_id"] for row in store.read(
        queries.departments.types_named_by_laws([t.type_id for unit in units for t in unit.types]))}
    if not named and not store.read(queries.departments.types_named_by_laws(list(linkable_types()[0]))):
        return []
    names = {term.id: term.name for term in vocab.department_types()}
    return [
        UnitWithoutLaws(unit_id=unit.unit_id, unit=unit.unit, source=unit.source, remedy=REMEDY,
                        problem=NO_LAW.format(types="、".join(names.get(t.type_id, t.type_id) for t in unit.types))
                        if unit.types else NO_TYPE)
        for unit in units if not any(t.type_id in named for t in unit.types)
    ]
