from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class InspectorNote(Base):
    """An inspector's private preparation note on an LA: read by the inspectors of the
    LA's region only, never by the LA (issue 6)."""

    __tablename__ = "inspector_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
