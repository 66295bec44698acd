"""A checklist row naming a version of a law (（2018年修正）) cites that version: once the law has a
newer version in force, the row is flagged 已修改 with the current version named — in the audit,
the checklist's review, the next year's draft and the assessment — while a row naming the law
alone cites whatever is current and is not flagged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain.accounts.accounts import BOOTSTRAP
from domain.assessment import scoring
from domain.base.cache import CachedStore
from domain.checklists import audit, review, yearly
from graph.queries.scope import LawScope
from ingest.checklists.load import ingest_checklists
from pufa.workflow import State
from tests.fixtures_graph import build_county
from tests.ingest.test_loads import write_checklist

OLD, CURRENT = "《食品安全法》（2018年修正）", "《食品安全法》"


def test_a_row_citing_an_amended_version_is_flagged_with_the_current_one(store, tmp_path: Path):
    build_county(store)
    path = write_checklist(tmp_path / "澄河县市场监督管理局2027年普法责任清单.csv", [
        f"1,{OLD},食品生产经营者,专题培训,全年,法规股,张三",
        f"2,{CURRENT},食品生产经营者,专题培训,全年,法规股,张三",
    ])
    report = ingest_checklists(store, [path], unit="澄河县市场监督管理局", year=2027, state=State.PUBLISHED)
    assert not report.failed and report.checklist_ids
    answers = CachedStore(store)

    [flagged] = audit.outdated_citations(answers, year=2027, unit_id="UMKT").data
    assert (flagged.item.row, flagged.law.id, flagged.status) == (1, "LFOOD", "已修改")
    assert (flagged.cited_version, flagged.current_version) == ("2018年1月1日", "2021年1月1日")
    assert flagged.note == "《中华人民共和国食品安全法》（2018年1月1日版本）已修改，现行版本为2021年1月1日版本"

    detail = review.checklist_detail(answers, BOOTSTRAP, report.checklist_ids[0])
    outdated = {row.row: [(o.status, o.current_version) for o in row.outdated] for row in detail.rows}
    assert outdated == {1: [("已修改", "2021年1月1日")], 2: []}

    _, drafted = yearly.last_year_rows(answers, "UMKT", 2028, LawScope())
    notes = {row.fields.law_text: row.note for row in drafted if row.origin}
    assert notes[OLD] == flagged.note and notes[CURRENT] is None

    facts = scoring.read_facts(answers, 2027, LawScope(), date(2027, 12, 1))
    assert [row["item_id"] for row in facts.units["UMKT"].outdated] == [flagged.item.item_id]
