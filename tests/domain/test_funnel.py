"""Funnel-plot limits (Spiegelhalter 2005): exact binomial and Poisson limits with the
discrete quantile interpolated. Expected values are recomputed here by a brute-force
cumulative sum in pure Python (no scipy), and a few are pinned to numbers worked by hand."""

from __future__ import annotations

import itertools
import math

import pytest

from dashboard.domain.funnel import (
    ABOVE_95,
    ABOVE_998,
    BELOW_95,
    BELOW_998,
    NO_COUNT,
    PROPORTION,
    RATE,
    WITHIN,
    FunnelLimits,
    between_la_variance,
    chance_variance,
    change_limits,
    compare_with_limits,
    curve_denominators,
    dispersion,
    funnel_curve,
    funnel_position,
    overdispersed_limits,
    proportion_limits,
    rate_limits,
    stabilised,
)

ENGLAND_RE_REFERRALS = 22.4  # percent
ENGLAND_CLA_RATE = 70.0  # per 10,000 children


def interpolated(pmf: list[float], p: float) -> float:
    """Spiegelhalter's appendix by cumulative sum: the first r with F(r) >= p, less
    alpha = (F(r) - p) / (F(r) - F(r - 1))."""
    below = 0.0
    for r, mass in enumerate(pmf):
        at = below + mass
        if at >= p:
            return r - (at - p) / (at - below)
        below = at
    raise AssertionError("p beyond the distribution")


def binomial_pmf(n: int, theta: float) -> list[float]:
    return [math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                     + k * math.log(theta) + (n - k) * math.log1p(-theta))
            for k in range(n + 1)]


def poisson_pmf(mean: float) -> list[float]:
    top = int(mean + 12 * math.sqrt(mean) + 30)
    return [math.exp(k * math.log(mean) - mean - math.lgamma(k + 1)) for k in range(top)]


def brute_proportion(target: float, n: int, scale: float = 100.0) -> list[float]:
    """The interpolated quantiles; an upper one whose discrete quantile is all n cases is
    the whole scale (nothing can lie above n of n)."""
    pmf = binomial_pmf(n, target / scale)
    limits = []
    for p in (0.025, 0.975, 0.001, 0.999):
        quantile = interpolated(pmf, p)
        top = p > 0.5 and math.ceil(quantile) >= n
        limits.append(scale if top else min(max(quantile / n * scale, 0.0), scale))
    return limits


def brute_rate(target: float, population: float, scale: float = 10000.0) -> list[float]:
    pmf = poisson_pmf(target * population / scale)
    return [max(interpolated(pmf, p) / population * scale, 0.0)
            for p in (0.025, 0.975, 0.001, 0.999)]


def four(limits: FunnelLimits) -> list[float]:
    return [limits.lower_95, limits.upper_95, limits.lower_998, limits.upper_998]


@pytest.mark.parametrize("n", [1, 2, 40, 150, 385, 8000])
def test_proportion_limits_match_a_cumulative_sum_of_the_binomial(n: int) -> None:
    assert four(proportion_limits(ENGLAND_RE_REFERRALS, n)) == pytest.approx(
        brute_proportion(ENGLAND_RE_REFERRALS, n), abs=1e-9)


@pytest.mark.parametrize("population", [1000, 2000, 250_000])
def test_rate_limits_match_a_cumulative_sum_of_the_poisson(population: int) -> None:
    assert four(rate_limits(ENGLAND_CLA_RATE, population)) == pytest.approx(
        brute_rate(ENGLAND_CLA_RATE, population), abs=1e-9)


def test_one_case_worked_by_hand() -> None:
    # n = 1, theta = 0.224: F(0) = 0.776, F(1) = 1.
    # 97.5% and 99.9%: r = 1 = n, every case: nothing can lie above 1 of 1 (interpolating
    # would give 88.84% and 99.55%, and flag 1 of 1, which chance gives 22.4% of the time)
    # 2.5%: r = 0, alpha = (0.776 - 0.025) / 0.776 = 0.968, limit -0.968 -> clipped to 0
    limits = proportion_limits(ENGLAND_RE_REFERRALS, 1)
    assert [round(x, 2) for x in four(limits)] == [0.0, 100.0, 0.0, 100.0]


def test_two_cases_at_a_half_worked_by_hand() -> None:
    # n = 2, theta = 0.5: F(0) = 0.25, F(1) = 0.75, F(2) = 1: the 97.5% and 99.9%
    # quantiles are r = 2 = n, so the upper limits are 100% (2 of 2 happens 25% of the time)
    assert four(proportion_limits(50.0, 2)) == pytest.approx([0.0, 100.0, 0.0, 100.0])


def test_seven_of_seven_at_64_percent_is_not_beyond_chance() -> None:
    # P(7 of 7 | 64%) = 0.64^7 = 4.4%: within both limits, whatever the interpolation says
    limits = proportion_limits(64.0, 7)
    assert (limits.upper_95, limits.upper_998) == (100.0, 100.0)
    assert funnel_position(100.0, limits) == WITHIN


def test_poisson_mean_one_worked_by_hand() -> None:
    # 10 per 10,000 of 1,000 children: expected count 1. F(2) = 0.91970, F(3) = 0.98101,
    # F(4) = 0.99634, F(5) = 0.99941. 97.5%: r = 3, alpha = 0.00601 / 0.06131 = 0.0980,
    # limit 2.902 children -> 29.02 per 10,000; 99.9%: r = 5, alpha = 0.000406 / 0.003066
    # = 0.1324, limit 4.868 -> 48.68. Lower: r = 0, alpha = 0.932 > 0 -> clipped to 0.
    assert [round(x, 2) for x in four(rate_limits(10.0, 1000))] == [0.0, 29.02, 0.0, 48.68]


def test_385_referrals_against_the_normal_approximation() -> None:
    # sd = sqrt(0.224 * 0.776 / 385) = 2.125 points; 1.96 sd = 4.165 -> 18.2 to 26.6,
    # 3.09 sd = 6.57 -> 15.8 to 29.0. The exact limits are close to these.
    limits = proportion_limits(ENGLAND_RE_REFERRALS, 385)
    assert [round(x, 2) for x in four(limits)] == [18.18, 26.5, 15.92, 29.03]


def test_the_same_percentage_is_unremarkable_for_a_small_la_but_not_for_a_large_one() -> None:
    small = compare_with_limits(26.7, 40, 150, ENGLAND_RE_REFERRALS, 100, PROPORTION,
                                of_what="referrals")
    middle = compare_with_limits(26.8, 103, 385, ENGLAND_RE_REFERRALS, 100, PROPORTION,
                                 of_what="referrals")
    large = compare_with_limits(26.8, 2144, 8000, ENGLAND_RE_REFERRALS, 100, PROPORTION,
                                of_what="referrals")
    assert (small.position, middle.position, large.position) == (WITHIN, ABOVE_95, ABOVE_998)
    assert small.sentence == ("26.7% (40 of 150) is within the 95% limits around England's "
                              "22.4% for 150 referrals (15.6 to 28.9).")
    assert middle.sentence == ("26.8% (103 of 385) is above the 95% limits around England's "
                               "22.4% for 385 referrals (18.2 to 26.5) but within the 99.8% "
                               "limits (15.9 to 29.0).")
    assert large.sentence == ("26.8% (2,144 of 8,000) is above the 99.8% limits around "
                              "England's 22.4% for 8,000 referrals (21.0 to 23.8).")


def test_a_low_figure_is_below_the_limits() -> None:
    low = compare_with_limits(18.0, 1440, 8000, ENGLAND_RE_REFERRALS, 100, PROPORTION)
    assert low.position == BELOW_998
    assert low.sentence.startswith("18.0% (1,440 of 8,000) is below the 99.8% limits")
    assert compare_with_limits(17.5, 67, 385, ENGLAND_RE_REFERRALS, 100,
                               PROPORTION).position == BELOW_95


def test_limits_narrow_as_the_denominator_grows() -> None:
    curve = funnel_curve(ENGLAND_RE_REFERRALS, PROPORTION, 100, [10, 40, 150, 385, 8000])
    widths_95 = [c.upper_95 - c.lower_95 for c in curve]
    widths_998 = [c.upper_998 - c.lower_998 for c in curve]
    assert widths_95 == sorted(widths_95, reverse=True)
    assert widths_998 == sorted(widths_998, reverse=True)
    assert len(set(widths_95)) == len(widths_95)
    assert all(w95 < w998 for w95, w998 in zip(widths_95, widths_998, strict=True))


@pytest.mark.parametrize("target", [0.5, 5.0, 22.4, 50.0, 95.0, 99.5])
@pytest.mark.parametrize("n", [50, 500, 5000])
def test_interior_targets_lie_between_their_limits(target: float, n: int) -> None:
    limits = proportion_limits(target, n)
    assert 0 <= limits.lower_998 <= limits.lower_95 < target < limits.upper_95
    assert limits.upper_95 <= limits.upper_998 <= 100


@pytest.mark.parametrize("target", [0.5, 70.0, 700.0])
@pytest.mark.parametrize("population", [2000, 250_000])
def test_interior_rates_lie_between_their_limits(target: float, population: int) -> None:
    limits = rate_limits(target, population)
    assert 0 <= limits.lower_998 <= limits.lower_95 < target < limits.upper_95
    assert limits.upper_95 < limits.upper_998


def test_with_almost_nothing_expected_the_limits_treat_counts_as_continuous() -> None:
    # 0.5% of 5: F(0) = 0.995 ** 5 = 0.97525 >= 0.975, so the 97.5% quantile is 0 and its
    # interpolated limit, 0 - 0.00025 / 0.97525 cases, is clipped to 0, below the target.
    # F(1) = 0.99975: the 99.9% limit is 1 - 0.00075 / 0.0245 = 0.969 cases, 19.39%.
    # So one case of five (20%) is beyond even the 99.8% limit, though P(1 or more) is
    # 0.025: the interpolation's price at tiny counts (Spiegelhalter 2005, appendix).
    limits = proportion_limits(0.5, 5)
    assert (limits.upper_95, round(limits.upper_998, 2)) == (0.0, 19.39)
    assert funnel_position(0.0, limits) == WITHIN
    assert funnel_position(20.0, limits) == ABOVE_998


@pytest.mark.parametrize("n", [500, 5000])
def test_mirrored_targets_give_mirrored_limits_one_case_apart(n: int) -> None:
    # Swapping successes and failures mirrors the limits, but the interpolation always
    # reaches down from r_p towards r_p - 1, so the mirror image sits one case (100 / n
    # points) higher: a property of the method, not a slip.
    limits, mirror = proportion_limits(22.4, n), proportion_limits(77.6, n)
    assert [100 - mirror.upper_95, 100 - mirror.lower_95] == pytest.approx(
        [limits.lower_95 + 100 / n, limits.upper_95 + 100 / n])


def test_a_target_of_0_or_the_whole_scale_allows_no_chance_difference() -> None:
    assert four(proportion_limits(0.0, 50)) == [0.0] * 4
    assert four(proportion_limits(100.0, 50)) == [100.0] * 4
    assert four(rate_limits(0.0, 1000)) == [0.0] * 4
    assert funnel_position(0.0, proportion_limits(0.0, 50)) == WITHIN
    assert funnel_position(2.0, proportion_limits(0.0, 50)) == ABOVE_998
    assert funnel_position(98.0, proportion_limits(100.0, 50)) == BELOW_998


def test_rate_limits_for_a_small_and_a_large_population() -> None:
    # 70 per 10,000: 14 expected among 2,000 children (sd 3.74 -> about 33 to 107 at 95%),
    # 1,750 among 250,000 (sd 41.8 -> about 66.7 to 73.3)
    small, large = rate_limits(ENGLAND_CLA_RATE, 2000), rate_limits(ENGLAND_CLA_RATE, 250_000)
    assert [round(x, 2) for x in four(small)] == [33.1, 106.58, 16.98, 132.29]
    assert [round(x, 2) for x in four(large)] == [66.72, 73.28, 64.87, 75.21]
    assert funnel_position(71.0, small) == funnel_position(71.0, large) == WITHIN
    assert funnel_position(80.0, small) == WITHIN
    assert funnel_position(80.0, large) == ABOVE_998
    verdict = compare_with_limits(71.0, 1775, 250_000, ENGLAND_CLA_RATE, 10000, RATE)
    assert verdict.sentence == ("71.0 per 10,000 (1,775 of 250,000) is within the 95% limits "
                                "around England's 70.0 per 10,000 for 250,000 children "
                                "(66.7 to 73.3).")


def test_only_strictly_beyond_a_limit_counts_as_outside() -> None:
    limits = FunnelLimits(10.0, 100, 5.0, 15.0, 2.0, 18.0)
    assert [funnel_position(v, limits) for v in (1.9, 2.0, 4.9, 5.0, 15.0, 15.1, 18.0, 18.1)] \
        == [BELOW_998, BELOW_95, BELOW_95, WITHIN, WITHIN, ABOVE_95, ABOVE_95, ABOVE_998]


@pytest.mark.parametrize("denominator", [None, 0, -3])
def test_no_count_says_so(denominator: float | None) -> None:
    verdict = compare_with_limits(26.8, None, denominator, ENGLAND_RE_REFERRALS, 100,
                                  PROPORTION)
    assert (verdict.position, verdict.limits) == (None, None)
    assert verdict.sentence == ("No count is published, so this cannot allow for how many "
                                "children stand behind the figure.")
    assert verdict.sentence == NO_COUNT


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="denominator above 0"):
        proportion_limits(22.4, 0)
    with pytest.raises(ValueError, match="target must lie"):
        proportion_limits(120.0, 10)
    with pytest.raises(ValueError, match="kind must be"):
        compare_with_limits(1.0, 1, 10, 1.0, 100, "mean")
    with pytest.raises(ValueError, match="at least 2 points"):
        curve_denominators(100, points=1)


def test_curve_denominators_run_from_1_to_the_largest_on_a_log_scale() -> None:
    points = curve_denominators(8000)
    assert points[0] == 1 and points[-1] == 8000
    assert points == sorted(set(points)) and all(isinstance(p, int) for p in points)
    assert 40 <= len(points) <= 60  # small ones round to the same whole number
    ratios = [b / a for a, b in itertools.pairwise(points[20:])]
    assert max(ratios) < 1.25  # about 8000 ** (1 / 59) = 1.164 apart once past rounding
    assert curve_denominators(5) == [1, 2, 3, 4, 5]
    assert curve_denominators(1) == [1]


def test_funnel_curve_gives_one_set_of_limits_per_denominator() -> None:
    denominators = curve_denominators(250_000, points=30)
    curve = funnel_curve(ENGLAND_CLA_RATE, RATE, 10000, denominators)
    assert [c.denominator for c in curve] == denominators
    assert curve[-1] == rate_limits(ENGLAND_CLA_RATE, 250_000)


# --- over-dispersion (Spiegelhalter 2005, section 5) -------------------------------------

def test_no_over_dispersion_when_las_differ_only_by_chance() -> None:
    # every LA exactly on its expected share: z-scores 0, phi 0, so tau squared is 0
    figures = [(22.4, 22.4, chance_variance(n)) for n in range(100, 2100, 100)]
    assert between_la_variance(figures, 100.0, "proportion") == 0.0
    # fewer than ten LAs: no estimate
    assert between_la_variance(figures[:9], 100.0, "proportion") == 0.0


def test_over_dispersion_is_the_moment_estimate_from_winsorised_z_scores() -> None:
    # 20 LAs of 400, alternately 2 stabilised SDs above and below: each z is +-2 (none
    # winsorised away, all equal in size), phi = 4, w = 1600 each:
    # tau2 = (20 * 4 - 19) / (20 * 1600 - 20 * 1600**2 / (20 * 1600)) = 61 / 30400
    n, centre = 400, stabilised(30.0, 100.0, "proportion")
    def share(x: float) -> float:
        return math.sin(x) ** 2 * 100

    step = 2 * math.sqrt(chance_variance(n))
    figures = [(share(centre + (step if i % 2 else -step)), 30.0, chance_variance(n))
               for i in range(20)]
    assert abs(between_la_variance(figures, 100.0, "proportion") - 61 / 30400) < 1e-9


def test_widened_limits_contain_the_exact_ones_and_tau2_zero_gives_the_exact() -> None:
    exact = proportion_limits(22.4, 385)
    assert overdispersed_limits(22.4, 385, 100.0, "proportion", 0.0) == exact
    wide = overdispersed_limits(22.4, 385, 100.0, "proportion", 0.002)
    assert wide.lower_998 < exact.lower_998 and wide.upper_998 > exact.upper_998
    assert wide.lower_95 < 22.4 < wide.upper_95
    # a rate: square-root scale, widened the same way
    rate = overdispersed_limits(70.0, 250000, 10000.0, "rate", 0.0001)
    assert rate.lower_998 < rate_limits(70.0, 250000).lower_998


def test_a_change_carries_both_years_chance() -> None:
    # the same sizes both years: variance 2 / (4n), so the 99.8% half-width on the
    # stabilised scale is 3.09 * sqrt(2 / 1540)
    limits = change_limits(22.0, 385, 385, 100.0, "proportion")
    centre = stabilised(22.0, 100.0, "proportion")
    upper = math.sin(centre + 3.090232306 * math.sqrt(2 / (4 * 385))) ** 2 * 100
    assert abs(limits.upper_998 - upper) < 1e-6
    single = overdispersed_limits(22.0, 385, 100.0, "proportion", 1e-12)
    assert limits.upper_998 > single.upper_998


def test_winsorising_pulls_in_the_outliers_before_phi_is_taken() -> None:
    # 20 LAs of 400 with z-scores -9, then -2 x 9, then +2 x 9, then +9: at 10% each end
    # (2 of 20) the cut points are z[2] = -2 and z[17] = +2, so both 9s count as 2 and
    # phi = 4 (unwinsorised it would be (18 * 4 + 2 * 81) / 20 = 11.7)
    n, centre = 400, stabilised(30.0, 100.0, "proportion")
    sd = math.sqrt(chance_variance(n))

    def share(z: float) -> float:
        return math.sin(centre + z * sd) ** 2 * 100

    zs = [-9.0] + [-2.0] * 9 + [2.0] * 9 + [9.0]
    phi, tau2 = dispersion([(share(z), 30.0, chance_variance(n)) for z in zs], 100.0,
                           "proportion")
    assert abs(phi - 4.0) < 1e-9
    assert abs(tau2 - (20 * 4 - 19) / (20 * 1600 - 20 * 1600**2 / (20 * 1600))) < 1e-12
