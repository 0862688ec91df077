"""Is the self-evaluation accurate? Each claim read against its figures.

Inspectors evaluate "whether the local authority's own evaluation of the quality and
impact of its performance and practice is accurate" (ILACS framework, para 50). A SEF
statement is a strength or an area for development (para 33's first question); the
figures linked to it as evidence (its second question) can agree with it, say the
opposite, or be too few to tell. ``check_claim`` decides which, and says how in plain
sentences that name every number and comparator it used, so that a DCS and an inspector
can check the working.

"Worse" and "better" allow for how many children stand behind a figure: where its
numerator and denominator are known, a difference counts only when the figure lies
outside the 95% limits that chance alone gives around the comparator for a unit of that
size (the funnel-plot limits of ``dashboard.domain.funnel``, Spiegelhalter 2005; the
same function the published figures' flags use). Without counts the check is on the
plain difference, and the reasons say so.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from dashboard.domain.dates import long_date_from_iso
from dashboard.domain.funnel import (
    ABOVE_95,
    ABOVE_998,
    BELOW_95,
    BELOW_998,
    PROPORTION,
    RATE,
    change_limits,
    funnel_position,
    limits_for,
)
from dashboard.domain.sef import Figure

STRENGTH = "strength"
DEVELOPMENT = "development"

CONTRADICTED = "contradicted"
SLIPPING = "slipping"
QUESTIONED = "questioned"
MIXED = "mixed"
TOO_FEW = "too_few"
WITHIN_CHANCE = "within_chance"
IN_LINE = "in_line"
SUPPORTED = "supported"
NOT_CHECKED = "not_checked"

#: Each verdict's words on the page, most serious first (the order a summary uses).
VERDICT_LABELS: dict[str, str] = {
    CONTRADICTED: "The figures say the opposite",
    SLIPPING: "A strength that is slipping",
    QUESTIONED: "The figures question it",
    MIXED: "Mixed: better than one comparator, worse than another",
    TOO_FEW: "Too few children to tell",
    WITHIN_CHANCE: "No clearer than chance",
    IN_LINE: "In line with the comparators",
    SUPPORTED: "The figures agree",
    NOT_CHECKED: "Not checked",
}
SEVERITY: dict[str, int] = {verdict: rank for rank, verdict in enumerate(VERDICT_LABELS)}
#: Verdicts an inspector would want to ask about.
NEEDS_ATTENTION = frozenset({CONTRADICTED, SLIPPING, QUESTIONED, MIXED})

# ---------------------------------------------------------------- thresholds, in one place

#: A difference counts only beyond the 95% limits (about two standard deviations) for a
#: unit of this size: the level of the published figures' "worst quarter" gate.
LIMIT_POSITIONS_BEYOND = {ABOVE_95, ABOVE_998, BELOW_95, BELOW_998}
#: Fewer children than this behind a figure (with its counts known): too few to tell,
#: whatever the limits or a quartile band say, so 3 children of 4 never contradict a
#: claim on their own. The upload check's plausibility rule uses the same 20 (a figure
#: from fewer children swings too far to compare).
MIN_CHILDREN_TO_TELL = 20
#: Without counts, figures equal as the page shows them (to one decimal place) are the
#: same; any other difference is a plain difference, said to be one.
DECIMALS_SHOWN = 1
#: Without counts, a strength is slipping only when its figure is more than a tenth worse
#: than before (relative to the earlier figure): smaller plain changes are as likely to be
#: the usual movement from one extract to the next.
PLAIN_SLIP_SHARE = 0.10
#: The quartile bands (LAIT's, A the best quarter of English LAs): the worst quarter
#: says the opposite of a strength, the best the opposite of an area for development,
#: unless counts show the figure is within chance of every comparator (as the published
#: "worst quarter" flag is gated).
WORST_BAND = "D"
BEST_BAND = "A"
BANDS = frozenset("ABCD")

PERCENT = "%"
PER_10000 = "per 10,000 children"
_SCALES = {PERCENT: (100.0, PROPORTION), PER_10000: (10_000.0, RATE),
           "per 10,000": (10_000.0, RATE)}

BETTER = "better"
WORSE = "worse"
SAME = "same"


@dataclass(frozen=True)
class Comparison:
    """The figure against one comparator: better, worse or the same for the claim's
    measure, and whether that allowed for chance."""

    comparator: str
    value: float
    position: str
    allowed_for_chance: bool
    sentence: str


@dataclass(frozen=True)
class ClaimCheck:
    """A claim's verdict and the sentences giving its working."""

    verdict: str
    reasons: tuple[str, ...]
    comparisons: tuple[Comparison, ...] = ()

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def severity(self) -> int:
        return SEVERITY[self.verdict]

    @property
    def needs_attention(self) -> bool:
        return self.verdict in NEEDS_ATTENTION


def format_figure(value: float, unit: str) -> str:
    """A figure with its unit: 81.4%, 591.3 per 10,000 children, 412 days."""
    if unit == PERCENT:
        return f"{value:,.1f}%"
    if unit == "days":
        return f"{value:,.0f} days"
    return f"{value:,.1f} {unit}".rstrip()


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _finite(value: object) -> float | None:
    """A number the check can use: None for anything missing, not a number, or infinite."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _plain_position(value: float, target: float, higher_is_better: bool) -> str:
    shown_value, shown_target = round(value, DECIMALS_SHOWN), round(target, DECIMALS_SHOWN)
    if shown_value == shown_target:
        return SAME
    return BETTER if (shown_value > shown_target) == higher_is_better else WORSE


def compare_figure(value: float, target: float, comparator: str, higher_is_better: bool, *,
                   numerator: float | None = None, denominator: float | None = None,
                   unit: str = PERCENT, year: str = "", of_what: str = "children"
                   ) -> Comparison:
    """One comparison (ILACS framework, para 50): with counts, beyond the 95% funnel limits
    around ``target`` for this many children, or the same; without, the plain
    difference."""
    named = comparator
    shown = format_figure(value, unit)
    theirs = format_figure(target, unit) + (f" ({year})" if year else "")
    scale_kind = _SCALES.get(unit)
    usable_counts = (scale_kind is not None and denominator is not None and denominator >= 1
                     and (scale_kind[1] == RATE or 0 <= target <= scale_kind[0]))
    if usable_counts:
        scale, kind = scale_kind  # type: ignore[misc]
        limits = limits_for(target, denominator, scale, kind)  # type: ignore[arg-type]
        where = funnel_position(value, limits)
        if kind == PROPORTION:
            counts = (f"{numerator:,.0f} of {denominator:,.0f}" if numerator is not None
                      else f"of {denominator:,.0f} {of_what}")
            size = f"{denominator:,.0f} {of_what}"
        else:  # a rate's denominator is the population it is per
            counts = (f"{numerator:,.0f} {of_what}" if numerator is not None
                      else f"{denominator:,.0f} children")
            size = f"a population of {denominator:,.0f} children"
        lower = (format_figure(limits.lower_95, unit) if unit == PERCENT
                 else f"{limits.lower_95:,.1f}")
        limits_text = (f"the 95% limits around {_possessive(named)} {theirs} for {size} "
                       f"({lower} to {format_figure(limits.upper_95, unit)})")
        if where in LIMIT_POSITIONS_BEYOND:
            higher = where in (ABOVE_95, ABOVE_998)
            position = BETTER if higher == higher_is_better else WORSE
            side = "above" if higher else "below"
            sentence = (f"{shown} ({counts}) is {side} {limits_text}: {position} than "
                        f"{named} beyond chance.")
        else:
            position = SAME
            sentence = (f"{shown} ({counts}) is within {limits_text}: no different from "
                        f"{named} beyond chance.")
        return Comparison(named, target, position, True, sentence)
    position = _plain_position(value, target, higher_is_better)
    if position == SAME:
        return Comparison(named, target, SAME, False,
                          f"{shown} is the same as {_possessive(named)} {theirs}.")
    higher = round(value, DECIMALS_SHOWN) > round(target, DECIMALS_SHOWN)
    gap = abs(round(value, DECIMALS_SHOWN) - round(target, DECIMALS_SHOWN))
    gap_text = f"{gap:,.1f} points" if unit == PERCENT else format_figure(gap, unit)
    sentence = (f"{shown} is {'higher' if higher else 'lower'} than {_possessive(named)} "
                f"{theirs} ({gap_text}), so {position}: a plain difference, with no count to "
                "allow for how many children stand behind it.")
    return Comparison(named, target, position, False, sentence)


def compare_with_earlier(value: float, previous: float, higher_is_better: bool, *,
                         denominator: float | None, unit: str, when: str = "",
                         of_what: str = "children") -> Comparison:
    """Today's figure against the LA's own earlier one (ILACS framework, para 50: is a
    strength still one?). With counts, both figures carry chance: the change must lie
    beyond the 95% limits for a change between two such figures (the published figures'
    large-change limits, Spiegelhalter 2005, section 5; the earlier figure is taken to
    rest on as many children as today's). Without, a fall of more than
    ``PLAIN_SLIP_SHARE`` of the earlier figure."""
    named = f"its earlier figure of {format_figure(previous, unit)}" + (
        f" ({when})" if when else "")
    shown = format_figure(value, unit)
    scale_kind = _SCALES.get(unit)
    if (scale_kind is not None and denominator is not None and denominator >= 1
            and (scale_kind[1] == RATE or 0 <= previous <= scale_kind[0])):
        scale, kind = scale_kind
        limits = change_limits(previous, denominator, denominator, scale, kind)
        where = funnel_position(value, limits)
        range_text = (f"{format_figure(limits.lower_95, unit)} to "
                      f"{format_figure(limits.upper_95, unit)}")
        if where in LIMIT_POSITIONS_BEYOND:
            higher = where in (ABOVE_95, ABOVE_998)
            position = BETTER if higher == higher_is_better else WORSE
            return Comparison(named, previous, position, True, (
                f"{shown} is {'above' if higher else 'below'} the 95% limits for a change "
                f"from {named} with {denominator:,.0f} {of_what} each time ({range_text}): "
                f"{position} than before beyond chance."))
        return Comparison(named, previous, SAME, True, (
            f"{shown} is within the 95% limits for a change from {named} with "
            f"{denominator:,.0f} {of_what} each time ({range_text}): no change beyond "
            "chance."))
    change = value - previous
    worse = (change < 0) == higher_is_better and change != 0
    big = previous != 0 and abs(change) > PLAIN_SLIP_SHARE * abs(previous)
    position = (WORSE if worse else BETTER) if big else SAME
    size = "more" if big else "no more"
    return Comparison(named, previous, position, False, (
        f"{shown} against {named}: a plain change of {format_figure(abs(change), unit)}, "
        f"{size} than a tenth of the earlier figure, with no count to allow for how many "
        "children stand behind it."))


def _claim_words(kind: str) -> tuple[str, str, str]:
    """(what the claim is, the position that agrees with it, the one that opposes it)."""
    if kind == STRENGTH:
        return "this strength", BETTER, WORSE
    return "this area for development", WORSE, BETTER


def _band_sentence(band: str, year: str) -> str:
    when = f" ({year})" if year else ""
    place = {"A": "the best quarter", "B": "the second-best quarter",
             "C": "the second-worst quarter", "D": "the worst quarter"}[band]
    return f"The published figure{when} is in band {band}: {place} of English LAs."


def _clean_band(band: object) -> str | None:
    if band is None:
        return None
    if not isinstance(band, str):
        raise ValueError(f"band must be one of A, B, C, D, not {band!r}")
    letter = band.strip().upper()
    if not letter:
        return None
    if letter not in BANDS:
        raise ValueError(f"band must be one of A, B, C, D, not {band!r}")
    return letter


def _unit_of(unit: str | None, value: float, numerator: float | None,
             denominator: float | None, others: list[float]) -> str:
    """The figure's unit: as given, or, when not, what its counts say (a percentage or a
    rate per 10,000: whichever ``value`` matches), or a percentage when every figure
    lies within 0 to 100 and a plain number when not."""
    if unit is not None:
        return unit
    if numerator is not None and denominator is not None and denominator > 0:
        share = numerator / denominator
        return PERCENT if abs(value - 100 * share) <= abs(value - 10_000 * share) else PER_10000
    return PERCENT if all(0 <= x <= 100 for x in (value, *others)) else ""


def check_claim(kind: str, higher_is_better: bool | None, value: float | None, *,
                england: float | None = None, region: float | None = None,
                neighbours: float | None = None, previous: float | None = None,
                numerator: float | None = None, denominator: float | None = None,
                band: str | None = None, unit: str | None = None, year: str = "",
                previous_when: str = "", region_name: str = "the region",
                of_what: str = "children") -> ClaimCheck:
    """The verdict on one claim (ILACS framework, para 50: is the LA's own evaluation
    accurate?) and its working.

    ``kind`` is "strength" or "development"; ``band`` LAIT's quartile band, "A" (best
    quarter) to "D" (worst). A strength worse than England and its statistical
    neighbours (beyond chance where counts are known), or in the worst quarter, is
    "contradicted"; an area for development better than both, or in the best quarter,
    likewise. Where England or the neighbours are missing the others decide, and the
    region only when both are. With counts, a figure from fewer than
    ``MIN_CHILDREN_TO_TELL`` children is "too_few", whatever it shows, and a band does
    not contradict a figure within chance of every comparator. Then, in order: a
    strength worse than its own ``previous`` figure beyond chance is "slipping"; better
    than one comparator (for a strength; worse, for an area for development) and no
    worse than the other, or in the best quarter for the claim, is "supported"; better
    than one and worse than the other is "mixed"; worse than one and no better than the
    other is "questioned"; different from every comparator but within chance is
    "within_chance"; otherwise "in_line". No figure, no direction or nothing to compare
    with is "not_checked".
    """
    if kind not in (STRENGTH, DEVELOPMENT):
        raise ValueError(f"kind must be 'strength' or 'development', not {kind!r}")
    if isinstance(higher_is_better, str):
        raise ValueError("higher_is_better must be True, False or None, not text")
    band = _clean_band(band)
    value, england, region, neighbours, previous = (
        _finite(x) for x in (value, england, region, neighbours, previous))
    numerator, denominator = _finite(numerator), _finite(denominator)
    claim, agrees, opposes = _claim_words(kind)
    if value is None:
        return ClaimCheck(NOT_CHECKED, ("There is no figure to check the claim against.",))
    unit = _unit_of(unit, value, numerator, denominator,
                    [x for x in (england, region, neighbours, previous) if x is not None])
    if higher_is_better is None:
        return ClaimCheck(NOT_CHECKED, (
            f"{format_figure(value, unit)}: this measure has no better direction (DfE "
            "publishes it as context), so its figures cannot agree or disagree with a "
            "claim.",))
    higher_is_better = bool(higher_is_better)
    if denominator is not None and denominator < 1:
        return ClaimCheck(NOT_CHECKED, (
            f"{format_figure(value, unit)} rests on no children (a denominator of "
            f"{denominator:g}), so there is nothing to check.",))
    counts = dict(numerator=numerator, denominator=denominator, unit=unit, of_what=of_what)
    main = [compare_figure(value, target, name, higher_is_better, year=year, **counts)
            for name, target in (("England", england), ("statistical neighbours", neighbours))
            if target is not None]
    regional = ([compare_figure(value, region, region_name, higher_is_better, year=year,
                                **counts)] if region is not None else [])
    deciding = main or regional
    others = regional if main else []
    reasons = [c.sentence for c in (*deciding, *others)]
    if band is not None:
        reasons.append(_band_sentence(band, year))
    slipping = False
    if previous is not None:
        since = compare_with_earlier(value, previous, higher_is_better,
                                     denominator=denominator, unit=unit,
                                     when=previous_when.strip(" ()"), of_what=of_what)
        reasons.append(since.sentence)
        slipping = since.position == WORSE
    if not deciding and band is None and previous is None:
        return ClaimCheck(NOT_CHECKED, (
            f"{format_figure(value, unit)}: there is no England, neighbour or regional "
            "figure, band or earlier figure to compare it with.",))

    def verdict(name: str, closing: str) -> ClaimCheck:
        return ClaimCheck(name, (*reasons, closing), tuple((*deciding, *others)))

    # the children behind a rate are its count; behind a percentage, its denominator
    behind = numerator if _SCALES.get(unit, (0, PROPORTION))[1] == RATE else denominator
    if behind is not None and behind < MIN_CHILDREN_TO_TELL:
        return verdict(TOO_FEW, f"Only {behind:,.0f} {of_what} stand behind the figure: "
                       "too few to tell, whatever it shows.")

    positions = [c.position for c in deciding]
    opposed_by_figures = bool(positions) and all(p == opposes for p in positions)
    agreed_by_figures = agrees in positions and opposes not in positions
    worst_for_claim = WORST_BAND if kind == STRENGTH else BEST_BAND
    best_for_claim = BEST_BAND if kind == STRENGTH else WORST_BAND
    within_chance = bool(deciding) and all(c.allowed_for_chance and c.position == SAME
                                           for c in deciding)

    if opposed_by_figures:
        return verdict(CONTRADICTED, f"So the figures say the opposite of {claim}.")
    if band == worst_for_claim and not within_chance:
        return verdict(CONTRADICTED, f"So the figures say the opposite of {claim}: its "
                       f"band is {band}.")
    if kind == STRENGTH and slipping:
        return verdict(SLIPPING, "So this strength is slipping: the figure is worse than "
                       "it was.")
    if agreed_by_figures or (band == best_for_claim and not within_chance):
        return verdict(SUPPORTED, f"So the figures agree with {claim}.")
    if agrees in positions and opposes in positions:
        return verdict(MIXED, "So the figures are mixed: better than one comparator and "
                       "worse than another.")
    if opposes in positions:
        return verdict(QUESTIONED, f"So the figures question {claim}: {opposes} than "
                       "one comparator and no better than the other.")
    if within_chance and _plain_lean(value, deciding, higher_is_better) is not None:
        return verdict(WITHIN_CHANCE, "So the figures neither agree nor disagree: the "
                       f"difference is no more than chance gives for this many {of_what}.")
    if not deciding:
        return verdict(IN_LINE, "There is no England, neighbour or regional figure to "
                       "compare it with.")
    return verdict(IN_LINE, f"So the figures neither agree nor disagree with {claim}: "
                   "it is in line with the comparators.")


def _plain_lean(value: float, comparisons: list[Comparison], higher_is_better: bool
                ) -> str | None:
    """Which way the figure leans against every comparator before chance is allowed for:
    "better" or "worse" when it is on the same side of all of them, else None."""
    sides = {_plain_position(value, c.value, higher_is_better) for c in comparisons}
    if SAME in sides or len(sides) != 1:
        return None
    return sides.pop()


# ---------------------------------------------------------------- the claim's own direction

_SAYS_LOWER = re.compile(r"\b(?:few|fewer|fewest|less|least|lower|lowest|low|reduced|"
                         r"reducing|fell|falling|rarely|seldom|minimal)\b", re.IGNORECASE)
_SAYS_HIGHER = re.compile(r"\b(?:more|most|higher|highest|high|increased|increasing|rose|"
                          r"rising|many)\b", re.IGNORECASE)


def direction_claimed(text: str, kind: str) -> bool | None:
    """For a measure with no agreed better direction (a context measure such as children
    in care who went missing), which way the claim itself takes as better: a strength
    saying "few" or "lower" takes lower as better, an area for development saying "too
    many" takes lower as better too. None when the text says neither or both. The claim
    is then read on its own terms (ILACS framework, para 50: is the LA's evaluation
    accurate?), and the reasons say so."""
    lower, higher = bool(_SAYS_LOWER.search(text)), bool(_SAYS_HIGHER.search(text))
    if lower == higher:
        return None
    return higher if kind == STRENGTH else lower


# ---------------------------------------------------------------- a whole SEF


@dataclass(frozen=True)
class StatementCheck:
    """One claim's check against one of its linked figures (as frozen when linked);
    ``withdrawn`` when the upload it came from was withdrawn since."""

    theme: str
    statement_id: str
    kind: str
    text: str
    where: str
    figure: Figure
    check: ClaimCheck
    withdrawn: bool = False


NEIGHBOURS_LABEL = "Statistical neighbours"
ENGLAND_LABEL = "England"
REGION_SUFFIX = " (Ofsted region)"


def _comparator_values(comparators: tuple[tuple[str, float | None], ...]
                       ) -> tuple[float | None, float | None, float | None, str]:
    """(England, neighbours, region, region's name) from a figure's labelled comparators."""
    england = neighbours = region = None
    region_name = "the region"
    for label, value in comparators:
        if label == ENGLAND_LABEL:
            england = value
        elif label.startswith(NEIGHBOURS_LABEL):
            neighbours = value
        elif label.endswith(REGION_SUFFIX):
            region, region_name = value, label.removesuffix(REGION_SUFFIX)
    return england, neighbours, region, region_name


def check_statement_figure(kind: str, text: str, figure: Figure,
                           higher_is_better: bool | None, of_what: str = "children", *,
                           withdrawn: bool = False) -> ClaimCheck:
    """``check_claim`` for a SEF statement and one of its linked figures (ILACS framework,
    para 50). A context measure (no better direction) is read the way the claim's own
    words take it, when they say ("very few children go missing"), and the reasons say
    so."""
    if withdrawn:
        return ClaimCheck(NOT_CHECKED, (
            f"{figure.name}: the upload these figures came from was withdrawn, so they "
            "are not checked.",))
    england, neighbours, region, region_name = _comparator_values(figure.comparators)
    direction_note = ()
    if higher_is_better is None:
        claimed = direction_claimed(text, kind)
        if claimed is not None:
            higher_is_better = claimed
            direction_note = (
                "This measure has no agreed better direction; the claim's own words take "
                f"{'higher' if claimed else 'lower'} as better, so it is read that way.",)
    check = check_claim(
        kind, higher_is_better, figure.value, england=england, region=region,
        neighbours=neighbours, previous=figure.previous, numerator=figure.numerator,
        denominator=figure.denominator, band=figure.band or None, unit=figure.unit,
        year=figure.comparators_period,
        previous_when=(f"lists extracted {long_date_from_iso(figure.previous_period_end)}"
                       if figure.previous_period_end else ""),
        region_name=region_name, of_what=of_what)
    return ClaimCheck(check.verdict, (*direction_note, *check.reasons), check.comparisons)


@dataclass(frozen=True)
class Concern:
    """A published measure an inspector would ask about: flagged worse, or in England's
    worst quarter. ``indicator_id`` is the Annex A indicator measuring it, if any."""

    measure_name: str
    indicator_id: str | None
    why: str


def not_mentioned(concerns: list[Concern], linked_indicators: set[str], sef_text: str
                  ) -> list[Concern]:
    """The concerns no part of the SEF mentions (ILACS framework, para 50: an evaluation
    that leaves out what its own figures show is not accurate): mentioned means a claim
    links the measure's figure, or the SEF's text names the measure."""
    text = sef_text.casefold()
    return [c for c in concerns
            if c.indicator_id not in linked_indicators
            and c.measure_name.casefold() not in text]


# ---------------------------------------------------------------- what an inspector will see

CLAIM = "claim"
WITHDRAWN = "withdrawn"
NOT_MENTIONED = "not_mentioned"
THEME_WITHOUT_EVIDENCE = "theme_without_evidence"
CLAIM_WITHOUT_EVIDENCE = "claim_without_evidence"
PLAN = "plan"
WRITING = "writing"

#: The order of a review, most serious first: what the figures contradict, then figures
#: that no longer stand, what is left out, claims and themes with nothing behind them,
#: weaknesses without a complete plan (para 33's third question), then the writing.
_ORDER = {CONTRADICTED: 0, SLIPPING: 1, QUESTIONED: 2, MIXED: 3, WITHDRAWN: 4,
          NOT_MENTIONED: 5, THEME_WITHOUT_EVIDENCE: 6, CLAIM_WITHOUT_EVIDENCE: 7, PLAN: 8,
          WRITING: 9, TOO_FEW: 10, WITHIN_CHANCE: 11, NOT_CHECKED: 12, IN_LINE: 13,
          SUPPORTED: 14}


@dataclass(frozen=True)
class ReviewItem:
    """One thing the review found, with where it is and the sentences saying why."""

    kind: str
    heading: str
    where: str
    text: str
    statement_id: str = ""
    #: the verdict, for a claim's check
    verdict: str = ""

    @property
    def order(self) -> int:
        return _ORDER[self.verdict or self.kind]

    @property
    def key(self) -> str:
        """A short fingerprint of what the item says and where: a button names its item by
        this, so that a check added or gone meanwhile never moves a click to another."""
        words = "\x1f".join((self.kind, self.verdict, self.statement_id, self.where,
                             self.text))
        return hashlib.sha256(words.encode()).hexdigest()[:16]

    @property
    def needs_attention(self) -> bool:
        return self.order < _ORDER[TOO_FEW]


def statement_place(kind_label: str, number: int, theme: str, text: str) -> str:
    """Where a statement is, as a reader finds it: Strength 2 in “Care leavers”: “…”."""
    words = " ".join(text.split())
    short = words if len(words) <= 90 else words[:89].rstrip() + "…"
    return f"{kind_label} {number} in “{theme or 'Unnamed theme'}”: “{short or '(no text)'}”"


def review_items(claim_checks: list[StatementCheck], concerns: list[Concern],
                 themes_without_evidence: list[str], claims_without_evidence: list[str],
                 plan_gaps: list[str], writing: list[tuple[str, str, str]]
                 ) -> list[ReviewItem]:
    """Everything the checks found, most serious first (ILACS framework, paras 33, 36 and
    50). ``writing`` holds (where, hint label, reason); the others are already worded."""
    items: list[ReviewItem] = []
    for found in claim_checks:
        if found.withdrawn:
            items.append(ReviewItem(
                WITHDRAWN, "A figure from a withdrawn upload", found.where,
                f"{found.figure.name}: the upload these figures came from was withdrawn, "
                "so they no longer stand. The LA can use “Update figures to the latest "
                "upload” in its editor.", found.statement_id))
        items.append(ReviewItem(
            CLAIM, found.check.label, f"{found.where}, with {found.figure.name}",
            " ".join(found.check.reasons), found.statement_id, found.check.verdict))
    items += [ReviewItem(NOT_MENTIONED, "Not mentioned", c.measure_name,
                         f"{c.why[:1].upper()}{c.why[1:]}. No claim links its figure or "
                         "names it.")
              for c in concerns]
    items += [ReviewItem(THEME_WITHOUT_EVIDENCE, "A theme with no evidence", theme,
                         "None of its statements gives any evidence (para 33: how do you "
                         "know it?).") for theme in themes_without_evidence]
    items += [ReviewItem(CLAIM_WITHOUT_EVIDENCE, "A claim with no evidence", where,
                         "It gives no evidence: link a figure or other evidence (para 33: "
                         "how do you know it?).") for where in claims_without_evidence]
    items += [ReviewItem(PLAN, "A plan to complete", gap,
                         "Para 33 asks for plans for the next 12 months: give each area "
                         "for development a plan with an action, owner, date and how its "
                         "impact will be measured.") for gap in plan_gaps]
    items += [ReviewItem(WRITING, label, where, reason) for where, label, reason in writing]
    return sorted(items, key=lambda item: item.order)
