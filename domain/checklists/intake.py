"""Files the bureau loads in bulk (the unit register, law texts and cases, its own checklist
ingest), run for an actor allowed to: the role is checked here, where the write lands, whichever
face (HTTP, pages) asked."""

from __future__ import annotations

from pathlib import Path

from domain.accounts.accounts import Actor
from domain.base.cache import CachedStore
from ingest.jobs import IngestJob, IngestJobs, JobKind
from ingest.laws.load import ingest_law_table
from ingest.report import IngestReport
from ingest.units.load import ingest_units
from pufa.workflow import Permission


def load_units(store: CachedStore, actor: Actor, path: Path) -> IngestReport:
    actor.require(Permission.BULK_INGEST)
    return ingest_units(store, path)


def load_law_table(store: CachedStore, actor: Actor, path: Path) -> IngestReport:
    actor.require(Permission.BULK_INGEST)
    return ingest_law_table(store, path)


def start_job(jobs: IngestJobs, actor: Actor, kind: JobKind, paths: list[str]) -> IngestJob:
    actor.require(Permission.BULK_INGEST)
    return jobs.start(kind, paths)

