"""The indicators page's summary rows, sparklines and on-demand chart callback (issue 19)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from dashboard.access import SYSTEM, AccessDenied
from dashboard.pages.mi.summary import more_rows, summary_rows
from dashboard.pages.mi.views import sparkline_uri
from dashboard.services.mi import la_indicators
from tests.test_engagement import principal
from tests.test_mi import upload

DATA = Path(__file__).resolve().parents[1] / "data"


def _series(measure_id: str, area_code: str) -> dict[int, float]:
    """The published figures straight from the data file the database is loaded from."""
    with (DATA / "indicator_series.csv").open(encoding="utf-8") as f:
        return {int(r["year"]): float(r["value"]) for r in csv.DictReader(f)
                if r["measure_id"] == measure_id and r["area_code"] == area_code
                and r["value"]}


def test_an_upload_stands_beside_the_latest_published_figure_each_dated(seeded_db) -> None:
    # an LA no other test uploads for, so both uploads are stored
    days = [date(2026, 9, 30), date(2026, 10, 31)]
    assert [upload(SYSTEM, "873", day).status for day in days] == ["stored"] * 2
    rows = {row.indicator_id: row for rows in summary_rows(la_indicators(SYSTEM, "873")).values()
            for row in rows}
    row = rows["re_referrals"]
    published = _series("re_referrals", "873")
    latest = max(published)
    assert row.published.value == published[latest]
    assert row.published.when == f"year to 31 March {latest}"
    assert row.uploaded.value == 0.0 and row.uploaded.when == "lists extracted 31 October 2026"
    # the trend is the published series, a point per year; the uploads keep their own
    assert [(day.year, value) for day, _, value in row.trend] == sorted(published.items())
    assert [day for day, _, _ in row.upload_trend] == days
    assert row.neighbours.detail.startswith("average of ") and "of 10 neighbours" in \
        row.neighbours.detail
    assert row.england.value == _series("re_referrals", "970")[latest]
    assert row.rank and " of " in row.rank and row.band in "ABCD"


def test_an_la_with_no_upload_shows_every_published_measure(seeded_db) -> None:
    # North Tyneside (392, no test uploads for it) is in North East, Yorkshire and the
    # Humber, which DfE does not publish as one region
    data = la_indicators(SYSTEM, "392")
    themes = summary_rows(data)
    more = more_rows(data)
    rows = {row.indicator_id: row for group in (themes, more) for rows in group.values()
            for row in rows}
    with (DATA / "indicator_measures.csv").open(encoding="utf-8") as f:
        measures = {r["id"] for r in csv.DictReader(f)}
    assert measures <= set(rows)  # every published measure has a row
    assert len(measures) >= 40
    row = rows["assessments_45_days"]
    latest = max(_series("assessments_45_days", "392"))
    assert row.uploaded is None and row.published.value == _series(
        "assessments_45_days", "392")[latest]
    # no counts behind assessments: the region is a plain average, said so
    assert row.region.detail == "plain average of 27 LAs (no counts published), not published"
    # counts behind re-referrals: the region is worked out from the two published regions
    assert rows["re_referrals"].region.detail.startswith(
        "worked out from the published counts of North East and Yorkshire and the Humber")
    s47 = rows["s47_rate"]  # LAIT's wider set, with no Annex A indicator: drawn on demand
    assert s47.published.value is not None and s47.uploaded is None
    assert "s47_rate" in {row.indicator_id for row in more["Help and protection"]}
    assert list(themes)[:2] == ["Front door", "Help and protection"]
    assert set(more) <= set(themes)  # each theme's further measures open under its table


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
    assert chart.children.id == "indicator-re_referrals" and hidden is False
    assert mi_indicators.toggle_chart(2, "202")[:2] == (None, True)


def test_a_themes_further_measures_are_drawn_on_demand_for_those_who_may_see(
        seeded_db, monkeypatch) -> None:
    from callbacks import mi_indicators

    camden = principal(seeded_db, "la_camden")
    monkeypatch.setattr(mi_indicators, "require_principal", lambda: camden)
    monkeypatch.setattr(mi_indicators, "ctx", type("Ctx", (), {
        "triggered_id": {"type": "mi-more-open", "index": "help-and-protection"}}))
    with pytest.raises(AccessDenied):
        mi_indicators.toggle_more(1, "370")
    table, words = mi_indicators.toggle_more(1, "202")
    text = str(table.to_plotly_json())
    assert "mi-row-s47_rate" in text and "further published measures" in text
    assert words[0].startswith("Hide the ")
    assert mi_indicators.toggle_more(2, "202")[0] is None
