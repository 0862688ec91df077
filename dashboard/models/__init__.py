"""Database models, one module per noun."""

from dashboard.models.base import Base
from dashboard.models.inspection import InspectionEvent
from dashboard.models.local_authority import LocalAuthority, StatisticalNeighbour
from dashboard.models.region import Region
from dashboard.models.user import ROLES, User

__all__ = [
    "ROLES",
    "Base",
    "InspectionEvent",
    "LocalAuthority",
    "Region",
    "StatisticalNeighbour",
    "User",
]
