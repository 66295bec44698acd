"""The justice bureau's checklist audit for a year.

Findings: units that did not submit, rows missing one of the five questions (what, whom, how,
when, who: ChecklistItem.problems), rows citing a repealed or amended law (with the law that
replaced it), and names that matched nothing (ChecklistItem.unresolved). Only top-level units
(not PART_OF another unit) are expected to submit; a section's own checklist is audited too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.base.asked import checklist_year, page
from domain.base.briefs import item_evidence, item_sort_key, source_label, unit_brief, unit_public
from domain.base.cache import CachedStore, kept_until_write
from domain.base.documents import Sheet, chinese_date, to_csv, to_xlsx
from domain.base.findings import finding_words
from domain.base.models import UnitBriefPublic
from domain.base.redaction import without_contacts
from domain.base.tally import current_rows
from domain.catalogue.inference import unclaimed_laws
from domain.catalogue.models import NamedPublic, UnitsPublic
from domain.checklists.models import (
    AuditSummaryPublic,
    FlaggedItemPublic,
    FlaggedItemsPublic,
    OutdatedCitationPublic,
    OutdatedCitationsPublic,
    ReplacementPublic,
    UnitAuditDetailPublic,
    UnitAuditPublic,
    UnitAuditsPublic,
)
from graph import queries
from graph.queries.scope import LawScope
from graph.query import Row


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def audit_summary(
    store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope(), skip: int = 0, limit: int | None = 100,
) -> AuditSummaryPublic:
    """Submission, completeness and law coverage for the year, with one row per unit (paged)."""
    year = checklist_year(store, year)
    counts = AuditCounts.load(store, year)
    units = store.read(queries.units.units_overview())[0]["units"]
    top_level = {unit_id for unit_id, _, part_of in units if part_of is None}
    names = {unit_id: name for unit_id, name, _ in units if unit_id in top_level or unit_id in counts.checklists}
    listed = sorted(names, key=lambda unit_id: (names[unit_id] or "", unit_id))
    submitted = len(top_level & counts.checklists.keys())
    rows = counts.checklists.values()
    items = sum(int(row["items"]) for row in rows)
    with_problems = sum(int(row["with_problems"] or 0) for row in rows)
    in_scope = store.read(queries.laws.count_laws_in_scope(scope))[0]["n"]
    claimed = in_scope - len(unclaimed_laws(store, scope, year))
    return AuditSummaryPublic(
        year=year, units_expected=len(top_level), units_submitted=submitted,
        submitted_pct=pct(submitted, len(top_level)), items=items, items_with_problems=with_problems,
        items_complete_pct=pct(items - with_problems, items),
        items_with_unresolved=sum(int(row["with_unresolved"] or 0) for row in rows),
        outdated_citations=sum(counts.outdated.values()),
        laws_in_scope=in_scope, laws_claimed=claimed, law_coverage_pct=pct(claimed, in_scope),
        units=UnitAuditsPublic(
            data=[counts.unit_audit(unit_id, names[unit_id]) for unit_id in page(listed, skip, limit)],
            count=len(listed),
        ),
    )


@dataclass
class AuditCounts:
    """Per unit: its current checklist of the year with row counts, and its outdated citations."""

    checklists: dict[str, Row]
    outdated: Counter

    @classmethod
    def load(cls, store: CachedStore, year: int | None, unit_id: str | None = None) -> AuditCounts:
        """For every unit, or for one (`unit_id`); the latest revision wins if several are current."""
        rows = sorted(store.read(queries.audit.current_checklists(year, unit_id)) if unit_id else _current_checklists(store, year),
                      key=lambda row: row["revision"] or 0)
        return cls(
            checklists={row["unit_id"]: row for row in rows},
            outdated=Counter(row["unit_id"] for row in store.read(queries.audit.outdated_citations(year, unit_id))),
        )

    def unit_audit(self, unit_id: str, name: str | None) -> UnitAuditPublic:
        checklist = self.checklists.get(unit_id)
        unit = UnitBriefPublic(id=unit_id, name=name)
        if checklist is None:
            return UnitAuditPublic(unit=unit, submitted=False)
        items, with_problems = int(checklist["items"]), int(checklist["with_problems"] or 0)
        return UnitAuditPublic(
            unit=unit, submitted=True, checklist_id=checklist["checklist_id"], revision=checklist["revision"],
            items=items, with_problems=with_problems, with_unresolved=int(checklist["with_unresolved"] or 0),
            outdated=self.outdated[unit_id], complete_pct=pct(items - with_problems, items),
        )


@kept_until_write
def _current_checklists(store: CachedStore, year: int | None) -> list[Row]:
    """Every current checklist of the year with its row counts, brought up to date (domain.base.tally)."""
    return current_rows(store, ("audited checklists", year), year, queries.audit.current_checklists(year),
                        queries.audit.counts_of_checklists)


def not_submitted(store: CachedStore, *, year: int | None = None, skip: int = 0, limit: int | None = 100) -> UnitsPublic:
    """Top-level units with no current checklist for the year."""
    year = checklist_year(store, year)
    submitted = set(store.read(queries.checklists.submitted_unit_ids(year))[0]["unit_ids"])
    missing = sorted(
        ((name or "", unit_id) for unit_id, name, part_of in store.read(queries.units.units_overview())[0]["units"]
         if part_of is None and unit_id not in submitted),
    )
    shown = [unit_id for _, unit_id in page(missing, skip, limit)]
    details = {row["unit_id"]: unit_public(row) for row in store.read(queries.units.unit_briefs(shown))} if shown else {}
    return UnitsPublic(data=[details[unit_id] for unit_id in shown], count=len(missing))


def flagged_items(
    store: CachedStore, kind: str, *, year: int | None = None, unit_id: str | None = None, skip: int = 0,
    limit: int | None = 100,
) -> FlaggedItemsPublic:
    """Rows with problems (missing questions) or with unresolved names, by unit, checklist and row.

    A province has tens of thousands: the page is found from each checklist's count of flagged
    rows (kept on the checklist), and only the rows of the checklists it spans are read.
    """
    if unit_id is not None:
        unit_brief(store, unit_id)
    year = checklist_year(store, year)
    checklists = [checklist for checklist in _flagged_checklists(store, year, kind) if unit_id in (None, checklist[1])]
    count = sum(flagged for *_, flagged in checklists)
    end = count if limit is None else min(count, skip + limit)
    spanned, first_row, seen = [], 0, 0
    for _, spanned_unit, checklist_id, flagged in checklists:
        if seen + flagged > skip and seen < end:
            first_row = first_row if spanned else seen
            spanned.append((spanned_unit, checklist_id))
        seen += flagged
    shown = _flagged_rows(store, kind, spanned)[skip - first_row : end - first_row]
    return FlaggedItemsPublic(year=year, data=[_flagged(row, kind) for row in shown], count=count)


def _flagged_rows(store: CachedStore, kind: str, spanned: list[tuple[str, str]]) -> list[Row]:
    """The flagged rows of these (unit, checklist) pairs, by unit, checklist and row."""
    rows = store.read(queries.audit.flagged_rows(kind, *map(list, zip(*spanned)))) if spanned else []
    return sorted(rows, key=lambda row: (row["unit_name"] or "", row["unit_id"], row["checklist_id"], row["row"] or 0,
                                         row["item_id"]))


@kept_until_write
def _flagged_checklists(store: CachedStore, year: int | None, kind: str) -> list[tuple[str, str, str, int]]:
    """(unit name, unit id, checklist id, flagged rows) of the current checklists with flagged rows,
    in the order the rows are listed."""
    names = {unit: name for unit, name, _ in store.read(queries.units.units_overview())[0]["units"]}
    counted = ((names.get(row["unit_id"]) or "", row["unit_id"], row["checklist_id"],
                int(row[queries.audit.FLAG_COUNTS[kind]] or 0)) for row in _current_checklists(store, year))
    return sorted(checklist for checklist in counted if checklist[3])


def outdated_citations(
    store: CachedStore, *, year: int | None = None, unit_id: str | None = None, skip: int = 0, limit: int | None = 100,
) -> OutdatedCitationsPublic:
    """Rows citing a law that is 已废止 or 已修改, with what replaced it."""
    year = checklist_year(store, year)
    found = _outdated(store, year, unit_id)
    return OutdatedCitationsPublic(year=year, data=page(found, skip, limit), count=len(found))


def unit_audit(store: CachedStore, unit_id: str, *, year: int | None = None) -> UnitAuditDetailPublic:
    """Everything the audit finds in one unit's checklist."""
    unit = unit_brief(store, unit_id)
    year = checklist_year(store, year)
    return UnitAuditDetailPublic(
        audit=AuditCounts.load(store, year, unit_id).unit_audit(unit.id, unit.name), year=year,
        problems=flagged_items(store, "problems", year=year, unit_id=unit_id, limit=None).data,
        outdated=_outdated(store, year, unit_id),
        unresolved=flagged_items(store, "unresolved", year=year, unit_id=unit_id, limit=None).data,
    )


def units_findings(store: CachedStore, audits: list[UnitAuditPublic], *, year: int | None) -> list[UnitAuditDetailPublic]:
    """What the audit found in each of these units (a page of the dashboard's unit table) that has a
    finding, in three reads for them all rather than three a unit."""
    year = checklist_year(store, year)
    found = [audited for audited in audits if audited.with_problems or audited.with_unresolved or audited.outdated]
    wanted = {audited.unit.id for audited in found}
    flagged: dict[tuple[str, str], list[FlaggedItemPublic]] = {}
    for kind in ("problems", "unresolved"):
        spanned = [(unit_id, checklist_id) for _, unit_id, checklist_id, _ in _flagged_checklists(store, year, kind)
                   if unit_id in wanted]
        for row in _flagged_rows(store, kind, spanned):
            flagged.setdefault((kind, row["unit_id"]), []).append(_flagged(row, kind))
    outdated: dict[str, list[OutdatedCitationPublic]] = {}
    for citation in _outdated(store, year, None):
        outdated.setdefault(citation.item.unit_id, []).append(citation)
    return [UnitAuditDetailPublic(audit=audited, year=year, problems=flagged.get(("problems", audited.unit.id), []),
                                  outdated=outdated.get(audited.unit.id, []),
                                  unresolved=flagged.get(("unresolved", audited.unit.id), []))
            for audited in found]


def _flagged(row: Row, kind: str) -> FlaggedItemPublic:
    """A flagged row as anyone may read it: the names it could not resolve (law:…) are typed text, so
    without contact details."""
    codes = sorted(map(without_contacts, row["codes"]))
    return FlaggedItemPublic(item=item_evidence(row), codes=codes, missing=missing_questions(codes) if kind == "problems" else [])


def missing_questions(codes: list[str]) -> list[str]:
    """missing:<question>:<why> codes → the questions, in the order the checklist asks them."""
    order = ("what", "whom", "how", "when", "who")
    asked = {code.split(":")[1] for code in codes if code.startswith("missing:") and code.count(":") >= 1}
    return [question for question in order if question in asked] + sorted(asked - set(order))


def _outdated(store: CachedStore, year: int | None, unit_id: str | None) -> list[OutdatedCitationPublic]:
    if unit_id is not None:
        unit_brief(store, unit_id)
    found = [
        OutdatedCitationPublic(**replacement(row).model_dump(), item=item_evidence(row), replaced_on=row["replaced_on"])
        for row in store.read(queries.audit.outdated_citations(year, unit_id))
    ]
    return sorted(found, key=lambda citation: (*item_sort_key(citation.item), citation.law.id))


def replacement(claim: Row) -> ReplacementPublic:
    """An outdated claim (a row of queries.audit.outdated_citations, or of queries.review.row_claims
    whose `outdated` is set) as the bureau reads it: the law repealed or amended and what replaced
    it, or the version the row names 已修改 and the version now in force."""
    cited = chinese_date(claim["cited_version_date"]) if claim["cited_version_date"] else None
    current = chinese_date(claim["current_version_date"]) if claim["current_version_date"] else None
    replaced_by = NamedPublic(id=claim["replaced_by_id"], name=claim["replaced_by_title"]) if claim["replaced_by_id"] else None
    note = f"《{claim['law_title']}》" + (f"（{cited}版本）" if cited else "") + claim["outdated"]
    if replaced_by is not None:
        note += f"，建议改为《{replaced_by.name}》"
    elif cited and current and current != cited:
        note += f"，现行版本为{current}版本"
    return ReplacementPublic(law=NamedPublic(id=claim["law_id"], name=claim["law_title"]), status=claim["outdated"],
                             replaced_by=replaced_by, cited_version=cited, current_version=current, note=note)


@kept_until_write
def audit_download(store: CachedStore, *, year: int | None, scope: LawScope, file_format: str) -> bytes:
    """The audit as sheets (xlsx) or every finding as one table (csv)."""
    year = checklist_year(store, year)
    if file_format == "xlsx":
        return to_xlsx(audit_report(store, year=year, scope=scope))
    return to_csv(audit_findings(store, year))


def audit_report(store: CachedStore, *, year: int | None = None, scope: LawScope = LawScope()) -> list[Sheet]:
    """The audit as sheets: summary, units, and one sheet per kind of finding."""
    year = checklist_year(store, year)
    summary = audit_summary(store, year=year, scope=scope, limit=None)
    units = [
        [row.unit.name, "是" if row.submitted else "否", row.revision, row.items,
         row.with_problems, row.with_unresolved, row.outdated, row.complete_pct]
        for row in summary.units.data
    ]
    return [
        Sheet("概要", ["指标", "数值"], [
            ["年度", year], ["应报送单位", summary.units_expected], ["已报送单位", summary.units_submitted],
            ["报送率%", summary.submitted_pct], ["清单条目", summary.items], ["要素缺失条目", summary.items_with_problems],
            ["要素完整率%", summary.items_complete_pct], ["含未识别名称条目", summary.items_with_unresolved],
            ["引用已废止或已修改法律", summary.outdated_citations], ["范围内法律法规", summary.laws_in_scope],
            ["已认领法律法规", summary.laws_claimed], ["法律法规覆盖率%", summary.law_coverage_pct],
        ], title=f"{year}年普法责任清单审核报告"),
        Sheet("单位", ["单位", "已报送", "修订版", "条目", "要素缺失", "未识别", "引用失效法律", "完整率%"], units),
        audit_findings(store, year),
    ]


def audit_findings(store: CachedStore, year: int | None) -> Sheet:
    """Every finding as one row (the CSV form of the audit), in the clerk's words: units by name, rows
    by the file they were read from, what is wrong said in Chinese (domain.base.findings)."""
    year = checklist_year(store, year)
    header = ["类型", "单位", "行", "来源", "法律法规名称", "说明"]
    rows: list[list[object]] = [
        ["未报送", unit.name, None, None, None, f"{year}年未报送清单"]
        for unit in not_submitted(store, year=year, limit=None).data
    ]
    for kind, label in (("problems", "要素缺失"), ("unresolved", "未识别名称")):
        for flagged in flagged_items(store, kind, year=year, limit=None).data:
            item = flagged.item
            rows.append([label, item.unit_name, item.row, source_label(item.source), item.law_text,
                         finding_words(flagged.codes)])
    for citation in outdated_citations(store, year=year, limit=None).data:
        item = citation.item
        rows.append(["引用失效法律", item.unit_name, item.row, source_label(item.source), item.law_text, citation.note])
    return Sheet("审核发现", header, rows)
