"""An administrator loads a newer DfE release in a real browser (issue 29 item 6): chooses
DfE's CSV, checks it (the preview names what changes; nothing stored), loads it, and the
LA's indicators page then shows the new year. axe-core finds nothing on the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.browser.test_mi_upload import opens, set_date
from tests.browser.test_roles import assert_accessible, assert_no_console_errors, click
from tests.test_published_releases import FILE, release_csv, release_figure_count, undo_releases


def test_an_administrator_checks_previews_and_loads_a_release(dash_duo, dash_app,
                                                              tmp_path: Path) -> None:
    undo_releases()
    try:
        path = tmp_path / FILE
        path.write_bytes(release_csv())
        opens(dash_duo, dash_app, "admin", "#home-admin", "/admin/releases", "#release-title")
        assert_accessible(dash_duo)
        dash_duo.find_element("#release-upload input[type=file]").send_keys(str(path))
        dash_duo.wait_for_contains_text("#release-chosen", FILE, timeout=10)
        click(dash_duo, "#release-check")
        dash_duo.wait_for_element("#release-preview", timeout=30)
        row = dash_duo.find_element("#release-row-re_referrals").text
        assert "2025, 2026" in row and "Barnsley 2025: 25.5 -> 22.1" in row
        assert "Nothing is stored yet" in dash_duo.find_element("#release-ready").text
        assert release_figure_count() == 0
        assert_accessible(dash_duo)

        set_date(dash_duo, "#release-next-update", date(2027, 10, 1))
        click(dash_duo, "#release-load")
        dash_duo.wait_for_contains_text("#release-loaded", "Loaded " + FILE, timeout=30)
        dash_duo.wait_for_contains_text("#releases-table", FILE, timeout=10)
        assert release_figure_count() > 0
        assert_accessible(dash_duo)
        assert_no_console_errors(dash_duo)

        dash_duo.driver.get(dash_duo.server_url + "/indicators/370")
        dash_duo.wait_for_element("#mi-row-re_referrals", timeout=15)
        summary = dash_duo.find_element("#mi-row-re_referrals").text
        assert "year to 31 March 2026" in summary, summary
    finally:
        undo_releases()
