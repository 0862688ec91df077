from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class PathwayDecision(Base):
    """The pathway and next activity the region's senior HMI recorded for an LA whose
    latest inspection gave no overall grade (from April 2026: Ofsted, 27 November 2025).

    Rows are never changed: a new decision supersedes the one before, and the latest
    for the LA's current inspection is the one followed. The inspection it answers is
    named by its key (kind and start, else publication, date), as ``inspection_events``.
    """

    __tablename__ = "pathway_decisions"
    __table_args__ = (
        CheckConstraint("pathway BETWEEN 1 AND 3", name="pathway_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    pathway: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    next_activity: Mapped[str] = mapped_column(String(20))
    next_activity_date: Mapped[date | None] = mapped_column(Date)
    inspection_kind: Mapped[str] = mapped_column(String(20))
    inspection_date: Mapped[date] = mapped_column(Date)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
