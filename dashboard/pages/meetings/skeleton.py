"""Every component of the meeting pages their callbacks name, for the app's validation
layout: built by the pages' own builders, with a made-up meeting (one agenda item, one
open proposal, not yet recorded) seen by someone who runs it, and a draft letter with
one open finding (and, before a draft, its Draft button), the LA's letter details form,
and the issuing confirmation as a senior HMI sees a refused letter (reason, "Yes, issue",
"Cancel"), so that every kind of field and button is drawn."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from dash.development.base_component import Component

from dashboard.domain.engagement_letter import Letter, ScopeChoice
from dashboard.domain.letter_lint import LetterFinding
from dashboard.pages.meetings.issue_views import issue_confirmation
from dashboard.pages.meetings.letter_views import letter_page, letter_panel
from dashboard.pages.meetings.record_views import record_page
from dashboard.pages.meetings.views import meeting_page, meetings_page
from dashboard.services.engagement import ItemView, MeetingsPage, MeetingView
from dashboard.services.engagement_letters import IssuePreview, LetterPage
from dashboard.services.fv_planner import ScopePlanner
from dashboard.services.letter_details import LetterDetailsView

_DAY = date(2000, 1, 1)
_AT = datetime(2000, 1, 1, tzinfo=UTC)


def _item(item_id: int, status: str) -> ItemView:
    return ItemView(item_id, item_id, "", "", "", status, "", _AT, None, "", None, "")


def skeleton() -> list[Component]:
    view = MeetingView(
        id=1, la_code="", la_name="", meeting_date=_DAY, place="", scheduled_by="",
        items=[_item(1, "agenda")], proposals=[_item(2, "proposed")], decided_proposals=[],
        comments=[], attendees={"ofsted": [], "la": []}, agreed_for_ofsted=None,
        agreed_for_la=None, held_on=None, recorded_at=None, scope=ScopeChoice(),
        next_sef_timing="", next_meeting_timing="", next_steps=[], letter_issued_on=None,
        letter_drafted=True, may_run=True, may_agree_for_ofsted=True, may_engage_for_la=True,
        may_agree_for_la=True, la_agreers=())
    finding = LetterFinding(0, 1, "x", "", "")
    letter = LetterPage(
        meeting_id=1, la_code="", la_name="", meeting_date=_DAY, due=_DAY,
        letter=Letter("", "", _DAY, (), "x", ""), revision=1, updated_by="", updated_at=None,
        issued_by="", findings=[finding], open_findings=[finding], overrides=[],
        may_write=True, recorded=True)
    preview = IssuePreview(Letter("", "", _DAY, (), "x", "", _DAY), "", [], [], ["x"], True)
    return [meetings_page(MeetingsPage("", "", True), _DAY), meeting_page(view, _DAY),
            record_page(view, ScopePlanner("", None, [], {})),
            letter_page(letter, LetterDetailsView("", "", "", "", "", None)),
            *letter_panel(replace(letter, letter=None)), *issue_confirmation(preview)]
