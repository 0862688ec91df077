from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class PublishedMeasure(Base):
    """A published children's social care measure, with its definition, polarity and source."""

    __tablename__ = "published_measures"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    definition: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(100))
    #: higher_better, lower_better or none (no direction: no rank, band or quartile flag).
    polarity: Mapped[str] = mapped_column(String(20))
    period_end: Mapped[str] = mapped_column(String(20))
    source_publication: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(400))
    licence: Mapped[str] = mapped_column(String(100))
    snapshot: Mapped[str] = mapped_column(String(60))


class PublishedSeriesValue(Base):
    """One year's figure of a measure for an LA (DfE code), Ofsted region or England (970).

    ``published`` is False for a region figure worked out as the mean of its LAs (North
    East, Yorkshire and the Humber has no published figure); ``n_areas`` says from how many.
    """

    __tablename__ = "published_series_values"

    measure_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_level: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    published: Mapped[bool] = mapped_column(Boolean)
    n_areas: Mapped[int | None] = mapped_column(Integer)
