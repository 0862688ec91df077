from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.access import ROLES as ROLE_TABLE
from dashboard.access import Scope
from dashboard.storage.models.base import Base

ROLES = tuple(ROLE_TABLE)

_PLACE_COLUMNS = {
    Scope.OWN_LA: "la_code IS NOT NULL AND region_code IS NULL",
    Scope.OWN_REGION: "region_code IS NOT NULL AND la_code IS NULL",
    Scope.EVERY_LA: "la_code IS NULL AND region_code IS NULL",
}


def _roles_known() -> str:
    return "role IN (" + ", ".join(f"'{name}'" for name in ROLE_TABLE) + ")"


def _place_matches_role() -> str:
    """Each role's accounts are tied to what the access table says (migration 0001)."""
    return " OR ".join(
        f"(role = '{name}' AND {_PLACE_COLUMNS[role.tied_to]})" for name, role in ROLE_TABLE.items()
    )


class User(Base):
    """A person who signs in. An LA user belongs to one LA, an inspector to one region."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_roles_known(), name="role_known"),
        CheckConstraint(_place_matches_role(), name="scope_matches_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    la_code: Mapped[str | None] = mapped_column(ForeignKey("local_authorities.la_code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    is_senior: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The DCS, or someone the DCS named to act for them (ILACS framework para 47).
    is_dcs: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Part of the session id: raising it ends every session of this account at once
    #: (sign-out, deactivation, role change), even a copied session cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
