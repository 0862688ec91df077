"""Published-series comparisons and flags, worked by hand."""

from dashboard.domain.published_series import (
    HIGHER_BETTER,
    LOWER_BETTER,
    NO_DIRECTION,
    AreaFigure,
    FlagSettings,
    band,
    change_flag,
    compare,
    flags_sense,
    measure_theme,
    national_rank,
    neighbour_average,
    neighbour_range_flag,
    typical_change,
    worst_quartile_flag,
)

SMALL = FlagSettings(min_las_for_rank=4, min_neighbours_for_range=3,
                     min_las_for_typical_change=3)


def test_neighbour_average_says_how_many_neighbours_it_is_built_from():
    average = neighbour_average([10.0, None, 20.0, None, 30.0, None, None, None, None, None])
    assert (average.value, average.count, average.of) == (20.0, 3, 10)
    assert neighbour_average([None, None]).value is None


def test_rank_one_is_best_and_ties_share_the_better_place():
    values = [50.0, 60.0, 60.0, 70.0]
    assert national_rank(70.0, values, HIGHER_BETTER, SMALL).text == "1 of 4"
    rank = national_rank(60.0, values, HIGHER_BETTER, SMALL)
    assert (rank.position, rank.tied, rank.text) == (2, 1, "2 of 4 (tied with 1 other)")
    assert national_rank(50.0, values, HIGHER_BETTER, SMALL).position == 4
    assert national_rank(50.0, values, LOWER_BETTER, SMALL).position == 1
    assert national_rank(50.0, values, NO_DIRECTION, SMALL) is None
    assert national_rank(50.0, values[:3], HIGHER_BETTER, SMALL) is None  # too few LAs


def test_band_respects_polarity_and_none_for_no_direction():
    values = [float(v) for v in range(1, 21)]  # quartiles 5.75, 10.5, 15.25
    assert band(20.0, values, HIGHER_BETTER) == "A"
    assert band(1.0, values, HIGHER_BETTER) == "D"
    assert band(1.0, values, LOWER_BETTER) == "A"
    assert band(12.0, values, LOWER_BETTER) == "C"
    assert band(12.0, values, NO_DIRECTION) is None


def test_beyond_neighbours_range_needs_enough_neighbours():
    assert neighbour_range_flag(9.0, [10.0, 12.0, None, 15.0], SMALL).rule == "beyond_neighbours"
    assert "Below the lowest of its 3" in neighbour_range_flag(9.0, [10.0, 12.0, 15.0], SMALL).text
    assert neighbour_range_flag(15.0, [10.0, 12.0, 15.0], SMALL) is None  # on the edge
    assert neighbour_range_flag(99.0, [10.0, 12.0, None], SMALL) is None  # only 2 neighbours


def test_typical_change_is_the_median_absolute_change_and_flags_twice_it():
    # changes 1, -2, 3 -> absolute 1, 2, 3 -> median 2 -> limit 4 at the default multiple 2
    typical = typical_change([(10.0, 11.0), (10.0, 8.0), (10.0, 13.0)], SMALL)
    assert typical == 2.0
    assert change_flag(10.0, 14.0, typical, SMALL) is None
    flag = change_flag(10.0, 14.5, typical, SMALL)
    assert flag.rule == "large_change" and "+4.5" in flag.text and "limit 4.00" in flag.text
    assert typical_change([(1.0, 2.0)], SMALL) is None


def test_compare_builds_one_row_with_region_marked_not_published():
    figures = {
        ("A", 2024): AreaFigure(10.0), ("A", 2025): AreaFigure(30.0),
        ("B", 2024): AreaFigure(10.0), ("B", 2025): AreaFigure(11.0),
        ("C", 2024): AreaFigure(10.0), ("C", 2025): AreaFigure(12.0),
        ("D", 2024): AreaFigure(10.0), ("D", 2025): AreaFigure(13.0),
        ("R", 2025): AreaFigure(16.5, published=False, count=4),
        ("970", 2025): AreaFigure(12.0),
    }
    row = compare("m", LOWER_BETTER, figures, ["A", "B", "C", "D"], "A", ["B", "C", "D"],
                  "R", "970", SMALL)
    assert row.year == 2025 and row.value == 30.0
    assert (row.neighbours.value, row.neighbours.count, row.neighbours.of) == (12.0, 3, 3)
    assert (row.region, row.region_published, row.region_count) == (16.5, False, 4)
    assert row.england == 12.0
    assert (row.rank.position, row.rank.out_of) == (4, 4)
    assert row.band == "D"
    assert row.trend == ((2024, 10.0), (2025, 30.0))
    # changes 20, 1, 2, 3 -> median 2.5 -> limit 5: A's +20 is flagged
    assert [f.rule for f in row.flags] == ["worst_quartile", "beyond_neighbours", "large_change"]


def test_each_flag_says_whether_it_is_bad_news_by_polarity():
    below = [10.0, 12.0, 15.0]
    assert neighbour_range_flag(9.0, below, SMALL, HIGHER_BETTER).sense == "worse"
    assert neighbour_range_flag(9.0, below, SMALL, LOWER_BETTER).sense == "better"
    assert neighbour_range_flag(99.0, below, SMALL, LOWER_BETTER).sense == "worse"
    assert neighbour_range_flag(99.0, below, SMALL, NO_DIRECTION).sense == "context"
    assert change_flag(10.0, 20.0, 1.0, SMALL, LOWER_BETTER).sense == "worse"
    assert change_flag(20.0, 10.0, 1.0, SMALL, LOWER_BETTER).sense == "better"
    assert worst_quartile_flag("D").sense == "worse"
    assert worst_quartile_flag("C") is None


def test_flags_sense_puts_bad_news_first():
    worse = worst_quartile_flag("D")
    better = change_flag(20.0, 10.0, 1.0, SMALL, LOWER_BETTER)
    context = change_flag(20.0, 10.0, 1.0, SMALL, NO_DIRECTION)
    assert flags_sense([better, worse]) == "worse"
    assert flags_sense([context, better]) == "better"
    assert flags_sense([context]) == "context"
    assert flags_sense([]) is None


def test_published_measures_sit_in_the_page_themes():
    assert measure_theme("cla_ceased_adopted") == "Permanence"
    assert measure_theme("cla_rate") == "Children in care"
    assert measure_theme("re_referrals") == "Front door"
    assert measure_theme("s47_rate") == "Help and protection"
    assert measure_theme("workforce_caseload") == "Workforce"
    assert measure_theme("something_new") == "Other published measures"
