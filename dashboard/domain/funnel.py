"""Funnel-plot limits: is an LA's figure out of line with England's, allowing for how many
children stand behind it?

LAIS brings everything known about an LA into one record and compares it with others
(ILACS framework para 5). A percentage of 40 children swings far more by chance than one
of 8,000, so a plain ranking flags small LAs for noise and hides large ones' real
differences. A funnel plot draws, around England's figure, the range a unit of each size
would fall in by chance alone; a figure outside it is worth asking about.

The limits are exact binomial (percentages) or Poisson (rates) ones, with the discrete
quantile interpolated so that the limits run smoothly with the denominator, as in
Spiegelhalter, Funnel plots for comparing institutional performance, Statistics in
Medicine 24 (2005), appendix. Two-sided levels: 95% (about 2 standard deviations)
and 99.8% (about 3).

LAs differ by more than chance on most published measures (local need, thresholds,
recording): with exact limits nearly every large LA falls outside them, and the flags
would follow size the other way. Where the LAs' spread shows this "over-dispersion", the
limits widen by an additive between-LA variance estimated from the LAs' own figures
(Spiegelhalter 2005, section 5; Spiegelhalter, Handling over-dispersion of performance
indicators, Quality and Safety in Health Care 14 (2005)): z-scores on a variance-
stabilising scale, winsorised at 10% each end, give the estimate. The limits then say
"unusual among English LAs for its size", which is what an inspector asks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from scipy.stats import binom, norm, poisson

PROPORTION = "proportion"
RATE = "rate"
KINDS = (PROPORTION, RATE)

ABOVE_998 = "above_998"
ABOVE_95 = "above_95"
WITHIN = "within"
BELOW_95 = "below_95"
BELOW_998 = "below_998"

#: The tail probabilities of the two-sided 95% and 99.8% limits (Spiegelhalter 2005).
P_95 = (0.025, 0.975)
P_998 = (0.001, 0.999)

NO_COUNT = ("No count is published, so this cannot allow for how many children stand "
            "behind the figure.")


@dataclass(frozen=True)
class FunnelLimits:
    """The limits around ``target`` for a unit with ``denominator`` cases (a proportion's
    denominator, or a rate's population), all in the figure's units (percent, per
    10,000)."""

    target: float
    denominator: float
    lower_95: float
    upper_95: float
    lower_998: float
    upper_998: float


@dataclass(frozen=True)
class FunnelVerdict:
    """Where a figure lies against its limits, and the sentence saying so with the
    numbers. ``position`` and ``limits`` are None when no count is published."""

    position: str | None
    sentence: str
    limits: FunnelLimits | None = None


def _interpolated(r: float, below: float, at: float, p: float) -> float:
    """Spiegelhalter's continuous quantile: the discrete one ``r`` (F(r) >= p > F(r-1))
    less the share of its step F(r) - F(r-1) that lies above p, so limits change
    smoothly with the denominator instead of in jumps of one case."""
    alpha = (at - p) / (at - below)
    return r - alpha


def _degenerate(target: float, denominator: float) -> FunnelLimits:
    """Limits at a target of 0 (or 100%): no unit can differ from it by chance."""
    return FunnelLimits(target, denominator, target, target, target, target)


def _check_denominator(denominator: float) -> None:
    """A unit with no cases has no limits; a caller must say "no count" instead."""
    if not denominator > 0:
        raise ValueError(f"a funnel limit needs a denominator above 0, not {denominator!r}")


def proportion_limits(target: float, denominator: float, scale: float = 100.0) -> FunnelLimits:
    """Exact binomial limits around ``target`` (in units of ``scale``: 22.4 for 22.4%) for
    a unit with ``denominator`` cases, clipped to [0, scale]: a percentage of n children
    varies by chance as a binomial count of n would (Spiegelhalter 2005, appendix).

    The interpolation treats the count as continuous: when almost nothing is expected
    (0.5% of 5) the upper 95% limit is clipped to 0, below the target, and one case is
    beyond even the 99.8% limit. Such units are better read from their counts. An upper
    quantile of every case is the whole scale: nothing can lie above n of n."""
    _check_denominator(denominator)
    if not 0 <= target <= scale:
        raise ValueError(f"a proportion's target must lie in [0, {scale}], not {target!r}")
    n = round(denominator)
    if n < 1:
        raise ValueError(f"a proportion needs at least one case, not {denominator!r}")
    theta = target / scale
    if theta in (0.0, 1.0):
        return _degenerate(target, denominator)
    p = (*P_95, *P_998)
    r = binom.ppf(p, n, theta)
    at, below = binom.cdf(r, n, theta), binom.cdf(r - 1, n, theta)
    limits = [min(max(float(_interpolated(*step)) / n * scale, 0.0), scale)
              for step in zip(r, below, at, p, strict=True)]
    # where the quantile is every case, nothing can lie above it: interpolating would put
    # n of n outside limits that chance alone reaches (7 of 7 at 64%: 4.4%)
    limits = [scale if upper and quantile >= n else limit
              for limit, quantile, upper in zip(limits, r, (False, True, False, True),
                                                strict=True)]
    return FunnelLimits(target, denominator, *limits)


def rate_limits(target: float, denominator: float, scale: float = 10000.0) -> FunnelLimits:
    """Poisson limits around a rate ``target`` per ``scale`` for a population of
    ``denominator``: the count behind a rate of rare events (children in care among all
    children) varies by chance as a Poisson count with the expected number
    target * denominator / scale (Spiegelhalter 2005, appendix). Clipped below at 0."""
    _check_denominator(denominator)
    if target < 0:
        raise ValueError(f"a rate's target cannot be below 0, not {target!r}")
    expected = target * denominator / scale
    if expected == 0:
        return _degenerate(target, denominator)
    p = (*P_95, *P_998)
    r = poisson.ppf(p, expected)
    at, below = poisson.cdf(r, expected), poisson.cdf(r - 1, expected)
    limits = [max(float(_interpolated(*step)) / denominator * scale, 0.0)
              for step in zip(r, below, at, p, strict=True)]
    return FunnelLimits(target, denominator, *limits)


@lru_cache(maxsize=8192)
def limits_for(target: float, denominator: float, scale: float, kind: str) -> FunnelLimits:
    """The limits of a ``kind`` ("proportion" or "rate") of figure, so callers holding an
    indicator's unit need not choose the function themselves. Kept once worked out: the
    same SEF's claims are checked on every save and every reading, each taking scipy's
    exact quantiles about 0.15 ms."""
    if kind == PROPORTION:
        return proportion_limits(target, denominator, scale)
    if kind == RATE:
        return rate_limits(target, denominator, scale)
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def funnel_position(value: float, limits: FunnelLimits) -> str:
    """Where ``value`` lies: only strictly beyond a limit counts as outside it, so a figure
    exactly on a limit (as at a target of 0) is not flagged."""
    if value > limits.upper_998:
        return ABOVE_998
    if value > limits.upper_95:
        return ABOVE_95
    if value < limits.lower_998:
        return BELOW_998
    if value < limits.lower_95:
        return BELOW_95
    return WITHIN


def _figure(value: float, scale: float, kind: str) -> str:
    """A figure as the dashboard shows it: 26.8%, or 71.0 per 10,000."""
    if kind == PROPORTION and scale == 100:
        return f"{value:.1f}%"
    return f"{value:,.1f} per {scale:,.0f}"


def _range(lower: float, upper: float) -> str:
    return f"({lower:,.1f} to {upper:,.1f})"


def compare_with_limits(value: float, numerator: float | None, denominator: float | None,
                        target: float, scale: float, kind: str, *,
                        comparator: str = "England", of_what: str = "children",
                        ) -> FunnelVerdict:
    """Where ``value`` lies against the limits around ``target`` for its ``denominator``,
    and a plain sentence giving the rule and the numbers, so a reader can check it:
    "26.8% (103 of 385) is above the 95% limits around England's 22.4% for 385 referrals
    (18.2 to 26.5) but within the 99.8% limits (15.9 to 29.0)." Without a denominator
    there is nothing to allow for, and the sentence says so."""
    if denominator is None or not denominator > 0:
        return FunnelVerdict(None, NO_COUNT)
    limits = limits_for(target, denominator, scale, kind)
    position = funnel_position(value, limits)
    count = (f"{numerator:,.0f} of {denominator:,.0f}" if numerator is not None
             else f"of {denominator:,.0f}")
    around = (f"around {comparator}'s {_figure(target, scale, kind)} for "
              f"{denominator:,.0f} {of_what}")
    at_95 = _range(limits.lower_95, limits.upper_95)
    at_998 = _range(limits.lower_998, limits.upper_998)
    side = "above" if position in (ABOVE_95, ABOVE_998) else "below"
    if position == WITHIN:
        verdict = f"is within the 95% limits {around} {at_95}"
    elif position in (ABOVE_95, BELOW_95):
        verdict = (f"is {side} the 95% limits {around} {at_95} but within the 99.8% "
                   f"limits {at_998}")
    else:
        verdict = f"is {side} the 99.8% limits {around} {at_998}"
    sentence = f"{_figure(value, scale, kind)} ({count}) {verdict}."
    return FunnelVerdict(position, sentence, limits)


def curve_denominators(max_denominator: float, points: int = 60) -> list[int]:
    """Denominators from 1 up to ``max_denominator``, evenly spaced on a log scale (whole
    numbers, each once), so the limits, which change fastest for small units, are drawn
    as smooth curves."""
    if points < 2:
        raise ValueError(f"a curve needs at least 2 points, not {points!r}")
    top = round(max_denominator)
    if top < 1:
        raise ValueError(f"a curve needs a largest denominator of 1 or more, "
                         f"not {max_denominator!r}")
    step = math.log(top) / (points - 1)
    return sorted({round(math.exp(step * i)) for i in range(points)} | {top})


def funnel_curve(target: float, kind: str, scale: float,
                 denominators: list[float], tau2: float = 0.0) -> list[FunnelLimits]:
    """The limits at each of ``denominators`` (from ``curve_denominators``), for drawing
    the funnel's four lines around ``target`` (widened by ``tau2`` where LAs are
    over-dispersed)."""
    return [overdispersed_limits(target, denominator, scale, kind, tau2)
            for denominator in denominators]


#: Each end's share of z-scores pulled in before over-dispersion is estimated
#: (Spiegelhalter 2005, section 5: 10% winsorising), so a few outliers do not widen
#: every limit.
WINSOR_SHARE = 0.10


def stabilised(value: float, scale: float, kind: str) -> float:
    """A figure on the scale where its chance variance is 1/(4n) whatever its level:
    arcsine square root for a proportion, square root for a rate (Spiegelhalter 2005)."""
    share = max(value / scale, 0.0)
    if kind == PROPORTION:
        return math.asin(math.sqrt(min(share, 1.0)))
    if kind == RATE:
        return math.sqrt(share)
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def _unstabilised(x: float, scale: float, kind: str) -> float:
    if kind == PROPORTION:
        return math.sin(min(max(x, 0.0), math.pi / 2)) ** 2 * scale
    return max(x, 0.0) ** 2 * scale


def chance_variance(denominator: float) -> float:
    """A stabilised figure's variance from chance alone for a unit of ``denominator``."""
    return 1 / (4 * denominator)


def dispersion(figures: list[tuple[float, float, float]], scale: float,
               kind: str) -> tuple[float, float]:
    """How LAs' figures spread around their targets beyond (or within) chance: the mean
    square of their winsorised z-scores (phi) and the additive between-LA variance (tau
    squared).

    ``figures`` are (value, target, chance variance on the stabilised scale) for every LA
    with a count (``chance_variance(n)`` against a fixed target; the sum of two years'
    for a change). Each LA's z-score is winsorised (10% each end); if I * phi exceeds
    I - 1, tau squared is the DerSimonian-Laird moment estimate
    (I * phi - (I - 1)) / (sum w - sum w^2 / sum w), w = 1 / variance; else 0
    (Spiegelhalter 2005). Fewer than ten LAs: (1, 0), no estimate.
    """
    usable = [(v, t, var) for v, t, var in figures if var and var > 0]
    if len(usable) < 10:
        return 1.0, 0.0
    z = sorted((stabilised(v, scale, kind) - stabilised(t, scale, kind)) / math.sqrt(var)
               for v, t, var in usable)
    cut = int(len(z) * WINSOR_SHARE)
    low, high = z[cut], z[len(z) - 1 - cut]
    phi = sum(min(max(score, low), high) ** 2 for score in z) / len(z)
    count = len(usable)
    if count * phi <= count - 1:
        return phi, 0.0
    weights = [1 / var for _, _, var in usable]
    total = sum(weights)
    return phi, (count * phi - (count - 1)) / (total - sum(w * w for w in weights) / total)


def between_la_variance(figures: list[tuple[float, float, float]], scale: float,
                        kind: str) -> float:
    """The additive over-dispersion (tau squared) of ``dispersion``."""
    return dispersion(figures, scale, kind)[1]


def shifted(value: float, shift: float, scale: float, kind: str) -> float:
    """``value`` moved by ``shift`` on the stabilised scale (England's change from last
    year), back in the figure's units: what an LA's figure would be had it moved as
    England's did."""
    return _unstabilised(stabilised(value, scale, kind) + shift, scale, kind)


def change_limits(before: float, denominator_before: float, denominator_now: float,
                  scale: float, kind: str, tau2: float = 0.0, shift: float = 0.0,
                  phi: float = 1.0) -> FunnelLimits:
    """Limits for this year's figure around last year's moved as England's moved
    (``shift``, on the stabilised scale): both years carry chance, so the change has
    variance 1/(4 n_before) + 1/(4 n_now), plus the LAs' over-dispersion of changes
    ``tau2`` (Spiegelhalter 2005, section 5). Where LAs' changes vary less than two
    independent years would (``phi`` below 1: the same children counted both years, as
    in a count at 31 March), that variance is scaled down by ``phi`` (his
    multiplicative model)."""
    _check_denominator(denominator_before)
    _check_denominator(denominator_now)
    variance = chance_variance(denominator_before) + chance_variance(denominator_now)
    if tau2 <= 0 and 0 < phi < 1:
        variance *= phi
    return _normal_limits(shifted(before, shift, scale, kind), denominator_now, scale, kind,
                          variance + max(tau2, 0.0))


#: The normal quantiles of the two levels (1.96 and 3.09), worked out once.
Z_95, Z_998 = float(norm.ppf(P_95[1])), float(norm.ppf(P_998[1]))


def _normal_limits(target: float, denominator: float, scale: float, kind: str,
                   variance: float) -> FunnelLimits:
    centre = stabilised(target, scale, kind)
    spread = math.sqrt(variance)
    edges = [_unstabilised(centre + sign * z * spread, scale, kind)
             for z in (Z_95, Z_998) for sign in (-1, 1)]
    return FunnelLimits(target, denominator, *edges)


def overdispersed_limits(target: float, denominator: float, scale: float, kind: str,
                         tau2: float) -> FunnelLimits:
    """Limits around ``target`` widened by the between-LA variance ``tau2``: on the
    stabilised scale, target +/- z * sqrt(1/(4n) + tau2), then back to the figure's units
    (Spiegelhalter 2005, section 5), and never inside the exact limits. With ``tau2`` 0
    these are the exact limits."""
    exact = limits_for(target, denominator, scale, kind)
    if tau2 <= 0:
        return exact
    wide = _normal_limits(target, denominator, scale, kind, chance_variance(denominator) + tau2)
    # over-dispersion only ever widens: near 0 or 100% of a few children the normal
    # approximation is narrower than the exact limits, and must not flag what chance gives
    return FunnelLimits(target, denominator, min(exact.lower_95, wide.lower_95),
                        max(exact.upper_95, wide.upper_95),
                        min(exact.lower_998, wide.lower_998),
                        max(exact.upper_998, wide.upper_998))
