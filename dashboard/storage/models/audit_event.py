"""One recorded change: who, when, to what, and the fields before and after."""

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class AuditEvent(Base):
    """Append-only: database triggers refuse UPDATE and DELETE (migration 0007).

    The actor's name and role are copied, not joined, so the entry still says who it
    was after the account changes. ``la_code`` is the LA the change belongs to, if any.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40))
    la_code: Mapped[str | None] = mapped_column(String(3), index=True)
    summary: Mapped[str] = mapped_column(String(300))
    changes: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[field, before, after]]
