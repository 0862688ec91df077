"""The neighbour average, the outlier rule and the quartile bands, on hand-made figures."""

import pytest

from dashboard.domain.comparators import (
    count_outliers,
    neighbour_outlier,
    outlier_text,
    plain_average,
    quartile_band,
)

#: Ten neighbours: mean 20, population standard deviation 2 (half at 18, half at 22).
NEIGHBOURS = [18.0] * 5 + [22.0] * 5


def test_the_average_uses_only_the_figures_that_exist() -> None:
    average = plain_average([10.0, None, 20.0])
    assert (average.value, average.count) == (15.0, 2)
    assert plain_average([None, None]).value is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(24.0, None), (24.01, "above"), (16.0, None), (15.99, "below"), (20.0, None)],
)
def test_an_outlier_is_more_than_two_standard_deviations_from_the_neighbours(
    value: float, expected: str | None
) -> None:
    assert neighbour_outlier(value, NEIGHBOURS) == expected


def test_too_few_neighbour_figures_give_no_verdict() -> None:
    assert neighbour_outlier(100.0, [18.0, 22.0, 20.0, 21.0, None, None]) is None
    assert neighbour_outlier(100.0, [18.0, 22.0, 20.0, 21.0, 19.0]) == "above"


def test_the_flag_says_whether_far_away_is_good_or_bad_news() -> None:
    assert outlier_text("above", "higher").endswith("(better)")
    assert outlier_text("above", "lower").endswith("(worse)")
    assert outlier_text("below", None) == "Outlier: well below statistical neighbours"
    assert outlier_text(None, "higher") == ""


#: 1 to 100: quartile boundaries (inclusive method) at 25.75, 50.5 and 75.25.
LAS = [float(n) for n in range(1, 101)]


@pytest.mark.parametrize(
    ("value", "higher_band", "lower_band"),
    [(90.0, "A", "D"), (75.25, "A", "C"), (60.0, "B", "C"), (50.5, "B", "B"),
     (30.0, "C", "B"), (25.75, "C", "A"), (5.0, "D", "A")],
)
def test_quartile_bands_respect_which_way_is_better(value, higher_band, lower_band) -> None:
    assert quartile_band(value, LAS, "higher") == higher_band
    assert quartile_band(value, LAS, "lower") == lower_band


def test_no_band_for_context_measures_or_too_few_las() -> None:
    assert quartile_band(50.0, LAS, None) is None
    assert quartile_band(50.0, LAS[:19], "higher") is None
    assert quartile_band(None, LAS, "higher") is None


def test_outlier_flags_count_by_whether_far_from_neighbours_is_good_news() -> None:
    flags = count_outliers([
        ("above", "higher"),   # better
        ("below", "higher"),   # worse
        ("above", "lower"),    # worse
        ("below", None),       # a context measure
        (None, "higher"),      # not an outlier
    ])
    assert (flags.better, flags.worse, flags.context, flags.total) == (1, 2, 1, 4)
    assert flags.text == "4 (2 worse, 1 better, 1 context)"
    assert count_outliers([(None, "lower")]).text == "None"
