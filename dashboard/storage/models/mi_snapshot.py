from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.domain.snapshots import WITHDRAWAL_REASON_MAX
from dashboard.storage.models.base import Base

SNAPSHOT_STATUSES = ("pending", "current", "replaced", "withdrawn")

#: A withdrawn snapshot says when, by whom and why; no other snapshot carries these.
WITHDRAWAL_RECORDED = (
    "(status = 'withdrawn' AND withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL)"
    " OR (status <> 'withdrawn' AND withdrawn_at IS NULL AND withdrawn_by_id IS NULL"
    " AND withdrawal_reason IS NULL)"
)


class MISnapshot(Base):
    """The figures one Annex A upload gave an LA for one period.

    Only indicator values and the counts behind them are kept: the child-level rows
    are read, checked and counted, then dropped. A snapshot waiting for the user to
    confirm that it replaces the period's current one is "pending"; the one it
    replaces becomes "replaced" and is kept for the record but left out of trends.
    A current snapshot the LA withdraws (a wrong or test upload) becomes "withdrawn",
    with when, by whom and why: kept for the record, out of every figure and trend,
    and back to "current" if the withdrawal is undone in time (``dashboard.services.mi``).
    """

    __tablename__ = "mi_snapshots"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'current', 'replaced', 'withdrawn')", name="status_known"
        ),
        CheckConstraint(WITHDRAWAL_RECORDED, name="withdrawal_recorded"),
        Index(
            "uq_mi_snapshots_one_current_per_period",
            "la_code",
            "period_end",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: How many files of which kinds were uploaded (never their names or contents).
    source_files: Mapped[str] = mapped_column(String(500))
    rows_read: Mapped[int] = mapped_column(Integer)
    warning_count: Mapped[int] = mapped_column(Integer)
    child_population: Mapped[int | None] = mapped_column(Integer)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The LA user's own words, plain text (checked in ``dashboard.domain.snapshots``).
    withdrawal_reason: Mapped[str | None] = mapped_column(String(WITHDRAWAL_REASON_MAX))

    list_counts: Mapped[list["MIListCount"]] = relationship(
        cascade="all, delete-orphan", order_by="MIListCount.list_number"
    )
    values: Mapped[list["MIIndicatorValue"]] = relationship(cascade="all, delete-orphan")


class MIListCount(Base):
    """How many rows one list of the upload had."""

    __tablename__ = "mi_list_counts"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("mi_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    list_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    rows: Mapped[int] = mapped_column(Integer)


class MIIndicatorValue(Base):
    """One indicator's value in a snapshot, with the numerator and denominator behind it."""

    __tablename__ = "mi_indicator_values"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("mi_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    indicator_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    #: what the figure did and left out, in words (migration 0018 lifted a 200-character
    #: limit: a figure may say several things)
    note: Mapped[str | None] = mapped_column(Text)
