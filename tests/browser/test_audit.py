"""The audit trail in a real browser: an administrator searches it, an LA user reads
their SEF's history; both pages pass axe-core."""

from __future__ import annotations

from dashboard.access import SYSTEM
from dashboard.services.audit import acting_as
from dashboard.services.sef import open_sef, save_draft
from dashboard.services.user_admin import principal_of
from tests.browser.test_roles import (
    admin_opens,
    assert_accessible,
    click,
    open_app,
    sign_in,
    sign_out,
)
from tests.test_audit import a_sef


def _barnsley_saves(seeded_db, words: str) -> None:
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import User

    with session_scope() as session:
        barnsley = principal_of(session.get(User, seeded_db["la_barnsley"]))
    with acting_as(barnsley):
        head = open_sef(barnsley, "370").head_number
        assert save_draft(barnsley, "370", head, a_sef(words)).status == "saved"
    assert SYSTEM.id == 0


def test_an_admin_searches_the_trail_and_an_la_reads_its_sef_history(dash_duo, dash_app,
                                                                       seeded_db) -> None:
    _barnsley_saves(seeded_db, "Audit words for the browser test.")
    open_app(dash_duo, dash_app)
    admin_opens(dash_duo, "/admin/audit", "#audit-search")
    dash_duo.find_element("#audit-person").send_keys("Test la_barnsley")
    click(dash_duo, "#audit-search")
    dash_duo.wait_for_contains_text("#audit-count", "change(s) found", timeout=15)
    table = dash_duo.find_element("#audit-table").text
    assert "Saved SEF version" in table and "Test la_barnsley" in table
    assert "Audit words for the browser test." not in table  # admins never read drafts
    assert_accessible(dash_duo)
    dash_duo.find_element("#audit-since").send_keys("01012099")
    click(dash_duo, "#audit-search")
    dash_duo.wait_for_text_to_equal("#audit-empty", "No changes recorded.", timeout=15)
    sign_out(dash_duo)

    sign_in(dash_duo, "la_barnsley")
    dash_duo.wait_for_element("#home-la", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/sef/370")
    dash_duo.wait_for_element("#sef-history-link", timeout=15)
    click(dash_duo, "#sef-history-link")
    dash_duo.wait_for_element("#audit-table", timeout=15)
    assert "Audit words for the browser test." in dash_duo.find_element("#audit-table").text
    assert_accessible(dash_duo)
