from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class PublishedIndicatorValue(Base):
    """A published figure for one indicator: an LA's, or England's (``area_code`` "ENG").

    These are the comparators shown beside an LA's own figures; region and
    statistical-neighbour averages are worked out from the LA figures.
    """

    __tablename__ = "published_indicator_values"

    indicator_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    time_period: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)


class PublishedIndicatorSource(Base):
    """Where one indicator's published figures come from, cited on screen."""

    __tablename__ = "published_indicator_sources"

    indicator_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    time_period: Mapped[str] = mapped_column(String(20))
    publication: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300))
