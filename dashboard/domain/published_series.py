"""Published series compared as DfE's LAIT does, and flags that name their rule.

LAIS brings everything known about an LA into one record (ILACS framework para 5): its
published figures are set beside the average of its statistical neighbours (with how many
neighbours the average is built from), its Ofsted region and England, over the years, with
a national rank and a quartile band that respect which way is better. Flags say which rule
raised them and with what threshold; every parameter is in ``FlagSettings``.

Where DfE publishes the counts behind a figure, "beyond England" and "large change" use
funnel limits for a figure of that size (``dashboard.domain.funnel``), so a small LA needs
a larger gap than a large one; where it publishes none, a flag says it cannot allow for
size. Suppressed figures ("c": 1 to 5 children) are counted, never ranked as a figure.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from statistics import fmean, median, quantiles

from dashboard.domain.funnel import (
    PROPORTION,
    RATE,
    FunnelLimits,
    chance_variance,
    change_limits,
    dispersion,
    funnel_position,
    overdispersed_limits,
    shifted,
    stabilised,
)

HIGHER_BETTER = "higher_better"
LOWER_BETTER = "lower_better"
NO_DIRECTION = "none"
_BETTER = {HIGHER_BETTER: "higher", LOWER_BETTER: "lower"}


@dataclass(frozen=True)
class FlagSettings:
    """Every parameter of the comparison and flag rules, in one place."""

    #: Ranks and bands need at least this many LAs with a figure that year.
    min_las_for_rank: int = 20
    #: The neighbours' range needs at least this many neighbours with a figure.
    min_neighbours_for_range: int = 5
    #: A change is flagged when larger than this many times the typical change.
    change_multiple: float = 2.0
    #: The typical change needs at least this many LAs with both years.
    min_las_for_typical_change: int = 20
    #: No rank or band where more than this share of LAs with a return is suppressed:
    #: the suppressed figures (1 to 5 children) sit somewhere among the others.
    max_suppressed_share: float = 1 / 3


SETTINGS = FlagSettings()


@dataclass(frozen=True)
class Average:
    """A mean and how many figures it is built from (out of how many possible)."""

    value: float | None
    count: int
    of: int


@dataclass(frozen=True)
class Rank:
    """National rank, 1 = best; ``tied`` = how many other LAs share the figure;
    ``suppressed`` = how many LAs' figures are suppressed and so not ranked."""

    position: int
    out_of: int
    tied: int
    suppressed: int = 0
    unpublished: int = 0

    @property
    def text(self) -> str:
        tie = f" (tied with {self.tied} other{'s' if self.tied != 1 else ''})" if self.tied else ""
        return (f"{self.position} of {self.out_of}"
                f"{scope_text(self.suppressed, self.unpublished)}{tie}")


def missing_text(suppressed: int, unpublished: int = 0) -> str:
    """How many LAs' figures are not given, and why: "59 suppressed, 2 not published"."""
    parts = [f"{suppressed} suppressed"] * bool(suppressed) + [
        f"{unpublished} not published"] * bool(unpublished)
    return ", ".join(parts)


def scope_text(suppressed: int, unpublished: int = 0) -> str:
    """What "of N" counts when some LAs' figures are suppressed or not published."""
    missing = missing_text(suppressed, unpublished)
    return f" with a figure; {missing}" if missing else ""


#: DfE's marks for a figure that is not given (its statistics' symbols). "c" and "low"
#: hide a small count (1 to 5 children); the others say there is no figure to hide.
SUPPRESSED_MARKS = {"c": "1 to 5 (suppressed)", "low": "low number (suppressed)"}
OTHER_MARKS = {"x": "not available", "z": "not applicable", "u": "low reliability",
               ":": "not available", "-": "not published (no DfE mark)",
               "..": "not available"}
#: "z" (not applicable) is the only mark that says there is nothing to count.
NOT_APPLICABLE = "z"


def mark_text(mark: str | None) -> str:
    """A DfE mark in words: "c" -> "1 to 5 (suppressed)"; an unknown mark is quoted."""
    mark = (mark or "").strip()
    return SUPPRESSED_MARKS.get(mark.lower()) or OTHER_MARKS.get(mark.lower()) or (
        f"not published (DfE mark \"{mark}\")" if mark else "no figure")


def is_suppressed(mark: str | None) -> bool:
    return (mark or "").strip().lower() in SUPPRESSED_MARKS


def is_unpublished(mark: str | None) -> bool:
    """A figure that exists but is not given for another reason than suppression (LAIT's
    "-", DfE's "x", "u"): it sits somewhere among the others just as a suppressed one."""
    mark = (mark or "").strip().lower()
    return bool(mark) and mark not in SUPPRESSED_MARKS and mark != NOT_APPLICABLE


#: Each rule's short name, for tables and counts.
RULE_LABELS = {
    "worst_quartile": "Worst quarter",
    "beyond_england": "Beyond England",
    "beyond_neighbours": "Beyond neighbours",
    "large_change": "Large change",
}

WORSE, BETTER, CONTEXT = "worse", "better", "context"

QUARTILE_RULE = (
    "Quartile bands place the figure among all English LAs' figures for the same year, as "
    "DfE's LAIT does: A is the best quarter, D the worst, taking account of which way is "
    "better; the quartiles are R's default (type 7) and a figure exactly on a quartile "
    "takes the band below it in value (LAIT's rule: the worse band where higher is "
    "better, the better band where lower is better). The national rank is 1 for the "
    "best; LAs with the same figure share a rank. Both count only LAs with a figure (a "
    "joint return once) and say how many are suppressed (1 to 5 children) or not "
    "published; where more than a third of LAs have no figure there is neither, since the "
    "missing figures sit somewhere among the others. Measures with no better direction "
    "have neither."
)

BAND_WORDS = {
    "A": "A (best quarter of LAs)",
    "B": "B (second quarter)",
    "C": "C (third quarter)",
    "D": "D (worst quarter of LAs)",
}


@dataclass(frozen=True)
class Flag:
    """One raised flag: the rule's id, what it found in words naming the threshold, and
    whether it is bad news (``worse``), good news (``better``) or neither (``context``,
    for measures with no better direction)."""

    rule: str
    text: str
    sense: str = WORSE

    @property
    def label(self) -> str:
        return f"{RULE_LABELS[self.rule]} ({self.sense})"


def direction_sense(upwards: bool, polarity: str) -> str:
    """Whether a figure above (``upwards``) or below something is good news for a measure."""
    if polarity not in _BETTER:
        return CONTEXT
    return BETTER if upwards == (polarity == HIGHER_BETTER) else WORSE


def neighbour_average(neighbour_values: list[float | None]) -> Average:
    """Mean of the neighbours that have a figure, saying how many of them do (as LAIT)."""
    present = [v for v in neighbour_values if v is not None]
    return Average(fmean(present) if present else None, len(present), len(neighbour_values))


def national_rank(value: float | None, la_values: list[float], polarity: str,
                  settings: FlagSettings = SETTINGS, suppressed: int = 0,
                  unpublished: int = 0) -> Rank | None:
    """Competition rank among all LAs' figures (ties share the better place: 1, 2, 2, 4).

    None when the measure has no better direction, too few LAs have a figure or too many
    are suppressed. ``la_values`` includes the LA's own figure.
    """
    if (value is None or polarity not in _BETTER
            or not rankable(len(la_values), suppressed + unpublished, settings)):
        return None
    if polarity == HIGHER_BETTER:
        better = sum(1 for v in la_values if v > value)
    else:
        better = sum(1 for v in la_values if v < value)
    tied = sum(1 for v in la_values if v == value) - 1
    return Rank(better + 1, len(la_values), max(tied, 0), suppressed, unpublished)


def rankable(with_figure: int, suppressed: int, settings: FlagSettings = SETTINGS) -> bool:
    """Enough LAs have a figure, and no more than a third of those with a return are
    without one (``suppressed``: suppressed or not published; above that, the missing
    figures would move every band edge)."""
    if with_figure < settings.min_las_for_rank:
        return False
    return suppressed <= settings.max_suppressed_share * (with_figure + suppressed)


def band_of(value: float, quartiles: tuple[float, float, float], polarity: str) -> str | None:
    """LAIT's quartile band (its ``calculate_quartile_band``): A is the best quarter.

    A figure exactly on a quartile takes the band below it in value, whichever way is
    better: at the lower quartile it is D where higher is better and A where lower is.
    """
    if polarity not in _BETTER:
        return None
    lower, middle, upper = quartiles
    position = next((i for i, edge in enumerate((lower, middle, upper)) if value <= edge), 3)
    letters = "ABCD" if polarity == LOWER_BETTER else "DCBA"
    return letters[position]


def band(value: float | None, la_values: list[float], polarity: str,
         settings: FlagSettings = SETTINGS, suppressed: int = 0,
         unpublished: int = 0) -> str | None:
    """Quartile band A (best quarter) to D as LAIT; none for measures with no better
    direction, too few LAs with a figure or too many suppressed."""
    if (value is None or polarity not in _BETTER
            or not rankable(len(la_values), suppressed + unpublished, settings)):
        return None
    return band_of(value, tuple(quantiles(la_values, n=4, method="inclusive")), polarity)


def typical_change(pairs: list[tuple[float, float]],
                   settings: FlagSettings = SETTINGS) -> float | None:
    """The measure's typical year-on-year change: the median absolute change across LAs.

    ``pairs`` are (last year, this year) figures of every LA with both; None when too few.
    """
    if len(pairs) < settings.min_las_for_typical_change:
        return None
    return median(abs(now - before) for before, now in pairs)


#: A funnel position in a few words, for a table cell.
POSITION_SHORT = {
    "above_998": "Above England's 99.8% limits for its size",
    "above_95": "Above England's 95% limits for its size (within 99.8%)",
    "within": "Within England's 95% limits for its size",
    "below_95": "Below England's 95% limits for its size (within 99.8%)",
    "below_998": "Below England's 99.8% limits for its size",
}

#: A funnel position in words (``dashboard.domain.funnel.funnel_position``).
POSITION_WORDS = {
    "above_998": "above the 99.8% limits",
    "above_95": "above the 95% limits but within the 99.8% limits",
    "within": "within the 95% limits",
    "below_95": "below the 95% limits but within the 99.8% limits",
    "below_998": "below the 99.8% limits",
}
NO_COUNT = ("No count is published for this figure, so this cannot allow for how many "
            "children stand behind it.")


def funnel_kind(scale: float | None) -> str | None:
    """A percentage (scale 100) varies as a binomial count, a rate per 10,000 as a
    Poisson one; other figures (caseloads, scores) have no funnel."""
    return {100: PROPORTION, 10000: RATE}.get(scale) if scale else None


def limits_for(target: float | None, denominator: float | None, scale: float | None,
               tau2: float = 0.0) -> FunnelLimits | None:
    """Funnel limits around ``target`` for a figure built on ``denominator``, widened by
    the LAs' over-dispersion ``tau2``; None without a count or a funnel kind."""
    kind = funnel_kind(scale)
    if target is None or kind is None or denominator is None or denominator <= 0:
        return None
    if kind == PROPORTION and (not 0 <= target <= scale or round(denominator) < 1):
        return None
    return overdispersed_limits(target, denominator, scale, kind, tau2)


def exact_value(figure: AreaFigure, scale: float | None) -> float | None:
    """The figure from its counts where DfE publishes both (its published value is
    rounded, and rounding can move a figure across a limit); else the published value."""
    if (scale and figure.numerator is not None and figure.denominator
            and funnel_kind(scale) is not None):
        return figure.numerator / figure.denominator * scale
    return figure.value


def _n(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"


def _counts(figure: AreaFigure) -> str:
    if figure.numerator is not None and figure.denominator is not None:
        return f" ({_n(figure.numerator)} of {_n(figure.denominator)})"
    return f" (of {_n(figure.denominator)})" if figure.denominator is not None else ""


def _limits_text(what: str, target: float, limits: FunnelLimits, tau2: float) -> str:
    return (f"{what} {target:g} for a figure of this size{_spread(tau2)}: 95% limits "
            f"{limits.lower_95:.1f} to {limits.upper_95:.1f}, 99.8% limits "
            f"{limits.lower_998:.1f} to {limits.upper_998:.1f}")


def england_check(figure: AreaFigure | None, england: float | None,
                  scale: float | None, tau2: float = 0.0) -> tuple[str | None, str]:
    """Where the LA's figure sits in England's funnel for its size, and the working.

    Funnel limits (Spiegelhalter 2005) around England's figure for the LA's published
    denominator, widened by the LAs' over-dispersion ``tau2``; the position is the
    figure from its counts. ``(None, why not)`` where there is no count or no England
    figure; ``(None, "")`` where the figure is not a share or rate of children.
    """
    if (figure is None or figure.value is None or england is None
            or funnel_kind(scale) is None):
        return None, ""
    limits = limits_for(england, figure.denominator, scale, tau2)
    if limits is None:
        return None, NO_COUNT
    position = funnel_position(exact_value(figure, scale), limits)  # type: ignore[arg-type]
    return position, (f"{figure.value:g}{_counts(figure)} is {POSITION_WORDS[position]} "
                      f"around {_limits_text('England', england, limits, tau2)}.")


def worst_quartile_flag(band_letter: str | None, position: str | None = None,
                        working: str = "") -> Flag | None:
    """Band D, unless the published counts put the figure within England's 95% limits
    for its size from chance alone (``position``, not widened for over-dispersion): then
    being in the worst quarter may be chance, and is not flagged. ``working`` says why
    (or that no count is published)."""
    if band_letter != "D" or position == "within":
        return None
    text = "In England's worst quarter of LAs (band D), taking account of which way is better."
    return Flag("worst_quartile", f"{text} {working}".strip())


def beyond_england_flag(position: str | None, working: str,
                        polarity: str = NO_DIRECTION) -> Flag | None:
    """Outside England's 99.8% funnel limits for a figure of the LA's size."""
    if position not in ("above_998", "below_998"):
        return None
    return Flag("beyond_england", working, direction_sense(position == "above_998", polarity))


def neighbour_range_flag(value: float | None, neighbour_values: list[float | None],
                         settings: FlagSettings = SETTINGS,
                         polarity: str = NO_DIRECTION) -> Flag | None:
    """Outside the lowest to highest of the neighbours with a figure (needs enough of them)."""
    present = [v for v in neighbour_values if v is not None]
    if value is None or len(present) < settings.min_neighbours_for_range:
        return None
    low, high = min(present), max(present)
    if low <= value <= high:
        return None
    side = "above the highest" if value > high else "below the lowest"
    return Flag("beyond_neighbours", f"{side.capitalize()} of its {len(present)} statistical "
                f"neighbours with a figure (range {low:g} to {high:g}).",
                direction_sense(value > high, polarity))


def change_flag(before: float | None, now: float | None, typical: float | None,
                settings: FlagSettings = SETTINGS, polarity: str = NO_DIRECTION) -> Flag | None:
    """Without counts: a change from last year larger than ``change_multiple`` times the
    typical change across LAs, saying it cannot allow for size."""
    if before is None or now is None or typical is None:
        return None
    limit = settings.change_multiple * typical
    change = now - before
    if abs(change) <= limit:
        return None
    return Flag("large_change", f"Changed by {change:+.1f} from last year, more than "
                f"{settings.change_multiple:g} times the typical change across LAs "
                f"(median absolute change {typical:.2f}; limit {limit:.2f}). {NO_COUNT}",
                direction_sense(change > 0, polarity))


def change_beyond_limits_flag(before: AreaFigure | None, now: AreaFigure | None,
                              scale: float | None, polarity: str = NO_DIRECTION,
                              tau2: float = 0.0, shift: float = 0.0,
                              phi: float = 1.0) -> Flag | None:
    """With counts: this year's figure outside the 99.8% limits around last year's moved
    as England's moved (``shift``), for a change between figures of these sizes (both
    years carry chance; widened by the LAs' over-dispersion of changes ``tau2``, or
    narrowed by ``phi`` below 1 where the same children are counted both years), so a
    small LA needs a larger change and a change all England made is not the LA's."""
    kind = funnel_kind(scale)
    if (kind is None or before is None or before.value is None or now is None
            or now.value is None or not (now.denominator or 0) >= 1):
        return None
    start = exact_value(before, scale)
    if kind == PROPORTION and not 0 <= start <= scale:  # type: ignore[operator]
        return None
    limits = change_limits(start, before.denominator or now.denominator,  # type: ignore[arg-type]
                           now.denominator, scale, kind, tau2, shift, phi)  # type: ignore[arg-type]
    position = funnel_position(exact_value(now, scale), limits)  # type: ignore[arg-type]
    if position not in ("above_998", "below_998"):
        return None
    moved = (f"; England moved the same way would give {limits.target:.1f}"
             if abs(shift) > 1e-12 else "")
    return Flag("large_change", f"Changed from {before.value:g}{_counts(before)} last year "
                f"to {now.value:g}{_counts(now)}, {POSITION_WORDS[position]} for a change "
                f"between figures of these sizes{_spread(tau2)}{moved} ("
                f"99.8% limits {limits.lower_998:.1f} to {limits.upper_998:.1f}).",
                direction_sense(now.value > before.value, polarity))


def _spread(tau2: float) -> str:
    return (", allowing for LAs' spread beyond chance (over-dispersion)" if tau2 > 0
            else "")


def flags_for(value: float | None, band_letter: str | None,
              neighbour_values: list[float | None], before: float | None,
              typical: float | None, settings: FlagSettings = SETTINGS,
              polarity: str = NO_DIRECTION, own: AreaFigure | None = None,
              england: float | None = None, scale: float | None = None,
              tau2: float = 0.0, tau2_change: float = 0.0,
              before_figure: AreaFigure | None = None, england_shift: float = 0.0,
              phi_change: float = 1.0) -> list[Flag]:
    """Every flag the rules raise for one LA's latest figure of one measure.

    ``own`` (and ``before_figure``, last year's) carries the published counts; with them
    (and a ``scale``) the England and change rules use funnel limits, without them the
    change rule says it cannot allow for size and no England flag is raised.
    """
    own = own if own is not None else (AreaFigure(value) if value is not None else None)
    if before_figure is None and before is not None:
        before_figure = AreaFigure(before)
    position, working = england_check(own, england, scale, tau2)
    chance_position, chance_working = england_check(own, england, scale, 0.0)
    counted = (before is not None and funnel_kind(scale) is not None and own is not None
               and (own.denominator or 0) >= 1)
    found = (
        worst_quartile_flag(band_letter, chance_position, chance_working),
        beyond_england_flag(position, working, polarity),
        neighbour_range_flag(value, neighbour_values, settings, polarity),
        (change_beyond_limits_flag(before_figure, own, scale, polarity, tau2_change,
                                   england_shift, phi_change)
         if counted else change_flag(before, value, typical, settings, polarity)),
    )
    return [f for f in found if f is not None]


def rule_texts(settings: FlagSettings = SETTINGS) -> dict[str, str]:
    """Each rule with its threshold, for the page's key."""
    return {
        "worst_quartile": "Worst national quartile: the LA's latest figure is in band D among "
        f"all LAs with a figure (at least {settings.min_las_for_rank}, no more than a third "
        "without a figure); measures with no better direction are never flagged. Where DfE "
        "publishes the counts, a band D figure within England's 95% funnel limits for its "
        "size from chance alone is not flagged: it may be chance.",
        "beyond_england": "Beyond England: where DfE publishes the counts, the figure is "
        "outside the 99.8% funnel limits around England's figure for a figure built on "
        "that many children (Spiegelhalter 2005; exact binomial limits for a percentage, "
        "Poisson for a rate per 10,000), so a small LA needs a larger gap. Where LAs differ "
        "by more than chance (over-dispersion, estimated each year from all LAs' counts "
        "with 10% winsorised z-scores), the limits widen by that spread, so the flag means "
        "unusual among English LAs for its size. Where no count is published this rule "
        "cannot allow for size and is not applied.",
        "beyond_neighbours": "Beyond the neighbours' range: the figure is below the lowest or "
        "above the highest of its statistical neighbours with a figure that year (at least "
        f"{settings.min_neighbours_for_range} of 10).",
        "large_change": "Large change: where DfE publishes the counts, this year's figure is "
        "outside the 99.8% limits around last year's figure moved as England's moved, for a "
        "change between figures of these sizes (both years carry chance), widened by LAs' "
        "spread of changes beyond chance or, where changes vary less than two independent "
        "years would (the same children counted both years), narrowed to their observed "
        "spread (Spiegelhalter 2005). "
        "Where it does not, the change from the previous year is more than "
        f"{settings.change_multiple:g} times the measure's typical year-on-year change, the "
        "median absolute change across all LAs with both years (at least "
        f"{settings.min_las_for_typical_change}), and the flag says it cannot allow for size.",
    }


@dataclass(frozen=True)
class Comparison:
    """One measure for one LA, in its latest year with a figure anywhere."""

    measure_id: str
    year: int
    value: float | None
    neighbours: Average
    region: float | None
    #: False when the region figure is worked out here (not published); then
    #: ``region_count`` says from how many LAs and ``region_basis`` how ("counts": summed
    #: from the published counts of its two regions; "mean": a plain average of its LAs)
    region_published: bool
    region_count: int | None
    england: float | None
    rank: Rank | None
    band: str | None
    trend: tuple[tuple[int, float], ...]
    flags: tuple[Flag, ...]
    region_basis: str | None = None
    #: DfE's mark where the LA's own figure is not given ("c": 1 to 5, suppressed)
    mark: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    #: the other LA of a joint return: the figure is theirs together
    joint_with: str | None = None
    #: where the figure sits in England's funnel for its size, in words with the numbers,
    #: and the position alone ("within", "above_998", ...; None without a count)
    england_check: str = ""
    england_position: str | None = None
    #: how many LAs have a figure and how many are suppressed that year
    las_with_figure: int = 0
    las_suppressed: int = 0
    las_unpublished: int = 0
    #: why there is no rank or band, when there is none for a measure with a direction
    no_band_reason: str = ""


@dataclass(frozen=True)
class AreaFigure:
    value: float | None
    published: bool = True
    count: int | None = None
    numerator: float | None = None
    denominator: float | None = None
    mark: str | None = None
    basis: str | None = None
    joint_with: str | None = None


@dataclass(frozen=True)
class MeasureYear:
    """What one measure's latest year is for every LA alike, worked out once: each area's
    figure that year and the year before, the LAs' figures in order, the quartile edges
    and the typical year-on-year change."""

    year: int
    figures: dict[str, AreaFigure]
    previous: dict[str, float]
    #: every LA's figure that year, smallest first (a joint return once)
    la_values: tuple[float, ...]
    #: the lower, middle and upper quartile of ``la_values``; None when too few LAs or
    #: too many without a figure
    quartiles: tuple[float, float, float] | None
    typical: float | None
    #: LAs whose figure that year is suppressed (1 to 5 children), and LAs whose figure
    #: is not published for another reason (LAIT's "-", DfE's "x", "u")
    suppressed: int = 0
    unpublished: int = 0
    #: the LAs' over-dispersion around England's figure, and of their changes from last
    #: year, on the funnel's stabilised scale (0: chance alone explains the spread);
    #: ``phi_change`` below 1 where changes vary less than two independent years would
    tau2: float = 0.0
    tau2_change: float = 0.0
    phi_change: float = 1.0
    #: England's change from last year on the stabilised scale
    england_shift: float = 0.0
    #: each area's figure the year before, with its counts
    previous_figures: dict[str, AreaFigure] | None = None


def counted_once(figures: dict[str, AreaFigure], codes: set[str]) -> dict[str, AreaFigure]:
    """The LAs' figures with a joint return counted once (under the lower LA code): two
    LAs sharing one return are one figure among England's, not two."""
    return {code: f for code, f in figures.items() if code in codes
            and not (f.joint_with and f.joint_with in figures and f.joint_with < code)}


def measure_year(figures: dict[tuple[str, int], AreaFigure], la_codes: list[str],
                 settings: FlagSettings = SETTINGS, scale: float | None = None,
                 england_code: str = "970") -> MeasureYear | None:
    """One measure's latest year (the latest with a figure anywhere); None if none.

    ``figures`` maps (area code, year) to a figure; ``la_codes`` are all LAs (for ranks,
    bands and the typical change) and leave regions and England out of those. With a
    ``scale`` the LAs' counts give the over-dispersion the funnel limits allow for.
    """
    years = [y for (_, y), f in figures.items() if f.value is not None]
    if not years:
        return None
    year = max(years)
    now = {code: f for (code, y), f in figures.items() if y == year}
    previous_figures = {code: f for (code, y), f in figures.items()
                        if y == year - 1 and f.value is not None}
    previous = {code: f.value for code, f in previous_figures.items()}
    las = counted_once(now, set(la_codes))
    la_values = tuple(sorted(f.value for f in las.values() if f.value is not None))
    suppressed = sum(1 for f in las.values() if f.value is None and is_suppressed(f.mark))
    unpublished = sum(1 for f in las.values() if f.value is None and is_unpublished(f.mark))
    pairs = [(previous[code], f.value) for code, f in las.items()
             if code in previous and f.value is not None]
    edges = (tuple(quantiles(la_values, n=4, method="inclusive"))
             if rankable(len(la_values), suppressed + unpublished, settings) else None)
    tau2 = tau2_change = shift = 0.0
    phi_change = 1.0
    kind = funnel_kind(scale)
    england, england_before = now.get(england_code), previous_figures.get(england_code)
    if kind is not None and scale is not None:
        counted = {code: f for code, f in las.items()
                   if f.value is not None and (f.denominator or 0) >= 1}
        if england is not None and england.value is not None:
            _, tau2 = dispersion([(exact_value(f, scale), england.value,
                                   chance_variance(f.denominator))  # type: ignore[arg-type]
                                  for f in counted.values()], scale, kind)
            if england_before is not None and england_before.value is not None:
                shift = (stabilised(england.value, scale, kind)
                         - stabilised(england_before.value, scale, kind))
        phi_change, tau2_change = dispersion(
            [(exact_value(f, scale),
              shifted(exact_value(previous_figures[code], scale), shift, scale, kind),
              chance_variance(f.denominator)  # type: ignore[arg-type]
              + chance_variance(previous_figures[code].denominator or f.denominator))
             for code, f in counted.items() if code in previous_figures], scale, kind)
    return MeasureYear(year, now, previous, la_values, edges,  # type: ignore[arg-type]
                       typical_change(pairs, settings), suppressed, unpublished, tau2,
                       tau2_change, phi_change, shift, previous_figures)


def _rank_in(value: float, national: MeasureYear, polarity: str) -> Rank | None:
    if national.quartiles is None or polarity not in _BETTER:
        return None
    ordered = national.la_values
    low, high = bisect_left(ordered, value), bisect_right(ordered, value)
    better = len(ordered) - high if polarity == HIGHER_BETTER else low
    return Rank(better + 1, len(ordered), max(high - low - 1, 0), national.suppressed,
                national.unpublished)


def _no_band_reason(national: MeasureYear, polarity: str, own: AreaFigure | None = None,
                    settings: FlagSettings = SETTINGS) -> str:
    """Why a measure with a direction has no rank or band for this LA."""
    if polarity not in _BETTER:
        return ""
    if national.quartiles is not None:
        if own is not None and own.value is None and own.mark:
            return f"No rank or band: this LA's figure is {mark_text(own.mark)}."
        return ""
    with_figure = len(national.la_values)
    missing = national.suppressed + national.unpublished
    if with_figure < settings.min_las_for_rank:
        return (f"No rank or band: only {with_figure} LAs have a figure "
                f"(at least {settings.min_las_for_rank} needed).")
    return (f"No rank or band: {missing} of {with_figure + missing} LAs' figures are not "
            f"given ({missing_text(national.suppressed, national.unpublished)}), more "
            "than a third, and they sit somewhere among the others.")


def compare_in(measure_id: str, polarity: str, national: MeasureYear,
               trend: tuple[tuple[int, float], ...], la_code: str, neighbour_codes: list[str],
               region_code: str, england_code: str,
               settings: FlagSettings = SETTINGS, scale: float | None = None) -> Comparison:
    """Compare one LA on one measure, LAIT-style, in the measure's latest year.

    ``trend`` is the LA's own figures by year, oldest first; ``scale`` (100 for a
    percentage, 10,000 for a rate) lets the flags use the published counts.
    """
    def value(code: str) -> float | None:
        figure = national.figures.get(code)
        return figure.value if figure else None

    own_figure = national.figures.get(la_code)
    own = value(la_code)
    neighbour_values = [value(code) for code in neighbour_codes]
    letter = (band_of(own, national.quartiles, polarity)
              if own is not None and national.quartiles is not None else None)
    region = national.figures.get(region_code)
    england = value(england_code)
    position, working = england_check(own_figure, england, scale, national.tau2)
    return Comparison(
        measure_id=measure_id,
        year=national.year,
        value=own,
        neighbours=neighbour_average(neighbour_values),
        region=region.value if region else None,
        region_published=region.published if region else True,
        region_count=region.count if region else None,
        england=england,
        rank=_rank_in(own, national, polarity) if own is not None else None,
        band=letter,
        trend=trend,
        flags=tuple(flags_for(own, letter, neighbour_values, national.previous.get(la_code),
                              national.typical, settings, polarity, own_figure, england,
                              scale, national.tau2, national.tau2_change,
                              (national.previous_figures or {}).get(la_code),
                              national.england_shift, national.phi_change)),
        region_basis=region.basis if region else None,
        mark=own_figure.mark if own_figure else None,
        numerator=own_figure.numerator if own_figure else None,
        denominator=own_figure.denominator if own_figure else None,
        joint_with=own_figure.joint_with if own_figure else None,
        england_check=working,
        england_position=position,
        las_with_figure=len(national.la_values),
        las_suppressed=national.suppressed,
        las_unpublished=national.unpublished,
        no_band_reason=_no_band_reason(national, polarity, own_figure, settings),
    )


def compare(measure_id: str, polarity: str, figures: dict[tuple[str, int], AreaFigure],
            la_codes: list[str], la_code: str, neighbour_codes: list[str], region_code: str,
            england_code: str, settings: FlagSettings = SETTINGS,
            scale: float | None = None) -> Comparison | None:
    """``compare_in`` from one measure's figures of every area and year; None if none."""
    national = measure_year(figures, la_codes, settings, scale, england_code)
    if national is None:
        return None
    trend = tuple(sorted((y, f.value) for (code, y), f in figures.items()
                         if code == la_code and f.value is not None))
    return compare_in(measure_id, polarity, national, trend, la_code, neighbour_codes,
                      region_code, england_code, settings, scale)


def flags_sense(flags: tuple[Flag, ...] | list[Flag]) -> str | None:
    """One measure's flags in one word: "worse" if any is bad news, else "better" if any is
    good news, else "context"; None when nothing is flagged."""
    senses = {flag.sense for flag in flags}
    for sense in (WORSE, BETTER, CONTEXT):
        if sense in senses:
            return sense
    return None


def currency_notice(next_update: date | None, today: date, period: str) -> str | None:
    """Past the date DfE gave for its next release (LAIT's dictionary, "Next Update"),
    the figures say they may be out of date, naming the period they are for."""
    if next_update is None or today <= next_update:
        return None
    return (f"A newer DfE release is due ({next_update:%B %Y}); these figures are for the "
            f"{period}.")


#: The indicators page's themes, and which published measures sit in each (by id prefix,
#: first match wins), so the page, the regional overview and the focused-visit planner
#: group LAIT's measures as they group the Annex A indicators.
_THEME_PREFIXES = (
    ("cla_ceased_adopted", "Permanence"), ("cla_ceased_sgo", "Permanence"),
    ("cla_ceased_cao", "Permanence"),
    ("referrals", "Front door"), ("re_referrals", "Front door"),
    ("assessments", "Help and protection"), ("cin_", "Help and protection"),
    ("s47", "Help and protection"), ("icpc", "Help and protection"), ("cp_", "Help and protection"),
    ("care_applications", "Help and protection"),
    ("cla_", "Children in care"), ("care_leavers", "Care leavers"),
    ("workforce", "Workforce"),
)


def measure_theme(measure_id: str) -> str:
    """The theme a published measure is shown under; "Other published measures" if none."""
    return next((theme for prefix, theme in _THEME_PREFIXES if measure_id.startswith(prefix)),
                "Other published measures")


@dataclass(frozen=True)
class FlagCounts:
    """How many of an LA's published measures are flagged, by whether it is bad news."""

    worse: int = 0
    better: int = 0
    context: int = 0

    @property
    def total(self) -> int:
        return self.worse + self.better + self.context

    @property
    def text(self) -> str:
        if not self.total:
            return "None"
        parts = [f"{n} {label}" for n, label in ((self.worse, WORSE), (self.better, BETTER),
                                                 (self.context, CONTEXT)) if n]
        return f"{self.total} ({', '.join(parts)})"


def count_flagged_measures(flag_sets: list[tuple[Flag, ...]]) -> FlagCounts:
    """Each measure with any flag counted once, by ``flags_sense`` (worse before better)."""
    senses = [flags_sense(flags) for flags in flag_sets]
    return FlagCounts(senses.count(WORSE), senses.count(BETTER), senses.count(CONTEXT))
