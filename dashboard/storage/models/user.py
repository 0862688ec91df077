from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base

ROLES = ("la_user", "inspector", "admin")


class User(Base):
    """A person who signs in. An LA user belongs to one LA, an inspector to one region."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('la_user', 'inspector', 'admin')", name="role_known"),
        CheckConstraint(
            "(role = 'la_user' AND la_code IS NOT NULL AND region_code IS NULL)"
            " OR (role = 'inspector' AND region_code IS NOT NULL AND la_code IS NULL)"
            " OR (role = 'admin' AND la_code IS NULL AND region_code IS NULL)",
            name="scope_matches_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    la_code: Mapped[str | None] = mapped_column(ForeignKey("local_authorities.la_code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    is_senior: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Part of the session id: raising it ends every session of this account at once
    #: (sign-out, deactivation, role change), even a copied session cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
