from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class LetterDetails(Base):
    """What every letter to an LA after its engagement meeting needs (para 48), entered
    once by the region's inspectors and reused: the DCS's name, the LA's postal address
    and who else receives a copy. The letter copies the address and copy list when drafted
    (and while a draft), so an issued letter keeps what it was sent with."""

    __tablename__ = "letter_details"

    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"),
                                         primary_key=True)
    dcs_name: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(Text, default="")  # a line each
    copies: Mapped[str] = mapped_column(Text, default="")  # "name, role", a line each
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
