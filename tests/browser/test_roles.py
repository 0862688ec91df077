"""Each role in a real headless Chromium: sign in, land, navigate, sign out.

Also checks the browser console stays free of errors and that axe-core finds no
WCAG 2.2 A/AA violations on the login page and each landing page.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import ACCOUNTS, PASSWORD, run_axe

LANDING = {
    "la_barnsley": ("#la-name", "Barnsley"),
    "hmi_neyh": ("#home-region", "North East, Yorkshire and the Humber"),
    "admin": ("#home-admin", "Administration"),
}


def open_app(dash_duo, dash_app) -> None:
    """Start the app and open it. Anonymous visitors land on the (non-Dash) login page,
    so dash_duo's wait for the Dash entry point is skipped here."""
    dash_duo.start_server(dash_app, navigate=False)
    dash_duo._url = dash_duo.server.url
    dash_duo.driver.get(dash_duo.server_url + "/")


def sign_in_as(dash_duo, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the login form."""
    dash_duo.wait_for_element("#email").send_keys(email)
    dash_duo.find_element("#password").send_keys(password)
    dash_duo.find_element("#sign-in").click()


def sign_in(dash_duo, account: str, password: str = PASSWORD) -> None:
    sign_in_as(dash_duo, ACCOUNTS[account]["email"], password)


def admin_opens(dash_duo, path: str, ready: str) -> None:
    """Sign in as the admin, then go to ``path`` and wait for ``ready`` to appear."""
    sign_in(dash_duo, "admin")
    dash_duo.wait_for_element("#home-admin", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=10)


def click_when_still(dash_duo, selector: str) -> None:
    """Click once the element sits still under the pointer (the page may still be moving:
    content drawn late, focus moved to a heading)."""
    element = dash_duo.find_element(selector)
    wait_until_clickable_in_place(dash_duo, element)
    element.click()


def click(dash_duo, selector: str) -> None:
    """Scroll the element into view and click it, as a person would."""
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


def wait_until_clickable_in_place(dash_duo, element) -> None:
    """Scroll ``element`` to the middle of the window and wait until it is the element a
    pointer at its centre would hit, in the same place twice 300 ms apart: the answer's
    tables and the focus moved to its heading may still be shifting the page, and a
    double click sent then lands on whatever is there instead."""
    last: list = []

    def settled(driver) -> bool:
        where = driver.execute_script(
            "const button = arguments[0];"
            "button.scrollIntoView({block: 'center', behavior: 'instant'});"
            "const box = button.getBoundingClientRect();"
            "const hit = document.elementFromPoint(box.x + box.width / 2,"
            "                                      box.y + box.height / 2);"
            "return [box.x, box.y, hit !== null && button.contains(hit)];", element)
        steady = bool(where[2]) and where == (last[-1] if last else None)
        last.append(where)
        return steady

    WebDriverWait(dash_duo.driver, 15, poll_frequency=0.3).until(settled)


def sign_out(dash_duo) -> None:
    """Sign out through the confirmation page that /logout shows."""
    dash_duo.driver.get(dash_duo.server_url + "/logout")
    dash_duo.wait_for_element("#confirm-sign-out").click()
    dash_duo.wait_for_element("#email")


def assert_no_console_errors(dash_duo) -> None:
    errors = [entry for entry in dash_duo.get_logs() or [] if entry.get("level") == "SEVERE"]
    assert errors == [], [e.get("message") for e in errors]


def assert_accessible(dash_duo) -> None:
    violations = run_axe(dash_duo.driver)
    assert violations == [], violations


@pytest.mark.parametrize("account", list(LANDING))
def test_role_signs_in_lands_navigates_and_signs_out(dash_duo, dash_app, account: str) -> None:
    open_app(dash_duo, dash_app)
    dash_duo.wait_for_element("#email")
    assert (
        dash_duo.driver.current_url.endswith("/login?next=/")
        or "/login" in dash_duo.driver.current_url
    )
    assert_accessible(dash_duo)

    sign_in(dash_duo, account)
    selector, text = LANDING[account]
    dash_duo.wait_for_text_to_equal(selector, text, timeout=10)
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)

    if account == "la_barnsley":
        assert "Pathway" in dash_duo.find_element("#la-summary").text
        click(dash_duo, "nav a[href='/la/370']")
        dash_duo.wait_for_element("#history-table", timeout=10)
        assert "Short inspection" in dash_duo.find_element("#history-table").text
    elif account == "hmi_neyh":
        table = dash_duo.find_element("#region-table")
        assert "Barnsley" in table.text and "Camden" not in table.text
        click(dash_duo, "#region-table a[href='/la/371']")
        dash_duo.wait_for_text_to_equal("#la-name", "Doncaster", timeout=10)
        dash_duo.wait_for_element("#history-table", timeout=10)
        assert_accessible(dash_duo)
    else:
        click(dash_duo, "#link-users")
        dash_duo.wait_for_element("#users-table", timeout=10)
        assert "la370@test.example.org" in dash_duo.find_element("#users-table").text
        assert_accessible(dash_duo)

    assert_no_console_errors(dash_duo)
    dash_duo.find_element("#sign-out").click()
    dash_duo.wait_for_contains_text("main", "You have signed out", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#email")


def test_la_user_typing_another_las_address_is_refused(dash_duo, dash_app) -> None:
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "la_barnsley")
    dash_duo.wait_for_text_to_equal("#la-name", "Barnsley", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/la/202")
    dash_duo.wait_for_contains_text(
        "#refusal", "You do not have access to this local authority.", timeout=10
    )
    assert "Camden" not in dash_duo.find_element("main").text
    sign_out(dash_duo)


def test_history_filter_shows_only_visits(dash_duo, dash_app) -> None:
    open_app(dash_duo, dash_app)
    admin_opens(dash_duo, "/la/370", "#history-table")
    Select(dash_duo.find_element("#history-filter")).select_by_visible_text(
        "Focused and monitoring visits only"
    )
    dash_duo.wait_for_contains_text("#history-table", "Focused visit", timeout=10)
    rows = dash_duo.find_elements("#history-table tbody tr")
    assert rows and all(
        r.find_element(By.CSS_SELECTOR, "td").text in ("Focused visit", "Monitoring visit")
        for r in rows
    )
    assert_no_console_errors(dash_duo)
    sign_out(dash_duo)


def test_admin_creates_an_account_that_can_then_sign_in(dash_duo, dash_app) -> None:
    open_app(dash_duo, dash_app)
    admin_opens(dash_duo, "/admin/users", "#create-user")

    click(dash_duo, "#create-user")
    dash_duo.wait_for_contains_text("#users-message", "There is a problem", timeout=10)
    assert "Email address: Enter an email address" in dash_duo.find_element("#users-message").text

    dash_duo.find_element("#new-name").send_keys("New Doncaster User")
    dash_duo.find_element("#new-email").send_keys("new.doncaster@example.org")
    dash_duo.find_element("#new-password").send_keys(PASSWORD)
    Select(dash_duo.find_element("#new-role")).select_by_value("la_user")
    Select(dash_duo.find_element("#new-la")).select_by_value("371")
    click(dash_duo, "#create-user")
    dash_duo.wait_for_contains_text(
        "#users-message", "Account created for new.doncaster@example.org", timeout=10
    )
    assert "new.doncaster@example.org" in dash_duo.find_element("#users-table").text
    assert_no_console_errors(dash_duo)

    sign_out(dash_duo)
    sign_in_as(dash_duo, "new.doncaster@example.org")
    dash_duo.wait_for_text_to_equal("#la-name", "Doncaster", timeout=10)
    sign_out(dash_duo)

    # The admin moves the account to Barnsley, then deactivates it.
    admin_opens(dash_duo, "/admin/users", "#save-role")
    Select(dash_duo.find_element("#edit-user")).select_by_visible_text(
        "New Doncaster User <new.doncaster@example.org>"
    )
    Select(dash_duo.find_element("#edit-role")).select_by_value("la_user")
    Select(dash_duo.find_element("#edit-la")).select_by_value("370")
    click(dash_duo, "#save-role")
    dash_duo.wait_for_contains_text("#users-message", "Role saved.", timeout=10)
    row = next(
        r
        for r in dash_duo.find_elements("#users-table tbody tr")
        if "new.doncaster@example.org" in r.text
    )
    assert "Barnsley" in row.text
    button = row.find_element(By.TAG_NAME, "button")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button
    )
    button.click()
    dash_duo.wait_for_contains_text("#users-message", "Account deactivated.", timeout=10)
    assert_no_console_errors(dash_duo)
    sign_out(dash_duo)

    sign_in_as(dash_duo, "new.doncaster@example.org")
    dash_duo.wait_for_contains_text("#login-error", "not right", timeout=10)
