"""The year's end over /api/v1 (activities, the assessment, 普法提示): the app served on an
injected clock, as each of these tests finds it."""

import pytest

from tests.accounts import FakeClock
from tests.year_end import NOW, served


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def client(store, clock, tmp_path):
    yield from served(store, clock, tmp_path)
