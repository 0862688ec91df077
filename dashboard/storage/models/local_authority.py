from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.storage.models.base import Base
from dashboard.storage.models.region import Region


class LocalAuthority(Base):
    """An English local authority with children's services duties."""

    __tablename__ = "local_authorities"

    la_code: Mapped[str] = mapped_column(String(3), primary_key=True)  # DfE 3-digit code
    ons_code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    la_type: Mapped[str | None] = mapped_column(String(60))
    ofsted_urn: Mapped[str | None] = mapped_column(String(12))
    under18_population: Mapped[int | None] = mapped_column(Integer)
    under18_population_year: Mapped[int | None] = mapped_column(Integer)

    region: Mapped[Region] = relationship(lazy="joined")
    neighbours: Mapped[list["StatisticalNeighbour"]] = relationship(
        foreign_keys="StatisticalNeighbour.la_code",
        order_by="StatisticalNeighbour.rank",
        cascade="all, delete-orphan",
    )


class StatisticalNeighbour(Base):
    """One of an LA's ten statistical neighbours, closest first (rank 1)."""

    __tablename__ = "statistical_neighbours"

    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    neighbour_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"))

    neighbour: Mapped[LocalAuthority] = relationship(foreign_keys=[neighbour_code])
