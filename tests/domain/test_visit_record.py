"""How complete the visit record is since the last inspection (the count the focused-visit
allowance of ILACS framework paras 18, 21 and 22 is judged on), worked by hand against the
two official releases we hold: visits 1 April 2023 to 31 March 2024 and 1 April 2024 to
31 March 2025."""

from datetime import date

from dashboard.domain.visit_record import (
    COVERED,
    NOT_COVERED,
    PARTLY_COVERED,
    VisitPeriod,
    merge_periods,
    visit_record,
)

RELEASE_2024 = VisitPeriod(date(2023, 4, 1), date(2024, 3, 31))
RELEASE_2025 = VisitPeriod(date(2024, 4, 1), date(2025, 3, 31))
BOTH = [RELEASE_2025, RELEASE_2024]
TODAY = date(2026, 11, 23)


def test_back_to_back_releases_make_one_period() -> None:
    assert merge_periods(BOTH) == [VisitPeriod(date(2023, 4, 1), date(2025, 3, 31))]


def test_an_old_inspection_misses_visits_before_and_after_the_lists() -> None:
    record = visit_record(date(2021, 5, 10), TODAY, BOTH)
    assert record.status == PARTLY_COVERED
    assert record.listed_from == date(2023, 4, 1)
    assert record.sentence == (
        "Visits are listed only from 1 April 2023 to 31 March 2025; the count since the "
        "inspection of May 2021 may miss visits outside those dates.")
    assert record.brief == "record partial: visits listed 1 April 2023 to 31 March 2025"


def test_earlier_visits_missed_when_the_lists_reach_today() -> None:
    # The wording: the lists start after the inspection and run to today.
    record = visit_record(date(2021, 5, 10), date(2025, 1, 15), BOTH)
    assert record.status == PARTLY_COVERED
    assert record.sentence == (
        "Visits are listed only from 1 April 2023; the count since the inspection of May 2021 "
        "may miss earlier visits.")


def test_later_visits_missed_for_an_inspection_inside_the_lists() -> None:
    record = visit_record(date(2023, 9, 11), TODAY, BOTH)
    assert record.status == PARTLY_COVERED
    assert record.listed == (VisitPeriod(date(2023, 9, 12), date(2025, 3, 31)),)
    assert record.sentence == (
        "Visits are listed only up to 31 March 2025; the count since the inspection of "
        "September 2023 may miss later visits.")


def test_fully_covered_while_today_is_inside_the_lists() -> None:
    record = visit_record(date(2023, 9, 11), date(2025, 2, 1), BOTH)
    assert record.status == COVERED
    assert record.brief == ""
    assert record.sentence == "Every visit since the inspection of September 2023 is listed."


def test_an_inspection_after_the_lists_has_no_known_visits() -> None:
    record = visit_record(date(2025, 6, 9), TODAY, BOTH)
    assert record.status == NOT_COVERED
    assert record.listed_from is None
    assert record.sentence == (
        "Visits are listed only up to 31 March 2025, so visits since the inspection of "
        "June 2025 are not known.")
    assert record.brief == "not known: no visit list covers this time"


def test_no_visit_lists_at_all() -> None:
    record = visit_record(date(2025, 6, 9), TODAY, [])
    assert record.status == NOT_COVERED
    assert record.sentence == (
        "No source lists visits since the inspection of June 2025, so they are not known.")


def test_a_gap_between_lists_is_named() -> None:
    record = visit_record(date(2019, 2, 1), TODAY,
                          [VisitPeriod(date(2019, 4, 1), date(2020, 3, 31)), RELEASE_2025])
    assert record.status == PARTLY_COVERED
    assert record.sentence == (
        "Visits are listed only for 1 April 2019 to 31 March 2020 and 1 April 2024 to "
        "31 March 2025; the count since the inspection of February 2019 may miss visits "
        "outside those dates.")


def test_without_a_judgement_inspection_visits_count_from_january_2018() -> None:
    record = visit_record(None, TODAY, BOTH)
    assert record.status == PARTLY_COVERED
    assert record.sentence.endswith(
        "the count since ILACS began in January 2018 may miss visits outside those dates.")


def test_the_day_of_the_inspection_itself_is_not_counted() -> None:
    # Visits are counted from the day after the inspection started (la_status: later than
    # its start), so an inspection on the lists' last day leaves nothing listed after it.
    record = visit_record(date(2025, 3, 31), TODAY, BOTH)
    assert record.status == NOT_COVERED
