"""Ingest jobs started over HTTP: law texts, cases or the shipped catalogue, read from the server's
corpus folder (PUFA_CORPUS_DIR), or a catalogue sync from the official databases
(ingest.sync.run), in a background thread.

A whole corpus takes minutes, longer than a request should wait, so `POST /ingest/jobs` answers
202 at once and the job's progress and report are read back by id. One job runs at a time (the
stores take one writer; LadybugDB one process): a second is refused with 409. Paths are relative
to the corpus folder and may not leave it. Jobs are kept in memory, the newest `KEPT_JOBS`.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from graph.store import GraphStore
from ingest.cases.load import ingest_cases
from ingest.laws.load import ingest_laws
from ingest.report import Advance, IngestReport, Tracker
from ingest.shipped_catalogue import load_catalogue
from ingest.sync.run import http_client, sync_catalogue
from pufa.clock import stamp, system_clock
from pufa.config import get_settings
from pufa.errors import Conflict, InputError, NotFound, PufaError

log = logging.getLogger(__name__)

JobKind = Literal["laws", "cases", "catalogue", "sync"]
JobState = Literal["running", "succeeded", "failed"]
KEPT_JOBS = 20
CASES_FOLDER = "案例"
"""Where the LawRefBook corpus keeps its 以案释法 cases."""


class IngestBusy(Conflict):
    """Another ingest job is still running."""


class JobStep(BaseModel):
    """One progress bar of a job: what it is doing, and how far it has got."""

    description: str
    total: int
    done: int = 0


class IngestJob(BaseModel):
    """An ingest job: running, or finished with its report (failed: an error, or files it could not use)."""

    id: str
    kind: JobKind
    paths: list[str]
    state: JobState = "running"
    steps: list[JobStep] = Field(default_factory=list)
    report: IngestReport | None = None
    error: str | None = None
    started: datetime = Field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None

    def track(self, description: str, total: int) -> Advance:
        """The pipeline's progress tracker, recording each bar as a step of the job."""
        step = JobStep(description=description, total=total)
        self.steps.append(step)

        def advance(steps: int = 1) -> None:
            step.done += steps

        return advance


Runner = Callable[[GraphStore, list[Path], Tracker], IngestReport]


def _laws(store: GraphStore, paths: list[Path], track: Tracker) -> IngestReport:
    # Article analysis stays in this process: forking worker processes from a threaded server
    # could copy a lock another thread holds (the CLI, single-threaded, uses two workers).
    return ingest_laws(store, paths, workers=1, track=track)


def _cases(store: GraphStore, paths: list[Path], track: Tracker) -> IngestReport:
    return ingest_cases(store, paths, track=track)


def _catalogue(store: GraphStore, paths: list[Path], track: Tracker) -> IngestReport:
    return load_catalogue(store, track=track)


def _sync(store: GraphStore, paths: list[Path], track: Tracker) -> IngestReport:
    settings = get_settings()
    with http_client(settings) as http:
        return sync_catalogue(store, http, settings, today=date.today(), now=stamp(system_clock()), track=track)


RUNNERS: dict[JobKind, Runner] = {"laws": _laws, "cases": _cases, "catalogue": _catalogue, "sync": _sync}
DEFAULT_PATHS: dict[JobKind, list[str]] = {"laws": ["."], "cases": [CASES_FOLDER], "catalogue": [], "sync": []}
WITHOUT_PATHS: dict[JobKind, str] = {"catalogue": "the catalogue is shipped with the service",
                                     "sync": "the sync reads the official databases"}
"""The kinds that read no corpus files, and why."""


class IngestJobs:
    """The jobs of one API process, run one at a time, each in its own thread."""

    def __init__(self, store: GraphStore, corpus_dir: Path):
        self._store = store
        self._corpus_dir = corpus_dir
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._latest: tuple[IngestJob, threading.Thread] | None = None

    def start(self, kind: JobKind, paths: list[str]) -> IngestJob:
        """Check the paths, then run the job in the background; refused while another runs.
        Returns the job as accepted (a copy: the running job changes under the caller)."""
        paths = paths or DEFAULT_PATHS[kind]
        sources = self._sources(kind, paths)
        with self._lock:
            if self._latest is not None and self._latest[1].is_alive():
                running = self._latest[0]
                raise IngestBusy(f"ingest job {running.id} ({running.kind}) is still running")
            job = IngestJob(id=uuid.uuid4().hex[:12], kind=kind, paths=paths)
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS:
                self._jobs.popitem(last=False)
            thread = threading.Thread(target=self._run, args=(job, sources), name=f"pufa-ingest-{job.id}")
            self._latest = (job, thread)
            accepted = job.model_copy(deep=True)
            thread.start()
        return accepted

    def get(self, job_id: str) -> IngestJob:
        job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no ingest job with id {job_id!r}")
        return job

    def newest_first(self) -> list[IngestJob]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def wait(self) -> None:
        """Wait for a running job, so that the store can close under a finished write."""
        if self._latest is not None:
            self._latest[1].join()

    def _sources(self, kind: JobKind, paths: list[str]) -> list[Path]:
        if kind in WITHOUT_PATHS:
            if paths:
                raise InputError(f"{WITHOUT_PATHS[kind]} and takes no paths", source="paths")
            return []
        root = self._corpus_dir.resolve()
        if not root.is_dir():
            raise InputError(f"the corpus folder {self._corpus_dir} does not exist (set PUFA_CORPUS_DIR)")
        return [self._source(root, given, f"paths[{index}]") for index, given in enumerate(paths)]

    def _source(self, root: Path, given: str, field_name: str) -> Path:
        try:
            path = (root / given).resolve()
            if not path.is_relative_to(root):
                raise InputError(f"{given!r} lies outside the corpus folder", source=field_name)
            if path.exists():
                return path
        except (OSError, ValueError) as exc:  # a NUL byte, a name too long for the file system
            raise InputError(f"{given!r} is not a usable path: {exc}", source=field_name) from None
        raise InputError(f"{given!r} is not in the corpus folder {self._corpus_dir}", source=field_name)

    def _run(self, job: IngestJob, sources: list[Path]) -> None:
        try:
            job.report = self._as_given(RUNNERS[job.kind](self._store, sources, job.track))
        except PufaError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", f"unexpected error: {exc}"
        else:
            failed = job.report.failed
            job.state = "failed" if failed else "succeeded"
            job.error = f"{len(failed)} file(s) could not be used; see the report" if failed else None
        job.finished = datetime.now(UTC)

    def _as_given(self, report: IngestReport) -> IngestReport:
        """The report's paths as the client gives them: relative to the corpus folder, whose place
        on the server is none of its business."""
        root = f"{self._corpus_dir.resolve()}/"
        for skip in report.skipped:
            skip.source, skip.reason = skip.source.replace(root, ""), skip.reason.replace(root, "")
        for entry in [*report.unresolved, *report.not_laws]:
            if isinstance(entry.get("source"), str):
                entry["source"] = entry["source"].replace(root, "")
        return report
