"""Each SEF claim read against its figures (ILACS framework, para 50), with hand-worked
numbers.

The 95% limits below are worked by hand with the normal approximation to the binomial,
p +/- 1.96 * sqrt(p(1 - p) / n); the exact limits the check uses lie within a tenth of a
point of them at these sizes.
"""

from __future__ import annotations

import math
import re

import pytest

from dashboard.domain.funnel import proportion_limits
from dashboard.domain.sef import Figure
from dashboard.domain.sef_accuracy import (
    CLAIM,
    CONTRADICTED,
    IN_LINE,
    MIXED,
    NOT_CHECKED,
    NOT_MENTIONED,
    PLAN,
    QUESTIONED,
    SLIPPING,
    SUPPORTED,
    TOO_FEW,
    WITHDRAWN,
    WITHIN_CHANCE,
    Concern,
    StatementCheck,
    check_claim,
    check_statement_figure,
    direction_claimed,
    not_mentioned,
    review_items,
)

# Barnsley's demo strength "Assessments are completed on time": 875 of 1,075 (81.4%)
# against neighbours 84.8%, region and England 85.7%; higher is better.
DEMO = dict(england=85.7, region=85.7, neighbours=84.8, numerator=875, denominator=1075)


def by_hand(p_percent: float, n: int) -> tuple[float, float]:
    p = p_percent / 100
    half = 1.96 * math.sqrt(p * (1 - p) / n) * 100
    return p_percent - half, p_percent + half


def test_the_demo_assessments_strength_is_contradicted_with_its_working() -> None:
    low_england, _ = by_hand(85.7, 1075)  # 83.6
    low_neighbours, _ = by_hand(84.8, 1075)  # 82.7
    assert 81.4 < low_neighbours < low_england
    check = check_claim("strength", True, 81.4, **DEMO, year="year to 31 March 2025")
    assert check.verdict == CONTRADICTED
    text = " ".join(check.reasons)
    assert "81.4% (875 of 1,075)" in text
    assert "England's 85.7% (year to 31 March 2025)" in text
    assert "statistical neighbours' 84.8% (year to 31 March 2025)" in text
    assert "the region's 85.7%" in text
    limits = [float(x) for x in re.findall(r"\((\d+\.\d)% to", text)]
    assert limits[0] == pytest.approx(low_england, abs=0.15)
    assert limits[1] == pytest.approx(low_neighbours, abs=0.15)
    assert check.reasons[-1] == "So the figures say the opposite of this strength."


def test_the_limits_are_the_published_flags_limits() -> None:
    """One limits function, shared with the published figures' flags."""
    check = check_claim("strength", True, 81.4, england=85.7, numerator=875, denominator=1075)
    exact = proportion_limits(85.7, 1075)
    assert f"({exact.lower_95:.1f}% to {exact.upper_95:.1f}%)" in check.reasons[0]


def test_the_same_figures_support_an_area_for_development() -> None:
    check = check_claim("development", True, 81.4, **DEMO)
    assert check.verdict == SUPPORTED
    assert check.reasons[-1] == "So the figures agree with this area for development."


def test_three_children_of_four_never_contradict_anything_on_their_own() -> None:
    # 75% of 4 against 85.7%: by hand the limits are 85.7 +/- 34.3, far wider than the gap
    assert by_hand(85.7, 4)[0] < 75.0
    for band in (None, "D"):
        check = check_claim("strength", True, 75.0, england=85.7, neighbours=84.8,
                            numerator=3, denominator=4, band=band)
        assert check.verdict == TOO_FEW, band
        assert "Only 4 children stand behind the figure" in check.reasons[-1]
    # an area for development at 3 of 4 (75%) where England is 20%: beyond the limits
    # for 4 children, but 4 children are too few to contradict anything
    check = check_claim("development", True, 75.0, england=20.0, neighbours=22.0,
                        numerator=3, denominator=4)
    assert check.verdict == TOO_FEW
    # nor when a comparator is exactly 0% or 100%, where the limits have no width
    for england in (0.0, 100.0):
        assert check_claim("strength", england == 0.0, 75.0, england=england,
                           neighbours=england, numerator=3,
                           denominator=4).verdict == TOO_FEW


def test_without_counts_the_check_is_on_the_plain_difference() -> None:
    # "Very few children in care go missing … better than our neighbours and England"
    check = check_claim("strength", False, 16.3, england=11.0, region=9.8, neighbours=10.0)
    assert check.verdict == CONTRADICTED
    assert "16.3% is higher than England's 11.0% (5.3 points), so worse: a plain " \
        "difference, with no count to allow for how many children stand behind it." \
        in check.reasons


def test_the_worst_quarter_contradicts_a_strength_and_the_best_an_area_for_development(
        ) -> None:
    # conference timeliness of 69.3%, in England's worst quarter
    check = check_claim("strength", True, 69.3, band="D", year="year to 31 March 2025")
    assert check.verdict == CONTRADICTED
    assert "The published figure (year to 31 March 2025) is in band D: the worst quarter " \
        "of English LAs." in check.reasons
    assert check_claim("development", True, 95.0, band="A").verdict == CONTRADICTED
    assert check_claim("strength", True, 95.0, band="A").verdict == SUPPORTED
    assert check_claim("development", True, 60.0, band="D").verdict == SUPPORTED


def test_an_area_for_development_better_than_both_is_contradicted() -> None:
    # 95.0% of 1,000: by hand England's upper limit is 87.9, neighbours' 87.0
    assert by_hand(85.7, 1000)[1] < 95.0
    check = check_claim("development", True, 95.0, england=85.7, neighbours=84.8,
                        numerator=950, denominator=1000)
    assert check.verdict == CONTRADICTED


def test_a_strength_worse_than_its_earlier_figure_beyond_chance_is_slipping() -> None:
    # 88.0% of 1,000 is better than England (upper 87.9) and neighbours; against its own
    # 92.0% a year before (1,000 then too), both figures carry chance: by hand the change
    # of 4.0 points has a standard error of sqrt(.92 x .08 / 1000 + .88 x .12 / 1000) =
    # 1.34 points, so z = 3.0, beyond 1.96
    assert 4.0 / math.sqrt(0.92 * 0.08 / 1000 * 1e4 + 0.88 * 0.12 / 1000 * 1e4) > 1.96
    check = check_claim("strength", True, 88.0, england=85.7, neighbours=84.8,
                        numerator=880, denominator=1000, previous=92.0,
                        previous_when="lists extracted 31 March 2025")
    assert check.verdict == SLIPPING
    assert any(reason.startswith("88.0% is below the 95% limits for a change from its "
                                 "earlier figure of 92.0% (lists extracted 31 March 2025) "
                                 "with 1,000 children each time")
               for reason in check.reasons)
    # without counts, a fall of a tenth of the earlier figure or less is no slip
    assert check_claim("strength", True, 70.0, england=60.0, neighbours=65.0,
                       previous=70.1).verdict == SUPPORTED
    assert check_claim("strength", True, 60.0, england=50.0, neighbours=55.0,
                       previous=70.0).verdict == SLIPPING
    # an earlier figure within chance of today's is no slip: 91.0 against 92.0
    assert check_claim("strength", True, 91.0, england=85.7, neighbours=84.8,
                       numerator=910, denominator=1000, previous=92.0).verdict == SUPPORTED


def test_better_than_one_and_worse_than_the_other_is_mixed() -> None:
    # 86.0% of 2,000: England 85.7 (limits 84.2 to 87.2 by hand), neighbours 88.8
    # (limits 87.4 to 90.2): the same as England, worse than the neighbours
    check = check_claim("strength", True, 86.0, england=85.7, neighbours=88.8,
                        numerator=1720, denominator=2000)
    assert check.verdict == QUESTIONED
    check = check_claim("strength", True, 86.0, england=80.0, neighbours=88.8,
                        numerator=1720, denominator=2000)
    assert check.verdict == MIXED


def test_close_figures_are_in_line_and_lower_ones_within_chance_are_said_so() -> None:
    assert check_claim("strength", True, 85.0, england=85.7, neighbours=84.8,
                       numerator=850, denominator=1000).verdict == IN_LINE
    # 84.0% of 1,000 is below both, but within England's (83.5) and neighbours' (82.6)
    # lower limits by hand
    assert by_hand(84.8, 1000)[0] < 84.0
    check = check_claim("strength", True, 84.0, england=85.7, neighbours=84.8,
                        numerator=840, denominator=1000)
    assert check.verdict == WITHIN_CHANCE
    assert "no more than chance gives for this many children" in check.reasons[-1]


def test_nothing_to_check_against_says_so() -> None:
    assert check_claim("strength", True, None, england=85.7).verdict == NOT_CHECKED
    assert check_claim("strength", None, 40.0, england=85.7).verdict == NOT_CHECKED
    assert check_claim("strength", True, 40.0).verdict == NOT_CHECKED


def test_the_region_decides_only_when_england_and_the_neighbours_are_missing() -> None:
    assert check_claim("strength", True, 70.0, region=85.7).verdict == CONTRADICTED
    check = check_claim("strength", True, 70.0, england=60.0, region=85.7)
    assert check.verdict == SUPPORTED
    assert any("the region's 85.7%" in reason for reason in check.reasons)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        check_claim("opinion", True, 50.0)
    with pytest.raises(ValueError):
        check_claim("strength", True, 50.0, band="E")
    with pytest.raises(ValueError):
        check_claim("strength", "higher", 50.0, england=60.0)


def test_odd_but_readable_input_is_read_not_refused() -> None:
    assert check_claim("strength", True, 50.0, england=60.0, band="").verdict == CONTRADICTED
    assert check_claim("strength", True, 50.0, band=" d ").verdict == CONTRADICTED
    for missing in (float("nan"), float("inf")):
        assert check_claim("strength", True, missing, england=60.0).verdict == NOT_CHECKED
        assert check_claim("strength", True, 50.0, england=missing,
                           neighbours=40.0).verdict == SUPPORTED
    # no children behind it: nothing to check, and no "no count" said of given counts
    check = check_claim("strength", True, 0.0, england=80.0, neighbours=78.0,
                        numerator=0, denominator=0)
    assert check.verdict == NOT_CHECKED and "no children" in check.reasons[0]
    # figures equal as shown are the same, whatever lies beyond the first decimal
    assert "is the same as England's 70.0%" in check_claim(
        "strength", True, 70.04, england=69.98).reasons[0]


def test_a_rate_is_read_as_a_rate_from_its_counts() -> None:
    # 80 per 10,000 (80 of a population of 10,000) against England's 70: Poisson limits
    # around an expected 70 are about 70 +/- 1.96 x sqrt(70) = 53.6 to 86.4, so chance
    check = check_claim("strength", False, 80.0, england=70.0, neighbours=70.0,
                        numerator=80, denominator=10000)
    assert check.verdict == WITHIN_CHANCE
    assert check.reasons[0].startswith("80.0 per 10,000 children (80 children) is within the "
                                       "95% limits around England's 70.0 per 10,000")
    assert "(53.6 to 86.4 per 10,000 children)" in check.reasons[0]


def test_a_band_does_not_contradict_a_figure_within_chance_of_every_comparator() -> None:
    # 70.0% of 20 against England's 72.0%: by hand the limits are 52.3 to 91.7
    assert by_hand(72.0, 20)[0] < 70.0
    check = check_claim("strength", True, 70.0, england=72.0, numerator=14, denominator=20,
                        band="D")
    assert check.verdict == WITHIN_CHANCE
    # without counts the band stands
    assert check_claim("strength", True, 70.0, england=72.0, band="D").verdict == \
        CONTRADICTED


@pytest.mark.parametrize(("text", "kind", "higher_is_better"), [
    ("Very few children in care go missing", "strength", False),
    ("Too many children in care go missing", "development", False),
    ("More children now stay with their families", "strength", True),
    ("Fewer children than we would like are seen quickly", "development", True),
    ("Children in care are safe", "strength", None),
    ("More children go missing but fewer are away for long", "strength", None),
])
def test_a_context_measure_is_read_the_way_the_claim_takes_it(
        text: str, kind: str, higher_is_better: bool | None) -> None:
    assert direction_claimed(text, kind) is higher_is_better


def _figure(**changes: object) -> Figure:
    values: dict = dict(indicator_id="cla_missing", name="Children in care who went missing",
                        unit="%", value=16.3, numerator=None, denominator=None,
                        period_end="2026-03-31", snapshot_id=1,
                        comparators=(("Statistical neighbours", 10.0),
                                     ("Yorkshire and the Humber (Ofsted region)", 9.8),
                                     ("England", 11.0)),
                        comparators_period="year to 31 March 2025")
    return Figure(**(values | changes))


def test_a_statement_on_a_context_measure_is_checked_on_its_own_words() -> None:
    check = check_statement_figure(
        "strength", "Very few children in care go missing, better than our neighbours "
        "and England.", _figure(), None)
    assert check.verdict == CONTRADICTED
    assert check.reasons[0].startswith("This measure has no agreed better direction")
    withdrawn = check_statement_figure("strength", "Very few children go missing.",
                                       _figure(), None, withdrawn=True)
    assert withdrawn.verdict == NOT_CHECKED and "withdrawn" in withdrawn.reasons[0]
    assert any("Yorkshire and the Humber's 9.8% (year to 31 March 2025)" in reason
               for reason in check.reasons)
    assert check_statement_figure("strength", "Children in care are safe.", _figure(),
                                  None).verdict == NOT_CHECKED


def test_concerns_no_part_of_the_sef_mentions() -> None:
    concerns = [Concern("Re-referrals within 12 months", "re_referrals", "worst quarter"),
                Concern("Percentage of CLA having Dental Checks", None, "worst quarter"),
                Concern("Children in care per 10,000 children", "cla_rate", "large change")]
    left = not_mentioned(concerns, {"re_referrals"},
                         "Our percentage of CLA having dental checks is improving.")
    assert [c.measure_name for c in left] == ["Children in care per 10,000 children"]


def test_the_review_puts_the_most_serious_first() -> None:
    def claim(verdict_args: dict, withdrawn: bool = False) -> StatementCheck:
        check = check_claim(**verdict_args)
        return StatementCheck("Theme", "s1", "strength", "Claim", "Strength 1",
                              _figure(), check, withdrawn)

    agreed = claim(dict(kind="strength", higher_is_better=True, value=95.0, band="A"))
    contradicted = claim(dict(kind="strength", higher_is_better=True, value=60.0, band="D"),
                         withdrawn=True)
    items = review_items([agreed, contradicted], [Concern("Re-referrals", None, "worst quarter")],
                         [], [], ["Area for development 1 (No plan)"], [])
    assert [(i.kind, i.verdict) for i in items] == [
        (CLAIM, CONTRADICTED), (WITHDRAWN, ""), (NOT_MENTIONED, ""), (PLAN, ""),
        (CLAIM, SUPPORTED)]
    assert [i.needs_attention for i in items] == [True, True, True, True, False]
