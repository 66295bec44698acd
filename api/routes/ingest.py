"""Writes over HTTP: upload a checklist or a unit register, start an ingest job from the corpus
folder (each by an account whose role allows it, checked in the domain), and resolve citations.

An upload is saved under its own file name (which often says whose checklist it is and for
which year) in a private temporary folder, read by the same pipeline as `pufa ingest`, and
deleted. Bodies over PUFA_MAX_UPLOAD_MB are refused before they are received (`api.limits`),
and a file over it before it reaches a reader.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, UploadFile, status
from pydantic import BaseModel, Field

from api.deps import ActorDep, ClockDep, JobsDep, SettingsDep, StoreDep
from api.files import UploadsDep
from domain.catalogue import citations, sync
from domain.catalogue.models import CatalogueSyncPublic, CitationsPublic
from domain.checklists import intake, review
from ingest.jobs import IngestJob, JobKind
from ingest.report import IngestReport

router = APIRouter(tags=["ingest"])
JOB_STATE = "no-store"
"""A job's progress lives in this process, not in the graph: no graph stamp tells when it changed."""


CITE_MAX_CHARACTERS = 20_000
"""Anyone may ask, unsigned: a checklist's text fits (some 0.2 s of work); 200,000 took 2 s of a core."""


class CiteRequest(BaseModel):
    text: str = Field(max_length=CITE_MAX_CHARACTERS,
                      description="Any text citing laws, e.g. 依据《食品安全法》第一百二十四条.")


class IngestJobRequest(BaseModel):
    """An ingest to run from the server's corpus folder (PUFA_CORPUS_DIR)."""

    kind: JobKind = Field(
        description="`laws` (texts), `cases` (以案释法), `catalogue` (the shipped national catalogue) or `sync` "
                    "(what changed in the official databases since the last sync: `pufa catalogue sync`).")
    paths: list[str] = Field(
        default=[], max_length=1000,
        description="Files or folders relative to the corpus folder; by default the whole corpus for laws, "
                    "its 案例 folder for cases, none for the catalogue.")


class IngestJobsPublic(BaseModel):
    data: list[IngestJob]
    count: int


@router.post("/cite", response_model=CitationsPublic)
async def cite(request: CiteRequest, uploads: UploadsDep) -> CitationsPublic:
    """Law citations in a text with law, version, article, paragraph and item; unresolved names keep
    candidates. At most CITE_MAX_CHARACTERS, worked out in the bounded worker pool of uploads."""
    return await uploads.off_the_loop(citations.citations_in, request.text)


@router.post("/checklists", response_model=IngestReport)
async def upload_checklist(
    store: StoreDep, uploads: UploadsDep, actor: ActorDep, clock: ClockDep, file: UploadFile,
    unit: Annotated[str | None, Form(description="Whose checklist, when the file does not say.")] = None,
    year: Annotated[int | None, Form(ge=1949, le=2100, description="Which year, when the file does not say.")] = None,
) -> IngestReport:
    """A unit's checklist (.docx, .xlsx, .csv, .txt). A liaison's upload becomes a draft of its own
    unit's checklist; the administrator's enters it as submitted (the bureau's own ingest)."""
    return await uploads.parse(file, lambda path: review.upload_checklist(store, actor, path, unit=unit, year=year,
                                                                          clock=clock))


@router.post("/laws", response_model=IngestReport)
async def upload_law_table(store: StoreDep, uploads: UploadsDep, actor: ActorDep, file: UploadFile) -> IngestReport:
    """Add laws the catalogue lacks from a table (xlsx/csv/docx: title, level, issuer, dates, status;
    administrators)."""
    return await uploads.parse(file, lambda path: intake.load_law_table(store, actor, path))


@router.post("/units", response_model=IngestReport)
async def upload_units(store: StoreDep, uploads: UploadsDep, actor: ActorDep, file: UploadFile) -> IngestReport:
    """Submit the unit register (CSV/XLSX, as 附件1): units, sections and department types (administrators)."""
    return await uploads.parse(file, lambda path: intake.load_units(store, actor, path))


@router.post("/ingest/jobs", response_model=IngestJob, status_code=status.HTTP_202_ACCEPTED)
def start_ingest_job(body: IngestJobRequest, jobs: JobsDep, actor: ActorDep, request: Request,
                     response: Response) -> IngestJob:
    """Ingest law texts, cases or the shipped catalogue from the corpus folder, or sync the catalogue
    from the official databases, in the background (administrators; 409 while another job runs);
    follow it at the returned Location."""
    job = intake.start_job(jobs, actor, body.kind, body.paths)
    response.headers["Location"] = str(request.url_for("ingest_job", job_id=job.id))
    return job


@router.get("/catalogue/sync", response_model=CatalogueSyncPublic)
def catalogue_sync(store: StoreDep, actor: ActorDep, settings: SettingsDep) -> CatalogueSyncPublic:
    """Where the catalogue sync got to per source and level, and the setting a level lacks (administrators);
    start a sync with `POST /ingest/jobs` `{"kind": "sync"}`."""
    return sync.sync_overview(store, actor, settings)


@router.get("/ingest/jobs", response_model=IngestJobsPublic)
def ingest_jobs(jobs: JobsDep, response: Response) -> IngestJobsPublic:
    """The ingest jobs of this server process, newest first."""
    response.headers["Cache-Control"] = JOB_STATE
    data = jobs.newest_first()
    return IngestJobsPublic(data=data, count=len(data))


@router.get("/ingest/jobs/{job_id}", response_model=IngestJob)
def ingest_job(job_id: str, jobs: JobsDep, response: Response) -> IngestJob:
    """One ingest job: its progress while it runs, its report once it has finished."""
    response.headers["Cache-Control"] = JOB_STATE
    return jobs.get(job_id)
