"""Database models, one module per noun."""

from dashboard.models.audit_event import AuditEvent
from dashboard.models.base import Base
from dashboard.models.inspection import InspectionEvent
from dashboard.models.inspector_note import InspectorNote
from dashboard.models.letter import EngagementLetter, LetterOverride
from dashboard.models.local_authority import LocalAuthority, StatisticalNeighbour
from dashboard.models.meeting import (
    AgendaComment,
    AgendaItem,
    EngagementMeeting,
    MeetingAttendee,
    MeetingNextStep,
)
from dashboard.models.mi_snapshot import (
    SNAPSHOT_STATUSES,
    MIIndicatorValue,
    MIListCount,
    MISnapshot,
)
from dashboard.models.published_indicator import PublishedIndicatorSource, PublishedIndicatorValue
from dashboard.models.region import Region
from dashboard.models.sef import SefDocument, SefPurge, SefShare, SefVersion
from dashboard.models.user import ROLES, User

__all__ = [
    "ROLES",
    "SNAPSHOT_STATUSES",
    "AgendaComment",
    "AgendaItem",
    "AuditEvent",
    "Base",
    "EngagementLetter",
    "EngagementMeeting",
    "InspectionEvent",
    "InspectorNote",
    "LetterOverride",
    "LocalAuthority",
    "MIIndicatorValue",
    "MIListCount",
    "MISnapshot",
    "MeetingAttendee",
    "MeetingNextStep",
    "PublishedIndicatorSource",
    "PublishedIndicatorValue",
    "Region",
    "SefDocument",
    "SefPurge",
    "SefShare",
    "SefVersion",
    "StatisticalNeighbour",
    "User",
]
