"""The inspector's views through the real app: the regional overview and its export, the
SEF theme beside the indicators, and private preparation notes. Each role is tried
against regions and LAs it may not see, through pages, callbacks and downloads."""

from __future__ import annotations

import base64
import io
import logging

import pytest
from openpyxl import load_workbook

from dashboard.services.inspector_notes import list_notes
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.conftest import page_content, post_callback, sign_in
from tests.test_sef_web import strings

SECRET_NOTE = "Prep: ask the DCS about agency staff <script>alert(1)</script>"


def export(client, region: str):
    return post_callback(client, [("region-export", "n_clicks", 1)],
                         [("region-code", "data", region)])


def add_note(client, la_code: str, text: str):
    return post_callback(client, [("note-add", "n_clicks", 1)],
                         [("note-text", "value", text), ("notes-la", "data", la_code)])


@pytest.mark.parametrize("account, allowed", [
    ("hmi_neyh", True), ("admin", True), ("hmi_london", False), ("la_barnsley", False),
    ("la_doncaster", False),
])
def test_only_the_regions_inspectors_and_admins_download_the_overview(
        client, account: str, allowed: bool) -> None:
    sign_in(client, account)
    response = export(client, "NEYH")
    if not allowed:
        assert response.status_code == 403
        assert b"Barnsley" not in response.data
        return
    assert response.status_code == 200
    content = response.get_json()["response"]["region-download"]["data"]["content"]
    sheet = load_workbook(io.BytesIO(base64.b64decode(content))).active
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert "Barnsley" in names and "Camden" not in names
    assert sheet["I1"].value == "Self-evaluation"


def test_the_overview_rows_carry_the_framework_rules(client) -> None:
    sign_in(client, "hmi_neyh")
    body = page_content(client, "/region/NEYH").get_data(as_text=True)
    assert "usually 1, at most 2" in body  # a pathway 1 LA's allowance (para 18)
    assert "up to 2" in body  # a pathway 2 LA's allowance (para 21)
    assert "No meeting recorded" in body


@pytest.mark.parametrize("account", ["la_barnsley", "la_doncaster", "hmi_london", "admin"])
def test_notes_are_refused_to_everyone_but_the_regions_inspectors(client, account) -> None:
    sign_in(client, "hmi_neyh")
    assert add_note(client, "370", SECRET_NOTE).status_code == 200
    sign_in(client, account)
    page = page_content(client, "/la/370").get_data(as_text=True)
    assert "Preparation notes" not in page and "agency staff" not in page
    for text in ("An outsider's note", "   ", "x" * 6000):
        response = add_note(client, "370", text)
        assert response.status_code == 403  # access is checked before the text
    assert b"agency staff" not in response.data


def test_the_regions_inspector_keeps_notes_shown_as_text_and_never_logged(
        client, seeded_db, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    sign_in(client, "hmi_neyh")
    response = add_note(client, "371", SECRET_NOTE)
    assert response.status_code == 200
    assert SECRET_NOTE in strings(response.get_json())  # a text value, not markup
    assert "agency staff" not in caplog.text
    page = page_content(client, "/la/371").get_data(as_text=True)
    assert "Preparation notes" in page
    with session_scope() as session:
        hmi = principal_of(session.get(User, seeded_db["hmi_neyh"]))
    assert list_notes(hmi, "371")[0].text == SECRET_NOTE
    for empty in ("   ", "\x01\x02"):
        response = add_note(client, "371", empty)
        assert "Write the note first." in strings(response.get_json())
    assert "A note can be at most 5,000 characters." in strings(
        add_note(client, "371", "x" * 5001).get_json())
    assert len(list_notes(hmi, "371")) == 1
    assert add_note(client, "371", "ok\ud800x").status_code == 200  # no 500
    assert list_notes(hmi, "371")[0].text == "okx"


@pytest.mark.parametrize("account", ["la_camden", "la_doncaster", "hmi_london"])
def test_the_theme_beside_the_indicators_is_refused_to_other_las_and_regions(
        client, account) -> None:
    sign_in(client, account)
    response = post_callback(client, [("sef-theme-choice", "value", "t0123456789ab")],
                             [("sef-version-shown", "data", 1), ("sef-la", "data", "370")])
    assert response.status_code == 403


def test_overview_counts_published_flags_for_las_with_no_upload(client) -> None:
    sign_in(client, "admin")
    body = page_content(client, "/region/NEYH").get_data(as_text=True)
    # most LAs have no upload in the tests: every one has its published flags counted
    assert "Published measures flagged" in body and "No published figures" not in body


def test_sef_status_counts_this_years_shares_in_uk_days() -> None:
    from datetime import UTC, date, datetime

    from dashboard.services.region_overview import _sef_status

    today = date(2026, 11, 23)
    late_may = datetime(2026, 5, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 June in the UK
    assert _sef_status([], today) == "None shared"
    assert _sef_status([late_may], today) == "Shared 1 June 2026"
    assert _sef_status([datetime(2023, 5, 1, tzinfo=UTC), late_may], today) == (
        "Shared 1 June 2026")
    assert _sef_status([datetime(2026, 3, 1, 12, tzinfo=UTC), late_may], today) == (
        "Refreshed 1 June 2026 (first shared 1 March 2026)")
    assert _sef_status([datetime(2024, 5, 1, 12, tzinfo=UTC)], today) == (
        "Last shared 1 May 2024, over a year ago")
