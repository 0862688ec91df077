from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class EngagementMeeting(Base):
    """An annual engagement meeting with an LA (paras 39-48): scheduled by the region's
    inspector, its agenda agreed by both sides (para 47), then recorded.

    The agenda is agreed when both ``agreed_for_*`` are set; any later change to the
    agenda clears them.
    """

    __tablename__ = "engagement_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    meeting_date: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    scheduled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    agreed_for_ofsted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agreed_for_ofsted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    agreed_for_la_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agreed_for_la_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the record, once the meeting has been held
    held_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scope_topics: Mapped[str] = mapped_column(String(200), default="")  # keys, comma-separated
    scope_reason: Mapped[str | None] = mapped_column(String(20))
    scope_note: Mapped[str] = mapped_column(Text, default="")
    next_sef_timing: Mapped[str] = mapped_column(String(200), default="")
    next_meeting_timing: Mapped[str] = mapped_column(String(200), default="")


class AgendaItem(Base):
    """An item on the meeting's agenda, or one proposed for it.

    ``status``: "agenda" (on the agenda), "proposed" (waiting for the senior HMI),
    "declined", or "merged" (an accepted change, now part of the item it amends).
    """

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("engagement_meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    discussion: Mapped[str] = mapped_column(Text, default="")
    framework_item: Mapped[int | None] = mapped_column(Integer)  # para 42's item, 1 to 7
    status: Mapped[str] = mapped_column(String(10))
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    record_note: Mapped[str] = mapped_column(Text, default="")
    #: the record says the item was not discussed: the letter says so (para 48)
    not_discussed: Mapped[bool] = mapped_column(Boolean, default=False,
                                                server_default=false())


class AgendaComment(Base):
    __tablename__ = "agenda_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("engagement_meetings.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MeetingAttendee(Base):
    """Who attends for each side (para 46); ``side`` is "la" or "ofsted". ``part`` is a key
    of ``meeting_record.ATTENDEE_PARTS`` (their part at the meeting: the DCS, a senior HMI
    and so on); None for people named before parts were recorded, or not yet given one."""

    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("engagement_meetings.id"), index=True)
    side: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    part: Mapped[str | None] = mapped_column(String(20))


class MeetingNextStep(Base):
    """A next step agreed at the meeting by either side (para 48)."""

    __tablename__ = "meeting_next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("engagement_meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    side: Mapped[str] = mapped_column(String(10))
