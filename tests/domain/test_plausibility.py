"""An uploaded figure against the LA's own published figure: half to twice, or a warning;
not compared (and a note says why) on a published 0, a missing figure or too few
children behind the upload. Figures worked by hand."""

from __future__ import annotations

from dashboard.domain.indicators import INDICATORS, IndicatorValue
from dashboard.domain.plausibility import (
    HALF_TO_TWICE_RULE,
    NOTE,
    WARNING,
    WITHIN,
    PublishedFigure,
    half_to_twice_the_published_figure,
    unit_kind,
)

YEAR = "year to 31 March 2025"
POPULATION = 40_000


def cla(children: int) -> IndicatorValue:
    """Children in care per 10,000 of 40,000 children."""
    return IndicatorValue(children / POPULATION * 10_000, children, POPULATION)


def published(value: float | None, unit: str = "Rate per 10,000") -> PublishedFigure:
    return PublishedFigure(value, unit, YEAR)


def findings(values, figures):
    return [(f.indicator_id, f.severity, f.message)
            for f in half_to_twice_the_published_figure(values, figures)]


def test_a_figure_below_half_the_published_one_is_a_warning_naming_both() -> None:
    # 54 children in care of 40,000 children: 54 / 40,000 * 10,000 = 13.5 per 10,000;
    # half of the published 71.0 is 35.5, and 13.5 is below it
    assert findings({"cla_rate": cla(54)}, {"cla_rate": published(71.0)}) == [(
        "cla_rate", WARNING,
        "Children in care per 10,000 children: 13.5 from this upload, 71.0 published for "
        "the year to 31 March 2025: check the lists are complete.")]


def test_a_figure_above_twice_the_published_one_is_a_warning_too() -> None:
    # 30 of 40 assessments in time is 75.0%; twice the published 30.0% is 60.0%
    value = IndicatorValue(75.0, 30, 40)
    [(_, severity, message)] = findings(
        {"assessments_45_days": value},
        {"assessments_45_days": published(30.0, "% completed to time")})
    assert severity == WARNING
    assert message.startswith("Assessments completed within 45 working days: 75.0% from this "
                              "upload, 30.0% published for the year to 31 March 2025: check "
                              "the lists hold nothing twice")


def test_half_and_twice_themselves_pass() -> None:
    # 142 children: 35.5 per 10,000, exactly half of 71.0; 568 children: 142.0, twice it
    figures = {"cla_rate": published(71.0)}
    assert findings({"cla_rate": cla(142)}, figures) == [(
        "cla_rate", WITHIN, "Children in care per 10,000 children: 35.5 from this upload, "
        "71.0 published for the year to 31 March 2025: within half to twice it.")]
    assert [f[1] for f in findings({"cla_rate": cla(568)}, figures)] == [WITHIN]
    # one child fewer or more is outside: 141 gives 35.25, 569 gives 142.25
    assert [f[1] for f in findings({"cla_rate": cla(141)}, figures)] == [WARNING]
    assert [f[1] for f in findings({"cla_rate": cla(569)}, figures)] == [WARNING]


def test_too_few_children_behind_a_figure_is_a_note_not_a_comparison() -> None:
    # a rate counts its numerator: 19 children in care is too few, 20 is enough
    figures = {"cla_rate": published(71.0)}
    [(_, severity, message)] = findings({"cla_rate": cla(19)}, figures)
    assert severity == NOTE
    assert message == ("Children in care per 10,000 children: 4.8 from this upload, not "
                       "compared with the 71.0 published for the year to 31 March 2025: too "
                       "few behind it (children in care, short breaks left out: 19; a "
                       "comparison needs at least 20).")
    assert [f[1] for f in findings({"cla_rate": cla(20)}, figures)] == [WARNING]
    # a percentage counts its denominator: 1 of 19 conferences (5.3%) against 80% is not
    # compared, however far apart
    value = IndicatorValue(100 / 19, 1, 19)
    [(_, severity, message)] = findings(
        {"icpc_15_days": value}, {"icpc_15_days": published(80.0, "% conferences held")})
    assert severity == NOTE and "(conferences held in the six months: 19;" in message
    # an average counts the children it averages: 12 children placed for adoption
    days = IndicatorValue(900.0, 10_800, 12)
    [(_, severity, message)] = findings(
        {"adoption_entry_to_placement": days},
        {"adoption_entry_to_placement": published(400.0, "days")})
    assert severity == NOTE and "(children placed for adoption: 12;" in message


def test_a_published_zero_or_missing_figure_is_a_note() -> None:
    values = {"cla_rate": cla(400)}
    [(_, severity, message)] = findings(values, {"cla_rate": published(0.0)})
    assert severity == NOTE and "the published figure for the year to 31 March 2025 is 0.0" \
        in message
    [(_, severity, message)] = findings(values, {"cla_rate": published(None)})
    assert severity == NOTE and "there is no published figure" in message


def test_no_published_measure_no_uploaded_figure_or_another_unit_gives_nothing() -> None:
    assert findings({"contacts_rate": cla(400)}, {}) == []  # nothing published to compare
    assert findings({"cla_rate": IndicatorValue(None, 10, None, "No population.")},
                    {"cla_rate": published(71.0)}) == []
    assert findings({"cla_rate": cla(54)}, {"cla_rate": published(71.0, "% of children")}) == []


def test_findings_follow_the_indicators_order() -> None:
    values = {"cla_rate": cla(54), "cp_plans_rate": cla(30)}
    figures = {"cla_rate": published(71.0), "cp_plans_rate": published(40.0)}
    order = [indicator.id for indicator in INDICATORS]
    ids = [f[0] for f in findings(values, figures)]
    assert ids == sorted(ids, key=order.index) == ["cp_plans_rate", "cla_rate"]


def test_units_match_however_they_are_worded() -> None:
    assert unit_kind("Rate per 10,000") == unit_kind("per 10,000 children")
    assert unit_kind("% FTE") == unit_kind("%") != unit_kind("days")
    assert unit_kind("cases per FTE") == unit_kind("children per social worker")
    assert unit_kind("number") is None


def test_the_rule_is_stated_with_its_thresholds() -> None:
    assert "below half" in HALF_TO_TWICE_RULE and "above twice" in HALF_TO_TWICE_RULE
    assert "fewer than 20 children or events" in HALF_TO_TWICE_RULE


def test_each_plausibility_warning_touches_its_own_indicator() -> None:
    from dashboard.domain.plausibility import PLAUSIBILITY
    from dashboard.domain.warning_impact import warning_impacts

    [impact] = warning_impacts({(PLAUSIBILITY, None, "cla_rate", None): 1,
                                (PLAUSIBILITY, None, "cp_plans_rate", None): 1})
    assert impact.kind == PLAUSIBILITY and impact.rows == 2
    assert impact.indicators == ("cp_plans_rate", "cla_rate")
    assert impact.indicator_names == ("Child protection plans per 10,000 children",
                                      "Children in care per 10,000 children")
