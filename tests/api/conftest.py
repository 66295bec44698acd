"""The test county over /api/v1 (and the pages) with a clock the tests set, and an account per role:
the fixtures of the checklist workflow's tests and of the abuse tests (a module may define its own)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pufa.config import Settings
from tests.accounts import BOOTSTRAP_TOKEN, FakeClock, People
from tests.fixtures_graph import build_county


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(store, clock, tmp_path):
    build_county(store)
    settings = Settings(api_token=BOOTSTRAP_TOKEN, secret_key="test", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments", max_attachment_mb=1)
    with TestClient(create_app(settings, store=store, clock=clock)) as client:
        yield client


@pytest.fixture
def people(store, client) -> People:
    return People(store)
