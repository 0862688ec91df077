"""Issue 15 in a real browser: a save that may identify a child shows the warning in
the editor at once and stores nothing; saved anyway with a reason, the version's words
are then removed from the versions panel, leaving a tombstone. axe-core checks both.

Kingston upon Hull (810) is used only here, by an LA user of this test's own.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By

from dashboard.services.sef import open_sef
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
)
from tests.browser.test_sef import labelled, type_into
from tests.conftest import temporary_account

NAME = "Philippa Underhay"
OPENING = "Opening text: your main themes and learning"


def test_the_warning_shows_on_save_and_a_version_is_purged_from_the_panel(
        dash_duo, dash_app) -> None:
    with temporary_account("purge.810@test.example.org", "810") as user_id:
        with session_scope() as session:
            user = principal_of(session.get(User, user_id))
        open_app(dash_duo, dash_app)
        sign_in(dash_duo, "temporary")
        dash_duo.wait_for_element("#la-name", timeout=10)
        dash_duo.driver.get(dash_duo.server_url + "/sef/810")
        dash_duo.wait_for_element("#sef-form", timeout=10)
        start = open_sef(user, "810").head_number

        typed = f"A girl called {NAME} waited too long for a plan."
        type_into(dash_duo, OPENING, typed)
        click(dash_duo, "#sef-save")
        dash_duo.wait_for_element("#sef-identifier-review", timeout=10)
        review = dash_duo.find_element("#sef-identifier-review").text
        assert "Not saved: this text may identify a child" in review
        assert "Question 1, opening text: a name" in review and NAME in review
        assert "Not saved" in dash_duo.find_element("#sef-status").text
        assert open_sef(user, "810").head_number == start  # nothing stored
        assert labelled(dash_duo, OPENING).get_attribute("value") == typed  # nothing lost
        assert_accessible(dash_duo)

        type_into(dash_duo, "Why these are not a child's details", "Made up for training")
        click(dash_duo, "#sef-save-anyway")
        dash_duo.wait_for_contains_text("#sef-status", "saved by Temporary", timeout=10)
        number = open_sef(user, "810").head_number
        assert number == start + 1
        assert dash_duo.find_element("#sef-identifiers").text == ""

        remove = dash_duo.driver.find_element(
            By.CSS_SELECTOR, f"[aria-label='Remove words of version {number}']")
        dash_duo.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", remove)
        remove.click()
        dash_duo.wait_for_element("#sef-purge-form", timeout=10)
        type_into(dash_duo, "Reason", "A child's full name was typed")
        click(dash_duo, "#sef-purge-confirm")
        dash_duo.wait_for_contains_text("#sef-purge-result",
                                        f"The words of version {number} were removed.",
                                        timeout=10)
        row = dash_duo.find_element(f"#sef-version-row-{number}").text
        assert "Words removed on" in row and "A child's full name was typed" in row
        # the editor no longer holds the words, and the tombstone is what opens
        assert NAME not in labelled(dash_duo, OPENING).get_attribute("value")
        assert NAME not in dash_duo.find_element("#sef-versions").text
        assert_accessible(dash_duo)
        assert_no_console_errors(dash_duo)
