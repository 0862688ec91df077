from datetime import date

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class ReferenceSource(Base):
    """One public source of the reference data (data/reference_sources.csv): which snapshot
    it was read at and how recent it is, so pages can say so; for a source that lists
    visits, the period its lists cover (``visits_from`` to ``visits_to``)."""

    __tablename__ = "reference_sources"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    official: Mapped[bool] = mapped_column(Boolean)
    repository: Mapped[str] = mapped_column(String(120))
    path: Mapped[str] = mapped_column(String(200))
    snapshot_commit: Mapped[str] = mapped_column(String(40))
    commit_date: Mapped[date] = mapped_column(Date)
    as_at: Mapped[date] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    visits_from: Mapped[date | None] = mapped_column(Date)
    visits_to: Mapped[date | None] = mapped_column(Date)
    provides: Mapped[str] = mapped_column(Text)
