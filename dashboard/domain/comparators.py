"""Setting an LA's figure beside its statistical neighbours, its region and England.

DESIGN.md section 3: every indicator is shown beside the neighbours' average, the
region and England, and flagged when it is far from its neighbours by a stated rule.
Published regional figures are for the nine English regions, not Ofsted's eight, so
the region figure here is the plain average of the published figures of the LAs in
the Ofsted region, as is the neighbours' figure (DfE's LAIT averages neighbours the
same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt
from statistics import fmean, quantiles

#: The outlier rule needs at least this many neighbours with a published figure.
OUTLIER_MIN_NEIGHBOURS = 5
#: ... and flags a value more than this many standard deviations from their average.
OUTLIER_STANDARD_DEVIATIONS = 2.0

OUTLIER_RULE = (
    f"A figure is flagged as an outlier when it is more than {OUTLIER_STANDARD_DEVIATIONS:g} "
    "standard deviations above or below the average of the LA's statistical neighbours' "
    f"latest published figures, and at least {OUTLIER_MIN_NEIGHBOURS} of the ten neighbours "
    "have a published figure."
)


@dataclass(frozen=True)
class Average:
    value: float | None
    count: int


def plain_average(values: list[float | None]) -> Average:
    """The average of the figures that exist, and how many there were."""
    present = [v for v in values if v is not None]
    return Average(fmean(present) if present else None, len(present))


def neighbour_outlier(value: float | None, neighbour_values: list[float | None]) -> str | None:
    """"above" or "below" when ``value`` is an outlier against its neighbours (see OUTLIER_RULE).

    None when it is not, or when there are too few neighbour figures to say. When every
    neighbour has the same figure any different value is an outlier.
    """
    present = [v for v in neighbour_values if v is not None]
    if value is None or len(present) < OUTLIER_MIN_NEIGHBOURS:
        return None
    # plain float arithmetic: statistics.pstdev works in exact fractions, which is many
    # times slower and gives the same answer to far more places than any figure has
    centre = fmean(present)
    spread = sqrt(sum((v - centre) ** 2 for v in present) / len(present))
    distance = value - centre
    if abs(distance) <= OUTLIER_STANDARD_DEVIATIONS * spread:
        return None
    if spread == 0 and distance == 0:
        return None
    return "above" if distance > 0 else "below"


def outlier_sense(direction: str | None, better: str | None) -> str | None:
    """Whether an outlier is good news: "better", "worse", "context" (no better way), or
    None when the figure is not an outlier."""
    if direction is None:
        return None
    if better is None:
        return "context"
    return "better" if (direction == "above") == (better == "higher") else "worse"


def outlier_text(direction: str | None, better: str | None) -> str:
    """The flag in words, saying whether far from the neighbours is good news or not."""
    sense = outlier_sense(direction, better)
    if sense is None:
        return ""
    words = f"Outlier: well {direction} statistical neighbours"
    return words if sense == "context" else f"{words} ({sense})"


@dataclass(frozen=True)
class OutlierFlags:
    """How many of an LA's indicators are outliers against its neighbours, by sense."""

    better: int = 0
    worse: int = 0
    context: int = 0

    @property
    def total(self) -> int:
        return self.better + self.worse + self.context

    @property
    def text(self) -> str:
        if not self.total:
            return "None"
        parts = [f"{n} {label}" for n, label in ((self.worse, "worse"), (self.better, "better"),
                                                 (self.context, "context")) if n]
        return f"{self.total} ({', '.join(parts)})"


def count_outliers(flags: list[tuple[str | None, str | None]]) -> OutlierFlags:
    """Outliers among (direction, better) pairs, one per indicator (see OUTLIER_RULE)."""
    senses = [outlier_sense(direction, better) for direction, better in flags]
    return OutlierFlags(senses.count("better"), senses.count("worse"), senses.count("context"))


#: A quartile band needs at least this many LA figures to be meaningful.
QUARTILE_MIN_LAS = 20

QUARTILE_RULE = (
    "Quartile bands place the figure among all English LAs' latest published figures, "
    "as DfE's LAIT does: A is the best quarter, D the worst, taking account of which way "
    "is better. Context measures with no better direction have no band."
)

BAND_WORDS = {
    "A": "A (best quarter of LAs)",
    "B": "B (second quarter)",
    "C": "C (third quarter)",
    "D": "D (worst quarter of LAs)",
}


def quartile_band(value: float | None, la_values: list[float], better: str | None) -> str | None:
    """The LAIT-style quartile band A-D of ``value`` among LA figures (see QUARTILE_RULE).

    A figure on a quartile boundary takes the better band.
    """
    if value is None or better is None or len(la_values) < QUARTILE_MIN_LAS:
        return None
    lower, middle, upper = quantiles(la_values, n=4, method="inclusive")
    if better == "higher":
        bands = ((upper, "A"), (middle, "B"), (lower, "C"))
        return next((band for edge, band in bands if value >= edge), "D")
    bands = ((lower, "A"), (middle, "B"), (upper, "C"))
    return next((band for edge, band in bands if value <= edge), "D")
