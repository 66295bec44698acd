"""Headless Chromium over `pufa demo` data for the browser tests (marker `browser`).

Uvicorn serves the app on a free loopback port from a background thread; Playwright drives the
system Chromium (Debian `chromium`; nothing is downloaded at test time). Screenshots of every
step go to test-artifacts/screenshots/. Without Chromium these tests skip, unless
PUFA_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
import uvicorn

from api.app import create_app
from domain.base.cache import CachedStore
from domain.checklists.demo import demo_accounts, publish_samples
from graph.ladybug_store import LadybugStore
from ingest.demo import load_demo
from pufa.config import Settings
from tests.web.browsing import REGION, TOKEN

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("PUFA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PUFA_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        if path := shutil.which(name):
            return path
    _unavailable("no system Chromium: `apt-get install -y chromium` (scripts/setup.sh does it)")


@pytest.fixture(scope="module")
def attachments_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("attachments")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, attachments_dir) -> Iterator[LadybugStore]:
    """What `make demo` holds: the sample county, its people, and its 2025 checklists published."""
    store = LadybugStore(tmp_path_factory.mktemp("web-demo") / "demo.lbug")
    store.ensure_schema()
    load_demo(store)
    demo_accounts(CachedStore(store))
    publish_samples(CachedStore(store), attachments_dir)
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(demo_store, attachments_dir) -> Iterator[str]:
    app = create_app(Settings(region=REGION, api_token=TOKEN, attachments_dir=attachments_dir), store=demo_store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh tab that fails the test on a script error or a request leaving the server (no CDN)."""
    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: dialog.accept())
    errors: list[str] = []

    def off_site(request) -> None:
        if not request.url.startswith(base_url):
            errors.append(f"off-site request: {request.url}")

    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    tab.on("request", off_site)
    yield tab
    context.close()
    assert errors == []
