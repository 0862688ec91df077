from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base

#: A visit an inspector plans, or one held that our published sources do not list yet.
VISIT_STATUSES = ("planned", "held")
RECORDED_VISIT_KINDS = ("monitoring_visit", "focused_visit")


class RecordedVisit(Base):
    """A monitoring or focused visit an inspector of the region entered by hand.

    Held ones join the LA's inspection history, marked as entered by an inspector;
    planned monitoring visits feed the pathway 3 picture (ILACS framework para 22).
    """

    __tablename__ = "recorded_visits"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'held')", name="visit_status"),
        CheckConstraint("kind IN ('monitoring_visit', 'focused_visit')", name="visit_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    visit_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
