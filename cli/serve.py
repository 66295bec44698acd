"""`pufa serve`: the HTTP service (API and pages) under uvicorn.

The app is named to uvicorn by its import path, so the command line does not import the HTTP
face it starts (the faces stay apart; see docs/architecture.md).
"""

from __future__ import annotations

import typer
import uvicorn

from pufa.config import get_settings

APP_FACTORY = "api.app:create_app"


def serve(
    host: str = typer.Option(None, help="Bind address (default PUFA_HOST)."),
    port: int = typer.Option(None, help="Port (default PUFA_PORT)."),
) -> None:
    """Run the API and web pages."""
    settings = get_settings()
    uvicorn.run(APP_FACTORY, factory=True, host=host or settings.host, port=port or settings.port)
