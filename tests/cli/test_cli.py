"""`pufa ingest …` and `pufa cite` as people run them: reports, exit status, JSON."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from cli.main import app
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_DIR, SAMPLE_UNITS
from pufa.config import get_settings
from tests.ingest.test_sync import Official


@pytest.fixture
def pufa(tmp_path, monkeypatch):
    """Run `pufa …` on a fresh embedded store; returns (exit code, stdout)."""
    monkeypatch.setenv("PUFA_STORE", str(tmp_path / "cli.lbug"))
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = runner.invoke(app, list(args), input=stdin)
        return result.exit_code, result.stdout

    yield run
    get_settings.cache_clear()


def test_ingest_reports_bad_files_and_loads_the_rest(pufa):
    assert pufa("ingest", "units", str(SAMPLE_UNITS))[0] == 0
    good = SAMPLE_CHECKLISTS / "县应急管理局2026年普法责任清单.csv"
    bad = SAMPLE_DIR / "bad" / "truncated.xlsx"
    code, out = pufa("ingest", "checklists", str(good), str(bad), "--json")
    assert code == 1
    (report,) = json.loads(out)
    assert report["counts"] == {"checklists": 1, "items": 4}
    errors = [skip for skip in report["skipped"] if skip["reason"].startswith("error")]
    assert [error["source"] for error in errors] == ["data/sample/bad/truncated.xlsx"]
    code, out = pufa("status", "--json")
    assert json.loads(out)["counts"]["ChecklistItem"] == 4


def test_ingest_tables_name_what_was_skipped(pufa):
    pufa("ingest", "units", str(SAMPLE_UNITS))
    code, out = pufa("ingest", "checklists", str(SAMPLE_CHECKLISTS / "县退役军人事务局2026年普法责任清单.docx"))
    assert code == 0
    assert "ingest checklists" in out and "skipped" in out and "note" in out


def test_cite_reads_stdin_and_prints_json(pufa):
    code, out = pufa("cite", stdin="违反《中华人民共和国安全生产法》第九十四条的")
    assert code == 0
    (citation,) = json.loads(out)
    assert (citation["title"], citation["article"]) == ("中华人民共和国安全生产法", 94)


def test_serve_refuses_several_workers_on_an_embedded_store(pufa, monkeypatch):
    monkeypatch.setattr("cli.serve.uvicorn.run", lambda *args, **kwargs: pytest.fail("uvicorn started"))
    code, _ = pufa("serve", "--workers", "2")
    assert code == 1


def test_accounts_invite_the_register_list_disable_reset_and_tokens(pufa, tmp_path):
    from openpyxl import load_workbook

    assert pufa("ingest", "units", str(SAMPLE_UNITS))[0] == 0
    sheet_path = tmp_path / "codes.xlsx"
    code, out = pufa("accounts", "invite", "--xlsx", str(sheet_path), "--json")
    assert code == 0
    invites = json.loads(out)["data"]
    assert invites and all(invite["code"] for invite in invites)
    rows = list(load_workbook(sheet_path).active.iter_rows(min_row=3, values_only=True))
    assert [row[4] for row in rows] == [invite["code"] for invite in invites]
    assert json.loads(pufa("accounts", "invite", "--json")[1])["count"] == 0
    code, out = pufa("accounts", "create", "reviewer1", "--role", "reviewer", "--name", "王审核", "--json")
    assert code == 0 and json.loads(out)["invite"]["code"]
    listed = json.loads(pufa("accounts", "list", "--json")[1])
    assert listed["count"] == len(invites) + 1
    assert pufa("accounts", "disable", "reviewer1")[1].strip() == "reviewer1: disabled"
    reset = json.loads(pufa("accounts", "reset", "reviewer1", "--json")[1])
    assert reset["code"] != json.loads(out)["invite"]["code"]
    token_id, token = pufa("accounts", "tokens", "create", "reviewer1", "script")[1].split()
    assert token.startswith("pufa_")
    assert token not in pufa("accounts", "tokens", "list", "reviewer1", "--json")[1]
    assert "revoked at" in pufa("accounts", "tokens", "revoke", token_id)[1]
    assert pufa("accounts", "disable", "nobody")[0] == 1


def test_catalogue_sync_prints_what_changed_and_status_where_it_got_to(pufa, monkeypatch):
    official = Official()
    official.down = "repealed"
    monkeypatch.setattr("cli.catalogue.http_client",
                        lambda settings: httpx.Client(transport=httpx.MockTransport(official)))
    code, out = pufa("catalogue", "sync", "--level", "法律", "--since", "2025-01-01")
    assert code == 1  # the repeals could not be listed: the run is to be resumed
    assert "新增" in out and "中华人民共和国道路通行示范法" in out and "同步中断" in out
    code, out = pufa("catalogue", "status")
    assert code == 0 and "从未同步" in out and "repeals 第 1 页" in out
    official.down = None
    code, out = pufa("catalogue", "sync", "--level", "法律", "--json")
    assert code == 0 and json.loads(out)["counts"]["added"] == 0
    assert pufa("catalogue", "sync", "--since", "去年")[0] == 2
    assert pufa("catalogue", "sync", "--level", "条约")[0] == 1


def test_ingest_units_lists_in_chinese_the_units_that_get_no_law(pufa, tmp_path):
    law = tmp_path / "经济法" / "示范市场秩序条例(2020-01-01).md"
    law.parent.mkdir()
    law.write_text("# 示范市场秩序条例\n\n2020年1月1日 中华人民共和国国务院令第1号公布\n\n<!-- INFO END -->\n\n"
                   "第一条 县级以上人民政府市场监督管理部门负责本行政区域的市场秩序监督管理工作。\n", encoding="utf-8")
    assert pufa("ingest", "laws", str(law), "--workers", "1")[0] == 0
    register = tmp_path / "联络员登记表.csv"
    register.write_text("单位,姓名,职务,电话,邮箱\n县市场监管局,陈晓梅,股长,0000-7000144,a@example.org\n"
                        "县委组织部,周一,科员,0000-7000100,b@example.org\n", encoding="utf-8")
    code, out = pufa("ingest", "units", str(register))
    assert code == 0
    assert "推断不出任何适用法律的单位（1 个）" in out
    assert "县委组织部" in out and "县市场监管局" not in out.split("推断不出任何适用法律的单位")[1]
    assert "职能类型" in out.split("推断不出任何适用法律的单位")[1]
