"""Settings, read once from the environment. Every setting is listed in the README."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", PROJECT_ROOT / "instance"))


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'ilacs.sqlite3'}"


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one kept in instance/ for local use.

    Every worker must share the key, so a generated one is written to a file that
    all workers on the host read, never made up per process.
    """
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    session_cookie_secure: bool
    session_idle_minutes: int
    session_max_hours: int
    login_rate_limit: str
    ratelimit_storage_uri: str
    max_request_mb: int
    max_upload_mb: int
    max_upload_rows: int
    trusted_proxy_hops: int
    celery_broker_url: str
    background_cache_dir: str


def load_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("DATABASE_URL", _default_database_url()),
        secret_key=_secret_key(),
        session_cookie_secure=_flag("SESSION_COOKIE_SECURE", False),
        session_idle_minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
        session_max_hours=int(os.environ.get("SESSION_MAX_HOURS", "10")),
        login_rate_limit=os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        ratelimit_storage_uri=os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        max_request_mb=int(os.environ.get("MAX_REQUEST_MB", "48")),
        max_upload_mb=int(os.environ.get("MAX_UPLOAD_MB", "30")),
        max_upload_rows=int(os.environ.get("MAX_UPLOAD_ROWS", "400000")),
        trusted_proxy_hops=int(os.environ.get("TRUSTED_PROXY_HOPS", "0")),
        celery_broker_url=os.environ.get("CELERY_BROKER_URL", ""),
        background_cache_dir=os.environ.get("BACKGROUND_CACHE_DIR",
                                            str(INSTANCE_DIR / "background-jobs")),
    )
