"""The indicators page's summary rows, sparklines and on-demand chart callback (issue 19)."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest

from dashboard.access import SYSTEM, AccessDenied
from dashboard.pages.mi.summary import summary_rows
from dashboard.pages.mi.views import sparkline_uri
from dashboard.services.mi import la_indicators
from tests.test_engagement import principal
from tests.test_mi import upload


def test_summary_rows_carry_the_comparators_counts_band_trend_and_no_rank_yet(
        seeded_db) -> None:
    # an LA no other test uploads for, so both uploads are stored
    days = [date(2026, 9, 30), date(2026, 10, 31)]
    assert [upload(SYSTEM, "873", day).status for day in days] == ["stored"] * 2
    themes = summary_rows(la_indicators(SYSTEM, "873"))
    rows = {row.indicator_id: row for rows in themes.values() for row in rows}
    row = rows["re_referrals"]
    assert (row.la.value, row.band) == (0.0, "A")
    assert row.band_text == "A (best quarter of LAs)"
    assert row.neighbours.detail.startswith("average of ") and "of 10 neighbours" in \
        row.neighbours.detail
    assert row.region.detail.startswith("average of ") and row.england.value is not None
    assert row.rank is None  # until the published series give national ranks
    assert [day for day, _ in row.trend] == days


def test_a_sparkline_spaces_its_points_by_date() -> None:
    svg = unquote(sparkline_uri([(date(2020, 1, 1), 1.0), (date(2024, 1, 1), 2.0),
                                 (date(2024, 2, 1), 3.0)], width=100, height=24))
    points = svg.split("points='")[1].split("'")[0].split()
    xs = [float(p.split(",")[0]) for p in points]
    # four years, then a month: the second gap is about a 48th of the first
    assert xs[2] - xs[1] < (xs[1] - xs[0]) / 40


def test_the_chart_callback_checks_access_each_time(seeded_db, monkeypatch) -> None:
    from callbacks import mi_indicators

    camden = principal(seeded_db, "la_camden")
    monkeypatch.setattr(mi_indicators, "require_principal", lambda: camden)
    monkeypatch.setattr(mi_indicators, "ctx", type("Ctx", (), {
        "triggered_id": {"type": "mi-chart-open", "index": "re_referrals"}}))
    with pytest.raises(AccessDenied):
        mi_indicators.toggle_chart(1, "370")
    chart, hidden, _ = mi_indicators.toggle_chart(1, "202")
    assert chart.id == "indicator-re_referrals" and hidden is False
    assert mi_indicators.toggle_chart(2, "202")[:2] == (None, True)
