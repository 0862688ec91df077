"""Issue 29: published flags that allow for small numbers, suppression in ranks and bands,
LAIT's band edges, and figures that say when a newer release is due. Worked by hand."""

from datetime import date

from dashboard.domain.funnel import proportion_limits, stabilised
from dashboard.domain.published_series import (
    HIGHER_BETTER,
    LOWER_BETTER,
    NO_DIRECTION,
    AreaFigure,
    FlagSettings,
    band,
    band_of,
    compare,
    currency_notice,
    flags_for,
    mark_text,
    national_rank,
)

SMALL = FlagSettings(min_las_for_rank=4, min_neighbours_for_range=3,
                     min_las_for_typical_change=3)


def test_a_figure_on_a_quartile_takes_the_band_below_it_in_value_as_lait_does():
    # LAIT's calculate_quartile_band: value <= 25% quartile is D where higher is better and
    # A where lower is better; > 75% quartile is A / D.
    quartiles = (10.0, 20.0, 30.0)
    assert band_of(10.0, quartiles, HIGHER_BETTER) == "D"
    assert band_of(10.0, quartiles, LOWER_BETTER) == "A"
    assert band_of(20.0, quartiles, HIGHER_BETTER) == "C"
    assert band_of(20.0, quartiles, LOWER_BETTER) == "B"
    assert band_of(30.0, quartiles, HIGHER_BETTER) == "B"
    assert band_of(30.0, quartiles, LOWER_BETTER) == "C"
    assert band_of(30.1, quartiles, HIGHER_BETTER) == "A"
    assert band_of(30.1, quartiles, LOWER_BETTER) == "D"
    assert band_of(10.0, quartiles, NO_DIRECTION) is None
    # the example in the docstring of LAIT's calculate_quartile_band (R/fn_analysis.R):
    # 5, 10, 15 against quartiles 0/10/20/30/40
    assert [band_of(v, (10.0, 20.0, 30.0), LOWER_BETTER) for v in (5, 10, 15)] == ["A", "A", "B"]
    assert [band_of(v, (10.0, 20.0, 30.0), HIGHER_BETTER) for v in (5, 10, 15)] == ["D", "D", "C"]


def test_calderdale_care_leavers_in_eet_on_the_lower_quartile_is_band_d():
    # the case: 49% with the lower quartile 49.0 (higher is better): LAIT gives D
    values = [45.0, 47.0, 49.0, 50.0, 52.0, 55.0, 58.0, 60.0, 62.0]  # type 7: Q1 = 49.0
    assert band(49.0, values, HIGHER_BETTER, SMALL) == "D"
    assert band(49.5, values, HIGHER_BETTER, SMALL) == "C"


def test_ranks_and_bands_say_how_many_las_are_suppressed():
    values = [0.0, 0.0, 2.0, 3.0, 4.0, 5.0]
    rank = national_rank(0.0, values, LOWER_BETTER, SMALL, suppressed=3)
    assert rank.text == "1 of 6 with a figure; 3 suppressed (tied with 1 other)"
    assert band(0.0, values, LOWER_BETTER, SMALL, suppressed=3) == "A"


def test_no_rank_or_band_when_more_than_a_third_of_las_are_suppressed():
    values = [0.0, 0.0, 2.0, 3.0, 4.0, 5.0]
    # 3 of 9 suppressed is a third: still ranked; 4 of 10 is more
    assert national_rank(0.0, values, LOWER_BETTER, SMALL, suppressed=3) is not None
    assert national_rank(0.0, values, LOWER_BETTER, SMALL, suppressed=4) is None
    assert band(0.0, values, LOWER_BETTER, SMALL, suppressed=4) is None


def test_compare_counts_suppressed_las_and_says_why_there_is_no_band():
    figures = {(code, 2025): AreaFigure(v) for code, v in
               (("A", 0.0), ("B", 0.0), ("C", 10.0), ("D", 12.0))}
    figures |= {(code, 2025): AreaFigure(None, mark="c") for code in ("E", "F", "G")}
    figures[("970", 2025)] = AreaFigure(8.0)
    las = list("ABCDEFG")
    row = compare("cp_two_years", LOWER_BETTER, figures, las, "E", [], "R", "970", SMALL)
    assert row.value is None and row.mark == "c" and mark_text(row.mark) == "1 to 5 (suppressed)"
    assert (row.las_with_figure, row.las_suppressed) == (4, 3)
    assert row.rank is None and row.band is None
    assert "3 of 7 LAs' figures are not given (3 suppressed)" in row.no_band_reason
    assert row.flags == ()
    fewer = {k: f for k, f in figures.items() if k[0] not in ("F", "G")}
    row = compare("cp_two_years", LOWER_BETTER, fewer, las, "A", [], "R", "970", SMALL)
    assert row.rank.text == "1 of 4 with a figure; 1 suppressed (tied with 1 other)"
    assert row.band == "A" and row.no_band_reason == ""


def _figure(numerator: float, denominator: float) -> AreaFigure:
    return AreaFigure(round(100 * numerator / denominator, 1), numerator=numerator,
                      denominator=denominator)


def test_a_small_la_needs_a_larger_gap_than_a_large_one_with_the_same_percentage():
    # 26.8% against England's 22.4%: 40 of 150 is within the 95% limits (15.6 to 28.9),
    # 2,144 of 8,000 beyond the 99.8% limits (21.0 to 23.8)
    small, large = AreaFigure(26.7, numerator=40, denominator=150), _figure(2144, 8000)
    small_flags = flags_for(26.7, "D", [], None, None, SMALL, LOWER_BETTER, small, 22.4, 100)
    large_flags = flags_for(26.8, "D", [], None, None, SMALL, LOWER_BETTER, large, 22.4, 100)
    assert small_flags == []  # band D, but within England's 95% limits: may be chance
    assert [f.rule for f in large_flags] == ["worst_quartile", "beyond_england"]
    beyond = large_flags[1]
    assert beyond.sense == "worse"
    assert "26.8 (2,144 of 8,000) is above the 99.8% limits around England 22.4" in beyond.text
    limits = proportion_limits(22.4, 8000)
    assert f"99.8% limits {limits.lower_998:.1f} to {limits.upper_998:.1f}" in beyond.text


def test_between_the_95_and_998_limits_is_not_beyond_england_but_keeps_band_d():
    rutland = _figure(103, 385)  # 26.8%: above the 95% limits (18.2 to 26.5), within 99.8%
    flags = flags_for(rutland.value, "D", [], None, None, SMALL, LOWER_BETTER, rutland, 22.4, 100)
    assert [f.rule for f in flags] == ["worst_quartile"]
    assert "above the 95% limits but within the 99.8% limits" in flags[0].text


def test_a_large_change_with_counts_uses_limits_around_last_years_figure():
    # 22.0% last year; 26.8% of 385 this year is within the 99.8% limits: not flagged
    assert flags_for(26.8, None, [], 22.0, 0.5, SMALL, LOWER_BETTER,
                     _figure(103, 385), None, 100) == []
    # the same change for 8,000 referrals is beyond them
    flags = flags_for(26.8, None, [], 22.0, 0.5, SMALL, LOWER_BETTER,
                      _figure(2144, 8000), None, 100)
    assert [f.rule for f in flags] == ["large_change"]
    assert flags[0].sense == "worse"
    assert flags[0].text.startswith("Changed from 22 last year to 26.8 (2,144 of 8,000), "
                                    "above the 99.8% limits for a change between figures")


def test_without_counts_the_change_rule_says_it_cannot_allow_for_size():
    flags = flags_for(30.0, None, [], 20.0, 1.0, SMALL, LOWER_BETTER)
    assert [f.rule for f in flags] == ["large_change"]
    assert "cannot allow for how many children stand behind it" in flags[0].text
    # a band D percentage without counts is flagged, saying the same
    flags = flags_for(30.0, "D", [], None, None, SMALL, LOWER_BETTER, england=20.0, scale=100)
    assert "cannot allow" in flags[0].text
    # a figure that is not a share or rate of children (a caseload) has no funnel to speak of
    flags = flags_for(30.0, "D", [], None, None, SMALL, LOWER_BETTER, england=20.0)
    assert flags[0].text == ("In England's worst quarter of LAs (band D), taking account of "
                             "which way is better.")


def test_last_years_count_widens_the_change_limits_for_a_small_la():
    # 36 of 100 after 20 of 100: a stabilised change of asin(0.6) - asin(sqrt(0.2)) = 0.180,
    # beyond 3.09 * sqrt(1/400) = 0.155 (this year's chance alone) but within
    # 3.09 * sqrt(2/400) = 0.219 (both years')
    before, now = AreaFigure(20.0, numerator=20, denominator=100), _figure(36, 100)
    assert flags_for(36.0, None, [], 20.0, 0.5, SMALL, LOWER_BETTER, now, None, 100,
                     before_figure=before) == []
    small_before = AreaFigure(20.0, numerator=2000, denominator=10000)  # last year: tiny noise
    flags = flags_for(36.0, None, [], 20.0, 0.5, SMALL, LOWER_BETTER, now, None, 100,
                      before_figure=small_before)
    assert [f.rule for f in flags] == ["large_change"]


def test_over_dispersion_widens_the_england_limits_and_says_so():
    large = _figure(2144, 8000)
    flags = flags_for(26.8, None, [], None, None, SMALL, LOWER_BETTER, large, 22.4, 100,
                      tau2=0.003)
    assert flags == []  # within limits widened for LAs' spread beyond chance
    limits = flags_for(26.8, None, [], None, None, SMALL, LOWER_BETTER, large, 22.4, 100,
                       tau2=0.0)
    assert [f.rule for f in limits] == ["beyond_england"]
    assert "over-dispersion" not in limits[0].text


def test_rates_per_10000_use_poisson_limits_for_the_population():
    # 80 per 10,000 against England's 70: within for 2,000 children, beyond for 250,000
    small = AreaFigure(80.0, numerator=16, denominator=2000)
    large = AreaFigure(80.0, numerator=2000, denominator=250000)
    assert flags_for(80.0, None, [], None, None, SMALL, NO_DIRECTION, small, 70.0, 10000) == []
    flags = flags_for(80.0, None, [], None, None, SMALL, NO_DIRECTION, large, 70.0, 10000)
    assert [(f.rule, f.sense) for f in flags] == [("beyond_england", "context")]


def test_a_newer_release_due_is_said_with_the_period_the_figures_are_for():
    due = date(2026, 11, 27)
    assert currency_notice(due, date(2026, 11, 27), "year to 31 March 2025") is None
    assert currency_notice(due, date(2026, 12, 7), "year to 31 March 2025") == (
        "A newer DfE release is due (November 2026); these figures are for the year to "
        "31 March 2025.")
    assert currency_notice(None, date(2026, 12, 7), "year to 31 March 2025") is None


def test_lait_dash_and_other_marks_count_as_not_published_in_the_third_rule():
    # LAIT's "-" (no DfE mark known) sits among the others like a suppressed figure: with
    # 4 of 8 LAs without a figure there is no rank or band; "z" (not applicable) is nothing
    figures = {(code, 2025): AreaFigure(v) for code, v in
               (("A", 0.0), ("B", 0.0), ("C", 10.0), ("D", 12.0))}
    figures |= {(code, 2025): AreaFigure(None, mark="-") for code in ("E", "F", "G")}
    figures |= {("H", 2025): AreaFigure(None, mark="c"), ("I", 2025): AreaFigure(None, mark="z")}
    row = compare("m", LOWER_BETTER, figures, list("ABCDEFGHI"), "E", [], "R", "970", SMALL)
    assert (row.las_suppressed, row.las_unpublished) == (1, 3)
    assert row.no_band_reason == ("No rank or band: 4 of 8 LAs' figures are not given "
                                  "(1 suppressed, 3 not published), more than a third, and "
                                  "they sit somewhere among the others.")
    assert mark_text("-") == "not published (no DfE mark)"
    del figures[("G", 2025)], figures[("F", 2025)]  # 2 of 6: ranked
    row = compare("m", LOWER_BETTER, figures, list("ABCDEFGHI"), "A", [], "R", "970", SMALL)
    assert row.rank.text == ("1 of 4 with a figure; 1 suppressed, 1 not published "
                             "(tied with 1 other)")
    own = compare("m", LOWER_BETTER, figures, list("ABCDEFGHI"), "H", [], "R", "970", SMALL)
    assert own.no_band_reason == "No rank or band: this LA's figure is 1 to 5 (suppressed)."


def test_a_joint_return_is_one_figure_among_englands():
    figures = {(code, 2025): AreaFigure(v) for code, v in (("A", 1.0), ("B", 2.0), ("C", 3.0))}
    figures[("314", 2025)] = AreaFigure(9.0, joint_with="318")
    figures[("318", 2025)] = AreaFigure(9.0, joint_with="314")
    row = compare("m", LOWER_BETTER, figures, ["A", "B", "C", "314", "318"], "318", [], "R",
                  "970", SMALL)
    assert row.rank.text == "4 of 4" and row.joint_with == "314"


def test_the_position_uses_the_counts_not_the_rounded_figure():
    # published 26.5 (rounded), but 103 of 385 is 26.75: above the 95% limit of 26.50
    figure = AreaFigure(26.5, numerator=103, denominator=385)
    flags = flags_for(26.5, "D", [], None, None, SMALL, LOWER_BETTER, figure, 22.4, 100)
    assert [f.rule for f in flags] == ["worst_quartile"]
    assert "26.5 (103 of 385) is above the 95% limits" in flags[0].text


def test_a_change_all_england_made_is_not_the_las():
    # England 20% -> 26% on the stabilised scale; an LA of 8,000 going 20% -> 26% moved
    # with England: no flag; without the shift it would be a large change
    shift = stabilised(26.0, 100, "proportion") - stabilised(20.0, 100, "proportion")
    before, now = _figure(1600, 8000), _figure(2080, 8000)
    assert flags_for(26.0, None, [], 20.0, 0.5, SMALL, LOWER_BETTER, now, None, 100,
                     before_figure=before, england_shift=shift) == []
    flags = flags_for(26.0, None, [], 20.0, 0.5, SMALL, LOWER_BETTER, now, None, 100,
                      before_figure=before)
    assert [f.rule for f in flags] == ["large_change"]


def test_changes_that_vary_less_than_independent_years_narrow_the_limits():
    # children in care at 31 March are mostly the same children both years: where LAs'
    # changes vary half as much as independent years would (phi 0.5) the limits narrow
    before, now = _figure(600, 1000), _figure(650, 1000)  # 60% -> 65% of 1,000
    assert flags_for(65.0, None, [], 60.0, 0.5, SMALL, NO_DIRECTION, now, None, 100,
                     before_figure=before) == []
    flags = flags_for(65.0, None, [], 60.0, 0.5, SMALL, NO_DIRECTION, now, None, 100,
                      before_figure=before, phi_change=0.2)
    assert [(f.rule, f.sense) for f in flags] == [("large_change", "context")]
