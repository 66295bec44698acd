"""`pufa …` as a test runs it: against one store, answering (exit code, stdout)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from cli.main import app
from pufa.config import get_settings


@contextmanager
def pufa_on(monkeypatch: pytest.MonkeyPatch, location: str) -> Iterator[Callable[..., tuple[int, str]]]:
    """Run the CLI on the store at `location`; the settings are read afresh inside and after."""
    monkeypatch.setenv("PUFA_STORE", location)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.stdout

    try:
        yield run
    finally:
        get_settings.cache_clear()
