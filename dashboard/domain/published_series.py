"""Published series compared as DfE's LAIT does, and flags that name their rule.

LAIS brings everything known about an LA into one record (ILACS framework para 5): its
published figures are set beside the average of its statistical neighbours (with how many
neighbours the average is built from), its Ofsted region and England, over the years, with
a national rank and a quartile band that respect which way is better. Flags say which rule
raised them and with what threshold; every parameter is in ``FlagSettings``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from statistics import fmean, median, quantiles

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


SETTINGS = FlagSettings()


@dataclass(frozen=True)
class Average:
    """A mean and how many figures it is built from (out of how many possible)."""

    value: float | None
    count: int
    of: int


@dataclass(frozen=True)
class Rank:
    """National rank, 1 = best; ``tied`` = how many other LAs share the figure."""

    position: int
    out_of: int
    tied: int

    @property
    def text(self) -> str:
        tie = f" (tied with {self.tied} other{'s' if self.tied != 1 else ''})" if self.tied else ""
        return f"{self.position} of {self.out_of}{tie}"


#: Each rule's short name, for tables and counts.
RULE_LABELS = {
    "worst_quartile": "Worst quarter",
    "beyond_neighbours": "Beyond neighbours",
    "large_change": "Large change",
}

WORSE, BETTER, CONTEXT = "worse", "better", "context"

QUARTILE_RULE = (
    "Quartile bands place the figure among all English LAs' figures for the same year, as "
    "DfE's LAIT does: A is the best quarter, D the worst, taking account of which way is "
    "better; a figure on a boundary takes the better band. The national rank is 1 for the "
    "best; LAs with the same figure share a rank. Measures with no better direction have "
    "neither."
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
                  settings: FlagSettings = SETTINGS) -> Rank | None:
    """Competition rank among all LAs' figures (ties share the better place: 1, 2, 2, 4).

    None when the measure has no better direction or too few LAs have a figure.
    ``la_values`` includes the LA's own figure.
    """
    if value is None or polarity not in _BETTER or len(la_values) < settings.min_las_for_rank:
        return None
    if polarity == HIGHER_BETTER:
        better = sum(1 for v in la_values if v > value)
    else:
        better = sum(1 for v in la_values if v < value)
    tied = sum(1 for v in la_values if v == value) - 1
    return Rank(better + 1, len(la_values), max(tied, 0))


def band(value: float | None, la_values: list[float], polarity: str,
         settings: FlagSettings = SETTINGS) -> str | None:
    """Quartile band A (best quarter) to D as LAIT; none for measures with no better direction."""
    if value is None or polarity not in _BETTER or len(la_values) < settings.min_las_for_rank:
        return None
    lower, middle, upper = quantiles(la_values, n=4, method="inclusive")
    if polarity == HIGHER_BETTER:  # a figure on a boundary takes the better band
        return next((b for edge, b in ((upper, "A"), (middle, "B"), (lower, "C"))
                     if value >= edge), "D")
    return next((b for edge, b in ((lower, "A"), (middle, "B"), (upper, "C")) if value <= edge),
                "D")


def typical_change(pairs: list[tuple[float, float]],
                   settings: FlagSettings = SETTINGS) -> float | None:
    """The measure's typical year-on-year change: the median absolute change across LAs.

    ``pairs`` are (last year, this year) figures of every LA with both; None when too few.
    """
    if len(pairs) < settings.min_las_for_typical_change:
        return None
    return median(abs(now - before) for before, now in pairs)


def worst_quartile_flag(band_letter: str | None) -> Flag | None:
    if band_letter != "D":
        return None
    return Flag("worst_quartile", "In England's worst quarter of LAs (band D), "
                "taking account of which way is better.")


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
    """A change from last year larger than ``change_multiple`` times the typical change."""
    if before is None or now is None or typical is None:
        return None
    limit = settings.change_multiple * typical
    change = now - before
    if abs(change) <= limit:
        return None
    return Flag("large_change", f"Changed by {change:+.1f} from last year, more than "
                f"{settings.change_multiple:g} times the typical change across LAs "
                f"(median absolute change {typical:.2f}; limit {limit:.2f}).",
                direction_sense(change > 0, polarity))


def flags_for(value: float | None, band_letter: str | None,
              neighbour_values: list[float | None], before: float | None,
              typical: float | None, settings: FlagSettings = SETTINGS,
              polarity: str = NO_DIRECTION) -> list[Flag]:
    """Every flag the three rules raise for one LA's latest figure of one measure."""
    found = (
        worst_quartile_flag(band_letter),
        neighbour_range_flag(value, neighbour_values, settings, polarity),
        change_flag(before, value, typical, settings, polarity),
    )
    return [f for f in found if f is not None]


def rule_texts(settings: FlagSettings = SETTINGS) -> dict[str, str]:
    """Each rule with its threshold, for the page's key."""
    return {
        "worst_quartile": "Worst national quartile: the LA's latest figure is in band D among "
        f"all LAs with a figure (at least {settings.min_las_for_rank}); measures with no "
        "better direction are never flagged.",
        "beyond_neighbours": "Beyond the neighbours' range: the figure is below the lowest or "
        "above the highest of its statistical neighbours with a figure that year (at least "
        f"{settings.min_neighbours_for_range} of 10).",
        "large_change": "Large change: the change from the previous year is more than "
        f"{settings.change_multiple:g} times the measure's typical year-on-year change, the "
        "median absolute change across all LAs with both years (at least "
        f"{settings.min_las_for_typical_change}).",
    }


@dataclass(frozen=True)
class Comparison:
    """One measure for one LA, in its latest year with a figure anywhere."""

    measure_id: str
    year: int
    value: float | None
    neighbours: Average
    region: float | None
    #: False when the region figure is worked out from its LAs (not published); then
    #: ``region_count`` says from how many.
    region_published: bool
    region_count: int | None
    england: float | None
    rank: Rank | None
    band: str | None
    trend: tuple[tuple[int, float], ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class AreaFigure:
    value: float
    published: bool = True
    count: int | None = None


@dataclass(frozen=True)
class MeasureYear:
    """What one measure's latest year is for every LA alike, worked out once: each area's
    figure that year and the year before, the LAs' figures in order, the quartile edges
    and the typical year-on-year change."""

    year: int
    figures: dict[str, AreaFigure]
    previous: dict[str, float]
    #: every LA's figure that year, smallest first
    la_values: tuple[float, ...]
    #: the lower, middle and upper quartile of ``la_values``; None when too few LAs
    quartiles: tuple[float, float, float] | None
    typical: float | None


def measure_year(figures: dict[tuple[str, int], AreaFigure], la_codes: list[str],
                 settings: FlagSettings = SETTINGS) -> MeasureYear | None:
    """One measure's latest year (the latest with a figure anywhere); None if none.

    ``figures`` maps (area code, year) to a figure; ``la_codes`` are all LAs (for ranks,
    bands and the typical change) and leave regions and England out of those.
    """
    if not figures:
        return None
    year = max(y for _, y in figures)
    now = {code: f for (code, y), f in figures.items() if y == year}
    previous = {code: f.value for (code, y), f in figures.items() if y == year - 1}
    codes = set(la_codes)
    la_values = tuple(sorted(f.value for code, f in now.items() if code in codes))
    pairs = [(previous[code], now[code].value) for code in codes
             if code in now and code in previous]
    edges = (tuple(quantiles(la_values, n=4, method="inclusive"))
             if len(la_values) >= settings.min_las_for_rank else None)
    return MeasureYear(year, now, previous, la_values, edges,  # type: ignore[arg-type]
                       typical_change(pairs, settings))


def _rank_in(value: float, national: MeasureYear, polarity: str) -> Rank | None:
    if national.quartiles is None or polarity not in _BETTER:
        return None
    ordered = national.la_values
    low, high = bisect_left(ordered, value), bisect_right(ordered, value)
    better = len(ordered) - high if polarity == HIGHER_BETTER else low
    return Rank(better + 1, len(ordered), max(high - low - 1, 0))


def _band_in(value: float, national: MeasureYear, polarity: str) -> str | None:
    if national.quartiles is None or polarity not in _BETTER:
        return None
    lower, middle, upper = national.quartiles
    if polarity == HIGHER_BETTER:  # a figure on a boundary takes the better band
        return next((b for edge, b in ((upper, "A"), (middle, "B"), (lower, "C"))
                     if value >= edge), "D")
    return next((b for edge, b in ((lower, "A"), (middle, "B"), (upper, "C")) if value <= edge),
                "D")


def compare_in(measure_id: str, polarity: str, national: MeasureYear,
               trend: tuple[tuple[int, float], ...], la_code: str, neighbour_codes: list[str],
               region_code: str, england_code: str,
               settings: FlagSettings = SETTINGS) -> Comparison:
    """Compare one LA on one measure, LAIT-style, in the measure's latest year.

    ``trend`` is the LA's own figures by year, oldest first.
    """
    def value(code: str) -> float | None:
        figure = national.figures.get(code)
        return figure.value if figure else None

    own = value(la_code)
    neighbour_values = [value(code) for code in neighbour_codes]
    letter = _band_in(own, national, polarity) if own is not None else None
    region = national.figures.get(region_code)
    return Comparison(
        measure_id=measure_id,
        year=national.year,
        value=own,
        neighbours=neighbour_average(neighbour_values),
        region=region.value if region else None,
        region_published=region.published if region else True,
        region_count=region.count if region else None,
        england=value(england_code),
        rank=_rank_in(own, national, polarity) if own is not None else None,
        band=letter,
        trend=trend,
        flags=tuple(flags_for(own, letter, neighbour_values, national.previous.get(la_code),
                              national.typical, settings, polarity)),
    )


def compare(measure_id: str, polarity: str, figures: dict[tuple[str, int], AreaFigure],
            la_codes: list[str], la_code: str, neighbour_codes: list[str], region_code: str,
            england_code: str, settings: FlagSettings = SETTINGS) -> Comparison | None:
    """``compare_in`` from one measure's figures of every area and year; None if none."""
    national = measure_year(figures, la_codes, settings)
    if national is None:
        return None
    trend = tuple(sorted((y, f.value) for (code, y), f in figures.items() if code == la_code))
    return compare_in(measure_id, polarity, national, trend, la_code, neighbour_codes,
                      region_code, england_code, settings)


def flags_sense(flags: tuple[Flag, ...] | list[Flag]) -> str | None:
    """One measure's flags in one word: "worse" if any is bad news, else "better" if any is
    good news, else "context"; None when nothing is flagged."""
    senses = {flag.sense for flag in flags}
    for sense in (WORSE, BETTER, CONTEXT):
        if sense in senses:
            return sense
    return None


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
