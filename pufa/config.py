"""The one Settings object; every knob is an environment variable prefixed PUFA_."""

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PUFA_", env_file=".env", extra="ignore")

    store: str = "var/pufa.lbug"
    """A filesystem path (embedded LadybugDB) or a neo4j:// / bolt:// URI."""
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    batch_size: int = 5000
    ladybug_buffer_mb: int = 2048
    """LadybugDB's page cache; its own default takes most of the machine's memory."""
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: SecretStr | None = None
    """Bearer token required by write endpoints; writes are refused while it is unset."""
    max_upload_mb: int = 20
    cache_refresh_seconds: float = 2.0
    """How often the API checks for a write to work the last-asked answers out again (0: never)."""
    stamp_recheck_ms: int = 500
    """Neo4j: how old the graph stamp a process knows may grow before it reads it again, so a write
    by another process (another worker, a CLI ingest) is seen within this time; its own at once.
    0 reads it for every request. LadybugDB's one writing process knows every write."""
    response_cache_mb: int = 64
    """Serialized answers kept per graph stamp, to serve repeated GETs and 304s (0: none)."""
    workers: int = 1
    """Server processes (`pufa serve`); more than one needs Neo4j."""
    region: str | None = None
    """The jurisdiction served (示例市澄河县): answers default to national laws plus its local ones."""
    corpus_dir: Path = PROJECT_ROOT.parent / "shared" / "corpus" / "lawrefbook"


@lru_cache
def get_settings() -> Settings:
    return Settings()
