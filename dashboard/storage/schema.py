"""Bring a database's schema up to date with the Alembic migrations."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from dashboard.config import PROJECT_ROOT
from dashboard.storage.db import get_engine


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade_database(url: str | None = None) -> None:
    """Apply every migration not yet applied; does nothing on an up-to-date database."""
    config = alembic_config(url)
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
