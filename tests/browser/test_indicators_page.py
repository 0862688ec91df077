"""The indicators page and the indicators beside the SEF in a real browser (issue 19):
the summary table shows first, one indicator's charts open on demand, both fit a
1400 x 900 screen without scrolling sideways, and axe-core finds nothing."""

from __future__ import annotations

from datetime import date

from dashboard.access import SYSTEM
from dashboard.demo.annex_a import workbook_bytes
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from dashboard.services.sef import save_draft, share_version
from tests.browser.test_mi_upload import open_chart, opens
from tests.browser.test_roles import assert_accessible, assert_no_console_errors, click
from tests.test_audit import a_sef
from tests.test_engagement import principal

DAYS = (date(2025, 10, 31), date(2026, 10, 31))


def _uploads(la_code: str) -> None:
    for n, day in enumerate(DAYS):
        upload_annex_a(SYSTEM, la_code, day,
                       [UploadedFile("lists.xlsx", workbook_bytes("small", day, seed=n + 3))])


def assert_no_sideways_scroll(dash_duo) -> None:
    widths = dash_duo.driver.execute_script(
        "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
    assert widths[0] <= widths[1], f"scrolls sideways: scrollWidth, clientWidth = {widths}"


def test_the_summary_shows_first_and_a_chart_opens_on_demand(dash_duo, dash_app) -> None:
    _uploads("370")
    dash_duo.driver.set_window_size(1400, 900)
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/indicators/370",
          ".indicators-summary")
    summary = dash_duo.find_element("#mi-row-re_referrals").text
    assert "Re-referrals within 12 months" in summary
    # no chart is drawn until one is asked for
    assert not dash_duo.driver.find_elements("css selector", ".indicators-page .js-plotly-plot")
    # a trend of two uploads: its sparkline says its points in words
    alt = dash_duo.find_element("#mi-row-re_referrals img.sparkline").get_attribute("alt")
    assert alt.startswith("Trend: 31 October 2025 ") and "31 October 2026" in alt
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)

    open_chart(dash_duo, "re_referrals")
    assert len(dash_duo.driver.find_elements("css selector", ".js-plotly-plot")) == 2
    trend = dash_duo.find_element("#indicator-re_referrals #chart-re_referrals-trend")
    # a real time axis: a year's gap is drawn a year wide, with dated ticks
    ticks = trend.find_elements("css selector", ".xtick text")
    assert any("2026" in t.text for t in ticks), [t.text for t in ticks]
    assert "Hide chart" in dash_duo.find_element("#mi-row-re_referrals button").text
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)

    click(dash_duo, "#mi-row-re_referrals button")
    dash_duo.wait_for_contains_text("#mi-row-re_referrals button", "Show chart", timeout=10)
    assert not dash_duo.driver.find_elements("css selector", "#indicator-re_referrals")
    assert_no_console_errors(dash_duo)


def test_the_indicators_beside_the_sef_fit_the_screen(dash_duo, dash_app, seeded_db) -> None:
    _uploads("370")
    la_user = principal(seeded_db, "la_barnsley")
    saved = save_draft(la_user, "370", 0, a_sef("Our front door is timely."))
    share_version(la_user, "370", saved.number)
    dash_duo.driver.set_window_size(1400, 900)
    opens(dash_duo, dash_app, "hmi_neyh", "#home-region", "/sef/370", "#sef-document")
    dash_duo.wait_for_element(".sef-beside table", timeout=10)
    table = dash_duo.find_element(".sef-beside table")
    assert "Flag" in table.text
    flag = table.find_elements("css selector", "thead th")[-1]
    aside = dash_duo.find_element(".sef-beside")
    # the flag column is inside the panel, not cut off at its edge
    assert (flag.location["x"] + flag.size["width"]
            <= aside.location["x"] + aside.size["width"] + 1)
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)
