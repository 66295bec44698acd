"""Every operation of the OpenAPI schema, fed schemathesis-generated requests (valid and invalid
parameters, odd unicode, huge numbers, missing fields), against the hand-built county on
LadybugDB: no request may produce a 5xx, and every documented answer must match its schema.

Writes are enabled with a token the generator is given, so the upload endpoints are exercised
past the auth check too. (schemathesis' own pytest plugin does not run under pytest 9, so each
operation's strategy drives a plain hypothesis test.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from api.app import create_app
from graph.ladybug_store import LadybugStore
from ingest import jobs
from ingest.report import IngestReport
from pufa.config import Settings
from tests.fixtures_graph import build_county

TOKEN = "schemathesis-token"
EXAMPLES = int(os.environ.get("PUFA_SCHEMATHESIS_EXAMPLES", "25"))
"""Requests per operation and mode; modest so that the whole schema runs in about a minute."""


def can_be_invalid(spec: dict) -> bool:
    """Whether a request to the operation can break its schema at all: it has a body or a parameter
    that is not a bare path string (a path segment that is any string has no invalid value)."""
    return "requestBody" in spec or any(
        parameter["in"] != "path" or set(parameter["schema"]) - {"type", "title"} or parameter["schema"].get("type") != "string"
        for parameter in spec.get("parameters", []))


CASES = [
    (path, method.upper(), mode)
    for path, methods in create_app(Settings()).openapi()["paths"].items()
    for method, spec in methods.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or can_be_invalid(spec)
]
"""(path, method, mode) for every operation; invalid requests wherever an operation has something to get wrong."""


def no_ingest(store, paths, track) -> IngestReport:
    return IngestReport(kind="laws", files=len(paths))


def _county_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    folder = Path(tmp_path_factory.mktemp("schemathesis"))
    store = LadybugStore(folder / "graph.lbug", buffer_pool_mb=256)
    store.ensure_schema()
    build_county(store)
    (folder / "corpus" / "案例").mkdir(parents=True)
    app = create_app(Settings(api_token=TOKEN, max_upload_mb=1, corpus_dir=folder / "corpus"), store=store)
    # Ingest jobs it starts check their paths as ever, then write nothing: the county stays as built.
    with pytest.MonkeyPatch.context() as patch, TestClient(app):  # the lifespan hands the store to the app
        for kind in jobs.RUNNERS:
            patch.setitem(jobs.RUNNERS, kind, no_ingest)
        yield app
    store.close()


@pytest.fixture(scope="module")
def county_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The county the fuzzer writes to as the administrator (its rows may change)."""
    yield from _county_app(tmp_path_factory)


@pytest.fixture(scope="module")
def paged_county_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The county as built, for reading pages (the fuzzer's writes may empty a list)."""
    yield from _county_app(tmp_path_factory)


@pytest.fixture(scope="module")
def api_schema(county_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", county_app)


@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{method} {path} {mode.value}" for path, method, mode in CASES])
def test_no_request_is_a_server_error(api_schema: schemathesis.BaseSchema, path: str, method: str, mode: GenerationMode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def requests_of_this_operation(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                               checks=[not_a_server_error, response_schema_conformance])

    requests_of_this_operation()


@pytest.mark.parametrize("path", ["/api/v1/units", "/api/v1/audit/problems", "/api/v1/laws/LFOOD"])
def test_a_page_far_past_the_end_is_empty(paged_county_app: FastAPI, path: str):
    """Found by schemathesis: LadybugDB crashed the whole process (SIGSEGV) on ORDER BY … SKIP far past the end."""
    with TestClient(paged_county_app) as client:
        full = client.get(path).json()
        response = client.get(path, params={"skip": 10**6})
    assert response.status_code == 200, response.text
    body = response.json()
    page = body["articles"] if "articles" in body else body
    assert page["data"] == [] and page["count"] == (full["articles"] if "articles" in full else full)["count"] > 0
