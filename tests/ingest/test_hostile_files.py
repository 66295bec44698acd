"""Hostile files: zip bombs, deeply nested XML, entity bombs, oversized uploads, binary garbage,
wrong encodings and formula-injection cells. Every one is refused with an InputError (a 4xx over
HTTP) that says why, quickly and without inflating the file into memory; what is accepted is
exported inert. The files are made here, in tmp_path, at test time.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import resource
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from api.app import create_app
from api.limits import BodySizeLimit
from graph.ladybug_store import LadybugStore
from ingest.checklists.reader import read_checklist
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_UNITS
from ingest.laws.parse import parse_law_file
from ingest.tables import limits
from ingest.units.reader import read_units
from pufa.config import Settings
from pufa.errors import InputError
from pufa.laws import unit_id

MB = 1 << 20
WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DEPTH = 100_000
ENTITY_BOMB_DTD = (
    '<!DOCTYPE bomb [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + level)} "{f"&{chr(97 + level)};" * 10}">' for level in range(8))
    + "]>"
)
"""'billion laughs': &i; expands to 10^8 copies of 80 bytes (8 GB) if a parser lets it."""
SECONDS = 10
"""A hostile file is refused within this, not after inflating it."""
RSS_GROWTH_MB = 300
"""Peak memory may grow this much while refusing one (the process's peak, so only ever a bound)."""
V1 = "/api/v1"
TOKEN = "hostile-files-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHECKLIST_HEADER = ["序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室", "责任人"]
POLICE = unit_id("澄河县公安局")


def word_file(path: Path, document_xml: bytes | Callable[[zipfile.ZipFile], None]) -> Path:
    """A real .docx (made by python-docx) whose word/document.xml is replaced; a callable streams it in."""
    template = io.BytesIO()
    docx.Document().save(template)
    return _replace_member(path, template.getvalue(), "word/document.xml", document_xml)


def excel_file(path: Path, sheet_xml: bytes | Callable[[zipfile.ZipFile], None]) -> Path:
    """A real .xlsx (made by openpyxl) whose first worksheet XML is replaced."""
    workbook = openpyxl.Workbook()
    workbook.active.append(CHECKLIST_HEADER)
    template = io.BytesIO()
    workbook.save(template)
    return _replace_member(path, template.getvalue(), "xl/worksheets/sheet1.xml", sheet_xml)


def _replace_member(path: Path, archive: bytes, member: str, content) -> Path:
    source = zipfile.ZipFile(io.BytesIO(archive))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != member:
                out.writestr(info.filename, source.read(info.filename))
            elif callable(content):
                content(out)
            else:
                out.writestr(member, content)
    return path


def inflating(member: str, prefix: str, inflated_mb: int, suffix: str) -> Callable[[zipfile.ZipFile], None]:
    """Stream `inflated_mb` MB of one repeated byte into a member: a few hundred KB once deflated."""
    def write(archive: zipfile.ZipFile) -> None:
        with archive.open(member, "w", force_zip64=True) as out:
            out.write(prefix.encode())
            chunk = b"a" * MB
            for _ in range(inflated_mb):
                out.write(chunk)
            out.write(suffix.encode())
    return write


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def refused(call: Callable[[], object], *words: str) -> InputError:
    """Run a reader on a hostile file: it must raise InputError saying `words`, in seconds, with bounded memory."""
    rss_before, started = peak_rss_mb(), time.perf_counter()
    with pytest.raises(InputError) as caught:
        call()
    assert time.perf_counter() - started < SECONDS
    assert peak_rss_mb() - rss_before < RSS_GROWTH_MB
    message = str(caught.value)
    assert all(word in message for word in words), message
    return caught.value


def readers(path: Path) -> list[Callable[[], object]]:
    """Every reader a submitted or ingested file of this kind reaches (law texts may be .docx, not .xlsx)."""
    calls = [lambda: read_checklist(path, unit="县公安局", year=2026), lambda: list(read_units(path))]
    return calls + [lambda: parse_law_file(path)] if path.suffix == ".docx" else calls


# --- zip bombs, nesting, entities ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_zip_bombs_are_refused_before_inflating(tmp_path: Path, kind: str):
    inflated_mb = limits.MAX_UNZIPPED_BYTES // MB + 56
    if kind == "docx":
        path = word_file(tmp_path / "bomb.docx", inflating(
            "word/document.xml", f"<w:document {WORD_NS}><w:body><w:p><w:r><w:t>", inflated_mb, "</w:t></w:r></w:p></w:body></w:document>"))
    else:
        path = excel_file(tmp_path / "bomb.xlsx", inflating(
            "xl/worksheets/sheet1.xml", f"<worksheet {SHEET_NS}><sheetData><row><c t=\"inlineStr\"><is><t>", inflated_mb,
            "</t></is></c></row></sheetData></worksheet>"))
    assert path.stat().st_size < MB  # the bomb: under a megabyte on disk
    for read in readers(path):
        refused(read, "inflates to", f"over the {limits.MAX_UNZIPPED_BYTES // MB} MB limit")


def test_deeply_nested_word_xml_is_refused(tmp_path: Path):
    body = f"<w:document {WORD_NS}><w:body>" + "<w:tbl><w:tr><w:tc>" * DEPTH + "</w:tc></w:tr></w:tbl>" * DEPTH
    path = word_file(tmp_path / "nested.docx", (body + "</w:body></w:document>").encode())
    for read in readers(path):
        refused(read, "depth")


def test_deeply_nested_sheet_xml_reads_as_no_table(tmp_path: Path):
    """openpyxl's streaming reader sees no cells in rows nested inside rows; the merge scan must not stumble on them."""
    sheet = f"<worksheet {SHEET_NS}><sheetData>" + "<row>" * DEPTH + "</row>" * DEPTH + "</sheetData></worksheet>"
    path = excel_file(tmp_path / "nested.xlsx", sheet.encode())
    refused(lambda: read_checklist(path, unit="县公安局", year=2026), "no sheet has a checklist header")
    refused(lambda: list(read_units(path)), "no unit register header")


def test_entity_expansion_bombs_are_refused(tmp_path: Path):
    word = word_file(tmp_path / "laughs.docx", (
        f'<?xml version="1.0"?>{ENTITY_BOMB_DTD}<w:document {WORD_NS}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>'
        "</w:body></w:document>").encode())
    for read in readers(word):
        refused(read, "amplification")
    sheet = excel_file(tmp_path / "laughs.xlsx", (
        f'<?xml version="1.0"?>{ENTITY_BOMB_DTD}<worksheet {SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&i;</t></is></c></row></sheetData></worksheet>").encode())
    for read in readers(sheet):
        refused(read, "amplification")


def test_a_damaged_package_manifest_is_refused(tmp_path: Path):
    """Found by fuzzing: one byte cut from [Content_Types].xml made python-docx raise AttributeError."""
    sample = SAMPLE_CHECKLISTS / "2025_县市场监督管理局_普法责任清单.docx"
    manifest = zipfile.ZipFile(sample).read("[Content_Types].xml")
    path = _replace_member(tmp_path / "damaged.docx", sample.read_bytes(), "[Content_Types].xml",
                           manifest[:193] + manifest[194:])
    for read in readers(path):
        refused(read)


# --- size, garbage, encodings ----------------------------------------------------------------


def test_oversized_files_are_refused_without_reading_them(tmp_path: Path):
    path = tmp_path / "县公安局2026年普法责任清单.csv"
    with path.open("wb") as sparse:  # 100 MB on paper, no disk used
        sparse.truncate(100 * MB)
    refused(lambda: read_checklist(path), f"over the {limits.MAX_FILE_BYTES // MB} MB limit")


@pytest.mark.parametrize("name", ["清单.csv", "清单.xlsx", "清单.docx", "清单.xls", "示范法.md", "示范法.txt"])
def test_binary_garbage_is_refused(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(os.urandom(64 * 1024))
    read = (lambda: parse_law_file(path)) if name.startswith("示范法") else (lambda: read_checklist(path, unit="县公安局", year=2026))
    refused(read)


def test_text_in_utf16_without_a_byte_order_mark_is_refused_by_name(tmp_path: Path):
    table = "\n".join(",".join(row) for row in [CHECKLIST_HEADER, ["1", "《食品安全法》", "群众", "讲座", "全年", "法规股", "张三"]])
    path = tmp_path / "清单.csv"
    path.write_bytes(table.encode("utf-16-le"))
    refused(lambda: read_checklist(path, unit="县公安局", year=2026), "NUL bytes")
    law = tmp_path / "示范法.txt"
    law.write_bytes("中华人民共和国示范法\n第一条 为了示范，制定本法。".encode("utf-16-le"))
    refused(lambda: parse_law_file(law), "UTF-16")


def test_text_in_neither_utf8_nor_gbk_is_refused(tmp_path: Path):
    path = tmp_path / "清单.csv"
    path.write_bytes("序号,法律法规名称\n1,".encode("utf-8") + b"\x80\xff\x80\xff\n")
    refused(lambda: read_checklist(path, unit="县公安局", year=2026), "neither UTF-8 nor GBK/GB18030", "line 2")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_legitimate_chinese_encodings_read_the_same(tmp_path: Path, encoding: str):
    table = "\n".join(",".join(row) for row in [CHECKLIST_HEADER, ["1", "《食品安全法》", "群众", "讲座", "全年", "法规股", "张三"]])
    path = tmp_path / "清单.csv"
    path.write_bytes(table.encode(encoding))
    [checklist] = read_checklist(path, unit="县公安局", year=2026)
    assert [(item.law_names, item.audience_text) for item in checklist.items] == [(["《食品安全法》"], "群众")]


# --- over HTTP: the upload endpoint and the exports --------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The API on a LadybugDB store holding the sample unit register (the readers do not depend on the store)."""
    store = LadybugStore(tmp_path / "graph.lbug", buffer_pool_mb=256)
    store.ensure_schema()
    with TestClient(create_app(Settings(api_token=TOKEN), store=store)) as client:
        assert client.post(f"{V1}/units", files={"file": ("units.csv", SAMPLE_UNITS.read_bytes())},
                           headers=AUTH).status_code == 200
        yield client
    store.close()


def upload(client: TestClient, name: str, content: bytes):
    return client.post(f"{V1}/checklists", files={"file": (name, content)}, data={"unit": "县公安局", "year": "2026"},
                       headers=AUTH)


def checklists_stored(client: TestClient) -> int:
    return client.get("/api/v1/status").json()["counts"]["Checklist"]


def test_a_100_mb_upload_is_a_413_and_stores_nothing(client: TestClient):
    response = upload(client, "县公安局2026年普法责任清单.csv", b"1," * (50 * MB))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "20 MB upload limit" in response.json()["detail"]
    assert checklists_stored(client) == 0


@pytest.mark.parametrize("name", ["清单.csv", "清单.xlsx", "清单.docx"])
def test_garbage_uploads_are_a_422_problem(client: TestClient, name: str):
    response = upload(client, name, os.urandom(64 * 1024))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert name in response.json()["detail"]
    assert checklists_stored(client) == 0


def test_a_zip_bomb_upload_is_a_422_problem(client: TestClient, tmp_path: Path):
    bomb = word_file(tmp_path / "bomb.docx", inflating(
        "word/document.xml", f"<w:document {WORD_NS}><w:body><w:p><w:r><w:t>", limits.MAX_UNZIPPED_BYTES // MB + 1,
        "</w:t></w:r></w:p></w:body></w:document>"))
    response = upload(client, "县公安局2026年普法责任清单.docx", bomb.read_bytes())
    assert response.status_code == 422
    assert "inflates to" in response.json()["detail"]


FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\x01=1+1"]


def test_formula_cells_come_back_inert_in_every_export(client: TestClient):
    """A checklist whose cells are formulas (one hidden behind a control character) goes in through
    the upload and comes out as text in the unit's xlsx and in the audit's csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CHECKLIST_HEADER)
    for number, formula in enumerate(FORMULAS, start=1):
        writer.writerow([number, f"{formula}《食品安全法》", formula, formula, "", formula, formula])
    assert upload(client, "县公安局2026年普法责任清单.csv", buffer.getvalue().encode()).status_code == 200

    response = client.get(f"{V1}/exports/units/{POLICE}/checklist", params={"year": 2026})
    assert response.status_code == 200, response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=3) for cell in row if isinstance(cell.value, str)]
    assert len(cells) >= 4 * len(FORMULAS)
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells if cell.column in (2, 3, 4, 6, 7))

    findings = client.get(f"{V1}/exports/audit", params={"year": 2026, "format": "csv"}).content.decode("utf-8-sig")
    written = [cell for row in csv.reader(io.StringIO(findings)) for cell in row]
    assert any(cell.startswith("'=cmd") for cell in written)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in written)


def _asgi_upload(body_chunks: list[bytes], headers: list[tuple[bytes, bytes]]):
    """Drive the body limit directly, counting how much of the body the server asks for."""

    asked, sent = [], []

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read"})

    async def receive():
        chunk = body_chunks[len(asked)]
        asked.append(chunk)
        return {"type": "http.request", "body": chunk, "more_body": len(asked) < len(body_chunks)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/v1/checklists", "headers": headers}
    limited = BodySizeLimit(app, max_upload_mb=1)
    try:
        asyncio.run(limited(scope, receive, send))
    except HTTPException as exc:
        return exc.status_code, len(asked)
    return sent[0]["status"], len(asked)


def test_a_declared_oversized_body_is_refused_before_any_of_it_is_read():
    chunks = [b"x" * MB] * 100
    assert _asgi_upload(chunks, [(b"content-length", str(100 * MB).encode())]) == (413, 0)


def test_a_chunked_oversized_body_is_cut_off_at_the_limit():
    assert _asgi_upload([b"x" * MB] * 100, []) == (413, 2)
    assert _asgi_upload([b"x" * 1000] * 3, []) == (200, 3)
