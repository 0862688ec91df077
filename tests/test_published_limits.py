"""Issue 29 through the services, on the real published data the database is loaded from:
the counts behind each figure reach the page, a measure's funnel plot is drawn for those
who may see the LA, and suppressed figures are counted, never ranked."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.access import SYSTEM, AccessDenied
from dashboard.pages.mi.summary import more_rows, summary_rows
from dashboard.services.mi import la_indicators
from dashboard.services.published import funnel_plot
from tests.test_engagement import principal

DATA = Path(__file__).resolve().parents[1] / "data"


def _series_rows(measure_id: str) -> list[dict[str, str]]:
    with (DATA / "indicator_series.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["measure_id"] == measure_id]


def _rows(la_code: str) -> dict:
    data = la_indicators(SYSTEM, la_code)
    return {row.indicator_id: row for group in (summary_rows(data), more_rows(data))
            for rows in group.values() for row in rows}


def test_an_las_published_counts_stand_beside_its_figure(seeded_db) -> None:
    rows = [r for r in _series_rows("re_referrals") if r["area_code"] == "381"]
    latest = max(rows, key=lambda r: int(r["year"]))
    assert latest["numerator"] and latest["denominator"]  # DfE publishes both
    notes = " ".join(_rows("381")["re_referrals"].published_notes)
    assert f"{int(float(latest['numerator'])):,} " in notes
    assert f"of {int(float(latest['denominator'])):,} " in notes
    assert "limits around England" in notes


def test_the_funnel_plot_holds_every_la_with_a_count_and_picks_out_the_region(
        seeded_db) -> None:
    plot = funnel_plot(SYSTEM, "381", "re_referrals")
    latest = max(int(r["year"]) for r in _series_rows("re_referrals") if r["value"])
    counted = {r["area_code"] for r in _series_rows("re_referrals")
               if int(r["year"]) == latest and r["area_level"] == "la" and r["value"]
               and r["denominator"]}
    assert {p.la_code for p in plot.points} == counted
    assert [p.la_code for p in plot.points if p.is_this_la] == ["381"]
    assert all(p.in_region for p in plot.points if p.la_code in {"381", "370", "392"})
    assert plot.year == latest and plot.region_name == "North East, Yorkshire and the Humber"
    # the limits narrow as the count grows, around England's figure
    first, last = plot.limits[0], plot.limits[-1]
    assert first.upper_998 - first.lower_998 > last.upper_998 - last.lower_998
    assert all(limit.lower_95 <= plot.england <= limit.upper_95 for limit in plot.limits[5:])
    assert {p.position for p in plot.points} <= {"within", "above_95", "below_95",
                                                  "above_998", "below_998"}


def test_no_one_sees_the_funnel_plot_from_an_la_they_may_not_see(seeded_db) -> None:
    with pytest.raises(AccessDenied):
        funnel_plot(principal(seeded_db, "la_camden"), "370", "re_referrals")
    assert funnel_plot(principal(seeded_db, "la_camden"), "202", "re_referrals") is not None
    with pytest.raises(AccessDenied):
        funnel_plot(None, "202", "re_referrals")


def test_a_measure_with_no_counts_draws_no_funnel(seeded_db) -> None:
    with (DATA / "indicator_measures.csv").open(encoding="utf-8") as f:
        no_scale = [m["id"] for m in csv.DictReader(f) if not m["scale"]]
    assert no_scale  # e.g. caseloads are not a share of children
    assert funnel_plot(SYSTEM, "381", no_scale[0]) is None
    assert _rows("381")[no_scale[0]].has_funnel is False


def test_suppressed_figures_are_counted_not_ranked(seeded_db) -> None:
    """CP plans lasting two years or more (the issue's example): so many LAs are
    suppressed (1 to 5 plans) that no LA gets a rank or band, and each says why."""
    rows = _series_rows("cp_two_years")
    latest = max(int(r["year"]) for r in rows if r["value"])
    la_rows = [r for r in rows if int(r["year"]) == latest and r["area_level"] == "la"]
    suppressed = [r for r in la_rows if r["mark"] == "c" and not r["value"]]
    not_given = [r for r in la_rows if not r["value"] and r["mark"] not in ("", "z")]
    with_figure = [r for r in la_rows if r["value"]]
    assert len(not_given) > (len(with_figure) + len(not_given)) / 3  # the data's fact
    row = _rows(suppressed[0]["area_code"])["cp_two_years"]
    assert "1 to 5 (suppressed)" in row.published_notes
    assert row.rank is None and row.band is None
    assert (f"{len(not_given)} of {len(with_figure) + len(not_given)} LAs' figures are not "
            f"given ({len(suppressed)} suppressed") in row.no_band_reason
    other = _rows(with_figure[0]["area_code"])["cp_two_years"]
    assert other.rank is None and other.band is None
    assert other.no_band_reason == row.no_band_reason


def test_a_joint_return_shows_the_joint_figure_named_for_both_las(seeded_db) -> None:
    kingston, richmond = _rows("314")["workforce_turnover"], _rows("318")["workforce_turnover"]
    assert kingston.published.value == richmond.published.value is not None
    assert ("Joint figure with Richmond upon Thames: one return for both LAs"
            in kingston.published_notes)
    assert ("Joint figure with Kingston upon Thames: one return for both LAs"
            in richmond.published_notes)


def test_neyh_is_worked_out_from_its_two_regions_counts(seeded_db) -> None:
    row = _rows("381")["cla_rate"]
    region = next(r for r in _series_rows("cla_rate")
                  if r["area_code"] == "NEYH" and r["year"] == row.published.when[-4:])
    assert region["basis"] == "counts"
    assert row.region.value == float(region["value"])
    assert row.region.detail.startswith("worked out from the published counts")
    # the counts give the figure: children looked after per 10,000 children
    assert abs(float(region["numerator"]) / float(region["denominator"]) * 10000
               - float(region["value"])) < 0.5
