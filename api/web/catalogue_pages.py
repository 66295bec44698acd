"""目录同步, the administrator's page of the catalogue sync: where each source and level got to,
the latest sync job with its progress and what it changed, and the button that starts one."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import ActorDep, JobsDep, SettingsDep, StoreDep
from api.web.render import render
from api.web.routing import page_router
from domain.catalogue import sync
from domain.checklists import intake
from ingest.sync.run import NEEDED_SETTINGS

router = page_router()


@router.get("/catalogue/sync")
def sync_page(request: Request, actor: ActorDep, store: StoreDep, settings: SettingsDep, jobs: JobsDep) -> HTMLResponse:
    overview = sync.sync_overview(store, actor, settings)
    latest = next((job for job in jobs.newest_first() if job.kind == "sync"), None)
    response = render(request, "catalogue_sync.html", overview=overview, job=latest, NEEDED_SETTINGS=NEEDED_SETTINGS)
    response.headers["Cache-Control"] = "no-store"  # a job's progress is not in the graph
    return response


@router.post("/catalogue/sync")
def start_sync_form(actor: ActorDep, jobs: JobsDep) -> Response:
    intake.start_job(jobs, actor, "sync", [])
    return RedirectResponse("/catalogue/sync", status_code=303)
