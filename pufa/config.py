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
    """The bootstrap administrator's bearer token: it acts as a 普法办 admin (creates the first accounts,
    loads the register); every other write is done by an account. Unset, only accounts can write."""
    secret_key: SecretStr | None = None
    """Signs session and CSRF cookies. Unset, each process draws a random key (with a warning in the
    log): sessions then end when the server restarts, and several server processes would not accept
    each other's cookies."""
    session_hours: float = 12.0
    cookie_secure: bool = False
    """Mark cookies Secure (HTTPS only); set it behind TLS."""
    login_free_failures: int = 3
    """Failed logins of one address on one account before each further one doubles its wait."""
    login_backoff_seconds: float = 2.0
    """The first wait after the free failures (then 2×, 4× …, at most the window)."""
    login_failures_per_client: int = 20
    login_window_minutes: float = 15.0
    """Failed logins are remembered this long; past `login_failures_per_client` (any accounts) an address waits."""
    trusted_proxies: str = ""
    """Comma-separated addresses of the reverse proxies in front of the service. Only from these is
    X-Forwarded-For believed (its last address that is not a proxy is the client); from anyone else
    the header is ignored. Empty: the connection's own address is the client."""
    invite_days: int = 14
    """How long a one-time invite code (first login of a liaison) stays valid."""
    attachments_dir: Path = PROJECT_ROOT / "var" / "attachments"
    """Signed and stamped copies of checklists and the evidence of activities (佐证材料), stored by content hash."""
    max_attachment_mb: int = 10
    """The largest signed copy or evidence file."""
    max_evidence_files: int = 9
    """Evidence files one activity may carry (a WeChat post holds nine photos)."""
    assessment_rubric: Path | None = None
    """The bureau's own copy of the assessment rubric (YAML); unset, data/assessment_rubric.yaml."""
    smtp_host: str | None = None
    """Reminders and escalations are also e-mailed to liaisons when set (otherwise only documents)."""
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    mail_from: str = "pufa@localhost"
    bureau_name: str = "县司法局（县委全面依法治县委员会办公室）"
    """Who signs the reminders and escalations (提示单, 督办单)."""
    bureau_phone: str | None = None
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
    flk_base_url: str = "https://flk.npc.gov.cn"
    """国家法律法规数据库, where `pufa catalogue sync` reads 法律, 行政法规, 监察法规, 地方性法规 and 司法解释
    (a mirror or a gateway's address where the bureau's network reaches it only so)."""
    gov_rules_url: str = "https://sousuoht.www.gov.cn/athena/forward/BD8730CDDA12515E2D9E1B21AA11C0D6"
    """国家规章库's search service, where the sync reads 部门规章."""
    gov_rules_app_key: SecretStr | None = None
    """The key 国家规章库's own pages send (athenaappkey); without it the sync leaves 部门规章 out."""
    sync_proxy: str | None = None
    """A proxy for the sync (http://proxy.example:3128); without it HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply."""
    sync_province: str | None = None
    """The province whose 地方性法规 the sync keeps (内蒙古自治区); without it no local rules are synced."""
    sync_timeout_seconds: float = 60.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
