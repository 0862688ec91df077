from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class InspectionEvent(Base):
    """One inspection or visit of an LA, as published.

    Grades are stored as recorded, including "adequate" from frameworks before 2014;
    empty where the activity gives none or the source does not record it
    (``grade_note`` says which).
    """

    __tablename__ = "inspection_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: la_code|kind|start date (or publication date): the key reloading matches on.
    source_key: Mapped[str] = mapped_column(String(64), unique=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    publication_date: Mapped[date | None] = mapped_column(Date)
    overall: Mapped[str | None] = mapped_column(String(24))
    impact_of_leaders: Mapped[str | None] = mapped_column(String(24))
    help_and_protection: Mapped[str | None] = mapped_column(String(24))
    children_in_care: Mapped[str | None] = mapped_column(String(24))
    care_leavers: Mapped[str | None] = mapped_column(String(24))
    visit_theme: Mapped[str | None] = mapped_column(String(80))
    grade_note: Mapped[str | None] = mapped_column(String(200))
    #: The published areas for improvement or priority actions, as text.
    areas_for_improvement: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40))
    report_url: Mapped[str | None] = mapped_column(String(300))
