"""Pick the store from PUFA_STORE: a filesystem path is LadybugDB, a Neo4j URI is Neo4j."""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.store import GraphStore
from pufa.config import Settings
from pufa.errors import ConfigError


def _open_ladybug(settings: Settings, read_only: bool) -> GraphStore:
    from graph.ladybug_store import LadybugStore

    location = settings.store.removeprefix("ladybug://")
    return LadybugStore(location, read_only=read_only, buffer_pool_mb=settings.ladybug_buffer_mb)


def _open_neo4j(settings: Settings, read_only: bool) -> GraphStore:
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(
        settings.store,
        settings.neo4j_user,
        settings.neo4j_password.get_secret_value(),
        database=settings.neo4j_database,
        batch_size=settings.batch_size,
        stamp_recheck_seconds=settings.stamp_recheck_ms / 1000,
    )


BACKENDS: dict[str, Callable[[Settings, bool], GraphStore]] = {
    "ladybug": _open_ladybug,
    "neo4j": _open_neo4j,
    "neo4j+s": _open_neo4j,
    "neo4j+ssc": _open_neo4j,
    "bolt": _open_neo4j,
    "bolt+s": _open_neo4j,
    "bolt+ssc": _open_neo4j,
}
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def backend_name(store: str) -> str:
    """The backend a PUFA_STORE value selects; a bare path (or ladybug://path) means LadybugDB."""
    if not store.strip():
        raise ConfigError("PUFA_STORE is empty; give a path for LadybugDB or a neo4j:// / bolt:// URI")
    match = SCHEME.match(store)
    if not match:
        return "ladybug"
    scheme = match.group(1).lower()
    if scheme not in BACKENDS:
        raise ConfigError(
            f"PUFA_STORE scheme {scheme!r} is not supported; use a filesystem path or one of: "
            + ", ".join(f"{name}://" for name in BACKENDS)
        )
    return scheme


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Open the configured store; it is not yet checked to answer (call `ping`)."""
    return BACKENDS[backend_name(settings.store)](settings, read_only)
