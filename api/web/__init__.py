"""Web pages for the justice bureau, the units and campaign coordinators, in Chinese.

Server-rendered Jinja2 templates over the same services as /api/v1; the CSS, the SVG charts and
the little JavaScript (the checklist upload) ship with the package, nothing loads from a CDN.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.web import (
    account_pages,
    assessment_pages,
    campaign_pages,
    catalogue_pages,
    pages,
    statute_pages,
    workflow_pages,
)

STATIC_DIR = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Add the pages at / and their assets at /static."""
    for module in (pages, account_pages, workflow_pages, assessment_pages, catalogue_pages, campaign_pages, statute_pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        """Browsers ask for it at the root whatever the page says."""
        return FileResponse(STATIC_DIR / "favicon.ico", media_type="image/x-icon",
                            headers={"Cache-Control": "public, max-age=86400"})
