from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class Region(Base):
    """One of Ofsted's eight regions (the government-office regions, with North East
    and Yorkshire and the Humber as one)."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
