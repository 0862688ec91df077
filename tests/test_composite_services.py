"""A page that needs several things from the services reads them in one database session
with the LA loaded once: the LA page, the SEF page and the SEF editor's checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.access import AccessDenied
from dashboard.services import sef as sef_service
from dashboard.services.inspector_notes import add_note, list_notes
from dashboard.services.la_page import la_page
from dashboard.services.la_profiles import get_la_profile
from dashboard.services.sef import editing_context, open_sef, require_editor
from dashboard.storage import db
from tests.test_engagement import principal


@pytest.fixture()
def sessions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The sessions opened while the test runs, one entry each."""
    opened: list[str | None] = []
    real = db._session_factory

    def counting(url: str | None):
        opened.append(url)
        return real(url)

    monkeypatch.setattr(db, "_session_factory", counting)
    yield opened


def test_the_la_page_is_one_session(seeded_db, sessions) -> None:
    hmi, la = principal(seeded_db, "hmi_neyh"), principal(seeded_db, "la_barnsley")
    add_note(hmi, "811", "Ask about the front door.")
    sessions.clear()
    page = la_page(hmi, "811")
    assert len(sessions) == 1
    assert page.profile == get_la_profile(hmi, "811")
    assert (page.may_upload, page.may_see_meetings) == (False, True)
    assert page.notes == list_notes(hmi, "811")
    own = la_page(la, "370")
    assert (own.may_upload, own.may_see_meetings, own.notes) == (True, True, None)
    with pytest.raises(AccessDenied):
        la_page(la, "811")


def test_the_sef_page_is_one_session(seeded_db, sessions) -> None:
    la = principal(seeded_db, "la_barnsley")
    sessions.clear()
    page = open_sef(la, "370")
    assert len(sessions) == 1
    assert page.may_edit and page.la_name == "Barnsley"
    sessions.clear()
    figures, choices = editing_context(la, "370")
    assert len(sessions) == 1
    assert (figures, choices) == (page.latest_figures, page.indicator_choices)


def test_the_editors_check_reads_no_figures(seeded_db, sessions, monkeypatch) -> None:
    """Each keystroke's word count asks only whether this person may edit the SEF."""
    def no_figures(*_args):
        raise AssertionError("the check read the indicators")

    monkeypatch.setattr(sef_service, "indicators_in", no_figures)
    la = principal(seeded_db, "la_barnsley")
    sessions.clear()
    require_editor(la, "370")
    assert len(sessions) == 1
    for refused in ("hmi_neyh", "admin", "la_camden"):
        with pytest.raises(AccessDenied):
            require_editor(principal(seeded_db, refused), "370")
