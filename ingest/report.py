"""What an ingest reports: rows written, what was skipped and why, what stayed unresolved; and
the progress hook long ingests call (a rich bar in the CLI, a job's steps over HTTP)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field

from ingest.records import UnitTypes

Advance = Callable[[int], None]

Tracker = Callable[[str, int], Advance]
"""`tracker(description, total)` starts a progress bar and returns its advance function."""


def no_progress(description: str, total: int) -> Advance:
    return lambda steps=1: None


class Skipped(BaseModel):
    """Something in the input that was not stored, and why."""

    source: str
    reason: str


class LawChange(BaseModel):
    """What a catalogue sync did to one law."""

    kind: str
    """added, amended (a new version), repealed, in force (a version stored 尚未生效 took effect), or unchanged."""
    title: str
    law_id: str
    note: str | None = None


class UnitWithoutLaws(BaseModel):
    """A unit of a register that gets no law at all: none of the types it acts as is named by a law in
    force (or it acts as none). A defect of the register, said to the clerk in Chinese with what to do."""

    unit_id: str
    unit: str
    source: str | None = None
    problem: str
    remedy: str


class IngestReport(BaseModel):
    """What one ingest did: rows written per label/relationship, what was skipped, what was not resolved."""

    kind: str
    files: int = 0
    counts: dict[str, int] = Field(default_factory=dict)
    written: dict[str, int] = Field(default_factory=dict)
    skipped: list[Skipped] = Field(default_factory=list)
    unresolved: list[dict] = Field(default_factory=list)
    not_laws: list[dict] = Field(default_factory=list)
    """Checklist ingests: what a law column names that is no law (a standard, a normative document, a topic),
    each with its source and kind; kept on the row, never counted as unresolved."""
    unit_types: list[UnitTypes] = Field(default_factory=list)
    """Unit register ingests: each unit's department types and where they came from."""
    units_without_laws: list[UnitWithoutLaws] = Field(default_factory=list)
    """Unit register ingests: the units no law in force concerns, to be given a 职能类型."""
    checklist_ids: list[str] = Field(default_factory=list)
    """The checklist revisions written (for the checklist ingest)."""
    changes: list[LawChange] = Field(default_factory=list)
    """The laws a catalogue sync changed (`pufa catalogue sync`); unchanged ones are counted only."""
    seconds: float = 0.0

    def add_written(self, written: dict[str, int]) -> None:
        for name, count in written.items():
            self.written[name] = self.written.get(name, 0) + count

    @property
    def failed(self) -> list[Skipped]:
        """Skips that are errors (an unreadable or unusable file), not deliberate omissions."""
        return [skip for skip in self.skipped if skip.reason.startswith("error")]


@contextmanager
def timed(report: IngestReport) -> Iterator[IngestReport]:
    started = datetime.now()
    yield report
    report.seconds = round((datetime.now() - started).total_seconds(), 2)


def shown(path: Path) -> Path:
    """A path as people should read it in sources and reports: relative to here when it lies below."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
