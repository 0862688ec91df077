"""An inspector plans from the regional overview in a real browser: sorts and filters the
table, downloads it, and opens an LA. axe-core checks the page."""

from __future__ import annotations

import time
from pathlib import Path

from openpyxl import load_workbook
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
)


def grid_names(dash_duo) -> list[str]:
    """The LA names in the grid's rows, in order; [] while the grid is redrawing."""
    cells = dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#region-grid .ag-pinned-left-cols-container [col-id='name']")
    try:
        return [c.text for c in cells if c.text]
    except StaleElementReferenceException:
        return []


def column_values(dash_duo, column: str) -> set[str]:
    cells = dash_duo.driver.find_elements(
        By.CSS_SELECTOR, f"#region-grid .ag-center-cols-container .ag-row [col-id='{column}']")
    try:
        return {c.text for c in cells if c.text}
    except StaleElementReferenceException:
        return set()


def wait_until(condition, what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def barnsley_shares_a_sef(seeded_db) -> None:
    from dashboard.domain.sef import (
        STRENGTH,
        Sef,
        add_statement,
        add_theme,
        apply_edits,
        field_path,
    )
    from dashboard.services.sef import open_sef, save_draft, share_version
    from dashboard.services.user_admin import principal_of
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import User

    with session_scope() as session:
        user = principal_of(session.get(User, seeded_db["la_barnsley"]))
    sef = add_theme(Sef(), "Care leavers")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    sef = apply_edits(sef, {field_path("statement", sef.themes[0].statements[0].id, "text"):
                            "Pathway plans are improving."})
    number = save_draft(user, "370", open_sef(user, "370").head_number, sef).number
    assert share_version(user, "370", number).status == "shared"


def test_inspector_sorts_filters_downloads_and_opens_an_la(dash_duo, dash_app,
                                                           seeded_db) -> None:
    barnsley_shares_a_sef(seeded_db)
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "hmi_neyh")
    dash_duo.wait_for_element("#home-region", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/region/NEYH")
    dash_duo.wait_for_element("#region-grid .ag-row", timeout=15)
    wait_until(lambda: len(grid_names(dash_duo)) > 10, "the grid did not fill")
    names = grid_names(dash_duo)
    assert "Barnsley" in names and "Camden" not in names
    assert names == sorted(names)  # by name to start with
    assert "Windows open now" in dash_duo.find_element("#region-timeline-text").text
    assert_accessible(dash_duo)

    # sort by name, descending: click the heading twice
    heading = dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#region-grid .ag-header-cell[col-id='name'] .ag-header-cell-label")
    heading.click()
    wait_until(lambda: grid_names(dash_duo) == sorted(names), "no ascending sort")
    heading.click()
    wait_until(lambda: grid_names(dash_duo) == sorted(names, reverse=True),
               "no descending sort")

    # filter: only the LAs judged requires improvement (the quick filter wants every word)
    dash_duo.find_element("#region-filter").send_keys("Requires improvement")
    wait_until(lambda: 0 < len(grid_names(dash_duo)) < len(names), "the filter did nothing")
    wait_until(lambda: column_values(dash_duo, "overall") == {"Requires improvement to be good"},
               "the filter let other grades through")

    click(dash_duo, "#region-export")
    folder = Path(dash_duo.download_path)
    wait_until(lambda: any(folder.glob("*.xlsx")), "no workbook downloaded", 20)
    time.sleep(0.5)
    sheet = load_workbook(next(folder.glob("*.xlsx"))).active
    assert sheet["B1"].value == "Local authority"
    assert "Barnsley" in [row[1].value for row in sheet.iter_rows(min_row=2)]

    link = dash_duo.driver.find_element(By.CSS_SELECTOR, "#region-grid a[href='/la/370']") \
        if "Barnsley" in grid_names(dash_duo) else None
    if link is None:
        box = dash_duo.find_element("#region-filter")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        box.send_keys("Barnsley")
        wait_until(lambda: grid_names(dash_duo) == ["Barnsley"], "Barnsley not found")
        link = dash_duo.driver.find_element(By.CSS_SELECTOR, "#region-grid a[href='/la/370']")
    link.click()
    dash_duo.wait_for_text_to_equal("#la-name", "Barnsley", timeout=10)

    # its indicators, then its shared SEF beside the indicators for a theme
    click(dash_duo, "#link-indicators")
    dash_duo.wait_for_contains_text("#main", "Care leavers", timeout=10)
    assert_accessible(dash_duo)
    dash_duo.driver.back()
    dash_duo.wait_for_element("#link-sef", timeout=10)
    click(dash_duo, "#link-sef")
    dash_duo.wait_for_element("#sef-theme-table", timeout=10)
    assert "Pathway plans are improving" in dash_duo.find_element("#sef-document").text
    assert "Care leavers in suitable accommodation" in dash_duo.find_element(
        "#sef-theme-table").text
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)
