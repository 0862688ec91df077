"""The LA page in one read: its profile, and what this user may do there (upload figures,
see the engagement meetings, keep preparation notes, record the pathway or visits), from
one session and one loading of the LA, rather than one session per question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.access import (
    Principal,
    can_keep_notes,
    can_record_visits,
    can_see_meetings,
    can_set_pathway,
    can_upload_mi,
)
from dashboard.services.inspector_notes import Note, notes_in
from dashboard.services.la_profiles import LAProfile, load_visible_la, profile_in
from dashboard.services.reference_sources import SourceRecency, sources_for_la
from dashboard.storage.db import session_scope


@dataclass(frozen=True)
class LAPage:
    profile: LAProfile
    may_upload: bool
    may_see_meetings: bool
    #: the inspectors' notes, newest first; None for anyone who does not keep them
    notes: list[Note] | None
    #: how recent each source behind the page is
    sources: list[SourceRecency]
    #: a senior HMI of the LA's region, who records the pathway where there is no grade
    may_set_pathway: bool = False
    #: an inspector of the LA's region, who enters planned and held visits
    may_record_visits: bool = False


def la_page(user: Principal | None, la_code: str, today: date | None = None) -> LAPage:
    """What the LA page shows ``user``; AccessDenied if they may not see this LA."""
    with session_scope() as session:
        la = load_visible_la(session, user, la_code)
        return LAPage(
            profile=profile_in(session, user, la, today),
            may_upload=can_upload_mi(user, la),
            may_see_meetings=can_see_meetings(user, la),
            notes=notes_in(session, la.la_code) if can_keep_notes(user, la) else None,
            sources=sources_for_la(session, la.la_code),
            may_set_pathway=can_set_pathway(user, la),
            may_record_visits=can_record_visits(user, la),
        )
