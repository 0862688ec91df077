"""Database models, one module per noun."""

from dashboard.storage.models.audit_event import AuditEvent
from dashboard.storage.models.base import Base
from dashboard.storage.models.inspection import InspectionEvent
from dashboard.storage.models.inspector_note import InspectorNote
from dashboard.storage.models.letter import EngagementLetter, LetterOverride
from dashboard.storage.models.letter_details import LetterDetails
from dashboard.storage.models.local_authority import LocalAuthority, StatisticalNeighbour
from dashboard.storage.models.local_code import LocalCodeMapping
from dashboard.storage.models.meeting import (
    AgendaComment,
    AgendaItem,
    EngagementMeeting,
    MeetingAttendee,
    MeetingNextStep,
)
from dashboard.storage.models.mi_snapshot import (
    SNAPSHOT_STATUSES,
    MIIndicatorValue,
    MIListCount,
    MISnapshot,
)
from dashboard.storage.models.pathway_decision import PathwayDecision
from dashboard.storage.models.published_series import (
    PublishedMeasure,
    PublishedRelease,
    PublishedSeriesValue,
)
from dashboard.storage.models.recorded_visit import (
    RECORDED_VISIT_KINDS,
    VISIT_STATUSES,
    RecordedVisit,
)
from dashboard.storage.models.reference_source import ReferenceSource
from dashboard.storage.models.region import Region
from dashboard.storage.models.sef import SefDocument, SefPurge, SefShare, SefVersion
from dashboard.storage.models.user import ROLES, User

__all__ = [
    "RECORDED_VISIT_KINDS",
    "ROLES",
    "SNAPSHOT_STATUSES",
    "VISIT_STATUSES",
    "AgendaComment",
    "AgendaItem",
    "AuditEvent",
    "Base",
    "EngagementLetter",
    "EngagementMeeting",
    "InspectionEvent",
    "InspectorNote",
    "LetterDetails",
    "LetterOverride",
    "LocalAuthority",
    "LocalCodeMapping",
    "MIIndicatorValue",
    "MIListCount",
    "MISnapshot",
    "MeetingAttendee",
    "MeetingNextStep",
    "PathwayDecision",
    "PublishedMeasure",
    "PublishedRelease",
    "PublishedSeriesValue",
    "RecordedVisit",
    "ReferenceSource",
    "Region",
    "SefDocument",
    "SefPurge",
    "SefShare",
    "SefVersion",
    "StatisticalNeighbour",
    "User",
]
