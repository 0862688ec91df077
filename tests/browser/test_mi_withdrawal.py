"""An LA user withdraws an upload and undoes the withdrawal in a real browser, with
the keyboard; axe-core checks the page with the form open and after each step."""

from __future__ import annotations

import time
from datetime import date

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.keys import Keys

from dashboard.access import SYSTEM
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
)
from tests.conftest import ACCOUNTS, PASSWORD
from tests.workbooks import minimal_workbook

SUNDERLAND = "394"  # no other test uploads for it
REASON = "<script>alert(1)</script> Test upload made while training"


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture()
def sunderland_upload(seeded_db) -> int:
    from dashboard.services.user_admin import create_user

    email = "la394@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name="Sam Sunderland", role="la_user",
                         la_code=SUNDERLAND, password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    ACCOUNTS["la_sunderland"] = dict(email=email, role="la_user", la_code=SUNDERLAND)
    outcome = upload_annex_a(SYSTEM, SUNDERLAND, date(2026, 11, 12),
                             [UploadedFile("lists.xlsx", minimal_workbook())])
    assert outcome.status == "stored" and outcome.snapshot_id is not None
    return outcome.snapshot_id


def test_an_la_user_withdraws_an_upload_and_undoes_it_with_the_keyboard(
        dash_duo, dash_app, sunderland_upload) -> None:
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "la_sunderland")
    dash_duo.wait_for_element("#la-name", timeout=10)
    dash_duo.driver.get(f"{dash_duo.server_url}/upload/{SUNDERLAND}")
    dash_duo.wait_for_element("#mi-snapshots", timeout=10)
    row = f"#mi-snapshot-{sunderland_upload}"
    assert "In use" in dash_duo.find_element(row).text

    withdraw = dash_duo.find_element(
        "button[aria-label='Withdraw the figures for lists extracted on 12 November 2026']")
    withdraw.send_keys(Keys.ENTER)  # a button a keyboard reaches and presses
    dash_duo.wait_for_text_to_equal(
        "#mi-withdraw-heading", "Withdraw the figures for lists extracted on 12 November 2026",
        timeout=10)
    wait_for(lambda: dash_duo.driver.switch_to.active_element.get_attribute("id")
             == "mi-withdraw-reason")
    assert_accessible(dash_duo)

    click(dash_duo, "#mi-withdraw-confirm")  # no reason yet
    dash_duo.wait_for_contains_text("#mi-withdraw-problem",
                                    "Say why these figures are withdrawn.", timeout=10)
    assert "In use" in dash_duo.find_element(row).text

    box = dash_duo.find_element("#mi-withdraw-reason")
    box.send_keys(REASON)
    box.send_keys(Keys.TAB, Keys.ENTER)  # on to "Withdraw these figures", and press it
    dash_duo.wait_for_contains_text("#mi-withdraw-done", "are withdrawn", timeout=10)
    withdrawn = dash_duo.find_element(row).text
    assert "Withdrawn" in withdrawn and "by Sam Sunderland" in withdrawn
    assert dash_duo.find_element(f"{row} .withdrawal-reason").text == REASON
    with pytest.raises(NoAlertPresentException):
        dash_duo.driver.switch_to.alert.text  # noqa: B018 the script never ran
    assert dash_duo.find_element("#mi-withdraw-form").get_attribute("hidden") is not None
    undo = dash_duo.find_element(f"{row} button")
    assert undo.text.startswith("Undo withdrawal (until ")
    assert_accessible(dash_duo)

    undo.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#mi-withdraw-status", "The withdrawal is undone",
                                    timeout=10)
    dash_duo.wait_for_contains_text(row, "In use", timeout=10)
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)
