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
    # the published trend, a point a year, says its points in words
    alt = dash_duo.find_element("#mi-row-re_referrals img.sparkline").get_attribute("alt")
    assert alt.startswith("Published trend: 2020 ") and "; 2025 " in alt
    # the upload stands beside the published figure, each dated
    assert "Published, year to 31 March 2025" in summary and "Uploaded:" in summary
    assert "lists extracted 31 October 2026" in summary
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)

    open_chart(dash_duo, "re_referrals")
    # the comparison, the trend and (DfE publishes re-referrals' counts) the funnel plot
    assert len(dash_duo.driver.find_elements("css selector", ".js-plotly-plot")) == 3
    assert dash_duo.driver.find_elements("css selector", "#funnel-re_referrals .js-plotly-plot")
    trend = dash_duo.find_element("#indicator-re_referrals #chart-re_referrals-trend")
    # a real time axis: a year's gap is drawn a year wide, with dated ticks; the published
    # years and the uploads are two named lines
    ticks = trend.find_elements("css selector", ".xtick text")
    assert any("2026" in t.text for t in ticks), [t.text for t in ticks]
    assert len(trend.find_elements("css selector", ".scatterlayer .trace")) == 2
    xs = [float(point.get_attribute("transform").split("(")[1].split(",")[0])
          for point in trend.find_elements("css selector", ".scatterlayer .trace")[0]
          .find_elements("css selector", ".point")]
    assert len(xs) == 6 and abs((xs[1] - xs[0]) - (xs[5] - xs[4])) < 2  # a year is a year
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


def test_an_la_with_no_upload_reads_its_published_figures_at_1400px(dash_duo, dash_app) -> None:
    """The region's inspector's first question about any LA, answered without an upload:
    Calderdale's published figures, its neighbours (with how many), its region (worked out,
    and said so) and England, band, rank, a six-year sparkline and the flags' rules."""
    dash_duo.driver.set_window_size(1400, 900)
    opens(dash_duo, dash_app, "hmi_neyh", "#home-region", "/indicators/381",
          ".indicators-summary")
    assert "No Annex A lists have been uploaded" in dash_duo.find_element("#mi-latest").text
    row = dash_duo.find_element("#mi-row-assessments_45_days")
    cells = [td.text for td in row.find_elements("css selector", "td")]
    assert cells[0].startswith("96.3%") and "year to 31 March 2025" in cells[0]
    assert "of 10 neighbours" in cells[1]
    region = row.find_elements("css selector", "td")[2].get_attribute("textContent")
    assert "plain average of 27 LAs (no counts published), not published" in region
    assert cells[3].startswith("85.7%")  # England
    assert cells[4] in {"A", "B", "C", "D"} and " of 1" in cells[5]
    alt = row.find_element("css selector", "img.sparkline").get_attribute("alt")
    assert alt.count(";") == 5  # six published years
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)
    # LAIT's wider set is there too, with no upload behind it, one click away
    assert not dash_duo.driver.find_elements("css selector", "#mi-row-s47_rate")
    more = '[id*="mi-more-open"][id*="help-and-protection"]'
    click(dash_duo, more)
    dash_duo.wait_for_element("#mi-row-s47_rate", timeout=10)
    assert dash_duo.find_element("#mi-row-s47_rate").text.startswith("Section 47")
    assert "Hide the " in dash_duo.find_element(more).text
    assert_no_sideways_scroll(dash_duo)
    assert_accessible(dash_duo)
    open_chart(dash_duo, "s47_rate")
    assert "Ofsted region" in dash_duo.find_element("#indicator-s47_rate").text
    assert_no_sideways_scroll(dash_duo)
    assert_no_console_errors(dash_duo)


def _due(measure_ids: dict[str, date | None]) -> dict[str, date | None]:
    """Set measures' next update dates; returns what they were (to put back)."""
    from sqlalchemy import select

    from dashboard.services import published
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import PublishedMeasure

    before = {}
    with session_scope() as session:
        for measure in session.scalars(select(PublishedMeasure)):
            before[measure.id] = measure.next_update
            if measure.id in measure_ids or "*" in measure_ids:
                measure.next_update = measure_ids.get(measure.id, measure_ids.get("*"))
    published._CACHE.clear()  # the page reads the new dates at once
    return before


def test_a_funnel_plot_and_the_out_of_date_notice(dash_duo, dash_app) -> None:
    """Issue 29: a measure's funnel plot is drawn when its row is opened (every LA with a
    published count, the region's LAs picked out, England's line and both limits, with a
    text alternative); a measure past DfE's next update says so at the top and in its card."""
    from dashboard.clock import today_in_england

    later = today_in_england().replace(year=today_in_england().year + 5)
    before = _due({"*": later, "re_referrals": date(2026, 11, 26)})
    try:
        dash_duo.driver.set_window_size(1400, 900)
        opens(dash_duo, dash_app, "hmi_neyh", "#home-region", "/indicators/381",
              ".indicators-summary")
        notice = dash_duo.find_element("#mi-currency").text
        assert ("A newer DfE release is due (November 2026); these figures are for the year "
                "to 31 March 2025.") in notice
        assert notice.count("A newer DfE release is due") == 1
        # the flags' rules and numbers stand beside the figure, not only on hover
        la_cell = dash_duo.find_element("#mi-row-re_referrals td").text
        assert " of " in la_cell and "limits" in la_cell
        open_chart(dash_duo, "re_referrals")
        card = dash_duo.find_element("#indicator-re_referrals").text
        assert "A newer DfE release is due (November 2026)" in card
        dash_duo.wait_for_element("#funnel-re_referrals .js-plotly-plot", timeout=10)
        caption = dash_duo.find_element("#funnel-re_referrals figcaption").text
        assert caption.startswith("Funnel plot: Re-referrals")
        assert "LAs with a published count" in caption and "99.8% limits" in caption
        plot = dash_duo.find_element("#funnel-re_referrals")
        names = [t.text for t in plot.find_elements("css selector", ".legendtext")]
        assert "95% limits" in names and "99.8% limits" in names
        assert any(n.startswith("England ") for n in names)
        assert any("Calderdale" in n for n in names)
        assert any("North East, Yorkshire and the Humber LAs" in n for n in names)
        assert_no_sideways_scroll(dash_duo)
        assert_accessible(dash_duo)
        assert_no_console_errors(dash_duo)
    finally:
        _due(before)
