from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
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
    #: 100 for a percentage, 10,000 for a rate per 10,000 children; None where the figure
    #: is not a share or rate of children (then no funnel limits)
    scale: Mapped[float | None] = mapped_column(Float)
    #: what the published counts behind a figure are, in words ("re-referrals", "referrals")
    numerator_label: Mapped[str | None] = mapped_column(String(100))
    denominator_label: Mapped[str | None] = mapped_column(String(100))
    counts_source: Mapped[str | None] = mapped_column(String(400))
    #: DfE's release the figures come from, when it was last updated and when the next is due
    release: Mapped[str | None] = mapped_column(String(200))
    last_update: Mapped[date | None] = mapped_column(Date)
    next_update: Mapped[date | None] = mapped_column(Date)
    #: why the measure has its direction of "better" (or none)
    polarity_reason: Mapped[str | None] = mapped_column(Text)


class PublishedSeriesValue(Base):
    """One year's figure of a measure for an LA (DfE code), Ofsted region or England (970).

    ``published`` is False for a region figure worked out here (North East, Yorkshire and
    the Humber has no published figure): ``basis`` says whether from the counts of its two
    published regions or as the mean of its LAs, ``n_areas`` from how many LAs. A
    suppressed figure has no value and keeps DfE's mark ("c": 1 to 5).
    """

    __tablename__ = "published_series_values"

    measure_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_level: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    published: Mapped[bool] = mapped_column(Boolean)
    n_areas: Mapped[int | None] = mapped_column(Integer)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    mark: Mapped[str | None] = mapped_column(String(10))
    #: region figures worked out here: "counts" or "mean"
    basis: Mapped[str | None] = mapped_column(String(10))
    #: the other LA of a joint return (Kingston upon Thames and Richmond upon Thames)
    joint_with: Mapped[str | None] = mapped_column(String(4))
    #: the newer DfE release an administrator loaded this figure from; None for a figure
    #: of data/indicator_series.csv. The reference reload (``cli init``) never deletes or
    #: overwrites a figure with a release: the release's figure wins for its key.
    release_id: Mapped[int | None] = mapped_column(ForeignKey("published_releases.id"),
                                                   index=True)


class PublishedRelease(Base):
    """A newer DfE release an administrator loaded from DfE's published CSV (issue 29)."""

    __tablename__ = "published_releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: the measures it fed, comma-separated; the years it holds ("2024, 2025")
    measures: Mapped[str] = mapped_column(String(400))
    years: Mapped[str] = mapped_column(String(200))
    #: figures stored from it
    rows: Mapped[int] = mapped_column(Integer)
