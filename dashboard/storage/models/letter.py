from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class EngagementLetter(Base):
    """The letter after a meeting (para 48): drafted from the record, edited by the
    inspector, then issued. Issuing freezes it: the database refuses any change to an
    issued letter (migration 0006). ``revision`` guards against two inspectors' edits
    overwriting each other.
    """

    __tablename__ = "engagement_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("engagement_meetings.id"), unique=True)
    addressee: Mapped[str] = mapped_column(String(200))
    signatory: Mapped[str] = mapped_column(String(300))
    meeting_date: Mapped[date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text)  # JSON, frozen from the record
    body: Mapped[str] = mapped_column(Text)
    #: From the LA's letter details (``LetterDetails``) when drafted and while a draft:
    #: the postal address and the copy list, a line each; frozen with the letter.
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    copies: Mapped[str] = mapped_column(Text, default="", server_default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issued_on: Mapped[date | None] = mapped_column(Date)  # the letter's date, UK time
    #: a senior HMI's reason to issue although paras 47 or 48 were not met (audited)
    issue_reason: Mapped[str | None] = mapped_column(Text)


class LetterOverride(Base):
    """An inspector's recorded reason for issuing despite one lint finding (para 48)."""

    __tablename__ = "letter_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("engagement_letters.id"), index=True)
    flagged_text: Mapped[str] = mapped_column(String(300))
    finding_reason: Mapped[str] = mapped_column(String(300))
    #: The sentence the words were in: the override answers that sentence only.
    context: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    overridden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    overridden_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
