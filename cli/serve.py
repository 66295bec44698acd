"""`pufa serve`: the HTTP service (API and pages) under uvicorn, in one process or several.

The app is named to uvicorn by its import path, so the command line does not import the HTTP
face it starts (the faces stay apart; see docs/architecture.md), and each worker process builds
its own. Several workers need Neo4j: a LadybugDB file has one writing process, and a read-only
open beside it sees the graph as it was when it opened (README, Serving).
"""

from __future__ import annotations

import typer
import uvicorn

from graph.registry import backend_name
from pufa.config import get_settings
from pufa.errors import ConfigError

APP_FACTORY = "api.app:create_app"


def serve(
    host: str = typer.Option(None, help="Bind address (default PUFA_HOST)."),
    port: int = typer.Option(None, help="Port (default PUFA_PORT)."),
    workers: int = typer.Option(None, min=1, help="Server processes (default PUFA_WORKERS); more than one needs Neo4j."),
) -> None:
    """Run the API and web pages."""
    settings = get_settings()
    workers = workers or settings.workers
    if workers > 1 and backend_name(settings.store) == "ladybug":
        raise ConfigError(
            f"{workers} workers need Neo4j: a LadybugDB file is served by one process (it alone may write, and a "
            "read-only process would not see later writes); use one worker, or a neo4j:// / bolt:// PUFA_STORE")
    # uvicorn's own proxy handling believes X-Forwarded-For from loopback by default: the app decides
    # from PUFA_TRUSTED_PROXIES instead (api.deps.client_address)
    uvicorn.run(APP_FACTORY, factory=True, host=host or settings.host, port=port or settings.port, workers=workers,
                proxy_headers=False)
