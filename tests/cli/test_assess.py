"""`pufa assess …` and `pufa ingest activities` as the 普法办 runs them on the hand-built county:
a rubric refused with its line and field, a paper 台账 entered, a version computed, published,
ranked, compared and written out, and the overdue 普法提示 listed."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.main import app
from graph.ladybug_store import LadybugStore
from pufa.config import get_settings
from pufa.errors import InputError
from tests.api.year_end.test_activities import LEDGER
from tests.fixtures_graph import build_county


@pytest.fixture
def pufa(tmp_path, monkeypatch):
    """`pufa …` on the county in a fresh embedded store; returns the click result."""
    path = tmp_path / "county.lbug"
    store = LadybugStore(path)
    store.ensure_schema()
    build_county(store)
    store.close()
    monkeypatch.setenv("PUFA_STORE", str(path))
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    get_settings.cache_clear()


def test_a_bad_rubric_is_refused_with_its_line_and_field(pufa, tmp_path):
    shown = pufa("assess", "rubric", "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["max_points"] == 100.0
    bad = tmp_path / "本县细则.yaml"
    bad.write_text("name: 细则\nitems:\n  - id: x\n    name: 某项\n    rule: public_vote\n    points: 100\n"
                   "grades:\n  - {name: 合格, min: 0}\n", encoding="utf-8")
    refused = pufa("assess", "rubric", str(bad))
    assert refused.exit_code == 1 and isinstance(refused.exception, InputError)
    assert f"{bad}, line 5, items[0].rule: unknown rule 'public_vote'" in str(refused.exception)


def test_a_ledger_is_entered_and_the_year_computed_published_and_written_out(pufa, tmp_path):
    ledger = tmp_path / "市场局台账.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    entered = pufa("ingest", "activities", str(ledger), "--unit", "澄河县市场监督管理局", "--json")
    assert entered.exit_code == 0, entered.output
    assert {a["unit"]["id"] for a in json.loads(entered.stdout)["data"]} == {"UMKT"}

    computed = pufa("assess", "compute", "2026", "--json")
    assert computed.exit_code == 0, computed.output
    ranking = json.loads(computed.stdout)
    assert (ranking["assessment"]["version"], ranking["count"]) == (1, 7)
    totals = [score["total"] for score in ranking["data"]]
    assert totals == sorted(totals, reverse=True) and ranking["data"][-1]["unit"]["id"] == "UFED"

    table = pufa("assess", "ranking", "2026")
    assert table.exit_code == 0 and "第1版" in table.stdout and "澄河县市场监督管理局" in table.stdout
    published = pufa("assess", "publish", "2026")
    assert published.exit_code == 0 and "published version 1 of 2026" in published.stdout
    assert pufa("assess", "publish", "2026").exit_code == 1  # no draft left
    assert pufa("assess", "compute", "2026").exit_code == 0
    changes = json.loads(pufa("assess", "changes", "2026", "2", "--json").stdout)
    assert changes["against"]["version"] == 1 and changes["count"] == 0 and changes["unchanged"] == 7

    scores, summary, sheet = tmp_path / "得分.xlsx", tmp_path / "总结.docx", tmp_path / "汇总.xlsx"
    assert pufa("assess", "ranking", "2026", "--version", "1", "--xlsx", str(scores)).exit_code == 0
    rows = list(load_workbook(scores)["得分排名"].iter_rows(min_row=3, values_only=True))
    assert [row[1] for row in rows] == [score["unit"]["name"] for score in ranking["data"]]
    assert pufa("assess", "summary", "2026", "--docx", str(summary), "--xlsx", str(sheet)).exit_code == 0
    assert "考核总结" in Document(io.BytesIO(summary.read_bytes())).paragraphs[0].text
    units = {row[0]: row for row in load_workbook(sheet)["单位情况"].iter_rows(values_only=True)}
    assert units["澄河县市场监督管理局"][5] == 2  # the two activities of the ledger
    overdue = pufa("assess", "overdue", "--json")
    assert overdue.exit_code == 0 and json.loads(overdue.stdout)["count"] == 0
