"""Where an LA sits: the one lookup the access policy needs from the database."""

from __future__ import annotations

from sqlalchemy import select

from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalAuthority


def region_of_la(la_code: str) -> str | None:
    """The region code of LA ``la_code``; None for a code no LA has."""
    with session_scope() as session:
        return session.scalar(
            select(LocalAuthority.region_code).where(LocalAuthority.la_code == la_code)
        )
